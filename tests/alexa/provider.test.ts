import { resetLwaTokenCache } from "../../packages/alexa-linking-component/src/alexa/lwa";
import {
  createSkillLinkingProvider,
  type SkillLinkingProvider,
} from "../../packages/alexa-linking-component/src/providers/skillAccountLinking";
import type { AccountLinking, SkillLinkingInputs, SkillLinkingOutputs } from "../../packages/alexa-linking-component/src/alexa/types";
import { DEFAULT_LWA, start } from "../emulators/smapi";
import { startedForSuite } from "../support/startedForSuite";
import {
  COGNITO_CLIENT_ID,
  COGNITO_SECRET,
  OTHER_REDIRECT,
  REDIRECT,
  SKILL_A,
  SKILL_B,
  SKILL_C,
  fullLinking,
  skillInputs,
} from "./fixtures";
import { fakeRuntime } from "../support/retryRuntime";
import { providerPaths } from "../support/providerPaths";
import { SKILL_ACCOUNT_LINKING_TYPE } from "../../packages/alexa-linking-component/src/alexa/resource";

const DEV = "development";
/** Credentials after a rotation; `&`, `=` and `+` as in the emulator's defaults. */
const ROTATED_LWA = { clientId: "amzn1.application-oa2-client.rotated", clientSecret: "rotated&secret=+", refreshToken: "Atzr|rotated&=+" };
const CONSOLE_URL = "https://console-added.example.com/";

/** Three skills, each configured differently: what they hold must survive every operation. */
const ORIGINAL: Record<string, AccountLinking> = {
  [SKILL_A]: fullLinking(),
  [SKILL_B]: fullLinking({ redirectUrls: undefined, skipOnEnablement: false, accessTokenScheme: "REQUEST_BODY_CREDENTIALS" }),
  [SKILL_C]: fullLinking({ redirectUrls: [OTHER_REDIRECT, "https://b.example.com/"], futureField: { nested: [1, 2] } }),
};
const SKILLS = Object.keys(ORIGINAL);

describe.each(providerPaths(SKILL_ACCOUNT_LINKING_TYPE, ["lwa", "clientSecret"]))("SkillAccountLinking $label", ({ serve }) => {
  const emu = startedForSuite(start);
  let runtime: ReturnType<typeof fakeRuntime>;
  let provider: SkillLinkingProvider;

  beforeEach(() => {
    emu.setLwa(DEFAULT_LWA);
    for (const id of SKILLS) emu.setSkill(id, DEV, ORIGINAL[id]);
    emu.onAfterGet(undefined);
    emu.clearFailures();
    emu.clearRequests();
    resetLwaTokenCache();
    runtime = fakeRuntime();
    provider = serve(
      createSkillLinkingProvider({
        retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 100, maxTotalMs: 60_000, attemptTimeoutMs: 10_000 },
        runtime,
      }),
    );
  });

  const inputsFor = (skillId: string, over: Partial<SkillLinkingInputs> = {}) => skillInputs(emu, skillId, over);

  async function create(inputs: SkillLinkingInputs): Promise<SkillLinkingOutputs> {
    const checked = await provider.check!({} as SkillLinkingInputs, inputs);
    expect(checked.failures).toEqual([]);
    return (await provider.create(checked.inputs!)).outs!;
  }

  /** What `pulumi up` does with a resource: check, diff, and update only on a change. */
  async function up(olds: SkillLinkingOutputs, news: SkillLinkingInputs): Promise<{ outs: SkillLinkingOutputs; updated: boolean }> {
    const checked = await provider.check!(olds, news);
    expect(checked.failures).toEqual([]);
    const diff = await provider.diff!(`${news.skillId}/${news.stage}`, olds, checked.inputs!);
    expect(diff.replaces ?? []).toEqual([]);
    if (!diff.changes) return { outs: olds, updated: false };
    const { outs } = await provider.update!(`${news.skillId}/${news.stage}`, olds, checked.inputs!);
    return { outs: outs!, updated: true };
  }

  const stored = (skillId: string) => emu.getSkill(skillId, DEV)!;
  const gets = () => emu.smapiRequests("GET").length;
  const puts = () => emu.smapiRequests("PUT").length;
  const tokenRequests = () => emu.requests.filter((r) => r.path === "/auth/O2/token").length;

  describe("create", () => {
    test("on several skills: 1 GET + 1 PUT each, one LWA token, every field kept", async () => {
      const outs = await Promise.all(SKILLS.map((id) => create(inputsFor(id))));
      expect(gets()).toBe(3);
      expect(puts()).toBe(3);
      expect(tokenRequests()).toBe(1);
      expect(emu.smapiRequests("DELETE")).toEqual([]);

      for (const id of SKILLS) {
        const before = ORIGINAL[id];
        expect(stored(id)).toEqual({
          ...before,
          clientSecret: COGNITO_SECRET,
          redirectUrls: [...(before.redirectUrls ?? []), REDIRECT],
        });
        expect(typeof stored(id).skipOnEnablement).toBe("boolean");
      }
      expect(outs.map((o) => o.urlWasPresent)).toEqual([false, false, false]);
      expect(outs[0].redirectUrls).toEqual([OTHER_REDIRECT, REDIRECT]);
      expect(outs[0].accountLinkingClientId).toBe(COGNITO_CLIENT_ID);
    });

    test("PUT carries the ETag of the GET as If-Match, and the wrapped body", async () => {
      const etag = emu.etagOf(SKILL_A, DEV);
      await create(inputsFor(SKILL_A));
      const [put] = emu.smapiRequests("PUT");
      expect(put.headers["if-match"]).toBe(etag);
      expect(Object.keys(JSON.parse(put.body))).toEqual(["accountLinkingRequest"]);
    });

    test("a URL already there is recorded as such and not duplicated", async () => {
      emu.setSkill(SKILL_A, DEV, fullLinking({ redirectUrls: [REDIRECT] }));
      const outs = await create(inputsFor(SKILL_A));
      expect(outs.urlWasPresent).toBe(true);
      expect(stored(SKILL_A).redirectUrls).toEqual([REDIRECT]);
      expect(stored(SKILL_A).clientSecret).toBe(COGNITO_SECRET);
    });

    test("secrets holding & = + reach SMAPI and LWA intact", async () => {
      const secret = "a&b=c+d%20e";
      await create(inputsFor(SKILL_A, { clientSecret: secret }));
      expect(stored(SKILL_A).clientSecret).toBe(secret);
      expect(emu.lwa.clientSecret).toMatch(/[&=+]/);
      expect(emu.lwa.refreshToken).toMatch(/[&=+]/);
      expect(tokenRequests()).toBe(1);
    });
  });

  describe("update and diff", () => {
    test("a no-op run makes no PUT; refresh reads, and still no PUT", async () => {
      const outs = await Promise.all(SKILLS.map((id) => create(inputsFor(id))));
      emu.clearRequests();
      for (const [i, id] of SKILLS.entries()) {
        expect((await up(outs[i], inputsFor(id))).updated).toBe(false);
      }
      expect(emu.requests).toEqual([]);
      for (const [i, id] of SKILLS.entries()) {
        const { props } = await provider.read!(`${id}/${DEV}`, outs[i]);
        expect((await up(props as SkillLinkingOutputs, inputsFor(id))).updated).toBe(false);
      }
      expect(gets()).toBe(3);
      expect(puts()).toBe(0);
    });

    test("a URL removed in the console is seen by refresh and re-added by up", async () => {
      const outs = await create(inputsFor(SKILL_A));
      emu.setSkill(SKILL_A, DEV, { ...stored(SKILL_A), redirectUrls: [OTHER_REDIRECT, CONSOLE_URL] });
      emu.clearRequests();
      const { props } = await provider.read!(`${SKILL_A}/${DEV}`, outs);
      expect((props as SkillLinkingOutputs).redirectUrls).toEqual([OTHER_REDIRECT, CONSOLE_URL]);
      const { outs: after, updated } = await up(props as SkillLinkingOutputs, inputsFor(SKILL_A));
      expect(updated).toBe(true);
      expect(stored(SKILL_A).redirectUrls).toEqual([OTHER_REDIRECT, CONSOLE_URL, REDIRECT]);
      expect(after.urlWasPresent).toBe(false);
      expect(gets()).toBe(2);
      expect(puts()).toBe(1);
    });

    test("a no-op run after a credential rotation makes no call either", async () => {
      const outs = await create(inputsFor(SKILL_A));
      const rotated = inputsFor(SKILL_A, { lwa: ROTATED_LWA });
      const { outs: recorded } = await up(outs, rotated);
      emu.clearRequests();
      expect((await up(recorded, rotated)).updated).toBe(false);
      expect(emu.requests).toEqual([]);
    });

    test("a rotated Cognito client secret is pushed to the skill", async () => {
      const outs = await create(inputsFor(SKILL_A));
      emu.clearRequests();
      const { updated, outs: after } = await up(outs, inputsFor(SKILL_A, { clientSecret: "rotated+secret" }));
      expect(updated).toBe(true);
      expect(stored(SKILL_A).clientSecret).toBe("rotated+secret");
      expect(stored(SKILL_A).redirectUrls).toEqual([OTHER_REDIRECT, REDIRECT]);
      expect(after.clientSecret).toBe("rotated+secret");
      expect([gets(), puts()]).toEqual([1, 1]);
    });

    test("a new redirect URL replaces the one this resource added, other fields kept", async () => {
      const outs = await create(inputsFor(SKILL_C));
      const next = "https://rainmaker-prod.s3.eu-west-1.amazonaws.com/";
      await up(outs, inputsFor(SKILL_C, { redirectUrl: next }));
      expect(stored(SKILL_C)).toEqual({
        ...ORIGINAL[SKILL_C],
        clientSecret: COGNITO_SECRET,
        redirectUrls: [OTHER_REDIRECT, "https://b.example.com/", next],
      });
    });

    test("the skill's client id changed to another client: stop, showing both ids, no PUT", async () => {
      const outs = await create(inputsFor(SKILL_A));
      emu.setSkill(SKILL_A, DEV, { ...stored(SKILL_A), clientId: "another-client" });
      emu.clearRequests();
      await expect(provider.update!(`${SKILL_A}/${DEV}`, outs, inputsFor(SKILL_A, { version: "0.2.0" }))).rejects.toThrow(
        /"another-client".*"5v2ixs1b8ikvmkmhtfgp8lnd9q"/s,
      );
      expect(puts()).toBe(0);
    });
  });

  describe("LWA credential rotation", () => {
    /** The security profile gets new credentials and the old ones stop working. */
    function rotateAndRevoke(): void {
      emu.setLwa(ROTATED_LWA);
      emu.revokeTokens();
    }

    test("rotated credentials: an in-place update with no SMAPI and no LWA call, outputs carry the new ones", async () => {
      const outs = await create(inputsFor(SKILL_A));
      const before = stored(SKILL_A);
      emu.clearRequests();
      const rotated = inputsFor(SKILL_A, { lwa: ROTATED_LWA });
      const diff = await provider.diff!(`${SKILL_A}/${DEV}`, outs, rotated);
      expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
      const { outs: after, updated } = await up(outs, rotated);
      expect(updated).toBe(true);
      expect(emu.requests).toEqual([]);
      expect(after).toEqual({ ...outs, lwa: ROTATED_LWA });
      expect(stored(SKILL_A)).toEqual(before);
    });

    test("delete after the old credentials were revoked uses the new ones and succeeds", async () => {
      const outs = await create(inputsFor(SKILL_A));
      rotateAndRevoke();
      const { outs: recorded } = await up(outs, inputsFor(SKILL_A, { lwa: ROTATED_LWA }));
      emu.clearRequests();
      await provider.delete!(`${SKILL_A}/${DEV}`, recorded);
      expect(stored(SKILL_A)).toEqual({ ...ORIGINAL[SKILL_A], clientSecret: COGNITO_SECRET });
      expect([tokenRequests(), gets(), puts()]).toEqual([1, 1, 1]);
      expect(emu.requests.find((r) => r.path === "/auth/O2/token")!.body).toContain(encodeURIComponent(ROTATED_LWA.refreshToken));
    });

    test("without the recorded rotation, delete would fail on the revoked credentials (what the update prevents)", async () => {
      const outs = await create(inputsFor(SKILL_A));
      rotateAndRevoke();
      resetLwaTokenCache();
      const error = (await provider.delete!(`${SKILL_A}/${DEV}`, outs).catch((e: Error) => e)) as Error;
      expect(error.message).toMatch(/Login with Amazon .*HTTP 401/);
      expect(error.message).not.toContain(DEFAULT_LWA.clientSecret);
      expect(stored(SKILL_A).redirectUrls).toEqual([OTHER_REDIRECT, REDIRECT]);
    });

    test("a refresh with revoked recorded credentials keeps the state; up then records the new ones; delete works", async () => {
      const outs = await create(inputsFor(SKILL_A));
      rotateAndRevoke();
      resetLwaTokenCache();
      emu.clearRequests();
      const { props } = await provider.read!(`${SKILL_A}/${DEV}`, outs);
      expect(props).toEqual(outs);
      expect(emu.smapiRequests()).toEqual([]);
      const { outs: recorded, updated } = await up(props as SkillLinkingOutputs, inputsFor(SKILL_A, { lwa: ROTATED_LWA }));
      expect(updated).toBe(true);
      expect(recorded.lwa).toEqual(ROTATED_LWA);
      // The next refresh reads the skill with the new credentials.
      const next = await provider.read!(`${SKILL_A}/${DEV}`, recorded);
      expect((next.props as SkillLinkingOutputs).redirectUrls).toEqual([OTHER_REDIRECT, REDIRECT]);
      await provider.delete!(`${SKILL_A}/${DEV}`, next.props as SkillLinkingOutputs);
      expect(stored(SKILL_A).redirectUrls).toEqual([OTHER_REDIRECT]);
      expect(puts()).toBe(1);
    });

    test("a refresh that cannot reach LWA still fails (only a refusal of the credentials is tolerated)", async () => {
      const outs = await create(inputsFor(SKILL_A));
      resetLwaTokenCache();
      emu.inject({ times: 100, status: 503, path: "/auth/O2/token" });
      await expect(provider.read!(`${SKILL_A}/${DEV}`, outs)).rejects.toThrow(/Login with Amazon .*HTTP 503/);
    });

    test("moved endpoints: an update with no call; the next write goes to the new ones", async () => {
      const outs = await create(inputsFor(SKILL_A));
      const other = await start({ lwa: emu.lwa });
      try {
        other.setSkill(SKILL_A, DEV, emu.getSkill(SKILL_A, DEV));
        emu.clearRequests();
        const moved = inputsFor(SKILL_A, { endpoints: { smapi: other.url, lwa: other.lwaUrl } });
        const { outs: recorded, updated } = await up(outs, moved);
        expect(updated).toBe(true);
        expect(recorded.endpoints).toEqual({ smapi: other.url, lwa: other.lwaUrl });
        expect([emu.requests.length, other.requests.length]).toEqual([0, 0]);
        await provider.delete!(`${SKILL_A}/${DEV}`, recorded);
        expect(emu.requests).toEqual([]);
        expect(other.getSkill(SKILL_A, DEV)!.redirectUrls).toEqual([OTHER_REDIRECT]);
      } finally {
        await other.stop();
      }
    });
  });

  describe("delete", () => {
    test("removes only the URL this resource added, on every skill; never DELETE", async () => {
      emu.setSkill(SKILL_C, DEV, { ...ORIGINAL[SKILL_C], redirectUrls: [OTHER_REDIRECT, REDIRECT] });
      const outs = await Promise.all(SKILLS.map((id) => create(inputsFor(id))));
      expect(outs.map((o) => o.urlWasPresent)).toEqual([false, false, true]);
      // Someone adds a URL in the console meanwhile: it must survive the delete.
      emu.setSkill(SKILL_A, DEV, { ...stored(SKILL_A), redirectUrls: [...(stored(SKILL_A).redirectUrls as string[]), CONSOLE_URL] });
      emu.clearRequests();
      for (const [i, id] of SKILLS.entries()) await provider.delete!(`${id}/${DEV}`, outs[i]);

      expect(stored(SKILL_A)).toEqual({ ...ORIGINAL[SKILL_A], clientSecret: COGNITO_SECRET, redirectUrls: [OTHER_REDIRECT, CONSOLE_URL] });
      const b = { ...ORIGINAL[SKILL_B], clientSecret: COGNITO_SECRET };
      delete b.redirectUrls;
      expect(stored(SKILL_B)).toEqual(b);
      expect(stored(SKILL_C).redirectUrls).toEqual([OTHER_REDIRECT, REDIRECT]);
      // Skill C's URL was there before: no call at all.
      expect([gets(), puts()]).toEqual([2, 2]);
      expect(emu.smapiRequests("DELETE")).toEqual([]);
    });

    test("nothing to do when the URL or the whole account linking is gone", async () => {
      const a = await create(inputsFor(SKILL_A));
      const b = await create(inputsFor(SKILL_B));
      emu.setSkill(SKILL_A, DEV, ORIGINAL[SKILL_A]);
      emu.setSkill(SKILL_B, DEV, undefined);
      emu.clearRequests();
      await provider.delete!(`${SKILL_A}/${DEV}`, a);
      await provider.delete!(`${SKILL_B}/${DEV}`, b);
      expect([gets(), puts()]).toEqual([2, 0]);
    });
  });

  describe("conflicts", () => {
    test("a 412 re-reads and merges again, keeping the concurrent edit", async () => {
      let edits = 0;
      emu.onAfterGet((skillId, stage) => {
        if (edits++ > 0) return;
        const now = emu.getSkill(skillId, stage)!;
        emu.setSkill(skillId, stage, { ...now, redirectUrls: [...((now.redirectUrls as string[]) ?? []), CONSOLE_URL] });
      });
      await create(inputsFor(SKILL_A));
      expect(emu.smapiRequests("PUT").map((r) => r.status)).toEqual([412, 204]);
      expect(gets()).toBe(2);
      expect(stored(SKILL_A).redirectUrls).toEqual([OTHER_REDIRECT, CONSOLE_URL, REDIRECT]);
    });

    test("conflicts without end stop after a bounded number of rounds", async () => {
      emu.onAfterGet((skillId, stage) => emu.setSkill(skillId, stage, emu.getSkill(skillId, stage)));
      await expect(create(inputsFor(SKILL_A))).rejects.toThrow(/kept changing.*4 rounds.*412/s);
      expect([gets(), puts()]).toEqual([4, 4]);
    });
  });

  describe("throttling and errors", () => {
    test("bursts of 429 and 5xx are retried with backoff", async () => {
      emu.inject({ times: 3, status: 429, method: "GET" });
      emu.inject({ times: 2, status: 503, method: "PUT" });
      emu.inject({ times: 1, reset: true, method: "PUT" });
      await create(inputsFor(SKILL_A));
      expect(emu.smapiRequests("GET").map((r) => r.status)).toEqual([429, 429, 429, 200]);
      expect(emu.smapiRequests("PUT").map((r) => r.status)).toEqual([503, 503, 0, 204]);
      expect(runtime.sleeps).toHaveLength(6);
      expect(stored(SKILL_A).redirectUrls).toEqual([OTHER_REDIRECT, REDIRECT]);
    });

    test("throttling that does not end fails with the skill, status and SMAPI's message", async () => {
      emu.inject({ times: 100, status: 429, method: "GET" });
      const error = (await create(inputsFor(SKILL_A)).catch((e: Error) => e)) as Error;
      expect(error.message).toBe(
        `SMAPI GET account linking of skill ${SKILL_A} (stage development) failed: HTTP 429: Rate exceeded. (5 attempts, attempts exhausted).`,
      );
      expect(gets()).toBe(5);
    });

    test("an error that quotes a secret back is redacted", async () => {
      emu.inject({ times: 1, status: 400, method: "PUT", body: { message: `bad secret ${COGNITO_SECRET} for ${emu.lwa.refreshToken}` } });
      const error = (await create(inputsFor(SKILL_A)).catch((e: Error) => e)) as Error;
      expect(error.message).toMatch(/HTTP 400: bad secret \[secret\] for \[secret\]/);
      expect(error.message).not.toContain(COGNITO_SECRET);
      expect(puts()).toBe(1);
    });

    test("a SMAPI error whose text starts like an LWA one is still redacted and keeps its status", async () => {
      emu.inject({ times: 1, status: 400, method: "PUT", body: { message: `Login with Amazon said ${COGNITO_SECRET}` } });
      const error = (await create(inputsFor(SKILL_A)).catch((e: Error) => e)) as Error;
      expect(error.message).toMatch(/^SMAPI PUT account linking .* HTTP 400: Login with Amazon said \[secret\]/);
      expect(error.message).not.toContain(COGNITO_SECRET);
      expect((error as Error & { status?: number }).status).toBe(400);
    });

    test("a skill without account linking: say to deploy the skills first, no PUT", async () => {
      emu.setSkill(SKILL_A, DEV, undefined);
      await expect(create(inputsFor(SKILL_A))).rejects.toThrow(/no account linking configured.*deploy the RainMaker Alexa skills/s);
      expect(puts()).toBe(0);
    });

    test("stage live: check explains certification; create refuses without a call", async () => {
      const checked = await provider.check!({} as SkillLinkingInputs, inputsFor(SKILL_A, { stage: "live" }));
      expect(checked.failures).toEqual([{ property: "stage", reason: expect.stringMatching(/certification/) }]);
      await expect(provider.create(inputsFor(SKILL_A, { stage: "live" }))).rejects.toThrow(/certification/);
      expect(emu.requests).toEqual([]);
    });

    test("a revoked token is replaced once (401), then the call goes through", async () => {
      await create(inputsFor(SKILL_A));
      emu.revokeTokens();
      emu.clearRequests();
      await create(inputsFor(SKILL_B));
      expect(tokenRequests()).toBe(1);
      expect(emu.smapiRequests().map((r) => `${r.method} ${r.status}`)).toEqual(["GET 401", "GET 200", "PUT 204"]);
    });

    test("wrong LWA credentials: a clear error without the secrets", async () => {
      const wrong = { clientId: emu.lwa.clientId, clientSecret: "bad&secret=x", refreshToken: emu.lwa.refreshToken };
      const error = (await create(inputsFor(SKILL_A, { lwa: wrong })).catch((e: Error) => e)) as Error;
      expect(error.message).toMatch(/Login with Amazon .*HTTP 401/);
      // LWA's own message, not wrapped in a SMAPI one.
      expect(error.message).toMatch(/^Login with Amazon /);
      expect(error.message).not.toContain("bad&secret");
      expect(emu.smapiRequests()).toEqual([]);
    });
  });
});

/**
 * The SMAPI and LWA shell against hostile or broken servers on 127.0.0.1 (issue 15): a proxy in
 * front of the emulator that echoes headers, redirects, trickles, pads, drops ETags.
 */
import { checkSkillLinkingInputs } from "../../packages/alexa-linking-component/src/alexa/validation";
import { lwaAccessToken, resetLwaTokenCache, tokenCacheKey } from "../../packages/alexa-linking-component/src/alexa/lwa";
import { createSkillLinkingProvider } from "../../packages/alexa-linking-component/src/providers/skillAccountLinking";
import type { RetryPolicy } from "../../packages/alexa-linking-component/src/shared/retry";
import { getAccountLinking } from "../../packages/alexa-linking-component/src/alexa/smapiClient";
import type { SkillLinkingInputs } from "../../packages/alexa-linking-component/src/alexa/types";
import { DEFAULT_LWA, start } from "../emulators/smapi";
import { findLeaks } from "../lifecycle/secrets";
import { startedForSuite } from "../support/startedForSuite";
import { OTHER_REDIRECT, REDIRECT, SKILL_A, fullLinking, skillInputs, withoutSecret } from "./fixtures";
import { eventually, startHostile, stream, trickle, type HostileServer } from "./hostileProxy";
import { fakeRuntime } from "../support/retryRuntime";

const DEV = "development";
const LINKING_PATH = `/v1/skills/${SKILL_A}/stages/${DEV}/accountLinkingClient`;
const TOKEN_PATH = "/auth/O2/token";
/** A Cognito client secret long enough to be cut by a 300-character limit. */
const LONG_SECRET = "cognito-client-secret-0123456789abcdef0123456789abcdef0123456789";

const emu = startedForSuite(start);
let hostile: HostileServer;
let recorder: HostileServer;

beforeAll(async () => {
  hostile = await startHostile(emu.url);
  recorder = await startHostile();
});
afterAll(async () => {
  await hostile?.stop();
  await recorder?.stop();
});
beforeEach(() => {
  hostile.reset();
  recorder.reset();
  emu.setLwa(DEFAULT_LWA);
  emu.setSkill(SKILL_A, DEV, fullLinking());
  emu.onAfterGet(undefined);
  emu.clearRequests();
  resetLwaTokenCache();
});

const POLICY: RetryPolicy = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 10_000, attemptTimeoutMs: 5_000 };

const inputsVia = (over: Partial<SkillLinkingInputs> = {}): SkillLinkingInputs =>
  skillInputs(emu, SKILL_A, { endpoints: { smapi: hostile.url, lwa: hostile.url }, ...over });

async function createError(inputs: SkillLinkingInputs, retry: Partial<RetryPolicy> = {}): Promise<Error> {
  const provider = createSkillLinkingProvider({ retry: { ...POLICY, ...retry }, runtime: fakeRuntime() });
  try {
    await provider.create(inputs);
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected create to fail");
}

const json = (res: import("node:http").ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const smapiCalls = (method?: string) => hostile.requests.filter((r) => r.path.startsWith("/v1/") && (!method || r.method === method));

describe("1. the access token never reaches an error message", () => {
  test("a SMAPI error that echoes the Authorization header", async () => {
    hostile.intercept = (req, res) => {
      if (!req.path.startsWith("/v1/")) return false;
      const auth = String(req.headers.authorization);
      json(res, 400, { message: `Bad request. You sent Authorization: ${auth}; token=${auth.slice("Bearer ".length)}` });
      return true;
    };
    const error = await createError(inputsVia());
    const token = String(smapiCalls("GET")[0].headers.authorization).slice("Bearer ".length);
    expect(token).toMatch(/^Atza\|emu-/);
    expect(error.message).toMatch(
      /SMAPI GET account linking .* HTTP 400: Bad request\. You sent Authorization: Bearer \[secret\]; token=\[secret\]/,
    );
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain(token.slice("Atza|".length));
  });

  test("an access token of no known shape, echoed without its scheme", async () => {
    const opaque = "opaque-token-0123456789abcdef";
    hostile.intercept = (req, res) => {
      if (req.path === TOKEN_PATH) json(res, 200, { access_token: opaque, expires_in: 3600 });
      else json(res, 400, { message: `token ${String(req.headers.authorization).slice(7)} is not valid` });
      return true;
    };
    const error = await createError(inputsVia());
    expect(error.message).toMatch(/HTTP 400: token \[secret\] is not valid/);
    expect(error.message).not.toContain(opaque);
  });
});

describe("2. redaction runs on the whole text before anything is cut, in every encoding", () => {
  test("a SMAPI error body that is not JSON, with the client secret across the 300-character limit", async () => {
    hostile.intercept = (req, res) => {
      if (req.method !== "PUT") return false;
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`${"e".repeat(280)}${LONG_SECRET} trailing`);
      return true;
    };
    const error = await createError(inputsVia({ clientSecret: LONG_SECRET }));
    expect(error.message).toMatch(/SMAPI PUT account linking .* HTTP 502/);
    expect(error.message).not.toContain(LONG_SECRET.slice(0, 12));
    // The body is described, never quoted.
    expect(error.message).not.toContain("eeeeeeeeee");
  });

  test("an LWA error body that is not JSON, with the client secret across the limit", async () => {
    hostile.intercept = (req, res) => {
      if (req.path !== TOKEN_PATH) return false;
      res.writeHead(400, { "content-type": "text/html" });
      res.end(`<html>${"e".repeat(274)}${DEFAULT_LWA.clientSecret}</html>`);
      return true;
    };
    const error = await createError(inputsVia());
    expect(error.message).toMatch(/^Login with Amazon .* HTTP 400/);
    expect(error.message).not.toContain(DEFAULT_LWA.clientSecret.slice(0, 12));
  });

  test("an LWA error that quotes the request JSON-escaped, URL-encoded and base64-encoded", async () => {
    const lwa = {
      clientId: "amzn1.application-oa2-client.hostile",
      clientSecret: 'quote"back\\slash-secret-0123456789',
      refreshToken: "Atzr|refresh&token=with+plus/0123456789",
    };
    const basic = Buffer.from(`${lwa.clientId}:${lwa.clientSecret}`).toString("base64");
    hostile.intercept = (req, res) => {
      if (req.path !== TOKEN_PATH) return false;
      json(res, 401, {
        error: "invalid_client",
        error_description: `echo ${JSON.stringify({ client_secret: lwa.clientSecret, refresh_token: lwa.refreshToken })} form=${req.body} b64=${basic} `,
      });
      return true;
    };
    const error = await createError(inputsVia({ lwa }));
    expect(error.message).toMatch(/^Login with Amazon .* HTTP 401: invalid_client; echo/);
    const secrets = [
      { name: "client secret", value: lwa.clientSecret },
      { name: "refresh token", value: lwa.refreshToken },
      { name: "client id", value: lwa.clientId },
    ];
    expect(findLeaks([{ where: "message", text: error.message }], secrets)).toEqual([]);
    expect(error.message).not.toContain(basic.slice(8, 40));
  });
});

describe("5. requests that carry a secret never follow a redirect", () => {
  test("the LWA token POST answered 307 to another server: nothing is sent there", async () => {
    hostile.intercept = (req, res) => {
      if (req.path !== TOKEN_PATH) return false;
      res.writeHead(307, { location: `${recorder.url}${TOKEN_PATH}` });
      res.end();
      return true;
    };
    const error = await createError(inputsVia());
    expect(recorder.requests).toEqual([]);
    expect(error.message).toMatch(
      /^Login with Amazon .*HTTP 307, a redirect to http:\/\/127\.0\.0\.1:\d+\/auth\/O2\/token.*never follow redirects/,
    );
  });

  test("the SMAPI PUT answered 307 to another server: the client secret is not sent there", async () => {
    hostile.intercept = (req, res) => {
      if (req.method !== "PUT") return false;
      res.writeHead(307, { location: `${recorder.url}${req.path}` });
      res.end();
      return true;
    };
    const error = await createError(inputsVia({ clientSecret: LONG_SECRET }));
    expect(recorder.requests).toEqual([]);
    expect(error.message).toMatch(/SMAPI PUT .*HTTP 307, a redirect to .*never follow redirects/);
    expect(emu.getSkill(SKILL_A, DEV)?.clientSecret).toBe("old-secret");
  });

  test("the SMAPI GET answered 302 to another server: the access token is not sent there", async () => {
    hostile.intercept = (req, res) => {
      if (req.method !== "GET") return false;
      res.writeHead(302, { location: `${recorder.url}${req.path}` });
      res.end();
      return true;
    };
    const error = await createError(inputsVia());
    expect(recorder.requests).toEqual([]);
    expect(error.message).toMatch(/SMAPI GET .*HTTP 302/);
  });
});

describe("6. a timed-out attempt ends its transfer", () => {
  test("a SMAPI GET whose body trickles: the connection closes soon after the timeout", async () => {
    hostile.intercept = (req, res) => (req.method === "GET" ? (trickle(hostile, res), true) : false);
    const started = Date.now();
    const error = await createError(inputsVia(), { attemptTimeoutMs: 300 });
    expect(error.message).toMatch(/SMAPI GET .*no answer within 300 ms/);
    const get = smapiCalls("GET")[0];
    expect(await eventually(() => get.closedAt !== undefined, 1500)).toBe(true);
    expect(get.closedAt! - started).toBeLessThan(1500);
  });

  test("an LWA token answer that trickles: the connection closes soon after the timeout", async () => {
    hostile.intercept = (req, res) => (req.path === TOKEN_PATH ? (trickle(hostile, res), true) : false);
    const started = Date.now();
    const error = await lwaAccessToken(hostile.url, DEFAULT_LWA, {
      policy: { ...POLICY, attemptTimeoutMs: 300 },
      runtime: fakeRuntime(),
    }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^Login with Amazon .*no answer within 300 ms/);
    const post = hostile.requests.find((r) => r.path === TOKEN_PATH)!;
    expect(await eventually(() => post.closedAt !== undefined, 1500)).toBe(true);
    expect(post.closedAt! - started).toBeLessThan(1500);
  });
});

describe("7. every body read is capped", () => {
  const head = JSON.stringify({ accountLinkingResponse: { ...withoutSecret(fullLinking()), padding: "" } }).slice(0, -3);

  test("a 64 MB account linking is not read, and its padding never PUT back", async () => {
    hostile.intercept = (req, res) => {
      if (req.method !== "GET") return false;
      stream(hostile, res, 200, "application/json", head, 64 * 1024 * 1024, '"}}');
      return true;
    };
    const error = await createError(inputsVia());
    expect(error.message).toMatch(new RegExp(`${LINKING_PATH.replace(/\./g, "\\.")} answered with a body larger than 1 MiB`));
    expect(smapiCalls("PUT")).toEqual([]);
    expect(await eventually(() => smapiCalls("GET")[0].closedAt !== undefined, 2000)).toBe(true);
    expect(hostile.bytesWritten).toBeLessThan(8 * 1024 * 1024);
  });

  test("a 20 MB answer that is not JSON gives a short error naming the URL and the limit", async () => {
    hostile.intercept = (req, res) => {
      if (req.method !== "GET") return false;
      stream(hostile, res, 200, "text/html", "<html>", 20 * 1024 * 1024);
      return true;
    };
    const error = await createError(inputsVia());
    expect(error.message.length).toBeLessThan(1000);
    expect(error.message).toMatch(/accountLinkingClient answered with a body larger than 1 MiB/);
  });

  test("a small answer that is not JSON is described, not quoted", async () => {
    hostile.intercept = (req, res) => {
      if (req.method !== "GET") return false;
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<html>${"x".repeat(100_000)}</html>`);
      return true;
    };
    const error = await createError(inputsVia());
    expect(error.message.length).toBeLessThan(1000);
    expect(error.message).toMatch(/answered HTTP 200 with a 100013-character body that is not JSON/);
  });

  test("a 20 MB LWA answer is refused with the URL and the limit", async () => {
    hostile.intercept = (req, res) =>
      req.path === TOKEN_PATH ? (stream(hostile, res, 200, "application/json", '{"access_token":"', 20 * 1024 * 1024, '"}'), true) : false;
    const error = await createError(inputsVia());
    expect(error.message).toMatch(/^Login with Amazon .*\/auth\/O2\/token answered with a body larger than 64 KiB/);
    expect(error.message.length).toBeLessThan(1000);
  });
});

describe("10. no PUT without If-Match", () => {
  const dropEtag = (when: (n: number) => boolean) => {
    let gets = 0;
    hostile.rewrite = (req, upstream) => {
      if (req.method !== "GET" || !req.path.startsWith("/v1/")) return upstream;
      gets++;
      if (!when(gets)) return upstream;
      const { etag: _dropped, ...headers } = upstream.headers;
      void _dropped;
      return { ...upstream, headers };
    };
  };

  test("a GET that never has an ETag: the write is refused, nothing is PUT", async () => {
    dropEtag(() => true);
    const error = await createError(inputsVia());
    expect(error.message).toMatch(
      /without an ETag, so a write could silently undo someone else's edit.*nothing was written.*Fix: run again/s,
    );
    expect(smapiCalls("PUT")).toEqual([]);
    expect(emu.getSkill(SKILL_A, DEV)).toEqual(fullLinking());
  });

  test("a first GET without an ETag: the skill is read again and the PUT carries that ETag", async () => {
    dropEtag((n) => n === 1);
    const provider = createSkillLinkingProvider({ retry: POLICY, runtime: fakeRuntime() });
    await provider.create(inputsVia());
    const [put] = smapiCalls("PUT");
    expect(put.headers["if-match"]).toMatch(/^"\d+-[0-9a-f]+"$/);
    expect(smapiCalls("GET")).toHaveLength(2);
    expect(emu.getSkill(SKILL_A, DEV)?.redirectUrls).toEqual([OTHER_REDIRECT, REDIRECT]);
  });

  test("a first GET without an ETag and an edit before the second read: planned again, the edit kept", async () => {
    dropEtag((n) => n === 1);
    let edited = false;
    emu.onAfterGet((skillId, stage) => {
      if (edited) return;
      edited = true;
      const now = emu.getSkill(skillId, stage)!;
      emu.setSkill(skillId, stage, { ...now, redirectUrls: [...(now.redirectUrls as string[]), "https://console.example.com/"] });
    });
    const provider = createSkillLinkingProvider({ retry: POLICY, runtime: fakeRuntime() });
    await provider.create(inputsVia());
    expect(emu.getSkill(SKILL_A, DEV)?.redirectUrls).toEqual([OTHER_REDIRECT, "https://console.example.com/", REDIRECT]);
    expect(smapiCalls("PUT").map((r) => r.headers["if-match"] !== undefined)).toEqual([true]);
  });
});

describe("11. plain http only to this machine", () => {
  const base = () => skillInputs(emu, SKILL_A) as unknown as Record<string, unknown>;
  test.each([
    ["lwa on another host", { lwa: "http://10.0.0.5:8080" }, "endpoints.lwa"],
    ["smapi on another host", { smapi: "http://smapi.example.com" }, "endpoints.smapi"],
    ["lwa with a password", { lwa: "https://user:pw@api.amazon.com" }, "endpoints.lwa"],
  ])("refused at check: %s", (_name, endpoints, property) => {
    const { issues } = checkSkillLinkingInputs({ ...base(), endpoints });
    expect(issues).toEqual([
      {
        property,
        reason: expect.stringMatching(
          /Fix: leave it unset for Amazon's endpoint, use https, or use http only for an emulator on this machine/,
        ),
      },
    ]);
    expect(JSON.stringify(issues)).not.toContain("pw@");
  });

  test.each([
    ["127.0.0.1", "http://127.0.0.1:9000"],
    ["127.x", "http://127.1.2.3:9000"],
    ["localhost", "http://localhost:9000"],
    ["::1", "http://[::1]:9000"],
    ["https anywhere", "https://api.amazon.com"],
  ])("accepted at check: %s", (_name, url) => {
    expect(checkSkillLinkingInputs({ ...base(), endpoints: { smapi: url, lwa: url } }).issues).toEqual([]);
  });

  test("a state that recorded an http endpoint to another host sends nothing there", async () => {
    const started = Date.now();
    const error = await getAccountLinking({
      skillId: SKILL_A,
      stage: DEV,
      lwa: DEFAULT_LWA,
      endpoints: { smapi: emu.url, lwa: "http://192.0.2.1:8080" },
      secrets: [],
      policy: { ...POLICY, attemptTimeoutMs: 3000 },
      runtime: fakeRuntime(),
    }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /endpoints\.lwa "http:\/\/192\.0\.2\.1:8080" uses plain http to 192\.0\.2\.1.*no request was sent/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(emu.requests).toEqual([]);
  });
});

describe("13. credentials: no control characters, a cache key that cannot collide, short secrets", () => {
  test.each([
    ["lwa.clientSecret", { lwa: { ...DEFAULT_LWA, clientSecret: "first-line\nsecond-line" } }],
    ["lwa.refreshToken", { lwa: { ...DEFAULT_LWA, refreshToken: "Atzr|token\twith-tab" } }],
    ["lwa.clientId", { lwa: { ...DEFAULT_LWA, clientId: "id\u0000nul" } }],
    ["clientSecret", { clientSecret: "cognito\r\nsecret" }],
  ])("%s with a control character is refused at check, without showing it", (property, over) => {
    const { issues } = checkSkillLinkingInputs({ ...(skillInputs(emu, SKILL_A) as unknown as Record<string, unknown>), ...over });
    expect(issues).toEqual([{ property, reason: expect.stringMatching(/holds a control character/) }]);
    expect(JSON.stringify(issues)).not.toMatch(/second-line|with-tab|nul|cognito/);
  });

  test("recorded credentials with a newline are not sent to LWA", async () => {
    const error = await lwaAccessToken(
      emu.lwaUrl,
      { ...DEFAULT_LWA, clientSecret: "a\nb-0123456789" },
      { policy: POLICY, runtime: fakeRuntime() },
    ).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/Login with Amazon was not called: smapi\.clientSecret holds a control character/);
    expect(emu.requests).toEqual([]);
  });

  test("the token cache key does not collide when a value holds the old separator", () => {
    const a = tokenCacheKey("https://api.amazon.com", { clientId: "id\nsecret", clientSecret: "token", refreshToken: "r" });
    const b = tokenCacheKey("https://api.amazon.com", { clientId: "id", clientSecret: "secret\ntoken", refreshToken: "r" });
    expect(a).not.toBe(b);
  });

  test("a one-character client secret refused by LWA: the message is whole and the secret is not in it", async () => {
    const lwa = { ...DEFAULT_LWA, clientSecret: "a" };
    const error = await createError(skillInputs(emu, SKILL_A, { lwa }));
    expect(error.message).toMatch(
      /^Login with Amazon \(http:\/\/127\.0\.0\.1:\d+\/auth\/O2\/token\) did not issue a SMAPI access token: HTTP 401: /,
    );
    expect(error.message).toContain("withheld");
    expect(error.message).toMatch(/Fix: check the smapi clientId, clientSecret and refreshToken/);
    expect(error.message).not.toContain("[secret]");
  });
});

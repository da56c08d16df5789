/**
 * Issue 12, point 1 (doctor): a store build talks to the skill's live stage, whose account
 * linking changes only through certification. doctor reads the live stage of each skill too
 * (SMAPI GET .../stages/live/accountLinkingClient) and says whether it already carries the
 * redirect URL. Missing there is a failure only for a build asked for with --skill-stage live.
 */
import { resetLwaTokenCache } from "../../packages/alexa-linking-component/src/alexa/lwa";
import { DOCTOR_RETRY_POLICY } from "../../packages/alexa-linking-component/src/cli/doctor";
import { checkSkill, judgeLiveStage, LIVE_CHECK, SkillCheckSettings } from "../../packages/alexa-linking-component/src/doctor/skills";
import { COGNITO_CLIENT_ID, fullLinking, OTHER_REDIRECT, REDIRECT, SKILL_A } from "../alexa/fixtures";
import { fakeRuntime } from "../support/retryRuntime";
import { DEFAULT_LWA, SmapiEmulator, start } from "../emulators/smapi";

const SKILL = { skillId: SKILL_A, stage: "development" };

describe("judgeLiveStage", () => {
  const withUrl = fullLinking({ redirectUrls: [OTHER_REDIRECT, REDIRECT] });
  const withoutUrl = fullLinking({ redirectUrls: [OTHER_REDIRECT] });
  test.each<[string, ReturnType<typeof fullLinking> | undefined, "development" | "live", boolean, RegExp]>([
    [
      "live has the URL, development build",
      withUrl,
      "development",
      true,
      /live stage already lists https:\/\/rainmaker-dev-app-links.*: a build with Skill Stage "live" can link/,
    ],
    ["live has the URL, live build", withUrl, "live", true, /live stage already lists/],
    [
      "live lacks the URL, development build",
      withoutUrl,
      "development",
      true,
      /live stage lacks .*: a certification is still needed before a build with Skill Stage "live" can link.*submit the skill for certification/,
    ],
    [
      "live lacks the URL, live build",
      withoutUrl,
      "live",
      false,
      /live stage lacks .*: this build \(Skill Stage "live"\) cannot link from the app until the skill passes certification.*Fix: submit the skill for certification.*ask smapi submit-skill-for-certification --skill-id amzn1\.ask\.skill\.11111111.*or build with --skill-stage development/,
    ],
    [
      "live has no redirect URLs at all, live build",
      fullLinking({ redirectUrls: undefined }),
      "live",
      false,
      /live stage lacks .*none set/,
    ],
    [
      "no account linking on live, development build",
      undefined,
      "development",
      true,
      /no account linking on the live stage \(SMAPI 404: not certified with it yet\): a certification is still needed/,
    ],
    [
      "no account linking on live, live build",
      undefined,
      "live",
      false,
      /no account linking on the live stage.*Fix: submit the skill for certification/,
    ],
    [
      "live uses another client, live build",
      fullLinking({ clientId: "other", redirectUrls: [REDIRECT] }),
      "live",
      false,
      /uses client id "other"/,
    ],
    [
      "live uses another client, development build",
      fullLinking({ clientId: "other", redirectUrls: [REDIRECT] }),
      "development",
      true,
      /uses client id "other".*certification of the development stage replaces it/,
    ],
  ])("%s", (_case, linking, buildStage, ok, detail) => {
    const result = judgeLiveStage(linking, SKILL, REDIRECT, COGNITO_CLIENT_ID, buildStage);
    expect([result.name, result.ok]).toEqual([LIVE_CHECK, ok]);
    expect(result.detail.startsWith(`${SKILL_A}: `)).toBe(true);
    expect(result.detail).toMatch(detail);
  });
});

describe("checkSkill reads both stages from SMAPI", () => {
  let smapi: SmapiEmulator;
  let settings: SkillCheckSettings;
  beforeAll(async () => {
    smapi = await start();
    settings = {
      lwa: DEFAULT_LWA,
      missing: [],
      endpoints: { smapi: smapi.url, lwa: smapi.lwaUrl },
      policy: { ...DOCTOR_RETRY_POLICY, maxAttempts: 2 },
      runtime: fakeRuntime(),
      stack: "dev",
    };
  });
  afterAll(() => smapi.stop());
  beforeEach(() => {
    resetLwaTokenCache();
    smapi.clearRequests();
    smapi.setSkill(SKILL_A, "development", fullLinking({ redirectUrls: [OTHER_REDIRECT, REDIRECT] }));
  });

  test("one line for the stage the stack linked, one for live, from two GETs", async () => {
    smapi.setSkill(SKILL_A, "live", fullLinking({ redirectUrls: [OTHER_REDIRECT] }));
    const results = await checkSkill(SKILL, REDIRECT, COGNITO_CLIENT_ID, settings);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ["skill", true],
      [LIVE_CHECK, true],
    ]);
    expect(results[1].detail).toMatch(/live stage lacks .*certification is still needed/);
    expect(
      smapi
        .smapiRequests("GET")
        .map((r) => r.path)
        .sort(),
    ).toEqual([`/v1/skills/${SKILL_A}/stages/development/accountLinkingClient`, `/v1/skills/${SKILL_A}/stages/live/accountLinkingClient`]);
    expect(smapi.smapiRequests().filter((r) => r.method !== "GET")).toEqual([]);
  });

  test("with --skill-stage live, a live stage without the URL fails", async () => {
    smapi.setSkill(SKILL_A, "live", fullLinking({ redirectUrls: [OTHER_REDIRECT] }));
    const results = await checkSkill(SKILL, REDIRECT, COGNITO_CLIENT_ID, { ...settings, buildStage: "live" });
    expect(results.map((r) => r.ok)).toEqual([true, false]);
  });

  test("with --skill-stage live, a certified live stage passes", async () => {
    smapi.setSkill(SKILL_A, "live", fullLinking({ redirectUrls: [OTHER_REDIRECT, REDIRECT] }));
    const results = await checkSkill(SKILL, REDIRECT, COGNITO_CLIENT_ID, { ...settings, buildStage: "live" });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });

  test("a skill the stack lists as live is read once, on its own line", async () => {
    smapi.setSkill(SKILL_A, "live", fullLinking({ redirectUrls: [REDIRECT] }));
    const results = await checkSkill({ skillId: SKILL_A, stage: "live" }, REDIRECT, COGNITO_CLIENT_ID, settings);
    expect(results.map((r) => r.name)).toEqual(["skill"]);
    expect(smapi.smapiRequests("GET")).toHaveLength(1);
  });

  test("without SMAPI credentials both lines say where to set them", async () => {
    const results = await checkSkill(SKILL, REDIRECT, COGNITO_CLIENT_ID, {
      ...settings,
      lwa: undefined,
      missing: ["--lwa-client-id or ASK_LWA_CLIENT_ID"],
    });
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ["skill", false],
      [LIVE_CHECK, false],
    ]);
    expect(results[1].detail).toMatch(/no SMAPI credentials/);
  });
});

import { chooseSkill, mobileValues } from "../../packages/alexa-linking-component/src/mobile/values";
import { PLACEHOLDERS, PLACEHOLDER_PREFIX, isPlaceholder } from "../../packages/alexa-linking-component/src/mobile/placeholders";
import { MobileStackOutputs } from "../../packages/alexa-linking-component/src/stackOutputs";

const DEV = { skillId: "amzn1.ask.skill.dev", stage: "development" };
const LIVE = { skillId: "amzn1.ask.skill.live", stage: "live" };
const outputs = (skills = [DEV]): MobileStackOutputs => ({
  redirectURL: "https://b.s3.eu-west-1.amazonaws.com/",
  redirectHost: "b.s3.eu-west-1.amazonaws.com",
  alexaAccessTokenURL: "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token",
  cognitoClientId: "4example",
  skills,
});

describe("chooseSkill", () => {
  test.each([
    [[DEV], undefined, DEV],
    [[DEV], DEV.skillId, DEV],
    [[DEV, LIVE], LIVE.skillId, LIVE],
  ])("%j, %s", (skills, id, chosen) => expect(chooseSkill(skills, id)).toEqual(chosen));

  test.each<[(typeof DEV)[], string | undefined, RegExp]>([
    [
      [DEV, LIVE],
      undefined,
      /the stack links 2 skills: amzn1\.ask\.skill\.dev \(development\), amzn1\.ask\.skill\.live \(live\)\. Fix: pass --skill-id <id>/,
    ],
    [
      [DEV],
      "amzn1.ask.skill.other",
      /--skill-id "amzn1\.ask\.skill\.other" is not among the stack's skills: amzn1\.ask\.skill\.dev \(development\)/,
    ],
    [[DEV, { ...DEV, stage: "live" }], DEV.skillId, /is linked on several stages/],
  ])("%j, %s fails", (skills, id, message) => expect(() => chooseSkill(skills, id)).toThrow(message));
});

describe("mobileValues", () => {
  test.each([
    [{}, ["alexaClientId", "alexaClientSecret"]],
    [{ alexaClientId: "id" }, ["alexaClientSecret"]],
    [{ alexaClientSecret: "secret" }, ["alexaClientId"]],
    [{ alexaClientId: "id", alexaClientSecret: "secret" }, []],
  ])("%j leaves %j as placeholders", (options, placeholders) => {
    const values = mobileValues(outputs(), options);
    expect(values.placeholders).toEqual(placeholders);
    expect(values.alexaClientId).toBe((options as { alexaClientId?: string }).alexaClientId ?? PLACEHOLDERS.alexaClientId);
    expect(values.alexaClientSecret).toBe((options as { alexaClientSecret?: string }).alexaClientSecret ?? PLACEHOLDERS.alexaClientSecret);
  });

  test("maps the stack outputs", () => {
    expect(mobileValues(outputs([DEV, LIVE]), { skillId: LIVE.skillId })).toMatchObject({
      alexaRMClientId: "4example",
      skillId: LIVE.skillId,
      skillStage: "live",
      redirectHost: "b.s3.eu-west-1.amazonaws.com",
    });
  });

  test.each<[object, RegExp]>([
    [{ alexaClientId: "" }, /--alexa-client-id is empty/],
    [{ alexaClientSecret: "   " }, /--alexa-client-secret is empty/],
    [{ alexaClientSecret: "s3cr3t-value\n" }, /--alexa-client-secret has surrounding spaces or control characters \(13 characters\)/],
    [{ alexaClientSecret: "s3cr3t\u0007value" }, /--alexa-client-secret has surrounding spaces or control characters/],
    [{ alexaClientId: PLACEHOLDERS.alexaClientId }, /--alexa-client-id is still the placeholder text/],
  ])("rejects %j without showing the value", (options, message) => {
    let error = "";
    try {
      mobileValues(outputs(), options);
    } catch (err) {
      error = (err as Error).message;
    }
    expect(error).toMatch(message);
    expect(error).not.toMatch(/s3cr3t/);
  });
});

describe("placeholders", () => {
  test("each starts with the one marker and names its option", () => {
    expect(PLACEHOLDERS.alexaClientId.startsWith(PLACEHOLDER_PREFIX)).toBe(true);
    expect(PLACEHOLDERS.alexaClientId).toContain("--alexa-client-id");
    expect(PLACEHOLDERS.alexaClientSecret).toContain("--alexa-client-secret");
    expect(isPlaceholder(PLACEHOLDERS.alexaClientSecret)).toBe(true);
    expect(isPlaceholder("amzn1.application-oa2-client.x")).toBe(false);
  });
});

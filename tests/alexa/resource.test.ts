import { installMocks, promiseOf, type Mocks } from "../support/pulumiMocks";
import { SkillAccountLinking, skillLinkingResourceName } from "../../packages/alexa-linking-component/src/alexa/resource";
import { packageVersion } from "../../packages/alexa-linking-component/src/version";
import { COGNITO_CLIENT_ID, COGNITO_SECRET, REDIRECT, SKILL_A } from "./fixtures";

const TYPE = "pulumi-nodejs:dynamic/alexa-linking:SkillAccountLinking";
let mocks: Mocks;

beforeAll(() => {
  mocks = installMocks({
    state: (type, _name, inputs) =>
      type === TYPE
        ? { urlWasPresent: false, redirectUrls: [inputs.redirectUrl], accountLinkingClientId: inputs.cognitoClientId }
        : undefined,
  });
});

test("registers the dynamic resource with defaults, secrets and the serialized provider", async () => {
  const res = new SkillAccountLinking("skill-a", {
    skillId: SKILL_A,
    redirectUrl: REDIRECT,
    cognitoClientId: COGNITO_CLIENT_ID,
    clientSecret: COGNITO_SECRET,
    lwa: { clientId: "lwa-id", clientSecret: "lwa&secret", refreshToken: "lwa=refresh" },
  });
  expect(await promiseOf(res.stage)).toBe("development");
  expect(await promiseOf(res.redirectUrls)).toEqual([REDIRECT]);
  expect(await promiseOf(res.urlWasPresent)).toBe(false);
  await mocks.settled();

  const reg = mocks.one(TYPE);
  expect(reg.additionalSecretOutputs).toEqual(expect.arrayContaining(["clientSecret", "lwa"]));
  expect(reg.inputs.version).toBe(packageVersion());
  expect(reg.inputs.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(typeof reg.inputs.__provider).toBe("string");
  expect(reg.inputs.__provider).not.toContain(COGNITO_SECRET);
  expect(reg.inputs.__provider).not.toContain("lwa&secret");
});

test("clientSecret and lwa are sent as secrets even when given as plain text", async () => {
  new SkillAccountLinking("skill-a-secrets", {
    skillId: SKILL_A,
    redirectUrl: REDIRECT,
    cognitoClientId: COGNITO_CLIENT_ID,
    clientSecret: COGNITO_SECRET,
    lwa: { clientId: "lwa-id", clientSecret: "lwa&secret", refreshToken: "lwa=refresh" },
    version: "9.9.9",
  });
  await mocks.settled();
  const reg = mocks.registrations.find((r) => r.name === "skill-a-secrets")!;
  const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
  const SIG_KEY = "4dabf18193072939515e22adb298388d";
  expect(reg.inputs.clientSecret).toEqual({ [SIG_KEY]: SECRET_SIG, value: COGNITO_SECRET });
  expect(reg.inputs.lwa[SIG_KEY]).toBe(SECRET_SIG);
  expect(reg.inputs.skillId).toBe(SKILL_A);
  expect(reg.inputs.redirectUrl).toBe(REDIRECT);
  expect(reg.inputs.version).toBe("9.9.9");
});

test.each([
  ["alexa-links", SKILL_A, "alexa-links-skill-11111111-2222-3333-4444-555555555555"],
  ["x", "amzn1.ask.skill.aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "x-skill-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"],
])("skillLinkingResourceName(%p, %p)", (component, skillId, expected) => {
  expect(skillLinkingResourceName(component, skillId)).toBe(expected);
});

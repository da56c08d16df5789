/**
 * Issue 12, point 7: a component without skills deploys the hosting, the Cognito URL and the
 * token URL, but no skill gets app-to-app linking. It says so with a warning on the component.
 *
 * Under setMocks there is no engine (no engine address), so `pulumi.log.warn` prints
 * "warning: [runtime] ..." to the console instead of sending a LogRequest; the call itself,
 * with its resource, is what the engine would receive. The test watches both.
 */
import * as pulumi from "@pulumi/pulumi";
import { installMocks, promiseOf } from "../support/pulumiMocks";

const mocks = installMocks({
  state: (type, _name, inputs) =>
    type === "pulumi-nodejs:dynamic/alexa-linking:CognitoCallbackUrl"
      ? {
          userPoolId: "eu-west-1_pool",
          clientId: "rm-client-id",
          clientSecret: "rm-client-secret",
          urlWasPresent: false,
          callbackUrlPresent: true,
          ...inputs,
        }
      : type === "pulumi-nodejs:dynamic/alexa-linking:SkillAccountLinking"
        ? { urlWasPresent: false, redirectUrls: [inputs.redirectUrl] }
        : undefined,
});

import { AlexaAppLinking, AlexaAppLinkingArgs } from "../../packages/alexa-linking-component/src";

const base: AlexaAppLinkingArgs = {
  bucketName: "rainmaker-alexa-links",
  ios: { appIds: ["ABCDE12345.com.espressif.rainmaker"] },
  cognito: { userPoolId: "eu-west-1_pool" },
  accessToken: { url: "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/token" },
  verify: false,
};
const SKILL = "amzn1.ask.skill.00000000-0000-4000-8000-00000000000a";
const smapi = { clientId: "lwa-client", clientSecret: "lwa-secret", refreshToken: "Atzr|refresh" };

let warn: jest.SpyInstance;
let consoleWarn: jest.SpyInstance;
beforeEach(() => {
  // Let the real pulumi.log.warn run (it reaches console.warn without an engine), and record both.
  warn = jest.spyOn(pulumi.log, "warn");
  consoleWarn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
  consoleWarn.mockRestore();
});

async function build(name: string, args: AlexaAppLinkingArgs): Promise<AlexaAppLinking> {
  const component = new AlexaAppLinking(name, args);
  await promiseOf(component.cognitoClientId);
  await mocks.settled();
  return component;
}

const warningsAbout = (component: AlexaAppLinking) =>
  warn.mock.calls.filter((call) => call[1] === component).map((call) => String(call[0]));

describe("a component without skills", () => {
  test.each<[string, Partial<AlexaAppLinkingArgs>]>([
    ["skills absent", {}],
    ["skills empty", { skills: [] }],
  ])("%s: one warning on the component naming skills and the stack key skillIds", async (_case, extra) => {
    const component = await build(`no-skills-${extra.skills ? "empty" : "absent"}`, { ...base, ...extra });
    const warnings = warningsAbout(component);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/args\.skills/);
    expect(warnings[0]).toMatch(/stack key alexa-app-linking:skillIds/);
    expect(warnings[0]).toMatch(/no Alexa skill gets app-to-app account linking/);
    expect(warnings[0]).toMatch(/Fix: /);
    expect(consoleWarn.mock.calls.map((call) => String(call[0]))).toContainEqual(
      expect.stringContaining("no Alexa skill gets app-to-app account linking"),
    );
  });

  test("with a skill, no such warning", async () => {
    const component = await build("with-skill", { ...base, skills: [{ skillId: SKILL }], smapi });
    expect(warningsAbout(component)).toEqual([]);
    expect(warn.mock.calls.map((call) => String(call[0])).filter((m) => /skillIds/.test(m))).toEqual([]);
  });
});

/**
 * Stack keys stored with --secret keep their mark (issue 23, item 6): stackArgs hands their values
 * to the component as Pulumi secrets, refuses the keys that decide which resources exist, and
 * never shows a secret value in a problem. The state side is proven under the engine
 * (tests/engine/scenarios/awsConfig.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { stackArgs, StackConfigError } from "../../packages/alexa-linking-component/src/stackConfig";
import { installMocks, promiseOf } from "../support/pulumiMocks";

const mocks = installMocks({ region: "eu-west-1" });

const URL = "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token";
const base = { bucketName: "rainmaker-alexa-links-dev", iosAppIds: JSON.stringify(["ABCDE12345.com.espressif.rainmaker"]) };

const isSecretOutput = async (value: unknown) =>
  pulumi.Output.isInstance(value) && (await pulumi.isSecret(value as pulumi.Output<unknown>));

describe("stackArgs keeps the secret mark of the plain keys", () => {
  it.each([
    ["accessTokenUrl", URL, (a: any) => a.accessToken.url],
    ["cognitoClientName", "custom-client", (a: any) => a.cognito.clientName],
    ["cognitoUserPoolId", "eu-west-1_AbC123", (a: any) => a.cognito.userPoolId],
    ["bucketName", "rainmaker-alexa-links-dev", (a: any) => a.bucketName],
    ["iosAppIds", JSON.stringify(["ABCDE12345.com.espressif.rainmaker"]), (a: any) => a.ios.appIds],
    ["endpoints", JSON.stringify({ cognito: "http://127.0.0.1:9229" }), (a: any) => a.endpoints],
  ])("%s set with --secret reaches the component as a secret, with its value", async (key, value, pick) => {
    const args = stackArgs({ ...base, [key]: value }, { isSecret: (k) => k === key, env: {} });
    const got = pick(args);
    expect(await isSecretOutput(got)).toBe(true);
    const plain = await promiseOf(got as pulumi.Output<unknown>);
    expect(typeof plain === "string" ? plain : JSON.stringify(plain)).toBe(value);
  });

  it("the same keys stored in plain text stay plain values", () => {
    const args = stackArgs({ ...base, accessTokenUrl: URL }, { isSecret: () => false, env: {} });
    expect((args.accessToken as { url: string }).url).toBe(URL);
    expect(args.bucketName).toBe("rainmaker-alexa-links-dev");
  });

  it.each(["publicAccess", "skillIds", "verify"])("%s stored as a secret is refused: it decides which resources exist", (key) => {
    const value =
      key === "publicAccess"
        ? "policy"
        : key === "verify"
          ? "false"
          : JSON.stringify(["amzn1.ask.skill.00000000-0000-4000-8000-000000000001"]);
    const run = () =>
      stackArgs(
        { ...base, [key]: value },
        { isSecret: (k) => k === key, env: { ASK_LWA_CLIENT_ID: "i", ASK_LWA_CLIENT_SECRET: "s", ASK_REFRESH_TOKEN: "r" } },
      );
    expect(run).toThrow(StackConfigError);
    expect(run).toThrow(
      new RegExp(`config alexa-app-linking:${key} is stored as a secret, but it decides which resources exist.*without --secret`),
    );
  });

  it("a problem of a secret key does not show its value", () => {
    const secretUrl = "https://internal-token-host.corp.example/very/secret/path?x=1";
    const run = () =>
      stackArgs({ ...base, accessTokenUrl: secretUrl.replace("https", "ftp") }, { isSecret: (k) => k === "accessTokenUrl", env: {} });
    expect(run).toThrow(/accessTokenUrl/);
    try {
      run();
    } catch (e) {
      expect((e as Error).message).not.toContain("internal-token-host");
    }
  });
});

describe("a secret key taints only its own field", () => {
  it("cognitoClientName set with --secret: the Cognito resource's clientName is secret, its clientId and userPoolId are not sent", async () => {
    const { AlexaAppLinking } = await import("../../packages/alexa-linking-component/src");
    const { isWireSecret } = await import("../lifecycle/secrets");
    const args = stackArgs(
      { ...base, accessTokenUrl: URL, cognitoClientName: "esp-rainmaker-alexa-skill" },
      { isSecret: (k) => k === "cognitoClientName", env: {} },
    );
    new AlexaAppLinking("secret-name", args);
    await mocks.settled();
    const [callback] = mocks.byType("pulumi-nodejs:dynamic/alexa-linking:CognitoCallbackUrl");
    expect(isWireSecret(callback.inputs.clientName)).toBe(true);
    // A secret that resolves to nothing would be sent as a present null, which the skills' check refuses in preview.
    expect(callback.inputs.clientId ?? undefined).toBeUndefined();
    expect(callback.inputs.userPoolId ?? undefined).toBeUndefined();
  });
});

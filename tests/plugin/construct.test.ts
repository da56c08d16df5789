import { installMocks, promiseOf } from "../support/pulumiMocks";

const mocks = installMocks({
  region: "eu-west-1",
  state: (type) =>
    type === "alexa-linking-component:index:CognitoCallbackUrl"
      ? { userPoolId: "eu-west-1_pool", clientId: "rm-client-id", clientSecret: "rm-client-secret" }
      : undefined,
});

import type * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { ALEXA_APP_LINKING_TYPE } from "../../packages/alexa-linking-component/src/alexaAppLinking";
import { packageProvider } from "../../packages/alexa-linking-component/src/plugin/provider";
import { asWireSecret, revealSecrets } from "../../packages/alexa-linking-component/src/plugin/wireSecrets";
import { PACKAGE_DIR } from "../package/pack";
import { classOutputs } from "../package/schema";

/** Every public readonly field of the class: what the schema and the SDKs call its outputs. */
const OUTPUTS = classOutputs(path.join(PACKAGE_DIR, "src", "alexaAppLinking.ts"), "AlexaAppLinking").map((m) => m.name);
/** What @pulumi/pulumi's provider server runs on construct's inputs (internal to the SDK, so untyped here). */
const { deserializeInputs } = require("@pulumi/pulumi/provider/server") as {
  deserializeInputs(inputs: unknown, dependencies: Map<string, unknown>): Promise<Record<string, unknown>>;
};
const { Struct } = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] }),
);

const args = {
  bucketName: "plugin-links",
  ios: { appIds: ["ABCDE12345.com.espressif.rainmaker"] },
  accessToken: { url: "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/token" },
};

describe("construct, as the engine asks the plugin for a Python or YAML program", () => {
  it("builds the component with the plugin's resources and answers its URN and every output", async () => {
    const result = await packageProvider({ schema: () => "{}" }).construct!("links", ALEXA_APP_LINKING_TYPE, args, {});
    expect(OUTPUTS.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(result.state).sort()).toEqual([...OUTPUTS].sort());
    expect(await promiseOf(result.urn as pulumi.Output<string>)).toBe(mocks.urnOf(ALEXA_APP_LINKING_TYPE, "links"));
    const state = result.state as Record<string, pulumi.Output<unknown>>;
    expect(await promiseOf(state.redirectURL)).toBe("https://plugin-links.s3.eu-west-1.amazonaws.com/");
    expect(await promiseOf(state.cognitoClientId)).toBe("rm-client-id");
    await mocks.settled();
    expect(mocks.byType("alexa-linking-component:index:CognitoCallbackUrl")).toHaveLength(1);
    expect(mocks.registrations.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toEqual([]);
  });

  it("takes args as the server hands them over from a YAML program: nested secrets in smapi, plain skills", async () => {
    const skillId = "amzn1.ask.skill.00000000-0000-4000-8000-0000000000d1";
    const smapi = { clientId: "lwa-id", clientSecret: "lwa-secret", refreshToken: "Atzr|refresh" };
    const wire = {
      ...args,
      bucketName: "yaml-links",
      skills: [{ skillId }],
      smapi: Object.fromEntries(Object.entries(smapi).map(([k, v]) => [k, asWireSecret(v)])),
    };
    const inputs = await deserializeInputs(Struct.fromJavaScript(wire), new Map());
    await packageProvider({ schema: () => "{}" }).construct!("yaml", ALEXA_APP_LINKING_TYPE, inputs, {});
    await mocks.settled();
    const [linking] = mocks.byType("alexa-linking-component:index:SkillAccountLinking").filter((r) => r.name.startsWith("yaml-"));
    expect(linking.inputs.skillId).toBe(skillId);
    expect(linking.inputs.lwa).toEqual(asWireSecret(expect.anything()));
    expect(revealSecrets(linking.inputs.lwa)).toEqual(smapi);
  });

  it("refuses bad args with the component's own message, before registering anything", async () => {
    const before = mocks.registrations.length;
    await expect(
      packageProvider({ schema: () => "{}" }).construct!("bad", ALEXA_APP_LINKING_TYPE, { ...args, bucketName: "Bad_Bucket" }, {}),
    ).rejects.toThrow(/args\.bucketName "Bad_Bucket"/);
    expect(mocks.registrations.length).toBe(before);
  });
});

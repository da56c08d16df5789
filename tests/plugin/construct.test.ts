import { installMocks, promiseOf } from "../support/pulumiMocks";

const mocks = installMocks({
  region: "eu-west-1",
  state: (type) =>
    type === "alexa-linking-component:index:CognitoCallbackUrl" ? { userPoolId: "eu-west-1_pool", clientId: "rm-client-id", clientSecret: "rm-client-secret" } : undefined,
});

import type * as pulumi from "@pulumi/pulumi";
import { ALEXA_APP_LINKING_OUTPUTS, ALEXA_APP_LINKING_TYPE } from "../../packages/alexa-linking-component/src/alexaAppLinking";
import { packageProvider } from "../../packages/alexa-linking-component/src/plugin/provider";

const args = {
  bucketName: "plugin-links",
  ios: { appIds: ["ABCDE12345.com.espressif.rainmaker"] },
  accessToken: { url: "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/token" },
};

describe("construct, as the engine asks the plugin for a Python or YAML program", () => {
  it("builds the component with the plugin's resources and answers its URN and every output", async () => {
    const result = await packageProvider({ schema: () => "{}" }).construct!("links", ALEXA_APP_LINKING_TYPE, args, {});
    expect(Object.keys(result.state).sort()).toEqual([...ALEXA_APP_LINKING_OUTPUTS].sort());
    expect(await promiseOf(result.urn as pulumi.Output<string>)).toBe(mocks.urnOf(ALEXA_APP_LINKING_TYPE, "links"));
    const state = result.state as Record<string, pulumi.Output<unknown>>;
    expect(await promiseOf(state.redirectURL)).toBe("https://plugin-links.s3.eu-west-1.amazonaws.com/");
    expect(await promiseOf(state.cognitoClientId)).toBe("rm-client-id");
    await mocks.settled();
    expect(mocks.byType("alexa-linking-component:index:CognitoCallbackUrl")).toHaveLength(1);
    expect(mocks.registrations.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toEqual([]);
  });

  it("refuses bad args with the component's own message, before registering anything", async () => {
    const before = mocks.registrations.length;
    await expect(packageProvider({ schema: () => "{}" }).construct!("bad", ALEXA_APP_LINKING_TYPE, { ...args, bucketName: "Bad_Bucket" }, {})).rejects.toThrow(/args\.bucketName "Bad_Bucket"/);
    expect(mocks.registrations.length).toBe(before);
  });
});

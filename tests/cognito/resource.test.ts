import * as pulumi from "@pulumi/pulumi";
import { installMocks, promiseOf } from "../support/pulumiMocks";
import { CognitoCallbackUrl } from "../../packages/alexa-linking-component/src/cognito/resource";
import { packageVersion } from "../../packages/alexa-linking-component/src/version";

const TYPE = "pulumi-nodejs:dynamic/alexa-linking:CognitoCallbackUrl";

describe("CognitoCallbackUrl under mocks", () => {
  const mocks = installMocks({
    state: (type) =>
      type === TYPE
        ? { userPoolId: "eu-west-1_p", clientId: "c1", clientSecret: "s3cr3t", urlWasPresent: false, callbackUrlPresent: true }
        : undefined,
  });

  it("registers with its inputs, the package version and a secret clientSecret", async () => {
    const r = new CognitoCallbackUrl("cb", {
      redirectUrl: "https://b.s3.eu-west-1.amazonaws.com/",
      region: "eu-west-1",
      userPoolId: "eu-west-1_p",
    });
    await mocks.settled();
    const reg = mocks.one(TYPE);
    expect(reg.custom).toBe(true);
    expect(reg.additionalSecretOutputs).toEqual(["clientSecret"]);
    expect(reg.inputs).toMatchObject({
      redirectUrl: "https://b.s3.eu-west-1.amazonaws.com/",
      region: "eu-west-1",
      userPoolId: "eu-west-1_p",
      clientName: "esp-rainmaker-alexa-skill",
      version: packageVersion(),
    });
    expect(typeof reg.inputs.__provider).toBe("string");
    expect(await promiseOf(r.clientId)).toBe("c1");
    expect(await promiseOf(r.clientSecret)).toBe("s3cr3t");
    // The engine makes additionalSecretOutputs secret; mocks pass state through, so the
    // registration above is what proves it.
    expect(await pulumi.isSecret(r.clientId)).toBe(false);
  });

  it("reads the version from package.json", () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

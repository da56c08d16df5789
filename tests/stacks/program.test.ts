import * as pulumi from "@pulumi/pulumi";
import { installMocks, promiseOf } from "../support/pulumiMocks";

const mocks = installMocks({ region: "us-east-1" });

function setConfig(config: Record<string, string>, secretKeys: string[] = []) {
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([key, value]) => [`alexa-app-linking:${key}`, value])),
    secretKeys.map((key) => `alexa-app-linking:${key}`),
  );
}

/**
 * Runs stacks/index.ts with this stack config, as `pulumi up` would, and returns its exports.
 * The first run uses the test's own module registry: Pulumi names the SDK modules a dynamic
 * provider captures by looking them up in that registry, which jest.isolateModules would hide.
 */
function runProgram(config: Record<string, string>, secretKeys: string[] = []): Record<string, pulumi.Output<unknown>> {
  setConfig(config, secretKeys);
  return require("../../stacks/index");
}

/** A run that is expected to fail before registering anything, in a fresh module registry. */
function runProgramAgain(config: Record<string, string>): void {
  setConfig(config);
  jest.isolateModules(() => require("../../stacks/index"));
}

describe("the stack program", () => {
  it("reads the stack config and exports redirectURL and the association file URLs", async () => {
    const exports = runProgram({
      bucketName: "rainmaker-alexa-links-dev",
      accessTokenUrl: "https://abc123.execute-api.us-east-1.amazonaws.com/dev/token",
      iosAppIds: JSON.stringify(["ABCDE12345.com.espressif.rainmaker"]),
      androidPackageName: "com.espressif.rainmaker",
      androidSha256CertFingerprints: JSON.stringify(["146de983c5730650d8eeb9952f34fc6416a08342e61dbea88a0496b23fcf44e5"]),
    });
    expect(await promiseOf(exports.redirectURL)).toBe("https://rainmaker-alexa-links-dev.s3.us-east-1.amazonaws.com/");
    expect(await promiseOf(exports.redirectHost)).toBe("rainmaker-alexa-links-dev.s3.us-east-1.amazonaws.com");
    expect(Object.keys((await promiseOf(exports.associationFileUrls)) as object).sort()).toEqual(["android", "ios"]);
    expect(await promiseOf(exports.dnsRecords)).toEqual([]);
    expect(await promiseOf(exports.alexaAccessTokenURL)).toBe("https://abc123.execute-api.us-east-1.amazonaws.com/dev/token");
    expect(Object.keys(exports).sort()).toEqual([
      "alexaAccessTokenURL",
      "associationFileUrls",
      "bucketName",
      "cognitoClientId",
      "cognitoUserPoolId",
      "dnsRecords",
      "redirectHost",
      "redirectURL",
      "skills",
    ]);
    await mocks.settled();
    const objects = mocks.byType("aws:s3/bucketObjectv2:BucketObjectv2").map((r) => r.inputs.key);
    expect(objects.sort()).toEqual([".well-known/apple-app-site-association", ".well-known/assetlinks.json"]);
  });

  it("fails with the config key in the message when a value is malformed", () => {
    expect(() => runProgramAgain({ iosAppIds: "[not json" })).toThrow(/config alexa-app-linking:iosAppIds .* is not a list of strings/);
  });
});

import {
  argsFromConfig,
  closestKey,
  fromEnvironment,
  stackArgs,
  StackConfigError,
  StackConfigValues,
} from "../../packages/alexa-linking-component/src/stackConfig";

const appId = "ABCDE12345.com.espressif.rainmaker";
const fingerprint = "AB".repeat(32);

/** The hosting part of the args stackArgs makes (what render needs and the component validates first). */
const hostingArgs = (values: StackConfigValues) => {
  const { bucketName, publicAccess, cloudFront, ios, android } = stackArgs(values);
  return Object.fromEntries(Object.entries({ bucketName, publicAccess, cloudFront, ios, android }).filter(([, v]) => v !== undefined));
};

describe("stackArgs: the hosting keys", () => {
  it.each([
    ["a YAML list", { iosAppIds: [appId] }, { ios: { appIds: [appId] } }],
    ["a list as JSON text, as Pulumi hands it to programs", { iosAppIds: JSON.stringify([appId]) }, { ios: { appIds: [appId] } }],
    ["one string as a list of one", { iosAppIds: appId }, { ios: { appIds: [appId] } }],
    [
      "webcredentials with app ids",
      { iosAppIds: [appId], iosWebcredentials: [appId] },
      { ios: { appIds: [appId], webcredentials: [appId] } },
    ],
    [
      "one Android app",
      { androidPackageName: "com.espressif.rainmaker", androidSha256CertFingerprints: [fingerprint] },
      { android: [{ packageName: "com.espressif.rainmaker", sha256CertFingerprints: [fingerprint] }] },
    ],
    [
      "bucket and access mode",
      { bucketName: "links", publicAccess: "acl", iosAppIds: [appId] },
      { bucketName: "links", publicAccess: "acl", ios: { appIds: [appId] } },
    ],
  ])("%s", (_what, values, args) => {
    expect(hostingArgs(values)).toEqual(args);
  });

  it.each([
    ["nothing set", {}, /iosAppIds and alexa-app-linking:androidPackageName are both unset/],
    [
      "empty values, which count as unset",
      { bucketName: "", iosAppIds: "[]", androidSha256CertFingerprints: [] },
      /iosAppIds and alexa-app-linking:androidPackageName are both unset/,
    ],
    [
      "a list that is not JSON",
      { iosAppIds: "[not json" },
      /config alexa-app-linking:iosAppIds "\[not json" is not a list of strings\. Fix: set each item/,
    ],
    ["a list of numbers", { iosAppIds: [1] }, /config alexa-app-linking:iosAppIds \[1\] is not a list of strings/],
    [
      "a name that is not text",
      { bucketName: 5 },
      /config alexa-app-linking:bucketName 5 is not a string\. Fix: set it with `pulumi config set bucketName <value>`/,
    ],
    [
      "a list where a name goes, as JSON text from the engine",
      { bucketName: '["links"]' },
      /config alexa-app-linking:bucketName \["links"\] is not a string\. Fix: /,
    ],
    [
      "webcredentials without app ids",
      { iosWebcredentials: [appId] },
      /config alexa-app-linking:iosAppIds \(missing\) is not set, but iosWebcredentials is and needs it\. Fix: `pulumi config set --path 'iosAppIds\[0\]'/,
    ],
    [
      "fingerprints without a package name",
      { androidSha256CertFingerprints: [fingerprint] },
      /config alexa-app-linking:androidPackageName \(missing\) is not set, but androidSha256CertFingerprints is.*Fix: `pulumi config set androidPackageName <applicationId>`, or remove androidSha256CertFingerprints/,
    ],
    [
      "a package name without fingerprints",
      { androidPackageName: "com.espressif.rainmaker" },
      /config alexa-app-linking:androidSha256CertFingerprints \(missing\) is not set, but androidPackageName is.*'androidSha256CertFingerprints\[0\]'/,
    ],
  ])("rejects %s, naming the config key", (_what, values, message) => {
    expect(() => stackArgs(values)).toThrow(message);
  });
});

describe("the cloudfront keys", () => {
  it("map to args.publicAccess and args.cloudFront", () => {
    const args = stackArgs({
      publicAccess: "cloudfront",
      cloudFrontDomainName: "links.example.com",
      cloudFrontHostedZoneId: "Z0123456789EXAMPLE",
      cloudFrontCertificateArn: "",
      iosAppIds: ["ABCDE12345.com.espressif.rainmaker"],
    });
    expect(args.publicAccess).toBe("cloudfront");
    expect(args.cloudFront).toEqual({ domainName: "links.example.com", hostedZoneId: "Z0123456789EXAMPLE" });
  });

  it("give no cloudFront arg when none is set", () => {
    expect(stackArgs({ publicAccess: "cloudfront", iosAppIds: ["ABCDE12345.com.espressif.rainmaker"] }).cloudFront).toBeUndefined();
  });
});

describe("argsFromConfig", () => {
  const skill = "amzn1.ask.skill.00000000-0000-4000-8000-00000000000a";
  it.each([
    ["defaults", {}, { cognito: {}, skills: [], accessToken: {} }],
    [
      "cognito keys",
      { cognitoUserPoolId: "eu-west-1_x", cognitoClientId: "abc" },
      { cognito: { userPoolId: "eu-west-1_x", clientId: "abc" } },
    ],
    ["skills without a stage", { skillIds: [skill] }, { skills: [{ skillId: skill }] }],
    ["skills with the stage", { skillIds: [skill], skillStage: "development" }, { skills: [{ skillId: skill, stage: "development" }] }],
    ["the access token URL", { accessTokenUrl: "https://x/dev/token" }, { accessToken: { url: "https://x/dev/token" } }],
    ["verify as a boolean", { verify: false }, { verify: false }],
    ["verify as text", { verify: "false" }, { verify: false }],
    [
      "endpoint overrides as JSON text",
      { endpoints: JSON.stringify({ smapi: "http://127.0.0.1:9000", s3: "http://127.0.0.1:5000" }) },
      { endpoints: { smapi: "http://127.0.0.1:9000", s3: "http://127.0.0.1:5000" } },
    ],
    ["no endpoint overrides", { endpoints: "{}" }, {}],
  ])("%s", (_what, values, args) => {
    expect(argsFromConfig(values)).toMatchObject(args);
  });

  it("rejects a verify that is not true or false", () => {
    expect(() => argsFromConfig({ verify: "no" })).toThrow(/config alexa-app-linking:verify "no" is not true or false\. Fix: /);
  });
});

describe("fromEnvironment", () => {
  it.each([
    [["A", "B"], { B: "b" }, "b"],
    [["A", "B"], { A: "a", B: "b" }, "a"],
    [["A", "B"], { A: "", B: "b" }, "b"],
    [["A"], {}, undefined],
  ])("%p in %p -> %p", (names, env, value) => {
    expect(fromEnvironment(names, env)).toBe(value);
  });
});

describe("closestKey", () => {
  it.each([
    ["skillID", "skillIds"],
    ["skillId", "skillIds"],
    ["bucketname", "bucketName"],
    ["iosAppId", "iosAppIds"],
    ["androidPackage", "androidPackageName"],
    ["smapiClientSecrt", "smapiClientSecret"],
    ["region", undefined],
    ["x", undefined],
  ])("%s -> %p", (key, near) => {
    expect(closestKey(key)).toBe(near);
  });
});

/** The problems argsFromConfig reports for these values, by stack key. */
function problemsOf(values: Record<string, unknown>): Record<string, string> {
  try {
    argsFromConfig(values, "stacks/Pulumi.dev.yaml");
  } catch (err) {
    if (!(err instanceof StackConfigError)) throw err;
    return Object.fromEntries(err.problems.map((p) => [p.key, p.message]));
  }
  return {};
}

describe("stack config mistakes", () => {
  const skill = "amzn1.ask.skill.00000000-0000-4000-8000-00000000000a";

  it("refuses a misspelled key, suggesting the right one", () => {
    expect(problemsOf({ skillID: [skill] })).toEqual({
      skillID: expect.stringMatching(
        /^config alexa-app-linking:skillID is not a key of this project, so it would be ignored\. Fix: did you mean alexa-app-linking:skillIds\?/,
      ),
    });
  });

  it("refuses an unknown key with nothing close, saying how to remove it", () => {
    expect(problemsOf({ colour: "blue" }).colour).toMatch(/Fix: remove it from the stack file \(`pulumi config rm colour`\)/);
  });

  it.each([
    ["bucketName", { bucketName: "links.example.com" }, /^config alexa-app-linking:bucketName "links\.example\.com" .*Fix: /],
    [
      "publicAccess",
      { publicAccess: "public" },
      /^config alexa-app-linking:publicAccess "public" is not "policy", "acl" or "cloudfront"\. Fix: /,
    ],
    [
      "cloudFrontDomainName",
      { cloudFrontDomainName: "links.example.com" },
      /^config alexa-app-linking:cloudFrontDomainName "links\.example\.com" is set, but publicAccess is "policy".*Fix: set publicAccess to "cloudfront" \(stack: pulumi config set publicAccess cloudfront\), or remove the cloudFront\* keys/,
    ],
    [
      "cloudFrontCertificateArn",
      {
        publicAccess: "cloudfront",
        cloudFrontDomainName: "links.example.com",
        cloudFrontCertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
      },
      /^config alexa-app-linking:cloudFrontCertificateArn ".*" is in eu-west-1, and CloudFront takes certificates from us-east-1 only/,
    ],
    [
      "cloudFrontHostedZoneId",
      { publicAccess: "cloudfront", cloudFrontHostedZoneId: "Z0123456789EXAMPLE" },
      /^config alexa-app-linking:cloudFrontHostedZoneId "Z0123456789EXAMPLE" is set without cloudFrontDomainName/,
    ],
    [
      "iosAppIds[1]",
      { iosAppIds: ["ABCDE12345.com.espressif.rainmaker", "abc.com.x"] },
      /^config alexa-app-linking:iosAppIds\[1\] "abc\.com\.x" has Team ID "abc"/,
    ],
    [
      "iosWebcredentials[0]",
      { iosAppIds: ["ABCDE12345.com.espressif.rainmaker"], iosWebcredentials: ["nope"] },
      /^config alexa-app-linking:iosWebcredentials\[0\] "nope" is not an App ID/,
    ],
    [
      "androidPackageName",
      { androidPackageName: "rainmaker", androidSha256CertFingerprints: ["AB".repeat(32)] },
      /^config alexa-app-linking:androidPackageName "rainmaker" is not an Android package name/,
    ],
    [
      "androidSha256CertFingerprints[0]",
      { androidPackageName: "com.x.y", androidSha256CertFingerprints: ["AB".repeat(20)] },
      /^config alexa-app-linking:androidSha256CertFingerprints\[0\] .* has 20 bytes/,
    ],
    ["skillIds[0]", { skillIds: ["my-skill"] }, /^config alexa-app-linking:skillIds\[0\] "my-skill" is not an Alexa skill id\. Fix: /],
    [
      "skillIds[1]",
      { skillIds: [skill, skill] },
      /^config alexa-app-linking:skillIds\[1\] repeats skill .* of skillIds\[0\]\. Fix: list each skill once/,
    ],
    [
      "skillStage",
      { skillIds: [skill, "amzn1.ask.skill.00000000-0000-4000-8000-00000000000b"], skillStage: "live" },
      /^config alexa-app-linking:skillStage "live" .*certification/,
    ],
    [
      "accessTokenUrl",
      { accessTokenUrl: "http://x/dev/token" },
      /^config alexa-app-linking:accessTokenUrl "http:\/\/x\/dev\/token" uses http; the apps require https/,
    ],
    [
      "endpoints.smap",
      { endpoints: { smap: "http://127.0.0.1:9000" } },
      /^config alexa-app-linking:endpoints\.smap "http:\/\/127\.0\.0\.1:9000" is not a service with an endpoint override\. Fix: use one of smapi, lwa, cognito, apiGateway, s3 \(did you mean smapi\?\)/,
    ],
    [
      "endpoints.s3",
      { endpoints: '{"s3": "localhost:5000"}' },
      /^config alexa-app-linking:endpoints\.s3 "localhost:5000" is not an http\(s\) URL/,
    ],
    [
      "endpoints",
      { endpoints: "http://127.0.0.1:9000" },
      /^config alexa-app-linking:endpoints "http:\/\/127\.0\.0\.1:9000" is not a map of service to URL/,
    ],
    [
      "endpoints.smap",
      { endpoints: { smap: "http://admin:hunter2@10.1.2.3/" } },
      /^config alexa-app-linking:endpoints\.smap "http:\/\/\*\*\*@10\.1\.2\.3\/" is not a service with an endpoint override/,
    ],
    [
      "endpoints",
      { endpoints: "http://admin:hunter2@10.1.2.3/" },
      /^config alexa-app-linking:endpoints "http:\/\/\*\*\*@10\.1\.2\.3\/" is not a map of service to URL/,
    ],
    [
      "endpoints",
      { endpoints: '["http://admin:hunter2@10.1.2.3/"]' },
      /^config alexa-app-linking:endpoints \["http:\/\/\*\*\*@10\.1\.2\.3\/"\] is not a map of service to URL/,
    ],
    [
      "endpoints.smapi",
      { endpoints: { smapi: "http://smapi.localhost:8080" } },
      /^config alexa-app-linking:endpoints\.smapi "http:\/\/smapi\.localhost:8080" uses plain http to smapi\.localhost, which is not this machine/,
    ],
    ["accessTokenStage", { accessTokenStage: "dev stage" }, /^config alexa-app-linking:accessTokenStage "dev stage" is not 1-128 letters/],
  ])("names the stack key %s, not a component arg", (key, values, message) => {
    const problems = problemsOf(values);
    expect(Object.keys(problems)).toEqual([key]);
    expect(problems[key]).toMatch(message);
    expect(problems[key]).not.toMatch(/args\./);
    expect(problems[key]).not.toContain("hunter2");
  });

  it("reports every mistake of a stack file at once", () => {
    let error: StackConfigError | undefined;
    try {
      argsFromConfig({ skillID: [skill], bucketName: "Links", iosAppIds: ["bad"], verify: "yes" }, "stacks/Pulumi.dev.yaml");
    } catch (err) {
      error = err as StackConfigError;
    }
    expect(error).toBeInstanceOf(StackConfigError);
    expect(error!.problems.map((p) => p.key).sort()).toEqual(["bucketName", "iosAppIds[0]", "skillID", "verify"]);
    expect(error!.message).toMatch(/^The stack config has 4 problems \(stacks\/Pulumi\.dev\.yaml\):\n {2}- config alexa-app-linking:/);
  });
});

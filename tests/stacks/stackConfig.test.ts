import { argsFromConfig, hostingArgsFromConfig, fromEnvironment } from "../../packages/alexa-linking-component/src/stackConfig";

const appId = "ABCDE12345.com.espressif.rainmaker";
const fingerprint = "AB".repeat(32);

describe("hostingArgsFromConfig", () => {
  it.each([
    ["nothing set", {}, {}],
    ["empty values count as unset", { bucketName: "", iosAppIds: "[]", androidSha256CertFingerprints: [] }, {}],
    ["a YAML list", { iosAppIds: [appId] }, { ios: { appIds: [appId] } }],
    ["a list as JSON text, as Pulumi hands it to programs", { iosAppIds: JSON.stringify([appId]) }, { ios: { appIds: [appId] } }],
    ["one string as a list of one", { iosAppIds: appId }, { ios: { appIds: [appId] } }],
    ["webcredentials with app ids", { iosAppIds: [appId], iosWebcredentials: [appId] }, { ios: { appIds: [appId], webcredentials: [appId] } }],
    [
      "one Android app",
      { androidPackageName: "com.espressif.rainmaker", androidSha256CertFingerprints: [fingerprint] },
      { android: [{ packageName: "com.espressif.rainmaker", sha256CertFingerprints: [fingerprint] }] },
    ],
    ["bucket and access mode", { bucketName: "links", publicAccess: "acl" }, { bucketName: "links", publicAccess: "acl" }],
  ])("%s", (_what, values, args) => {
    expect(hostingArgsFromConfig(values)).toEqual(args);
  });

  it.each([
    ["a list that is not JSON", { iosAppIds: "[not json" }, /config alexa-app-linking:iosAppIds "\[not json" is not a list of strings\. Fix: set each item/],
    ["a list of numbers", { iosAppIds: [1] }, /config alexa-app-linking:iosAppIds \[1\] is not a list of strings/],
    ["a name that is not text", { bucketName: 5 }, /config alexa-app-linking:bucketName 5 is not a string\. Fix: set it with `pulumi config set bucketName <value>`/],
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
    expect(() => hostingArgsFromConfig(values)).toThrow(message);
  });
});

describe("argsFromConfig", () => {
  const skill = "amzn1.ask.skill.00000000-0000-4000-8000-00000000000a";
  it.each([
    ["defaults", {}, { cognito: {}, skills: [], accessToken: {} }],
    ["cognito keys", { cognitoUserPoolId: "eu-west-1_x", cognitoClientId: "abc" }, { cognito: { userPoolId: "eu-west-1_x", clientId: "abc" } }],
    ["skills without a stage", { skillIds: [skill] }, { skills: [{ skillId: skill }] }],
    ["skills with the stage", { skillIds: [skill], skillStage: "development" }, { skills: [{ skillId: skill, stage: "development" }] }],
    ["the access token URL", { accessTokenUrl: "https://x/dev/token" }, { accessToken: { url: "https://x/dev/token" } }],
    ["verify as a boolean", { verify: false }, { verify: false }],
    ["verify as text", { verify: "false" }, { verify: false }],
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

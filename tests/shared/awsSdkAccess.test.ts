import { accountProblem, goDurationSeconds, planSdkAccess } from "../../packages/alexa-linking-component/src/shared/awsSdkAccess";
import type { AwsSetting } from "../../packages/alexa-linking-component/src/shared/awsConfig";

const FIX = "set accessToken.url";
const settings = (values: Record<string, unknown>, secret: string[] = []): Record<string, AwsSetting> =>
  Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value, secret: secret.includes(k) }]));

describe("planSdkAccess: the aws provider's credential chain as SDK settings", () => {
  it.each([
    ["nothing set: the SDK's default chain", {}, { kind: "defaultChain" }],
    [
      "static keys",
      { accessKey: "AKIA1", secretKey: "s3cr3t-key-0001", token: "tok-00000001" },
      { kind: "static", accessKeyId: "AKIA1", secretAccessKey: "s3cr3t-key-0001", sessionToken: "tok-00000001" },
    ],
    ["a profile", { profile: "rainmaker-admin" }, { kind: "profile", profile: "rainmaker-admin" }],
    [
      "shared files",
      { sharedCredentialsFiles: ["/c"], sharedConfigFiles: ["/f"] },
      { kind: "profile", credentialsFile: "/c", configFile: "/f" },
    ],
    [
      "web identity wins over static keys (as aws-sdk-go-base)",
      { accessKey: "AKIA1", secretKey: "s", assumeRoleWithWebIdentity: { roleArn: "arn:r", webIdentityTokenFile: "/t", duration: "1h" } },
      { kind: "webIdentity", roleArn: "arn:r", sessionName: "alexa-linking-component", tokenFile: "/t", durationSeconds: 3600 },
    ],
  ])("%s", (_label, values, base) => {
    expect(planSdkAccess(settings(values), "eu-west-1", FIX).base).toEqual(base);
  });

  it("chains assumeRoles in order, keeps their external ids secret, and calls STS where the stack says", () => {
    const plan = planSdkAccess(
      settings({
        assumeRoles: [
          { roleArn: "arn:a", externalId: "ext-0000001" },
          { roleArn: "arn:b", sessionName: "s", duration: "1h30m", tags: { team: "iot" }, policyArns: ["arn:p"] },
        ],
        stsRegion: "eu-central-1",
        endpoints: [{ sts: "http://127.0.0.1:5000" }],
      }),
      "eu-west-1",
      FIX,
    );
    expect(plan.roles).toEqual([
      { roleArn: "arn:a", sessionName: "alexa-linking-component", externalId: "ext-0000001" },
      { roleArn: "arn:b", sessionName: "s", durationSeconds: 5400, tags: { team: "iot" }, policyArns: ["arn:p"] },
    ]);
    expect(plan.secrets).toEqual(["ext-0000001"]);
    expect(plan.sts).toEqual({ region: "eu-central-1", endpoint: "http://127.0.0.1:5000" });
  });

  it("maps retries, FIPS, dual-stack, the CA bundle and account lists", () => {
    const plan = planSdkAccess(
      settings({
        maxRetries: 4,
        retryMode: "adaptive",
        useFipsEndpoint: true,
        useDualstackEndpoint: false,
        customCaBundle: "/etc/ca.pem",
        allowedAccountIds: ["123456789012"],
        forbiddenAccountIds: ["210987654321"],
      }),
      "eu-west-1",
      FIX,
    );
    expect(plan.client).toEqual({
      maxAttempts: 5,
      retryMode: "adaptive",
      useFipsEndpoint: true,
      useDualstackEndpoint: false,
      caBundleFile: "/etc/ca.pem",
    });
    expect(plan.allowedAccountIds).toEqual(["123456789012"]);
    expect(plan.forbiddenAccountIds).toEqual(["210987654321"]);
  });

  it.each([
    ["a proxy", { httpsProxy: "http://p:3128" }, /aws:httpsProxy .*routes AWS calls through a proxy.*set accessToken\.url/],
    ["half a key pair", { accessKey: "AKIA1" }, /aws:secretKey \(missing\) must be set with aws:accessKey/],
    ["a role without an ARN", { assumeRoles: [{ externalId: "x" }] }, /aws:assumeRoles\[0\]\.roleArn \(missing\) is required/],
    [
      "web identity without a token",
      { assumeRoleWithWebIdentity: { roleArn: "arn:r" } },
      /neither webIdentityToken nor webIdentityTokenFile/,
    ],
    ["a bad retry mode", { retryMode: "legacy" }, /aws:retryMode "legacy" is not "standard" or "adaptive"/],
    ["a bad duration", { assumeRoles: [{ roleArn: "arn:a", duration: "ten" }] }, /aws:assumeRoles\[0\]\.duration "ten" is not a duration/],
  ])("refuses %s, naming the key", (_label, values, message) => {
    expect(() => planSdkAccess(settings(values), "eu-west-1", FIX)).toThrow(message);
  });
});

describe("goDurationSeconds and accountProblem", () => {
  it.each([
    ["1h", 3600],
    ["15m", 900],
    ["900s", 900],
    ["1h0m30s", 3630],
  ])("%s is %i s", (text, seconds) => expect(goDurationSeconds(text, "k")).toBe(seconds));

  it.each([
    [{}, "123456789012", undefined],
    [{ allowedAccountIds: ["123456789012"] }, "123456789012", undefined],
    [{ allowedAccountIds: ["1"] }, "123456789012", /not in aws:allowedAccountIds/],
    [{ forbiddenAccountIds: ["123456789012"] }, "123456789012", /is in aws:forbiddenAccountIds/],
  ])("%p with account %s", (plan, account, problem) => {
    const got = accountProblem(plan, account);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(problem);
  });
});

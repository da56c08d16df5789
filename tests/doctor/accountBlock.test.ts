/**
 * doctor's `account block` line: the account-level S3 Block Public Access setting read with the
 * AWS SDK (STS GetCallerIdentity, s3control GetPublicAccessBlock) from a fake on 127.0.0.1, judged
 * with the component's own rules (src/hosting/accountBlock.ts) against the deployed mode.
 */
import {
  checkAccountBlock,
  deployedModes,
  judgeAccountBlock,
  type DeployedModes,
} from "../../packages/alexa-linking-component/src/doctor/accountBlock";
import type { PublicAccessMode } from "../../packages/alexa-linking-component/src/hosting/publicAccess";
import { FAKE_ACCOUNT_ID, flags, S3ControlFake, startS3ControlFake } from "../emulators/s3Control";
import { runDoctorCli } from "./harness";

const S3_OUTPUTS = {
  redirectURL: "https://links-bucket.s3.eu-west-1.amazonaws.com/",
  associationFileUrls: { ios: "https://links-bucket.s3.eu-west-1.amazonaws.com/.well-known/apple-app-site-association" },
  cognitoUserPoolId: "eu-west-1_AbC123",
};
const CLOUDFRONT_OUTPUTS = {
  redirectURL: "https://d111111abcdef8.cloudfront.net/",
  associationFileUrls: { ios: "https://d111111abcdef8.cloudfront.net/.well-known/apple-app-site-association" },
  cognitoUserPoolId: "eu-west-1_AbC123",
};
const CREDENTIALS = { accessKeyId: "AKIADOCTORTEST", secretAccessKey: "doctor-secret-key-1234", sessionToken: "doctor-session-token-5678" };
const configured = (mode: PublicAccessMode): DeployedModes => deployedModes(S3_OUTPUTS, { mode, source: "stacks/Pulumi.dev.yaml" });

let fake: S3ControlFake;
beforeAll(async () => {
  fake = await startS3ControlFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.behaviour = { kind: "none" };
  fake.seen = [];
});

const check = (deployed: DeployedModes, timeoutMs?: number) =>
  checkAccountBlock(S3_OUTPUTS, deployed, { endpoint: fake.endpoint, credentials: CREDENTIALS, maxAttempts: 1, timeoutMs });

describe("the deployed mode", () => {
  test("from the stack's settings when given; else S3 URLs are policy or acl, any other host CloudFront", () => {
    expect(configured("acl")).toEqual({ modes: ["acl"], source: "publicAccess in stacks/Pulumi.dev.yaml" });
    expect(deployedModes(S3_OUTPUTS)).toEqual({
      modes: ["policy", "acl"],
      source: "the files' S3 URLs, which do not tell which; --stack does",
    });
    expect(deployedModes(CLOUDFRONT_OUTPUTS).modes).toEqual(["cloudfront"]);
    expect(deployedModes({ redirectURL: "https://links.example.com/", associationFileUrls: {} }).modes).toEqual(["cloudfront"]);
  });
});

describe("read from the fake s3control", () => {
  test("none set (NoSuchPublicAccessBlockConfiguration): ok", async () => {
    const line = await check(configured("policy"));
    expect(line).toEqual({
      name: "account block",
      ok: true,
      detail: `account "${FAKE_ACCOUNT_ID}" sets no account-level S3 Block Public Access; publicAccess "policy" (from publicAccess in stacks/Pulumi.dev.yaml) is not overridden`,
    });
    expect(fake.seen).toEqual(["sts", "s3control"]);
  });

  test("flags that do not defeat the mode: ok, naming them", async () => {
    fake.behaviour = { kind: "set", flags: flags({ BlockPublicAcls: true, IgnorePublicAcls: true }) };
    const line = await check(configured("policy"));
    expect(line.ok).toBe(true);
    expect(line.warning).toBeUndefined();
    expect(line.detail).toMatch(/BlockPublicAcls, IgnorePublicAcls on, which does not defeat publicAccess "policy"/);
  });

  test.each<
    [
      PublicAccessMode,
      Partial<Record<"BlockPublicAcls" | "IgnorePublicAcls" | "BlockPublicPolicy" | "RestrictPublicBuckets", boolean>>,
      string,
    ]
  >([
    ["policy", { BlockPublicPolicy: true }, "BlockPublicPolicy"],
    ["policy", { RestrictPublicBuckets: true, BlockPublicAcls: true }, "RestrictPublicBuckets"],
    ["acl", { IgnorePublicAcls: true }, "IgnorePublicAcls"],
    ["acl", { BlockPublicAcls: true, BlockPublicPolicy: true }, "BlockPublicAcls, BlockPublicPolicy"],
  ])("mode %s under %j: FAIL naming %s and the fix", async (mode, on, named) => {
    fake.behaviour = { kind: "set", flags: flags(on) };
    const line = await check(configured(mode));
    expect(line.ok).toBe(false);
    expect(line.detail).toContain(`account "${FAKE_ACCOUNT_ID}" has account-level S3 Block Public Access ${named} on, which overrides`);
    expect(line.detail).toContain(`with publicAccess "${mode}"`);
    expect(line.detail).toMatch(/Fix: set publicAccess to "cloudfront".*aws s3control put-public-access-block/);
  });

  test("cloudfront mode: every flag on is ok (the bucket is private)", async () => {
    fake.behaviour = {
      kind: "set",
      flags: flags({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }),
    };
    const line = await check(configured("cloudfront"));
    expect(line.ok).toBe(true);
    expect(line.warning).toBeUndefined();
    expect(line.detail).toMatch(
      /BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets on, which does not defeat publicAccess "cloudfront".*CloudFront serves/,
    );
  });

  test("mode told only by S3 URLs: flags that defeat both modes FAIL; flags that defeat only acl warn", async () => {
    fake.behaviour = { kind: "set", flags: flags({ BlockPublicPolicy: true }) };
    const both = await check(deployedModes(S3_OUTPUTS));
    expect(both.ok).toBe(false);
    fake.behaviour = { kind: "set", flags: flags({ IgnorePublicAcls: true }) };
    const onlyAcl = await check(deployedModes(S3_OUTPUTS));
    expect(onlyAcl).toMatchObject({ ok: true, warning: true });
    expect(onlyAcl.detail).toMatch(/publicAccess "policy" is not defeated: pass --stack/);
  });

  test("AccessDenied: warn, naming s3:GetAccountPublicAccessBlock", async () => {
    fake.behaviour = { kind: "denied" };
    const line = await check(configured("policy"));
    expect(line).toMatchObject({ ok: true, warning: true });
    expect(line.detail).toMatch(
      /could not read .* \(S3 Control GetPublicAccessBlock: access denied, AccessDenied: Access Denied; it needs s3:GetAccountPublicAccessBlock\)/,
    );
    expect(line.detail).toMatch(/Fix: allow s3:GetAccountPublicAccessBlock .* to the credentials doctor runs with/);
  });

  test("another account's id is refused like AWS refuses it (the id comes from GetCallerIdentity)", async () => {
    const other = await startS3ControlFake({ kind: "set", flags: flags({ BlockPublicPolicy: true }) }, "210987654321");
    try {
      const line = await checkAccountBlock(S3_OUTPUTS, configured("policy"), {
        endpoint: other.endpoint,
        credentials: CREDENTIALS,
        maxAttempts: 1,
      });
      expect(line.ok).toBe(false);
      expect(line.detail).toContain('account "210987654321"');
    } finally {
      await other.close();
    }
  });
});

describe("a hostile endpoint", () => {
  test("an error that echoes the request's headers shows no credential", async () => {
    fake.behaviour = { kind: "echo" };
    const line = await check(configured("policy"));
    expect(line).toMatchObject({ ok: true, warning: true });
    // The token is echoed first, inside what the line shows: redacted there, not merely cut off.
    expect(line.detail).toContain("you sent token [secret] with");
    expect(line.detail).not.toContain(CREDENTIALS.sessionToken);
    expect(line.detail).not.toContain(CREDENTIALS.secretAccessKey);
  });

  test("a huge body is cut off at the cap: a warning, soon", async () => {
    fake.behaviour = { kind: "huge", bytes: 50 * 1024 * 1024 };
    const started = Date.now();
    const line = await check(configured("policy"), 20_000);
    expect(line).toMatchObject({ ok: true, warning: true });
    expect(line.detail).toMatch(/ResponseTooLarge: .* answered with a body larger than 64 KiB/);
    expect(line.detail).toMatch(/Fix: check the network, the credentials and --s3-control-endpoint/);
    expect(line.detail.length).toBeLessThan(2_000);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe("the judgement, pure", () => {
  test("a read that failed before the account id was known says 'the account'", () => {
    const line = judgeAccountBlock(undefined, configured("acl"), { kind: "unreadable", reason: "STS GetCallerIdentity failed: x" });
    expect(line.detail).toMatch(
      /^could not read the account-level S3 Block Public Access setting of the account \(STS GetCallerIdentity failed: x\)/,
    );
  });
});

describe("the command line", () => {
  test("--s3-control-endpoint is checked like the other endpoints, before anything runs", async () => {
    const run = await runDoctorCli(["--s3-control-endpoint", "http://s3control.example.com"], { stdin: "{}" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--s3-control-endpoint .*http:\/\/s3control\.example\.com.*Fix: give the service's https base URL/);
    expect(fake.seen).toEqual([]);
  });

  test("--help names the line and the option", async () => {
    const run = await runDoctorCli(["--help"]);
    expect(run.stdout).toMatch(/account block +the account-level S3 Block Public Access/);
    expect(run.stdout).toContain("--s3-control-endpoint <url>");
  });
});

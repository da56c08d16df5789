/**
 * Account-level S3 Block Public Access (issue 22, item 5): the pure rules, and the component
 * under mocks: a setting that defeats "policy" or "acl" stops the deploy before any resource,
 * naming publicAccess cloudfront; an unreadable setting gives a warning that explains the
 * AccessDenied to expect; "cloudfront" does not read it.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  accountBlockProblem,
  classifyAccountBlockError,
  accountBlockVerdict,
  FLAGS_DEFEATING,
  readAccountBlock,
  unreadableWarning,
  type AccountBlock,
} from "../../packages/alexa-linking-component/src/hosting/accountBlock";
import { installMocks } from "../support/pulumiMocks";

const OFF: AccountBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const TOKEN = "aws:s3/getAccountPublicAccessBlock:getAccountPublicAccessBlock";

describe("accountBlockProblem", () => {
  it.each([
    ["policy", {}, undefined],
    ["policy", { blockPublicAcls: true, ignorePublicAcls: true }, undefined],
    [
      "policy",
      { blockPublicPolicy: true },
      /BlockPublicPolicy on.*publicAccess "policy" the public bucket policy would be refused \(AccessDenied\)/,
    ],
    ["policy", { restrictPublicBuckets: true }, /RestrictPublicBuckets on.*would grant anonymous readers nothing/],
    ["acl", { blockPublicAcls: true }, /BlockPublicAcls on.*the public-read ACLs would be refused/],
    ["acl", { ignorePublicAcls: true }, /IgnorePublicAcls on.*would grant nothing/],
    ["acl", { blockPublicPolicy: true }, /BlockPublicPolicy/],
    ["cloudfront", { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }, undefined],
  ] as const)("mode %s with %p", (mode, flags, problem) => {
    const got = accountBlockProblem("links", mode, "123456789012", { ...OFF, ...flags });
    if (problem === undefined) expect(got).toBeUndefined();
    else {
      expect(got).toMatch(problem);
      expect(got).toMatch(
        /Nothing was created\. Fix: set publicAccess to "cloudfront" \(stack: pulumi config set publicAccess cloudfront\)/,
      );
    }
  });

  it("every mode is listed", () => expect(Object.keys(FLAGS_DEFEATING).sort()).toEqual(["acl", "cloudfront", "policy"]));

  it.each([
    ["reading S3 Account Public Access Block (123456789012): couldn't find resource", "none"],
    ["NoSuchPublicAccessBlockConfiguration: The public access block configuration was not found", "none"],
    [
      "reading S3 Account Public Access Block (1): operation error S3 Control: GetPublicAccessBlock, https response error StatusCode: 403, api error AccessDenied: Access Denied",
      "unreadable",
    ],
  ])("classifies %s as %s", (message, kind) => expect(classifyAccountBlockError(message)).toBe(kind));

  it("the warning for an unreadable setting says what to expect and what to do", () => {
    expect(unreadableWarning("links", "policy", "AccessDenied")).toMatch(
      /could not read the account's S3 Block Public Access setting \(AccessDenied\).*AccessDenied on the bucket policy \(PutBucketPolicy\).*allow s3:GetAccountPublicAccessBlock.*publicAccess to "cloudfront"/,
    );
  });
});

describe("readAccountBlock and the verdict, under mocks", () => {
  let answer: Record<string, unknown> | Error = {};
  const mocks = installMocks({
    region: "eu-west-1",
    call: (token) => {
      if (token !== TOKEN) return undefined;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  const parent = () => new pulumi.ComponentResource("test:index:Parent", `parent-${Math.random()}`);

  it("a setting with BlockPublicPolicy: read through the invoke with the account id, the verdict stops policy mode", async () => {
    answer = { ...OFF, blockPublicPolicy: true, id: "123456789012" };
    const read = await readAccountBlock("123456789012", parent());
    expect(read).toEqual({ kind: "set", block: { ...OFF, blockPublicPolicy: true } });
    expect(mocks.invokes.some((i) => i.token === TOKEN && i.inputs.accountId === "123456789012")).toBe(true);
    expect(accountBlockVerdict("links", "policy", "123456789012", read).problem).toMatch(/pulumi config set publicAccess cloudfront/);
    expect(accountBlockVerdict("links", "cloudfront", "123456789012", read)).toEqual({});
  });

  it("no setting: nothing to say", () => {
    expect(accountBlockVerdict("links", "acl", "123456789012", { kind: "none" })).toEqual({});
  });

  it("a read that is denied: a warning that explains the AccessDenied to expect, and the deploy goes on", async () => {
    answer = new Error(
      "operation error S3 Control: GetPublicAccessBlock, https response error StatusCode: 403, api error AccessDenied: Access Denied",
    );
    const read = await readAccountBlock("123456789012", parent());
    expect(read.kind).toBe("unreadable");
    const verdict = accountBlockVerdict("links", "policy", "123456789012", read);
    expect(verdict.problem).toBeUndefined();
    expect(verdict.warning).toMatch(/AccessDenied on the bucket policy \(PutBucketPolicy\)/);
  });
});

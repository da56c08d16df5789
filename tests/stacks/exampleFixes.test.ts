/**
 * Every value an error suggests ("e.g. ...", `use "..."`, "looks like ...") passes every rule of
 * the same check when fed back: the user who copies the suggestion gets no second error.
 */
import { argsFromConfig, StackConfigError, StackConfigValues } from "../../packages/alexa-linking-component/src/stackConfig";
import { redirectUrlIssue, skillIdIssue, stageIssue } from "../../packages/alexa-linking-component/src/alexa/validation";
import { suggestBucketName, validateBucketName } from "../../packages/alexa-linking-component/src/hosting/bucketName";

/** The values a message suggests: quoted after "e.g."/"use", or bare after "e.g."/"looks like". */
export function suggestedValues(message: string): string[] {
  const found: string[] = [];
  for (const m of message.matchAll(/(?:e\.g\.|use|looks like)\s+(?:\[?"([^"]+)"\]?|(?<=(?:e\.g\.|looks like)\s+)([^\s,;()"[\]]+))/g)) {
    const value = m[1] ?? m[2];
    if (value !== undefined) found.push(value.replace(/\.$/, ""));
  }
  return found;
}

/** The problems argsFromConfig reports for `values`, by key. */
function problemsOf(values: StackConfigValues): { key: string; message: string }[] {
  try {
    argsFromConfig(values);
    return [];
  } catch (err) {
    if (!(err instanceof StackConfigError)) throw err;
    return err.problems;
  }
}

const LISTS = new Set(["iosAppIds", "iosWebcredentials", "androidSha256CertFingerprints", "skillIds"]);
const cloudFront = { publicAccess: "cloudfront" };
const onDomain = { ...cloudFront, cloudFrontDomainName: "links.example.com" };
const fingerprint = "AB".repeat(32);

// [key, bad value, the rest of the config]: every stack key whose error suggests a value.
const CASES: [string, unknown, StackConfigValues][] = [
  ["bucketName", "Rainmaker.Links", {}],
  ["bucketName", "Rainmaker_Links", {}],
  ["bucketName", "rainmaker_links", {}],
  ["bucketName", "-rainmaker-links-", {}],
  ["bucketName", "xn--rainmaker", {}],
  ["bucketName", "rainmaker--ol-s3", {}],
  ["bucketName", "Alexa.Links." + "x".repeat(60), {}],
  ["iosAppIds", "com.espressif.rainmaker", {}],
  ["iosAppIds", "abcde12345.com.espressif.rainmaker", {}],
  ["iosWebcredentials", "rainmaker", { iosAppIds: ["ABCDE12345.com.espressif.rainmaker"] }],
  ["androidPackageName", "rainmaker", { androidSha256CertFingerprints: [fingerprint] }],
  ["skillIds", "amzn1.ask.skill.nope", {}],
  ["skillStage", "prod", { skillIds: ["amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef"] }],
  ["accessTokenUrl", "http://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token", {}],
  ["accessTokenUrl", "abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token", {}],
  ["publicAccess", "public", {}],
  ["cloudFrontDomainName", "Links.Example.com", cloudFront],
  ["cloudFrontDomainName", "links.example.com.", cloudFront],
  ["cloudFrontDomainName", "https://links.example.com/", cloudFront],
  ["cloudFrontDomainName", "*.example.com", cloudFront],
  ["cloudFrontDomainName", "links", cloudFront],
  ["cloudFrontHostedZoneId", "/hostedzone/Z0123456789ABCDEFGHIJ", onDomain],
  ["cloudFrontHostedZoneId", "z-nope", onDomain],
  ["cloudFrontHostedZoneId", "Z0123456789ABCDEFGHIJ", cloudFront],
];

describe("every suggested value passes the whole stack config check", () => {
  it.each(CASES)("%s %j", (key, bad, rest) => {
    const problems = problemsOf({ ...rest, [key]: LISTS.has(key) ? [bad] : bad });
    const mine = problems.filter((p) => p.key === key || p.key.startsWith(`${key}[`));
    expect(mine).toHaveLength(1);
    // The stack file has keys, not the component's args.
    expect(mine[0].message).not.toMatch(/\bargs\./);
    const suggestions = suggestedValues(mine[0].message);
    // Every case here is one whose error suggests a value: a message that lost it fails too.
    expect(suggestions.length).toBeGreaterThan(0);
    for (const suggestion of suggestions) {
      // A suggestion for a key that only makes sense with another (zone without domain) is fed back where the rest allows it.
      const base = key === "cloudFrontHostedZoneId" ? onDomain : rest;
      const target = mine[0].message.includes("cloudFrontDomainName") && key !== "cloudFrontDomainName" ? "cloudFrontDomainName" : key;
      const again = problemsOf({ ...base, [target]: LISTS.has(target) ? [suggestion] : suggestion });
      expect({ suggestion, problems: again }).toEqual({ suggestion, problems: [] });
    }
  });

  it("finds quoted, bracketed and bare suggestions, and no word after a bare use", () => {
    expect(suggestedValues('use lowercase, e.g. "abc"; or e.g. ["X1.a"] or looks like amzn1.x. And use "dev".')).toEqual([
      "abc",
      "X1.a",
      "amzn1.x",
      "dev",
    ]);
  });
});

describe("the bucket name suggestion", () => {
  it.each([
    ["Rainmaker.Links", "rainmaker-links"],
    ["Rainmaker-Links", "rainmaker-links"],
    ["my_bucket", "my-bucket"],
    ["-edge-", "edge"],
    ["xn--rainmaker", "xn-rainmaker"],
    ["amzn-s3-demo-Links", "links"],
    ["links-s3alias", "links"],
    ["links--x-s3", "links-x-s3"],
    ["a.b", "a-b"],
  ])("%s -> %s", (bad, suggested) => {
    expect(suggestBucketName(bad)).toBe(suggested);
    expect(() => validateBucketName(bad)).toThrow(`e.g. "${suggested}"`);
    expect(validateBucketName(suggested)).toBe(suggested);
  });

  it.each([["ab"], ["..."], ["1.2.3.4"]])("suggests nothing it would refuse for %j", (bad) => {
    const suggestion = suggestBucketName(bad);
    if (suggestion !== undefined) expect(validateBucketName(suggestion)).toBe(suggestion);
    expect(() => validateBucketName(bad)).toThrow(/Fix: /);
  });
});

describe("every suggested value passes the skill linking resource's own checks", () => {
  it.each([
    ["skillId", () => skillIdIssue("skillId", "amzn1.ask.skill.nope"), (v: string) => skillIdIssue("skillId", v)],
    ["stage", () => stageIssue("stage", "prod", "amzn1.ask.skill.x"), (v: string) => stageIssue("stage", v, "amzn1.ask.skill.x")],
    [
      "redirectUrl",
      () => redirectUrlIssue("redirectUrl", "bucket.s3.eu-west-1.amazonaws.com"),
      (v: string) => redirectUrlIssue("redirectUrl", v),
    ],
  ])("%s", (_name, issue, check) => {
    const reason = issue()?.reason ?? "";
    const suggestions = suggestedValues(reason);
    expect(suggestions.length).toBeGreaterThan(0);
    for (const s of suggestions) expect(check(s)).toBeUndefined();
  });
});

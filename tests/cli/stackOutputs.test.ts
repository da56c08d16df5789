/** src/stackOutputs.ts, the one reader of `pulumi stack output --json`: what mobile-config reads, and the reader's rules. */
import {
  parseOutputsText,
  parseStackOutputs,
  readMobileOutputs,
  StackOutputs,
  StackOutputsError,
  STACK_OUTPUT_SECRETS_COMMAND,
} from "../../packages/alexa-linking-component/src/stackOutputs";

const readStackOutputs = (value: unknown, from?: string) => readMobileOutputs(new StackOutputs(value, from));

const base = {
  redirectURL: "https://b.s3.eu-west-1.amazonaws.com/",
  redirectHost: "b.s3.eu-west-1.amazonaws.com",
  alexaAccessTokenURL: "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token",
  cognitoClientId: "4example0client0id0abcdefgh",
  skills: [{ skillId: "amzn1.ask.skill.1", stage: "development" }],
  bucketName: "b",
};
const without = (key: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));

describe("readStackOutputs", () => {
  test("reads the keys the apps need and ignores the rest", () => {
    expect(readStackOutputs(base)).toEqual({
      redirectURL: base.redirectURL,
      redirectHost: base.redirectHost,
      alexaAccessTokenURL: base.alexaAccessTokenURL,
      cognitoClientId: base.cognitoClientId,
      skills: base.skills,
    });
  });

  test("redirectHost defaults to the host of redirectURL; a skill's stage to development", () => {
    const read = readStackOutputs({ ...without("redirectHost"), skills: [{ skillId: "amzn1.ask.skill.2" }] });
    expect(read.redirectHost).toBe("b.s3.eu-west-1.amazonaws.com");
    expect(read.skills).toEqual([{ skillId: "amzn1.ask.skill.2", stage: "development" }]);
  });

  test("--from reads one output that holds the component's outputs", () => {
    expect(readStackOutputs({ links: base, other: 1 }, "links").redirectURL).toBe(base.redirectURL);
  });

  test.each<[string, unknown, RegExp, string | undefined]>([
    [
      "missing redirectURL",
      without("redirectURL"),
      /^stack output redirectURL is missing \(found: alexaAccessTokenURL, bucketName, cognitoClientId, redirectHost, skills\)\. Fix: export it from the stack program; it comes from AlexaAppLinking\.redirectURL \(the hosting; args bucketName, publicAccess, cloudFront\)/,
      undefined,
    ],
    [
      "missing alexaAccessTokenURL",
      without("alexaAccessTokenURL"),
      /alexaAccessTokenURL is missing .* AlexaAppLinking\.alexaAccessTokenURL \(args accessToken\.apiName, accessToken\.stage or accessToken\.url\)/,
      undefined,
    ],
    [
      "missing cognitoClientId",
      without("cognitoClientId"),
      /cognitoClientId is missing .* \(args cognito\.userPoolId, cognito\.clientName or cognito\.clientId\)/,
      undefined,
    ],
    [
      "missing skills",
      without("skills"),
      /stack output skills is missing \(found: [^)]*\)\. Fix: export it from the stack program; it comes from AlexaAppLinking\.skills \(arg skills\)/,
      undefined,
    ],
    ["nothing at all", {}, /redirectURL is missing \(found: none\)/, undefined],
    [
      "a secret shown as [secret]",
      { ...base, cognitoClientId: "[secret]" },
      /cognitoClientId is shown as "\[secret\]"\. Fix: run `pulumi stack output --json --show-secrets`/,
      undefined,
    ],
    ["skills shown as [secret]", { ...base, skills: "[secret]" }, /skills is shown as "\[secret\]"/, undefined],
    ["not a string", { ...base, cognitoClientId: 42 }, /cognitoClientId is 42, not a non-empty string/, undefined],
    ["an empty string", { ...base, cognitoClientId: "" }, /cognitoClientId is "", not a non-empty string/, undefined],
    [
      "spaces around",
      { ...base, cognitoClientId: " x " },
      /cognitoClientId is " x ", not a non-empty string without surrounding spaces/,
      undefined,
    ],
    [
      "redirectURL not https",
      { ...base, redirectURL: "http://b.s3.eu-west-1.amazonaws.com/" },
      /redirectURL "http:\/\/b\.s3\.eu-west-1\.amazonaws\.com\/" uses http; the apps require https/,
      undefined,
    ],
    [
      "redirectURL not a URL",
      { ...base, redirectURL: "b.s3.eu-west-1.amazonaws.com" },
      /redirectURL "b\.s3\.eu-west-1\.amazonaws\.com" is not an absolute URL/,
      undefined,
    ],
    [
      "hosts disagree",
      { ...base, redirectHost: "c.s3.eu-west-1.amazonaws.com" },
      /redirectHost "c\.s3\.eu-west-1\.amazonaws\.com" is not the host of redirectURL/,
      undefined,
    ],
    [
      "token URL not https",
      { ...base, alexaAccessTokenURL: "http://x.example/t" },
      /alexaAccessTokenURL "http:\/\/x\.example\/t" uses http; the apps require https/,
      undefined,
    ],
    ["no skills", { ...base, skills: [] }, /skills is \[\]; it must list at least one \{skillId, stage\}/, undefined],
    [
      "a skill without id",
      { ...base, skills: [{ stage: "live" }] },
      /skills\[0\] is \{"stage":"live"\}, not \{skillId, stage\}/,
      undefined,
    ],
    [
      "an unknown stage",
      { ...base, skills: [{ skillId: "s", stage: "certification" }] },
      /skills\[0\]\.stage is "certification"; the apps accept development or live/,
      undefined,
    ],
    ["not an object", [base], /the stack outputs are \[.*, not an object/, undefined],
    [
      "whole component exported as one output",
      { links: base },
      /redirectURL is missing \(found: links\).*, or read the outputs from stack output "links" with --from links/,
      undefined,
    ],
    ["--from names nothing", base, /stack output "nope" \(--from\) is missing, not an object; found outputs: alexaAccessTokenURL/, "nope"],
    ["--from output lacks a key", { links: without("skills") }, /stack output links\.skills is missing/, "links"],
  ])("%s", (_case, value, message, from) => {
    expect(() => readStackOutputs(value, from)).toThrow(message);
  });
});

describe("parseStackOutputs", () => {
  test("JSON text", () => expect(parseStackOutputs(JSON.stringify(base)).skills).toHaveLength(1));
  test("not JSON", () =>
    expect(() => parseStackOutputs("Current stack outputs (5):")).toThrow(
      /the input is not JSON \(.*\)\. Fix: pass the output of `pulumi stack output --json`/,
    ));
});

describe("parseOutputsText: where the text came from, in every message", () => {
  test.each<[string, Parameters<typeof parseOutputsText>[0], RegExp]>([
    [
      "empty standard input",
      { text: "", source: "standard input" },
      /^standard input is empty\. Fix: pipe `pulumi stack output --json` into it, or pass --input <file>$/,
    ],
    ["blank text", { text: " \n", source: "standard input" }, /standard input is empty/],
    [
      "a file that is not JSON",
      { text: "{", source: "--input out.json" },
      /^--input out\.json is not JSON \(.*\)\. Fix: pass the output of `pulumi stack output --json` on standard input or with --input <file>$/,
    ],
    [
      "doctor's command",
      { text: "", source: "standard input", command: STACK_OUTPUT_SECRETS_COMMAND },
      /pipe `pulumi stack output --json --show-secrets` into it/,
    ],
    ["verify's file option", { text: "x", source: "--stack-output o.json", fileOption: "--stack-output" }, /or with --stack-output <file>/],
  ])("%s", (_name, input, message) => {
    expect(() => parseOutputsText(input)).toThrow(StackOutputsError);
    expect(() => parseOutputsText(input)).toThrow(message);
  });

  test("JSON text is parsed", () => expect(parseOutputsText({ text: '{"a":1}', source: "x" })).toEqual({ a: 1 }));
});

describe("StackOutputs: nested outputs, --from, secrets, missing outputs", () => {
  const nested = { links: base, other: { redirectURL: "https://x/" } };
  test.each<[string, unknown, string | undefined, (read: StackOutputs) => unknown, RegExp]>([
    [
      "a missing output names where it comes from",
      {},
      undefined,
      (r) => r.text("bucketName"),
      /^stack output bucketName is missing \(found: none\)\. Fix: export it from the stack program; it comes from AlexaAppLinking\.bucketName \(arg bucketName\)$/,
    ],
    [
      "nested in one output: the hint names it",
      { links: base },
      undefined,
      (r) => r.text("cognitoClientId"),
      /, or read the outputs from stack output "links" with --from links$/,
    ],
    [
      "nested in several outputs: the hint names them all",
      nested,
      undefined,
      (r) => r.text("redirectURL"),
      /from one of the outputs "links", "other" with --from <output>$/,
    ],
    [
      "with --from the hint is not repeated",
      { links: without("cognitoClientId") },
      "links",
      (r) => r.text("cognitoClientId"),
      /^stack output links\.cognitoClientId is missing \(found: [^)]*\)\. Fix: export it from the stack program; it comes from .*cognito\.clientId\)$/,
    ],
    [
      "--from an output that is not an object",
      { links: "x" },
      "links",
      () => undefined,
      /stack output "links" \(--from\) is "x", not an object; found outputs: links/,
    ],
    [
      "a secret, whatever the accessor",
      { ...base, bucketName: "[secret]" },
      undefined,
      (r) => r.text("bucketName"),
      /bucketName is shown as "\[secret\]"\. Fix: run `pulumi stack output --json --show-secrets`/,
    ],
    [
      "a secret in associationFileUrls",
      { associationFileUrls: "[secret]" },
      undefined,
      (r) => r.fileUrls(() => undefined),
      /associationFileUrls is shown as "\[secret\]"/,
    ],
    ["null is missing", { ...base, bucketName: null }, undefined, (r) => r.text("bucketName"), /bucketName is missing/],
    [
      "an output only an option needs",
      base,
      undefined,
      (r) => r.neededText("cognitoUserPoolId", "--region"),
      /cognitoUserPoolId is missing .*\. --region needs it; or leave --region out$/,
    ],
  ])("%s", (_name, value, from, read, message) => {
    expect(() => read(new StackOutputs(value, from))).toThrow(StackOutputsError);
    expect(() => read(new StackOutputs(value, from))).toThrow(message);
  });

  test("--from reads the nested output; the top level is not mixed in", () => {
    const read = new StackOutputs({ links: base, redirectURL: "https://other.example.com/" }, "links");
    expect(read.text("redirectURL")).toBe(base.redirectURL);
    expect(read.where).toBe("stack output links.");
  });

  test("a value shown in a message is cut (showValue)", () => {
    expect(() => new StackOutputs({ ...base, cognitoClientId: "x".repeat(200) }).text("bucketName")).not.toThrow();
    expect(() => readStackOutputs({ ...base, skills: "y".repeat(200) })).toThrow(/skills is "y{79}\.\.\.\(202 chars\)/);
  });
});

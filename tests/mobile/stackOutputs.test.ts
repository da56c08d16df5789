import { parseStackOutputs, readStackOutputs } from "../../packages/alexa-linking-component/src/mobile/stackOutputs";

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
    ["missing redirectURL", without("redirectURL"), /^stack output redirectURL is missing \(found: alexaAccessTokenURL, bucketName, cognitoClientId, redirectHost, skills\)\. It comes from AlexaAppLinking\.redirectURL \(the S3 hosting; args bucketName, publicAccess\)/, undefined],
    ["missing alexaAccessTokenURL", without("alexaAccessTokenURL"), /alexaAccessTokenURL is missing .* AlexaAppLinking\.alexaAccessTokenURL \(args accessToken\.apiName, accessToken\.stage or accessToken\.url\)/, undefined],
    ["missing cognitoClientId", without("cognitoClientId"), /cognitoClientId is missing .* \(args cognito\.userPoolId, cognito\.clientName or cognito\.clientId\)/, undefined],
    ["missing skills", without("skills"), /stack output skills is missing \(found: [^)]*\)\. It comes from AlexaAppLinking\.skills \(arg skills\)/, undefined],
    ["nothing at all", {}, /redirectURL is missing \(found: none\)/, undefined],
    ["a secret shown as [secret]", { ...base, cognitoClientId: "[secret]" }, /cognitoClientId is shown as "\[secret\]"\. Fix: run `pulumi stack output --json --show-secrets`/, undefined],
    ["skills shown as [secret]", { ...base, skills: "[secret]" }, /skills is shown as "\[secret\]"/, undefined],
    ["not a string", { ...base, cognitoClientId: 42 }, /cognitoClientId is 42, not a non-empty string/, undefined],
    ["an empty string", { ...base, cognitoClientId: "" }, /cognitoClientId is "", not a non-empty string/, undefined],
    ["spaces around", { ...base, cognitoClientId: " x " }, /cognitoClientId is " x ", not a non-empty string without surrounding spaces/, undefined],
    ["redirectURL not https", { ...base, redirectURL: "http://b.s3.eu-west-1.amazonaws.com/" }, /redirectURL "http:\/\/b\.s3\.eu-west-1\.amazonaws\.com\/" is not https/, undefined],
    ["redirectURL not a URL", { ...base, redirectURL: "b.s3.eu-west-1.amazonaws.com" }, /redirectURL "b\.s3\.eu-west-1\.amazonaws\.com" is not an absolute URL/, undefined],
    ["hosts disagree", { ...base, redirectHost: "c.s3.eu-west-1.amazonaws.com" }, /redirectHost "c\.s3\.eu-west-1\.amazonaws\.com" is not the host of redirectURL/, undefined],
    ["token URL not https", { ...base, alexaAccessTokenURL: "http://x.example/t" }, /alexaAccessTokenURL "http:\/\/x\.example\/t" is not https/, undefined],
    ["no skills", { ...base, skills: [] }, /skills is \[\]; it must list at least one \{skillId, stage\}/, undefined],
    ["a skill without id", { ...base, skills: [{ stage: "live" }] }, /skills\[0\] is \{"stage":"live"\}, not \{skillId, stage\}/, undefined],
    ["an unknown stage", { ...base, skills: [{ skillId: "s", stage: "certification" }] }, /skills\[0\]\.stage is "certification"; the apps accept development or live/, undefined],
    ["not an object", [base], /the stack outputs are \[.*, not an object/, undefined],
    ["whole component exported as one output", { links: base }, /redirectURL is missing \(found: links\).*, or read the outputs from stack output "links" with --from links/, undefined],
    ["--from names nothing", base, /stack output "nope" \(--from\) is missing, not an object; found outputs: alexaAccessTokenURL/, "nope"],
    ["--from output lacks a key", { links: without("skills") }, /stack output links\.skills is missing/, "links"],
  ])("%s", (_case, value, message, from) => {
    expect(() => readStackOutputs(value, from)).toThrow(message);
  });
});

describe("parseStackOutputs", () => {
  test("JSON text", () => expect(parseStackOutputs(JSON.stringify(base)).skills).toHaveLength(1));
  test("not JSON", () => expect(() => parseStackOutputs("Current stack outputs (5):")).toThrow(/the input is not JSON \(.*\)\. Fix: pass the output of `pulumi stack output --json`/));
});

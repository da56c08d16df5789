import { unknownValue as UNKNOWN } from "@pulumi/pulumi/runtime/rpc";
import { checkSkillLinkingInputs, skillsIssues } from "../../packages/alexa-linking-component/src/alexa/validation";
import { COGNITO_CLIENT_ID, COGNITO_SECRET, REDIRECT, SKILL_A, SKILL_B } from "./fixtures";

const LWA = { clientId: "amzn1.application-oa2-client.x", clientSecret: "lwa&secret=1+2", refreshToken: "Atzr|r&t=+" };
const good = (): Record<string, unknown> => ({
  skillId: SKILL_A,
  stage: "development",
  redirectUrl: REDIRECT,
  cognitoClientId: COGNITO_CLIENT_ID,
  clientSecret: COGNITO_SECRET,
  lwa: { ...LWA },
  version: "0.1.0",
});

describe("checkSkillLinkingInputs", () => {
  test("good inputs have no issues", () => {
    expect(checkSkillLinkingInputs(good()).issues).toEqual([]);
  });

  test.each<[string, (i: Record<string, unknown>) => void]>([
    ["stage missing", (i) => delete i.stage],
    ["stage empty", (i) => (i.stage = "")],
  ])("defaults the stage: %s", (_name, edit) => {
    const raw = good();
    edit(raw);
    const { inputs, issues } = checkSkillLinkingInputs(raw);
    expect(issues).toEqual([]);
    expect(inputs.stage).toBe("development");
  });

  test.each<[string, (i: Record<string, unknown>) => void, string, RegExp]>([
    ["bad skill id", (i) => (i.skillId = "my-skill"), "skillId", /"my-skill" is not an Alexa skill id/],
    ["uppercase uuid", (i) => (i.skillId = SKILL_B.toUpperCase()), "skillId", /not an Alexa skill id/],
    ["live stage", (i) => (i.stage = "live"), "stage", /live.*certification/s],
    ["other stage", (i) => (i.stage = "certified"), "stage", /"certified" is not a stage SMAPI can write/],
    ["http redirect", (i) => (i.redirectUrl = "http://bucket.s3.amazonaws.com/"), "redirectUrl", /uses http; the apps require https/],
    ["relative redirect", (i) => (i.redirectUrl = "/path"), "redirectUrl", /is not an absolute URL/],
    ["redirect with fragment", (i) => (i.redirectUrl = `${REDIRECT}#x`), "redirectUrl", /has a fragment/],
    ["empty cognito id", (i) => (i.cognitoClientId = ""), "cognitoClientId", /non-empty string/],
    ["missing client secret", (i) => delete i.clientSecret, "clientSecret", /clientSecret \(missing\)/],
    ["missing lwa", (i) => delete i.lwa, "lwa.clientId", /lwa.clientId \(missing\)/],
    [
      "blank refresh token",
      (i) => ((i.lwa as Record<string, unknown>).refreshToken = " "),
      "lwa.refreshToken",
      /\(empty or not text\).*ASK_REFRESH_TOKEN/s,
    ],
    ["bad smapi endpoint", (i) => (i.endpoints = { smapi: "localhost:1234" }), "endpoints.smapi", /not an http\(s\) URL/],
    ["missing version", (i) => delete i.version, "version", /version \(missing\)/],
  ])("%s", (_name, edit, property, reason) => {
    const raw = good();
    edit(raw);
    const { issues } = checkSkillLinkingInputs(raw);
    const issue = issues.find((x) => x.property === property);
    expect(issue?.reason).toMatch(reason);
    expect(issue?.reason).toContain("Fix:");
  });

  test("a secret's value never appears in an issue", () => {
    const raw = good();
    raw.clientSecret = 42;
    (raw.lwa as Record<string, unknown>).clientSecret = ["lwa&secret=1+2"];
    const text = JSON.stringify(checkSkillLinkingInputs(raw).issues);
    expect(text).not.toContain("42");
    expect(text).not.toContain("lwa&secret");
  });

  test("values unknown during preview are not judged", () => {
    const raw = good();
    raw.redirectUrl = UNKNOWN;
    raw.clientSecret = UNKNOWN;
    raw.cognitoClientId = UNKNOWN;
    raw.lwa = UNKNOWN;
    expect(checkSkillLinkingInputs(raw).issues).toEqual([]);
  });
});

describe("skillsIssues", () => {
  test.each<[string, { skillId?: unknown; stage?: unknown }[], string[]]>([
    ["two good skills", [{ skillId: SKILL_A }, { skillId: SKILL_B, stage: "development" }], []],
    ["empty list", [], []],
    ["bad id", [{ skillId: "x" }], ["skills[0].skillId"]],
    ["live", [{ skillId: SKILL_A, stage: "live" }], ["skills[0].stage"]],
    ["repeated skill (stage defaulted)", [{ skillId: SKILL_A }, { skillId: SKILL_A, stage: "development" }], ["skills[1]"]],
  ])("%s", (_name, skills, properties) => {
    expect(skillsIssues(skills).map((i) => i.property)).toEqual(properties);
  });

  test("the repeat names both entries", () => {
    expect(skillsIssues([{ skillId: SKILL_A }, { skillId: SKILL_B }, { skillId: SKILL_A }])[0].reason).toMatch(
      /skills\[2\] repeats skill .* of skills\[0\]/,
    );
  });
});

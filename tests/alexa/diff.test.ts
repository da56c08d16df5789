import { diffSkillLinking } from "../../packages/alexa-linking-component/src/alexa/diff";
import type { SkillLinkingInputs, SkillLinkingOutputs } from "../../packages/alexa-linking-component/src/alexa/types";
import { COGNITO_CLIENT_ID, COGNITO_SECRET, OTHER_REDIRECT, REDIRECT, SKILL_A, SKILL_B } from "./fixtures";

const inputs = (): SkillLinkingInputs => ({
  skillId: SKILL_A,
  stage: "development",
  redirectUrl: REDIRECT,
  cognitoClientId: COGNITO_CLIENT_ID,
  clientSecret: COGNITO_SECRET,
  lwa: { clientId: "lwa-id", clientSecret: "lwa-secret", refreshToken: "lwa-refresh" },
  endpoints: { smapi: "http://127.0.0.1:1", lwa: "http://127.0.0.1:1" },
  version: "0.1.0",
});
const outputs = (): SkillLinkingOutputs => ({
  ...inputs(),
  urlWasPresent: false,
  redirectUrls: [OTHER_REDIRECT, REDIRECT],
  accountLinkingClientId: COGNITO_CLIENT_ID,
});

describe("diffSkillLinking", () => {
  test.each<[string, (o: SkillLinkingOutputs, n: SkillLinkingInputs) => void, boolean, string[], string[]]>([
    ["nothing changed", () => {}, false, [], []],
    ["LWA credentials rotated", (_o, n) => (n.lwa = { clientId: "new", clientSecret: "new", refreshToken: "new" }), false, [], []],
    ["endpoints changed", (_o, n) => (n.endpoints = undefined), false, [], []],
    ["urlWasPresent recorded true", (o) => (o.urlWasPresent = true), false, [], []],
    ["Cognito client secret rotated", (_o, n) => (n.clientSecret = "rotated"), true, [], ["clientSecret"]],
    ["redirect URL changed", (_o, n) => (n.redirectUrl = "https://new.example.com/"), true, [], ["redirectUrl"]],
    ["Cognito client id changed", (_o, n) => (n.cognitoClientId = "other"), true, [], ["cognitoClientId"]],
    ["provider version changed", (_o, n) => (n.version = "0.2.0"), true, [], ["version"]],
    ["URL removed in the console (seen by refresh)", (o) => (o.redirectUrls = [OTHER_REDIRECT]), true, [], ["redirectUrls"]],
    ["state without redirectUrls", (o) => delete (o as Partial<SkillLinkingOutputs>).redirectUrls, true, [], ["redirectUrls"]],
    ["another skill", (_o, n) => (n.skillId = SKILL_B), true, ["skillId"], ["skillId"]],
    ["another stage", (_o, n) => (n.stage = "live"), true, ["stage"], ["stage"]],
    ["stage missing in old state means development", (o) => delete (o as Partial<SkillLinkingOutputs>).stage, false, [], []],
  ])("%s", (_name, edit, changes, replaces, reasons) => {
    const olds = outputs();
    const news = inputs();
    edit(olds, news);
    const diff = diffSkillLinking(olds, news);
    expect(diff.changes).toBe(changes);
    expect(diff.replaces).toEqual(replaces);
    expect(diff.reasons).toEqual(reasons);
  });
});

import { linkingProblem, liveStageMessage, notConfiguredMessage } from "../../packages/alexa-linking-component/src/alexa/problems";
import type { AccountLinking } from "../../packages/alexa-linking-component/src/alexa/types";
import { COGNITO_CLIENT_ID, COGNITO_SECRET, SKILL_A } from "./fixtures";

const skill = { skillId: SKILL_A, stage: "development", cognitoClientId: COGNITO_CLIENT_ID };

describe("linkingProblem", () => {
  test.each<[string, AccountLinking, RegExp | undefined]>([
    ["same client id, AUTH_CODE", { type: "AUTH_CODE", clientId: COGNITO_CLIENT_ID }, undefined],
    ["same client id, no type", { clientId: COGNITO_CLIENT_ID }, undefined],
    ["other client id", { type: "AUTH_CODE", clientId: "someoneelse" }, /"someoneelse".*"5v2ixs1b8ikvmkmhtfgp8lnd9q"/s],
    ["no client id", { type: "AUTH_CODE" }, /uses client id null/],
    ["client id differing in case", { type: "AUTH_CODE", clientId: COGNITO_CLIENT_ID.toUpperCase() }, /break account linking/],
    ["IMPLICIT grant", { type: "IMPLICIT", clientId: COGNITO_CLIENT_ID }, /"IMPLICIT".*AUTH_CODE/s],
  ])("%s", (_name, linking, expected) => {
    const problem = linkingProblem(linking, skill);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  test("the client id message names the skill and the fix, and no secret", () => {
    const problem = linkingProblem({ clientId: "x", clientSecret: COGNITO_SECRET }, skill)!;
    expect(problem).toContain(SKILL_A);
    expect(problem).toContain("Fix:");
    expect(problem).not.toContain(COGNITO_SECRET);
  });
});

test("notConfiguredMessage says to deploy the RainMaker skills first", () => {
  expect(notConfiguredMessage({ skillId: SKILL_A, stage: "development" })).toMatch(/404.*deploy the RainMaker Alexa skills/s);
});

test("liveStageMessage explains certification", () => {
  expect(liveStageMessage(SKILL_A)).toMatch(/live.*certification.*"development"/s);
});

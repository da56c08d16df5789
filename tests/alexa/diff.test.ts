import { diffSkillLinking, sameEndpoints, sameLwa, withNewAccess } from "../../packages/alexa-linking-component/src/alexa/diff";
import { isLwaRefusal } from "../../packages/alexa-linking-component/src/alexa/lwa";
import {
  withSkillLinkingDefaults,
  type SkillLinkingInputs,
  type SkillLinkingOutputs,
} from "../../packages/alexa-linking-component/src/alexa/types";
import * as entry from "../../packages/alexa-linking-component/src/providers/skillAccountLinking";
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

const NEW_LWA = { clientId: "new", clientSecret: "new", refreshToken: "new" };

describe("diffSkillLinking", () => {
  // name, edit, changes, replaces, reasons, writesSkill
  test.each<[string, (o: SkillLinkingOutputs, n: SkillLinkingInputs) => void, boolean, string[], string[], boolean]>([
    ["nothing changed", () => {}, false, [], [], false],
    ["LWA credentials rotated: an update that writes nothing", (_o, n) => (n.lwa = { ...NEW_LWA }), true, [], ["lwa"], false],
    ["only the LWA refresh token rotated", (_o, n) => (n.lwa = { ...n.lwa, refreshToken: "next" }), true, [], ["lwa"], false],
    ["only the LWA client secret rotated", (_o, n) => (n.lwa = { ...n.lwa, clientSecret: "next" }), true, [], ["lwa"], false],
    ["endpoints removed: an update that writes nothing", (_o, n) => (n.endpoints = undefined), true, [], ["endpoints"], false],
    ["one endpoint moved", (_o, n) => (n.endpoints = { ...n.endpoints, lwa: "http://127.0.0.1:2" }), true, [], ["endpoints"], false],
    [
      "LWA and endpoints both changed",
      (_o, n) => ((n.lwa = { ...NEW_LWA }), (n.endpoints = undefined)),
      true,
      [],
      ["lwa", "endpoints"],
      false,
    ],
    [
      "unset and empty endpoints are the same",
      (o, n) => ((o.endpoints = undefined), (n.endpoints = { smapi: "", lwa: "" })),
      false,
      [],
      [],
      false,
    ],
    ["unset and {} endpoints are the same", (o, n) => ((o.endpoints = {}), (n.endpoints = undefined)), false, [], [], false],
    ["state without lwa (older state)", (o) => delete (o as Partial<SkillLinkingOutputs>).lwa, true, [], ["lwa"], false],
    [
      "LWA rotated with the Cognito secret: the skill is written",
      (_o, n) => ((n.lwa = { ...NEW_LWA }), (n.clientSecret = "rotated")),
      true,
      [],
      ["clientSecret", "lwa"],
      true,
    ],
    ["urlWasPresent recorded true", (o) => (o.urlWasPresent = true), false, [], [], false],
    ["Cognito client secret rotated", (_o, n) => (n.clientSecret = "rotated"), true, [], ["clientSecret"], true],
    ["redirect URL changed", (_o, n) => (n.redirectUrl = "https://new.example.com/"), true, [], ["redirectUrl"], true],
    ["Cognito client id changed", (_o, n) => (n.cognitoClientId = "other"), true, [], ["cognitoClientId"], true],
    ["provider version changed", (_o, n) => (n.version = "0.2.0"), true, [], ["version"], true],
    ["URL removed in the console (seen by refresh)", (o) => (o.redirectUrls = [OTHER_REDIRECT]), true, [], ["redirectUrls"], true],
    ["state without redirectUrls", (o) => delete (o as Partial<SkillLinkingOutputs>).redirectUrls, true, [], ["redirectUrls"], true],
    ["another skill", (_o, n) => (n.skillId = SKILL_B), true, ["skillId"], ["skillId"], true],
    ["another stage", (_o, n) => (n.stage = "live"), true, ["stage"], ["stage"], true],
    ["stage missing in old state means development", (o) => delete (o as Partial<SkillLinkingOutputs>).stage, false, [], [], false],
  ])("%s", (_name, edit, changes, replaces, reasons, writesSkill) => {
    const olds = outputs();
    const news = inputs();
    edit(olds, news);
    // Recorded state enters with the defaults applied, as the provider's entry module does.
    const diff = diffSkillLinking(withSkillLinkingDefaults(olds), news);
    expect(diff.changes).toBe(changes);
    expect(diff.replaces).toEqual(replaces);
    expect(diff.reasons).toEqual(reasons);
    expect(diff.writesSkill).toBe(writesSkill);
  });

  test("the provider's diff of a state recorded without a stage: no change; another stage still replaces", async () => {
    const olds: Partial<SkillLinkingOutputs> = outputs();
    delete olds.stage;
    expect(await entry.diff(olds, inputs())).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect((await entry.diff(olds, { ...inputs(), stage: "live" })).replaces).toEqual(["stage"]);
    // Without the entry module's defaults the pure diff would see another stage: the test can fail.
    expect(diffSkillLinking(olds, inputs()).replaces).toEqual(["stage"]);
  });

  test("reasons name properties, never values", () => {
    const news = { ...inputs(), lwa: { clientId: "id-x", clientSecret: "secret-x", refreshToken: "token-x" } };
    const text = JSON.stringify(diffSkillLinking(outputs(), news));
    for (const value of Object.values(news.lwa)) expect(text).not.toContain(value);
  });
});

describe("sameLwa and sameEndpoints", () => {
  test.each([
    [undefined, undefined, true],
    [{ clientId: "a", clientSecret: "b", refreshToken: "c" }, { clientId: "a", clientSecret: "b", refreshToken: "c" }, true],
    [{ clientId: "a", clientSecret: "b", refreshToken: "c" }, { clientId: "a", clientSecret: "b", refreshToken: "d" }, false],
    [{ clientId: "a", clientSecret: "b", refreshToken: "c" }, undefined, false],
  ])("lwa %j vs %j: %s", (a, b, same) => expect(sameLwa(a, b)).toBe(same));

  test.each([
    [undefined, undefined, true],
    [undefined, {}, true],
    [{ smapi: "" }, { lwa: undefined }, true],
    [{ smapi: "http://a" }, { smapi: "http://a" }, true],
    [{ smapi: "http://a" }, { smapi: "http://a/" }, false],
    [{ lwa: "http://a" }, undefined, false],
  ])("endpoints %j vs %j: %s", (a, b, same) => expect(sameEndpoints(a, b)).toBe(same));
});

describe("withNewAccess", () => {
  test("keeps what the skill holds, takes the new credentials and endpoints", () => {
    const olds = outputs();
    const news = { ...inputs(), lwa: { ...NEW_LWA }, endpoints: { smapi: "http://127.0.0.1:9" } };
    expect(withNewAccess(olds, news)).toEqual({ ...olds, lwa: NEW_LWA, endpoints: { smapi: "http://127.0.0.1:9" } });
  });

  test("unset endpoints leave none recorded (no undefined value in the state)", () => {
    const outs = withNewAccess(outputs(), { ...inputs(), endpoints: undefined });
    expect("endpoints" in outs).toBe(false);
  });
});

describe("isLwaRefusal", () => {
  test.each<[string, unknown, boolean]>([
    ["LWA 401 invalid_client", Object.assign(new Error("x"), { lwaStatus: 401 }), true],
    ["LWA 400 invalid_grant", Object.assign(new Error("x"), { lwaStatus: 400 }), true],
    ["LWA 500", Object.assign(new Error("x"), { lwaStatus: 500 }), false],
    ["LWA unreachable", Object.assign(new Error("x"), { lwaStatus: undefined }), false],
    ["a SMAPI 401", Object.assign(new Error("x"), { status: 401 }), false],
    ["nothing", undefined, false],
  ])("%s", (_name, error, refused) => expect(isLwaRefusal(error)).toBe(refused));
});

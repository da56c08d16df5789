import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { diffCallbackUrl } from "../../packages/alexa-linking-component/src/cognito/diff";
import { checkCallbackUrlInputs, withCallbackUrlDefaults } from "../../packages/alexa-linking-component/src/cognito/inputs";
import * as entry from "../../packages/alexa-linking-component/src/providers/cognitoCallbackUrl";
import type { CallbackUrlInputs, CallbackUrlOutputs } from "../../packages/alexa-linking-component/src/cognito/types";

const URL_A = "https://a.s3.eu-west-1.amazonaws.com/";
const state: CallbackUrlOutputs = {
  redirectUrl: URL_A,
  region: "eu-west-1",
  version: "0.1.0",
  userPoolId: "eu-west-1_p",
  clientId: "c1",
  clientName: "esp-rainmaker-alexa-skill",
  clientSecret: "s",
  urlWasPresent: false,
  callbackUrlPresent: true,
};
const inputs: CallbackUrlInputs = {
  redirectUrl: URL_A,
  region: "eu-west-1",
  version: "0.1.0",
  clientName: "esp-rainmaker-alexa-skill",
};

describe("diffCallbackUrl", () => {
  const rows: [string, Partial<CallbackUrlOutputs>, Partial<CallbackUrlInputs>, boolean, string[]][] = [
    ["identical inputs: no change", {}, {}, false, []],
    ["the ids given that match the resolved ones: no change", {}, { userPoolId: "eu-west-1_p", clientId: "c1" }, false, []],
    ["an endpoint blank vs absent: no change", { endpoint: "" }, {}, false, []],
    ["a new redirect URL: update in place", {}, { redirectUrl: "https://b/" }, true, []],
    ["a new version: update", {}, { version: "0.2.0" }, true, []],
    ["a new endpoint: update, not replace", {}, { endpoint: "http://127.0.0.1:1" }, true, []],
    ["another AWS profile: update, so delete uses it; not replace", {}, { profile: "rainmaker-admin" }, true, []],
    ["a profile blank vs absent: no change", { profile: "" }, {}, false, []],
    ["drift (URL wiped): update", { callbackUrlPresent: false }, {}, true, []],
    ["another region: replace", {}, { region: "us-east-1" }, true, ["region"]],
    ["another pool: replace", {}, { userPoolId: "eu-west-1_q" }, true, ["userPoolId"]],
    ["another client id: replace", {}, { clientId: "c2" }, true, ["clientId"]],
    ["another client name: replace", {}, { clientName: "other" }, true, ["clientName"]],
    ["a client name beside a matching client id: no change", {}, { clientId: "c1", clientName: "other" }, false, []],
    ["the default name left out: no change", {}, { clientName: undefined }, false, []],
  ];
  it.each(rows)("%s", (_n, oldPatch, newPatch, changes, replaces) => {
    // Both sides enter with the defaults applied: new inputs through check, recorded state
    // through the provider's entry module.
    const result = diffCallbackUrl(withCallbackUrlDefaults({ ...state, ...oldPatch }), withCallbackUrlDefaults({ ...inputs, ...newPatch }));
    expect(result.changes).toBe(changes);
    expect(result.replaces).toEqual(replaces);
    expect(result.deleteBeforeReplace).toBe(replaces.length > 0);
  });
});

describe("the provider's diff of recorded state without a client name", () => {
  it("means the default name: no change; another name still replaces", async () => {
    const { clientName: _name, ...olds } = state;
    const news = checkCallbackUrlInputs(inputs).inputs!;
    expect(await entry.diff(olds, news)).toMatchObject({ changes: false, replaces: [] });
    expect((await entry.diff(olds, { ...news, clientName: "other" })).replaces).toEqual(["clientName"]);
    // Without the entry module's defaults the pure diff would see another client: the test can fail.
    expect(diffCallbackUrl(olds, news).replaces).toEqual(["clientName"]);
  });
});

describe("checkCallbackUrlInputs", () => {
  it("passes good inputs and fills in the default client name", () => {
    const result = checkCallbackUrlInputs({ redirectUrl: URL_A, region: "eu-west-1" });
    expect(result.failures).toBeUndefined();
    expect(result.inputs?.clientName).toBe("esp-rainmaker-alexa-skill");
  });

  it("keeps a given client name", () => {
    expect(checkCallbackUrlInputs({ ...inputs, clientName: "x" }).inputs?.clientName).toBe("x");
  });

  const bad: [string, Partial<CallbackUrlInputs>, string, RegExp][] = [
    ["an http URL", { redirectUrl: "http://a/" }, "redirectUrl", /uses http; Cognito accepts https/],
    ["a fragment", { redirectUrl: "https://a/#x" }, "redirectUrl", /fragment/],
    ["a missing URL", { redirectUrl: undefined }, "redirectUrl", /non-empty URL/],
    ["a missing region", { region: "" }, "region", /region must be the AWS region of the RainMaker user pool, got ""/],
    ["a non-string pool id", { userPoolId: 5 as unknown as string }, "userPoolId", /userPoolId must be a string, got 5/],
  ];
  it.each(bad)("reports %s", (_n, patch, property, reason) => {
    const result = checkCallbackUrlInputs({ ...inputs, ...patch });
    expect(result.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
  });

  it("leaves values unknown at preview for later", () => {
    const result = checkCallbackUrlInputs({ ...inputs, redirectUrl: unknownValue, region: unknownValue });
    expect(result.failures).toBeUndefined();
  });
});

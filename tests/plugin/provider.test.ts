import type * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { packageProvider, urnType } from "../../packages/alexa-linking-component/src/plugin/provider";
import { markSecrets } from "../../packages/alexa-linking-component/src/plugin/schema";
import { rejectionOf } from "../support/rejection";

const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
const TYPE = "alexa-linking-component:index:CognitoCallbackUrl";
const URN = `urn:pulumi:dev::consumer::alexa-linking-component:index:AlexaAppLinking$${TYPE}::links-cognito-callback-url`;

/** Rules that record what they were given and answer with what they were told to. */
function recordingRules() {
  const calls: { method: string; args: unknown[] }[] = [];
  const record =
    (method: string, answer: unknown) =>
    async (...args: unknown[]): Promise<any> => {
      calls.push({ method, args });
      return answer;
    };
  const rules: pulumi.dynamic.ResourceProvider = {
    check: record("check", { inputs: { token: "t", plain: "p" }, failures: [{ property: "plain", reason: "why" }] }),
    diff: record("diff", { changes: true, replaces: ["plain"] }),
    create: record("create", { id: "pool/client", outs: { token: "t", plain: "p", clientSecret: "cs" } }),
    read: record("read", { id: "", props: undefined }),
    update: record("update", { outs: { token: "t2", plain: "p" } }),
    delete: record("delete", undefined),
  };
  return { rules, calls };
}

describe("urnType", () => {
  it("is the last type of the qualified type, whatever the name holds", () => {
    expect(urnType(URN)).toBe(TYPE);
    expect(urnType(`urn:pulumi:dev::p::${TYPE}::name::with::colons`)).toBe(TYPE);
  });
});

describe("the package provider's custom resources", () => {
  it("hands the rules plain values and marks secret again what came in secret", async () => {
    const { rules, calls } = recordingRules();
    const provider = packageProvider({ resources: { [TYPE]: rules }, schema: () => "{}" });
    const news = { token: secret("t"), plain: "p" };

    const checked = await provider.check!(URN, {}, news);
    expect(calls[0].args).toEqual([{}, { token: "t", plain: "p" }]);
    expect(checked).toEqual({ inputs: { token: secret("t"), plain: "p" }, failures: [{ property: "plain", reason: "why" }] });

    expect(await provider.diff!("id", URN, { token: secret("old") }, news)).toEqual({ changes: true, replaces: ["plain"] });
    expect(calls[1].args).toEqual(["id", { token: "old" }, { token: "t", plain: "p" }]);

    expect(await provider.create!(URN, news)).toEqual({ id: "pool/client", outs: { token: secret("t"), plain: "p", clientSecret: "cs" } });
    expect(calls[2].args).toEqual([{ token: "t", plain: "p" }]);

    expect(await provider.update!("id", URN, { token: secret("old"), plain: "p" }, news)).toEqual({
      outs: { token: secret("t2"), plain: "p" },
    });
    expect(calls[3].args).toEqual(["id", { token: "old", plain: "p" }, { token: "t", plain: "p" }]);
    await provider.delete!("id", URN, { token: secret("t") });
    expect(calls[4].args).toEqual(["id", { token: "t" }]);
  });

  it("answers the new inputs as they came when the rules give none back, as Pulumi's servers do", async () => {
    const { rules } = recordingRules();
    const provider = packageProvider({ resources: { [TYPE]: { ...rules, check: async () => ({ failures: [] }) } }, schema: () => "{}" });
    const news = { token: secret("t"), plain: "p" };
    expect(await provider.check!(URN, {}, news)).toEqual({ inputs: news, failures: [] });
    const unchecked = packageProvider({ resources: { [TYPE]: { ...rules, check: undefined } }, schema: () => "{}" });
    expect(await unchecked.check!(URN, {}, news)).toEqual({ inputs: news, failures: [] });
  });

  it("passes on inputs a read gives back, marked as the state was", async () => {
    const { rules } = recordingRules();
    const provider = packageProvider({
      resources: { [TYPE]: { ...rules, read: async (id) => ({ id, props: { token: "t" }, inputs: { token: "t" } }) } },
      schema: () => "{}",
    });
    expect(await provider.read!("pool/client", URN, { token: secret("t") })).toEqual({
      id: "pool/client",
      props: { token: secret("t") },
      inputs: { token: secret("t") },
    });
  });

  it("answers a read that found the resource gone with an empty id and an empty property map", async () => {
    const { rules } = recordingRules();
    const provider = packageProvider({ resources: { [TYPE]: rules }, schema: () => "{}" });
    expect(await provider.read!("pool/client", URN, { token: secret("t") })).toEqual({ id: "", props: {} });
  });

  it("refuses a type it does not serve, naming the ones it does", async () => {
    const provider = packageProvider({ resources: { [TYPE]: recordingRules().rules }, schema: () => "{}" });
    const error = await rejectionOf(provider.create!("urn:pulumi:dev::p::alexa-linking-component:index:Other::x", {}));
    expect(error.message).toMatch(
      /no resource type alexa-linking-component:index:Other .*it serves alexa-linking-component:index:CognitoCallbackUrl/,
    );
    const construct = await rejectionOf(provider.construct!("x", "alexa-linking-component:index:Other", {}, {}));
    expect(construct.message).toMatch(
      /no component alexa-linking-component:index:Other; it constructs alexa-linking-component:index:AlexaAppLinking/,
    );
  });

  it("serves the two resources the component registers in the plugin with their own rules, by default", async () => {
    const provider = packageProvider({ schema: () => "{}" });
    const failed = async (type: string) =>
      (await provider.check!(`urn:pulumi:dev::p::${type}::x`, {}, {})).failures!.map((f) => f.property);
    expect(await failed("alexa-linking-component:index:CognitoCallbackUrl")).toContain("redirectUrl");
    expect(await failed("alexa-linking-component:index:CognitoCallbackUrl")).not.toContain("skillId");
    expect(await failed("alexa-linking-component:index:SkillAccountLinking")).toContain("skillId");
  });
});

describe("markSecrets", () => {
  it("refuses a listed property the schema no longer has, so a rename cannot drop a secret mark", () => {
    const schema = { name: "alexa-linking-component", version: "0.0.0", resources: {}, types: {} };
    expect(() => markSecrets(schema)).toThrow(/SECRET_PROPERTIES names AlexaAppLinking.smapi, which the schema does not have/);
  });
});

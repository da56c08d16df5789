import { dependenciesOf, placeholder, resolvePlaceholders } from "./capture";
import { specialSecretSig as SECRET_SIG, specialSigKey as SIG_KEY } from "@pulumi/pulumi/runtime/rpc";
import { findLeaks, isWireSecret, plainOutputs, secretForms, secretInputNames, unwrapSecrets, withoutSecrets } from "./secrets";

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

describe("wire-form secrets", () => {
  test.each<[string, unknown, unknown, unknown]>([
    ["plain value", "a", "a", "a"],
    ["top-level secret", secret("s"), "s", "[secret]"],
    [
      "secret object",
      { lwa: secret({ clientId: "c", clientSecret: "s" }) },
      { lwa: { clientId: "c", clientSecret: "s" } },
      { lwa: "[secret]" },
    ],
    ["secret in a list", [1, secret("s"), { a: secret(2) }], [1, "s", { a: 2 }], [1, "[secret]", { a: "[secret]" }]],
    ["secret of a secret", secret(secret("s")), "s", "[secret]"],
    ["null stays", { a: null }, { a: null }, { a: null }],
  ])("%s", (_case, wire, unwrapped, shown) => {
    expect(unwrapSecrets(wire)).toEqual(unwrapped);
    expect(withoutSecrets(wire)).toEqual(shown);
  });

  test("the signature, not the shape, makes a secret", () => {
    expect(isWireSecret({ value: "s" })).toBe(false);
    expect(isWireSecret({ [SIG_KEY]: "other", value: "s" })).toBe(false);
    expect(isWireSecret(secret(undefined))).toBe(true);
  });

  test("secret inputs and the outputs the engine keeps in clear", () => {
    const inputs = { skillId: "x", clientSecret: secret("s"), lwa: secret({}), endpoints: { smapi: "u" } };
    expect(secretInputNames(inputs)).toEqual(["clientSecret", "lwa"]);
    expect(plainOutputs({ skillId: "x", clientSecret: "s", lwa: {}, redirectUrls: [] }, ["clientSecret", "lwa"])).toEqual({
      skillId: "x",
      redirectUrls: [],
    });
  });
});

describe("the leak search", () => {
  const value = "a&b=c+d/e==";
  test("every distinct form of a secret", () => {
    // Form-encoding and JSON-escaping change nothing more here, so they are not listed twice.
    expect(secretForms(value)).toEqual([
      { form: "raw", text: value },
      { form: "url-encoded", text: "a%26b%3Dc%2Bd%2Fe%3D%3D" },
      { form: "base64", text: Buffer.from(value).toString("base64") },
    ]);
    expect(secretForms('x y"z').map((f) => f.form)).toEqual(["raw", "url-encoded", "form-encoded", "json-escaped", "base64"]);
  });

  test.each<[string, string, string | undefined]>([
    ["raw", `token ${value} here`, "raw"],
    ["url-encoded in a query", `?secret=${encodeURIComponent(value)}`, "url-encoded"],
    ["json-escaped", JSON.stringify({ s: 'q"uote' }), undefined],
    ["base64 in a header", `Basic ${Buffer.from(value).toString("base64")}`, "base64"],
    ["redacted", "token [secret] here", undefined],
  ])("%s", (_case, text, form) => {
    const leaks = findLeaks([{ where: "w", text }], [{ name: "s", value }]);
    expect(leaks).toEqual(form ? [{ where: "w", secret: "s", form }] : []);
  });

  test("a form-encoded or JSON-escaped secret is found in that form", () => {
    const spaced = 'x y"z';
    expect(
      findLeaks([{ where: "form", text: `a=${new URLSearchParams({ s: spaced }).toString().slice(2)}` }], [{ name: "s", value: spaced }]),
    ).toEqual([{ where: "form", secret: "s", form: "form-encoded" }]);
    expect(findLeaks([{ where: "json", text: JSON.stringify({ k: spaced }) }], [{ name: "s", value: spaced }])).toEqual([
      { where: "json", secret: "s", form: "json-escaped" },
    ]);
  });
});

describe("placeholders for another resource's outputs", () => {
  const inputs = {
    cognitoClientId: placeholder("cognito", "clientId"),
    clientSecret: secret(placeholder("cognito", "clientSecret")),
    nested: [{ a: placeholder("other", "x") }],
    redirectUrl: "https://b.s3.eu-west-1.amazonaws.com/",
  };

  test("name the resources they come from", () => {
    expect(dependenciesOf(inputs)).toEqual(["cognito", "other"]);
    expect(dependenciesOf({ a: "<<output cognito>>", b: "text <<output x y>>" })).toEqual([]);
  });

  test("resolve to the outputs, keeping secrets wrapped", () => {
    const outputs: Record<string, Record<string, unknown>> = { cognito: { clientId: "id1", clientSecret: "s1" }, other: { x: 7 } };
    expect(resolvePlaceholders(inputs, (key, output) => outputs[key][output])).toEqual({
      cognitoClientId: "id1",
      clientSecret: secret("s1"),
      nested: [{ a: 7 }],
      redirectUrl: "https://b.s3.eu-west-1.amazonaws.com/",
    });
  });
});

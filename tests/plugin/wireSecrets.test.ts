import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { asWireSecret, containsSecret, keepSecretness, revealSecrets } from "../../packages/alexa-linking-component/src/plugin/wireSecrets";

const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

describe("secrets as the engine sends them to the plugin", () => {
  it("reveals secrets at any depth, arrays included", () => {
    const wire = { a: secret("s"), b: { c: secret({ d: "e" }), f: [secret(1), 2] }, g: "plain" };
    expect(revealSecrets(wire)).toEqual({ a: "s", b: { c: { d: "e" }, f: [1, 2] }, g: "plain" });
    expect(revealSecrets(secret(secret("twice")))).toBe("twice");
  });

  it("tells whether a value holds a secret anywhere", () => {
    expect(containsSecret({ a: [{ b: secret("x") }] })).toBe(true);
    expect(containsSecret({ a: [{ b: "x" }], [specialSigKey]: "another signature" })).toBe(false);
  });

  it("marks again each output whose input was secret, leaf by leaf inside objects", () => {
    const ins = {
      lwa: secret({ clientId: "id" }),
      endpoints: { smapi: "http://127.0.0.1:1", lwa: secret("http://127.0.0.1:2") },
      redirectUrl: "https://x/",
      urls: [secret("u")],
    };
    const outs = {
      lwa: { clientId: "id" },
      endpoints: { smapi: "http://127.0.0.1:1", lwa: "http://127.0.0.1:2" },
      redirectUrl: "https://x/",
      urls: ["u"],
      added: true,
    };
    expect(keepSecretness(outs, ins)).toEqual({
      lwa: secret({ clientId: "id" }),
      endpoints: { smapi: "http://127.0.0.1:1", lwa: secret("http://127.0.0.1:2") },
      redirectUrl: "https://x/",
      urls: secret(["u"]),
      added: true,
    });
  });

  it("does not wrap a secret twice, and leaves out what the outputs lack", () => {
    expect(asWireSecret(secret("x"))).toEqual(secret("x"));
    expect(keepSecretness({ a: secret("x") }, { a: secret("x"), gone: secret("y") })).toEqual({ a: secret("x") });
  });
});

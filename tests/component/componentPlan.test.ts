import * as pulumi from "@pulumi/pulumi";
import { InvalidArgumentError, NOT_KNOWN, showValue } from "../../packages/alexa-linking-component/src/shared/errors";
import { hasPlanned, knownNow, planComponent } from "../../packages/alexa-linking-component/src/componentPlan";

describe("knownNow", () => {
  it.each([
    ["a string", "rainmaker-links", true],
    ["undefined", undefined, true],
    ["a nested plain object", { ios: { appIds: ["A"] }, android: [{ packageName: "p", sha256CertFingerprints: [] }] }, true],
    ["an Output", pulumi.output("x"), false],
    ["a Promise", Promise.resolve("x"), false],
    ["an Output inside an array", ["a", pulumi.output("b")], false],
    ["an Output deep inside an object", { ios: { appIds: [pulumi.output("A")] } }, false],
  ])("%s -> known: %p", (_what, input, known) => {
    const now = knownNow(input as pulumi.Input<unknown>);
    expect(now.known).toBe(known);
    if (now.known) expect(now.value).toBe(input);
  });
});

describe("showValue", () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  it.each([
    [undefined, "(missing)"],
    ["ab", '"ab"'],
    [null, "null"],
    [["x", 1], '["x",1]'],
    [() => 1, "() => 1"],
    [BigInt(12), "12"],
    [cyclic, "[object Object]"],
    [NOT_KNOWN, "(an Output)"],
    ["a".repeat(100), `"${"a".repeat(79)}...(102 chars)`],
  ])("%p -> %p", (value, shown) => {
    expect(showValue(value)).toBe(shown);
  });

  it("puts the argument, the value and the fix into the message", () => {
    const error = new InvalidArgumentError("args.bucketName", "a.b", "contains a dot", "use hyphens");
    expect(error.message).toBe('AlexaAppLinking: args.bucketName "a.b" contains a dot. Fix: use hyphens');
  });
});

describe("planComponent", () => {
  const ios = { appIds: ["ABCDE12345.com.espressif.rainmaker"] };
  const android = [{ packageName: "com.espressif.rainmaker", sha256CertFingerprints: ["AB".repeat(32)] }];
  const skillId = "amzn1.ask.skill.00000000-0000-4000-8000-00000000000a";
  const smapi = { clientId: "c", clientSecret: "s", refreshToken: "r" };

  it.each([
    ["defaults", { ios }, { mode: "policy", verify: true, platforms: ["ios"], skills: [] }],
    [
      "both platforms, acl, no check",
      { ios, android, publicAccess: "acl", verify: false },
      { mode: "acl", verify: false, platforms: ["ios", "android"] },
    ],
    ["platforms known while their content is an Output", { android: pulumi.output(android) }, { platforms: ["android"] }],
    ["a skill without a stage is development", { ios, skills: [{ skillId }], smapi }, { skills: [{ skillId, stage: "development" }] }],
    ["an empty stage is development", { ios, skills: [{ skillId, stage: "" }], smapi }, { skills: [{ skillId, stage: "development" }] }],
  ])("%s", (_what, args, expected) => {
    expect(planComponent("links", args)).toMatchObject(expected);
  });

  it("renders the files from plain args", async () => {
    const files = await new Promise<{ platform: string; key: string }[]>((resolve) =>
      planComponent("links", { ios, android }).files.apply(resolve),
    );
    expect(files.map((f) => [f.platform, f.key])).toEqual([
      ["ios", ".well-known/apple-app-site-association"],
      ["android", ".well-known/assetlinks.json"],
    ]);
  });

  it.each([
    ["an empty name", "", { ios }, /the resource name is empty/],
    [
      "publicAccess that is an Output",
      "links",
      { ios, publicAccess: pulumi.output("acl") },
      /args.publicAccess \(an Output\) decides which resources exist/,
    ],
    ["a bad plain bucket name, at once", "links", { ios, bucketName: "a.b" }, /args.bucketName "a.b" contains a dot/],
  ])("rejects %s", (_what, name, args, message) => {
    expect(() => planComponent(name, args)).toThrow(message);
  });
});

describe("hasPlanned", () => {
  const file = (platform: "ios" | "android") => ({ platform, key: platform, body: "{}" });
  it.each([
    [["ios"], [file("ios")]],
    [
      ["ios", "android"],
      [file("ios"), file("android")],
    ],
    [[], [file("android")]],
  ] as const)("%p planned, files %p: kept", (platforms, files) => {
    expect(hasPlanned([...platforms], [...files])).toEqual(files);
  });

  it("names the arg whose Output resolved to nothing after its object was planned", () => {
    expect(() => hasPlanned(["ios", "android"], [file("ios")])).toThrow(
      /^AlexaAppLinking: args.android \(missing\) is an Output that resolved to nothing. Fix: give args.android a value, or leave it out$/,
    );
  });
});

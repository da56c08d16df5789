import * as pulumi from "@pulumi/pulumi";
import { installMocks, promiseOf } from "../support/pulumiMocks";
import { isWireSecret } from "../lifecycle/secrets";

const COMMAND = "command:local:Command";
/** The component in both forms: as a Node.js program constructs it, and as the package's plugin does for other languages. */
const FORMS = [
  {
    label: "in a Node.js program (dynamic resources)",
    cognito: "pulumi-nodejs:dynamic/alexa-linking:CognitoCallbackUrl",
    skill: "pulumi-nodejs:dynamic/alexa-linking:SkillAccountLinking",
  },
  {
    label: "in the package's provider plugin (its custom resources)",
    cognito: "alexa-linking-component:index:CognitoCallbackUrl",
    skill: "alexa-linking-component:index:SkillAccountLinking",
  },
];

const mocks = installMocks({
  region: "eu-west-1",
  state: (type, _name, inputs) =>
    FORMS.some((form) => form.cognito === type)
      ? {
          userPoolId: "eu-west-1_pool",
          clientId: "rm-client-id",
          clientSecret: "rm-client-secret",
          urlWasPresent: false,
          callbackUrlPresent: true,
          ...inputs,
        }
      : FORMS.some((form) => form.skill === type)
        ? { urlWasPresent: false, redirectUrls: ["https://other.example.com/cb", inputs.redirectUrl] }
        : undefined,
});

import { AlexaAppLinking, AlexaAppLinkingArgs } from "../../packages/alexa-linking-component/src";
import { PluginAlexaAppLinking } from "../../packages/alexa-linking-component/src/plugin/provider";
import { packageVersion } from "../../packages/alexa-linking-component/src/version";

const base: AlexaAppLinkingArgs = {
  bucketName: "rainmaker-alexa-links",
  ios: { appIds: ["ABCDE12345.com.espressif.rainmaker"] },
  android: [
    {
      packageName: "com.espressif.rainmaker",
      sha256CertFingerprints: ["146de983c5730650d8eeb9952f34fc6416a08342e61dbea88a0496b23fcf44e5"],
    },
  ],
  cognito: { userPoolId: "eu-west-1_pool" },
  accessToken: { url: "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/token" },
};

const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

describe.each(FORMS.map((form, i) => ({ ...form, Component: i === 0 ? AlexaAppLinking : PluginAlexaAppLinking })))(
  "the component $label",
  ({ cognito: COGNITO, skill: SKILL, Component }) => {
    async function build(name: string, args: AlexaAppLinkingArgs) {
      const start = mocks.registrations.length;
      const component = new Component(name, args);
      await promiseOf(component.alexaAccessTokenURL);
      await promiseOf(component.cognitoClientId);
      await mocks.settled();
      const mine = mocks.registrations.slice(start);
      const of = (type: string) => mine.filter((r) => r.type === type);
      return { component, mine, of, urn: of("alexa-linking-component:index:AlexaAppLinking")[0].urn };
    }

    describe("the Cognito callback URL", () => {
      it("gets the redirect URL, the stack's region and the cognito args, under the component", async () => {
        const built = await build("cognito", {
          ...base,
          cognito: { userPoolId: "eu-west-1_pool", clientName: "custom-client" },
          endpoints: { cognito: "http://127.0.0.1:9229" },
        });
        const [callback] = built.of(COGNITO);
        expect(callback.parent).toBe(built.urn);
        expect(callback.inputs).toMatchObject({
          redirectUrl: "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/",
          region: "eu-west-1",
          userPoolId: "eu-west-1_pool",
          clientName: "custom-client",
          endpoint: "http://127.0.0.1:9229",
          version: packageVersion(),
        });
        expect(callback.additionalSecretOutputs).toEqual(["clientSecret"]);
        expect(await promiseOf(built.component.cognitoClientId)).toBe("rm-client-id");
        expect(await promiseOf(built.component.cognitoUserPoolId)).toBe("eu-west-1_pool");
      });

      it("passes the stack's aws:profile, because the SDK calls run outside the AWS provider", async () => {
        pulumi.runtime.setConfig("aws:profile", "rainmaker-admin");
        try {
          const built = await build("cognito-profile", base);
          expect(built.of(COGNITO)[0].inputs.profile).toBe("rainmaker-admin");
        } finally {
          pulumi.runtime.setAllConfig({});
        }
      });

      it("passes the stack's static aws: keys as a secret input, never into the provider's text", async () => {
        pulumi.runtime.setAllConfig({ "aws:accessKey": "AKIASTACKKEY0000001", "aws:secretKey": "stack-secret-key-0123456789" }, [
          "aws:accessKey",
          "aws:secretKey",
        ]);
        try {
          const built = await build("cognito-static", base);
          const [callback] = built.of(COGNITO);
          expect(isWireSecret(callback.inputs.credentials)).toBe(true);
          expect(JSON.stringify(callback.inputs.credentials)).toContain("AKIASTACKKEY0000001");
          expect(String(callback.inputs.__provider)).not.toContain("stack-secret-key-0123456789");
        } finally {
          pulumi.runtime.setAllConfig({});
        }
      });

      it("defaults the client name to esp-rainmaker-alexa-skill", async () => {
        const built = await build("cognito-default", { ...base, cognito: undefined });
        expect(built.of(COGNITO)[0].inputs.clientName).toBe("esp-rainmaker-alexa-skill");
      });
    });

    describe("the post-deploy check", () => {
      it("runs after the objects and the policy exist, with the public URLs and the rendered bodies", async () => {
        const built = await build("checked", base);
        const [command] = built.of(COMMAND);
        expect(command.parent).toBe(built.urn);
        const needed = [...built.of("aws:s3/bucketObjectv2:BucketObjectv2"), ...built.of("aws:s3/bucketPolicy:BucketPolicy")].map(
          (r) => r.urn,
        );
        expect(needed).toHaveLength(3);
        expect([...command.dependsOn].sort()).toEqual(expect.arrayContaining(needed.sort()));
        const work = JSON.parse(command.inputs.stdin);
        const urls = (Array.isArray(work) ? work : work.files).map((f: { url: string }) => f.url).sort();
        expect(urls).toEqual([
          "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/.well-known/apple-app-site-association",
          "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json",
        ]);
      });

      it("fetches from endpoints.s3 path-style when given, while the outputs keep the public URLs", async () => {
        const built = await build("checked-emulator", { ...base, endpoints: { s3: "http://127.0.0.1:5000/" } });
        const work = JSON.parse(built.of(COMMAND)[0].inputs.stdin);
        const urls = (Array.isArray(work) ? work : work.files).map((f: { url: string }) => f.url).sort();
        expect(urls).toEqual([
          "http://127.0.0.1:5000/rainmaker-alexa-links/.well-known/apple-app-site-association",
          "http://127.0.0.1:5000/rainmaker-alexa-links/.well-known/assetlinks.json",
        ]);
        expect(
          Object.values((await promiseOf(built.component.associationFileUrls)) as object).every((url: string) =>
            url.startsWith("https://rainmaker-alexa-links.s3."),
          ),
        ).toBe(true);
      });

      it("refuses an endpoints.s3 that is not an absolute URL, before any resource", () => {
        const before = mocks.registrations.length;
        expect(() => new Component("bad-s3", { ...base, endpoints: { s3: "127.0.0.1:5000" } })).toThrow(
          /args\.endpoints\.s3 "127\.0\.0\.1:5000" is not an absolute URL\. Fix: /,
        );
        expect(mocks.registrations.length).toBe(before);
      });

      it("records the package version, so a new version runs the check again", async () => {
        const built = await build("checked-version", base);
        expect(built.of(COMMAND)[0].inputs.triggers[1]).toBe(packageVersion());
      });

      it("is left out with verify: false", async () => {
        const built = await build("unchecked", { ...base, verify: false });
        expect(built.of(COMMAND)).toHaveLength(0);
        expect(built.of("aws:s3/bucketPolicy:BucketPolicy")).toHaveLength(1);
      });

      it("must be known when the program runs", () => {
        expect(() => new Component("late", { ...base, verify: pulumi.output(false) })).toThrow(
          /args.verify .* decides whether the post-deploy check exists/,
        );
      });
    });

    describe("alexaAccessTokenURL", () => {
      it("is accessToken.url as given", async () => {
        const built = await build("token", base);
        expect(await promiseOf(built.component.alexaAccessTokenURL)).toBe("https://abc123.execute-api.eu-west-1.amazonaws.com/dev/token");
      });
    });

    describe("the skills", () => {
      const skillA = "amzn1.ask.skill.00000000-0000-4000-8000-00000000000a";
      const skillB = "amzn1.ask.skill.00000000-0000-4000-8000-00000000000b";
      const smapi = { clientId: "lwa-client", clientSecret: "lwa-secret", refreshToken: "Atzr|refresh" };

      it("registers one account-linking resource per skill with the Cognito client id and secret", async () => {
        const built = await build("skills", { ...base, skills: [{ skillId: skillA }, { skillId: skillB, stage: "development" }], smapi });
        const linkings = built.of(SKILL);
        expect(linkings.map((l) => l.inputs.skillId).sort()).toEqual([skillA, skillB]);
        for (const linking of linkings) {
          expect(linking.parent).toBe(built.urn);
          expect(linking.inputs).toMatchObject({
            stage: "development",
            redirectUrl: "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/",
            cognitoClientId: "rm-client-id",
            version: packageVersion(),
          });
          // Sent to the engine as secrets (the wire form of a secret value).
          expect(linking.inputs.clientSecret).toEqual(secret("rm-client-secret"));
          expect(linking.inputs.lwa).toEqual(secret(smapi));
          expect(linking.additionalSecretOutputs).toEqual(expect.arrayContaining(["clientSecret", "lwa"]));
        }
        expect(await promiseOf(built.component.skills)).toEqual([
          {
            skillId: skillA,
            stage: "development",
            redirectUrls: ["https://other.example.com/cb", "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/"],
          },
          {
            skillId: skillB,
            stage: "development",
            redirectUrls: ["https://other.example.com/cb", "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/"],
          },
        ]);
      });

      it("names each resource by its skill id, so reordering the list replaces nothing", async () => {
        const first = (await build("order", { ...base, skills: [{ skillId: skillA }, { skillId: skillB }], smapi }))
          .of(SKILL)
          .map((r) => r.name)
          .sort();
        const second = (await build("order", { ...base, skills: [{ skillId: skillB }, { skillId: skillA }], smapi }))
          .of(SKILL)
          .map((r) => r.name)
          .sort();
        expect(second).toEqual(first);
      });

      it.each([
        ["a live stage", { skills: [{ skillId: skillA, stage: "live" }], smapi }, /certification/],
        [
          "a malformed skill id",
          { skills: [{ skillId: "skill-1" }], smapi },
          /args.skills\[0\].skillId "skill-1" is not an Alexa skill id. Fix: /,
        ],
        ["a skill listed twice", { skills: [{ skillId: skillA }, { skillId: skillA }], smapi }, /repeats skill/],
        ["skills without SMAPI credentials", { skills: [{ skillId: skillA }] }, /args.smapi \(missing\) is required when skills are given/],
        [
          "skills that are an Output",
          { skills: pulumi.output([{ skillId: skillA }]), smapi },
          /args.skills .* decides which skill resources exist/,
        ],
      ])("rejects %s before registering anything", async (_what, extra, message) => {
        const before = mocks.registrations.length;
        expect(() => new Component("bad-skills", { ...base, ...(extra as Partial<AlexaAppLinkingArgs>) })).toThrow(message);
        await mocks.settled();
        expect(mocks.registrations.length).toBe(before);
      });
    });
  },
);

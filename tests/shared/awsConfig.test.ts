import * as pulumi from "@pulumi/pulumi";
import {
  AWS_PROVIDER_CONFIG,
  parseAwsSetting,
  readAwsSettings,
  type AwsConfigSource,
} from "../../packages/alexa-linking-component/src/shared/awsConfig";
import { usEast1ProviderArgs } from "../../packages/alexa-linking-component/src/hosting/distribution";
import { packageFile, readInterface } from "../engine/plugins/shared/sdkSchema";
import { kindOf } from "../engine/plugins/shared/honesty";

const source = (values: Record<string, string>, secret: string[] = []): AwsConfigSource => ({
  get: (key) => values[key],
  isSecret: (key) => secret.includes(key),
});

const ROLES = JSON.stringify([{ roleArn: "arn:aws:iam::123456789012:role/deploy", externalId: "ext-9f8e7d6c5b4a" }]);

describe("AWS_PROVIDER_CONFIG: the aws provider's keys", () => {
  it("holds exactly the keys of ProviderArgs in @pulumi/aws/provider.d.ts, each with its declared kind", () => {
    const declared = readInterface(packageFile("@pulumi/aws", "provider.d.ts"), "ProviderArgs");
    const expected = Object.fromEntries(
      [...declared.properties.values()].map((p) => {
        const kind = kindOf(p);
        return [p.name, kind === "array" || kind === "object" ? "json" : kind];
      }),
    );
    expect(AWS_PROVIDER_CONFIG).toEqual(expected);
  });
});

describe("readAwsSettings", () => {
  it.each([
    ["profile", "rainmaker-admin", "rainmaker-admin"],
    ["profile", '{"looks":"like json"}', '{"looks":"like json"}'],
    ["stsRegion", "eu-central-1", "eu-central-1"],
    ["customCaBundle", "/etc/ssl/corp.pem", "/etc/ssl/corp.pem"],
    ["httpsProxy", "http://proxy.corp:3128", "http://proxy.corp:3128"],
    ["useFipsEndpoint", "true", true],
    ["s3UsePathStyle", "false", false],
    ["maxRetries", "7", 7],
    ["allowedAccountIds", '["123456789012"]', ["123456789012"]],
    ["defaultTags", '{"tags":{"team":"iot"}}', { tags: { team: "iot" } }],
    [
      "assumeRoleWithWebIdentity",
      '{"roleArn":"arn:aws:iam::1:role/ci","webIdentityTokenFile":"/t"}',
      { roleArn: "arn:aws:iam::1:role/ci", webIdentityTokenFile: "/t" },
    ],
  ])("aws:%s = %s is read as %p", (key, raw, value) => {
    expect(readAwsSettings(source({ [key]: raw }))[key]).toEqual({ value, secret: false });
  });

  it("leaves out unset keys and the keys it is told to", () => {
    expect(readAwsSettings(source({ region: "eu-west-1", profile: "p" }), ["region"])).toEqual({ profile: { value: "p", secret: false } });
  });

  it("keeps the stack's secret mark, and always marks the static credentials", () => {
    const settings = readAwsSettings(source({ assumeRoles: ROLES, accessKey: "AKIA", secretKey: "s", profile: "p" }, ["assumeRoles"]));
    expect(settings.assumeRoles).toEqual({ value: JSON.parse(ROLES), secret: true });
    expect(settings.accessKey.secret).toBe(true);
    expect(settings.secretKey.secret).toBe(true);
    expect(settings.profile.secret).toBe(false);
  });

  it.each([
    ["maxRetries", "number", "many", /aws:maxRetries .*is not a number/],
    ["useFipsEndpoint", "boolean", "yes", /aws:useFipsEndpoint .*is not true or false/],
    ["allowedAccountIds", "json", "123456789012", /aws:allowedAccountIds .*is not a list or object/],
  ] as const)("refuses aws:%s (%s) = %s, naming the key", (key, kind, raw, message) => {
    expect(() => parseAwsSetting(key, kind, raw)).toThrow(message);
  });

  it("does not show a secret value it cannot parse", () => {
    expect(() => parseAwsSetting("assumeRoles", "json", "ext-secret-value", true)).toThrow(/\[secret\]/);
    try {
      parseAwsSetting("assumeRoles", "json", "ext-secret-value", true);
    } catch (e) {
      expect(String((e as Error).message)).not.toContain("ext-secret-value");
    }
  });
});

describe("usEast1ProviderArgs: the certificate's provider", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}));

  it("takes a plain aws:profile from the stack as a string (it used to be parsed as JSON and crash)", () => {
    pulumi.runtime.setAllConfig({ "aws:profile": "rainmaker-admin", "aws:region": "eu-west-1" });
    expect(usEast1ProviderArgs()).toEqual({ region: "us-east-1", profile: "rainmaker-admin" });
  });

  it("passes every other setting of the stack, a secret as a secret", async () => {
    pulumi.runtime.setAllConfig(
      {
        "aws:region": "eu-west-1",
        "aws:assumeRoles": ROLES,
        "aws:assumeRoleWithWebIdentity": '{"roleArn":"arn:aws:iam::123456789012:role/ci","webIdentityTokenFile":"/tmp/t"}',
        "aws:allowedAccountIds": '["123456789012"]',
        "aws:defaultTags": '{"tags":{"team":"iot"}}',
        "aws:stsRegion": "eu-west-1",
        "aws:maxRetries": "3",
        "aws:retryMode": "adaptive",
        "aws:useDualstackEndpoint": "true",
        "aws:noProxy": "169.254.169.254",
      },
      ["aws:assumeRoles"],
    );
    const args = usEast1ProviderArgs() as Record<string, unknown>;
    expect(Object.keys(args).sort()).toEqual(
      [
        "region",
        "assumeRoles",
        "assumeRoleWithWebIdentity",
        "allowedAccountIds",
        "defaultTags",
        "stsRegion",
        "maxRetries",
        "retryMode",
        "useDualstackEndpoint",
        "noProxy",
      ].sort(),
    );
    expect(args.region).toBe("us-east-1");
    expect(pulumi.Output.isInstance(args.assumeRoles)).toBe(true);
    const roles = args.assumeRoles as pulumi.Output<unknown>;
    expect(await pulumi.isSecret(roles)).toBe(true);
    expect(await (roles as unknown as { promise(): Promise<unknown> }).promise()).toEqual(JSON.parse(ROLES));
    expect(args.allowedAccountIds).toEqual(["123456789012"]);
    expect(args.defaultTags).toEqual({ tags: { team: "iot" } });
    expect(args.maxRetries).toBe(3);
    expect(args.useDualstackEndpoint).toBe(true);
  });
});

import type * as aws from "@pulumi/aws";
import { InvalidArgumentError } from "./errors";

/**
 * The stack's `aws:` settings, read as the aws provider reads them, for what the component makes
 * or calls outside the stack's default provider: the us-east-1 provider of a requested
 * certificate, and the API Gateway lookup's SDK client. One rule: every key of the provider's
 * args, each by its declared type, a secret kept secret.
 */

/** How a key's value is written in stack config: a string, true/false, a number, or JSON (lists and objects). */
export type AwsConfigKind = "string" | "boolean" | "number" | "json";

/**
 * Every key of `aws.ProviderArgs` (node_modules/@pulumi/aws/provider.d.ts) by its declared type.
 * The `Record` over `keyof aws.ProviderArgs` makes the compiler hold the list to the SDK's: a key
 * added in a newer @pulumi/aws fails the build until it is listed here, a removed one too
 * (tests/shared/awsConfig.test.ts also compares each kind with the declaration).
 */
export const AWS_PROVIDER_CONFIG: Record<keyof aws.ProviderArgs, AwsConfigKind> = {
  accessKey: "string",
  allowedAccountIds: "json",
  assumeRoleWithWebIdentity: "json",
  assumeRoles: "json",
  customCaBundle: "string",
  defaultTags: "json",
  ec2MetadataServiceEndpoint: "string",
  ec2MetadataServiceEndpointMode: "string",
  endpoints: "json",
  forbiddenAccountIds: "json",
  httpProxy: "string",
  httpsProxy: "string",
  ignoreTags: "json",
  insecure: "boolean",
  maxRetries: "number",
  noProxy: "string",
  profile: "string",
  region: "string",
  retryMode: "string",
  s3UsEast1RegionalEndpoint: "string",
  s3UsePathStyle: "boolean",
  secretKey: "string",
  sharedConfigFiles: "json",
  sharedCredentialsFiles: "json",
  skipCredentialsValidation: "boolean",
  skipMetadataApiCheck: "boolean",
  skipRegionValidation: "boolean",
  skipRequestingAccountId: "boolean",
  stsRegion: "string",
  tagPolicyCompliance: "string",
  token: "string",
  tokenBucketRateLimiterCapacity: "number",
  useDualstackEndpoint: "boolean",
  useFipsEndpoint: "boolean",
  userAgents: "json",
};

/** Keys the provider always keeps secret, however the stack stores them (the provider's own rule). */
export const ALWAYS_SECRET_AWS_KEYS: readonly string[] = ["accessKey", "secretKey", "token"];

/** One stack `aws:` value, parsed, and whether it must stay secret. */
export interface AwsSetting {
  value: unknown;
  secret: boolean;
}

/** How the settings are read: the raw text of `aws:<key>` (undefined when unset) and its secret mark. */
export interface AwsConfigSource {
  get(key: string): string | undefined;
  isSecret(key: string): boolean;
}

/**
 * The stack's `aws:` settings by key, each parsed by its declared kind: a string stays a string
 * (`aws:profile: rainmaker-admin` is a profile name, not JSON), `true`/`false` become booleans,
 * numbers numbers, lists and objects are parsed from their JSON text. A key in `except` is left
 * out (the certificate's provider has its own region). A value that does not parse fails with the
 * key, the value (secrets hidden) and the fix.
 */
export function readAwsSettings(source: AwsConfigSource, except: readonly string[] = []): Record<string, AwsSetting> {
  const settings: Record<string, AwsSetting> = {};
  for (const [key, kind] of Object.entries(AWS_PROVIDER_CONFIG) as [string, AwsConfigKind][]) {
    if (except.includes(key)) continue;
    const raw = source.get(key);
    if (raw === undefined) continue;
    const secret = source.isSecret(key) || ALWAYS_SECRET_AWS_KEYS.includes(key);
    settings[key] = { value: parseAwsSetting(key, kind, raw, secret), secret };
  }
  return settings;
}

/** One value by its kind; errors name `aws:<key>`. */
export function parseAwsSetting(key: string, kind: AwsConfigKind, raw: string, secret = false): unknown {
  const shown = secret ? "[secret]" : raw;
  const fail = (problem: string, fix: string): never => {
    throw new InvalidArgumentError(`aws:${key}`, shown, problem, fix);
  };
  switch (kind) {
    case "string":
      return raw;
    case "boolean":
      if (raw === "true") return true;
      if (raw === "false") return false;
      return fail("is not true or false", `pulumi config set --type bool aws:${key} true (or false)`);
    case "number": {
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n)) return fail("is not a number", `pulumi config set --type int aws:${key} <number>`);
      return n;
    }
    case "json":
      try {
        const parsed: unknown = JSON.parse(raw);
        if (parsed !== null && typeof parsed === "object") return parsed;
      } catch {
        // reported below
      }
      return fail(
        "is not a list or object (the aws provider reads this key as structured config)",
        `set it with --path, e.g. pulumi config set --path 'aws:${key}[0]' <value>, or as YAML in the stack file`,
      );
  }
}

/**
 * The running program's `aws:` config: raw text as the engine passed it (no JSON guess), and the
 * SDK's own secret test (what `Config.get` consults; not in its typings).
 */
export function programAwsConfig(): AwsConfigSource {
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as {
    getConfig(key: string): string | undefined;
    isConfigSecret?: (key: string) => boolean;
  };
  return {
    get: (key) => runtimeConfig.getConfig(`aws:${key}`),
    isSecret: (key) => runtimeConfig.isConfigSecret?.(`aws:${key}`) === true,
  };
}

/**
 * The stand-in aws provider's configuration: the keys of `ProviderArgs` in
 * node_modules/@pulumi/aws/provider.d.ts (the real provider's config schema, camelCase as on the
 * wire), of which a few are implemented. Stack config reaches a provider as strings (the engine's
 * `Target.GetPackageConfig` passes every value as its string; `aws:endpoints` is JSON text); an
 * explicit `new aws.Provider` sends JSON-encoded strings too. Values are decoded by their
 * declared type.
 */
import { ACMClient } from "@aws-sdk/client-acm";
import { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import { Route53Client } from "@aws-sdk/client-route-53";
import { S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { partition as sdkPartition } from "@aws-sdk/core/client";
import { CheckFailure } from "../shared/serve";
import { kindOf } from "../shared/honesty";
import { packageFile, packageVersion, readInterface } from "../shared/sdkSchema";
import { Props, reveal } from "../shared/wire";

export const SDK = "@pulumi/aws";
export const VERSION = packageVersion(SDK);

const providerArgs = readInterface(packageFile(SDK, "provider.d.ts"), "ProviderArgs");
const endpointArgs = readInterface(packageFile(SDK, "types/input.d.ts"), "ProviderEndpoint");

/** Config keys the stand-in honours. Every other ProviderArgs key fails CheckConfig. */
export const IMPLEMENTED_CONFIG: ReadonlySet<string> = new Set([
  "region",
  "accessKey",
  "secretKey",
  "token",
  "profile",
  "endpoints",
  "skipCredentialsValidation",
  "skipRequestingAccountId",
  // The stand-in never asks an instance metadata service; true or false, it makes no difference.
  "skipMetadataApiCheck",
  "skipRegionValidation",
  "s3UsePathStyle",
  "maxRetries",
]);
/** Endpoint keys whose service the stand-in calls. Other schema keys are accepted and unused. */
export const USED_ENDPOINTS = ["s3", "sts", "cloudfront", "acm", "route53"] as const;
/** Keys the engine itself adds to provider inputs. */
const ENGINE_KEYS = new Set(["version", "pluginDownloadURL"]);

export interface AwsConfig {
  region: string;
  accessKey?: string;
  secretKey?: string;
  token?: string;
  profile?: string;
  endpoints: Record<string, string>;
  skipCredentialsValidation: boolean;
  skipRequestingAccountId: boolean;
  skipRegionValidation: boolean;
  s3UsePathStyle: boolean;
  maxRetries?: number;
}

function decode(key: string, raw: unknown): unknown {
  const value = reveal(raw);
  const declared = providerArgs.properties.get(key);
  if (!declared || typeof value !== "string") return value;
  switch (kindOf(declared)) {
    case "boolean":
      if (value === "true") return true;
      if (value === "false") return false;
      throw new Error(`aws:${key} must be true or false, got ${JSON.stringify(value)}`);
    case "number": {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`aws:${key} must be a number, got ${JSON.stringify(value)}`);
      return n;
    }
    case "array":
    case "object":
      try {
        return JSON.parse(value);
      } catch {
        throw new Error(`aws:${key} must be JSON, got ${JSON.stringify(value)}`);
      }
    default:
      return value;
  }
}

function endpointFailures(value: unknown): string[] {
  if (!Array.isArray(value))
    return [`aws:endpoints must be a list of objects such as [{"s3": "http://127.0.0.1:5000"}], got ${JSON.stringify(value)}`];
  const problems: string[] = [];
  for (const entry of value) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(`aws:endpoints: each entry must be an object, got ${JSON.stringify(entry)}`);
      continue;
    }
    for (const [k, v] of Object.entries(entry)) {
      if (!endpointArgs.properties.has(k))
        problems.push(`aws:endpoints: "${k}" is not an endpoint key of the aws provider (${SDK} ${VERSION} ProviderEndpoint)`);
      else if (typeof v !== "string") problems.push(`aws:endpoints: "${k}" must be a URL string, got ${JSON.stringify(v)}`);
    }
  }
  return problems;
}

/** CheckConfig: unknown keys and keys the stand-in does not implement are failures, named. */
export function checkConfig(news: Props): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [key, raw] of Object.entries(news)) {
    if (ENGINE_KEYS.has(key)) continue;
    if (!providerArgs.properties.has(key)) {
      failures.push({
        property: key,
        reason: `could not validate provider configuration: Invalid or unknown key "aws:${key}" (not in ProviderArgs of ${SDK} ${VERSION})`,
      });
      continue;
    }
    if (!IMPLEMENTED_CONFIG.has(key)) {
      failures.push({
        property: key,
        reason: `aws:${key} is provider configuration of ${SDK} ${VERSION} that is not implemented by the stand-in aws provider; implemented: ${[...IMPLEMENTED_CONFIG].join(", ")}`,
      });
      continue;
    }
    try {
      const value = decode(key, raw);
      if (key === "endpoints") for (const p of endpointFailures(value)) failures.push({ property: key, reason: p });
    } catch (e) {
      failures.push({ property: key, reason: (e as Error).message });
    }
  }
  return failures;
}

/** The SDK's partition lookup; its result also carries the region's `description` when the region is known. */
function awsPartition(region: string): { name: string; dnsSuffix: string; description?: string } {
  return sdkPartition(region) as { name: string; dnsSuffix: string; description?: string };
}

let current: AwsConfig | undefined;
let accountId: string | undefined;

export function config(): AwsConfig {
  if (!current) throw new Error("the stand-in aws provider was not configured");
  return current;
}

export async function configure(args: Props): Promise<void> {
  const failures = checkConfig(args);
  if (failures.length > 0) throw new Error(failures.map((f) => f.reason).join("; "));
  const v: Props = {};
  for (const [k, raw] of Object.entries(args)) if (!ENGINE_KEYS.has(k)) v[k] = decode(k, raw);
  const region = (v.region as string | undefined) || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new Error(
      "missing region: set aws:region in the stack configuration (or AWS_REGION / AWS_DEFAULT_REGION), as the real aws provider requires",
    );
  }
  const skipRegionValidation = v.skipRegionValidation === true;
  if (!skipRegionValidation && awsPartition(region).description === undefined) {
    throw new Error(`invalid AWS Region: ${region} (not in the AWS SDK's partition table; set aws:skipRegionValidation to use it anyway)`);
  }
  const endpoints: Record<string, string> = {};
  for (const entry of (v.endpoints as Record<string, string>[] | undefined) ?? []) Object.assign(endpoints, entry);
  current = {
    region,
    endpoints,
    skipCredentialsValidation: v.skipCredentialsValidation === true,
    skipRequestingAccountId: v.skipRequestingAccountId === true,
    skipRegionValidation,
    s3UsePathStyle: v.s3UsePathStyle === true,
    ...(typeof v.accessKey === "string" && v.accessKey ? { accessKey: v.accessKey } : {}),
    ...(typeof v.secretKey === "string" && v.secretKey ? { secretKey: v.secretKey } : {}),
    ...(typeof v.token === "string" && v.token ? { token: v.token } : {}),
    ...(typeof v.profile === "string" && v.profile ? { profile: v.profile } : {}),
    ...(typeof v.maxRetries === "number" ? { maxRetries: v.maxRetries } : {}),
  };
  s3 = undefined;
  sts = undefined;
  cloudfront = undefined;
  acm = undefined;
  route53 = undefined;
  accountId = undefined;
  // The real provider validates the credentials (STS GetCallerIdentity) and looks up the account
  // id while configuring unless told not to; a bad endpoint or credentials fail here, as there.
  if (!current.skipCredentialsValidation || !current.skipRequestingAccountId) {
    try {
      accountId = (await stsClient().send(new GetCallerIdentityCommand({}))).Account;
    } catch (e) {
      throw new Error(
        `configuring the stand-in aws provider: validating provider credentials: retrieving caller identity from STS: ${(e as Error).message}`,
      );
    }
  }
}

function credentials(cfg: AwsConfig): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  if (cfg.accessKey && cfg.secretKey) {
    return { accessKeyId: cfg.accessKey, secretAccessKey: cfg.secretKey, ...(cfg.token ? { sessionToken: cfg.token } : {}) };
  }
  const env = process.env;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !cfg.profile) {
    return {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  }
  const profile = cfg.profile ?? env.AWS_PROFILE;
  if (profile) {
    // Shared config/credentials files, as the real provider reads them for aws:profile.
    const { fromIni } = require("@aws-sdk/credential-provider-ini") as typeof import("@aws-sdk/credential-provider-ini");
    return fromIni({ profile });
  }
  return async () => {
    throw new Error(
      "No valid credential sources found for the stand-in aws provider: set aws:accessKey/aws:secretKey, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or aws:profile",
    );
  };
}

function common(cfg: AwsConfig, service: (typeof USED_ENDPOINTS)[number]) {
  const endpoint = cfg.endpoints[service];
  return {
    region: cfg.region,
    credentials: credentials(cfg),
    ...(endpoint ? { endpoint } : {}),
    ...(cfg.maxRetries !== undefined ? { maxAttempts: cfg.maxRetries + 1 } : {}),
  };
}

let s3: S3Client | undefined;
let sts: STSClient | undefined;

export function s3Client(): S3Client {
  const cfg = config();
  s3 ??= new S3Client({ ...common(cfg, "s3"), forcePathStyle: cfg.s3UsePathStyle });
  return s3;
}

export function stsClient(): STSClient {
  sts ??= new STSClient(common(config(), "sts"));
  return sts;
}

let cloudfront: CloudFrontClient | undefined;
let acm: ACMClient | undefined;
let route53: Route53Client | undefined;

/** CloudFront and Route 53 are global: the real provider signs for us-east-1 (aws partition) whatever aws:region says. */
function globalRegion(region: string): string {
  const p = partitionOf(region).name;
  return p === "aws-cn" ? "cn-northwest-1" : p === "aws-us-gov" ? "us-gov-west-1" : "us-east-1";
}

export function cloudfrontClient(): CloudFrontClient {
  const cfg = config();
  cloudfront ??= new CloudFrontClient({ ...common(cfg, "cloudfront"), region: globalRegion(cfg.region) });
  return cloudfront;
}

/** ACM is regional: the provider's region (a certificate for CloudFront needs a provider with region us-east-1). */
export function acmClient(): ACMClient {
  acm ??= new ACMClient(common(config(), "acm"));
  return acm;
}

export function route53Client(): Route53Client {
  const cfg = config();
  route53 ??= new Route53Client({ ...common(cfg, "route53"), region: globalRegion(cfg.region) });
  return route53;
}

export function knownAccountId(): string | undefined {
  return accountId;
}

/** Partition name and DNS suffix of a region, from the AWS SDK's partition table. */
export function partitionOf(region: string): { name: string; dnsSuffix: string; description: string | undefined } {
  const p = awsPartition(region);
  return { name: p.name, dnsSuffix: p.dnsSuffix, description: p.description };
}

/** The AWS error code of an SDK v3 error (`NoSuchBucket`, `NotFound`, ...). */
export function errorCode(e: unknown): string | undefined {
  const err = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return err?.Code ?? err?.name;
}

export function httpStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

/** `<action> <what>: <Code>: <message>`, the shape of the real provider's errors. */
export function awsError(action: string, e: unknown): Error {
  const code = errorCode(e);
  const message = (e as Error)?.message ?? String(e);
  const status = httpStatus(e);
  // An error answer without a body (moto's 403 for a policy denial) leaves the SDK with
  // "Unknown: UnknownError": say the HTTP status instead.
  if (!code || code === "Unknown" || message === "UnknownError") {
    return new Error(
      `${action}: ${status !== undefined ? `HTTP ${status}${status === 403 ? " Forbidden (access denied)" : ""}` : message} (no error code in the answer)`,
    );
  }
  return new Error(`${action}: ${code !== message ? `${code}: ` : ""}${message}${status !== undefined ? ` (HTTP ${status})` : ""}`);
}

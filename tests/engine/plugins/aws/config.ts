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
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { createHash } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { partition as sdkPartition } from "@aws-sdk/core/client";
import { CheckFailure } from "../shared/serve";
import { kindOf } from "../shared/honesty";
import { packageFile, packageVersion, readInterface } from "../shared/sdkSchema";
import { containsSecret, Props, reveal } from "../shared/wire";

export const SDK = "@pulumi/aws";
export const VERSION = packageVersion(SDK);

const providerArgs = readInterface(packageFile(SDK, "provider.d.ts"), "ProviderArgs");
const endpointArgs = readInterface(packageFile(SDK, "types/input.d.ts"), "ProviderEndpoint");
const assumeRoleArgs = readInterface(packageFile(SDK, "types/input.d.ts"), "ProviderAssumeRole");
const webIdentityArgs = readInterface(packageFile(SDK, "types/input.d.ts"), "ProviderAssumeRoleWithWebIdentity");
const defaultTagsArgs = readInterface(packageFile(SDK, "types/input.d.ts"), "ProviderDefaultTags");

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
  // The credential chain and account checks of aws-sdk-go-base: web identity or static keys or
  // the profile, then each assumed role, then GetCallerIdentity against the account lists.
  "assumeRoles",
  "assumeRoleWithWebIdentity",
  "allowedAccountIds",
  "forbiddenAccountIds",
  // Applied to the tags of the ACM certificate (tagsAll); see the README for the other types.
  "defaultTags",
]);
/** Endpoint keys whose service the stand-in calls. Other schema keys are accepted and unused. */
export const USED_ENDPOINTS = ["s3", "sts", "cloudfront", "acm", "route53", "s3control"] as const;
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
  assumeRoles: Props[];
  assumeRoleWithWebIdentity?: Props;
  allowedAccountIds?: string[];
  forbiddenAccountIds?: string[];
  /** aws:defaultTags.tags. */
  defaultTags: Record<string, string>;
  /** The credentials the chain ended with (after web identity and roles), when it has steps. */
  resolved?: AwsCredentialIdentity;
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

/** An object (or, with `list`, a list of objects) whose keys are those of the SDK's input type. */
function shapeFailures(key: string, value: unknown, declared: { name: string; properties: Map<string, unknown> }, list: boolean): string[] {
  const entries = list ? value : [value];
  if (!Array.isArray(entries)) return [`aws:${key} must be a list of objects, got ${JSON.stringify(value)}`];
  const problems: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(`aws:${key}: each entry must be an object`);
      continue;
    }
    for (const k of Object.keys(entry))
      if (!declared.properties.has(k)) problems.push(`aws:${key}: "${k}" is not a field of ${declared.name}`);
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
      if (key === "assumeRoles")
        for (const p of shapeFailures(key, value, assumeRoleArgs, true)) failures.push({ property: key, reason: p });
      if (key === "assumeRoleWithWebIdentity")
        for (const p of shapeFailures(key, value, webIdentityArgs, false)) failures.push({ property: key, reason: p });
      if (key === "defaultTags")
        for (const p of shapeFailures(key, value, defaultTagsArgs, false)) failures.push({ property: key, reason: p });
      if (
        (key === "allowedAccountIds" || key === "forbiddenAccountIds") &&
        (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
      )
        failures.push({ property: key, reason: `aws:${key} must be a list of account id strings, got ${JSON.stringify(value)}` });
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

/**
 * With ALEXA_STANDIN_CONFIGURE_LOG set, each Configure appends one JSON line: the provider's URN
 * and, per key, whether it came as a secret and its value (a secret's as its SHA-256 only), so
 * engine tests can prove what reached which provider.
 */
function recordConfigure(args: Props, urn: string | undefined): void {
  const file = process.env.ALEXA_STANDIN_CONFIGURE_LOG;
  if (!file) return;
  const keys: Props = {};
  for (const [k, raw] of Object.entries(args)) {
    if (ENGINE_KEYS.has(k)) continue;
    const secret = containsSecret(raw);
    const value = reveal(raw);
    keys[k] = secret
      ? {
          secret,
          sha256: createHash("sha256")
            .update(typeof value === "string" ? value : JSON.stringify(value))
            .digest("hex"),
        }
      : { secret, value };
  }
  appendFileSync(file, `${JSON.stringify({ urn: urn ?? null, keys })}\n`);
}

export async function configure(args: Props, urn?: string): Promise<void> {
  recordConfigure(args, urn);
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
    assumeRoles: (v.assumeRoles as Props[] | undefined) ?? [],
    ...(v.assumeRoleWithWebIdentity ? { assumeRoleWithWebIdentity: v.assumeRoleWithWebIdentity as Props } : {}),
    ...(v.allowedAccountIds ? { allowedAccountIds: v.allowedAccountIds as string[] } : {}),
    ...(v.forbiddenAccountIds ? { forbiddenAccountIds: v.forbiddenAccountIds as string[] } : {}),
    defaultTags: ((v.defaultTags as Props | undefined)?.tags ?? {}) as Record<string, string>,
  };
  s3 = undefined;
  sts = undefined;
  cloudfront = undefined;
  acm = undefined;
  route53 = undefined;
  accountId = undefined;
  // aws-sdk-go-base loads the named profile from the shared files whatever the credentials are:
  // a profile that is not there fails Configure.
  if (current.profile) assertProfileExists(current.profile);
  // The credential chain: web identity, else the base credentials; then each role in order.
  if (current.assumeRoleWithWebIdentity || current.assumeRoles.length > 0) current.resolved = await resolveChain(current);
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
  // terraform-provider-aws ValidateAccountID: only with a known account id.
  if (accountId !== undefined) {
    if (current.allowedAccountIds && !current.allowedAccountIds.includes(accountId))
      throw new Error(`AWS account ID not allowed: ${accountId}`);
    if (current.forbiddenAccountIds?.includes(accountId)) throw new Error(`AWS account ID not allowed: ${accountId}`);
  }
}

/** Whether the shared files (AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE or ~/.aws) hold the profile, as aws-sdk-go-v2 looks it up. */
function assertProfileExists(profile: string): void {
  const home = process.env.HOME ?? "";
  const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE || `${home}/.aws/credentials`;
  const configFile = process.env.AWS_CONFIG_FILE || `${home}/.aws/config`;
  const sections = (file: string): string[] => {
    try {
      return [...readFileSync(file, "utf8").matchAll(/^\s*\[([^\]]+)\]\s*$/gm)].map((m) => m[1].trim());
    } catch {
      return [];
    }
  };
  const inCredentials = sections(credentialsFile).includes(profile);
  const inConfig = sections(configFile).some((name) => name === `profile ${profile}` || (profile === "default" && name === "default"));
  if (!inCredentials && !inConfig)
    throw new Error(`configuring the stand-in aws provider: failed to get shared config profile, ${profile}`);
}

/** Go duration ("1h", "15m", "900s") in seconds. */
function goDuration(text: unknown): number | undefined {
  if (typeof text !== "string" || text === "") return undefined;
  const m = /^((\d+)h)?((\d+)m)?((\d+)s)?$/.exec(text);
  if (!m) throw new Error(`invalid duration ${JSON.stringify(text)}`);
  return Number(m[2] ?? 0) * 3600 + Number(m[4] ?? 0) * 60 + Number(m[6] ?? 0);
}

async function resolveChain(cfg: AwsConfig): Promise<AwsCredentialIdentity> {
  const endpoint = cfg.endpoints.sts;
  const stsWith = (credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider) =>
    new STSClient({ region: cfg.region, credentials, ...(endpoint ? { endpoint } : {}) });
  let current: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  const web = cfg.assumeRoleWithWebIdentity;
  if (web) {
    const token =
      typeof web.webIdentityToken === "string" && web.webIdentityToken
        ? web.webIdentityToken
        : readFileSync(String(web.webIdentityTokenFile), "utf8").trim();
    const client = stsWith({ accessKeyId: "", secretAccessKey: "" });
    try {
      const out = await client.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: String(web.roleArn),
          RoleSessionName: typeof web.sessionName === "string" && web.sessionName ? web.sessionName : `${Date.now()}`,
          WebIdentityToken: token,
          ...(goDuration(web.duration) ? { DurationSeconds: goDuration(web.duration) } : {}),
        }),
      );
      current = identity(out.Credentials);
    } catch (e) {
      throw new Error(
        `configuring the stand-in aws provider: assuming role with web identity ${String(web.roleArn)}: ${(e as Error).message}`,
      );
    } finally {
      client.destroy();
    }
  } else {
    current = credentials({ ...cfg, resolved: undefined });
  }
  for (const role of cfg.assumeRoles) {
    const client = stsWith(current);
    try {
      const out = await client.send(
        new AssumeRoleCommand({
          RoleArn: String(role.roleArn),
          RoleSessionName: typeof role.sessionName === "string" && role.sessionName ? role.sessionName : `${Date.now()}`,
          ...(typeof role.externalId === "string" && role.externalId ? { ExternalId: role.externalId } : {}),
          ...(goDuration(role.duration) ? { DurationSeconds: goDuration(role.duration) } : {}),
        }),
      );
      current = identity(out.Credentials);
    } catch (e) {
      throw new Error(`configuring the stand-in aws provider: assuming role ${String(role.roleArn)}: ${(e as Error).message}`);
    } finally {
      client.destroy();
    }
  }
  return current as AwsCredentialIdentity;
}

function identity(c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): AwsCredentialIdentity {
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("STS answered no credentials");
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}) };
}

function credentials(cfg: AwsConfig): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  if (cfg.resolved) return cfg.resolved;
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

/** The provider's credentials as one identity (for requests the stand-in signs itself). */
export async function resolvedCredentials(): Promise<AwsCredentialIdentity> {
  const c = credentials(config());
  return typeof c === "function" ? await c() : c;
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

/** A resource's tags with the provider's default tags under them (a resource tag wins), as tagsAll. */
export function withDefaultTags(tags: Props): Props {
  return { ...config().defaultTags, ...tags };
}

/** The resource's own tags out of all its tags: those that are not a default tag with its default value. */
export function withoutDefaultTags(all: Props): Props {
  const defaults = config().defaultTags;
  return Object.fromEntries(Object.entries(all).filter(([k, v]) => defaults[k] !== v));
}

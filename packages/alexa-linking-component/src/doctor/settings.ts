import { emulatorInvokeUrl } from "../accessToken/rules";
import { realRetryRuntime, type RetryPolicy, type RetryRuntime } from "../shared/retry";
import { showUrl } from "../shared/urls";
import type { LwaCredentials } from "../alexa/types";
import type { SkillStage } from "../shared/defaults";
import type { DoctorOutputs } from "../stackOutputs";
import type { Platform } from "./associationShape";
import type { PublicAccessMode } from "../hosting/publicAccess";
import { awsCredentialsFrom, lwaCredentialsFrom } from "./credentials";
import type { DoctorSettings } from "./run";
import type { AppFiles } from "./redirectTable";
import { APPLE_CDN_ENDPOINT, ASSET_LINKS_ENDPOINT, PlatformProbeSettings } from "./platforms";

/** SMAPI retries of doctor: a few quick tries, never minutes. */
export const DOCTOR_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 5_000,
  maxTotalMs: 30_000,
  attemptTimeoutMs: 10_000,
};

/** What tests replace: time for the SMAPI retries, and the HTTP client of the file and token checks. */
export interface DoctorOverrides {
  retry?: Partial<RetryPolicy>;
  runtime?: Partial<RetryRuntime>;
  fetchImpl?: typeof fetch;
  cognitoMaxAttempts?: number;
}

/** What the command line asked for, parsed, checked and with its defaults applied. */
export interface DoctorRequest {
  region?: string;
  endpoints: { cognito?: string; smapi: string; lwa: string; s3?: string; apiGateway?: string; s3Control?: string };
  /** SMAPI credentials given as options (the environment fills in the rest). */
  lwa: Partial<Record<keyof LwaCredentials, string>>;
  buildStage?: SkillStage;
  timeoutMs?: number;
  attempts: number;
  delayMs: number;
  /** The stack named by --stack or by the --config-file name. */
  stack?: string;
  /** The files the stack's config renders (--stack / --config-file), and where from. */
  expected?: { bodies: Partial<Record<Platform, string>>; source: string; publicAccess?: PublicAccessMode };
  /** The platform probes: left out (--skip-platform-probes), or their endpoint overrides. */
  platforms?: { skip: boolean; appleCdn?: string; assetLinks?: string; cognitoDomain?: string };
  /** The apps' own files (--ios-plist, --ios-entitlements, --android-properties), for the redirect URL table. */
  appFiles?: AppFiles;
}

/** The stack outputs doctor needs beyond the usual, by the option that needs them. */
export const outputNeeds = (request: Pick<DoctorRequest, "endpoints">): { bucketName?: string } =>
  request.endpoints.s3 === undefined ? {} : { bucketName: "--s3-endpoint" };

/**
 * Every check's settings from the request and the outputs. Throws when the outputs cannot serve
 * an option (an --api-gateway-endpoint for a token URL that is not a default invoke URL).
 */
export function doctorSettings(
  request: DoctorRequest,
  outputs: DoctorOutputs,
  env: Record<string, string | undefined>,
  overrides: DoctorOverrides = {},
): DoctorSettings {
  const { timeoutMs, endpoints } = request;
  const timeout = timeoutMs === undefined ? {} : { timeoutMs };
  const fetchImpl = overrides.fetchImpl ? { fetchImpl: overrides.fetchImpl } : {};
  const tokenSendTo = endpoints.apiGateway === undefined ? undefined : emulatorInvokeUrl(endpoints.apiGateway, outputs.alexaAccessTokenURL);
  if (endpoints.apiGateway !== undefined && tokenSendTo === undefined) {
    throw new Error(
      `--api-gateway-endpoint ${showUrl(endpoints.apiGateway)} is given, but alexaAccessTokenURL ${showUrl(outputs.alexaAccessTokenURL)} is not a default invoke URL ` +
        "(https://<api id>.execute-api.<region>.amazonaws.com/<stage>/<path>), so it has no address on an emulator. " +
        "Fix: leave --api-gateway-endpoint out, and doctor posts to alexaAccessTokenURL itself",
    );
  }
  const lwa = lwaCredentialsFrom(request.lwa, env);
  const settings: DoctorSettings = {
    files: { attempts: request.attempts, delayMs: request.delayMs, ...timeout, ...fetchImpl },
    cognito: {
      region: request.region,
      endpoint: endpoints.cognito,
      credentials: awsCredentialsFrom(env),
      maxAttempts: overrides.cognitoMaxAttempts,
      ...timeout,
      stack: request.stack,
    },
    skills: {
      lwa: "credentials" in lwa ? lwa.credentials : undefined,
      missing: "missing" in lwa ? lwa.missing : [],
      endpoints: { smapi: endpoints.smapi, lwa: endpoints.lwa },
      policy: { ...DOCTOR_RETRY_POLICY, ...(timeoutMs === undefined ? {} : { attemptTimeoutMs: timeoutMs }), ...overrides.retry },
      runtime: { ...realRetryRuntime(), ...overrides.runtime },
      stack: request.stack,
      ...(request.buildStage === undefined ? {} : { buildStage: request.buildStage }),
    },
    token: { ...timeout, ...fetchImpl, ...(tokenSendTo === undefined ? {} : { sendTo: tokenSendTo }) },
    accountBlock: {
      region: request.region,
      endpoint: endpoints.s3Control,
      credentials: awsCredentialsFrom(env),
      maxAttempts: overrides.cognitoMaxAttempts,
      ...timeout,
    },
  };
  if (request.expected?.publicAccess !== undefined) settings.publicAccess = request.expected.publicAccess;
  if (endpoints.s3 !== undefined && outputs.bucketName !== undefined) settings.s3 = { endpoint: endpoints.s3, bucket: outputs.bucketName };
  if (request.platforms?.skip !== true)
    settings.platforms = platformSettings(request.platforms ?? { skip: false }, timeoutMs, overrides.fetchImpl);
  // The redirect URL table goes with the platform probes, and always when an app's file is given.
  if (request.platforms?.skip !== true || Object.keys(request.appFiles ?? {}).length > 0)
    settings.redirectTable = { appFiles: request.appFiles ?? {} };
  if (request.expected !== undefined) {
    settings.expectedBodies = request.expected.bodies;
    settings.expectedSource = request.expected.source;
  }
  return settings;
}

/** The platform probes' settings: the real services unless overridden. */
function platformSettings(
  platforms: NonNullable<DoctorRequest["platforms"]>,
  timeoutMs: number | undefined,
  fetchImpl: typeof fetch | undefined,
): PlatformProbeSettings {
  return {
    appleCdn: platforms.appleCdn ?? APPLE_CDN_ENDPOINT,
    assetLinks: platforms.assetLinks ?? ASSET_LINKS_ENDPOINT,
    ...(platforms.cognitoDomain === undefined ? {} : { cognitoDomain: platforms.cognitoDomain }),
    overridden: { appleCdn: platforms.appleCdn !== undefined, assetLinks: platforms.assetLinks !== undefined },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(fetchImpl === undefined ? {} : { fetchImpl }),
  };
}

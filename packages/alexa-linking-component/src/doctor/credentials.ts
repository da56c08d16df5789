import type { LwaCredentials } from "../alexa/types";
import { SMAPI_ENVIRONMENT } from "../stackConfig";

/** The doctor flags that give the LWA credentials, by field. */
export const LWA_FLAGS: Record<keyof LwaCredentials, string> = {
  clientId: "lwa-client-id",
  clientSecret: "lwa-client-secret",
  refreshToken: "lwa-refresh-token",
};

export type LwaLookup = { credentials: LwaCredentials } | { missing: string[] };

/**
 * The SMAPI credentials: each field from its flag, else from the first set environment variable
 * of the names the stack and the ASK CLI use. `missing` names, for each field not found, where
 * it may come from; never a value.
 */
export function lwaCredentialsFrom(
  flags: Partial<Record<keyof LwaCredentials, string>>,
  env: Record<string, string | undefined>,
): LwaLookup {
  const found: Partial<LwaCredentials> = {};
  const missing: string[] = [];
  for (const field of Object.keys(LWA_FLAGS) as (keyof LwaCredentials)[]) {
    const value = flags[field] || SMAPI_ENVIRONMENT[field].map((name) => env[name]).find((v) => v !== undefined && v !== "");
    if (value) found[field] = value;
    else missing.push(`--${LWA_FLAGS[field]} or ${SMAPI_ENVIRONMENT[field].join(" or ")}`);
  }
  return missing.length > 0 ? { missing } : { credentials: found as LwaCredentials };
}

/** AWS credentials from the environment doctor was given, when they are there; else the SDK's chain decides. */
export function awsCredentialsFrom(
  env: Record<string, string | undefined>,
): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return env.AWS_SESSION_TOKEN ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN } : { accessKeyId, secretAccessKey };
}

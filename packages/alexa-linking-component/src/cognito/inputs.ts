import type * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { ENDPOINT_FIX, endpointProblem, showUrl } from "../shared/urls";
import { hasControlCharacter } from "../shared/secrets";
import { callbackUrlProblem } from "./callbackUrl";
import { DEFAULT_CLIENT_NAME } from "../shared/defaults";
import type { CallbackUrlInputs } from "./types";

/** The engine's placeholder for a value not known yet (preview): checked once it is known. */
const isUnknown = (v: unknown): boolean => v === unknownValue;

/**
 * The values with the defaults applied: the one place the client-name default is applied, where
 * values enter (the resource's registration, check, and state recorded before a default existed).
 */
export function withCallbackUrlDefaults<T extends { clientName?: unknown }>(
  values: T,
): T & { clientName: NonNullable<T["clientName"]> | string } {
  return { ...values, clientName: values.clientName || DEFAULT_CLIENT_NAME } as T & { clientName: NonNullable<T["clientName"]> | string };
}

/** Validates the provider inputs before any call; fills in the default client name. */
export function checkCallbackUrlInputs(news: Partial<CallbackUrlInputs>): pulumi.dynamic.CheckResult<CallbackUrlInputs> {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  if (!isUnknown(news.redirectUrl)) {
    const problem = callbackUrlProblem(news.redirectUrl, "redirectUrl");
    if (problem) failures.push({ property: "redirectUrl", reason: problem });
  }
  if (!isUnknown(news.region) && (typeof news.region !== "string" || news.region === "")) {
    failures.push({
      property: "region",
      reason:
        `region must be the AWS region of the RainMaker user pool, got ${JSON.stringify(news.region)}. ` +
        `Set it on the AWS provider (aws:region) or pass it explicitly.`,
    });
  }
  for (const key of ["userPoolId", "clientName", "clientId", "endpoint", "profile"] as const) {
    const v = news[key];
    if (v !== undefined && v !== null && !isUnknown(v) && typeof v !== "string") {
      failures.push({ property: key, reason: `${key} must be a string, got ${JSON.stringify(v)}.` });
    }
  }
  if (typeof news.endpoint === "string" && news.endpoint !== "") {
    const problem = endpointProblem(news.endpoint);
    if (problem) failures.push({ property: "endpoint", reason: `endpoint ${showUrl(news.endpoint)} ${problem}. Fix: ${ENDPOINT_FIX}` });
  }
  const credentials = credentialsProblem(news.credentials);
  if (credentials) failures.push({ property: "credentials", reason: credentials });
  const inputs = withCallbackUrlDefaults(news) as CallbackUrlInputs;
  return failures.length > 0 ? { inputs, failures } : { inputs };
}

/** Static credentials, when given: text fields without control characters. Values are never shown. */
function credentialsProblem(value: unknown): string | undefined {
  if (value === undefined || value === null || isUnknown(value)) return undefined;
  const fix =
    "Fix: pass { accessKeyId, secretAccessKey, sessionToken? } as plain text, or leave credentials out for the SDK's credential chain.";
  if (typeof value !== "object" || Array.isArray(value)) return `credentials (secret, not shown) must be an object. ${fix}`;
  const fields = value as Record<string, unknown>;
  for (const key of ["accessKeyId", "secretAccessKey", "sessionToken"]) {
    const v = fields[key];
    if (v === undefined && key === "sessionToken") continue;
    if (isUnknown(v)) continue;
    if (typeof v !== "string" || v === "") return `credentials.${key} (secret, not shown) must be a non-empty string. ${fix}`;
    if (hasControlCharacter(v))
      return `credentials.${key} (secret, not shown) holds a control character (a newline, tab or similar). ${fix}`;
  }
  return undefined;
}

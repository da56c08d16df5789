import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { boundClient } from "../shared/sdkClient";

/** AWS static credentials. */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where the Cognito API is. */
export interface CognitoConnection {
  region: string;
  /** Endpoint override (cognito-local, LocalStack). Default: the regional AWS endpoint. */
  endpoint?: string;
  /** Shared-config profile whose credentials to use. Default: the SDK's credential chain. */
  profile?: string;
  /** Static credentials from the resource's secret inputs; win over `options.credentials`. */
  credentials?: StaticCredentials;
}

/** How the provider talks to Cognito; plain data, so the provider closure serializes. */
export interface CognitoProviderOptions {
  /** Attempts per API call under the SDK's standard retry mode (throttling, 5xx, network). Default 5. */
  maxAttempts?: number;
  /**
   * Rounds of write-until-it-sticks (src/shared/retry.ts) before giving up on a concurrent
   * writer. Default DEFAULT_WRITE_ROUNDS.
   */
  writeRounds?: number;
  /**
   * The longest one API call may take, the SDK's retries included; then it is aborted and its
   * connection closed (the SDK has no deadline of its own, so a server that trickles its answer
   * would hold the deployment forever). Default 120 s.
   */
  requestTimeoutMs?: number;
  /**
   * Static credentials (emulators; doctor's environment). Default: the SDK's credential chain.
   * Options are copied into the serialized provider, which Pulumi stores in the state in clear:
   * CognitoCallbackUrl therefore never leaves them here, it moves them into a secret input.
   */
  credentials?: StaticCredentials;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
/** The most of a Cognito answer this client reads (a described app client is a few KB). */
export const COGNITO_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The static credentials in a value (inputs or state), or undefined when it holds none. Only the
 * three fields the SDK uses are kept, whatever else the value has.
 */
export function staticCredentialsOf(value: unknown): StaticCredentials | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const { accessKeyId, secretAccessKey, sessionToken } = value as Record<string, unknown>;
  if (typeof accessKeyId !== "string" || typeof secretAccessKey !== "string" || !accessKeyId || !secretAccessKey) return undefined;
  return typeof sessionToken === "string" && sessionToken
    ? { accessKeyId, secretAccessKey, sessionToken }
    : { accessKeyId, secretAccessKey };
}

/** A new SDK client; build one per provider call, never capture one in the provider. */
export function createCognitoClient(conn: CognitoConnection, options: CognitoProviderOptions = {}): CognitoIdentityProviderClient {
  const credentials = conn.credentials ?? options.credentials;
  const client = new CognitoIdentityProviderClient({
    region: conn.region,
    ...(conn.endpoint ? { endpoint: conn.endpoint } : {}),
    ...(conn.profile && !credentials ? { profile: conn.profile } : {}),
    ...(credentials ? { credentials } : {}),
    retryMode: "standard",
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
  return boundClient(client, {
    maxBodyBytes: COGNITO_MAX_BODY_BYTES,
    timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    service: "Cognito",
  });
}

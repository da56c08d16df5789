import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";

/** Where the Cognito API is. */
export interface CognitoConnection {
  region: string;
  /** Endpoint override (cognito-local, LocalStack). Default: the regional AWS endpoint. */
  endpoint?: string;
  /** Shared-config profile whose credentials to use. Default: the SDK's credential chain. */
  profile?: string;
}

/** How the provider talks to Cognito; plain data, so the provider closure serializes. */
export interface CognitoProviderOptions {
  /** Attempts per API call under the SDK's standard retry mode (throttling, 5xx, network). Default 5. */
  maxAttempts?: number;
  /** Describe-write-describe rounds before giving up on a concurrent writer. Default 3. */
  convergeAttempts?: number;
  /** Static credentials (emulators; doctor's environment). Default: the SDK's credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_CONVERGE_ATTEMPTS = 3;

/** A new SDK client; build one per provider call, never capture one in the provider. */
export function createCognitoClient(
  conn: CognitoConnection,
  options: CognitoProviderOptions = {},
): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: conn.region,
    ...(conn.endpoint ? { endpoint: conn.endpoint } : {}),
    ...(conn.profile && !options.credentials ? { profile: conn.profile } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    retryMode: "standard",
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
}

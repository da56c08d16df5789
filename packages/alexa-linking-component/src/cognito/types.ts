/** The dynamic provider's inputs, as the engine hands them over (secrets unwrapped). */
export interface CallbackUrlInputs {
  /** The URL to add to the app client's callback URLs. */
  redirectUrl: string;
  /** AWS region of the user pool. */
  region: string;
  /** Cognito endpoint override. */
  endpoint?: string;
  /** Shared-config profile for AWS credentials (the stack's aws:profile). Default: the SDK's chain. */
  profile?: string;
  /** User pool id; default: the one pool holding a client named `clientName`. */
  userPoolId?: string;
  /** App client name; check applies the default (shared/defaults.ts) before any operation runs. */
  clientName: string;
  /** App client id; skips the lookup by name. */
  clientId?: string;
  /** Package version, so that a provider code change shows as an update. */
  version?: string;
  /**
   * Static AWS credentials, when the resource was given some (providerOptions.credentials).
   * A secret input, so the state encrypts it; never part of the serialized provider.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The state: the inputs plus what was resolved and observed. */
export interface CallbackUrlOutputs extends CallbackUrlInputs {
  userPoolId: string;
  clientId: string;
  clientName: string;
  /** Secret (additionalSecretOutputs). */
  clientSecret: string;
  /** The URL was on the client before this resource added it: never remove it then. */
  urlWasPresent: boolean;
  /** False after a refresh found the URL gone (drift); the next update re-adds it. */
  callbackUrlPresent: boolean;
}

import * as pulumi from "@pulumi/pulumi";
import type { CognitoProviderOptions } from "./client";
import { DEFAULT_CLIENT_NAME } from "./lookup";
import { cognitoCallbackUrlProvider } from "./provider";
import { packageVersion } from "../version";

export interface CognitoCallbackUrlArgs {
  /** The URL to add to the app client's callback URLs (the component's redirectURL). */
  redirectUrl: pulumi.Input<string>;
  /** AWS region of the user pool: the AWS provider's region. */
  region: pulumi.Input<string>;
  /** Cognito endpoint override (emulators, LocalStack). */
  endpoint?: pulumi.Input<string | undefined>;
  /** Shared-config profile for AWS credentials; the component passes the stack's aws:profile. */
  profile?: pulumi.Input<string | undefined>;
  /** User pool id. Default: the one pool in the region that has a client named `clientName`. */
  userPoolId?: pulumi.Input<string | undefined>;
  /** App client name. Default: esp-rainmaker-alexa-skill. */
  clientName?: pulumi.Input<string>;
  /** App client id; skips the lookup by name. */
  clientId?: pulumi.Input<string | undefined>;
  /** Provider code version. Default: this package's version. */
  version?: pulumi.Input<string>;
}

/** Built on first use, not at import. */
let defaultProvider: ReturnType<typeof cognitoCallbackUrlProvider> | undefined;

/**
 * Adds `redirectUrl` to the callback URLs of an app client that another stack owns, and takes
 * back on destroy only what it added. Outputs the client id and (secret) client secret.
 */
export class CognitoCallbackUrl extends pulumi.dynamic.Resource {
  declare public readonly redirectUrl: pulumi.Output<string>;
  declare public readonly userPoolId: pulumi.Output<string>;
  declare public readonly clientId: pulumi.Output<string>;
  declare public readonly clientName: pulumi.Output<string>;
  /** Secret. */
  declare public readonly clientSecret: pulumi.Output<string>;
  /** The URL was on the client before: destroy leaves it there. */
  declare public readonly urlWasPresent: pulumi.Output<boolean>;
  /** False after a refresh found the URL gone; the next update re-adds it. */
  declare public readonly callbackUrlPresent: pulumi.Output<boolean>;

  constructor(
    name: string,
    args: CognitoCallbackUrlArgs,
    opts?: pulumi.CustomResourceOptions,
    providerOptions?: CognitoProviderOptions,
  ) {
    // Static credentials never go into the provider: its serialized text is stored in the state
    // in clear. They travel as a secret input instead, which the state encrypts.
    const { credentials, ...rest } = providerOptions ?? {};
    const provider = Object.keys(rest).length > 0 ? cognitoCallbackUrlProvider(rest) : (defaultProvider ??= cognitoCallbackUrlProvider());
    super(
      provider,
      name,
      {
        userPoolId: undefined,
        clientId: undefined,
        clientName: DEFAULT_CLIENT_NAME,
        clientSecret: undefined,
        urlWasPresent: undefined,
        callbackUrlPresent: undefined,
        ...args,
        version: args.version ?? packageVersion(),
        ...(credentials ? { credentials: pulumi.secret(credentials) } : {}),
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: credentials ? ["clientSecret", "credentials"] : ["clientSecret"] }),
      "alexa-linking",
      "CognitoCallbackUrl",
    );
  }
}

import * as pulumi from "@pulumi/pulumi";
import type { CognitoProviderOptions } from "./client";
import { withCallbackUrlDefaults } from "./inputs";
import { cognitoCallbackUrlProvider } from "../providers/cognitoCallbackUrl";
import { registration as register } from "../providers/registration";
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

/** The type of the form that the package's provider plugin serves (src/plugin/provider.ts). */
export const COGNITO_CALLBACK_URL_TYPE = "alexa-linking-component:index:CognitoCallbackUrl";

/** The inputs and options both forms register: one shape for one provider's rules. */
function registration(
  args: CognitoCallbackUrlArgs,
  opts: pulumi.CustomResourceOptions | undefined,
  credentials?: CognitoProviderOptions["credentials"],
) {
  return register(
    {
      userPoolId: undefined,
      clientId: undefined,
      clientSecret: undefined,
      urlWasPresent: undefined,
      callbackUrlPresent: undefined,
      ...withCallbackUrlDefaults(args),
      version: args.version ?? packageVersion(),
      ...(credentials ? { credentials: pulumi.secret(credentials) } : {}),
    },
    opts,
    credentials ? ["clientSecret", "credentials"] : ["clientSecret"],
  );
}

/** The outputs of both forms (declared once, merged into each class). */
export interface CallbackUrlResourceOutputs {
  readonly redirectUrl: pulumi.Output<string>;
  readonly userPoolId: pulumi.Output<string>;
  readonly clientId: pulumi.Output<string>;
  readonly clientName: pulumi.Output<string>;
  /** Secret. */
  readonly clientSecret: pulumi.Output<string>;
  /** The URL was on the client before: destroy leaves it there. */
  readonly urlWasPresent: pulumi.Output<boolean>;
  /** False after a refresh found the URL gone; the next update re-adds it. */
  readonly callbackUrlPresent: pulumi.Output<boolean>;
}

/** Built on first use, not at import. */
let defaultProvider: ReturnType<typeof cognitoCallbackUrlProvider> | undefined;

/**
 * Adds `redirectUrl` to the callback URLs of an app client that another stack owns, and takes
 * back on destroy only what it added. Outputs the client id and (secret) client secret.
 */
export interface CognitoCallbackUrl extends CallbackUrlResourceOutputs {}
export class CognitoCallbackUrl extends pulumi.dynamic.Resource {
  constructor(name: string, args: CognitoCallbackUrlArgs, opts?: pulumi.CustomResourceOptions, providerOptions?: CognitoProviderOptions) {
    // Static credentials never go into the provider: its serialized text is stored in the state
    // in clear. They travel as a secret input instead, which the state encrypts.
    const { credentials, ...rest } = providerOptions ?? {};
    const provider = Object.keys(rest).length > 0 ? cognitoCallbackUrlProvider(rest) : (defaultProvider ??= cognitoCallbackUrlProvider());
    const { props, opts: options } = registration(args, opts, credentials);
    super(provider, name, props, options, "alexa-linking", "CognitoCallbackUrl");
  }
}

/**
 * CognitoCallbackUrl as a custom resource of the package's provider plugin, for components that
 * the plugin constructs: same inputs, outputs and provider rules (cognitoCallbackUrlProvider).
 */
export interface PluginCognitoCallbackUrl extends CallbackUrlResourceOutputs {}
export class PluginCognitoCallbackUrl extends pulumi.CustomResource {
  constructor(
    name: string,
    args: CognitoCallbackUrlArgs,
    opts?: pulumi.CustomResourceOptions,
    credentials?: CognitoProviderOptions["credentials"],
  ) {
    const { props, opts: options } = registration(args, opts, credentials);
    super(COGNITO_CALLBACK_URL_TYPE, name, props, options);
  }
}

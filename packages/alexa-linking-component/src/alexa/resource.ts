import * as pulumi from "@pulumi/pulumi";
import type { EndpointsArgs, SmapiCredentialsArgs } from "../args";
import { registration as register } from "../providers/registration";
import { createSkillLinkingProvider, type SkillLinkingProvider, type SkillLinkingProviderOptions } from "../providers/skillAccountLinking";
import { withSkillLinkingDefaults } from "./types";
import { packageVersion } from "../version";

/** The component's SMAPI credentials, passed through as they are. */
export type SkillLwaCredentialsArgs = SmapiCredentialsArgs;

/** The SMAPI and LWA parts of the component's endpoint overrides. */
export type SkillEndpointsArgs = Pick<EndpointsArgs, "smapi" | "lwa">;

export interface SkillAccountLinkingArgs {
  /** Alexa skill id, `amzn1.ask.skill.<uuid>`. */
  skillId: pulumi.Input<string>;
  /** Only `development` can be written through SMAPI. Default: `development`. */
  stage?: pulumi.Input<string>;
  /** The redirect URL to add to the skill's account-linking redirect URLs. */
  redirectUrl: pulumi.Input<string>;
  /** Id of the esp-rainmaker-alexa-skill Cognito app client; must be the skill's account-linking client id. */
  cognitoClientId: pulumi.Input<string>;
  /** Secret of that Cognito app client; sent with every write (SMAPI never returns it). Made secret. */
  clientSecret: pulumi.Input<string>;
  /** Login with Amazon credentials for SMAPI. Made secret. */
  lwa: pulumi.Input<SkillLwaCredentialsArgs>;
  /** Endpoint overrides, for emulators. */
  endpoints?: pulumi.Input<SkillEndpointsArgs>;
  /** Provider code version. Default: this package's version. */
  version?: pulumi.Input<string>;
}

/** Outputs that must stay secret although the caller may pass plain values. */
export const SKILL_LINKING_SECRET_OUTPUTS = ["clientSecret", "lwa"];

/**
 * The resource name of one skill's linking inside a component: keyed by skill id, not by list
 * position, so reordering `skills` changes nothing, while a position-keyed name would replace
 * resources across skills and confuse which URL each one added.
 */
export const skillLinkingResourceName = (componentName: string, skillId: string): string =>
  `${componentName}-skill-${skillId.replace(/^amzn1\.ask\.skill\./, "")}`;

/** The type of the form that the package's provider plugin serves (src/plugin/provider.ts). */
export const SKILL_ACCOUNT_LINKING_TYPE = "alexa-linking-component:index:SkillAccountLinking";

/** The inputs and options both forms register: one shape for one provider's rules. */
function registration(args: SkillAccountLinkingArgs, opts: pulumi.CustomResourceOptions | undefined) {
  return register(
    {
      skillId: args.skillId,
      stage: withSkillLinkingDefaults({ stage: args.stage }).stage,
      redirectUrl: args.redirectUrl,
      cognitoClientId: args.cognitoClientId,
      clientSecret: pulumi.secret(args.clientSecret),
      lwa: pulumi.secret(args.lwa),
      endpoints: args.endpoints,
      version: args.version ?? packageVersion(),
      urlWasPresent: undefined,
      redirectUrls: undefined,
      accountLinkingClientId: undefined,
    },
    opts,
    SKILL_LINKING_SECRET_OUTPUTS,
  );
}

/** The outputs of both forms (declared once, merged into each class). */
export interface SkillLinkingResourceOutputs {
  readonly skillId: pulumi.Output<string>;
  readonly stage: pulumi.Output<string>;
  readonly redirectUrl: pulumi.Output<string>;
  readonly cognitoClientId: pulumi.Output<string>;
  /** The redirect URL was on the skill before this resource; delete leaves it. */
  readonly urlWasPresent: pulumi.Output<boolean>;
  /** The skill's redirect URLs after the last write or refresh. */
  readonly redirectUrls: pulumi.Output<string[]>;
  /** The skill's account-linking client id as last read. */
  readonly accountLinkingClientId: pulumi.Output<string | undefined>;
}

let sharedProvider: SkillLinkingProvider | undefined;

/**
 * One skill's app-to-app account linking: adds the redirect URL to the skill's redirect URLs
 * and gives the skill the Cognito client secret, keeping every other account-linking field.
 * Delete removes only the URL this resource added.
 */
export interface SkillAccountLinking extends SkillLinkingResourceOutputs {}
export class SkillAccountLinking extends pulumi.dynamic.Resource {
  constructor(
    name: string,
    args: SkillAccountLinkingArgs,
    opts?: pulumi.CustomResourceOptions,
    providerOptions?: SkillLinkingProviderOptions,
  ) {
    // One provider object for every resource: the engine serializes each provider object once.
    const provider = providerOptions ? createSkillLinkingProvider(providerOptions) : (sharedProvider ??= createSkillLinkingProvider());
    const { props, opts: options } = registration(args, opts);
    super(provider, name, props, options, "alexa-linking", "SkillAccountLinking");
  }
}

/**
 * SkillAccountLinking as a custom resource of the package's provider plugin, for components
 * that the plugin constructs: same inputs, outputs and provider rules (createSkillLinkingProvider).
 */
export interface PluginSkillAccountLinking extends SkillLinkingResourceOutputs {}
export class PluginSkillAccountLinking extends pulumi.CustomResource {
  constructor(name: string, args: SkillAccountLinkingArgs, opts?: pulumi.CustomResourceOptions) {
    const { props, opts: options } = registration(args, opts);
    super(SKILL_ACCOUNT_LINKING_TYPE, name, props, options);
  }
}

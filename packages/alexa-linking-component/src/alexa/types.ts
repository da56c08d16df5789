/**
 * A skill's account-linking configuration as SMAPI's GET returns it once unwrapped. The SDK's
 * own type lacks `skipOnEnablement` and any field SMAPI adds later, and a faithful merge must
 * carry every field, so fields outside the list are kept through the index signature.
 */
export interface AccountLinking {
  type?: string;
  authorizationUrl?: string;
  domains?: string[];
  clientId?: string;
  scopes?: string[];
  accessTokenUrl?: string;
  clientSecret?: string;
  accessTokenScheme?: string;
  defaultTokenExpirationInSeconds?: number;
  reciprocalAccessTokenUrl?: string;
  redirectUrls?: string[];
  authorizationUrlsByPlatform?: { platformType: string; platformAuthorizationUrl: string }[];
  /** GET may return the string "true"; PUT takes a boolean. */
  skipOnEnablement?: boolean | string;
  voiceForwardAccountLinking?: string;
  [field: string]: unknown;
}

/** Login with Amazon credentials of the security profile used for SMAPI. */
export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface SmapiEndpoints {
  /** SMAPI base URL. Default: https://api.amazonalexa.com */
  smapi?: string;
  /** Login with Amazon base URL. Default: https://api.amazon.com */
  lwa?: string;
}

export { DEFAULT_SMAPI_ENDPOINT, DEFAULT_LWA_ENDPOINT } from "../shared/defaults";
import { DEFAULT_SKILL_STAGE } from "../shared/defaults";
export { DEFAULT_SKILL_STAGE as DEFAULT_STAGE };

/**
 * The values with the defaults applied: the one place the stage default is applied, where
 * values enter (the resource's registration, check, and state recorded without a stage).
 */
export function withSkillLinkingDefaults<T extends { stage?: unknown }>(
  values: T,
): T & { stage: NonNullable<T["stage"]> | typeof DEFAULT_SKILL_STAGE } {
  const stage = values.stage === undefined || values.stage === null || values.stage === "" ? DEFAULT_SKILL_STAGE : values.stage;
  return { ...values, stage } as T & { stage: NonNullable<T["stage"]> | typeof DEFAULT_SKILL_STAGE };
}

/** The inputs of one skill's account-linking resource, resolved. */
export interface SkillLinkingInputs {
  skillId: string;
  /** Only `development` can be written through SMAPI. */
  stage: string;
  /** The redirect URL the mobile apps use (the hosting bucket's root URL). */
  redirectUrl: string;
  /** Id of the Cognito app client the skill links against. */
  cognitoClientId: string;
  /** Secret of that Cognito app client. Secret. */
  clientSecret: string;
  /** SMAPI credentials. Secret. */
  lwa: LwaCredentials;
  endpoints?: SmapiEndpoints;
  /** Version of the component package, so a provider code change shows as an update. */
  version: string;
}

/** What the resource records: its inputs plus what it found and did. */
export interface SkillLinkingOutputs extends SkillLinkingInputs {
  /** The redirect URL was on the skill before this resource added it: delete leaves it. */
  urlWasPresent: boolean;
  /** The skill's redirect URLs after the last write or read. */
  redirectUrls: string[];
  /** The skill's account-linking client id as last read. */
  accountLinkingClientId?: string;
}

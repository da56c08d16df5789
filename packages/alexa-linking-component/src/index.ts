/**
 * The package's public API: what Pulumi programs import. Everything else is inside the house and
 * may move between minor releases (the README's "What is API" lists these names).
 */
export { AlexaAppLinking, ALEXA_APP_LINKING_TYPE } from "./alexaAppLinking";
export type { AlexaAppLinkingOptions, SkillLinkingStatus, DnsRecord } from "./alexaAppLinking";
export type {
  AlexaAppLinkingArgs,
  IosArgs,
  IosComponentArgs,
  AndroidAppArgs,
  CognitoArgs,
  SkillArgs,
  SmapiCredentialsArgs,
  AccessTokenArgs,
  EndpointsArgs,
  CloudFrontArgs,
} from "./args";
export { InvalidArgumentError } from "./shared/errors";
export {
  stackArgs,
  programConfig,
  argsFromConfig,
  StackConfigError,
  CONFIG_NAMESPACE,
  PLAIN_CONFIG_KEYS,
  SECRET_CONFIG_KEYS,
  SMAPI_ENVIRONMENT,
} from "./stackConfig";
export type { StackConfigValues, StackConfigSources, ConfigProblem } from "./stackConfig";
export { renderAssociationFiles, AASA_KEY, ASSETLINKS_KEY } from "./associations";
export type { AssociationFile } from "./associations";
export { CognitoCallbackUrl } from "./cognito/resource";
export type { CognitoCallbackUrlArgs } from "./cognito/resource";
export { SkillAccountLinking } from "./alexa/resource";
export type { SkillAccountLinkingArgs } from "./alexa/resource";

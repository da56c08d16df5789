export * from "./args";
export { AlexaAppLinking, ALEXA_APP_LINKING_TYPE } from "./alexaAppLinking";
export type { SkillLinkingStatus } from "./alexaAppLinking";
export { InvalidArgumentError } from "./errors";
export { AASA_KEY, ASSETLINKS_KEY, renderAssociationFiles } from "./associations";
export type { AssociationFile } from "./associations";
export { renderAppleAppSiteAssociation, buildAppleAppSiteAssociation, AASA_MAX_BYTES } from "./associations/apple";
export { renderAssetLinks, buildAssetLinks } from "./associations/android";
export { normalizeFingerprint } from "./associations/fingerprint";
export { validateAppId, validatePackageName } from "./associations/ids";
export { validateBucketName, defaultBucketName, regionalBucketHost, redirectUrlFor } from "./hosting/bucketName";
export { accessSettings, bucketPolicyDocument, parsePublicAccess } from "./hosting/publicAccess";
export type { PublicAccessMode } from "./hosting/publicAccess";
export {
  argsFromConfig,
  hostingArgsFromConfig,
  stackArgs,
  programConfig,
  closestKey,
  StackConfigError,
  fromEnvironment,
  CONFIG_NAMESPACE,
  PLAIN_CONFIG_KEYS,
  SECRET_CONFIG_KEYS,
  SMAPI_ENVIRONMENT,
} from "./stackConfig";
export type { StackConfigValues, StackConfigSources, ConfigProblem } from "./stackConfig";
export { CognitoCallbackUrl } from "./cognito/resource";
export type { CognitoCallbackUrlArgs } from "./cognito/resource";
export { cognitoCallbackUrlProvider } from "./providers/cognitoCallbackUrl";
export { callbackUrlProblem } from "./cognito/callbackUrl";
export { toUpdateRequest, mergeCallbackUrl, unmergeCallbackUrl } from "./cognito/merge";
export { chooseClient } from "./cognito/lookup";
export { DEFAULT_CLIENT_NAME } from "./shared/defaults";
export { invokeUrl, chooseApi, assertStage, choosePostResource, validateAccessTokenUrl, DEFAULT_ACCESS_TOKEN_API_NAME, DEFAULT_ACCESS_TOKEN_STAGE } from "./accessTokenUrl";
export { lookupAccessTokenUrl } from "./accessToken/lookup";
export { findAccessTokenUrl } from "./accessToken/findAccessTokenUrl";
export { judge } from "./verify/check";
export { verifyAssociationFiles } from "./verify/command";
export { parseStackOutputs, mobileValues, renderIosPlist, mergeIosPlist, renderIosEntitlements, renderAndroidProperties, renderMobileJson, PLACEHOLDERS } from "./mobile";
export { SkillAccountLinking, skillLinkingResourceName } from "./alexa/resource";
export type { SkillAccountLinkingArgs } from "./alexa/resource";
export { createSkillLinkingProvider } from "./providers/skillAccountLinking";
export { mergeRedirectUrl, unmergeRedirectUrl } from "./alexa/merge";
export { planWrite, planDelete } from "./alexa/plan";
export { diffSkillLinking } from "./alexa/diff";
export { linkingProblem } from "./alexa/problems";
export { skillsIssues } from "./alexa/validation";

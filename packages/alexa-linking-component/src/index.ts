export * from "./args";
export { AlexaAppLinking, ALEXA_APP_LINKING_TYPE } from "./alexaAppLinking";
export type { SkillLinkingStatus } from "./alexaAppLinking";
export { InvalidArgumentError } from "./shared/errors";
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
export { CognitoCallbackUrl, cognitoCallbackUrlProvider, callbackUrlProblem, toUpdateRequest, mergeCallbackUrl, unmergeCallbackUrl, chooseClient, DEFAULT_CLIENT_NAME } from "./cognito";
export type { CognitoCallbackUrlArgs } from "./cognito";
export { invokeUrl, chooseApi, assertStage, choosePostResource, validateAccessTokenUrl, DEFAULT_ACCESS_TOKEN_API_NAME, DEFAULT_ACCESS_TOKEN_STAGE } from "./accessToken/rules";
export { lookupAccessTokenUrl } from "./accessToken/lookup";
export { findAccessTokenUrl } from "./accessToken/findAccessTokenUrl";
export { judge } from "./verify/check";
export { verifyAssociationFiles } from "./verify/command";
export { parseStackOutputs, mobileValues, renderIosPlist, mergeIosPlist, renderIosEntitlements, renderAndroidProperties, renderMobileJson, PLACEHOLDERS } from "./mobile";
export { SkillAccountLinking, skillLinkingResourceName, createSkillLinkingProvider, mergeRedirectUrl, unmergeRedirectUrl, planWrite, planDelete, diffSkillLinking, linkingProblem, skillsIssues } from "./alexa";
export type { SkillAccountLinkingArgs } from "./alexa";

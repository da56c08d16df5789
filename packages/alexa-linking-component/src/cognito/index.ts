export { callbackUrlProblem, assertCallbackUrl, MAX_CALLBACK_URLS, MAX_CALLBACK_URL_LENGTH } from "./callbackUrl";
export {
  UPDATE_REQUEST_FIELDS,
  toUpdateRequest,
  hasCallbackUrl,
  mergeCallbackUrl,
  unmergeCallbackUrl,
  planCallbackUrlWrite,
  planCallbackUrlRemoval,
  nextUrlWasPresent,
} from "./merge";
export { chooseClient, DEFAULT_CLIENT_NAME } from "./lookup";
export type { PoolListing, ClientWanted, ClientFound } from "./lookup";
export { diffCallbackUrl } from "./diff";
export { cognitoCallbackUrlProvider } from "./provider";
export type { CognitoProviderOptions, CognitoConnection } from "./client";
export type { CallbackUrlInputs, CallbackUrlOutputs } from "./types";
export { CognitoCallbackUrl } from "./resource";
export type { CognitoCallbackUrlArgs } from "./resource";

import type { UpdateUserPoolClientRequest, UserPoolClientType } from "@aws-sdk/client-cognito-identity-provider";
import { canonicalJson } from "../shared/json";
import { MAX_CALLBACK_URLS } from "./callbackUrl";

/** An app client as DescribeUserPoolClient returns it. */
export type ClientConfiguration = UserPoolClientType;
/** The UpdateUserPoolClient request. */
export type UpdateRequest = UpdateUserPoolClientRequest;

/**
 * Every field of UpdateUserPoolClientRequest. UpdateUserPoolClient resets what it is not sent,
 * so an update carries each of these that DescribeUserPoolClient returned; fields outside this
 * list (ClientSecret, CreationDate, LastModifiedDate, ClientType, anything newer) never leak in.
 */
export const UPDATE_REQUEST_FIELDS = [
  "UserPoolId",
  "ClientId",
  "ClientName",
  "RefreshTokenValidity",
  "AccessTokenValidity",
  "IdTokenValidity",
  "TokenValidityUnits",
  "ReadAttributes",
  "WriteAttributes",
  "ExplicitAuthFlows",
  "SupportedIdentityProviders",
  "CallbackURLs",
  "LogoutURLs",
  "DefaultRedirectURI",
  "AllowedOAuthFlows",
  "AllowedOAuthScopes",
  "AllowedOAuthFlowsUserPoolClient",
  "AnalyticsConfiguration",
  "PreventUserExistenceErrors",
  "EnableTokenRevocation",
  "EnablePropagateAdditionalUserContextData",
  "AuthSessionValidity",
  "RefreshTokenRotation",
] as const satisfies readonly (keyof UpdateUserPoolClientRequest & keyof UserPoolClientType)[];

// Fails to compile when an SDK upgrade adds a request field that the list above lacks.
type MissingUpdateFields = Exclude<keyof UpdateUserPoolClientRequest, (typeof UPDATE_REQUEST_FIELDS)[number]>;
const everyUpdateFieldListed: [MissingUpdateFields] extends [never] ? true : MissingUpdateFields = true;
void everyUpdateFieldListed;

/** The UpdateUserPoolClient request that leaves `described` exactly as it is. */
export function toUpdateRequest(described: UserPoolClientType): UpdateUserPoolClientRequest {
  if (!described.UserPoolId || !described.ClientId) {
    throw new Error("toUpdateRequest: the described app client has no UserPoolId or ClientId.");
  }
  const request: Record<string, unknown> = {};
  for (const field of UPDATE_REQUEST_FIELDS) {
    const value = described[field];
    if (value !== undefined && value !== null) request[field] = value;
  }
  return request as unknown as UpdateUserPoolClientRequest;
}

export const hasCallbackUrl = (config: UserPoolClientType, url: string): boolean => (config.CallbackURLs ?? []).includes(url);

/**
 * `config` with `url` appended to its callback URLs, unless it is there already. The other URLs
 * and their order are left as they are: they are not this component's to tidy.
 */
export function mergeCallbackUrl(config: UserPoolClientType, url: string): { config: UserPoolClientType; added: boolean } {
  if (hasCallbackUrl(config, url)) return { config, added: false };
  return { config: { ...config, CallbackURLs: [...(config.CallbackURLs ?? []), url] }, added: true };
}

/**
 * `config` without `url` among its callback URLs. An emptied list is omitted: Cognito treats
 * an absent and an empty list alike.
 */
export function unmergeCallbackUrl(config: UserPoolClientType, url: string): UserPoolClientType {
  if (!hasCallbackUrl(config, url)) return config;
  if (config.DefaultRedirectURI === url) {
    throw new Error(
      `Cannot remove callback URL "${url}" from app client ${config.ClientId}: it is the client's ` +
        `DefaultRedirectURI. Set another DefaultRedirectURI on the client first.`,
    );
  }
  const { CallbackURLs, ...rest } = config;
  const remaining = (CallbackURLs ?? []).filter((u) => u !== url);
  return remaining.length > 0 ? { ...rest, CallbackURLs: remaining } : rest;
}

/** What a create or update must do to the described client. */
export interface WritePlan {
  /** The whole-configuration update to send, or undefined when the client is already right. */
  request?: UpdateUserPoolClientRequest;
}

/**
 * Plans putting `url` into the client's callback URLs and, when given, taking `removeUrl` out
 * (an earlier redirect URL that this resource added). Throws when the client is full.
 */
export function planCallbackUrlWrite(described: UserPoolClientType, url: string, removeUrl?: string): WritePlan {
  let config = described;
  if (removeUrl !== undefined && removeUrl !== url) config = unmergeCallbackUrl(config, removeUrl);
  const merged = mergeCallbackUrl(config, url);
  config = merged.config;
  if (config === described) return {};
  const count = config.CallbackURLs?.length ?? 0;
  if (merged.added && count > MAX_CALLBACK_URLS) {
    throw new Error(
      `App client ${described.ClientId} in user pool ${described.UserPoolId} already has ` +
        `${count - 1} callback URLs, Cognito's maximum is ${MAX_CALLBACK_URLS}: cannot add ` +
        `redirectUrl "${url}". Remove an unused callback URL from the client first.`,
    );
  }
  return { request: toUpdateRequest(config) };
}

/**
 * Plans taking `url` back out of the client. Only for a URL this stack added: the caller asks
 * src/shared/ownership.ts first, and makes no call at all for a URL that is not its own.
 */
export function planCallbackUrlRemoval(described: UserPoolClientType, url: string): WritePlan {
  if (!hasCallbackUrl(described, url)) return {};
  return { request: toUpdateRequest(unmergeCallbackUrl(described, url)) };
}

/** A client without a secret cannot serve Alexa account linking (the skill needs the secret). */
export function missingSecretProblem(described: UserPoolClientType): string | undefined {
  if (described.ClientSecret) return undefined;
  return (
    `App client ${described.ClientName ?? ""} (${described.ClientId}) in user pool ` +
    `${described.UserPoolId} has no client secret; Alexa account linking needs one. Use the ` +
    `RainMaker client created with a secret (cognito.clientName / cognito.clientId).`
  );
}

/**
 * Whether two reads of a client are the same as far as a whole-configuration update goes: every
 * field the update sends, and the secret the outputs carry. LastModifiedDate is not compared:
 * an update that changed nothing would otherwise count as a change.
 */
export function sameClientConfiguration(a: UserPoolClientType, b: UserPoolClientType): boolean {
  const fields = (c: UserPoolClientType) => {
    const picked: Record<string, unknown> = { ClientSecret: c.ClientSecret ?? null };
    for (const field of UPDATE_REQUEST_FIELDS) picked[field] = c[field] ?? null;
    return canonicalJson(picked);
  };
  return fields(a) === fields(b);
}

import type { AccountLinking } from "./types";

/**
 * The account linking inside a GET body. SMAPI wraps it in `accountLinkingResponse` although the
 * SDK types it bare; both shapes are accepted so an SDK or service change cannot drop fields.
 */
export function unwrapAccountLinking(body: unknown): AccountLinking {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new Error(`SMAPI returned an account-linking body that is not an object: ${kindOf(body)}`);
  }
  const wrapped = (body as { accountLinkingResponse?: unknown }).accountLinkingResponse;
  if (wrapped !== undefined) {
    if (wrapped === null || typeof wrapped !== "object" || Array.isArray(wrapped)) {
      throw new Error(`SMAPI returned an accountLinkingResponse that is not an object: ${kindOf(wrapped)}`);
    }
    return wrapped as AccountLinking;
  }
  return body as AccountLinking;
}

/** What a value is, for a message that must not quote a server's body whole. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string") return `a string of ${value.length} characters`;
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}

/**
 * `skipOnEnablement` as PUT takes it. GET may answer the string "true"; PUT wants a boolean.
 * Any other value is passed on untouched so SMAPI, not this code, decides what it means.
 */
export function normaliseSkipOnEnablement(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim().toLowerCase();
  if (text === "true") return true;
  if (text === "false") return false;
  return value;
}

export const hasRedirectUrl = (linking: AccountLinking, url: string): boolean => (linking.redirectUrls ?? []).includes(url);

/**
 * The PUT payload that leaves `linking` as it is: every field kept, including fields this code
 * does not know, `skipOnEnablement` as a boolean, and the client secret that GET never returns
 * (PUT is a full replace, so a missing secret would be an error or a wipe).
 */
export function toAccountLinkingRequest(linking: AccountLinking, clientSecret: string): AccountLinking {
  const request: AccountLinking = { ...linking, clientSecret };
  if ("skipOnEnablement" in linking) {
    request.skipOnEnablement = normaliseSkipOnEnablement(linking.skipOnEnablement) as AccountLinking["skipOnEnablement"];
  }
  return request;
}

/**
 * The PUT payload with `url` appended to `redirectUrls` unless it is there already. The other
 * URLs and their order are left as they are: they are not this component's to tidy.
 */
export function mergeRedirectUrl(linking: AccountLinking, url: string, clientSecret: string): { request: AccountLinking; added: boolean } {
  const added = !hasRedirectUrl(linking, url);
  const redirectUrls = added ? [...(linking.redirectUrls ?? []), url] : linking.redirectUrls;
  return { request: toAccountLinkingRequest({ ...linking, redirectUrls }, clientSecret), added };
}

/**
 * The PUT payload without `url` among `redirectUrls`. An emptied list is omitted, which is how
 * a skill that never had app-to-app linking looks.
 */
export function unmergeRedirectUrl(
  linking: AccountLinking,
  url: string,
  clientSecret: string,
): { request: AccountLinking; removed: boolean } {
  const removed = hasRedirectUrl(linking, url);
  const next: AccountLinking = { ...linking };
  if (removed) {
    const rest = (linking.redirectUrls ?? []).filter((u) => u !== url);
    if (rest.length > 0) next.redirectUrls = rest;
    else delete next.redirectUrls;
  }
  return { request: toAccountLinkingRequest(next, clientSecret), removed };
}

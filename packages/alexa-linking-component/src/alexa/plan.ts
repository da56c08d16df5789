import { canonicalJson as canonical } from "../shared/json";
import { urlToRemoveOnMove, urlWasPresentAfterWrite } from "../shared/ownership";
import { hasRedirectUrl, mergeRedirectUrl, toAccountLinkingRequest, unmergeRedirectUrl } from "./merge";
import type { AccountLinking } from "./types";

export interface WritePlan {
  /** The `accountLinkingRequest` to PUT. */
  request: AccountLinking;
  /** Whether the URL was on the skill before this resource put it there. */
  urlWasPresent: boolean;
  /**
   * The skill holds `request` already: the same fields, and the client secret that the previous
   * write sent (GET never shows the secret, so only an earlier write can vouch for it). No PUT.
   */
  unchanged: boolean;
}

/** What a previous write recorded, when there was one. */
export interface PreviousWrite {
  redirectUrl: string;
  urlWasPresent?: boolean;
  /** The client secret that write sent. */
  clientSecret?: string;
}

/**
 * The write for create (no `previous`) and update. A changed redirect URL moves: the old one is
 * removed unless it was there before this resource. For an unchanged URL, `urlWasPresent` stays
 * true only while the URL is still there: once someone removed it and this resource re-adds it,
 * the URL is this resource's to remove (both by src/shared/ownership.ts).
 */
export function planWrite(
  current: AccountLinking,
  next: { redirectUrl: string; clientSecret: string },
  previous?: PreviousWrite,
): WritePlan {
  const record = previous && { url: previous.redirectUrl, urlWasPresent: previous.urlWasPresent };
  let linking = current;
  const removeUrl = urlToRemoveOnMove(record, next.redirectUrl);
  if (removeUrl !== undefined) linking = unmergeRedirectUrl(linking, removeUrl, next.clientSecret).request;
  const presentBeforeWrite = hasRedirectUrl(linking, next.redirectUrl);
  const urlWasPresent = urlWasPresentAfterWrite({ presentBeforeWrite, url: next.redirectUrl, previous: record });
  const request = mergeRedirectUrl(linking, next.redirectUrl, next.clientSecret).request;
  const secretKnown = previous?.clientSecret !== undefined && previous.clientSecret === next.clientSecret;
  const unchanged = secretKnown && canonical(request) === canonical(toAccountLinkingRequest(current, next.clientSecret));
  return { request, urlWasPresent, unchanged };
}

/**
 * The write for delete, or undefined when the URL is gone already. Only for a URL this resource
 * added: the caller asks src/shared/ownership.ts first and makes no call at all for a URL that is
 * not its own. Delete never removes the account linking itself, which would unlink every user of
 * the skill.
 */
export function planDelete(current: AccountLinking, recorded: { redirectUrl: string; clientSecret: string }): AccountLinking | undefined {
  const { request, removed } = unmergeRedirectUrl(current, recorded.redirectUrl, recorded.clientSecret);
  return removed ? request : undefined;
}

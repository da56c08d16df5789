import { canonicalJson as canonical } from "../shared/json";
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
  urlWasPresent: boolean;
  /** The client secret that write sent. */
  clientSecret?: string;
}

/**
 * The write for create (no `previous`) and update. A changed redirect URL moves: the old one is
 * removed unless it was there before this resource. For an unchanged URL, `urlWasPresent` stays
 * true only while the URL is still there: once someone removed it and this resource re-adds it,
 * the URL is this resource's to remove.
 */
export function planWrite(
  current: AccountLinking,
  next: { redirectUrl: string; clientSecret: string },
  previous?: PreviousWrite,
): WritePlan {
  const sameUrl = previous !== undefined && previous.redirectUrl === next.redirectUrl;
  let linking = current;
  if (previous && !sameUrl && !previous.urlWasPresent) {
    linking = unmergeRedirectUrl(linking, previous.redirectUrl, next.clientSecret).request;
  }
  const present = hasRedirectUrl(linking, next.redirectUrl);
  const urlWasPresent = sameUrl ? previous.urlWasPresent && present : present;
  const request = mergeRedirectUrl(linking, next.redirectUrl, next.clientSecret).request;
  const secretKnown = previous?.clientSecret !== undefined && previous.clientSecret === next.clientSecret;
  const unchanged = secretKnown && canonical(request) === canonical(toAccountLinkingRequest(current, next.clientSecret));
  return { request, urlWasPresent, unchanged };
}

/**
 * The write for delete, or undefined when nothing is to be written: the URL was there before
 * this resource, or is gone already. Delete never removes the account linking itself, which
 * would unlink every user of the skill.
 */
export function planDelete(
  current: AccountLinking,
  recorded: PreviousWrite & { clientSecret: string },
): AccountLinking | undefined {
  if (recorded.urlWasPresent) return undefined;
  const { request, removed } = unmergeRedirectUrl(current, recorded.redirectUrl, recorded.clientSecret);
  return removed ? request : undefined;
}

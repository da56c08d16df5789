/**
 * The one rule for following a paged listing (Cognito ListUserPools / ListUserPoolClients, API
 * Gateway GetRestApis / GetResources): a bounded number of pages, and a token seen before ends
 * the listing with an error. An endpoint that always answers with a next-page token (a broken
 * emulator or proxy, or a hostile one) would otherwise be paged forever.
 */

/** Pages followed at most: 100 pages of 60 user pools is six times Cognito's quota of 1,000. */
export const MAX_PAGES = 100;

/** What a listing is, for its messages. */
export interface Listing {
  /** The API operation, e.g. "ListUserPools". */
  operation: string;
  /** Where it lists, e.g. "region eu-west-1". */
  where: string;
  /** How to do without the listing, e.g. "set cognito.userPoolId and cognito.clientId". */
  skip: string;
}

/**
 * The token to ask for next, or undefined when the listing is complete. `seen` holds the tokens
 * already followed and is appended to. Throws when the token repeats or the bound is reached.
 */
export function nextPageToken(
  listing: Listing,
  seen: string[],
  token: string | undefined | null,
  maxPages = MAX_PAGES,
): string | undefined {
  if (token === undefined || token === null || token === "") return undefined;
  const fix = `Fix: check the endpoint override (an emulator or proxy may be broken), or ${listing.skip} to skip the listing.`;
  if (seen.includes(token)) {
    throw new Error(
      `${listing.operation} in ${listing.where} answered a next-page token it had given before (after ` +
        `${seen.length + 1} pages): the endpoint pages in a loop, so the listing was stopped. ${fix}`,
    );
  }
  if (seen.length + 1 >= maxPages) {
    throw new Error(
      `${listing.operation} in ${listing.where} still had more after ${maxPages} pages, more than any real ` +
        `account holds, so the listing was stopped. ${fix}`,
    );
  }
  seen.push(token);
  return token;
}

/**
 * Requests one whole lookup may make, every listing together (a bound per listing alone
 * multiplies: 100 pool pages x 60 pools x 100 client pages). Cognito holds at most 1,000 user
 * pools per region: 17 pages of pools plus one page of clients per pool is 1,017 requests.
 */
export const MAX_LOOKUP_REQUESTS = 1_100;

/** The longest one whole lookup may take, between its requests (each request has its own deadline too). */
export const MAX_LOOKUP_MS = 300_000;

/** What one lookup has spent; `spend` is called before each request. */
export interface LookupBudget {
  requests: number;
  startedAt: number;
  maxRequests: number;
  maxMs: number;
}

export const newLookupBudget = (now: number, maxRequests = MAX_LOOKUP_REQUESTS, maxMs = MAX_LOOKUP_MS): LookupBudget => ({
  requests: 0,
  startedAt: now,
  maxRequests,
  maxMs,
});

/** Counts one more request of the lookup; throws when the lookup has used its requests or its time. */
export function spendRequest(budget: LookupBudget, listing: Listing, now: number): void {
  const fix = `Fix: check the endpoint override (an emulator or proxy may be broken), or ${listing.skip} to skip the listing.`;
  if (budget.requests >= budget.maxRequests) {
    throw new Error(
      `the lookup stopped before ${listing.operation} in ${listing.where}: it had made ${budget.requests} requests, the most one lookup ` +
        `makes (more than any real account needs). ${fix}`,
    );
  }
  if (now - budget.startedAt > budget.maxMs) {
    throw new Error(
      `the lookup stopped before ${listing.operation} in ${listing.where}: it had run for ${Math.round((now - budget.startedAt) / 1000)} s, ` +
        `longer than the ${Math.round(budget.maxMs / 1000)} s one lookup may take. ${fix}`,
    );
  }
  budget.requests++;
}

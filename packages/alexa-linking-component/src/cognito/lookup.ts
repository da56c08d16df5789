import { CognitoIdentityProviderClient, ListUserPoolClientsCommand, ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { type Listing, type LookupBudget, newLookupBudget, nextPageToken, spendRequest } from "../shared/paging";
import { safeErrorName, sdkErrorSummary, signingSecrets } from "../shared/sdkClient";

/** A user pool and its app clients, as listed. */
export interface PoolListing {
  userPoolId: string;
  userPoolName?: string;
  clients: { clientId: string; clientName?: string }[];
}

export interface ClientWanted {
  userPoolId?: string;
  /** Defaulted where the inputs enter (withCallbackUrlDefaults). */
  clientName: string;
  clientId?: string;
}

export interface ClientFound {
  userPoolId: string;
  clientId: string;
}

const describePool = (p: PoolListing): string => (p.userPoolName ? `${p.userPoolId} (${p.userPoolName})` : p.userPoolId);

/**
 * Picks the one app client that `wanted` designates among the listed pools (only the pool
 * `wanted.userPoolId` when it is given). A client id wins over the name. Zero or several matches
 * throw a message that lists what was found and which argument chooses.
 */
export function chooseClient(pools: PoolListing[], wanted: ClientWanted, region: string): ClientFound {
  const { clientName } = wanted;
  const searched = wanted.userPoolId ? pools.filter((p) => p.userPoolId === wanted.userPoolId) : pools;
  if (wanted.userPoolId && searched.length === 0) {
    const others = pools.map(describePool).join(", ") || "none";
    throw new Error(
      `cognito.userPoolId "${wanted.userPoolId}" was not found in region ${region} (pools there: ` +
        `${others}). Check the id and that the AWS provider's region is the RainMaker region.`,
    );
  }
  const matches = searched.flatMap((pool) =>
    pool.clients
      .filter((c) => (wanted.clientId ? c.clientId === wanted.clientId : c.clientName === clientName))
      .map((c) => ({ pool, client: c })),
  );
  const scope = wanted.userPoolId ? `user pool ${wanted.userPoolId}` : `any user pool of region ${region}`;
  if (matches.length === 1) {
    return { userPoolId: matches[0].pool.userPoolId, clientId: matches[0].client.clientId };
  }
  if (matches.length === 0) {
    const seen = searched
      .map((p) => `${describePool(p)}: ${p.clients.map((c) => c.clientName ?? c.clientId).join(", ") || "no clients"}`)
      .join("; ");
    const what = wanted.clientId ? `app client with cognito.clientId "${wanted.clientId}"` : `app client named "${clientName}"`;
    return fail(
      `Found no ${what} in ${scope}. Found: ${seen || "no user pools"}. ` +
        `Set cognito.clientName or cognito.clientId to the RainMaker Alexa client, and ` +
        `cognito.userPoolId to its pool if the region holds several.`,
    );
  }
  const listed = matches.map((m) => `client ${m.client.clientId} in pool ${describePool(m.pool)}`).join("; ");
  return fail(
    `Found ${matches.length} app clients named "${clientName}" in ${scope}: ${listed}. ` +
      (wanted.userPoolId
        ? `Choose one with cognito.clientId.`
        : `Choose one with cognito.userPoolId (and cognito.clientId if one pool holds several).`),
  );
}

function fail(message: string): never {
  throw new Error(message);
}

/** How one lookup runs: its budget (src/shared/paging.ts) and the secrets no message may show. */
export interface LookupContext {
  budget?: LookupBudget;
  /** Secrets given to the client (static credentials); the ones it resolved itself are added on failure. */
  secrets?: readonly string[];
  now?: () => number;
}

/**
 * One listing request: counted against the lookup's budget, and on failure an error that names
 * the operation and shows the SDK's text redacted with every credential the client signed with
 * (given or from the default chain) and cut, whatever the endpoint put in its answer.
 */
async function listingCall<T>(
  client: CognitoIdentityProviderClient,
  listing: Listing,
  context: Required<Pick<LookupContext, "budget" | "now">> & LookupContext,
  run: () => Promise<T>,
): Promise<T> {
  spendRequest(context.budget, listing, context.now());
  try {
    return await run();
  } catch (err) {
    const secrets = await signingSecrets(client, context.secrets ?? []);
    const said = sdkErrorSummary(err, secrets);
    const wrapped = new Error(`Cognito ${listing.operation} in ${listing.where} failed: ${said}. To skip the listing, ${listing.skip}.`);
    wrapped.name = safeErrorName(err, secrets);
    throw wrapped;
  }
}

/**
 * Lists the region's user pools, every page, with the app clients of each (of `userPoolId` only,
 * when given: the other pools are listed without clients, to name them in errors). The pages
 * followed are bounded per listing and a repeated token stops it; the whole lookup is bounded in
 * requests and time (src/shared/paging.ts).
 */
export async function listPools(
  client: CognitoIdentityProviderClient,
  userPoolId?: string,
  region = "this region",
  lookup: LookupContext = {},
): Promise<PoolListing[]> {
  const now = lookup.now ?? Date.now;
  const context = { ...lookup, now, budget: lookup.budget ?? newLookupBudget(now()) };
  const pools: PoolListing[] = [];
  const skip = "set cognito.userPoolId and cognito.clientId";
  let NextToken: string | undefined;
  const poolTokens: string[] = [];
  const poolListing: Listing = { operation: "ListUserPools", where: `region ${region}`, skip };
  do {
    const page = await listingCall(client, poolListing, context, () =>
      client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken })),
    );
    for (const p of page.UserPools ?? []) {
      if (p.Id) pools.push({ userPoolId: p.Id, userPoolName: p.Name, clients: [] });
    }
    NextToken = nextPageToken(poolListing, poolTokens, page.NextToken);
  } while (NextToken);
  for (const pool of pools) {
    if (userPoolId && pool.userPoolId !== userPoolId) continue;
    let ClientsToken: string | undefined;
    const clientTokens: string[] = [];
    const clientListing: Listing = { operation: "ListUserPoolClients", where: `user pool ${pool.userPoolId}`, skip };
    do {
      const page = await listingCall(client, clientListing, context, () =>
        client.send(new ListUserPoolClientsCommand({ UserPoolId: pool.userPoolId, MaxResults: 60, NextToken: ClientsToken })),
      );
      for (const c of page.UserPoolClients ?? []) {
        if (c.ClientId) pool.clients.push({ clientId: c.ClientId, clientName: c.ClientName });
      }
      ClientsToken = nextPageToken(clientListing, clientTokens, page.NextToken);
    } while (ClientsToken);
  }
  return pools;
}

/** Resolves the app client: straight from the arguments when both ids are given, else by listing. */
export async function findClient(
  client: CognitoIdentityProviderClient,
  wanted: ClientWanted,
  region: string,
  lookup: LookupContext = {},
): Promise<ClientFound> {
  if (wanted.userPoolId && wanted.clientId) return { userPoolId: wanted.userPoolId, clientId: wanted.clientId };
  return chooseClient(await listPools(client, wanted.userPoolId, region, lookup), wanted, region);
}

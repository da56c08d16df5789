import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolClientRequest,
  UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import { assertCallbackUrl } from "./callbackUrl";
import { CognitoConnection, CognitoProviderOptions, createCognitoClient, staticCredentialsOf } from "./client";
import { addedByThisStack, urlToRemoveOnMove, urlWasPresentAfterWrite, type UrlRecord } from "../shared/ownership";
import { DEFAULT_WRITE_ROUNDS, writeUntilItSticks, type WriteOutcome } from "../shared/retry";
import { MAX_FAILURE_TEXT } from "../shared/secrets";
import { safeErrorName, sdkErrorSummary, signingSecrets } from "../shared/sdkClient";
import { ClientFound, findClient } from "./lookup";
import { hasCallbackUrl, missingSecretProblem, planCallbackUrlRemoval, planCallbackUrlWrite, sameClientConfiguration } from "./merge";
import type { CallbackUrlInputs, CallbackUrlOutputs } from "./types";

export const isNotFound = (err: unknown): boolean => (err as { name?: string } | undefined)?.name === "ResourceNotFoundException";

/**
 * Adds the operation and the client to an SDK error. The SDK's own messages carry no secrets, but
 * an endpoint's may (a hostile one could echo the request's session token): the message is
 * redacted with every credential the client signed with (static, or from the default chain) and
 * cut, and the SDK's deserialization hint dropped (src/shared/sdkClient.ts).
 */
function contextError(op: string, found: ClientFound, region: string, err: unknown, secrets: readonly string[] = []): Error {
  const said = sdkErrorSummary(err, secrets, MAX_FAILURE_TEXT);
  const hint = isNotFound(err) ? ` Check cognito.userPoolId and cognito.clientId (or cognito.clientName), and the region.` : "";
  const wrapped = new Error(
    `Cognito ${op} of app client ${found.clientId} in user pool ${found.userPoolId} ` + `(region ${region}) failed: ${said}.${hint}`,
  );
  wrapped.name = safeErrorName(err, secrets);
  return wrapped;
}

// Not named `describe`: under jest that name is a global, and Pulumi's closure serializer skips
// globals, so a provider serialized in a test would lose this function.
async function describeClient(client: CognitoIdentityProviderClient, found: ClientFound, region: string, secrets: readonly string[]) {
  try {
    const out = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: found.userPoolId, ClientId: found.clientId }));
    if (!out.UserPoolClient) throw Object.assign(new Error("empty answer"), { name: "ResourceNotFoundException" });
    return out.UserPoolClient;
  } catch (err) {
    throw contextError("DescribeUserPoolClient", found, region, err, await signingSecrets(client, secrets));
  }
}

async function update(
  client: CognitoIdentityProviderClient,
  found: ClientFound,
  region: string,
  request: UpdateUserPoolClientRequest,
  secrets: readonly string[],
) {
  try {
    await client.send(new UpdateUserPoolClientCommand(request));
  } catch (err) {
    throw contextError("UpdateUserPoolClient", found, region, err, await signingSecrets(client, secrets));
  }
}

/**
 * Where the inputs or the state say Cognito is; an empty endpoint or profile means the default.
 * Static credentials come from the resource's (secret) inputs or state; a provider serialized
 * before they moved there still carries them in its options, which createCognitoClient falls
 * back to.
 */
const connectionOf = (s: CallbackUrlInputs): CognitoConnection => ({
  region: s.region,
  endpoint: s.endpoint || undefined,
  profile: s.profile || undefined,
  credentials: staticCredentialsOf(s.credentials),
});

/** The static credentials' secret parts, which no message may show. */
function secretsOf(conn: CognitoConnection, options: CognitoProviderOptions): string[] {
  const credentials = conn.credentials ?? options.credentials;
  return [credentials?.secretAccessKey, credentials?.sessionToken].filter((s): s is string => typeof s === "string" && s !== "");
}

/**
 * UpdateUserPoolClient has no condition (no ETag): a whole-configuration update planned from an
 * older read would silently revert an owner's change made since. So the client is read once more
 * right before each write, and the write goes only if that read shows what the plan was made
 * from; otherwise the round is planned again from the newer read.
 */
const conditionalUpdate =
  (describeNow: () => Promise<UserPoolClientType>, write: (request: UpdateUserPoolClientRequest) => Promise<void>) =>
  async (request: UpdateUserPoolClientRequest, planned: UserPoolClientType): Promise<WriteOutcome<UserPoolClientType>> => {
    const now = await describeNow();
    if (!sameClientConfiguration(planned, now)) return { conflict: true, current: now };
    await write(request);
    return { written: true };
  };

/** Who else changes the client while this runs, in the messages. */
const changedTooOften = (found: ClientFound, what: string) => (n: number) =>
  `App client ${found.clientId} in user pool ${found.userPoolId} changed between reading it and writing ` +
  `it ${n} times in a row: another writer (the RainMaker stack, the console) is changing it right now. ` +
  `Nothing was written, so none of its changes was undone. Fix: run the ${what} again once that writer has finished.`;

/** Drops undefined values: the engine's property structs cannot hold them. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

function outputs(inputs: CallbackUrlInputs, found: ClientFound, described: UserPoolClientType, urlWasPresent: boolean): CallbackUrlOutputs {
  return compact({
    ...inputs,
    endpoint: inputs.endpoint || undefined,
    userPoolId: found.userPoolId,
    clientId: found.clientId,
    clientName: described.ClientName ?? inputs.clientName ?? "",
    clientSecret: described.ClientSecret ?? "",
    urlWasPresent,
    callbackUrlPresent: hasCallbackUrl(described, inputs.redirectUrl),
  });
}

/**
 * Create (no `olds`) or update: puts `inputs.redirectUrl` into the client's callback URLs and, on
 * a changed URL, takes the old one out if this resource had added it.
 */
export async function putCallbackUrl(
  inputs: CallbackUrlInputs,
  olds: CallbackUrlOutputs | undefined,
  options: CognitoProviderOptions,
): Promise<CallbackUrlOutputs> {
  assertCallbackUrl(inputs.redirectUrl, "redirectUrl");
  const url = inputs.redirectUrl;
  const region = inputs.region;
  const conn = connectionOf(inputs);
  const secrets = secretsOf(conn, options);
  const client = createCognitoClient(conn, options);
  try {
    const found: ClientFound = olds
      ? { userPoolId: olds.userPoolId, clientId: olds.clientId }
      : await findClient(client, inputs, region, { secrets });
    const previous: UrlRecord | undefined = olds && { url: olds.redirectUrl, urlWasPresent: olds.urlWasPresent };
    const removeUrl = urlToRemoveOnMove(previous, url);
    const describeNow = () => describeClient(client, found, region, secrets);
    const result = await writeUntilItSticks({
      read: describeNow,
      plan: (described) => {
        const problem = missingSecretProblem(described);
        if (problem) throw new Error(problem);
        return planCallbackUrlWrite(described, url, removeUrl).request;
      },
      write: conditionalUpdate(describeNow, (request) => update(client, found, region, request, secrets)),
      checkAfterWrite: true,
      rounds: options.writeRounds ?? DEFAULT_WRITE_ROUNDS,
      conflicted: changedTooOften(found, "update"),
      gaveUp: (n) =>
        `redirectUrl "${url}" did not stay in the callback URLs of app client ${found.clientId} ` +
        `in user pool ${found.userPoolId} after ${n} writes: another writer keeps replacing the ` +
        `client's configuration. Run the update again once it has finished.`,
    });
    const urlWasPresent = urlWasPresentAfterWrite({ presentBeforeWrite: hasCallbackUrl(result.first, url), url, previous });
    return outputs(inputs, found, result.last, urlWasPresent);
  } finally {
    client.destroy();
  }
}

/**
 * Delete: takes the URL out only if this resource put it there. A client or pool that no longer
 * exists has nothing left to remove.
 */
export async function removeCallbackUrl(state: CallbackUrlOutputs, options: CognitoProviderOptions): Promise<void> {
  // A URL that was there before this resource is not this resource's to remove: no call at all.
  if (!addedByThisStack(state)) return;
  const found = { userPoolId: state.userPoolId, clientId: state.clientId };
  const conn = connectionOf(state);
  const secrets = secretsOf(conn, options);
  const client = createCognitoClient(conn, options);
  try {
    const describeNow = () => describeClient(client, found, state.region, secrets);
    await writeUntilItSticks({
      read: describeNow,
      plan: (described) => planCallbackUrlRemoval(described, state.redirectUrl).request,
      write: conditionalUpdate(describeNow, (request) => update(client, found, state.region, request, secrets)),
      checkAfterWrite: true,
      rounds: options.writeRounds ?? DEFAULT_WRITE_ROUNDS,
      conflicted: changedTooOften(found, "destroy"),
      gaveUp: (n) =>
        `Callback URL "${state.redirectUrl}" came back on app client ${found.clientId} in user ` +
        `pool ${found.userPoolId} after ${n} removals: another writer keeps restoring it. ` +
        `Run the destroy again once it has finished.`,
    });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  } finally {
    client.destroy();
  }
}

/**
 * Refresh: the client as it is now. A wiped URL shows as `callbackUrlPresent: false`, which the
 * next diff turns into an update that re-adds it; a client that is gone ends this resource.
 */
export async function readCallbackUrl(state: CallbackUrlOutputs, options: CognitoProviderOptions): Promise<CallbackUrlOutputs | undefined> {
  const found = { userPoolId: state.userPoolId, clientId: state.clientId };
  const conn = connectionOf(state);
  const client = createCognitoClient(conn, options);
  try {
    const described = await describeClient(client, found, state.region, secretsOf(conn, options));
    return outputs(state, found, described, state.urlWasPresent);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  } finally {
    client.destroy();
  }
}

import type * as pulumi from "@pulumi/pulumi";
import { staticCredentialsOf } from "./client";
import type { CallbackUrlInputs, CallbackUrlOutputs } from "./types";

const blankToUndefined = (v: unknown): unknown => (v === "" || v === null ? undefined : v);

/**
 * Compares the state with new inputs. Another app client (region, pool, id or name) means this
 * resource is replaced: its URL is taken out of the old client before it goes into the new one,
 * so the same client reached another way never loses it. A new redirect URL, version, endpoint
 * or profile is an in-place update; so is drift (the URL wiped since the last refresh), and so
 * are new static credentials: recorded, so refresh and destroy run with the current ones.
 * Both sides come with the defaults applied (`withCallbackUrlDefaults`).
 */
export function diffCallbackUrl(olds: Partial<CallbackUrlOutputs>, news: CallbackUrlInputs): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (olds.region !== news.region) replaces.push("region");
  if (news.userPoolId && news.userPoolId !== olds.userPoolId) replaces.push("userPoolId");
  if (news.clientId && news.clientId !== olds.clientId) replaces.push("clientId");
  // Both sides carry the client name: check fills in the default, and the provider's entry
  // module applies it to state recorded without one (src/providers/cognitoCallbackUrl.ts).
  if (!news.clientId && news.clientName !== olds.clientName) {
    replaces.push("clientName");
  }
  const updates = (["redirectUrl", "version", "endpoint", "profile"] as const).filter(
    (k) => blankToUndefined(olds[k]) !== blankToUndefined(news[k]),
  );
  const drift = olds.callbackUrlPresent === false;
  const credentials = !sameCredentials(olds.credentials, news.credentials);
  return {
    changes: replaces.length > 0 || updates.length > 0 || drift || credentials,
    replaces,
    deleteBeforeReplace: replaces.length > 0,
  };
}

/** Same static credentials (or none on both sides); compares values, never shows them. */
export function sameCredentials(a: unknown, b: unknown): boolean {
  const x = staticCredentialsOf(a);
  const y = staticCredentialsOf(b);
  return x?.accessKeyId === y?.accessKeyId && x?.secretAccessKey === y?.secretAccessKey && x?.sessionToken === y?.sessionToken;
}

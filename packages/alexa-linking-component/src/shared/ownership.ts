/**
 * Who owns the URL: the package's key safety rule, once. This stack removes only the URL it
 * added. A URL that was on the Cognito client or the skill before this stack wrote it belongs to
 * whoever put it there, and stays, on a move to another URL and on destroy.
 *
 * Both resources record the answer as `urlWasPresent` (true: it was there before, not ours;
 * false: this stack added it). The field name is kept in state for compatibility.
 */

/** What a resource recorded about the URL it wrote. */
export interface UrlRecord {
  url: string;
  /** Recorded after each write; undefined only in a state that never recorded it. */
  urlWasPresent?: boolean;
}

/**
 * Whether this stack added the URL and so may take it out. Only a recorded `false` says so: an
 * unrecorded answer keeps the URL, since removing someone else's URL unlinks their users.
 */
export const addedByThisStack = (record: { urlWasPresent?: boolean }): boolean => record.urlWasPresent === false;

/**
 * The earlier URL an update takes out when the URL moves to `url`: only when it changed, and only
 * one this stack added.
 */
export function urlToRemoveOnMove(previous: UrlRecord | undefined, url: string): string | undefined {
  return previous !== undefined && previous.url !== url && addedByThisStack(previous) ? previous.url : undefined;
}

/**
 * `urlWasPresent` to record after writing `url`: it belongs to someone else only if it was there
 * before this stack ever touched it and still is. For the same URL as before, the earlier answer
 * holds while the URL stayed; a URL that was wiped and is re-added is ours.
 */
export function urlWasPresentAfterWrite(args: { presentBeforeWrite: boolean; url: string; previous?: UrlRecord }): boolean {
  if (!args.presentBeforeWrite) return false;
  const { previous } = args;
  if (previous !== undefined && previous.url === args.url && previous.urlWasPresent !== undefined) return previous.urlWasPresent;
  return true;
}

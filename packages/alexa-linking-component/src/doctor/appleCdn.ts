import type { FetchOutcome } from "../verify/fetchFile";
import { serverText } from "../shared/secrets";
import { isObject } from "../stackOutputs";
import { CheckResult, failed, passed, warned } from "./result";
import { endpointUrl, OurFile, PLATFORM_FLAGS, PlatformProbeSettings, probeGet, unreachable } from "./platforms";

export const APPLE_CDN_CHECK = "apple CDN";

/** The URL of Apple's copy of a host's file: `<endpoint>/a/v1/<host>`. */
export const appleCdnUrl = (endpoint: string, redirectHost: string): string => endpointUrl(endpoint, `/a/v1/${redirectHost}`);

/** What iOS acts on in a file: each applinks entry as its app IDs and its components (or legacy paths). */
export interface AppleLinks {
  appIds: string[];
  /** One canonical text per entry: `<app IDs> -> <components>`, sorted. */
  entries: string[];
}

/** The applinks of a file's text, or undefined when it is not an apple-app-site-association. */
export function appleLinksOf(body: string): AppleLinks | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const details = isObject(value) && isObject(value.applinks) ? value.applinks.details : undefined;
  if (!Array.isArray(details)) return undefined;
  const appIds: string[] = [];
  const entries: string[] = [];
  for (const detail of details) {
    if (!isObject(detail)) continue;
    const ids = (Array.isArray(detail.appIDs) ? detail.appIDs : typeof detail.appID === "string" ? [detail.appID] : []).filter(
      (id): id is string => typeof id === "string",
    );
    appIds.push(...ids);
    const patterns = detail.components ?? detail.paths ?? [];
    entries.push(`${[...ids].sort().join(", ")} -> ${JSON.stringify(patterns)}`);
  }
  return { appIds: [...new Set(appIds)].sort(), entries: entries.sort() };
}

/** How much of the CDN's text (its app IDs, its entries) a line shows. */
const MAX_CDN_TEXT = 200;

/** Text read from Apple's CDN as a line shows it: control characters dropped, capped. */
const cdnText = (text: string): string => serverText(text, [], MAX_CDN_TEXT);

const idList = (list: string[]): string => (list.length === 0 ? "none" : list.join(", "));

/** How Apple's copy differs from ours, or undefined when iOS would act the same on both. */
export function appleLinksDifference(cdn: AppleLinks, ours: AppleLinks): string | undefined {
  if (idList(cdn.appIds) !== idList(ours.appIds))
    return `app IDs: Apple's copy has ${cdnText(idList(cdn.appIds))}, ours has ${idList(ours.appIds)}`;
  if (cdn.entries.join("\n") !== ours.entries.join("\n")) {
    return `components: Apple's copy has ${cdnText(cdn.entries.join("; "))}, ours has ${ours.entries.join("; ")}`;
  }
  return undefined;
}

const LAG =
  "Apple's CDN refreshes its copy on its own schedule (it can take days); devices installing or updating the app now get the CDN's copy, not the bucket's";

/**
 * Judges Apple's copy: ok when iOS would act on it as on ours; a warning when it is older or
 * different (Apple refreshes it on its own); a failure when it has none (404) although the
 * bucket serves ours.
 */
export function judgeAppleCdn(url: string, outcome: FetchOutcome, ours: OurFile | undefined, overridden: boolean): CheckResult {
  if (outcome.kind === "failure")
    return unreachable(APPLE_CDN_CHECK, "Apple's CDN", url, outcome.failure, PLATFORM_FLAGS.appleCdn, overridden);
  const { status, body, truncated } = outcome.response;
  if (status === 404) {
    if (ours?.served) {
      return failed(
        APPLE_CDN_CHECK,
        `${url} answers 404: Apple's CDN has no apple-app-site-association for this host although the bucket serves ours, so iOS opens the redirect URL in Safari, not the app. ` +
          "Fix: Apple's CDN fetches https://<host>/.well-known/apple-app-site-association itself: keep it public over valid HTTPS with no redirect and no firewall or bot rule refusing Apple's fetcher (user agent AASA-Bot), then check again in a day",
      );
    }
    return warned(
      APPLE_CDN_CHECK,
      `${url} answers 404: Apple's CDN has no file for this host, and the bucket does not serve ours either (see the ios file line). Fix: get the ios file line to ok first; Apple's CDN then fetches it`,
    );
  }
  if (status !== 200) {
    return warned(
      APPLE_CDN_CHECK,
      `${url} answers HTTP ${status}${status >= 300 && status < 400 ? " (a redirect, not followed)" : ""}: nothing is known of Apple's copy. Fix: run doctor again later` +
        (overridden ? `, or check --${PLATFORM_FLAGS.appleCdn}` : ""),
    );
  }
  const cdn = truncated ? undefined : appleLinksOf(body);
  if (cdn === undefined) {
    return warned(
      APPLE_CDN_CHECK,
      `${url} answers 200, but ${truncated ? "with a body over the size limit" : "not with an apple-app-site-association (no applinks.details)"}. ${LAG}. Fix: wait for Apple's refresh`,
    );
  }
  const mine = ours?.body === undefined ? undefined : appleLinksOf(ours.body);
  if (mine === undefined) {
    return warned(
      APPLE_CDN_CHECK,
      `${url} has a file with app IDs ${cdnText(idList(cdn.appIds))}, but ours is not known to compare it with (the bucket did not serve it). Fix: get the ios file line to ok, or pass --stack`,
    );
  }
  const difference = appleLinksDifference(cdn, mine);
  if (difference !== undefined) {
    return warned(
      APPLE_CDN_CHECK,
      `${url} has an older or a different file: ${difference}. ${LAG}. Fix: none needed but waiting; check again later`,
    );
  }
  return passed(APPLE_CDN_CHECK, `${url} has our file (app IDs ${cdnText(idList(cdn.appIds))}, the same components)`);
}

/** GETs Apple's copy now; judges it once `ours` is known (the ios file line has run). */
export async function checkAppleCdn(
  redirectHost: string,
  ours: Promise<OurFile | undefined>,
  settings: PlatformProbeSettings,
): Promise<CheckResult> {
  const url = appleCdnUrl(settings.appleCdn, redirectHost);
  const outcome = await probeGet(url, settings);
  return judgeAppleCdn(url, outcome, await ours, settings.overridden.appleCdn);
}

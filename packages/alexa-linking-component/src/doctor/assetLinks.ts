import { HANDLE_ALL_URLS } from "../associations/android";
import { serverText } from "../shared/secrets";
import { isObject } from "../stackOutputs";
import type { FetchOutcome } from "../verify/fetchFile";
import { CheckResult, failed, passed, warned } from "./result";
import { endpointUrl, OurFile, PLATFORM_FLAGS, PlatformProbeSettings, probeGet, unreachable } from "./platforms";

export const ASSET_LINKS_CHECK = "google asset links";

/**
 * Google's Digital Asset Links API lists the statements Android's verifier reads for a site:
 * `GET /v1/statements:list?source.web.site=<site>&relation=<relation>` answers
 * `{"statements": [{"source", "relation", "target": {"androidApp": {"packageName",
 * "certificate": {"sha256Fingerprint"}}}}], "maxAge", "debugString"}`, one statement per
 * package and fingerprint (there is no statements:check method).
 */
export function assetLinksUrl(endpoint: string, site: string): string {
  return endpointUrl(
    endpoint,
    `/v1/statements:list?source.web.site=${encodeURIComponent(site)}&relation=${encodeURIComponent(HANDLE_ALL_URLS)}`,
  );
}

/** One app as Android verifies it: a package name and one signing certificate's SHA-256. */
export interface AppKey {
  packageName: string;
  fingerprint: string;
}

const keyText = (k: AppKey): string => `${k.packageName} ${k.fingerprint.toUpperCase()}`;

/** The package/fingerprint pairs an assetlinks.json grants handle_all_urls, or undefined when it is not one. */
export function ourAppKeys(body: string): AppKey[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  const keys: AppKey[] = [];
  for (const statement of value) {
    if (!isObject(statement) || !Array.isArray(statement.relation) || !statement.relation.includes(HANDLE_ALL_URLS)) continue;
    const target = statement.target;
    if (!isObject(target) || typeof target.package_name !== "string" || !Array.isArray(target.sha256_cert_fingerprints)) continue;
    for (const fingerprint of target.sha256_cert_fingerprints)
      if (typeof fingerprint === "string") keys.push({ packageName: target.package_name, fingerprint });
  }
  return keys;
}

/** The pairs Google's reply lists (`statements[].target.androidApp`), or undefined when the reply has no statements list. */
export function googleAppKeys(body: string): { keys: AppKey[]; debug?: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const statements = value.statements ?? [];
  if (!Array.isArray(statements)) return undefined;
  const keys: AppKey[] = [];
  for (const statement of statements) {
    const app = isObject(statement) && isObject(statement.target) ? statement.target.androidApp : undefined;
    if (!isObject(app) || typeof app.packageName !== "string") continue;
    const fingerprint = isObject(app.certificate) ? app.certificate.sha256Fingerprint : undefined;
    if (typeof fingerprint === "string") keys.push({ packageName: app.packageName, fingerprint });
  }
  const debug = typeof value.debugString === "string" && /error/i.test(value.debugString) ? value.debugString : undefined;
  return debug === undefined ? { keys } : { keys, debug };
}

/** Google's own reason in an error reply (`error.message`), for the line. */
function googleError(body: string): string | undefined {
  try {
    const value = JSON.parse(body) as { error?: { message?: unknown } };
    return typeof value.error?.message === "string" ? value.error.message : undefined;
  } catch {
    return undefined;
  }
}

/** Google's debugString, cut to its first error line: what it could not read. */
const debugNote = (debug: string | undefined): string => {
  if (debug === undefined) return "";
  const line = debug.split("\n").find((l) => /error/i.test(l) && !/^\**\s*errors\s*\**$/i.test(l.trim())) ?? debug;
  return ` Google says: ${serverText(line.trim(), [], 200)}.`;
};

const FIX_MISSING =
  "Fix: a missing Play App Signing fingerprint is the classic cause: add the app signing key's SHA-256 " +
  "(Play Console > Test and release > App integrity > App signing key certificate) to the stack's Android fingerprints and deploy; " +
  "when assetlinks.json already lists it, Google's copy is older (its maxAge): check again later";

/**
 * Every package and fingerprint of the stack must be among the statements Google sees for the
 * site; a failure names each missing one.
 */
export function judgeAssetLinks(
  url: string,
  site: string,
  outcome: FetchOutcome,
  ours: OurFile | undefined,
  overridden: boolean,
): CheckResult {
  if (outcome.kind === "failure")
    return unreachable(ASSET_LINKS_CHECK, "Google's Digital Asset Links API", url, outcome.failure, PLATFORM_FLAGS.assetLinks, overridden);
  const { status, body, truncated } = outcome.response;
  if (status !== 200) {
    const reason = googleError(body);
    return warned(
      ASSET_LINKS_CHECK,
      `${url} answers HTTP ${status}${reason ? ` (${serverText(reason, [], 200)})` : ""}: nothing is known of what Google sees for ${site}. Fix: run doctor again later` +
        (overridden ? `, or check --${PLATFORM_FLAGS.assetLinks}` : ""),
    );
  }
  const google = truncated ? undefined : googleAppKeys(body);
  if (google === undefined) {
    return warned(
      ASSET_LINKS_CHECK,
      `${url} answers 200, but ${truncated ? "with a body over the size limit" : "not with a statements list"}: nothing is known of what Google sees. Fix: run doctor again later` +
        (overridden ? `, or check --${PLATFORM_FLAGS.assetLinks}` : ""),
    );
  }
  const mine = ours?.body === undefined ? undefined : ourAppKeys(ours.body);
  const seen = new Set(google.keys.map(keyText));
  const seenText = google.keys.length === 0 ? "no statement" : [...seen].join(", ");
  if (mine === undefined || mine.length === 0) {
    return warned(
      ASSET_LINKS_CHECK,
      `Google sees ${seenText} for ${site}, but the stack's apps are not known to compare with (the bucket did not serve assetlinks.json). Fix: get the android file line to ok, or pass --stack`,
    );
  }
  const missing = mine.filter((k) => !seen.has(keyText(k)));
  if (missing.length > 0) {
    return failed(
      ASSET_LINKS_CHECK,
      `Google's Digital Asset Links does not see ${missing.map((k) => `${k.packageName} with fingerprint ${k.fingerprint}`).join(", and ")} for ${site} ` +
        `(it sees ${seenText}), so Android does not verify the app link and the redirect opens the browser.${debugNote(google.debug)} ${FIX_MISSING}`,
    );
  }
  const packages = [...new Set(mine.map((k) => k.packageName))];
  return passed(
    ASSET_LINKS_CHECK,
    `Google sees ${packages.map((p) => `${p} (${mine.filter((k) => k.packageName === p).length} fingerprint${mine.filter((k) => k.packageName === p).length === 1 ? "" : "s"})`).join(", ")} for ${site}`,
  );
}

/** Lists what Google sees for the redirect URL's site now; judges it once `ours` is known. */
export async function checkAssetLinks(
  redirectURL: string,
  ours: Promise<OurFile | undefined>,
  settings: PlatformProbeSettings,
): Promise<CheckResult> {
  const site = new URL(redirectURL).origin;
  const url = assetLinksUrl(settings.assetLinks, site);
  const outcome = await probeGet(url, settings);
  return judgeAssetLinks(url, site, outcome, await ours, settings.overridden.assetLinks);
}

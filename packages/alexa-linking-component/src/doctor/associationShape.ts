import { showValue } from "../shared/errors";
import { HANDLE_ALL_URLS } from "../associations/android";
import { ASSOCIATION_KEYS, type Platform } from "../associations";
import { isNormalizedFingerprint } from "../associations/fingerprint";
import { isAppId, isPackageName } from "../associations/ids";
import { isObject } from "../stackOutputs";

/**
 * What can be known of a served association file without the rendered text: its location, its
 * JSON shape, and (iOS) whether it lets the redirect URL open the app. With the rendered text
 * (`--stack`), the body is compared exactly by src/verify instead of only shaped.
 */

export type { Platform };

export const FILE_KEYS = ASSOCIATION_KEYS;

/** The URL a platform's file must have: at the root of the redirect URL's host, under .well-known. */
export function expectedFileUrl(platform: Platform, redirectURL: string): string {
  return new URL(`/${FILE_KEYS[platform]}`, redirectURL).toString();
}

/**
 * Why the file URL in the stack outputs is not where devices look for it, or undefined. Devices
 * fetch `https://<redirect host>/.well-known/<file>`; a file anywhere else does not associate
 * the redirect URL with the app.
 */
export function fileLocationProblem(platform: Platform, url: string, redirectURL: string): string | undefined {
  const expected = expectedFileUrl(platform, redirectURL);
  if (url === expected) return undefined;
  return (
    `associationFileUrls.${platform} is ${url}, but devices look for the file of redirectURL ${redirectURL} at ${expected}. ` +
    `Fix: export associationFileUrls and redirectURL from the same AlexaAppLinking`
  );
}

export interface ShapeVerdict {
  problems: string[];
  /** What the file says, for the ok line (app ids or package names). */
  summary: string;
}

export function associationShape(platform: Platform, body: string, redirectURL: string): ShapeVerdict {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    return { problems: [`the body is not JSON: ${(err as Error).message}`], summary: "" };
  }
  return platform === "ios" ? appleShape(value, new URL(redirectURL).pathname) : androidShape(value);
}

/** apple-app-site-association: applinks.details with app IDs, and a component that takes the redirect path. */
export function appleShape(value: unknown, redirectPath: string): ShapeVerdict {
  const details = isObject(value) && isObject(value.applinks) ? value.applinks.details : undefined;
  if (!Array.isArray(details) || details.length === 0) {
    return {
      problems: ['it has no "applinks": {"details": [...]} with at least one entry, so iOS opens no app for any link'],
      summary: "",
    };
  }
  const problems: string[] = [];
  const appIds: string[] = [];
  let opensRedirect = false;
  details.forEach((detail: unknown, i) => {
    if (!isObject(detail)) {
      problems.push(`applinks.details[${i}] is not an object`);
      return;
    }
    const ids: unknown[] | undefined = Array.isArray(detail.appIDs)
      ? detail.appIDs
      : typeof detail.appID === "string"
        ? [detail.appID]
        : undefined;
    if (!ids || ids.length === 0) {
      problems.push(`applinks.details[${i}] has no appIDs`);
      return;
    }
    const bad = ids.filter((id) => typeof id !== "string" || !isAppId(id));
    if (bad.length > 0) problems.push(`applinks.details[${i}].appIDs has ${bad.map(showValue).join(", ")}, not <Team ID>.<bundle ID>`);
    appIds.push(...ids.filter((id): id is string => typeof id === "string"));
    if (detailTakesPath(detail, redirectPath)) opensRedirect = true;
  });
  if (!opensRedirect && problems.length === 0) {
    problems.push(
      `no applinks entry matches the redirect URL's path "${redirectPath}", so the redirect after linking opens Safari, not the app. ` +
        'Fix: keep a component {"/": "*"} (the default of args.ios.components)',
    );
  }
  return { problems, summary: `app IDs ${appIds.join(", ")}` };
}

/**
 * Whether an applinks entry sends `path` to the app: its components (or legacy `paths`) in
 * order, the first that matches decides; `exclude` (or a `NOT ` prefix) sends it to Safari.
 * Query and fragment patterns are not evaluated: the redirect's query values are not known
 * in advance.
 */
export function detailTakesPath(detail: Record<string, unknown>, path: string): boolean {
  if (Array.isArray(detail.components)) {
    for (const component of detail.components) {
      if (!isObject(component)) continue;
      const pattern = typeof component["/"] === "string" ? component["/"] : "*";
      if (globMatches(pattern, path, component.caseSensitive !== false)) return component.exclude !== true;
    }
    return false;
  }
  if (Array.isArray(detail.paths)) {
    for (const entry of detail.paths) {
      if (typeof entry !== "string") continue;
      const excluded = entry.startsWith("NOT ");
      if (globMatches(excluded ? entry.slice(4) : entry, path, true)) return !excluded;
    }
  }
  return false;
}

/** Apple's patterns: `*` any run of characters, `?` exactly one; everything else literal. */
export function globMatches(pattern: string, text: string, caseSensitive: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, caseSensitive ? "" : "i").test(text);
}

/** assetlinks.json: statements granting handle_all_urls to an Android app with fingerprints. */
export function androidShape(value: unknown): ShapeVerdict {
  if (!Array.isArray(value) || value.length === 0) {
    return { problems: ["it is not a non-empty array of statements, so Android verifies no app for this host"], summary: "" };
  }
  const problems: string[] = [];
  const apps: string[] = [];
  value.forEach((statement: unknown, i) => {
    const where = `statement [${i}]`;
    if (!isObject(statement)) {
      problems.push(`${where} is not an object`);
      return;
    }
    const target = statement.target;
    if (!Array.isArray(statement.relation) || !statement.relation.includes(HANDLE_ALL_URLS)) {
      problems.push(`${where} lacks relation ${HANDLE_ALL_URLS}`);
    }
    if (!isObject(target) || target.namespace !== "android_app") {
      problems.push(`${where} has no target with namespace "android_app"`);
      return;
    }
    const name = target.package_name;
    if (typeof name !== "string" || !isPackageName(name))
      problems.push(`${where} has package_name ${showValue(name)}, not an Android package name`);
    const prints = target.sha256_cert_fingerprints;
    if (!Array.isArray(prints) || prints.length === 0) {
      problems.push(`${where} has no sha256_cert_fingerprints`);
    } else {
      const bad = prints.filter((p) => typeof p !== "string" || !isNormalizedFingerprint(p));
      if (bad.length > 0)
        problems.push(`${where} has fingerprints ${bad.map(showValue).join(", ")}, not 32 uppercase hex pairs joined by ":"`);
    }
    if (typeof name === "string")
      apps.push(
        `${name} (${Array.isArray(prints) ? prints.length : 0} fingerprint${Array.isArray(prints) && prints.length === 1 ? "" : "s"})`,
      );
  });
  return { problems, summary: `apps ${apps.join(", ")}` };
}

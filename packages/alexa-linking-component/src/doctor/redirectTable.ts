import { getAccountLinking } from "../alexa/smapiClient";
import { ASSOCIATED_DOMAINS, IOS_DICTIONARY } from "../mobile/ios";
import type { PlistLib, PlistValue } from "../mobile/plistLib";
import { firstDifference } from "../shared/text";
import { parseUrl, showUrl } from "../shared/urls";
import type { DoctorOutputs } from "../stackOutputs";
import { readCognito } from "./cognitoAuthorize";
import type { CognitoCheckSettings } from "./cognito";
import { CheckResult, failed, passed } from "./result";
import type { SkillCheckSettings } from "./skills";

export const REDIRECT_TABLE_CHECK = "redirect URL";

/**
 * The redirect URL must be one string, character for character, in every place that holds it:
 * the Cognito client's callback URLs, each skill's redirectUrls, the apps' `Redirect URL` /
 * `alexaRedirectUrl`; and its host in the `applinks:` entitlement, the Android intent filter
 * (`alexaRedirectHost`) and where the association files are served. One table shows them all.
 */

/** One place and what it holds; `kind` says whether it holds the whole URL or only the host. */
export interface RedirectPlace {
  place: string;
  kind: "url" | "host";
  /** Undefined: the place holds nothing like it (or could not be read: `missing` says why). */
  value?: string;
  missing?: string;
  /** False for a row shown for information only (the live stage, judged on its own line). */
  counts: boolean;
}

/** What kind of difference `value` has from `reference`, in words (empty when equal). */
export function namedDifferences(reference: string, value: string): string[] {
  if (value === reference) return [];
  const notes: string[] = [];
  if (value.trim() !== value) notes.push("leading or trailing whitespace");
  const v = value.trim();
  if (`${v}/` === reference) notes.push("no trailing slash");
  else if (v === `${reference}/`) notes.push("an extra trailing slash");
  const url = parseUrl(v);
  const ref = parseUrl(reference);
  if (url && ref) {
    if (url.protocol === "http:" && ref.protocol === "https:") notes.push("http, not https");
    const legacy = /^(.+)\.s3\.amazonaws\.com$/i.exec(url.hostname)?.[1];
    if (
      legacy !== undefined &&
      new RegExp(`^${legacy.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.s3\\.[a-z0-9-]+\\.amazonaws\\.com$`, "i").test(ref.hostname)
    )
      notes.push("the legacy s3.amazonaws.com host (outside us-east-1 it answers 307 or 400, and the apps refuse redirects)");
  }
  if (notes.length === 0 && v.toLowerCase() === reference.toLowerCase()) notes.push("differs in case");
  return notes;
}

/** Of several strings a place holds, the one to show: the reference itself, else the closest to it. */
export function closestTo(reference: string, values: readonly string[]): string | undefined {
  if (values.includes(reference)) return reference;
  return [...values].sort((a, b) => firstDifference(b, reference) - firstDifference(a, reference))[0];
}

/**
 * The table's lines: one row per place with what it holds, `same` or the difference named, and
 * under a differing value a `^` at the first character that differs. `differing` lists the
 * counted places that differ.
 */
export function renderRedirectTable(redirectURL: string, places: readonly RedirectPlace[]): { lines: string[]; differing: string[] } {
  const host = parseUrl(redirectURL)?.host ?? redirectURL;
  const width = Math.max(...places.map((p) => p.place.length), "redirectURL (stack output)".length);
  const rows: string[] = [`${"redirectURL (stack output)".padEnd(width)}  ${showUrl(redirectURL)}  (the reference; host ${showUrl(host)})`];
  const differing: string[] = [];
  for (const p of places) {
    const reference = p.kind === "url" ? redirectURL : host;
    const label = p.place.padEnd(width);
    if (p.value === undefined) {
      rows.push(`${label}  -  ${p.missing ?? "holds none"}`);
      if (p.counts) differing.push(p.place);
      continue;
    }
    const shown = showUrl(p.value);
    if (p.value === reference) {
      rows.push(`${label}  ${shown}  same${p.kind === "host" ? " host" : ""}`);
      continue;
    }
    const at = firstDifference(p.value, reference);
    const notes = namedDifferences(reference, p.value);
    rows.push(
      `${label}  ${shown}  DIFFERS from ${showUrl(reference)} at character ${at + 1}${notes.length > 0 ? `: ${notes.join("; ")}` : ""}${p.counts ? "" : " (not counted: see its own line)"}`,
    );
    // The caret under the first character where the shown texts differ, when that part is shown.
    const column = caretColumn(shown, showUrl(reference));
    if (column !== undefined) rows.push(`${" ".repeat(width)}  ${" ".repeat(column)}^`);
    if (p.counts) differing.push(p.place);
  }
  return { lines: rows, differing };
}

/**
 * Where to put the caret under `shown` (a value as showUrl quotes it): the first character where it
 * differs from the reference as shown (the closing quote where the value ends early), or undefined
 * when that is past the part shown (the cap).
 */
export function caretColumn(shown: string, shownReference: string): number | undefined {
  const at = firstDifference(shown, shownReference);
  const cut = /\.\.\.\(\d+ chars\)$/.exec(shown)?.index ?? shown.length;
  return at >= 0 && at < cut ? at : undefined;
}

/** The table as one doctor line: ok when every counted place holds the same string, else FAIL; the table follows. */
export function judgeRedirectTable(redirectURL: string, places: readonly RedirectPlace[]): CheckResult {
  const { lines, differing } = renderRedirectTable(redirectURL, places);
  const table = lines.map((l) => `\n      ${l}`).join("");
  if (differing.length === 0) return passed(REDIRECT_TABLE_CHECK, `the same in all ${places.length + 1} places:${table}`);
  return failed(
    REDIRECT_TABLE_CHECK,
    `differs in ${differing.join(", ")}: the apps, Cognito and Amazon compare it character for character, so linking fails there. ` +
      `Fix: make every place hold redirectURL exactly (the stack's places: redeploy; the apps' files: \`alexa-linking mobile-config\`):${table}`,
  );
}

/** The options that give the apps' files. */
export const APP_FILE_OPTIONS = ["ios-plist", "ios-entitlements", "android-properties"] as const;

/** The app files doctor can read the redirect URL from (their text), by option. */
export interface AppFiles {
  iosPlist?: { path: string; text: string };
  iosEntitlements?: { path: string; text: string };
  androidProperties?: { path: string; text: string };
}

/** `key=value` / `key: value` lines of a .properties file (comments and blank lines skipped; `\` escapes undone). */
export function readProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, "");
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const m = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (!m) continue;
    out[m[1].replace(/\\(.)/g, "$1")] = m[2].replace(/\\(.)/g, "$1");
  }
  return out;
}

const isDict = (v: PlistValue | undefined): v is { readonly [key: string]: PlistValue } =>
  v !== undefined && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);

/** The rows of the apps' own files. Only the redirect values are read; nothing else (the files hold secrets). */
export function appFilePlaces(files: AppFiles, redirectHost: string, plist: PlistLib): RedirectPlace[] {
  const places: RedirectPlace[] = [];
  const parse = (text: string): PlistValue | undefined => {
    try {
      return plist.parse(text);
    } catch {
      return undefined;
    }
  };
  if (files.iosPlist) {
    const root = parse(files.iosPlist.text);
    const dict = isDict(root) ? root[IOS_DICTIONARY] : undefined;
    const value = isDict(dict) ? dict["Redirect URL"] : undefined;
    places.push({
      place: `iOS ${IOS_DICTIONARY} > Redirect URL`,
      kind: "url",
      counts: true,
      ...(typeof value === "string" ? { value } : { missing: `${files.iosPlist.path} has no string ${IOS_DICTIONARY} > Redirect URL` }),
    });
  }
  if (files.iosEntitlements) {
    const root = parse(files.iosEntitlements.text);
    const domains = isDict(root) ? root[ASSOCIATED_DOMAINS] : undefined;
    const hosts = (Array.isArray(domains) ? domains : [])
      .filter((d): d is string => typeof d === "string" && d.startsWith("applinks:"))
      .map((d) => d.slice("applinks:".length).replace(/\?mode=.*$/, ""));
    const value = closestTo(redirectHost, hosts);
    places.push({
      place: "iOS applinks: entitlement",
      kind: "host",
      counts: true,
      ...(value !== undefined ? { value } : { missing: `${files.iosEntitlements.path} has no applinks: entry in ${ASSOCIATED_DOMAINS}` }),
    });
  }
  if (files.androidProperties) {
    const props = readProperties(files.androidProperties.text);
    for (const [key, kind] of [
      ["alexaRedirectUrl", "url"],
      ["alexaRedirectHost", "host"],
    ] as const) {
      const value = props[key];
      places.push({
        place: `Android ${key}`,
        kind,
        counts: true,
        ...(value !== undefined ? { value } : { missing: `${files.androidProperties.path} has no ${key}` }),
      });
    }
  }
  return places;
}

/** Reads what Cognito and each skill (its stage and the live stage) hold, and builds the table. */
export async function checkRedirectTable(
  outputs: DoctorOutputs,
  cognito: CognitoCheckSettings,
  skills: SkillCheckSettings | undefined,
  appFiles: AppFiles,
  plist: PlistLib,
): Promise<CheckResult> {
  const { redirectURL, redirectHost } = outputs;
  const ids = { userPoolId: outputs.cognitoUserPoolId, clientId: outputs.cognitoClientId };
  const read = readCognito(ids, cognito, false).catch(() => ({ callbackUrls: undefined }));
  const skillRows = outputs.skills.flatMap((skill) =>
    [...new Set([skill.stage, "live"])].map(async (stage): Promise<RedirectPlace> => {
      const place = `skill ${skill.skillId} (${stage})`;
      const counts = stage !== "live" || skill.stage === "live";
      if (!skills?.lwa) return { place, kind: "url", counts, missing: "not read: no SMAPI credentials (see the skill line)" };
      try {
        const current = await getAccountLinking({
          skillId: skill.skillId,
          stage,
          lwa: skills.lwa,
          endpoints: skills.endpoints,
          secrets: [],
          policy: skills.policy,
          runtime: skills.runtime,
        });
        const value = closestTo(redirectURL, current?.linking.redirectUrls ?? []);
        return value === undefined
          ? { place, kind: "url", counts, missing: current ? "no redirectUrls" : "no account linking" }
          : { place, kind: "url", counts, value };
      } catch {
        return { place, kind: "url", counts, missing: "not read (see the skill line)" };
      }
    }),
  );
  const fileHosts = [
    ...new Set(
      Object.values(outputs.associationFileUrls)
        .map((u) => parseUrl(u)?.host)
        .filter((h): h is string => h !== undefined),
    ),
  ];
  const callbackUrls = (await read).callbackUrls;
  const cognitoValue = callbackUrls === undefined ? undefined : closestTo(redirectURL, callbackUrls);
  const places: RedirectPlace[] = [
    {
      place: "Cognito callback URL",
      kind: "url",
      counts: true,
      ...(cognitoValue !== undefined
        ? { value: cognitoValue }
        : { missing: callbackUrls === undefined ? "not read (see the cognito line)" : "no callback URLs" }),
    },
    ...(await Promise.all(skillRows)),
    ...fileHosts.map((value): RedirectPlace => ({ place: "association files' host", kind: "host", counts: true, value })),
    { place: "redirectHost (applinks:, intent filter)", kind: "host", counts: true, value: redirectHost },
    ...appFilePlaces(appFiles, redirectHost, plist),
  ];
  return judgeRedirectTable(redirectURL, places);
}

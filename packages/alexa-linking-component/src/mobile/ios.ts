import { showValue } from "../shared/errors";
import { isPlaceholder, isRealValue, PlaceholderKey } from "./placeholders";
import { PlistLib, PlistValue } from "./plistLib";
import { MobileValues } from "./values";

/** Xcode's layout: tab indents, a final newline. */
const BUILD_OPTIONS = { pretty: true, indent: "\t", newline: "\n" };
const build = (plist: PlistLib, value: PlistValue): string => `${plist.build(value, BUILD_OPTIONS)}\n`;

/** The dictionary of Configuration.plist that the ESP RainMaker iOS app reads. */
export const IOS_DICTIONARY = "ESP Alexa Configuration";
export const ASSOCIATED_DOMAINS = "com.apple.developer.associated-domains";

/** The keys of `ESP Alexa Configuration` this command writes, in the order the app lists them. */
export const IOS_OWNED_KEYS = [
  "Alexa Client Id",
  "Alexa Client Secret",
  "Alexa RM Client Id",
  "Skill Id",
  "Skill Stage",
  "Redirect URL",
  "Alexa Access Token URL",
] as const;
export type IosOwnedKey = (typeof IOS_OWNED_KEYS)[number];

/** The owned keys the user may leave as placeholders, by placeholder key. */
const PLACEHOLDER_KEYS: Record<PlaceholderKey, IosOwnedKey> = {
  alexaClientId: "Alexa Client Id",
  alexaClientSecret: "Alexa Client Secret",
};

/** Keys in the order the app's Configuration.plist lists them. */
export function iosAlexaConfiguration(values: MobileValues): Record<IosOwnedKey, string> {
  return {
    "Alexa Client Id": values.alexaClientId,
    "Alexa Client Secret": values.alexaClientSecret,
    "Alexa RM Client Id": values.alexaRMClientId,
    "Skill Id": values.skillId,
    "Skill Stage": values.skillStage,
    "Redirect URL": values.redirectURL,
    "Alexa Access Token URL": values.alexaAccessTokenURL,
  };
}

/**
 * A comment that is valid XML, placed right after the XML declaration (which must stay first).
 * XML forbids `--` inside a comment and a comment ending in `-`; CoreFoundation's plist parser
 * and the plist library skip a well-formed comment.
 */
export function withLeadingComment(xml: string, comment: string): string {
  if (comment.includes("--") || comment.endsWith("-"))
    throw new Error(`internal: an XML comment may not hold "--" or end in "-": ${comment}`);
  const end = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
  const lines = comment.split("\n").map((line, i) => (i === 0 ? line : `     ${line}`));
  return `${xml.slice(0, end)}\n<!-- ${lines.join("\n")} -->${xml.slice(end)}`;
}

export const IOS_FRAGMENT_COMMENT = [
  `Written by alexa-linking mobile-config: the "${IOS_DICTIONARY}" dictionary to paste`,
  "into the app's Configuration.plist, inside its root dict. This is not a Configuration.plist:",
  'replacing the app\'s file with it drops "AWS Configuration" and the other settings the app',
  "needs to start. For the app's whole file with this dictionary merged in, run mobile-config",
  "with the ios-plist option and the path of the app's Configuration.plist.",
].join("\n");

/**
 * The `ESP Alexa Configuration` dictionary as a plist whose root holds only it, with a leading
 * comment saying that it is the part to paste, not a Configuration.plist.
 */
export function renderIosPlist(values: MobileValues, plist: PlistLib): string {
  return withLeadingComment(build(plist, { [IOS_DICTIONARY]: iosAlexaConfiguration(values) }), IOS_FRAGMENT_COMMENT);
}

/**
 * The app's `ESP Alexa Configuration` dictionary with ours merged in: every key it does not own
 * kept where it was, ours replaced (keys the app lacked come after), except that a placeholder
 * never replaces a real value there. `kept` lists the keys whose app value was kept.
 */
export function mergeAlexaDictionary(
  existing: Record<string, PlistValue> | undefined,
  ours: Record<IosOwnedKey, string>,
): { dictionary: Record<string, PlistValue>; kept: IosOwnedKey[] } {
  const owned = (key: string): key is IosOwnedKey => (IOS_OWNED_KEYS as readonly string[]).includes(key);
  const dictionary: Record<string, PlistValue> = {};
  const kept: IosOwnedKey[] = [];
  for (const [key, value] of Object.entries(existing ?? {})) {
    if (!owned(key)) {
      dictionary[key] = value;
    } else if (isPlaceholder(ours[key]) && isRealValue(value)) {
      dictionary[key] = value;
      kept.push(key);
    } else {
      dictionary[key] = ours[key];
    }
  }
  for (const key of IOS_OWNED_KEYS) if (!(key in dictionary)) dictionary[key] = ours[key];
  return { dictionary, kept };
}

export interface MergedConfiguration {
  text: string;
  /** Owned keys whose real value in the app's file was kept instead of a placeholder. */
  kept: IosOwnedKey[];
  /** The placeholders the merged file still holds. */
  placeholders: PlaceholderKey[];
}

/**
 * The app's Configuration.plist with `ESP Alexa Configuration` merged (see mergeAlexaDictionary)
 * and every other key kept, for `--ios-plist <file>`. `source` names the file in errors. A file
 * that already holds these values comes back as it was, byte for byte.
 */
export function mergeIosConfiguration(
  existing: string,
  values: MobileValues,
  plist: PlistLib,
  source = "--ios-plist",
): MergedConfiguration {
  const root = parseDictionary(existing, plist, source, "the app's XML Configuration.plist");
  const current = root[IOS_DICTIONARY];
  if (current !== undefined && !isDictionary(current)) {
    throw new Error(
      `${source}: "${IOS_DICTIONARY}" is ${showValue(current)}, not a dictionary. Fix: make it a <dict> (or remove it) in the app's Configuration.plist`,
    );
  }
  const { dictionary, kept } = mergeAlexaDictionary(current, iosAlexaConfiguration(values));
  const merged = { ...root, [IOS_DICTIONARY]: dictionary };
  const placeholders = values.placeholders.filter((key) => !kept.includes(PLACEHOLDER_KEYS[key]));
  return { text: sameValue(root, merged) ? existing : build(plist, merged), kept, placeholders };
}

/** The merged text of {@link mergeIosConfiguration}. */
export function mergeIosPlist(existing: string, values: MobileValues, plist: PlistLib, source = "--ios-plist"): string {
  return mergeIosConfiguration(existing, values, plist, source).text;
}

/** `applinks:<redirect host>`: the Associated Domains entry for the redirect URL. */
export const iosApplinksEntitlement = (values: Pick<MobileValues, "redirectHost">): string => `applinks:${values.redirectHost}`;

const entitlementsComment = (entry: string): string =>
  [
    "Written by alexa-linking mobile-config: the one entry to add:",
    // A host may hold "--" (bucket names can), which no XML comment may: then it is not repeated here.
    entry.includes("--") ? "  the applinks: string below," : `  ${entry}`,
    `to the ${ASSOCIATED_DOMAINS} array of the app's .entitlements file, beside`,
    "the domains already there. This is not a whole .entitlements file: replacing the app's file",
    "with it drops aps-environment, the app groups and the other domains. For the app's file with",
    "the entry merged in, run mobile-config with the ios-entitlements option and that file's path.",
  ].join("\n");

/** An entitlements plist with only the Associated Domains entry, saying it is the one entry to add. */
export function renderIosEntitlements(values: Pick<MobileValues, "redirectHost">, plist: PlistLib): string {
  const entry = iosApplinksEntitlement(values);
  return withLeadingComment(build(plist, { [ASSOCIATED_DOMAINS]: [entry] }), entitlementsComment(entry));
}

/**
 * The app's .entitlements file with `applinks:<host>` added to its Associated Domains, every
 * other key and domain kept in order; for `--ios-entitlements <file>`. Idempotent: a file that
 * already has the entry comes back exactly as it was.
 */
export function mergeIosEntitlements(existing: string, redirectHost: string, plist: PlistLib, source = "--ios-entitlements"): string {
  const root = parseDictionary(existing, plist, source, "the app's XML .entitlements file");
  const domains = root[ASSOCIATED_DOMAINS];
  if (domains !== undefined && !(Array.isArray(domains) && domains.every((d) => typeof d === "string"))) {
    throw new Error(
      `${source}: ${ASSOCIATED_DOMAINS} is ${showValue(domains)}, not an array of strings. ` +
        "Fix: make it an array of strings (Xcode: Signing & Capabilities > Associated Domains)",
    );
  }
  const entry = iosApplinksEntitlement({ redirectHost });
  const list = (domains ?? []) as string[];
  if (list.includes(entry)) return existing;
  return build(plist, { ...root, [ASSOCIATED_DOMAINS]: [...list, entry] });
}

/** A plist document whose root is a dictionary, with errors that name the option and the fix. */
function parseDictionary(text: string, plist: PlistLib, source: string, expected: string): Record<string, PlistValue> {
  let root: unknown;
  try {
    root = plist.parse(text);
  } catch (err) {
    throw new Error(`${source} does not parse as a plist (${(err as Error).message.split("\n")[0].trim()}). Fix: pass ${expected}`);
  }
  if (!isDictionary(root)) throw new Error(`${source} has no dictionary at its root. Fix: pass ${expected.replace("XML ", "")}`);
  return root;
}

function isDictionary(value: unknown): value is Record<string, PlistValue> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

/** Same values and the same key order. */
const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

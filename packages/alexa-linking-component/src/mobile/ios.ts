import { PlistLib } from "./plistLib";
import { MobileValues } from "./values";

/** Xcode's layout: tab indents, a final newline. */
const BUILD_OPTIONS = { pretty: true, indent: "\t", newline: "\n" };
const build = (plist: PlistLib, value: Parameters<PlistLib["build"]>[0]): string => `${plist.build(value, BUILD_OPTIONS)}\n`;

/** The dictionary of Configuration.plist that the ESP RainMaker iOS app reads. */
export const IOS_DICTIONARY = "ESP Alexa Configuration";
export const ASSOCIATED_DOMAINS = "com.apple.developer.associated-domains";

/** Keys in the order the app's Configuration.plist lists them. */
export function iosAlexaConfiguration(values: MobileValues): Record<string, string> {
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

/** A plist document whose root holds the `ESP Alexa Configuration` dictionary. */
export function renderIosPlist(values: MobileValues, plist: PlistLib): string {
  return build(plist, { [IOS_DICTIONARY]: iosAlexaConfiguration(values) });
}

/**
 * Configuration.plist with its `ESP Alexa Configuration` dictionary replaced and every other key
 * kept, for `--ios-plist <file>`.
 */
export function mergeIosPlist(existing: string, values: MobileValues, plist: PlistLib): string {
  let root: unknown;
  try {
    root = plist.parse(existing);
  } catch (err) {
    throw new Error(`the iOS Configuration.plist does not parse (${(err as Error).message}). Fix: pass the app's XML Configuration.plist`);
  }
  if (root === null || typeof root !== "object" || Array.isArray(root) || root instanceof Date || root instanceof Uint8Array) {
    throw new Error("the iOS Configuration.plist has no dictionary at its root. Fix: pass the app's Configuration.plist");
  }
  return build(plist, { ...(root as Record<string, never>), [IOS_DICTIONARY]: iosAlexaConfiguration(values) });
}

/** `applinks:<redirect host>`: the Associated Domains entry for the redirect URL. */
export const iosApplinksEntitlement = (values: MobileValues): string => `applinks:${values.redirectHost}`;

/** An entitlements plist with the Associated Domains entry, to copy into the app's .entitlements. */
export function renderIosEntitlements(values: MobileValues, plist: PlistLib): string {
  return build(plist, { [ASSOCIATED_DOMAINS]: [iosApplinksEntitlement(values)] });
}

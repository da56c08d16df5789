import type { OutputKey } from "../stackOutputs";

/**
 * Each format: its file under --out, and whether it may carry the Alexa client secret. The two
 * iOS outputs are fragments unless merged into the app's own file (--ios-plist,
 * --ios-entitlements); their names say so.
 */
export const MOBILE_FILES = {
  ios: { file: "ios-esp-alexa-configuration.fragment.plist", secret: true },
  "ios-entitlements": { file: "ios-entitlements.fragment.plist", secret: false },
  android: { file: "android-local.properties", secret: true },
  json: { file: "mobile-config.json", secret: true },
} as const;
export type MobileFormat = keyof typeof MOBILE_FILES;

export const MOBILE_FORMATS = Object.keys(MOBILE_FILES) as MobileFormat[];

const APP_VALUES = ["redirectURL", "alexaAccessTokenURL", "cognitoClientId", "skills"] as const;

/**
 * The stack outputs each format reads; nothing else is required of the stack. redirectHost, when
 * exported, must be redirectURL's host; ios-entitlements falls back to redirectURL's host.
 */
export const FORMAT_NEEDS: Record<MobileFormat, readonly OutputKey[]> = {
  ios: APP_VALUES,
  "ios-entitlements": ["redirectHost"],
  android: APP_VALUES,
  json: APP_VALUES,
};

/** The outputs a run of these formats reads, each once, in the table's order. */
export const neededOutputs = (formats: readonly MobileFormat[]): OutputKey[] => [...new Set(formats.flatMap((f) => FORMAT_NEEDS[f]))];

/** What --out prints after a fragment's path, so nobody mistakes it for the app's whole file. */
export const FRAGMENT_NOTES: Partial<Record<MobileFormat, string>> = {
  ios: `(the "ESP Alexa Configuration" dictionary to paste into the app's Configuration.plist; not a Configuration.plist)`,
  "ios-entitlements": "(the one entry to add to the app's .entitlements file)",
};

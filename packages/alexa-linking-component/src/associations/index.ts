import { AndroidAppConfig, renderAssetLinks } from "./android";
import { IosConfig, renderAppleAppSiteAssociation } from "./apple";
import { InvalidArgumentError } from "../shared/errors";

export const AASA_KEY = ".well-known/apple-app-site-association";
export const ASSETLINKS_KEY = ".well-known/assetlinks.json";

export type Platform = "ios" | "android";

/** Where each platform's file lives, relative to the bucket root (the redirect URL). */
export const ASSOCIATION_KEYS: Record<Platform, string> = { ios: AASA_KEY, android: ASSETLINKS_KEY };

/** One association file: the platform it serves, its object key and its text. */
export interface AssociationFile {
  platform: Platform;
  key: string;
  body: string;
}

/**
 * Renders the files of the platforms that are configured; at least one must be. This is the
 * single renderer behind the component, the `render` CLI verb and the post-deploy check.
 */
export function renderAssociationFiles(ios: IosConfig | undefined, android: AndroidAppConfig[] | undefined): AssociationFile[] {
  if (ios === undefined && android === undefined) {
    throw new InvalidArgumentError(
      "args.ios and args.android",
      undefined,
      "are both missing, so there is no association file to host",
      "set args.ios (iOS universal links), args.android (Android app links), or both",
    );
  }
  const files: AssociationFile[] = [];
  if (ios !== undefined) files.push({ platform: "ios", key: ASSOCIATION_KEYS.ios, body: renderAppleAppSiteAssociation(ios) });
  if (android !== undefined) files.push({ platform: "android", key: ASSOCIATION_KEYS.android, body: renderAssetLinks(android) });
  return files;
}

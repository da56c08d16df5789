import { AndroidApp, renderAssetLinks } from "./android";
import { IosConfig, renderAppleAppSiteAssociation } from "./apple";
import { InvalidArgumentError } from "../errors";

export const AASA_KEY = ".well-known/apple-app-site-association";
export const ASSETLINKS_KEY = ".well-known/assetlinks.json";

/** One association file: the platform it serves, its object key and its text. */
export interface AssociationFile {
  platform: "ios" | "android";
  key: string;
  body: string;
}

/**
 * Renders the files of the platforms that are configured; at least one must be. This is the
 * single renderer behind the component, the `render` CLI verb and the post-deploy check.
 */
export function renderAssociationFiles(ios: IosConfig | undefined, android: AndroidApp[] | undefined): AssociationFile[] {
  if (ios === undefined && android === undefined) {
    throw new InvalidArgumentError(
      "args.ios and args.android",
      undefined,
      "are both missing, so there is no association file to host",
      "set args.ios (iOS universal links), args.android (Android app links), or both",
    );
  }
  const files: AssociationFile[] = [];
  if (ios !== undefined) files.push({ platform: "ios", key: AASA_KEY, body: renderAppleAppSiteAssociation(ios) });
  if (android !== undefined) files.push({ platform: "android", key: ASSETLINKS_KEY, body: renderAssetLinks(android) });
  return files;
}

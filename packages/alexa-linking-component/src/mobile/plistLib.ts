import * as plist from "plist";

export type PlistLib = Pick<typeof plist, "build" | "parse">;
export type PlistValue = plist.PlistValue;

/** The plist library, passed to the renderers so tests can parse back with the very same one. */
export function loadPlist(): PlistLib {
  return { build: plist.build, parse: plist.parse };
}

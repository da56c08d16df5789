import * as plist from "plist";

/**
 * A property-list value, as the plist library builds and parses it. Declared here rather than
 * taken from @types/plist, so the published declarations need no @types/plist at the user's end.
 */
export type PlistValue = string | number | boolean | Date | Buffer | { readonly [key: string]: PlistValue } | readonly PlistValue[];

/** The two functions of the plist library that the renderers use. */
export interface PlistLib {
  build(value: PlistValue, options?: { pretty?: boolean; indent?: string; newline?: string }): string;
  parse(xml: string): PlistValue;
}

/** The plist library, passed to the renderers so tests can parse back with the very same one. */
export function loadPlist(): PlistLib {
  return { build: plist.build, parse: plist.parse };
}

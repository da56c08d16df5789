import type * as Plist from "plist";
import * as vm from "node:vm";

export type PlistLib = Pick<typeof Plist, "build" | "parse">;
export type PlistValue = Plist.PlistValue;

let loaded: Promise<PlistLib> | undefined;

/**
 * plist 5 is ESM only and exports no `require` condition, while this package is CommonJS, whose
 * compiled `import()` turns into `require()`. So the import is made at run time: a plain dynamic
 * import under Node, and, where that is refused (jest's module sandbox), Node's own loader
 * through `vm` (USE_MAIN_CONTEXT_DEFAULT_LOADER, Node >= 20.19).
 */
export function loadPlist(): Promise<PlistLib> {
  return (loaded ??= (async () => {
    try {
      return pick(await (new Function("specifier", "return import(specifier)") as (s: string) => Promise<typeof Plist>)("plist"));
    } catch (first) {
      const useMain = (vm.constants as unknown as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
      if (useMain === undefined) throw first;
      const load = vm.runInThisContext("(specifier) => import(specifier)", {
        filename: __filename,
        importModuleDynamically: useMain as never,
      }) as (s: string) => Promise<typeof Plist>;
      return pick(await load("plist"));
    }
  })());
}

const pick = (m: typeof Plist): PlistLib => ({ build: m.build, parse: m.parse });

import * as fs from "fs";
import * as path from "path";

/** How to start the verify script: the program plus its leading arguments, and the script file. */
export interface ScriptInvocation {
  interpreter: string[];
  script: string;
}

/**
 * Finds the verify script for a module living in `dir` (this file's directory at run time):
 * - dist/verify/ (built package, installed or workspace): script.js beside us;
 * - src/verify/ (ts-node, jest) with a build present: ../../dist/verify/script.js;
 * - src/verify/ without a build: script.ts through ts-node's transpile-only hook, when resolvable.
 */
export function scriptInvocation(
  dir: string,
  nodePath: string,
  exists: (file: string) => boolean,
  resolveTsNode: () => string | undefined,
): ScriptInvocation {
  const beside = path.join(dir, "script.js");
  if (exists(beside)) return { interpreter: [nodePath], script: beside };
  const built = path.resolve(dir, "..", "..", "dist", "verify", "script.js");
  if (exists(built)) return { interpreter: [nodePath], script: built };
  const source = path.join(dir, "script.ts");
  const tsNode = exists(source) ? resolveTsNode() : undefined;
  if (tsNode) return { interpreter: [nodePath, "--require", tsNode], script: source };
  throw new Error(
    `alexa-linking-component: the verify script is missing (looked for ${beside} and ${built}). ` +
      "Build the package (`pnpm build`) or set verify: false to skip the post-deploy check.",
  );
}

/** scriptInvocation for this installation. */
export function defaultScriptInvocation(): ScriptInvocation {
  return scriptInvocation(__dirname, process.execPath, fs.existsSync, () => {
    try {
      return require.resolve("ts-node/register/transpile-only");
    } catch {
      return undefined;
    }
  });
}

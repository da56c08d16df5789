/**
 * Loading a serialized dynamic provider in a child node process, the way the engine's
 * dynamic-provider host (@pulumi/pulumi/cmd/dynamic-provider/index.js) does:
 * `requireFromString(text).handler()`, with require-from-string resolved from the @pulumi/pulumi
 * that the working directory resolves, so the provider's `require`s resolve from the working
 * directory too (not from where the file lies). tests/lifecycle/host.js loads the same way for
 * the whole host protocol (a long-lived process, providers from each request's `__provider`).
 */
import * as pulumi from "@pulumi/pulumi";
import { execFile } from "node:child_process";
import * as fs from "node:fs";

/**
 * The start of a child script: loads the provider file named by the first command-line argument
 * and defines `provider` (its handler's result) and `args` (the arguments after the file). Works
 * both with `node -e` and as a script file.
 */
export const PROVIDER_PRELUDE = `
const { provider, args } = (() => {
  const fs = require("fs");
  const path = require("path");
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [process.cwd()] }));
  const requireFromString = require(require.resolve("require-from-string", { paths: [pulumiDir] }));
  const [file, ...args] = process.argv.slice(require.main === module ? 2 : 1);
  return { provider: requireFromString(fs.readFileSync(file, "utf8")).handler(), args };
})();
`;

/** Serializes a provider as `pulumi.dynamic.Resource` does and writes the module text to `file`. */
export async function writeSerializedProvider(provider: pulumi.dynamic.ResourceProvider, file: string): Promise<string> {
  const sf = await pulumi.runtime.serializeFunction(() => provider, { isFactoryFunction: false, allowSecrets: false });
  fs.writeFileSync(file, sf.text);
  return sf.text;
}

/** A script file, or the source of one run with `node -e`. */
export type NodeScript = { file: string } | { source: string };

export interface RunNodeOptions {
  cwd: string;
  /** Default: this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Default: 60 s; the child is then killed and the run ends with code 1. */
  timeoutMs?: number;
  /** Node options before the script, e.g. `["-r", "ts-node/register"]`. */
  execArgv?: string[];
}

export interface NodeRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a node script in a fresh process; never rejects: a failure is in `code` and `stderr`. */
export function runNode(script: NodeScript, args: readonly string[], options: RunNodeOptions): Promise<NodeRun> {
  const target = "file" in script ? [script.file] : ["-e", script.source];
  const timeout = options.timeoutMs ?? 60_000;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.execArgv ?? []), ...target, ...args],
      { cwd: options.cwd, env: options.env ?? process.env, timeout, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        if (typeof error.code === "number") return resolve({ code: error.code, stdout, stderr });
        // Killed (the timeout), or never ran: say why, since the child could not.
        const why = error.signal ? `killed by ${error.signal}${error.killed ? ` after ${timeout} ms` : ""}` : error.message;
        resolve({ code: 1, stdout, stderr: `${stderr}\n[${why}]` });
      },
    );
  });
}

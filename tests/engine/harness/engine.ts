import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO, scratchDir } from "./project";
import { AWS_CREDENTIALS } from "./world";

/**
 * The folder with `pulumi` and its language hosts, as tests/engine/toolchain/build.sh chooses
 * it: the folder ALEXA_LINKING_PULUMI_BIN names, else an installed CLI on PATH, else the CLI
 * built from Go modules (cached outside the repo; ALEXA_LINKING_PULUMI_BIN=build forces it).
 * build.sh's first line on stderr, shown as it runs, says which and why. Fails, never skips,
 * when none can be had.
 */
export function engineBinDir(): string {
  const output = execFileSync("bash", [path.join(REPO, "tests", "engine", "toolchain", "build.sh")], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "inherit"],
    env: process.env,
  }).toString("utf8");
  const dir = output.trim().split("\n").pop() ?? "";
  if (!fs.existsSync(path.join(dir, "pulumi")))
    throw new Error(`tests/engine/toolchain/build.sh printed "${dir}", which holds no pulumi binary`);
  return dir;
}

/** `pulumi version` of that folder. */
export function engineVersion(binDir: string): string {
  return execFileSync(path.join(binDir, "pulumi"), ["version"], { env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } })
    .toString("utf8")
    .trim();
}

/**
 * A user's terminal with the engine on PATH, a Pulumi home of its own (no plugins, no login),
 * no update check or plugin download, confirmations answered yes (PULUMI_SKIP_CONFIRMATIONS, as
 * a user typing "yes" at the prompt), and AWS credentials that only the emulators accept.
 */
export function terminalEnv(binDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_|PULUMI_|AWS_|ASK_)/i.test(key) && key !== "INIT_CWD") base[key] = value;
  }
  return {
    ...base,
    PATH: [binDir, process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_HOME: scratchDir("pulumi-home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    ...AWS_CREDENTIALS,
    ...extra,
  };
}

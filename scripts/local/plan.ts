/**
 * The pure parts of `pnpm stack-up local` (scripts/local/stackUpLocal.ts): its arguments, where a
 * run keeps its files, the per-run stack config, the environment the Pulumi CLI gets, the lines it
 * prints, and which recorded processes of an earlier run are still ours to stop.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";

export const STACK = "local";

/**
 * The passphrase of the local stack's secrets. Public on purpose: the stack's only secrets are
 * the emulators' made-up SMAPI credentials, and stacks/Pulumi.local.yaml carries its salt so
 * that `pulumi stack init` leaves that tracked file unchanged.
 */
export const LOCAL_PASSPHRASE = "local-emulators";

export const BANNER = "LOCAL EMULATORS — nothing in AWS or Amazon was touched";

export type Mode = "up" | "keep" | "destroy";

export interface Options {
  mode: Mode;
  /** Pulumi's whole output on screen too (it is always in the run's log file). */
  verbose: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: pnpm stack-up local [--keep | --destroy] [--verbose]     (pnpm stack-down local = --destroy)

Deploys stacks/Pulumi.local.yaml with the real Pulumi engine against emulators on this machine,
prints the outputs, the mobile files and doctor, then destroys the stack and stops the emulators.
Pulumi's output goes to ${"`"}.pulumi-state/local.log${"`"}; the screen gets a summary of each command.
  --keep      hold the stack and the emulators up until Ctrl-C, then tear down
  --destroy   stop what an earlier run left (one that was killed) and remove its files
  --verbose   show Pulumi's whole output on screen as well
`;

/** The options from the arguments after `local`; every mistake names the argument and the fix. */
export function parseOptions(argv: readonly string[]): Options {
  const flags = new Set<string>();
  let verbose = false;
  for (const arg of argv) {
    if (arg === "--keep" || arg === "--destroy") flags.add(arg);
    else if (arg === "--verbose") verbose = true;
    else if (arg === "--help" || arg === "-h") throw new UsageError(USAGE);
    else {
      throw new UsageError(
        `"${arg}" is not an option of \`pnpm stack-up local\`. Fix: run it with no option, --keep, --destroy or --verbose; pulumi up options are for real stacks (pnpm stack-up dev ${arg})\n\n${USAGE}`,
      );
    }
  }
  if (flags.size > 1) throw new UsageError(`--keep and --destroy were both given. Fix: give one of them\n\n${USAGE}`);
  return { mode: flags.has("--keep") ? "keep" : flags.has("--destroy") ? "destroy" : "up", verbose };
}

/** Where a run keeps everything it makes: one gitignored folder, removed by the teardown. */
export function runPaths(repo: string) {
  const dir = path.join(repo, ".pulumi-state", STACK);
  return {
    dir,
    /** The file backend of the local stack (never the one of your real stacks). */
    backend: path.join(dir, "backend"),
    /** PULUMI_HOME: no login, no plugin cache or workspace of yours is read or written. */
    home: path.join(dir, "pulumi-home"),
    /** stacks/Pulumi.local.yaml plus this run's endpoints and secrets (`--config-file`). */
    config: path.join(dir, "Pulumi.local.yaml"),
    mobile: path.join(dir, "mobile-config"),
    /**
     * Everything Pulumi and the engine build printed, for the last run: beside the run's folder
     * (which the teardown removes), so it is there to read afterwards.
     */
    log: path.join(repo, ".pulumi-state", `${STACK}.log`),
    /** The processes this run started, for `pnpm stack-down local` after a run that was killed. */
    record: path.join(dir, "run.json"),
    /** Stands in for ~/.aws/config and credentials, so no profile of yours is read. */
    awsConfig: path.join(dir, "no-aws-config"),
  };
}

export type RunPaths = ReturnType<typeof runPaths>;

/**
 * The per-run stack settings: the tracked stack file's document with the emulators' config keys
 * merged into `config:` (its comments and salt kept), as YAML text.
 */
export function runConfigText(trackedText: string, emulatorKeys: Record<string, unknown>): string {
  const document = parse(trackedText) ?? {};
  document.config = { ...(document.config ?? {}), ...emulatorKeys };
  return `# Written by pnpm stack-up local for one run, from stacks/Pulumi.local.yaml; removed by its teardown.\n${stringify(document)}`;
}

/**
 * The Alexa app's client id and secret the local run's mobile files carry: made up, like every
 * value of the run. Never yours: the README has you keep the real ones in ALEXA_CLIENT_ID and
 * ALEXA_CLIENT_SECRET for releases, and a local run prints its mobile files.
 */
export const LOCAL_ALEXA_CLIENT = {
  ALEXA_CLIENT_ID: "amzn1.application-oa2-client.local-emulators-made-up",
  ALEXA_CLIENT_SECRET: "local-emulators-made-up-alexa-client-secret",
} as const;

/** The variables of yours a run never passes on: Pulumi's, AWS's, the ASK CLI's, and this package's (ALEXA_...). */
export const DROPPED_VARIABLES = /^(PULUMI_|AWS_|ASK_|ALEXA_)/i;

/**
 * The environment of every Pulumi and alexa-linking command of a run: your PATH with the engine
 * and the stand-in aws and command providers first; none of your PULUMI_, AWS_, ASK_ or ALEXA_
 * variables; the local backend, home and passphrase; AWS credentials only the emulators accept, no
 * AWS profile file, every AWS SDK endpoint defaulting to moto, and made-up Alexa client values.
 */
export function commandEnv(
  base: NodeJS.ProcessEnv,
  options: { binDir: string; pluginDirs: string[]; paths: RunPaths; motoEndpoint: string; credentials: Record<string, string> },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!DROPPED_VARIABLES.test(key)) env[key] = value;
  return {
    ...env,
    PATH: [...options.pluginDirs, options.binDir, base.PATH ?? ""].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${options.paths.backend}`,
    PULUMI_HOME: options.paths.home,
    PULUMI_CONFIG_PASSPHRASE: LOCAL_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    AWS_CONFIG_FILE: options.paths.awsConfig,
    AWS_SHARED_CREDENTIALS_FILE: options.paths.awsConfig,
    AWS_ENDPOINT_URL: options.motoEndpoint,
    ...options.credentials,
    ...LOCAL_ALEXA_CLIENT,
  };
}

/** A value quoted for bash, whatever it holds. */
export const shellQuote = (value: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/** The mobile-config command a run shows and runs: all four files, for the first skill. */
export function mobileConfigCommand(skillId: string, outDir: string): string {
  return `pulumi stack output --stack ${STACK} --json | pnpm -s alexa-linking mobile-config --skill-id ${shellQuote(skillId)} --out ${shellQuote(outDir)}`;
}

/** The doctor command a run shows and runs: the stack's rendered files, every check sent to the emulators. */
export function doctorCommand(doctorFlags: readonly string[]): string {
  return `pulumi stack output --stack ${STACK} --json --show-secrets | pnpm -s alexa-linking doctor --stack ${STACK} ${doctorFlags.map(shellQuote).join(" ")}`;
}

/**
 * What identifies a process: its start time (field 22 of /proc/<pid>/stat, in clock ticks since
 * boot) and its exact argv (/proc/<pid>/cmdline). A pid the system gives to another program
 * later has another start time; a program with a look-alike command line (another project's
 * serve.py) has another argv.
 */
export interface ProcessIdentity {
  startTime: string;
  argv: string[];
}

/** One process a run started, as recorded: ours only while its identity is the recorded one. */
export interface RecordedProcess extends ProcessIdentity {
  name: string;
  pid: number;
  /** Started in its own process group: stop the group. */
  group: boolean;
}

export interface RunRecord {
  /** The `pnpm stack-up local` process itself. */
  command: RecordedProcess;
  processes: RecordedProcess[];
}

/**
 * The start time in /proc/<pid>/stat text: field 22, counted after the last ")" because the
 * command name (field 2, in parentheses) may itself hold spaces and parentheses.
 */
export function startTimeOf(statText: string): string | undefined {
  const close = statText.lastIndexOf(")");
  if (close < 0) return undefined;
  // After ")": field 3 (state) is the first, so field 22 is the 20th.
  const fields = statText
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const value = fields[19];
  return value !== undefined && /^\d+$/.test(value) ? value : undefined;
}

/** The argv in /proc/<pid>/cmdline text: NUL-separated, NUL-terminated. */
export const argvOf = (cmdline: string): string[] => cmdline.replace(/\0$/, "").split("\0");

/** How a run reads a process's identity: undefined when no such process exists (or it cannot be read). */
export type IdentityReader = (pid: number) => ProcessIdentity | undefined;

/** The identity of `pid` from a /proc file system at `procRoot` (tests give a folder of their own). */
export function procIdentity(
  pid: number,
  procRoot = "/proc",
  read: (file: string) => string = (file) => fs.readFileSync(file, "utf8"),
): ProcessIdentity | undefined {
  try {
    const startTime = startTimeOf(read(path.join(procRoot, String(pid), "stat")));
    const argv = argvOf(read(path.join(procRoot, String(pid), "cmdline")));
    // A zombie has an empty cmdline: it is no longer the program we started.
    return startTime === undefined || argv.length === 0 || argv[0] === "" ? undefined : { startTime, argv };
  } catch {
    return undefined;
  }
}

/** Whether `now` (the pid's identity today) is still the process that was recorded. */
export const isSameProcess = (recorded: ProcessIdentity, now: ProcessIdentity | undefined): boolean =>
  now !== undefined &&
  now.startTime === recorded.startTime &&
  now.argv.length === recorded.argv.length &&
  now.argv.every((arg, i) => arg === recorded.argv[i]);

/**
 * Which recorded processes are still ours: alive with the recorded start time and argv. A pid
 * the system gave to another program since, or a program that only looks alike, is left alone.
 */
export function stillOurs(record: RunRecord, identity: IdentityReader): RecordedProcess[] {
  return [record.command, ...record.processes].filter((p) => isSameProcess(p, identity(p.pid)));
}

/** The recorded run, or undefined for a missing or unreadable record (nothing to stop then). */
export function readRecord(text: string | undefined): RunRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as RunRecord;
    const ok = (p: RecordedProcess) =>
      p !== null &&
      typeof p === "object" &&
      Number.isInteger(p.pid) &&
      p.pid > 1 &&
      typeof p.name === "string" &&
      typeof p.group === "boolean" &&
      typeof p.startTime === "string" &&
      p.startTime !== "" &&
      Array.isArray(p.argv) &&
      p.argv.length > 0 &&
      p.argv.every((arg) => typeof arg === "string") &&
      p.argv[0] !== "";
    return value !== null && ok(value.command) && Array.isArray(value.processes) && value.processes.every(ok) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Text without terminal colour codes. */
// eslint-disable-next-line no-control-regex -- the escape character starts a colour code
export const withoutColour = (text: string): string => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");

/**
 * The warnings in a command's output, each as one line of text: Pulumi's `warning: ...` lines
 * (in progress lines and in Diagnostics), and Node's `(node:<pid>) Warning: ...` blocks (the AWS
 * SDK's Node version warning, printed by every Node process that loads it), without the pid and
 * the `--trace-warnings` hint, so that the same warning from two processes is the same text.
 */
export function warningsIn(text: string): string[] {
  const found: string[] = [];
  const lines = withoutColour(text).split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const node = /^(.*?)\(node:\d+\) (Warning: .*)$/.exec(line);
    if (node) {
      const [, prefix, head] = node;
      const parts = [head];
      for (let j = i + 1; j < lines.length && j <= i + 12; j++) {
        if (!lines[j].startsWith(prefix.trimEnd())) break;
        const rest = lines[j].slice(prefix.length).trim();
        if (rest.startsWith("(Use `node --trace-warnings")) break;
        if (rest.includes("(node:")) break;
        if (rest !== "") parts.push(rest);
        i = j;
      }
      found.push(parts.join(" ").replace(/\s+/g, " ").trim());
      continue;
    }
    const pulumi = /(?:^|\s)warning: (.+)$/.exec(line);
    if (pulumi) found.push(pulumi[1].trim());
  }
  return found;
}

/** Node's own warning (process.on("warning")) as warningsIn writes it. */
export const nodeWarningText = (warning: Error): string => `${warning.name}: ${warning.message}`.replace(/\s+/g, " ").trim();

/** Remembers which warnings were shown: each is shown once per run. */
export class WarningsShown {
  private readonly seen = new Set<string>();
  /** The warnings in `found` not shown before (each once, in order). */
  fresh(found: readonly string[]): string[] {
    const out: string[] = [];
    for (const warning of found) {
      if (this.seen.has(warning)) continue;
      this.seen.add(warning);
      out.push(warning);
    }
    return out;
  }
}

/**
 * Pulumi's lines that contradict what the run does next: after destroy it suggests
 * `pulumi stack rm`, but the teardown removes the local stack's whole backend.
 */
export const isStackRmHint = (line: string): boolean =>
  /the history and configuration associated with the stack are still maintained|If you want to remove the stack completely, run `pulumi stack rm/.test(
    line,
  );

/**
 * The short account of a Pulumi command's output for the screen: its resource changes
 * ("+ 12 created", "- 12 deleted") and duration, from the output's last Resources/Duration block.
 */
export function pulumiSummary(output: string): string | undefined {
  const lines = withoutColour(output).split(/\r?\n/);
  const start = lines.map((l) => l.trim()).lastIndexOf("Resources:");
  if (start < 0) return undefined;
  const changes: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const text = line.trim();
    if (text === "") break;
    changes.push(text);
  }
  const duration = lines
    .slice(start)
    .map((l) => /^Duration: (.+)$/.exec(l.trim()))
    .find((m) => m !== null);
  if (changes.length === 0) return undefined;
  return `${changes.join(", ")}${duration ? ` in ${duration[1]}` : ""}`;
}

/** The last line of a run: what to do for a real environment. */
export const NEXT_STEP =
  "Next, for a real environment: fill in stacks/Pulumi.dev.yaml (its values are examples, not yours: bucket, app ids, " +
  "fingerprints, skill ids), set the SMAPI secrets, then run pnpm stack-up dev (README, Set-up).";

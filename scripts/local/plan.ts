/**
 * The pure parts of `pnpm stack-up local` (scripts/local/stackUpLocal.ts): its arguments, where a
 * run keeps its files, the per-run stack config, the environment the Pulumi CLI gets, the lines it
 * prints, and which recorded processes of an earlier run are still ours to stop.
 */
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

export class UsageError extends Error {}

export const USAGE = `usage: pnpm stack-up local [--keep | --destroy]     (pnpm stack-down local = --destroy)

Deploys stacks/Pulumi.local.yaml with the real Pulumi engine against emulators on this machine,
prints the outputs, the mobile files and doctor, then destroys the stack and stops the emulators.
  --keep      hold the stack and the emulators up until Ctrl-C, then tear down
  --destroy   stop what an earlier run left (one that was killed) and remove its files
`;

/** The mode from the arguments after `local`; every mistake names the argument and the fix. */
export function parseArgs(argv: readonly string[]): Mode {
  const flags = new Set<string>();
  for (const arg of argv) {
    if (arg === "--keep" || arg === "--destroy") flags.add(arg);
    else if (arg === "--help" || arg === "-h") throw new UsageError(USAGE);
    else {
      throw new UsageError(
        `"${arg}" is not an option of \`pnpm stack-up local\`. Fix: run it with no option, --keep or --destroy; pulumi up options are for real stacks (pnpm stack-up dev ${arg})\n\n${USAGE}`,
      );
    }
  }
  if (flags.size > 1) throw new UsageError(`--keep and --destroy were both given. Fix: give one of them\n\n${USAGE}`);
  return flags.has("--keep") ? "keep" : flags.has("--destroy") ? "destroy" : "up";
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
 * The environment of every Pulumi and alexa-linking command of a run: your PATH with the engine
 * and the stand-in aws and command providers first; none of your PULUMI_, AWS_ or ASK_ variables;
 * the local backend, home and passphrase; AWS credentials only the emulators accept, no AWS profile
 * file, and every AWS SDK endpoint defaulting to moto.
 */
export function commandEnv(
  base: NodeJS.ProcessEnv,
  options: { binDir: string; pluginDirs: string[]; paths: RunPaths; motoEndpoint: string; credentials: Record<string, string> },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!/^(PULUMI_|AWS_|ASK_)/i.test(key)) env[key] = value;
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

/** One process a run started, as recorded: `match` must be in its command line for it to be ours. */
export interface RecordedProcess {
  name: string;
  pid: number;
  match: string;
  /** Started in its own process group: stop the group. */
  group: boolean;
}

export interface RunRecord {
  /** The `pnpm stack-up local` process itself. */
  command: RecordedProcess;
  processes: RecordedProcess[];
}

/**
 * Which recorded processes are still ours: alive, with the recorded text in their command line
 * (a pid the system gave to another program since is left alone). `commandLine` is `ps -o args=`
 * of a pid, undefined when no such process exists.
 */
export function stillOurs(record: RunRecord, commandLine: (pid: number) => string | undefined): RecordedProcess[] {
  return [record.command, ...record.processes].filter((p) => {
    const line = commandLine(p.pid);
    return line !== undefined && line.includes(p.match);
  });
}

/** The recorded run, or undefined for a missing or unreadable record (nothing to stop then). */
export function readRecord(text: string | undefined): RunRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as RunRecord;
    const ok = (p: RecordedProcess) =>
      p && Number.isInteger(p.pid) && p.pid > 1 && typeof p.match === "string" && p.match !== "" && typeof p.name === "string";
    return ok(value.command) && Array.isArray(value.processes) && value.processes.every(ok) ? value : undefined;
  } catch {
    return undefined;
  }
}

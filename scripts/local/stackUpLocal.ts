/**
 * `pnpm stack-up local [--keep | --destroy]`: the product's whole chain on this machine, with the
 * real Pulumi engine and no cloud account. Starts the emulators (seeded as a small RainMaker
 * deployment, tests/engine/harness/localEnvironment.ts, the same set-up the engine scenarios
 * use), deploys stacks/Pulumi.local.yaml, prints the outputs, writes and prints the mobile files,
 * runs doctor against the emulators, then destroys the stack and stops the emulators. The
 * emulators live only as long as this command: nothing is left running when it returns, and
 * everything it writes is under .pulumi-state/local/ (gitignored), removed by the teardown.
 *
 * Ctrl-C at any point tears down: a running Pulumi command is cancelled, the stack destroyed
 * (a second Ctrl-C skips that), the emulators stopped, the run's files removed. A run that was
 * killed (kill -9) leaves a record of its processes; the next run, or `pnpm stack-down local`,
 * stops them.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { engineBinDir } from "../../tests/engine/harness/engine";
import { startLocalEnvironment, type LocalEnvironment } from "../../tests/engine/harness/localEnvironment";
import { STAND_IN_PLUGINS } from "../../tests/engine/harness/project";
import { AWS_CREDENTIALS, LWA } from "../../tests/engine/harness/world";
import {
  BANNER,
  commandEnv,
  doctorCommand,
  mobileConfigCommand,
  parseArgs,
  readRecord,
  runConfigText,
  runPaths,
  STACK,
  stillOurs,
  UsageError,
  type Mode,
  type RecordedProcess,
  type RunPaths,
  type RunRecord,
} from "./plan";

const REPO = path.resolve(__dirname, "..", "..");
const TRACKED = path.join(REPO, "stacks", `Pulumi.${STACK}.yaml`);
const PLUGIN_DIRS = STAND_IN_PLUGINS.map((name) => path.join(REPO, "tests", "engine", "plugins", name));
/** What identifies this command's own process in `ps` (scripts/local/stackUpLocal.ts). */
const SELF_MATCH = path.join("scripts", "local", "stackUpLocal");

const say = (line = "") => process.stdout.write(`${line}\n`);
const heading = (title: string) => say(`\n=== ${title}`);

class Interrupted extends Error {
  constructor() {
    super("interrupted (Ctrl-C)");
  }
}

/** Ctrl-C handling: the first starts the teardown, a later one skips the destroy. */
const signals = {
  count: 0,
  last: 0,
  wake: [] as (() => void)[],
};
let running: ChildProcess | undefined;

function onSignal(name: NodeJS.Signals): void {
  const now = Date.now();
  // One Ctrl-C reaches this process twice: from the terminal and forwarded by pnpm.
  if (now - signals.last < 1500) return;
  signals.last = now;
  signals.count += 1;
  if (signals.count === 1) {
    say(`\n${name}: tearing down (the stack, then the emulators). Press Ctrl-C again to skip the destroy.`);
    if (running?.pid !== undefined) signalGroup(running.pid, "SIGINT");
  } else {
    say(`\n${name} again: stopping everything without the destroy.`);
    if (running?.pid !== undefined) signalGroup(running.pid, "SIGKILL");
  }
  for (const wake of signals.wake.splice(0)) wake();
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* gone already */
    }
  }
}

interface RunOptions {
  env: NodeJS.ProcessEnv;
  input?: string;
  /** Teardown commands run after the first Ctrl-C too. */
  teardown?: boolean;
  /** Print the command line (default true). */
  show?: string | false;
}

/**
 * Runs a command in a process group of its own (a Ctrl-C is forwarded once, by onSignal), its
 * output straight to the terminal. Resolves on exit 0; an interruption or another exit code throws.
 */
function run(file: string, args: readonly string[], options: RunOptions, record?: () => void): Promise<void> {
  if (signals.count > (options.teardown ? 1 : 0)) return Promise.reject(new Interrupted());
  const shown = options.show === undefined ? [file, ...args].join(" ") : options.show;
  if (shown !== false) say(`$ ${shown}`);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: REPO,
      env: options.env,
      stdio: [options.input === undefined ? "ignore" : "pipe", "inherit", "inherit"],
      detached: true,
    });
    running = child;
    record?.();
    if (options.input !== undefined) child.stdin!.end(options.input);
    child.on("error", (err) => {
      running = undefined;
      reject(err);
    });
    child.on("exit", (code, signal) => {
      running = undefined;
      record?.();
      if (signals.count > (options.teardown ? 1 : 0)) reject(new Interrupted());
      else if (code === 0) resolve();
      else reject(new Error(`\`${shown === false ? file : shown}\` failed (${signal ?? `exit ${code}`})`));
    });
  });
}

const bash = (script: string, options: RunOptions) =>
  run("bash", ["-o", "pipefail", "-c", script], { ...options, show: options.show ?? script });

function commandLineOf(pid: number): string | undefined {
  const ps = spawnSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" });
  return ps.status === 0 && ps.stdout.trim() !== "" ? ps.stdout.trim() : undefined;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && commandLineOf(pid) !== undefined) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

async function stopProcess(p: RecordedProcess): Promise<void> {
  if (p.group) signalGroup(p.pid, "SIGTERM");
  else process.kill(p.pid, "SIGTERM");
  if (!(await waitGone(p.pid, 5_000))) {
    if (p.group) signalGroup(p.pid, "SIGKILL");
    else process.kill(p.pid, "SIGKILL");
    await waitGone(p.pid, 5_000);
  }
}

/**
 * What an earlier run left: its processes (a run that was killed) and its files. Another live
 * run is left alone unless `mode` is destroy, which asks it to tear down (SIGTERM) and waits.
 */
async function clearEarlierRun(paths: RunPaths, mode: Mode): Promise<"clear" | "busy"> {
  const text = fs.existsSync(paths.record) ? fs.readFileSync(paths.record, "utf8") : undefined;
  const record = readRecord(text);
  if (record !== undefined) {
    const alive = stillOurs(record, commandLineOf).filter((p) => p.pid !== process.pid);
    const command = alive.find((p) => p.pid === record.command.pid);
    if (command !== undefined) {
      if (mode !== "destroy") {
        say(
          `Another \`pnpm stack-up local\` is running (pid ${command.pid}). Fix: end it (Ctrl-C in its terminal, or \`pnpm stack-down local\`), then run this again.`,
        );
        return "busy";
      }
      say(`Asking the running \`pnpm stack-up local\` (pid ${command.pid}) to tear down...`);
      process.kill(command.pid, "SIGTERM");
      if (!(await waitGone(command.pid, 180_000))) process.kill(command.pid, "SIGKILL");
    }
    for (const p of stillOurs(record, commandLineOf).filter((q) => q.pid !== process.pid && q.pid !== record.command.pid)) {
      say(`Stopping ${p.name} (pid ${p.pid}), left running by an earlier run that was killed.`);
      await stopProcess(p);
    }
  }
  if (fs.existsSync(paths.dir)) {
    fs.rmSync(paths.dir, { recursive: true, force: true });
    say(`Removed what an earlier run left in ${path.relative(REPO, paths.dir)}/.`);
  }
  return "clear";
}

function writeRecord(paths: RunPaths, local: LocalEnvironment): void {
  const processes: RecordedProcess[] = [
    { name: "moto", pid: local.world.pids.moto, match: "serve.py", group: true },
    { name: "cognito-local", pid: local.world.pids.cognitoLocal, match: path.join("cognito-local", "lib", "bin", "start.js"), group: true },
  ];
  if (running?.pid !== undefined) processes.push({ name: "pulumi", pid: running.pid, match: running.spawnargs.join(" "), group: true });
  const record: RunRecord = { command: { name: "pnpm stack-up local", pid: process.pid, match: SELF_MATCH, group: false }, processes };
  fs.writeFileSync(paths.record, `${JSON.stringify(record, null, 2)}\n`);
}

function printMobileFiles(dir: string): void {
  for (const name of fs.readdirSync(dir).sort()) {
    say(`--- ${path.relative(REPO, path.join(dir, name))}`);
    process.stdout.write(fs.readFileSync(path.join(dir, name), "utf8").replace(/\n?$/, "\n"));
  }
}

async function main(argv: string[]): Promise<number> {
  let mode: Mode;
  try {
    mode = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return /^usage:/.test(err.message) ? 0 : 2;
    }
    throw err;
  }
  const paths = runPaths(REPO);
  for (const name of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(name, onSignal);

  if (mode === "destroy") {
    say(`pnpm stack-down local: stopping what a run of the local stack left (${BANNER.split(" — ")[0].toLowerCase()} only).`);
    await clearEarlierRun(paths, mode);
    say("Nothing of the local stack is running, and .pulumi-state/local/ is gone.");
    return 0;
  }

  say(`${BANNER.split(" — ")[0]}: \`pnpm stack-up local\` deploys stacks/Pulumi.local.yaml with the real Pulumi engine`);
  say("to emulators on 127.0.0.1 (moto, cognito-local, the project's SMAPI and Login with Amazon emulator).");
  say("No cloud account is used and nothing in AWS or Amazon is touched; the aws and command providers are");
  say('the stand-ins in tests/engine/plugins (Pulumi names them: "using pulumi-resource-aws from $PATH").');
  if ((await clearEarlierRun(paths, mode)) === "busy") return 1;

  let local: LocalEnvironment | undefined;
  let deployed = false;
  let failure: unknown;
  let env: NodeJS.ProcessEnv = process.env;
  try {
    heading("The Pulumi engine");
    say("A Pulumi CLI on PATH is used as it is; without one the CLI is built from Go modules on the first run, then cached.");
    say("ALEXA_LINKING_PULUMI_BIN=<dir> names a CLI's folder, ALEXA_LINKING_PULUMI_BIN=build forces the build. Which one, and why:");
    const binDir = engineBinDir();
    if (signals.count > 0) throw new Interrupted();

    heading("Emulators");
    fs.mkdirSync(paths.backend, { recursive: true });
    fs.mkdirSync(paths.home, { recursive: true });
    local = await startLocalEnvironment(TRACKED, { detached: true });
    writeRecord(paths, local);
    const { world } = local;
    say(`S3, STS        moto           ${world.moto.endpoint}   (pid ${world.pids.moto})`);
    say(`API Gateway    moto + invoke  ${world.endpoints.apiGateway}   AlexaSkillLinking, POST /token on stage dev`);
    say(
      `Cognito        cognito-local  ${world.endpoints.cognito}   (pid ${world.pids.cognitoLocal}) pools rainmaker-user-pool, rainmaker-user-email-mobile-pool; client esp-rainmaker-alexa-skill ${world.clientId}`,
    );
    say(`SMAPI          emulator       ${world.endpoints.smapi}   skills ${world.skillIds.join(", ")} (AUTH_CODE account linking)`);
    say(`Login w/ Amazon emulator      ${world.endpoints.lwa}`);
    if (signals.count > 0) throw new Interrupted();

    fs.writeFileSync(paths.config, runConfigText(fs.readFileSync(TRACKED, "utf8"), local.config));
    env = commandEnv(process.env, {
      binDir,
      pluginDirs: PLUGIN_DIRS,
      paths,
      motoEndpoint: world.moto.endpoint,
      credentials: AWS_CREDENTIALS,
    });
    const configFile = ["--config-file", path.relative(REPO, paths.config)];
    const recordIt = () => writeRecord(paths, local!);

    heading(
      `Deploy the ${STACK} stack (state in ${path.relative(REPO, paths.backend)}/, config stacks/Pulumi.${STACK}.yaml + this run's endpoints in ${path.relative(REPO, paths.config)})`,
    );
    const tracked = fs.readFileSync(TRACKED);
    await run("pulumi", ["stack", "init", STACK, "--non-interactive"], { env }, recordIt);
    if (!fs.readFileSync(TRACKED).equals(tracked)) {
      fs.writeFileSync(TRACKED, tracked);
      throw new Error(
        `pulumi stack init changed stacks/Pulumi.${STACK}.yaml (restored): its encryptionsalt no longer matches the passphrase in scripts/local/plan.ts`,
      );
    }
    deployed = true;
    for (const [key, value] of Object.entries({
      smapiClientId: LWA.clientId,
      smapiClientSecret: LWA.clientSecret,
      smapiRefreshToken: LWA.refreshToken,
    })) {
      await run(
        "pulumi",
        ["config", "set", "--secret", "--stack", STACK, ...configFile, key],
        {
          env,
          input: value,
          show: `pulumi config set --secret --stack ${STACK} --config-file ${path.relative(REPO, paths.config)} ${key}   # value on standard input: the emulator's ${key}`,
        },
        recordIt,
      );
    }
    await run("pulumi", ["up", "--stack", STACK, ...configFile, "--yes", "--non-interactive", "--suppress-progress"], { env }, recordIt);

    heading(`Outputs — ${BANNER}`);
    await run("pulumi", ["stack", "output", "--stack", STACK], { env }, recordIt);

    heading("Mobile files (what the iOS and Android builds read), from the stack outputs");
    await bash(mobileConfigCommand(local.skillIds[0], path.relative(REPO, paths.mobile)), { env });
    printMobileFiles(paths.mobile);

    heading("doctor, against the emulators");
    await bash(doctorCommand(local.doctorFlags), {
      env: { ...env, ...local.askEnv },
      show: `ASK_LWA_CLIENT_ID=... ASK_LWA_CLIENT_CONFIRMATION=... ASK_REFRESH_TOKEN=... ${doctorCommand(local.doctorFlags)}`,
    });

    say(`\n${BANNER}. The chain works on this machine; for a real environment: pnpm stack-up dev (README, Set-up).`);
    if (mode === "keep") {
      heading("Holding the local stack and the emulators up");
      say("From another terminal, in this folder:");
      say(
        `  export PULUMI_BACKEND_URL=file://${paths.backend} PULUMI_HOME=${paths.home} PULUMI_CONFIG_PASSPHRASE=local-emulators PATH=${PLUGIN_DIRS.join(":")}:${binDir}:$PATH`,
      );
      say(`  pulumi stack output --stack ${STACK} --json`);
      const bucket = (parse(fs.readFileSync(TRACKED, "utf8")).config ?? {})["alexa-app-linking:bucketName"];
      say(`  curl ${world.moto.endpoint}/${bucket}/.well-known/assetlinks.json`);
      say("local stack is up; press Ctrl-C to tear it down.");
      await new Promise<void>((resolve) => signals.wake.push(resolve));
    }
  } catch (err) {
    // A Ctrl-C also ends a step that was not started by run() (the engine build, the emulators' start).
    failure = signals.count > 0 ? new Interrupted() : err;
  }

  const tornDown = await tearDown(local, deployed, paths, env);
  if (failure instanceof Interrupted) {
    return mode === "keep" && deployed && tornDown ? 0 : 130;
  }
  if (failure !== undefined) {
    process.stderr.write(`\npnpm stack-up local failed: ${(failure as Error).message ?? failure}\n`);
    return 1;
  }
  return tornDown ? 0 : 1;
}

/** Destroy (unless a second Ctrl-C came), compare with the seeded state, stop the emulators, remove the run's files. */
async function tearDown(local: LocalEnvironment | undefined, deployed: boolean, paths: RunPaths, env: NodeJS.ProcessEnv): Promise<boolean> {
  heading("Tear-down");
  let ok = true;
  if (local !== undefined && deployed && signals.count < 2) {
    try {
      await run(
        "pulumi",
        [
          "destroy",
          "--stack",
          STACK,
          "--config-file",
          path.relative(REPO, paths.config),
          "--yes",
          "--non-interactive",
          "--suppress-progress",
          "--suppress-outputs",
        ],
        { env, teardown: true },
        () => writeRecord(paths, local),
      );
      const after = await local.world.snapshot();
      if (isDeepStrictEqual(after, local.seeded)) {
        say(`The Cognito client and the ${local.skillIds.length} skills are as seeded: destroy took back only what the stack added.`);
      } else {
        ok = false;
        say(
          `After destroy the Cognito client or a skill differs from its seeded state:\n  seeded ${JSON.stringify(local.seeded)}\n  now    ${JSON.stringify(after)}`,
        );
      }
    } catch (err) {
      ok = false;
      say(
        `pulumi destroy did not finish (${(err as Error).message}); the emulators hold everything the stack made, so stopping them removes it.`,
      );
    }
  }
  if (local !== undefined) {
    await local.stop();
    const pids = Object.entries({ moto: local.world.pids.moto, "cognito-local": local.world.pids.cognitoLocal });
    const left = pids.filter(([, pid]) => isAlive(pid) && commandLineOf(pid) !== undefined);
    say(
      `Stopped ${pids.map(([name, pid]) => `${name} (pid ${pid})`).join(", ")}, and the SMAPI, LWA and API Gateway servers in this process.`,
    );
    if (left.length > 0) {
      ok = false;
      say(`Still running: ${left.map(([name, pid]) => `${name} (pid ${pid})`).join(", ")}. Fix: pnpm stack-down local`);
    }
  }
  fs.rmSync(paths.dir, { recursive: true, force: true });
  say(`Removed ${path.relative(REPO, paths.dir)}/. Nothing of the local stack is left running.`);
  return ok;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`pnpm stack-up local: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);

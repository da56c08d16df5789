/**
 * `pnpm stack-up local [--keep | --destroy | --verbose]`: the product's whole chain on this machine, with the
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
import { spawn, type ChildProcess } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { startLocalEnvironment, type LocalEnvironment } from "../../tests/engine/harness/localEnvironment";
import { STAND_IN_PLUGINS } from "../../tests/engine/harness/project";
import { AWS_CREDENTIALS, LWA } from "../../tests/engine/harness/world";
import {
  BANNER,
  commandEnv,
  doctorCommand,
  isStackRmHint,
  mobileConfigCommand,
  NEXT_STEP,
  nodeWarningText,
  parseOptions,
  pulumiSummary,
  readRecord,
  runConfigText,
  runPaths,
  STACK,
  isSameProcess,
  stillOurs,
  UsageError,
  warningsIn,
  WarningsShown,
  type Mode,
  type RecordedProcess,
  type RunPaths,
  type RunRecord,
} from "./plan";
import { recordOf, signalIfOurs, stopProcess, systemIdentity, waitGone } from "./processes";

const REPO = path.resolve(__dirname, "..", "..");
const TRACKED = path.join(REPO, "stacks", `Pulumi.${STACK}.yaml`);
const PLUGIN_DIRS = STAND_IN_PLUGINS.map((name) => path.join(REPO, "tests", "engine", "plugins", name));
const say = (line = "") => process.stdout.write(`${line}\n`);
const heading = (title: string) => say(`\n=== ${title}`);

/** Where Pulumi's output goes, and whether the screen gets it too (--verbose). */
const output = {
  verbose: false,
  log: undefined as string | undefined,
  warnings: new WarningsShown(),
};

function toLog(text: string): void {
  if (output.log !== undefined) fs.appendFileSync(output.log, text);
}

/** Each warning once per run, on screen (all of them stay in the log). */
function showWarnings(found: readonly string[]): void {
  for (const warning of output.warnings.fresh(found)) say(`warning: ${warning.replace(/^Warning: /, "")}`);
}

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
  /**
   * "log": stdout and stderr go to the run's log (and to the screen with --verbose); the screen
   * gets a summary. "screen" (default): stdout to the screen; stderr too, each warning once.
   */
  output?: "log" | "screen";
}

/**
 * Runs a command in a process group of its own (a Ctrl-C is forwarded once, by onSignal).
 * Resolves on exit 0; an interruption or another exit code throws. Everything it prints is in the
 * run's log; the screen gets what `output` says.
 */
function run(file: string, args: readonly string[], options: RunOptions, record?: () => void): Promise<void> {
  if (signals.count > (options.teardown ? 1 : 0)) return Promise.reject(new Interrupted());
  const shown = options.show === undefined ? [file, ...args].join(" ") : options.show;
  if (shown !== false) say(`$ ${shown}`);
  toLog(`\n$ ${shown === false ? [file, ...args].join(" ") : shown}\n`);
  const toScreen = options.output !== "log";
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: REPO,
      env: options.env,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      detached: true,
    });
    running = child;
    record?.();
    if (options.input !== undefined) child.stdin!.end(options.input);
    let captured = "";
    let errors = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      captured += text;
      toLog(text);
      if (toScreen) process.stdout.write(text);
      else if (output.verbose) process.stdout.write(screenLines(text));
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      errors += text;
      toLog(text);
      if (!toScreen && output.verbose) process.stderr.write(screenLines(text));
    });
    child.on("error", (err) => {
      running = undefined;
      reject(err);
    });
    child.on("close", (code, signal) => {
      running = undefined;
      record?.();
      if (toScreen) {
        // stderr without Node's warning blocks and Pulumi's warning lines: each is shown once below.
        const rest = withoutWarningBlocks(errors);
        if (rest.trim() !== "") process.stderr.write(rest.replace(/\n*$/, "\n"));
      } else {
        const summary = pulumiSummary(captured);
        if (summary) say(`  ${summary}`);
        if (code !== 0 && !output.verbose) {
          const tail = screenLines(`${captured}\n${errors}`)
            .split("\n")
            .filter((l) => l.trim() !== "")
            .slice(-25);
          say(`  (its last ${tail.length} lines; all of it in ${path.relative(REPO, output.log ?? "")})`);
          for (const line of tail) say(`  | ${line}`);
        }
      }
      showWarnings([...warningsIn(captured), ...warningsIn(errors)]);
      if (signals.count > (options.teardown ? 1 : 0)) reject(new Interrupted());
      else if (code === 0) resolve();
      else reject(new Error(`\`${shown === false ? file : shown}\` failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** Pulumi's output as --verbose shows it: without the `pulumi stack rm` hint the teardown makes moot. */
const screenLines = (text: string): string =>
  text
    .split("\n")
    .filter((line) => !isStackRmHint(line))
    .join("\n");

/** stderr text without Node's `(node:<pid>) Warning: ...` blocks (they are shown once, by showWarnings). */
function withoutWarningBlocks(text: string): string {
  const out: string[] = [];
  let inBlock = false;
  for (const line of text.split("\n")) {
    if (/^\(node:\d+\) (\[\w+\] )?Warning: /.test(line)) {
      inBlock = true;
      continue;
    }
    if (inBlock) {
      if (line.startsWith("(Use `node --trace-warnings")) inBlock = false;
      continue;
    }
    if (/(?:^|\s)warning: /.test(line)) continue;
    out.push(line);
  }
  return out.join("\n");
}

const bash = (script: string, options: RunOptions) =>
  run("bash", ["-o", "pipefail", "-c", script], { ...options, show: options.show ?? script });

/**
 * What an earlier run left: its processes (a run that was killed) and its files. A recorded pid
 * is acted on only while it is the very process the run started (start time and exact argv, see
 * processes.ts); any other process with that pid now is left alone and named. Another live run is
 * left alone unless `mode` is destroy, which asks it to tear down (SIGTERM) and waits.
 */
async function clearEarlierRun(paths: RunPaths, mode: Mode): Promise<"clear" | "busy"> {
  const text = fs.existsSync(paths.record) ? fs.readFileSync(paths.record, "utf8") : undefined;
  const record = readRecord(text);
  if (text !== undefined && record === undefined) {
    say(`${path.relative(REPO, paths.record)} is not a record this version can read; no process was stopped because of it.`);
  }
  if (record !== undefined) {
    const ours = stillOurs(record, systemIdentity).filter((p) => p.pid !== process.pid);
    for (const p of [record.command, ...record.processes]) {
      if (p.pid !== process.pid && !ours.includes(p) && systemIdentity(p.pid) !== undefined) {
        say(`pid ${p.pid} is no longer the ${p.name} an earlier run started (another start time or command line): left alone.`);
      }
    }
    const command = ours.find((p) => p === record.command);
    if (command !== undefined) {
      if (mode !== "destroy") {
        say(
          `Another \`pnpm stack-up local\` is running (pid ${command.pid}). Fix: end it (Ctrl-C in its terminal, or \`pnpm stack-down local\`), then run this again.`,
        );
        return "busy";
      }
      say(`Asking the running \`pnpm stack-up local\` (pid ${command.pid}) to tear down...`);
      signalIfOurs(command, "SIGTERM");
      if (!(await waitGone(command, 180_000))) signalIfOurs(command, "SIGKILL");
    }
    for (const p of stillOurs(record, systemIdentity).filter((q) => q.pid !== process.pid && q !== record.command)) {
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

/** The identities of this run's long-lived processes, read once, right after each started. */
const recorded = new Map<number, RecordedProcess>();

function identified(name: string, pid: number, group: boolean): RecordedProcess[] {
  const known = recorded.get(pid);
  if (known !== undefined && known.name === name) return [known];
  const p = recordOf(name, pid, group);
  if (p === undefined) return [];
  recorded.set(pid, p);
  return [p];
}

function writeRecord(paths: RunPaths, local: LocalEnvironment): void {
  const processes: RecordedProcess[] = [
    ...identified("moto", local.world.pids.moto, true),
    ...identified("cognito-local", local.world.pids.cognitoLocal, true),
  ];
  if (running?.pid !== undefined) {
    const p = recordOf("pulumi", running.pid, true);
    if (p !== undefined) processes.push(p);
  }
  const command = identified("pnpm stack-up local", process.pid, false);
  if (command.length === 0) return;
  const record: RunRecord = { command: command[0], processes };
  fs.writeFileSync(paths.record, `${JSON.stringify(record, null, 2)}\n`);
}

function printMobileFiles(dir: string): void {
  for (const name of fs.readdirSync(dir).sort()) {
    say(`--- ${path.relative(REPO, path.join(dir, name))}`);
    process.stdout.write(fs.readFileSync(path.join(dir, name), "utf8").replace(/\n?$/, "\n"));
  }
}

/**
 * The engine's folder (tests/engine/toolchain/build.sh, as engineBinDir runs it): its progress
 * lines ("engine-toolchain: ...") on screen, everything else it prints (the Go build and tests)
 * in the run's log.
 */
function buildEngine(): Promise<string> {
  const script = path.join(REPO, "tests", "engine", "toolchain", "build.sh");
  toLog(`\n$ bash ${path.relative(REPO, script)}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script], { cwd: REPO, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      toLog(chunk.toString("utf8"));
    });
    child.stderr.on("data", (chunk: Buffer) => {
      const text = pending + chunk.toString("utf8");
      toLog(chunk.toString("utf8"));
      const lines = text.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("engine-toolchain:") || output.verbose) say(line);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (pending.startsWith("engine-toolchain:") || (output.verbose && pending !== "")) say(pending);
      const dir = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0)
        reject(
          new Error(`tests/engine/toolchain/build.sh failed (exit ${code}); its output is in ${path.relative(REPO, output.log ?? "")}`),
        );
      else if (!fs.existsSync(path.join(dir, "pulumi")))
        reject(new Error(`tests/engine/toolchain/build.sh printed "${dir}", which holds no pulumi binary`));
      else resolve(dir);
    });
  });
}

async function main(argv: string[]): Promise<number> {
  let mode: Mode;
  try {
    ({ mode, verbose: output.verbose } = parseOptions(argv));
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
  output.log = paths.log;
  fs.mkdirSync(path.dirname(paths.log), { recursive: true });
  fs.writeFileSync(paths.log, `pnpm stack-up local, ${new Date().toISOString()}\n`);
  say(
    `Pulumi's and the engine build's output: ${path.relative(REPO, paths.log)} (kept after the run)${output.verbose ? ", and here (--verbose)" : "; --verbose shows it here too"}.`,
  );
  // Node's warnings of this process (the AWS SDK's, for one) are shown once, like the commands'.
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    toLog(`${warning.name}: ${warning.message}\n`);
    showWarnings([nodeWarningText(warning)]);
  });

  let local: LocalEnvironment | undefined;
  let deployed = false;
  let failure: unknown;
  let env: NodeJS.ProcessEnv = process.env;
  try {
    heading("The Pulumi engine");
    say("A Pulumi CLI on PATH is used as it is; without one the CLI is built from Go modules on the first run, then cached.");
    say("ALEXA_LINKING_PULUMI_BIN=<dir> names a CLI's folder, ALEXA_LINKING_PULUMI_BIN=build forces the build. Which one, and why:");
    const binDir = await buildEngine();
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
    await run("pulumi", ["stack", "init", STACK, "--non-interactive"], { env, output: "log" }, recordIt);
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
          output: "log",
          show: `pulumi config set --secret --stack ${STACK} --config-file ${path.relative(REPO, paths.config)} ${key}   # value on standard input: the emulator's ${key}`,
        },
        recordIt,
      );
    }
    await run(
      "pulumi",
      ["up", "--stack", STACK, ...configFile, "--yes", "--non-interactive", "--suppress-progress"],
      { env, output: "log" },
      recordIt,
    );

    heading(`Outputs — ${BANNER}`);
    await run("pulumi", ["stack", "output", "--stack", STACK], { env }, recordIt);

    heading("Mobile files (what the iOS and Android builds read), from the stack outputs");
    say(
      "(ALEXA_CLIENT_ID and ALEXA_CLIENT_SECRET are this run's made-up values; yours are not passed on, nor any PULUMI_, AWS_ or ASK_ variable.)",
    );
    await bash(mobileConfigCommand(local.skillIds[0], path.relative(REPO, paths.mobile)), { env });
    printMobileFiles(paths.mobile);

    heading("doctor, against the emulators");
    await bash(doctorCommand(local.doctorFlags), {
      env: { ...env, ...local.askEnv },
      show: `ASK_LWA_CLIENT_ID=... ASK_LWA_CLIENT_CONFIRMATION=... ASK_REFRESH_TOKEN=... ${doctorCommand(local.doctorFlags)}`,
    });

    say(`\n${BANNER}. The chain works on this machine.`);
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
    process.stderr.write(
      `\npnpm stack-up local failed: ${(failure as Error).message ?? failure} (the whole output: ${path.relative(REPO, paths.log)})\n`,
    );
    return 1;
  }
  if (tornDown) say(`\n${NEXT_STEP}`);
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
        { env, teardown: true, output: "log" },
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
    const left = pids.filter(([, pid]) => {
      const started = recorded.get(pid);
      return started !== undefined && isSameProcess(started, systemIdentity(pid));
    });
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

import * as assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { BANNER, LOCAL_ALEXA_CLIENT, NEXT_STEP } from "../../../scripts/local/plan";
import { copyCheckout } from "../harness/project";
import { setUpCommands } from "../harness/readme";
import type { ScenarioGroup } from "../harness/scenario";
import { Shell, tail, type CommandRun } from "../harness/shell";
import { COGNITO_SECRET, LWA } from "../harness/world";

interface Local {
  dir: string;
  shell: Shell;
  /** The README's set-up line that runs the local stack. */
  command: string;
  log: (line: string) => void;
}

const BUCKET = "rainmaker-alexa-links-local";
const REDIRECT = `https://${BUCKET}.s3.eu-west-1.amazonaws.com/`;
const DOCTOR_GREEN = "alexa-linking doctor: all 14 checks passed.";
const AS_SEEDED = "The Cognito client and the 2 skills are as seeded";

/**
 * The release values the README has a user keep in the environment (issue 23, point 1): a local
 * run must never print them, nor put them in its files.
 */
const USERS_ALEXA_CLIENT = {
  ALEXA_CLIENT_ID: "amzn1.application-oa2-client.users0real0release0client0id",
  ALEXA_CLIENT_SECRET: "amzn1.oa2-cs.v1.users0real0release0client0secret00000000000000",
};

/**
 * A user's terminal: their environment, without this test runner's npm, Pulumi, AWS or ASK
 * variables, and with the Alexa app's release client values set as the README says.
 */
function userTerminal(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_|PULUMI_|AWS_|ASK_|ALEXA_)/i.test(key) && key !== "INIT_CWD") env[key] = value;
  }
  return { ...env, ...USERS_ALEXA_CLIENT };
}

const LOG = path.join(".pulumi-state", "local.log");

/** The emulator processes a run names ("moto (pid N)", "cognito-local (pid N)"), at start and at its end. */
function emulatorPids(stdout: string): number[] {
  const pids = [...stdout.matchAll(/(?:moto|cognito-local)\s+(?:http:\/\/\S+\s+)?\(pid (\d+)\)/g)].map((m) => Number(m[1]));
  return [...new Set(pids)];
}

/** Whether the pid runs: a zombie (exited, waiting for its new parent to reap it after its run was killed) does not. */
const running = (pid: number): boolean => {
  const state = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim();
  return state !== "" && !state.startsWith("Z");
};

/** Nothing left: the recorded pids gone, no run folder, the checkout as git has it. */
function assertNothingLeft(dir: string, stdout: string): void {
  const pids = emulatorPids(stdout);
  assert.ok(pids.length >= 2, `the run names no moto and cognito-local pids:\n${tail(stdout)}`);
  for (const pid of pids) assert.equal(running(pid), false, `pid ${pid}, started by the run, is still running`);
  assert.equal(fs.existsSync(path.join(dir, ".pulumi-state", "local")), false, ".pulumi-state/local is still there");
  const status = execFileSync("git", ["status", "--porcelain"], { cwd: dir, encoding: "utf8" });
  assert.equal(status, "", `the run changed tracked files:\n${status}`);
}

const count = (text: string, part: string): number => text.split(part).length - 1;

/**
 * What a whole run prints: the banner, the outputs, both apps' files, a green doctor, the
 * teardown; Pulumi's output summarised (all of it in the log), each warning once, the next step
 * last. Without --verbose.
 */
function assertShowsTheChain(run: Pick<CommandRun, "stdout" | "stderr">, dir: string, verbose = false): void {
  const out = run.stdout;
  const screen = `${run.stdout}${run.stderr}`;
  // The user's release client values: nowhere on screen or in the log; the mobile files carry the run's own.
  const log = fs.readFileSync(path.join(dir, LOG), "utf8");
  for (const value of Object.values(USERS_ALEXA_CLIENT)) {
    assert.equal(screen.includes(value), false, "the user's ALEXA_CLIENT_ID or ALEXA_CLIENT_SECRET was printed");
    assert.equal(log.includes(value), false, `the user's ALEXA_CLIENT_ID or ALEXA_CLIENT_SECRET is in ${LOG}`);
  }
  assert.ok(out.includes(`alexaClientSecret=${LOCAL_ALEXA_CLIENT.ALEXA_CLIENT_SECRET}`), "the Android file lacks the run's made-up secret");
  // Pulumi's whole output is in the log; the screen has each warning once and no `pulumi stack rm` hint.
  assert.match(log, /Resources:\n\s+\+ 12 created/);
  assert.match(log, /Resources:\n\s+- 12 deleted/);
  assert.equal(/pulumi stack rm/.test(screen), false, "the screen suggests `pulumi stack rm`, which the teardown makes moot");
  if (!verbose) {
    assert.match(out, /^\s+\+ 12 created in \d/m);
    assert.match(out, /^\s+- 12 deleted in \d/m);
    // (The banner names the aws warning once more, in quotes, to explain it.)
    for (const warning of [
      "NodeVersionSupportWarning",
      "warning: using pulumi-resource-aws from $PATH",
      "warning: using pulumi-resource-command from $PATH",
    ]) {
      assert.ok(count(screen, warning) <= 1, `"${warning}" is shown ${count(screen, warning)} times`);
    }
    assert.equal(/^ok\s+alexa-app-linking\/engine-toolchain/m.test(screen), false, "go test lines on screen");
    const lines = screen.split("\n").length;
    assert.ok(lines < 220, `the run printed ${lines} lines`);
  } else {
    assert.match(out, /aws:s3:Bucket alexa-links-bucket created/, "--verbose does not show Pulumi's output");
  }
  assert.equal(out.trimEnd().split("\n").pop(), NEXT_STEP, "the last line is not the next step");
  assert.match(out, /^LOCAL EMULATORS: `pnpm stack-up local` deploys stacks\/Pulumi\.local\.yaml with the real Pulumi engine/m);
  assert.ok(out.includes(`=== Outputs — ${BANNER}`), "no outputs banner");
  // `pulumi stack output`'s table (pulumi up's own Outputs block is in the log).
  assert.match(out, new RegExp(`^    redirectURL +${REDIRECT.replace(/\./g, "\\.")}$`, "m"), "the outputs lack the redirect URL");
  assert.match(out, /^ {4}alexaAccessTokenURL +https:\/\/[a-z0-9]{10}\.execute-api\.eu-west-1\.amazonaws\.com\/dev\/token$/m);
  const android = /--- \.pulumi-state\/local\/mobile-config\/android-local\.properties\n([\s\S]*?)\n---/.exec(out);
  assert.ok(android, "no Android file printed");
  assert.ok(android[1].includes(`${BUCKET}.s3.eu-west-1.amazonaws.com`), `the Android file lacks the redirect host:\n${android[1]}`);
  const ios = /--- \.pulumi-state\/local\/mobile-config\/ios-esp-alexa-configuration\.fragment\.plist\n([\s\S]*?)\n---/.exec(out);
  assert.ok(ios, "no iOS file printed");
  assert.match(ios[1], /<key>ESP Alexa Configuration<\/key>|Alexa/);
  assert.ok(ios[1].includes(REDIRECT), "the iOS file lacks the redirect URL");
  assert.ok(
    out.includes("ios-entitlements.fragment.plist") && out.includes(`applinks:${BUCKET}.s3.eu-west-1.amazonaws.com`),
    "no entitlements entry",
  );
  assert.ok(out.includes(DOCTOR_GREEN), `doctor was not green:\n${tail(out)}`);
  assert.doesNotMatch(out, /^FAIL /m);
  assert.ok(out.includes(AS_SEEDED), `the teardown did not find the seeded state:\n${tail(out)}`);
  assert.ok(out.includes("Nothing of the local stack is left running."));
  // The emulators' secrets: through pulumi config set --secret and the environment, never printed.
  for (const secret of [LWA.clientSecret, LWA.refreshToken, COGNITO_SECRET]) {
    assert.equal(`${run.stdout}${run.stderr}`.includes(secret), false, "a secret was printed");
  }
}

/** Starts a command as a terminal's foreground job: a process group of its own, output kept. */
function startJob(dir: string, env: NodeJS.ProcessEnv, script: string) {
  const child = spawn("bash", ["-c", script], { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async waitFor(text: string, ms: number): Promise<void> {
      const deadline = Date.now() + ms;
      while (!stdout.includes(text)) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`"${text}" never came:\n${tail(stdout)}\n${tail(stderr)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}

/**
 * `pnpm stack-up local` as a newcomer runs it, from the README's set-up block, in a fresh copy of
 * the checkout that is a git work tree (its `git status` must stay clean).
 */
export const localStack: ScenarioGroup<Local> = {
  async setUp(_binDir, log) {
    const command = setUpCommands().find((c) => c.startsWith("pnpm stack-up local"));
    assert.equal(command, "pnpm stack-up local", "the README's set-up block has no `pnpm stack-up local` line");
    const dir = copyCheckout("local", { standIns: false });
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=engine", "-c", "user.email=engine@localhost", ...args], { cwd: dir, stdio: "ignore" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "checkout");
    return { dir, command, log, shell: new Shell(dir, userTerminal(), log) };
  },
  async tearDown() {},
  scenarios: [
    {
      name: "pnpm stack-up local (README set-up): deploys, prints outputs, iOS and Android files, doctor green, tears down with nothing left",
      async run({ shell, command, dir }) {
        const run = await shell.bash(command, { timeoutMs: 20 * 60_000 });
        assertShowsTheChain(run, dir);
        assertNothingLeft(dir, run.stdout);
      },
    },
    {
      name: "a second pnpm stack-up local in a row, with --verbose, deploys and tears down the same and shows Pulumi's output",
      async run({ shell, command, dir }) {
        const run = await shell.bash(`${command} --verbose`, { timeoutMs: 10 * 60_000 });
        assertShowsTheChain(run, dir, true);
        assertNothingLeft(dir, run.stdout);
      },
    },
    {
      name: "pnpm stack-up local --keep holds the stack until Ctrl-C, which destroys it and stops the emulators",
      async run({ dir, shell, log }) {
        const job = startJob(dir, shell.env, "pnpm stack-up local --keep");
        await job.waitFor("press Ctrl-C to tear it down", 10 * 60_000);
        // While it holds: the file is served by the emulated bucket.
        const moto = /S3, STS\s+moto\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(job.output().stdout)![1];
        const served = await fetch(`${moto}/${BUCKET}/.well-known/assetlinks.json`);
        assert.equal(served.status, 200);
        // Ctrl-C in a terminal: SIGINT to the whole foreground process group.
        process.kill(-job.child.pid!, "SIGINT");
        await job.exited;
        const { stdout, stderr } = job.output();
        log(`${stdout}${stderr}`);
        assert.match(stdout, /SIGINT: tearing down/);
        assert.ok(stdout.includes(AS_SEEDED), `no seeded state after Ctrl-C:\n${tail(stdout)}`);
        assertNothingLeft(dir, stdout);
      },
    },
    {
      name: "a stale run.json naming a decoy `python3 /home/other/project/serve.py` and a reused pid: pnpm stack-down local leaves both alone",
      async run({ dir, shell, log }) {
        const project = path.join(dir, ".pulumi-state", "decoy", "home", "other", "project");
        fs.mkdirSync(project, { recursive: true });
        fs.writeFileSync(path.join(project, "serve.py"), "import time\ntime.sleep(600)\n");
        const decoy = spawn("python3", [path.join(project, "serve.py")], { detached: true, stdio: "ignore" });
        const other = spawn("sleep", ["600"], { detached: true, stdio: "ignore" });
        try {
          await new Promise((r) => setTimeout(r, 500));
          const stat = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, "utf8");
          const startTime = (pid: number) =>
            stat(pid)
              .slice(stat(pid).lastIndexOf(")") + 1)
              .trim()
              .split(/\s+/)[19];
          const record = {
            command: {
              name: "pnpm stack-up local",
              pid: other.pid,
              group: false,
              startTime: String(Number(startTime(other.pid!)) - 1),
              argv: ["sleep", "600"],
            },
            processes: [
              {
                name: "moto",
                pid: decoy.pid,
                group: true,
                startTime: startTime(decoy.pid!),
                argv: ["python3", "/repo/tests/engine/moto/serve.py", "-p", "1"],
              },
            ],
          };
          const stale = path.join(dir, ".pulumi-state", "local");
          fs.mkdirSync(stale, { recursive: true });
          fs.writeFileSync(path.join(stale, "run.json"), JSON.stringify(record));
          const down = await shell.run("pnpm", ["stack-down", "local"]);
          log(down.stdout);
          assert.match(down.stdout, new RegExp(`pid ${decoy.pid} is no longer the moto an earlier run started .*: left alone`));
          assert.match(down.stdout, new RegExp(`pid ${other.pid} is no longer the pnpm stack-up local an earlier run started`));
          assert.equal(running(decoy.pid!), true, "the decoy serve.py was stopped");
          assert.equal(running(other.pid!), true, "the process with a reused pid was stopped");
          // The last round's record format (a substring to look for) is not trusted at all.
          fs.mkdirSync(stale, { recursive: true });
          fs.writeFileSync(
            path.join(stale, "run.json"),
            JSON.stringify({
              command: { name: "x", pid: other.pid, match: "sleep", group: false },
              processes: [{ name: "moto", pid: decoy.pid, match: "serve.py", group: true }],
            }),
          );
          const up = await shell.run("pnpm", ["stack-down", "local"]);
          assert.match(up.stdout, /run\.json is not a record this version can read; no process was stopped because of it/);
          assert.equal(running(decoy.pid!), true, "the decoy serve.py was stopped by an old-format record");
        } finally {
          for (const child of [decoy, other]) child.kill("SIGKILL");
          fs.rmSync(path.join(dir, ".pulumi-state", "decoy"), { recursive: true, force: true });
        }
      },
    },
    {
      name: "a run killed with kill -9 leaves its emulators; pnpm stack-down local stops them and removes its files",
      async run({ dir, shell, log }) {
        const job = startJob(dir, shell.env, "pnpm stack-up local --keep");
        await job.waitFor("press Ctrl-C to tear it down", 10 * 60_000);
        const record = JSON.parse(fs.readFileSync(path.join(dir, ".pulumi-state", "local", "run.json"), "utf8"));
        process.kill(record.command.pid, "SIGKILL");
        await job.exited;
        const left = emulatorPids(job.output().stdout);
        assert.ok(left.length >= 2 && left.every(running), "the emulators did not outlive the killed run (nothing to test)");
        const down = await shell.run("pnpm", ["stack-down", "local"]);
        log(job.output().stdout);
        assert.match(down.stdout, /Stopping moto \(pid \d+\), left running by an earlier run that was killed/);
        assert.match(down.stdout, /Stopping cognito-local \(pid \d+\)/);
        assertNothingLeft(dir, job.output().stdout);
        // And the next run starts clean.
        const again = await shell.run("pnpm", ["stack-up", "local"], { timeoutMs: 10 * 60_000 });
        assertShowsTheChain(again, dir);
        assertNothingLeft(dir, again.stdout);
      },
    },
  ],
};

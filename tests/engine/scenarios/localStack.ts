import * as assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { BANNER } from "../../../scripts/local/plan";
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
const DOCTOR_GREEN = "alexa-linking doctor: all 13 checks passed.";
const AS_SEEDED = "The Cognito client and the 2 skills are as seeded";

/** A user's terminal: their environment, without this test runner's npm, Pulumi, AWS or ASK variables. */
function userTerminal(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_|PULUMI_|AWS_|ASK_)/i.test(key) && key !== "INIT_CWD") env[key] = value;
  }
  return env;
}

/** The emulator processes a run names ("moto (pid N)", "cognito-local (pid N)"), at start and at its end. */
function emulatorPids(stdout: string): number[] {
  const pids = [...stdout.matchAll(/(?:moto|cognito-local)\s+(?:http:\/\/\S+\s+)?\(pid (\d+)\)/g)].map((m) => Number(m[1]));
  return [...new Set(pids)];
}

const running = (pid: number): boolean => spawnSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim() !== "";

/** Nothing left: the recorded pids gone, no run folder, the checkout as git has it. */
function assertNothingLeft(dir: string, stdout: string): void {
  const pids = emulatorPids(stdout);
  assert.ok(pids.length >= 2, `the run names no moto and cognito-local pids:\n${tail(stdout)}`);
  for (const pid of pids) assert.equal(running(pid), false, `pid ${pid}, started by the run, is still running`);
  assert.equal(fs.existsSync(path.join(dir, ".pulumi-state", "local")), false, ".pulumi-state/local is still there");
  const status = execFileSync("git", ["status", "--porcelain"], { cwd: dir, encoding: "utf8" });
  assert.equal(status, "", `the run changed tracked files:\n${status}`);
}

/** What a whole run prints: the banner, the outputs, both apps' files, a green doctor, the teardown. */
function assertShowsTheChain(run: Pick<CommandRun, "stdout" | "stderr">): void {
  const out = run.stdout;
  assert.match(out, /^LOCAL EMULATORS: `pnpm stack-up local` deploys stacks\/Pulumi\.local\.yaml with the real Pulumi engine/m);
  assert.ok(out.includes(`=== Outputs — ${BANNER}`), "no outputs banner");
  assert.ok(out.includes(`redirectURL        : "${REDIRECT}"`), "the outputs lack the redirect URL");
  assert.match(out, /alexaAccessTokenURL: "https:\/\/[a-z0-9]{10}\.execute-api\.eu-west-1\.amazonaws\.com\/dev\/token"/);
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
        assertShowsTheChain(run);
        assertNothingLeft(dir, run.stdout);
      },
    },
    {
      name: "a second pnpm stack-up local in a row deploys and tears down the same",
      async run({ shell, command, dir }) {
        const run = await shell.bash(command, { timeoutMs: 10 * 60_000 });
        assertShowsTheChain(run);
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
        assertShowsTheChain(again);
        assertNothingLeft(dir, again.stdout);
      },
    },
  ],
};

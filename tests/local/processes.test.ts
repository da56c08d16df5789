/**
 * `pnpm stack-down local` (and the next `pnpm stack-up local`) stops an earlier run's processes
 * only while each is the very process that run started (issue 23, point 5): real processes here,
 * a decoy with a look-alike command line, a pid whose process changes before SIGKILL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { recordOf, stopProcess, systemIdentity } from "../../scripts/local/processes";
import type { IdentityReader, RecordedProcess } from "../../scripts/local/plan";

const started: ChildProcess[] = [];

/** A process of this test: `node -e <code> <args>`, in a group of its own like the run's emulators. */
async function startProcess(code: string, args: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", code, ...args], { detached: true, stdio: ["ignore", "pipe", "ignore"] });
  started.push(child);
  // Ready once it says so (its SIGTERM handler is in place).
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return child;
}

const alive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (alive(child) ? child.once("exit", () => resolve()) : resolve()));

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (alive(child)) {
      child.kill("SIGKILL");
      await exited(child);
    }
  }
});

const SLEEPER = "console.log('ready'); setInterval(() => {}, 1000);";
const STUBBORN = "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);";

test("the recorded process is stopped with SIGTERM", async () => {
  const child = await startProcess(SLEEPER, ["/repo/tests/engine/moto/serve.py"]);
  const p = recordOf("moto", child.pid!, true)!;
  expect(await stopProcess(p)).toBe("stopped");
  await exited(child);
  expect(child.signalCode).toBe("SIGTERM");
});

test("a decoy `python3 /home/other/project/serve.py` at the recorded pid is left alone", async () => {
  const decoy = await startProcess(SLEEPER, ["/home/other/project/serve.py"]);
  const now = systemIdentity(decoy.pid!)!;
  // What the run recorded for moto at this pid: its own start time and argv, not the decoy's.
  const moto: RecordedProcess = {
    name: "moto",
    pid: decoy.pid!,
    group: true,
    startTime: now.startTime,
    argv: ["/repo/.venv/bin/python", "/repo/tests/engine/moto/serve.py", "-H", "127.0.0.1", "-p", "5000"],
  };
  expect(await stopProcess(moto, { graceMs: 200 })).toBe("not ours");
  await new Promise((r) => setTimeout(r, 300));
  expect(alive(decoy)).toBe(true);
});

test("the same argv with another start time (the pid reused) is left alone", async () => {
  const other = await startProcess(SLEEPER, ["serve.py"]);
  const now = systemIdentity(other.pid!)!;
  const p: RecordedProcess = { name: "moto", pid: other.pid!, group: true, startTime: String(Number(now.startTime) - 1), argv: now.argv };
  expect(await stopProcess(p, { graceMs: 200 })).toBe("not ours");
  expect(alive(other)).toBe(true);
});

test("a process that ignores SIGTERM and is still the recorded one gets SIGKILL", async () => {
  const child = await startProcess(STUBBORN);
  const p = recordOf("moto", child.pid!, true)!;
  expect(await stopProcess(p, { graceMs: 300 })).toBe("killed");
  await exited(child);
  expect(child.signalCode).toBe("SIGKILL");
});

test("no SIGKILL when the pid is another process's by then: the identity is checked again first", async () => {
  const child = await startProcess(STUBBORN);
  const p = recordOf("moto", child.pid!, true)!;
  // The system's answer after SIGTERM: the recorded process went, and its pid now names another.
  let calls = 0;
  const identity: IdentityReader = (pid) => {
    calls += 1;
    const now = systemIdentity(pid);
    return calls === 1 || now === undefined ? now : { ...now, startTime: `${now.startTime}9` };
  };
  expect(await stopProcess(p, { graceMs: 300, identity })).toBe("stopped");
  await new Promise((r) => setTimeout(r, 300));
  // It ignored SIGTERM, and no SIGKILL came: still running.
  expect(alive(child)).toBe(true);
});

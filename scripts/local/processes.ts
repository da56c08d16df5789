/**
 * Stopping the processes a run of `pnpm stack-up local` recorded, and only those: a signal goes to
 * a pid only while it is still the process that was started (plan.ts, isSameProcess: start time
 * and exact argv), checked again right before each signal.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { isSameProcess, procIdentity, type IdentityReader, type ProcessIdentity, type RecordedProcess } from "./plan";

/** Without /proc (macOS): `ps` gives the start time to the second and the command line as one string. */
function psIdentity(pid: number): ProcessIdentity | undefined {
  const ps = (field: string) => spawnSync("ps", ["-o", `${field}=`, "-p", String(pid)], { encoding: "utf8" });
  const start = ps("lstart");
  const args = ps("args");
  if (start.status !== 0 || args.status !== 0 || start.stdout.trim() === "" || args.stdout.trim() === "") return undefined;
  return { startTime: start.stdout.trim(), argv: [args.stdout.trim()] };
}

/** The identity of a pid on this system, undefined when no such process exists. */
export const systemIdentity: IdentityReader = fs.existsSync("/proc/self/stat") ? (pid) => procIdentity(pid) : psIdentity;

/** Sends `signal` to the process (or its group), unless it is no longer the recorded one. */
export function signalIfOurs(p: RecordedProcess, signal: NodeJS.Signals, identity: IdentityReader = systemIdentity): boolean {
  if (!isSameProcess(p, identity(p.pid))) return false;
  try {
    process.kill(p.group ? -p.pid : p.pid, signal);
    return true;
  } catch {
    if (!p.group) return false;
    try {
      process.kill(p.pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

/** Waits until the recorded process is gone (or the pid is another process's now); false after `ms`. */
export async function waitGone(p: RecordedProcess, ms: number, identity: IdentityReader = systemIdentity): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isSameProcess(p, identity(p.pid))) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

export type StopOutcome = "not ours" | "stopped" | "killed" | "still running";

/**
 * SIGTERM, then SIGKILL after `graceMs` only if the pid is still the recorded process (a pid
 * reused in between is left alone).
 */
export async function stopProcess(p: RecordedProcess, options: { graceMs?: number; identity?: IdentityReader } = {}): Promise<StopOutcome> {
  const identity = options.identity ?? systemIdentity;
  if (!signalIfOurs(p, "SIGTERM", identity)) return "not ours";
  if (await waitGone(p, options.graceMs ?? 5_000, identity)) return "stopped";
  if (!signalIfOurs(p, "SIGKILL", identity)) return "stopped";
  return (await waitGone(p, 5_000, identity)) ? "killed" : "still running";
}

/** The record of a process this run started now: its pid's identity as the system has it. */
export function recordOf(
  name: string,
  pid: number,
  group: boolean,
  identity: IdentityReader = systemIdentity,
): RecordedProcess | undefined {
  const now = identity(pid);
  return now === undefined ? undefined : { name, pid, group, ...now };
}

import { createDoctor, DoctorOverrides } from "../../packages/alexa-linking-component/src/cli/doctor";
import { IoOptions, runCli, runVerbIn } from "../support/cliIo";

export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The check lines, in printed order. */
  lines: string[];
}

export interface RunOptions extends IoOptions {
  overrides?: DoctorOverrides;
  /** Through cli/main.ts `main`, as the command line runs it (the default overrides then). */
  viaMain?: boolean;
}

/** Runs the verb in-process. */
export async function runDoctorCli(argv: string[], options: RunOptions = {}): Promise<DoctorRun> {
  const run = options.viaMain
    ? await runCli(["doctor", ...argv], options)
    : await runVerbIn("doctor", createDoctor(options.overrides), argv, options);
  return {
    code: run.code,
    stdout: run.stdout,
    stderr: run.stderr,
    lines: run.stdout.split("\n").filter((l) => /^(ok {2}|warn|FAIL) {2}/.test(l)),
  };
}

/** The label of a check line ("ios file", "skill", ...). */
export const labelOf = (line: string): string => line.slice(6).split(/ {2,}/)[0].trim();

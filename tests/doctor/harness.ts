import { main } from "../../packages/alexa-linking-component/src/cli";
import { createDoctor, DoctorOverrides } from "../../packages/alexa-linking-component/src/cli/doctor";
import { CliIo } from "../../packages/alexa-linking-component/src/cli/io";

export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The check lines, in printed order. */
  lines: string[];
}

export interface RunOptions {
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  overrides?: DoctorOverrides;
  /** Through cli.ts `main`, as the command line runs it (the default overrides then). */
  viaMain?: boolean;
}

/** Runs the verb in-process. */
export async function runDoctorCli(argv: string[], options: RunOptions = {}): Promise<DoctorRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => options.stdin ?? "",
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  const code = options.viaMain ? await main(["doctor", ...argv], io) : await createDoctor(options.overrides)(argv, io);
  const stdout = out.join("");
  return { code, stdout, stderr: err.join(""), lines: stdout.split("\n").filter((l) => /^(ok  |FAIL)  /.test(l)) };
}

/** The label of a check line ("ios file", "skill", ...). */
export const labelOf = (line: string): string => line.slice(6).split(/ {2,}/)[0].trim();

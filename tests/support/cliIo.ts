import { main, runVerb } from "../../packages/alexa-linking-component/src/cli/main";
import type { CliIo, CliVerb } from "../../packages/alexa-linking-component/src/cli/io";

export interface IoOptions {
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** The one in-memory io of the command line's tests: what was printed, a fixed stdin, env and working directory. */
export type CapturedIo = CliIo & { out: string; err: string; stdinReads: number };

export function capturedIo(options: IoOptions = {}): CapturedIo {
  const captured: CapturedIo = {
    out: "",
    err: "",
    stdinReads: 0,
    stdout: (t: string) => void (captured.out += t),
    stderr: (t: string) => void (captured.err += t),
    readStdin: async () => {
      captured.stdinReads += 1;
      return options.stdin ?? "";
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  return captured;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  stdinReads: number;
}

const runOf = (code: number, io: CapturedIo): CliRun => ({ code, stdout: io.out, stderr: io.err, stdinReads: io.stdinReads });

/** `alexa-linking <argv>` in-process, as the command line runs it. */
export async function runCli(argv: string[], options: IoOptions = {}): Promise<CliRun> {
  const io = capturedIo(options);
  return runOf(await main(argv, io), io);
}

/** One verb in-process (e.g. with test overrides), errors turned into exit codes as cli/main.ts does. */
export async function runVerbIn(name: string, verb: CliVerb, argv: string[], options: IoOptions = {}): Promise<CliRun> {
  const io = capturedIo(options);
  return runOf(await runVerb(name, verb, argv, io), io);
}

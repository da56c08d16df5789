import { CliIo } from "../../packages/alexa-linking-component/src/cli/io";

/** A CLI verb's io in memory: what it printed, a fixed stdin, env and working directory. */
export function capturedIo(options: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliIo & { out: string; err: string } {
  const captured = {
    out: "",
    err: "",
    stdout: (t: string) => void (captured.out += t),
    stderr: (t: string) => void (captured.err += t),
    readStdin: async () => options.stdin ?? "",
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  return captured;
}

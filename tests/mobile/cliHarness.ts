import { CliIo } from "../../packages/alexa-linking-component/src/cli/io";
import { mobileConfig } from "../../packages/alexa-linking-component/src/cli/mobileConfig";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  stdinReads: number;
}

/** Runs the verb in-process, as cli.ts would, errors included (cli.ts prints them with exit 1). */
export async function runMobileConfig(argv: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  let stdinReads = 0;
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => {
      stdinReads += 1;
      return options.stdin ?? "";
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  let code: number;
  try {
    code = await mobileConfig(argv, io);
  } catch (e) {
    err.push(`alexa-linking mobile-config: ${(e as Error).message}\n`);
    code = 1;
  }
  return { code, stdout: out.join(""), stderr: err.join(""), stdinReads };
}

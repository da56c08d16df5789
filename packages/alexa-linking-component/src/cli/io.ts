import { processScriptIo, ScriptIo } from "../verify/script";

/** What a command-line verb may touch, so tests can run verbs in-process. */
export interface CliIo extends ScriptIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input. */
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A verb returns its exit code or throws (cli/main.ts turns the error into 1, or 2 for a UsageError); it never calls process.exit. */
export type CliVerb = (argv: string[], io: CliIo) => Promise<number>;

/** This process: the deploy-time script's streams and environment, and the working directory. */
export const processIo = (): CliIo => ({ ...processScriptIo(), cwd: process.cwd() });

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** One command as it ran: what it was, where, and everything it printed. */
export interface CommandRun {
  command: string;
  cwd: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Added to the shell's environment for this command only. */
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** A non-zero exit is what the scenario wants; a zero exit then fails. */
  expectFailure?: boolean;
  timeoutMs?: number;
}

/**
 * Runs the CLI the way a user's terminal does, with one environment for a whole scenario, and
 * keeps every line any command printed: the secrets audit reads all of it.
 */
export class Shell {
  readonly transcript: CommandRun[] = [];

  constructor(
    readonly cwd: string,
    readonly env: NodeJS.ProcessEnv,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** A program with arguments, no shell in between. */
  run(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandRun> {
    return this.spawn([file, ...args].join(" "), file, args, options);
  }

  /** A bash script, for README snippets that `export` and chain commands. */
  bash(script: string, options: RunOptions = {}): Promise<CommandRun> {
    return this.spawn(script, "bash", ["-euo", "pipefail", "-c", script], options);
  }

  /** Everything printed so far, for the secrets audit. */
  printed(): string {
    return this.transcript.map((r) => `${r.stdout}\n${r.stderr}`).join("\n");
  }

  /** Writes the transcript next to the scenario's files, for a person reading a failure. */
  save(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, this.transcript.map((r) => `$ ${r.command}   (in ${r.cwd}, exit ${r.code})\n${r.stdout}${r.stderr}`).join("\n"));
  }

  private spawn(command: string, file: string, args: readonly string[], options: RunOptions): Promise<CommandRun> {
    const cwd = options.cwd ?? this.cwd;
    this.log(`$ ${command}`);
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, { cwd, env: { ...this.env, ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs ?? 10 * 60_000);
      child.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        const run: CommandRun = { command, cwd, code, stdout, stderr };
        this.transcript.push(run);
        this.log(`${stdout}${stderr}(exit ${code})`);
        const failed = code !== 0;
        if (failed !== (options.expectFailure === true)) {
          const wanted = options.expectFailure ? "to fail, but it succeeded" : `failed with exit code ${code}`;
          reject(new Error(`\`${command}\` was expected ${wanted}.\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`));
          return;
        }
        resolve(run);
      });
      child.stdin.end(options.input ?? "");
    });
  }
}

/** The last lines of a long output: where the error is. */
export function tail(text: string, lines = 60): string {
  const all = text.trimEnd().split("\n");
  return all.length <= lines ? all.join("\n") : `...(${all.length - lines} lines above)\n${all.slice(-lines).join("\n")}`;
}

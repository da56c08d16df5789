import { spawn } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import type { Readable } from "node:stream";

export const REPO = path.resolve(__dirname, "..", "..");
const HOST = path.join(__dirname, "host.js");

export type Props = Record<string, unknown>;

export interface CheckAnswer {
  inputs: Props;
  failures: { property: string; reason: string }[];
}
export interface DiffAnswer {
  changes: "SOME" | "NONE" | "UNKNOWN";
  replaces: string[];
  deleteBeforeReplace: boolean;
}
export interface CreateAnswer {
  id: string;
  properties: Props;
}
export interface ReadAnswer {
  id: string;
  properties: Props;
  inputs?: Props;
}

/** What one host process printed, and how it ended. */
export interface HostRun {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** A provider call the host answered with an error: the message is what the engine would show. */
export class ProviderError extends Error {
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

export interface ProviderHost {
  check(olds: Props, news: Props): Promise<CheckAnswer>;
  diff(id: string, olds: Props, news: Props): Promise<DiffAnswer>;
  create(props: Props): Promise<CreateAnswer>;
  read(id: string, props: Props): Promise<ReadAnswer>;
  update(id: string, olds: Props, news: Props): Promise<{ properties: Props }>;
  delete(id: string, props: Props): Promise<void>;
  /** Ends the deployment: closes the host's stdin and waits for it to exit. */
  close(): Promise<HostRun>;
}

/**
 * Environment of the host: only what a deployment machine would have. AWS credentials are
 * dummies for cognito-local; no metadata service lookups.
 */
export const hostEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  AWS_ACCESS_KEY_ID: "AKIDLOCAL",
  AWS_SECRET_ACCESS_KEY: "local-dummy",
  AWS_EC2_METADATA_DISABLED: "true",
  ...extra,
});

/** Starts a fresh dynamic-provider host process (one per deployment, as the engine does). */
export function startHost(options: { env?: Record<string, string> } = {}): ProviderHost {
  const child = spawn(process.execPath, [HOST], {
    cwd: REPO,
    env: options.env ?? hostEnv(),
    stdio: ["pipe", "pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString("utf8")));

  let seq = 0;
  const waiting = new Map<number, { method: string; resolve: (v: any) => void; reject: (e: Error) => void }>();
  const answers = readline.createInterface({ input: child.stdio[3] as Readable });
  answers.on("line", (line) => {
    const answer = JSON.parse(line) as { seq: number; ok: boolean; result?: unknown; message?: string };
    const call = waiting.get(answer.seq);
    if (!call) return;
    waiting.delete(answer.seq);
    if (answer.ok) call.resolve(answer.result);
    else call.reject(new ProviderError(call.method, answer.message ?? ""));
  });

  const exited = new Promise<HostRun>((resolve) => {
    child.once("close", (code) => {
      for (const call of waiting.values()) {
        call.reject(
          new ProviderError(call.method, `the provider host exited (code ${code}) before answering ${call.method}; its stderr:\n${stderr}`),
        );
      }
      waiting.clear();
      resolve({ stdout, stderr, code });
    });
  });
  child.once("error", (e) => (stderr += `spawn error: ${e.message}\n`));

  function request<T>(method: string, body: Record<string, unknown>): Promise<T> {
    seq += 1;
    const n = seq;
    return new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || !child.stdin?.writable) {
        reject(new ProviderError(method, `the provider host is not running; its stderr:\n${stderr}`));
        return;
      }
      waiting.set(n, { method, resolve, reject });
      child.stdin.write(`${JSON.stringify({ seq: n, method, ...body })}\n`);
    });
  }

  return {
    check: (olds, news) => request("check", { olds, news }),
    diff: (id, olds, news) => request("diff", { id, olds, news }),
    create: (props) => request("create", { props }),
    read: (id, props) => request("read", { id, props }),
    update: (id, olds, news) => request("update", { id, olds, news }),
    delete: (id, props) => request("delete", { id, props }),
    close: () => {
      child.stdin?.end();
      return exited;
    },
  };
}

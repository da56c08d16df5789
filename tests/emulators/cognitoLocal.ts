import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stripVTControlCharacters } from "node:util";

export interface CognitoLocal {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  /** The server's process id. */
  pid: number;
  /** Stops the server this call started and removes its data directory. */
  stop: () => Promise<void>;
}

/** Dummy credentials and region for an SDK client pointed at cognito-local. */
export const cognitoLocalClientConfig = (endpoint: string) => ({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});

/**
 * Starts cognito-local as a child process on 127.0.0.1 and a random port, with its data in a fresh
 * temp directory (it keeps `.cognito/` under its working directory).
 */
export interface StartOptions {
  /**
   * Its own process group, so a Ctrl-C in the terminal reaches only the command that started it,
   * which then tears down in order (stack first, emulators last).
   */
  detached?: boolean;
}

export async function start(options: StartOptions = {}): Promise<CognitoLocal> {
  const bin = path.join(path.dirname(require.resolve("cognito-local/package.json")), "lib", "bin", "start.js");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-local-"));
  const child: ChildProcess = spawn(process.execPath, [bin], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached === true,
  });
  let output = "";
  const endpoint = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += stripVTControlCharacters(chunk.toString("utf8"));
      const m = /Cognito Local running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("exit", (code) => reject(new Error(`cognito-local exited with ${code} before listening:\n${output}`)));
    child.once("error", reject);
  });
  child.removeAllListeners("exit");
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        fs.rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once("exit", done);
      if (child.pid !== undefined) process.kill(child.pid, "SIGTERM");
    });
  return { endpoint, pid: child.pid!, stop };
}

/** One Cognito JSON-protocol call without the SDK (cognito-local checks no signature). */
export async function cognitoCall<T = any>(endpoint: string, op: string, body: object): Promise<T> {
  const res = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityProviderService.${op}`,
    },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as T;
  if (!res.ok) throw new Error(`${op} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/**
 * Starts moto's server (serve.py: `moto.server`, the module behind `moto_server`, with
 * corrections to its policy conditions and to CloudFront, ACM and Route 53) from the
 * cached venv (ensureVenv.ts) on 127.0.0.1 and a free port, waits until it answers HTTP, and
 * stops it by its pid. One server answers every service (S3 path-style at `<endpoint>/<bucket>/
 * <key>`, STS, API Gateway, cognito-idp, CloudFront, ACM, Route 53, ...) and every region, over plain HTTP.
 *
 *   const moto = await startMoto();
 *   // endpoints: [{ s3: moto.endpoint, sts: moto.endpoint }], credentials: any, e.g. "test"/"test"
 *   await moto.stop();
 */
import { ChildProcess, spawn } from "node:child_process";
import * as http from "node:http";
import * as net from "node:net";
import * as path from "node:path";
import { ensureMotoVenv } from "./ensureVenv";

export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  pid: number;
  /** The last lines moto wrote (its request log), for failure messages. */
  logTail(): string;
  /** Forgets every resource of every service (`POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** SIGTERM to this server's pid, SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** Milliseconds to wait for the server to answer (default 60000). */
  timeoutMs?: number;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Its own process group: a Ctrl-C in the terminal then reaches only the command that started it. */
  detached?: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function request(method: string, url: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

async function startOnce(python: string, port: number, opts: StartMotoOptions): Promise<MotoServer> {
  // serve.py: moto.server with AWS's rule for condition keys absent from the request (see there).
  const child = spawn(python, [path.join(__dirname, "serve.py"), "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
    // ACM issues a DNS-validated certificate once its validation CNAME is in Route 53 (serve.py,
    // correction 8); moto's own wait before issuing (default 60 s) is not added on top.
    env: { ...process.env, MOTO_ACM_VALIDATION_WAIT: process.env.MOTO_ACM_VALIDATION_WAIT ?? "0", ...opts.env },
    detached: opts.detached === true,
  });
  let tail = "";
  const keep = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-8000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exitInfo: string | undefined;
  child.on("exit", (code, signal) => {
    exitInfo = signal ?? `exit ${code}`;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60000);
  for (;;) {
    if (exitInfo !== undefined) throw new Error(`moto server exited before answering (${exitInfo}):\n${tail}`);
    try {
      await request("GET", `${endpoint}/moto-api/data.json`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`moto server did not answer on ${endpoint} within ${opts.timeoutMs ?? 60000} ms:\n${tail}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  const pid = child.pid!;
  return {
    endpoint,
    port,
    pid,
    logTail: () => tail,
    async reset() {
      const status = await request("POST", `${endpoint}/moto-api/reset`);
      if (status !== 200) throw new Error(`moto reset answered ${status}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(pid, "SIGTERM");
      const timer = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGKILL");
      }, 5000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

/** Creates/reuses the venv, then starts a server (retrying on another port if one was taken meanwhile). */
export async function startMoto(opts: StartMotoOptions = {}): Promise<MotoServer> {
  const venv = await ensureMotoVenv();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(venv.python, await freePort(), opts);
    } catch (e) {
      lastError = e;
      if (!/Address already in use/i.test(String((e as Error).message))) throw e;
    }
  }
  throw lastError;
}

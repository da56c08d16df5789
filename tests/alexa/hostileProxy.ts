/**
 * A hostile or broken server on 127.0.0.1 for the hardening tests: by default a proxy in front of
 * a target (the SMAPI/LWA emulator), whose answers a test may replace (`intercept`) or change
 * (`rewrite`): redirects, trickled bodies, huge bodies, echoed headers, missing ETags. Every
 * request is recorded with the time its connection closed.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Date.now() when the connection of this request closed; undefined while it is open. */
  closedAt?: number;
}

export interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HostileServer {
  url: string;
  requests: SeenRequest[];
  /** Answers a request itself; return true when it did. */
  intercept?: (req: SeenRequest, res: http.ServerResponse) => boolean | void;
  /** Changes a forwarded answer. */
  rewrite?: (req: SeenRequest, upstream: Upstream) => Upstream;
  /** Bytes written by handlers that stream (trickle, huge bodies). */
  bytesWritten: number;
  reset(): void;
  stop(): Promise<void>;
}

/** A proxy to `target`, or with no target a server that answers 404 unless a test intercepts. */
export async function startHostile(target?: string): Promise<HostileServer> {
  const state: HostileServer = {
    url: "",
    requests: [],
    bytesWritten: 0,
    reset() {
      state.requests.length = 0;
      state.intercept = undefined;
      state.rewrite = undefined;
      state.bytesWritten = 0;
    },
    stop: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const seen: SeenRequest = {
        method: req.method ?? "",
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      state.requests.push(seen);
      res.on("close", () => (seen.closedAt = Date.now()));
      try {
        if (state.intercept?.(seen, res)) return;
        if (!target) {
          res.writeHead(404, { "content-type": "application/json" });
          res.end(JSON.stringify({ message: "no route" }));
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === "string" && k !== "host" && k !== "content-length" && k !== "connection") headers[k] = v;
        }
        const answer = await fetch(target + seen.path, {
          method: seen.method,
          headers,
          body: seen.method === "GET" || seen.method === "HEAD" ? undefined : seen.body,
          redirect: "manual",
        });
        let upstream: Upstream = { status: answer.status, headers: {}, body: await answer.text() };
        answer.headers.forEach((value, key) => {
          if (key !== "content-length" && key !== "transfer-encoding" && key !== "connection") upstream.headers[key] = value;
        });
        if (state.rewrite) upstream = state.rewrite(seen, upstream);
        res.writeHead(upstream.status, upstream.headers);
        res.end(upstream.body);
      } catch (err) {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: `proxy error: ${String(err)}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** Answers 200 and then sends one byte every `everyMs` until the client goes away. */
export function trickle(server: HostileServer, res: http.ServerResponse, everyMs = 50, contentType = "application/json"): void {
  res.writeHead(200, { "content-type": contentType });
  res.write("{");
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(" ");
    server.bytesWritten += 1;
  }, everyMs);
  res.on("close", () => clearInterval(timer));
}

/** Streams `total` bytes (`prefix`, then `fill`) with backpressure, stopping when the client goes away. */
export function stream(
  server: HostileServer,
  res: http.ServerResponse,
  status: number,
  contentType: string,
  prefix: string,
  total: number,
  suffix = "",
): void {
  res.writeHead(status, { "content-type": contentType });
  const chunk = Buffer.alloc(64 * 1024, "x");
  let sent = 0;
  const pump = () => {
    if (sent === 0) {
      res.write(prefix);
      sent += prefix.length;
    }
    while (!res.destroyed && sent < total) {
      const ok = res.write(chunk);
      sent += chunk.length;
      server.bytesWritten += chunk.length;
      if (!ok) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end(suffix);
  };
  pump();
}

/** Waits until `check` holds or `ms` passed; returns whether it held. */
export async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

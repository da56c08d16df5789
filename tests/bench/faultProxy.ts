import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { throttler, type ThrottlePolicy } from "./throttle";

/** How the proxy names a request: the counter it goes to, and the target its 429 streak is kept for. */
export interface Classified {
  label: string;
  target: string;
}

export interface FaultProxyOptions {
  target: string;
  /** Added before every answer, throttled or not. */
  latencyMs: number;
  throttle: ThrottlePolicy;
  random: () => number;
  classify: (method: string, path: string, headers: http.IncomingHttpHeaders, body: string) => Classified;
  /** The 429 answer in the service's own shape. */
  throttled: (label: string) => { body: unknown; headers?: Record<string, string> };
}

export interface Counts {
  /** Requests, throttled ones included. */
  calls: number;
  throttled: number;
}

export interface FaultProxy {
  url: string;
  counts: Map<string, Counts>;
  reset(): void;
  close(): Promise<void>;
}

const HOP_HEADERS = ["connection", "content-length", "content-encoding", "transfer-encoding", "keep-alive", "host"];

/** A proxy on 127.0.0.1 that delays every request, answers some with 429 and counts them by label. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const counts = new Map<string, Counts>();
  let shouldThrottle = throttler(options.throttle, options.random);
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const { label, target } = options.classify(method, path, req.headers, body);
    const count = counts.get(label) ?? { calls: 0, throttled: 0 };
    counts.set(label, count);
    count.calls += 1;
    await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    try {
      if (shouldThrottle(target)) {
        count.throttled += 1;
        const answer = options.throttled(label);
        const text = JSON.stringify(answer.body);
        res.writeHead(429, { "content-type": "application/json", ...answer.headers });
        res.end(text);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === "string" && !HOP_HEADERS.includes(k)) headers[k] = v;
      }
      const upstream = await fetch(options.target + path, {
        method,
        headers,
        body: method === "GET" || method === "HEAD" ? undefined : body,
      });
      const text = await upstream.text();
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (!HOP_HEADERS.includes(k)) out[k] = v;
      });
      res.writeHead(upstream.status, out);
      res.end(text);
    } catch (e) {
      res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `proxy: ${(e as Error).message}` }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    reset() {
      counts.clear();
      shouldThrottle = throttler(options.throttle, options.random);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** SMAPI and LWA requests: "LWA token", "SMAPI GET", "SMAPI PUT"... */
export function classifySmapi(method: string, path: string): Classified {
  if (path.startsWith("/auth/O2/token")) return { label: "LWA token", target: "token" };
  return { label: `SMAPI ${method}`, target: `${method} ${path}` };
}

/** Cognito JSON-protocol requests: "Cognito <operation>". */
export function classifyCognito(_method: string, _path: string, headers: http.IncomingHttpHeaders, body: string): Classified {
  const op = String(headers["x-amz-target"] ?? "").split(".")[1] ?? "unknown";
  let client = "";
  try {
    client = String((JSON.parse(body) as { ClientId?: string }).ClientId ?? "");
  } catch {
    client = "";
  }
  return { label: `Cognito ${op}`, target: `${op} ${client}` };
}

export const smapiThrottled = (label: string) =>
  label === "LWA token" ? { body: { error: "slow_down", error_description: "Rate exceeded" } } : { body: { message: "Rate exceeded." } };

export const cognitoThrottled = () => ({
  body: { __type: "TooManyRequestsException", message: "Rate exceeded" },
  headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "TooManyRequestsException" },
});

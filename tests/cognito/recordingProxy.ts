import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** One Cognito call as it crossed the proxy. */
export interface Exchange {
  /** X-Amz-Target operation, e.g. "UpdateUserPoolClient". */
  op: string;
  request: any;
  status: number;
  response: any;
}

export interface ProxyHooks {
  /** Answer a call without forwarding it (inject throttling, faults). */
  intercept?: (op: string, request: any) => { status: number; body: any } | undefined;
  /** Change a forwarded answer before the client sees it. */
  rewrite?: (op: string, response: any) => any;
  /** Runs after a call was forwarded and before the answer goes back (a concurrent writer). */
  after?: (op: string, request: any) => Promise<void>;
}

export interface RecordingProxy {
  endpoint: string;
  exchanges: Exchange[];
  hooks: ProxyHooks;
  calls: (op: string) => Exchange[];
  close: () => Promise<void>;
}

/** A JSON-protocol proxy on 127.0.0.1 in front of `target` that records every exchange. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const hooks: ProxyHooks = {};
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const op = String(req.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
    const request = raw ? JSON.parse(raw) : {};
    const reply = (status: number, body: any) => {
      exchanges.push({ op, request, status, response: body });
      res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify(body));
    };
    try {
      const injected = hooks.intercept?.(op, request);
      if (injected) return reply(injected.status, injected.body);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === "string" && k !== "host" && k !== "content-length") headers[k] = v;
      }
      const upstream = await fetch(target + (req.url ?? "/"), { method: req.method, headers, body: raw });
      const text = await upstream.text();
      let body = text ? JSON.parse(text) : {};
      if (upstream.status === 200 && hooks.rewrite) body = hooks.rewrite(op, body);
      if (hooks.after) await hooks.after(op, request);
      reply(upstream.status, body);
    } catch (err) {
      reply(500, { __type: "ProxyError", message: String(err) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    exchanges,
    hooks,
    calls: (op) => exchanges.filter((e) => e.op === op),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

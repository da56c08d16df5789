import { APIGatewayClient, GetResourcesCommand, GetStagesCommand } from "@aws-sdk/client-api-gateway";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { rejectingTokenEndpoint, type EmulatedApi, type InvokeResponse } from "./apiGateway";

/**
 * API Gateway as one endpoint in front of moto: the management API (what the stack's lookup reads)
 * is forwarded to moto, and an invoke of a deployed method, addressed LocalStack style
 * (`<url>/restapis/<id>/<stage>/_user_request_<path>`, what `doctor --api-gateway-endpoint` sends),
 * is answered here, because moto's server does not serve invoke URLs. A POST method that moto has
 * deployed at that stage answers as RainMaker's token exchange does to a code it never issued
 * (rejectingTokenEndpoint); anything else gets API Gateway's 403 Missing Authentication Token.
 */
export interface ApiGatewayFront {
  /** The endpoint for `endpoints.apiGateway` and `doctor --api-gateway-endpoint`. */
  url: string;
  /** Every invoke answered here, in order. */
  invokes: { apiId: string; stage: string; path: string; contentType: string; status: number }[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

export async function startApiGatewayFront(
  target: string,
  region: string,
  credentials = { accessKeyId: "testing", secretAccessKey: "testing" },
): Promise<ApiGatewayFront> {
  const client = new APIGatewayClient({ endpoint: target, region, credentials });
  const invokes: ApiGatewayFront["invokes"] = [];

  async function invoke(
    apiId: string,
    stage: string,
    path: string,
    method: string,
    headers: http.IncomingHttpHeaders,
    body: string,
  ): Promise<InvokeResponse> {
    const missing: InvokeResponse = {
      status: 403,
      body: { message: "Missing Authentication Token" },
      headers: { "x-amzn-ErrorType": "MissingAuthenticationTokenException" },
    };
    try {
      const stages = await client.send(new GetStagesCommand({ restApiId: apiId }));
      if (!(stages.item ?? []).some((s) => s.stageName === stage)) return missing;
      const resources = await client.send(new GetResourcesCommand({ restApiId: apiId, embed: ["methods"], limit: 500 }));
      const resource = (resources.items ?? []).find((r) => r.path === path);
      if (method !== "POST" || !resource || !Object.keys(resource.resourceMethods ?? {}).includes("POST")) return missing;
    } catch {
      return missing;
    }
    const api: EmulatedApi = { id: apiId, name: "", stages: [stage], resources: [{ path, methods: ["POST"] }] };
    return rejectingTokenEndpoint({ api, stage, path, headers, body });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const pathname = new URL(req.url ?? "/", "http://front").pathname;
      const user = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)$/.exec(pathname);
      const answer = user
        ? invoke(user[1], user[2], user[3], req.method ?? "", req.headers, raw.toString("utf8")).then((a) => {
            invokes.push({
              apiId: user[1],
              stage: user[2],
              path: user[3],
              contentType: String(req.headers["content-type"] ?? ""),
              status: a.status,
            });
            res.writeHead(a.status, { "content-type": "application/json", ...(a.headers ?? {}) });
            res.end(JSON.stringify(a.body));
          })
        : forward(req, raw, res);
      answer.catch((err: Error) => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: `api gateway front: ${err.message}` }));
      });
    });
  });

  async function forward(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string" && !HOP_BY_HOP.has(key)) headers[key] = value;
    const method = req.method ?? "GET";
    const upstream = await fetch(`${target}${req.url ?? "/"}`, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : body,
      redirect: "manual",
    });
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, key) => {
      if (!HOP_BY_HOP.has(key) && key !== "content-encoding") out[key] = value;
    });
    const bytes = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, out);
    res.end(bytes);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    invokes,
    close: () =>
      new Promise<void>((resolve) => {
        client.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

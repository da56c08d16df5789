import * as http from "node:http";
import { AddressInfo } from "node:net";

/**
 * A local API Gateway (REST API v1) for tests: the management reads the lookup makes, with the
 * wire shapes of @aws-sdk/client-api-gateway (`item` arrays, `position` paging, errors typed by
 * the `x-amzn-ErrorType` header), plus the invoke of a deployed POST method for `doctor`.
 */

export interface EmulatedResource {
  path: string;
  /** HTTP methods, e.g. ["POST"]. */
  methods: string[];
  /** Default: derived from the path. */
  id?: string;
}

export interface EmulatedApi {
  /** 10 lowercase letters or digits, as API Gateway makes them. */
  id: string;
  name: string;
  /** Epoch seconds. Default: 1700000000. */
  createdDate?: number;
  endpointTypes?: string[];
  disableExecuteApiEndpoint?: boolean;
  stages: string[];
  resources: EmulatedResource[];
}

export interface InvokeRequest {
  api: EmulatedApi;
  stage: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface InvokeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: Record<string, string>;
  /** Whether the request carried a SigV4 Authorization header. */
  signed: boolean;
  body: string;
}

export interface ApiGatewayEmulatorOptions {
  apis?: EmulatedApi[];
  /** Largest page served whatever `limit` asks: small values exercise `position` paging. */
  maxPageSize?: number;
  /** Answers to invokes. Default: {@link rejectingTokenEndpoint}. */
  invoke?: (request: InvokeRequest) => InvokeResponse | Promise<InvokeResponse>;
  /** The next N management requests answer 429 TooManyRequestsException. */
  throttleNext?: number;
}

export interface ApiGatewayEmulator {
  /** Management endpoint, for `endpoints.apiGateway`. */
  url: string;
  requests: RecordedRequest[];
  apis: EmulatedApi[];
  /** Invoke URL of a method, LocalStack style: `<url>/restapis/<id>/<stage>/_user_request_<path>`. */
  invokeUrl(apiId: string, stage: string, path: string): string;
  setInvoke(handler: NonNullable<ApiGatewayEmulatorOptions["invoke"]>): void;
  throttle(count: number): void;
  close(): Promise<void>;
}

/**
 * What the RainMaker token exchange answers to a code it did not issue: 400 with an OAuth error,
 * or 400 invalid_request when `code` or `redirect_uri` is missing.
 */
export function rejectingTokenEndpoint(request: InvokeRequest): InvokeResponse {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    return { status: 400, body: { error: "invalid_request", error_description: "body is not JSON" } };
  }
  if (typeof body.code !== "string" || typeof body.redirect_uri !== "string") {
    return { status: 400, body: { error: "invalid_request", error_description: "code and redirect_uri are required" } };
  }
  return { status: 400, body: { error: "invalid_grant", error_description: "authorization code is invalid or expired" } };
}

export async function startApiGatewayEmulator(options: ApiGatewayEmulatorOptions = {}): Promise<ApiGatewayEmulator> {
  const apis = options.apis ?? [];
  const requests: RecordedRequest[] = [];
  const maxPageSize = options.maxPageSize ?? 500;
  let invoke = options.invoke ?? rejectingTokenEndpoint;
  let throttleNext = options.throttleNext ?? 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://emulator");
      const query = Object.fromEntries(url.searchParams.entries());
      requests.push({
        method: req.method ?? "",
        path: url.pathname,
        query,
        signed: /^AWS4-HMAC-SHA256 /.test(req.headers.authorization ?? ""),
        body,
      });
      handle(req.method ?? "", url.pathname, url.searchParams, req.headers, body)
        .then((answer) => send(res, answer))
        .catch((err: Error) => send(res, { status: 500, body: { message: err.message } }));
    });
  });

  async function handle(
    method: string,
    path: string,
    params: URLSearchParams,
    headers: http.IncomingHttpHeaders,
    body: string,
  ): Promise<InvokeResponse> {
    const user = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)$/.exec(path);
    if (user) return invokeMethod(user[1], user[2], user[3], headers, body);
    if (method === "GET" && path.startsWith("/restapis")) {
      if (throttleNext > 0) {
        throttleNext -= 1;
        return awsError(429, "TooManyRequestsException", "Too Many Requests", { "Retry-After": "0" });
      }
      return management(path, params);
    }
    return awsError(404, "NotFoundException", `No route for ${method} ${path}`);
  }

  function management(path: string, params: URLSearchParams): InvokeResponse {
    if (path === "/restapis") {
      return page(apis.map(restApiJson), params);
    }
    const stages = /^\/restapis\/([^/]+)\/stages$/.exec(path);
    if (stages) {
      const api = apis.find((a) => a.id === stages[1]);
      if (!api) return invalidApi(stages[1]);
      return {
        status: 200,
        body: { item: api.stages.map((stageName) => ({ stageName, deploymentId: "dep001", createdDate: 1700000000 })) },
      };
    }
    const resources = /^\/restapis\/([^/]+)\/resources$/.exec(path);
    if (resources) {
      const api = apis.find((a) => a.id === resources[1]);
      if (!api) return invalidApi(resources[1]);
      const embed = params.getAll("embed").join(",").split(",").includes("methods");
      return page(
        api.resources.map((r) => resourceJson(r, embed)),
        params,
      );
    }
    return awsError(404, "NotFoundException", `Invalid resource path ${path}`);
  }

  function page(items: unknown[], params: URLSearchParams): InvokeResponse {
    const limit = Math.min(Number(params.get("limit") ?? 25), maxPageSize);
    const start = params.has("position") ? Number(Buffer.from(params.get("position") ?? "", "base64url").toString("utf8")) : 0;
    if (!Number.isInteger(start) || start < 0 || start > items.length) {
      return awsError(400, "BadRequestException", "Invalid position parameter");
    }
    const end = start + limit;
    const next = end < items.length ? { position: Buffer.from(String(end), "utf8").toString("base64url") } : {};
    return { status: 200, body: { item: items.slice(start, end), ...next } };
  }

  async function invokeMethod(
    apiId: string,
    stage: string,
    path: string,
    headers: http.IncomingHttpHeaders,
    body: string,
  ): Promise<InvokeResponse> {
    const api = apis.find((a) => a.id === apiId);
    const resource = api?.resources.find((r) => r.path === path);
    // API Gateway's answer to any path or method that is not deployed.
    if (!api || !api.stages.includes(stage) || !resource || !resource.methods.includes("POST")) {
      return {
        status: 403,
        body: { message: "Missing Authentication Token" },
        headers: { "x-amzn-ErrorType": "MissingAuthenticationTokenException" },
      };
    }
    return invoke({ api, stage, path, headers, body });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    requests,
    apis,
    invokeUrl: (apiId, stage, path) => `${url}/restapis/${apiId}/${stage}/_user_request_${path}`,
    setInvoke: (handler) => {
      invoke = handler;
    },
    throttle: (count) => {
      throttleNext = count;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function restApiJson(api: EmulatedApi): Record<string, unknown> {
  return {
    id: api.id,
    name: api.name,
    createdDate: api.createdDate ?? 1700000000,
    apiKeySource: "HEADER",
    endpointConfiguration: { types: api.endpointTypes ?? ["REGIONAL"] },
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint ?? false,
    rootResourceId: resourceId(api.resources.find((r) => r.path === "/") ?? { path: "/", methods: [] }),
  };
}

function resourceJson(resource: EmulatedResource, embed: boolean): Record<string, unknown> {
  const segments = resource.path.split("/").filter(Boolean);
  const parentPath = segments.length === 0 ? undefined : `/${segments.slice(0, -1).join("/")}`;
  const methods = Object.fromEntries(
    resource.methods.map((m) => [m, embed ? { httpMethod: m, authorizationType: "NONE", apiKeyRequired: false } : {}]),
  );
  return {
    id: resourceId(resource),
    path: resource.path,
    ...(parentPath === undefined
      ? {}
      : { parentId: resourceId({ path: parentPath, methods: [] }), pathPart: segments[segments.length - 1] }),
    ...(resource.methods.length > 0 ? { resourceMethods: methods } : {}),
  };
}

function resourceId(resource: EmulatedResource): string {
  if (resource.id) return resource.id;
  let hash = 0;
  for (const ch of resource.path) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash.toString(36).padStart(6, "0").slice(-6);
}

function invalidApi(id: string): InvokeResponse {
  return awsError(404, "NotFoundException", `Invalid API identifier specified 123456789012:${id}`);
}

function awsError(status: number, type: string, message: string, headers: Record<string, string> = {}): InvokeResponse {
  return {
    status,
    body: { message },
    headers: { "x-amzn-ErrorType": `${type}:http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/`, ...headers },
  };
}

function send(res: http.ServerResponse, answer: InvokeResponse): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...answer.headers });
  res.end(text);
}

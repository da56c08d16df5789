/**
 * A local SMAPI + Login with Amazon server for tests, on 127.0.0.1 and a random port. It speaks
 * the documented shapes and quirks (shared/domain-notes.md):
 * - GET  /v1/skills/{id}/stages/{stage}/accountLinkingClient: 200 `{"accountLinkingResponse": ...}`
 *   without `clientSecret`, `skipOnEnablement` as a string, an ETag header; 404 when the skill has
 *   no account linking.
 * - PUT  same path: body `{"accountLinkingRequest": ...}`, full replace; 204 with a new ETag; 412
 *   on a stale If-Match; 400 without `clientSecret`, with a non-boolean `skipOnEnablement`, or for
 *   any stage but `development`.
 * - DELETE same path: 204, removes the account linking (recorded so tests can prove it is never called).
 * - POST /auth/O2/token: form-encoded refresh-token grant; checks the credentials exactly.
 * - SMAPI requires `Authorization: Bearer <token issued here>`, else 401.
 * - Failures can be injected (status bursts such as 429 or 500, or connection resets).
 * Every request is recorded.
 */
import { createHash, randomBytes } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** An account linking as stored: what was last PUT, `clientSecret` included. */
export type StoredLinking = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Status answered; 0 for a connection reset. */
  status: number;
}

export interface InjectedFailure {
  /** How many matching requests fail. */
  times: number;
  /** Status to answer (429, 500, 503...). */
  status?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Only requests with this method. */
  method?: string;
  /** Only requests whose path contains this. */
  path?: string;
  /** Body to answer; default `{"message": ...}` in SMAPI's shape. */
  body?: unknown;
}

export interface SmapiEmulatorOptions {
  /** The credentials LWA accepts. Default: values holding `&`, `=`, `+`. */
  lwa?: LwaCredentials;
  tokenTtlSeconds?: number;
}

export interface SmapiEmulator {
  /** SMAPI base URL. */
  url: string;
  /** LWA base URL (the same server). */
  lwaUrl: string;
  lwa: LwaCredentials;
  /** Registers a skill; `linking` undefined means a skill with no account linking (GET 404). */
  setSkill(skillId: string, stage: string, linking: StoredLinking | undefined): void;
  /** The stored account linking, `clientSecret` included. */
  getSkill(skillId: string, stage: string): StoredLinking | undefined;
  etagOf(skillId: string, stage: string): string | undefined;
  inject(failure: InjectedFailure): void;
  /** Drops the injected failures not used up. */
  clearFailures(): void;
  /** Called after each successful GET of an account linking (to simulate a concurrent edit). */
  onAfterGet(hook: ((skillId: string, stage: string) => void) | undefined): void;
  requests: RecordedRequest[];
  /** Requests to SMAPI (not LWA), optionally of one method. */
  smapiRequests(method?: string): RecordedRequest[];
  tokensIssued(): number;
  revokeTokens(): void;
  /** From now on LWA accepts only these credentials (a rotation that revokes the old ones). */
  setLwa(credentials: LwaCredentials): void;
  clearRequests(): void;
  stop(): Promise<void>;
}

export const DEFAULT_LWA: LwaCredentials = {
  clientId: "amzn1.application-oa2-client.emu&client=id+1",
  clientSecret: "amzn1.oa2-cs.v1.s3cr&t=with+plus==",
  refreshToken: "Atzr|IwEB&refresh=token+with/slash==",
};

const ROUTE = /^\/v1\/skills\/([^/]+)\/stages\/([^/]+)\/accountLinkingClient$/;

interface Skill {
  linking?: StoredLinking;
  version: number;
}

export async function start(options: SmapiEmulatorOptions = {}): Promise<SmapiEmulator> {
  let lwa = options.lwa ?? DEFAULT_LWA;
  const ttl = options.tokenTtlSeconds ?? 3600;
  const skills = new Map<string, Skill>();
  const tokens = new Set<string>();
  let issued = 0;
  let failures: InjectedFailure[] = [];
  let afterGet: ((skillId: string, stage: string) => void) | undefined;
  const requests: RecordedRequest[] = [];

  const key = (skillId: string, stage: string) => `${skillId}/${stage}`;
  const etag = (skill: Skill) =>
    `"${skill.version}-${createHash("sha1")
      .update(JSON.stringify(skill.linking ?? null))
      .digest("hex")
      .slice(0, 12)}"`;

  function send(res: http.ServerResponse, record: RecordedRequest, status: number, body?: unknown, headers: Record<string, string> = {}) {
    record.status = status;
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { "content-type": "application/json" } : {}), ...headers });
    res.end(text);
  }

  function takeFailure(method: string, path: string): InjectedFailure | undefined {
    const found = failures.find((f) => f.times > 0 && (!f.method || f.method === method) && (!f.path || path.includes(f.path)));
    if (!found) return undefined;
    found.times--;
    failures = failures.filter((f) => f.times > 0);
    return found;
  }

  function handleToken(res: http.ServerResponse, record: RecordedRequest) {
    const form = new URLSearchParams(record.body);
    if (form.get("grant_type") !== "refresh_token") {
      return send(res, record, 400, { error: "unsupported_grant_type", error_description: "grant_type must be refresh_token" });
    }
    if (form.get("client_id") !== lwa.clientId || form.get("client_secret") !== lwa.clientSecret) {
      return send(res, record, 401, { error: "invalid_client", error_description: "Client authentication failed" });
    }
    if (form.get("refresh_token") !== lwa.refreshToken) {
      return send(res, record, 400, {
        error: "invalid_grant",
        error_description: "The request has an invalid grant parameter : refresh_token",
      });
    }
    issued++;
    const token = `Atza|emu-${issued}-${randomBytes(8).toString("hex")}`;
    tokens.add(token);
    return send(res, record, 200, { access_token: token, refresh_token: lwa.refreshToken, token_type: "bearer", expires_in: ttl });
  }

  function putProblem(stage: string, body: unknown): string | undefined {
    if (stage !== "development") {
      return `Account linking of stage '${stage}' cannot be updated; only the development stage can be changed.`;
    }
    const request = (body as { accountLinkingRequest?: unknown } | undefined)?.accountLinkingRequest;
    if (!request || typeof request !== "object" || Array.isArray(request)) {
      return "accountLinkingRequest is required.";
    }
    const r = request as Record<string, unknown>;
    if (typeof r.clientSecret !== "string" || !r.clientSecret) return "clientSecret is required.";
    if ("skipOnEnablement" in r && typeof r.skipOnEnablement !== "boolean") {
      return "skipOnEnablement must be a boolean.";
    }
    if (
      r.redirectUrls !== undefined &&
      (!Array.isArray(r.redirectUrls) || r.redirectUrls.some((u) => typeof u !== "string" || !u.startsWith("https://")))
    ) {
      return "redirectUrls must be a list of https URLs.";
    }
    return undefined;
  }

  function handleSmapi(req: http.IncomingMessage, res: http.ServerResponse, record: RecordedRequest, skillId: string, stage: string) {
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer ") || !tokens.has(auth.slice("Bearer ".length))) {
      return send(res, record, 401, { message: "The auth token is invalid/expired or doesn't have access to the resource." });
    }
    const skill = skills.get(key(skillId, stage));
    if (req.method === "GET") {
      if (!skill?.linking) return send(res, record, 404, { message: "The resource being requested is not found." });
      const { clientSecret: _omitted, ...shown } = skill.linking;
      void _omitted;
      if (typeof shown.skipOnEnablement === "boolean") shown.skipOnEnablement = String(shown.skipOnEnablement);
      send(res, record, 200, { accountLinkingResponse: shown }, { etag: etag(skill) });
      afterGet?.(skillId, stage);
      return;
    }
    if (req.method === "PUT") {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        return send(res, record, 400, { message: "Request body is not JSON." });
      }
      const problem = putProblem(stage, body);
      if (problem)
        return send(res, record, 400, {
          message: "Server cannot process the request due to a client error.",
          violations: [{ code: "INVALID_REQUEST", message: problem }],
        });
      if (!skill) return send(res, record, 404, { message: "The resource being requested is not found." });
      const ifMatch = req.headers["if-match"];
      if (ifMatch !== undefined && ifMatch !== etag(skill)) {
        return send(res, record, 412, { message: "Precondition failed." });
      }
      skill.linking = structuredClone((body as { accountLinkingRequest: StoredLinking }).accountLinkingRequest);
      skill.version++;
      return send(res, record, 204, undefined, { etag: etag(skill) });
    }
    if (req.method === "DELETE") {
      if (!skill?.linking) return send(res, record, 404, { message: "The resource being requested is not found." });
      delete skill.linking;
      skill.version++;
      return send(res, record, 204);
    }
    return send(res, record, 405, { message: "Method not allowed." });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const record: RecordedRequest = {
        method: req.method ?? "",
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        status: 0,
      };
      requests.push(record);
      const failure = takeFailure(record.method, path);
      if (failure?.reset) {
        req.socket.destroy();
        return;
      }
      if (failure) {
        return send(
          res,
          record,
          failure.status ?? 500,
          failure.body ?? { message: failure.status === 429 ? "Rate exceeded." : "Internal Server Error." },
        );
      }
      if (record.method === "POST" && path === "/auth/O2/token") return handleToken(res, record);
      const route = ROUTE.exec(path.split("?")[0]);
      if (route) return handleSmapi(req, res, record, decodeURIComponent(route[1]), decodeURIComponent(route[2]));
      return send(res, record, 404, { message: `No route ${record.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    lwaUrl: url,
    get lwa() {
      return lwa;
    },
    setSkill(skillId, stage, linking) {
      const existing = skills.get(key(skillId, stage));
      const skill: Skill = { linking: linking === undefined ? undefined : structuredClone(linking), version: (existing?.version ?? 0) + 1 };
      skills.set(key(skillId, stage), skill);
    },
    getSkill: (skillId, stage) => {
      const linking = skills.get(key(skillId, stage))?.linking;
      return linking === undefined ? undefined : structuredClone(linking);
    },
    etagOf: (skillId, stage) => {
      const skill = skills.get(key(skillId, stage));
      return skill ? etag(skill) : undefined;
    },
    inject: (failure) => {
      failures.push({ ...failure });
    },
    clearFailures: () => {
      failures = [];
    },
    onAfterGet: (hook) => {
      afterGet = hook;
    },
    requests,
    smapiRequests: (method) => requests.filter((r) => r.path.startsWith("/v1/") && (!method || r.method === method)),
    tokensIssued: () => issued,
    revokeTokens: () => tokens.clear(),
    setLwa: (credentials) => {
      lwa = { ...credentials };
    },
    clearRequests: () => {
      requests.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

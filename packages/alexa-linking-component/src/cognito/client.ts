import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { Transform } from "node:stream";
import { tooLargeError } from "../shared/http";

/** AWS static credentials. */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where the Cognito API is. */
export interface CognitoConnection {
  region: string;
  /** Endpoint override (cognito-local, LocalStack). Default: the regional AWS endpoint. */
  endpoint?: string;
  /** Shared-config profile whose credentials to use. Default: the SDK's credential chain. */
  profile?: string;
  /** Static credentials from the resource's secret inputs; win over `options.credentials`. */
  credentials?: StaticCredentials;
}

/** How the provider talks to Cognito; plain data, so the provider closure serializes. */
export interface CognitoProviderOptions {
  /** Attempts per API call under the SDK's standard retry mode (throttling, 5xx, network). Default 5. */
  maxAttempts?: number;
  /**
   * Rounds of write-until-it-sticks (src/shared/retry.ts) before giving up on a concurrent
   * writer. Default DEFAULT_WRITE_ROUNDS.
   */
  writeRounds?: number;
  /**
   * The longest one API call may take, the SDK's retries included; then it is aborted and its
   * connection closed (the SDK has no deadline of its own, so a server that trickles its answer
   * would hold the deployment forever). Default 120 s.
   */
  requestTimeoutMs?: number;
  /**
   * Static credentials (emulators; doctor's environment). Default: the SDK's credential chain.
   * Options are copied into the serialized provider, which Pulumi stores in the state in clear:
   * CognitoCallbackUrl therefore never leaves them here, it moves them into a secret input.
   */
  credentials?: StaticCredentials;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
/** The most of a Cognito answer this client reads (a described app client is a few KB). */
export const COGNITO_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The static credentials in a value (inputs or state), or undefined when it holds none. Only the
 * three fields the SDK uses are kept, whatever else the value has.
 */
export function staticCredentialsOf(value: unknown): StaticCredentials | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const { accessKeyId, secretAccessKey, sessionToken } = value as Record<string, unknown>;
  if (typeof accessKeyId !== "string" || typeof secretAccessKey !== "string" || !accessKeyId || !secretAccessKey) return undefined;
  return typeof sessionToken === "string" && sessionToken
    ? { accessKeyId, secretAccessKey, sessionToken }
    : { accessKeyId, secretAccessKey };
}

/** A new SDK client; build one per provider call, never capture one in the provider. */
export function createCognitoClient(conn: CognitoConnection, options: CognitoProviderOptions = {}): CognitoIdentityProviderClient {
  const credentials = conn.credentials ?? options.credentials;
  const client = new CognitoIdentityProviderClient({
    region: conn.region,
    ...(conn.endpoint ? { endpoint: conn.endpoint } : {}),
    ...(conn.profile && !credentials ? { profile: conn.profile } : {}),
    ...(credentials ? { credentials } : {}),
    retryMode: "standard",
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
  limitResponseBodies(client, COGNITO_MAX_BODY_BYTES);
  withDeadline(client, options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  return client;
}

/**
 * Every `send` gets an abort signal that fires after `ms`, unless the caller gave its own; an
 * aborted call fails as a TimeoutError that says so.
 */
function withDeadline(client: CognitoIdentityProviderClient, ms: number): void {
  if (!(ms > 0) || !Number.isFinite(ms)) return;
  type Send = (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;
  const send = client.send.bind(client) as Send;
  const bounded: Send = async (command, options) => {
    if (options?.abortSignal) return send(command, options);
    const abortSignal = AbortSignal.timeout(ms);
    try {
      return await send(command, { ...options, abortSignal });
    } catch (error) {
      if (!abortSignal.aborted) throw error;
      throw Object.assign(new Error(`no answer within ${ms} ms (the call and its retries); the request was aborted`), {
        name: "TimeoutError",
      });
    }
  };
  (client as { send: unknown }).send = bounded;
}

/**
 * Every answer's body is read through a counter that fails the call past `limit` bytes and ends
 * the transfer: the SDK would read any size, and a described client is sent back whole by the
 * next update. Innermost in the deserialize step, so it sees the raw body before it is parsed.
 */
function limitResponseBodies(client: CognitoIdentityProviderClient, limit: number): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { body?: unknown };
      const body = response?.body as (NodeJS.ReadableStream & { destroy?: (e?: Error) => void }) | undefined;
      if (body && typeof body.pipe === "function") {
        const request = args.request as { protocol?: string; hostname?: string; port?: number; path?: string } | undefined;
        const url = request?.hostname
          ? `${request.protocol ?? "https:"}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path ?? "/"}`
          : "the Cognito endpoint";
        let size = 0;
        const counter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            size += chunk.length;
            if (size <= limit) return done(null, chunk);
            body.destroy?.();
            done(tooLargeError(url, limit));
          },
        });
        body.on("error", (error: Error) => counter.destroy(error));
        response.body = body.pipe(counter);
      }
      return result;
    },
    { step: "deserialize", priority: "low", name: "alexaLinkingResponseBodyLimit" },
  );
}

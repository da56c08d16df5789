import { TOO_LARGE_ERROR_NAME } from "../shared/http";
import { redact as redactText, serverText } from "../shared/secrets";
import { TIMEOUT_ERROR_NAME, type CallFailure } from "../shared/retry";

// An array, not a Set: closure serialization copies a Set as an empty object.
const CONNECTION_CODES: readonly string[] = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
];

/**
 * The service's error text: SMAPI's `message` plus each violation's message, or LWA's `error`
 * and `error_description`.
 */
export function smapiMessage(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return typeof body === "string" && body ? body : undefined;
  const { message, violations, error, error_description } = body as Record<string, unknown>;
  const parts: string[] = [];
  for (const text of [message, error, error_description]) {
    if (typeof text === "string" && text) parts.push(text);
  }
  if (Array.isArray(violations)) {
    for (const v of violations) {
      const text = (v as { message?: unknown })?.message;
      if (typeof text === "string" && text) parts.push(text);
    }
  }
  return parts.length ? parts.join("; ") : undefined;
}

/**
 * What an error answer says, as a message may show it: only its error fields (smapiMessage),
 * redacted as a whole with every secret of the call and then capped. A body with no such field,
 * or not JSON at all (a proxy's HTML page), is described by its size, never quoted.
 */
export function errorBodyMessage(text: string, statusText: string, secrets: readonly (string | undefined)[]): string {
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const said = parsed === undefined ? undefined : smapiMessage(parsed);
  if (said) return serverText(said, secrets);
  return `${statusText || "no message"} (no error message in the ${text.length}-character answer)`;
}

/**
 * Reduces what a call threw to a CallFailure. The SDK throws `ServiceError` with `statusCode`
 * and the parsed body in `response`; a socket error surfaces as `AskSdkModelRuntime.* Error`;
 * fetch throws a TypeError whose `cause` carries the socket code.
 */
export function classifyError(error: unknown): CallFailure {
  const e = (error ?? {}) as {
    name?: string;
    message?: string;
    statusCode?: number;
    status?: number;
    response?: unknown;
    code?: string;
    cause?: { code?: string; message?: string };
  };
  const status = e.statusCode ?? e.status;
  if (e.name === "ServiceError" || (typeof status === "number" && e.name === "HttpError")) {
    return { status, connection: false, message: smapiMessage(e.response) ?? e.message ?? "no message" };
  }
  // Too large a body, or an endpoint refused before sending: trying again would not help.
  if (e.name === TOO_LARGE_ERROR_NAME || e.name === "UnsafeEndpointError") {
    return { connection: false, message: e.message ?? String(error) };
  }
  const connection =
    e.name === TIMEOUT_ERROR_NAME ||
    e.name === "TimeoutError" ||
    (typeof e.name === "string" && e.name.startsWith("AskSdkModelRuntime")) ||
    (e.code !== undefined && CONNECTION_CODES.includes(e.code)) ||
    (e.cause?.code !== undefined && CONNECTION_CODES.includes(e.cause.code)) ||
    (e.name === "TypeError" && e.message === "fetch failed");
  const message = [e.message, e.cause?.message].filter(Boolean).join(": ") || String(error);
  return { connection, message };
}

/**
 * `text` with every secret replaced, in every form it may come back in (src/shared/secrets.ts,
 * the one rule). Error text may quote a request back; a secret must never reach a log or an
 * error message. Run it on server text before cutting it.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return redactText(text, secrets);
}

/** "HTTP 429: Too many requests" or "connection error: socket hang up". */
export const describeFailure = (failure: CallFailure): string =>
  failure.status !== undefined ? `HTTP ${failure.status}: ${failure.message}` : `connection error: ${failure.message}`;

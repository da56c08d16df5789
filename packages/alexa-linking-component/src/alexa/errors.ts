import { TIMEOUT_ERROR_NAME, type CallFailure } from "./retry";

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
  const connection =
    e.name === TIMEOUT_ERROR_NAME ||
    (typeof e.name === "string" && e.name.startsWith("AskSdkModelRuntime")) ||
    (e.code !== undefined && CONNECTION_CODES.includes(e.code)) ||
    (e.cause?.code !== undefined && CONNECTION_CODES.includes(e.cause.code)) ||
    (e.name === "TypeError" && e.message === "fetch failed");
  const message = [e.message, e.cause?.message].filter(Boolean).join(": ") || String(error);
  return { connection, message };
}

/**
 * `text` with every secret (and its URL-encoded form) replaced. Error text may quote a request
 * back; a secret must never reach a log or an error message.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  const forms = secrets
    .filter((s): s is string => typeof s === "string" && s.length > 0)
    .flatMap((s) => [s, encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)])
    .sort((a, b) => b.length - a.length);
  for (const form of forms) out = out.split(form).join("[secret]");
  return out;
}

/** "HTTP 429: Too many requests" or "connection error: socket hang up". */
export const describeFailure = (failure: CallFailure): string =>
  failure.status !== undefined ? `HTTP ${failure.status}: ${failure.message}` : `connection error: ${failure.message}`;

import { serverText } from "./secrets";
import { urlWithoutQuery } from "./urls";

/**
 * The one way this package reads an HTTP answer: redirects are never followed, every body is read
 * up to a limit, and the caller's AbortSignal ends the transfer (connection included) when it
 * fires, not just the wait for it.
 *
 * Why not fetch's defaults: fetch follows redirects to any origin and re-sends a 307/308 request's
 * body there (the LWA token POST carries the client secret and refresh token; the SMAPI PUT
 * carries the Cognito client secret), and `response.text()` reads whatever size the server sends.
 *
 * No Set, Map or class at module level: serialized providers carry a copy of this code.
 */

/** The error name of an answer this module refuses: a redirect, or a body over the limit. */
export const HTTP_ERROR_NAME = "HttpError";
export const TOO_LARGE_ERROR_NAME = "ResponseTooLarge";

export interface BoundedRequest {
  method: string;
  headers?: Record<string, string> | Headers;
  body?: string;
  /** Aborting it ends the request and the body transfer. */
  signal?: AbortSignal;
  /** The longest body read; a longer one is an error (or cut, with `overflow: "truncate"`). */
  maxBodyBytes: number;
  overflow?: "error" | "truncate";
  /**
   * "refuse": a 3xx answer is an error and the redirect is not followed (every request that
   * carries a secret). "return": the 3xx answer is returned as it is (the association file check,
   * which must see it).
   */
  redirects: "refuse" | "return";
  /** Secrets that server-provided text in an error (a Location header) must not show. */
  secrets?: readonly (string | undefined)[];
  /** Replaces the global fetch (tests). */
  fetchImpl?: typeof fetch;
}

export interface BoundedResponse {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  /** True when the body was longer than maxBodyBytes and `overflow` is "truncate". */
  truncated: boolean;
}

function resolved(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return urlWithoutQuery(url);
  }
}

/** The bytes as a message says them: "1 MiB", "64 KiB", "512 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export const tooLargeError = (url: string, limit: number): Error =>
  Object.assign(
    new Error(
      `${urlWithoutQuery(url)} answered with a body larger than ${formatBytes(limit)}, the most this client reads; ` +
        `the rest was not read. Fix: check that the endpoint is the real service (an emulator or proxy may be misbehaving).`,
    ),
    { name: TOO_LARGE_ERROR_NAME },
  );

/**
 * Reads a body up to `limit` bytes. Over the limit the transfer is cancelled and, by default,
 * an error naming the URL and the limit is thrown.
 */
export async function readBoundedBody(
  response: Response,
  url: string,
  limit: number,
  overflow: "error" | "truncate" = "error",
): Promise<{ text: string; truncated: boolean }> {
  const declared = Number(response.headers.get("content-length"));
  if (overflow === "error" && Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLargeError(url, limit);
  }
  if (!response.body) return { text: "", truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      if (overflow === "error") throw tooLargeError(url, limit);
      return { text: Buffer.concat(chunks).subarray(0, limit).toString("utf8"), truncated: true };
    }
  }
  return { text: Buffer.concat(chunks).toString("utf8"), truncated: false };
}

/** One request under the rules above. Network errors and aborts reject as fetch's do. */
export async function boundedFetch(url: string, request: BoundedRequest): Promise<BoundedResponse> {
  const response = await (request.fetchImpl ?? fetch)(url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    redirect: "manual",
  });
  if (request.redirects === "refuse" && response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get("location");
    const to = location ? ` to ${serverText(urlWithoutQuery(resolved(location, url)), request.secrets ?? [], 120)}` : "";
    throw Object.assign(
      new Error(
        `${originOf(url)} answered HTTP ${response.status}, a redirect${to}; requests that carry credentials ` +
          `never follow redirects, so nothing was sent there. Fix: set the endpoint to the URL that answers itself.`,
      ),
      { name: HTTP_ERROR_NAME, status: response.status, redirect: true },
    );
  }
  const { text, truncated } = await readBoundedBody(response, url, request.maxBodyBytes, request.overflow ?? "error");
  return { status: response.status, statusText: response.statusText, headers: response.headers, text, truncated };
}

/** Node's codes for a failed TLS handshake or certificate check (CERT_HAS_EXPIRED, ERR_TLS_..., ...). */
export const isTlsErrorCode = (code: string): boolean =>
  /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/.test(code);

import { readBoundedBody } from "../shared/http";
import { FetchedFile, FetchFailure } from "./check";
import { CHECKED_URL, showUrl, urlProblem } from "../shared/urls";

export const DEFAULT_TIMEOUT_MS = 10_000;
/** More than any association file may be (Apple's limit is 128 KB); stops reading a runaway body. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface FetchFileOptions {
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** Replaces the global fetch (tests). */
  fetchImpl?: typeof fetch;
}

export type FetchOutcome = { kind: "response"; response: FetchedFile } | { kind: "failure"; failure: FetchFailure };

/**
 * GETs a URL the way a device's association-file fetcher does: redirects are not followed, so a
 * 3xx comes back as it is. The timeout covers the whole exchange, body included: its signal
 * aborts the transfer, so a body that trickles in ends at the timeout with its connection. At
 * most `maxBodyBytes` are read (src/shared/http.ts). http:// is allowed for local test servers;
 * the component only passes https:// URLs. The request carries no secret.
 */
export async function fetchFile(url: string, options: FetchFileOptions = {}): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const doFetch = options.fetchImpl ?? fetch;
  const problem = urlProblem(url, CHECKED_URL);
  if (problem) return { kind: "failure", failure: { message: `${showUrl(url)} ${problem}; use https://`, timedOut: false } };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await doFetch(url, {
      method: "GET",
      redirect: "manual",
      signal,
      headers: { "user-agent": "alexa-linking-component-verify" },
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const { text, truncated } = await readBoundedBody(res, url, maxBodyBytes, "truncate");
    return { kind: "response", response: { status: res.status, headers, body: text, truncated } };
  } catch (err) {
    return { kind: "failure", failure: toFailure(err, signal.aborted, timeoutMs) };
  }
}

/** A fetch error as a FetchFailure: timeout, or the network error code (ENOTFOUND, ECONNREFUSED...). */
export function toFailure(err: unknown, aborted: boolean, timeoutMs: number): FetchFailure {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (aborted || e?.name === "TimeoutError") return { message: "timeout", timedOut: true, timeoutMs };
  const code = e?.cause?.code ?? e?.code;
  const message = e?.cause?.message ?? e?.message ?? String(err);
  return code ? { code, message, timedOut: false } : { message, timedOut: false };
}

import { ExpectedFile, judge, judgeFailure, Verdict } from "./check";
import { fetchFile, FetchFileOptions, FetchOutcome } from "./fetchFile";

/** S3 can take a few seconds to apply a new bucket policy: 403/404 are retried this often. */
export const DEFAULT_ATTEMPTS = 6;
export const DEFAULT_DELAY_MS = 5_000;

export interface VerifyOptions extends FetchFileOptions {
  /** Total tries per file for retryable failures (403, 404, 429, 5xx, DNS, timeouts). */
  attempts?: number;
  /** Pause between tries. */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Replaces the HTTP fetch (tests). */
  fetchOutcome?: (url: string, options: FetchFileOptions) => Promise<FetchOutcome>;
}

export interface FileResult {
  url: string;
  ok: boolean;
  attempts: number;
  /** Set when ok is false. */
  message?: string;
  /** Set when ok is true. */
  summary?: string;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Fetches and judges one file, retrying what may still settle. */
export async function verifyFile(expected: ExpectedFile, options: VerifyOptions = {}): Promise<FileResult> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? DEFAULT_ATTEMPTS));
  const delayMs = Math.max(0, options.delayMs ?? DEFAULT_DELAY_MS);
  const sleep = options.sleep ?? realSleep;
  const get = options.fetchOutcome ?? fetchFile;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const outcome = await get(expected.url, options);
    const verdict: Verdict = outcome.kind === "response" ? judge(outcome.response, expected) : judgeFailure(outcome.failure, expected.url);
    if (verdict.ok) {
      const summary =
        outcome.kind === "response"
          ? `${outcome.response.status}, ${outcome.response.headers["content-type"]}, ` +
            `${Buffer.byteLength(outcome.response.body)} bytes${expected.body === undefined ? ", valid JSON" : ", as rendered"}`
          : "";
      return { url: expected.url, ok: true, attempts: attempt, summary };
    }
    if (!verdict.retryable || attempt === attempts) {
      const message = verdict.retryable || attempt > 1 ? withAttempts(verdict.message, attempt, delayMs) : verdict.message;
      return { url: expected.url, ok: false, attempts: attempt, message };
    }
    await sleep(delayMs);
  }
  throw new Error("unreachable: the last attempt always returns");
}

/** Checks every file (one after the other, so retries do not multiply the load). */
export async function verifyAll(files: ExpectedFile[], options: VerifyOptions = {}): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const file of files) results.push(await verifyFile(file, options));
  return results;
}

/** Appends how hard we tried, so a 403 after retries is not mistaken for a first-try failure. */
export function withAttempts(message: string, attempts: number, delayMs: number): string {
  if (attempts <= 1) return `${message} (1 attempt, not retried)`;
  const waited = ((attempts - 1) * delayMs) / 1000;
  return `${message} (gave up after ${attempts} attempts over ${waited} s)`;
}

/** One line per file. */
export function formatResult(result: FileResult): string {
  return result.ok
    ? `ok    ${result.url} (${result.summary})`
    : `FAIL  ${result.message?.startsWith(result.url) ? result.message : `${result.url}: ${result.message}`}`;
}

/** How many files failed, as a sentence for the closing line; undefined when all passed. */
export function failureSummary(results: readonly FileResult[]): string | undefined {
  const failed = results.filter((r) => !r.ok).length;
  if (failed === 0) return undefined;
  return `${failed} of ${results.length} association file(s) are not served as expected; Apple and Android would not accept them.`;
}

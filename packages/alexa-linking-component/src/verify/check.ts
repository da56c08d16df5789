/**
 * Pure rules that decide whether a fetched association file is served the way Apple and Android
 * require: 200 without a redirect, Content-Type application/json, and exactly the rendered body.
 *
 * Body policy: the text must equal the rendered text exactly, byte for byte, with no trailing
 * newline or whitespace normalization. The component uploads the rendered string verbatim, so S3
 * serves those exact bytes; any difference means the object was changed or uploaded by something
 * else, which is worth failing on.
 */
import { capText } from "../shared/secrets";
import { isTlsErrorCode } from "../shared/http";
import { canonicalJson } from "../shared/json";
import { firstDifference } from "../shared/text";

/** Longest header value (Location, Content-Type) a message quotes: the server chooses them. */
const MAX_HEADER_SHOWN = 200;

/** What came back from the URL (header names lowercase). */
export interface FetchedFile {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** True when the body was longer than the fetcher reads and was cut. */
  truncated?: boolean;
}

/** What should be there. Without `body`, only status, redirect, content type and JSON are checked. */
export interface ExpectedFile {
  url: string;
  body?: string;
}

/** Why a request got no HTTP answer. */
export interface FetchFailure {
  /** Node's error code (`ENOTFOUND`, `ECONNREFUSED`, `CERT_HAS_EXPIRED`, ...), when known. */
  code?: string;
  message: string;
  timedOut: boolean;
  timeoutMs?: number;
}

export type Verdict = { ok: true } | { ok: false; message: string; retryable: boolean };

const OK: Verdict = { ok: true };

const fail = (message: string, retryable = false): Verdict => ({ ok: false, message, retryable });

/** Judges an HTTP answer against the expected file. */
export function judge(response: FetchedFile, expected: ExpectedFile): Verdict {
  const { status } = response;
  if (status >= 300 && status < 400) return fail(redirectMessage(response, expected.url));
  if (status === 403) return fail(forbiddenMessage(response, expected.url), true);
  if (status === 404) return fail(notFoundMessage(response, expected.url), true);
  if (status !== 200) {
    const code = s3ErrorCode(response.body);
    return fail(`${expected.url} answered HTTP ${status}${code ? ` (S3 ${code})` : ""}; expected 200.`, status === 429 || status >= 500);
  }
  const problems = [contentTypeProblem(response.headers["content-type"]), bodyProblem(response, expected)].filter(
    (p): p is string => p !== undefined,
  );
  return problems.length === 0 ? OK : fail(`${expected.url}: ${problems.join(" Also: ")}`);
}

/** Judges a request that got no HTTP answer (timeout, DNS, TLS, connection). */
export function judgeFailure(failure: FetchFailure, url: string): Verdict {
  if (failure.timedOut) {
    const after = failure.timeoutMs === undefined ? "" : ` within ${formatMs(failure.timeoutMs)}`;
    return fail(`${url} did not answer${after} (timeout). Check the host and that nothing blocks outbound HTTPS.`, true);
  }
  const code = failure.code ?? "";
  const detail = `${failure.message}${code && !failure.message.includes(code) ? ` (${code})` : ""}`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return fail(
      `${url}: the host does not resolve (${code}). Check the bucket name and region in the URL; ` +
        "a bucket created seconds ago can take a moment to appear in DNS.",
      true,
    );
  }
  if (isTlsErrorCode(code)) {
    return fail(
      `${url}: the TLS handshake failed: ${detail}. Apple and Android require HTTPS with a valid ` +
        "certificate; a bucket name containing a dot is not covered by the *.s3.REGION.amazonaws.com certificate.",
    );
  }
  return fail(`${url}: request failed: ${detail}.`, true);
}

/** The `<Code>` of an S3 XML error body, if the body is one. */
export function s3ErrorCode(body: string): string | undefined {
  const match = /<Error>[\s\S]*?<Code>([A-Za-z0-9]+)<\/Code>/.exec(body.slice(0, 4096));
  return match?.[1];
}

/** True for `application/json`, with or without parameters such as `charset`. */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  return value.split(";")[0].trim().toLowerCase() === "application/json";
}

/** A short description of how `actual` differs from `expected`; never includes whole bodies. */
export function describeDifference(actual: string, expected: string): string {
  const at = firstDifference(actual, expected);
  if (at < 0) return "the bodies are equal";
  const sizes = `served ${Buffer.byteLength(actual)} bytes, rendered ${Buffer.byteLength(expected)} bytes`;
  if (actual.replace(/\r?\n$/, "") === expected.replace(/\r?\n$/, "")) {
    return `${sizes}; they differ only by a trailing newline (the check compares exact text).`;
  }
  if (sameJson(actual, expected)) {
    return (
      `${sizes}; same JSON value, different formatting, first difference at ${lineColumn(expected, at)}. ` +
      "The object was uploaded from another rendering."
    );
  }
  return (
    `${sizes}; first difference at ${lineColumn(expected, at)}: served ${excerpt(actual, at)}, ` + `rendered ${excerpt(expected, at)}.`
  );
}

function redirectMessage(response: FetchedFile, url: string): string {
  const location = response.headers["location"];
  const to = location ? ` to ${capText(location, MAX_HEADER_SHOWN)}` : " (no Location header)";
  const legacy = /^[^./]+\.s3\.amazonaws\.com$/i.test(hostOf(url))
    ? " The URL uses the legacy global host BUCKET.s3.amazonaws.com, which redirects outside us-east-1: " +
      "use the regional host BUCKET.s3.REGION.amazonaws.com (bucketRegionalDomainName)."
    : " Typical causes: the legacy global bucket host BUCKET.s3.amazonaws.com instead of " +
      "BUCKET.s3.REGION.amazonaws.com, or a CloudFront or website redirect in front of the bucket.";
  return (
    `${url} answered HTTP ${response.status}, a redirect${to}. Apple and Android refuse redirects ` +
    `for association files; the file must answer 200 at this exact URL.${legacy}`
  );
}

function forbiddenMessage(response: FetchedFile, url: string): string {
  const code = s3ErrorCode(response.body);
  return (
    `${url} answered HTTP 403${code ? ` (S3 ${code})` : ""}: the file is not public. Likely causes: ` +
    "(1) account-level S3 Block Public Access is on and overrides the bucket's own setting " +
    "(check `aws s3control get-public-access-block --account-id <id>`); " +
    '(2) object ownership / ACL mode: with publicAccess "acl" the bucket needs ownership ' +
    'BucketOwnerPreferred and BlockPublicAcls/IgnorePublicAcls off, with "policy" the ' +
    "BlockPublicPolicy/RestrictPublicBuckets settings must be off; " +
    "(3) the bucket policy is missing, does not grant s3:GetObject on .well-known/*, or has not propagated yet."
  );
}

function notFoundMessage(response: FetchedFile, url: string): string {
  const code = s3ErrorCode(response.body);
  if (code === "NoSuchBucket") {
    return (
      `${url} answered HTTP 404 (S3 NoSuchBucket): no bucket of that name in that region. ` +
      "Check the bucket name and the region in the URL."
    );
  }
  return (
    `${url} answered HTTP 404${code ? ` (S3 ${code})` : ""}: the object is missing. ` +
    "Check that it was uploaded under exactly this key (.well-known/..., no extension for apple-app-site-association)."
  );
}

function contentTypeProblem(value: string | undefined): string | undefined {
  if (isJsonContentType(value)) return undefined;
  if (value === undefined) return "no Content-Type header; Apple and Android need application/json.";
  const s3Default =
    value.trim().toLowerCase() === "binary/octet-stream"
      ? ' That is S3\'s default: the object was uploaded without a Content-Type; set contentType "application/json" on it.'
      : "";
  return `Content-Type is "${capText(value, MAX_HEADER_SHOWN)}", expected application/json.${s3Default}`;
}

function bodyProblem(response: FetchedFile, expected: ExpectedFile): string | undefined {
  if (response.truncated) {
    return (
      `the body is larger than the ${Buffer.byteLength(response.body)} bytes read; ` +
      "association files are small (Apple's limit is 128 KB)."
    );
  }
  if (expected.body === undefined) {
    try {
      JSON.parse(response.body);
      return undefined;
    } catch (err) {
      return `the body is not valid JSON: ${(err as Error).message}.`;
    }
  }
  if (response.body === expected.body) return undefined;
  return `the body differs from what was rendered: ${describeDifference(response.body, expected.body)}`;
}

function sameJson(a: string, b: string): boolean {
  try {
    return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
  } catch {
    return false;
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `offset ${offset} (line ${line}, column ${column})`;
}

const EXCERPT = 24;

function excerpt(text: string, at: number): string {
  if (at >= text.length) return "<end of text>";
  const start = Math.max(0, at - 8);
  const cut = text.slice(start, at + EXCERPT);
  return `${start > 0 ? "..." : ""}${JSON.stringify(cut)}${at + EXCERPT < text.length ? "..." : ""}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

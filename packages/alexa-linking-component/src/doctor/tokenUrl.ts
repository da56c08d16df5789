import type { FetchFailure } from "../verify/check";
import { CheckResult, failed, passed } from "./result";
import { toFailure } from "../verify/fetchFile";

export const TOKEN_CHECK = "token URL";
export const DUMMY_CODE = "doctor-dummy-code";
export const DEFAULT_TOKEN_TIMEOUT_MS = 10_000;

/** What the apps send, with a code nobody issued: a working exchange refuses it with a 4xx. */
export const dummyTokenRequest = (redirectURL: string): string => JSON.stringify({ code: DUMMY_CODE, redirect_uri: redirectURL });

const FIX_URL = "Fix: check accessToken.apiName and accessToken.stage (or accessToken.url) and redeploy, so alexaAccessTokenURL names the deployed POST method";

/** The service's short reason from an error body (OAuth `error` and `error_description`, or `message`), for the line. */
export function bodyReason(body: string): string | undefined {
  try {
    const value = JSON.parse(body) as Record<string, unknown>;
    const parts = [value.error, value.error_description, value.message, value.Message].filter((p): p is string => typeof p === "string" && p !== "");
    return parts.length > 0 ? parts.join(": ").slice(0, 120) : undefined;
  } catch {
    return undefined;
  }
}

/** Judges the answer to the dummy POST. */
export function judgeTokenAnswer(url: string, status: number, body: string, location?: string): CheckResult {
  const reason = bodyReason(body);
  const said = `HTTP ${status}${reason ? ` (${reason})` : ""}`;
  if (status === 403 && /missing authentication token/i.test(reason ?? "")) {
    return failed(
      TOKEN_CHECK,
      `${url} answered ${said}: API Gateway's answer for a path, method or stage that does not exist. ${FIX_URL}`,
    );
  }
  if (status === 405) return failed(TOKEN_CHECK, `${url} answered ${said}: it does not take POST, which the apps send. ${FIX_URL}`);
  if (status === 429) return failed(TOKEN_CHECK, `${url} answered ${said}: throttled, so it proves nothing. Run doctor again in a minute`);
  if (status >= 400 && status < 500) return passed(TOKEN_CHECK, `${url} answers ${said} to a dummy code`);
  if (status >= 500) {
    const cause =
      status === 502
        ? "the Lambda behind it failed or returned a malformed response"
        : status === 504
          ? "the integration behind it timed out"
          : "the token exchange behind it is broken";
    return failed(
      TOKEN_CHECK,
      `${url} answered ${said} to a dummy code: ${cause}. Fix: read the logs of the AlexaSkillLinking function (CloudWatch) and its integration`,
    );
  }
  if (status >= 300 && status < 400) {
    return failed(
      TOKEN_CHECK,
      `${url} answered ${said}, a redirect${location ? ` to ${location}` : ""}: the apps POST to the URL verbatim. ${FIX_URL}`,
    );
  }
  return failed(TOKEN_CHECK, `${url} answered ${said} to a code nobody issued: it is not the token exchange the apps expect. ${FIX_URL}`);
}

/** Judges a POST that got no HTTP answer. */
export function judgeTokenFailure(url: string, failure: FetchFailure): CheckResult {
  const code = failure.code ?? "";
  if (failure.timedOut) {
    return failed(TOKEN_CHECK, `${url} did not answer within ${failure.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS} ms: check the network; a private or VPC-only API is not reachable by the apps`);
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return failed(TOKEN_CHECK, `${url}: the host does not resolve (${code}): the API id or region in the URL is wrong, or the API was deleted. ${FIX_URL}`);
  }
  if (code === "ECONNREFUSED") {
    return failed(TOKEN_CHECK, `${url}: connection refused (ECONNREFUSED): nothing listens at ${hostOf(url)}. ${FIX_URL}`);
  }
  if (/^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/.test(code)) {
    return failed(TOKEN_CHECK, `${url}: the TLS handshake failed (${code}): the apps need a valid certificate. ${FIX_URL}`);
  }
  return failed(TOKEN_CHECK, `${url}: the request failed: ${failure.message}${code && !failure.message.includes(code) ? ` (${code})` : ""}`);
}

export interface TokenCheckSettings {
  timeoutMs?: number;
  /** Replaces the global fetch (tests). */
  fetchImpl?: typeof fetch;
}

/** POSTs the dummy exchange as the apps would and judges what comes back. */
export async function checkTokenUrl(url: string, redirectURL: string, settings: TokenCheckSettings = {}): Promise<CheckResult> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await (settings.fetchImpl ?? fetch)(url, {
      method: "POST",
      redirect: "manual",
      signal,
      headers: { "content-type": "application/json", accept: "application/json", "user-agent": "alexa-linking-component-doctor" },
      body: dummyTokenRequest(redirectURL),
    });
    const body = (await response.text()).slice(0, 4096);
    return judgeTokenAnswer(url, response.status, body, response.headers.get("location") ?? undefined);
  } catch (error) {
    return judgeTokenFailure(url, toFailure(error, signal.aborted, timeoutMs));
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

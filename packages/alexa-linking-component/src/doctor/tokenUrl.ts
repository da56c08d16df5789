import { readBoundedBody } from "../shared/http";
import type { FetchFailure } from "../verify/check";
import { isTlsErrorCode } from "../shared/http";
import { CheckResult, failed, passed } from "./result";
import { toFailure } from "../verify/fetchFile";
import { showValue } from "../shared/errors";
import { isObject } from "../stackOutputs";

export const TOKEN_CHECK = "token URL";
export const DUMMY_CODE = "doctor-dummy-code";
export const DEFAULT_TOKEN_TIMEOUT_MS = 10_000;

export type TokenPlatform = "ios" | "android";

/**
 * How each app posts `{"code", "redirect_uri"}` to the token URL (read at the apps' sources):
 * iOS with `Content-Type: text/plain` and a separate `charset: UTF-8` header, Android as
 * `application/json`. Each is probed as its app sends it, on its own line.
 */
export const TOKEN_PROBES: Record<TokenPlatform, { check: string; app: string; contentType: string; headers: Record<string, string> }> = {
  ios: {
    check: `${TOKEN_CHECK} (iOS)`,
    app: "the iOS app",
    contentType: "text/plain",
    headers: { "content-type": "text/plain", charset: "UTF-8" },
  },
  android: {
    check: `${TOKEN_CHECK} (Android)`,
    app: "the Android app",
    contentType: "application/json",
    headers: { "content-type": "application/json" },
  },
};

/** What the apps send, with a code nobody issued: a working exchange refuses it with a 4xx. */
export const dummyTokenRequest = (redirectURL: string): string => JSON.stringify({ code: DUMMY_CODE, redirect_uri: redirectURL });

const FIX_URL =
  "Fix: check accessToken.apiName and accessToken.stage (or accessToken.url) and redeploy, so alexaAccessTokenURL names the deployed POST method";

/**
 * The fix when the probe went to `--api-gateway-endpoint` and nothing answered there: the override
 * is what to check, not the stack's token settings (the emulator is down, or the URL is wrong).
 */
const fixOverride = (sentTo: string): string =>
  `Fix: check --api-gateway-endpoint: nothing answers at ${hostOf(sentTo)} (start the API Gateway emulator, or give its URL), ` +
  "or leave --api-gateway-endpoint out to probe alexaAccessTokenURL itself";

/** The fix for an answer that names no method, with an override: the emulator may lack the API, or the stack names the wrong one. */
const fixWithOverride = (sentTo: string | undefined): string =>
  sentTo === undefined
    ? FIX_URL
    : `${FIX_URL}; or, with --api-gateway-endpoint, check that the emulator at ${hostOf(sentTo)} serves this API and stage`;

const FIX_CONTENT_TYPE: Record<TokenPlatform, string> = {
  ios:
    "Fix: let the POST method take text/plain and parse the body as JSON whatever its Content-Type: in API Gateway no request validator or " +
    "model limited to application/json and no mapping template for application/json only; in the AlexaSkillLinking function, JSON.parse(event.body)",
  android:
    "Fix: let the POST method take application/json (API Gateway request validation, content-type mapping, the function's body parsing)",
};

/** The service's short reason from an error body (OAuth `error` and `error_description`, or `message`), for the line. */
export function bodyReason(body: string): string | undefined {
  try {
    const value = JSON.parse(body) as Record<string, unknown>;
    const parts = [value.error, value.error_description, value.message, value.Message].filter(
      (p): p is string => typeof p === "string" && p !== "",
    );
    return parts.length > 0 ? parts.join(": ").slice(0, 120) : undefined;
  } catch {
    return undefined;
  }
}

const isJson = (body: string): boolean => {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
};

/**
 * Why the app would refuse a successful exchange's answer, or undefined. iOS needs HTTP 200 and
 * a JSON object with `access_token`, `refresh_token`, `token_type` (strings) and `expires_in` (a
 * number); Android takes any 2xx.
 */
export function tokenSuccessProblem(platform: TokenPlatform, status: number, body: string): string | undefined {
  if (platform === "android") return status >= 200 && status < 300 ? undefined : `HTTP ${status}, not 2xx`;
  if (status !== 200) return `HTTP ${status}, not 200`;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return "the body is not JSON";
  }
  if (!isObject(value)) return "the body is not a JSON object";
  const problems: string[] = [];
  for (const key of ["access_token", "refresh_token", "token_type"]) {
    if (value[key] === undefined) problems.push(`${key} is missing`);
    else if (typeof value[key] !== "string" || value[key] === "") problems.push(`${key} is ${showValue(value[key])}, not a string`);
  }
  if (value.expires_in === undefined) problems.push("expires_in is missing");
  else if (typeof value.expires_in !== "number") problems.push(`expires_in is ${showValue(value.expires_in)}, not a number`);
  return problems.length > 0 ? problems.join("; ") : undefined;
}

/** Judges one app's POST of the dummy code. */
export function judgeTokenAnswer(
  url: string,
  status: number,
  body: string,
  location: string | undefined,
  platform: TokenPlatform,
  sentTo?: string,
): CheckResult {
  const probe = TOKEN_PROBES[platform];
  const fixUrl = fixWithOverride(sentTo);
  const reason = bodyReason(body);
  const said = `HTTP ${status}${reason ? ` (${reason})` : ""}`;
  const fail = (detail: string) => failed(probe.check, detail);
  if (status === 403 && /missing authentication token/i.test(reason ?? "")) {
    return fail(`${url} answered ${said}: API Gateway's answer for a path, method or stage that does not exist. ${fixUrl}`);
  }
  if (status === 405) return fail(`${url} answered ${said}: it does not take POST, which the apps send. ${fixUrl}`);
  if (status === 415) {
    return fail(
      `${url} answered ${said} to Content-Type ${probe.contentType}, which ${probe.app} sends: every token exchange of ${probe.app} fails. ${FIX_CONTENT_TYPE[platform]}`,
    );
  }
  if (status === 429) return fail(`${url} answered ${said}: throttled, so it proves nothing. Run doctor again in a minute`);
  if (status >= 400 && status < 500) return passed(probe.check, `${url} answers ${said} to a dummy code sent as ${probe.contentType}`);
  if (status >= 500) {
    const cause =
      status === 502
        ? "the Lambda behind it failed or returned a malformed response"
        : status === 504
          ? "the integration behind it timed out"
          : "the token exchange behind it is broken";
    return fail(
      `${url} answered ${said} to a dummy code: ${cause}. Fix: read the logs of the AlexaSkillLinking function (CloudWatch) and its integration`,
    );
  }
  if (status >= 300 && status < 400) {
    return fail(`${url} answered ${said}, a redirect${location ? ` to ${location}` : ""}: the apps POST to the URL verbatim. ${fixUrl}`);
  }
  const refusal = status >= 200 && status < 300 ? tokenSuccessProblem(platform, status, body) : undefined;
  const anyway = refusal ? ` (${probe.app} would refuse this answer anyway: ${refusal})` : "";
  return fail(`${url} answered ${said} to a code nobody issued: it is not the token exchange the apps expect${anyway}. ${fixUrl}`);
}

export interface TokenAnswer {
  status: number;
  body: string;
}

const describeAnswer = (answer: TokenAnswer): string => {
  const reason = bodyReason(answer.body);
  if (reason) return `HTTP ${answer.status} (${reason})`;
  return answer.body.trim() !== "" && !isJson(answer.body) ? `HTTP ${answer.status} and a body that is not JSON` : `HTTP ${answer.status}`;
};

/**
 * Why the two apps' requests, the same body with another Content-Type, are answered differently,
 * or undefined when they are alike (same status, both JSON or both not, the same reason). The
 * Android request (application/json) is the reference: any JSON endpoint reads it.
 */
export function compareTokenAnswers(url: string, ios: TokenAnswer, android: TokenAnswer): string | undefined {
  const alike =
    ios.status === android.status && isJson(ios.body) === isJson(android.body) && bodyReason(ios.body) === bodyReason(android.body);
  if (alike) return undefined;
  return (
    `${url} answers the iOS request (Content-Type: text/plain) with ${describeAnswer(ios)}, but the same body sent as application/json with ${describeAnswer(android)}: ` +
    "the exchange reads the body only when it comes as application/json (or something in front of it answers text/plain itself), so every token exchange of the iOS app fails. " +
    FIX_CONTENT_TYPE.ios
  );
}

/** Judges a POST that got no HTTP answer. */
export function judgeTokenFailure(url: string, failure: FetchFailure, platform: TokenPlatform, sentTo?: string): CheckResult {
  const check = TOKEN_PROBES[platform].check;
  const code = failure.code ?? "";
  // No answer from the override's address says nothing about the stack's token settings.
  const fix = (stackFix: string) => (sentTo === undefined ? stackFix : fixOverride(sentTo));
  if (failure.timedOut) {
    return failed(
      check,
      `${url} did not answer within ${failure.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS} ms. ${fix("Fix: check the network; a private or VPC-only API is not reachable by the apps")}`,
    );
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return failed(
      check,
      `${url}: the host does not resolve (${code})${sentTo === undefined ? ": the API id or region in the URL is wrong, or the API was deleted" : ""}. ${fix(FIX_URL)}`,
    );
  }
  if (code === "ECONNREFUSED") {
    return failed(check, `${url}: connection refused (ECONNREFUSED): nothing listens at ${hostOf(url)}. ${fix(FIX_URL)}`);
  }
  if (isTlsErrorCode(code)) {
    return failed(check, `${url}: the TLS handshake failed (${code}): the apps need a valid certificate. ${fix(FIX_URL)}`);
  }
  return failed(
    check,
    `${url}: the request failed: ${failure.message}${code && !failure.message.includes(code) ? ` (${code})` : ""}. ${fix("Fix: check the network and the URL")}`,
  );
}

export interface TokenCheckSettings {
  timeoutMs?: number;
  /** Where the probes go instead of the URL itself: its address on an API Gateway emulator (`--api-gateway-endpoint`). */
  sendTo?: string;
  /** Replaces the global fetch (tests). */
  fetchImpl?: typeof fetch;
}

type Probed = { kind: "answer"; answer: TokenAnswer; location?: string } | { kind: "failure"; failure: FetchFailure };

/** POSTs the dummy exchange as one app would. */
async function probeToken(url: string, redirectURL: string, platform: TokenPlatform, settings: TokenCheckSettings): Promise<Probed> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await (settings.fetchImpl ?? fetch)(settings.sendTo ?? url, {
      method: "POST",
      redirect: "manual",
      signal,
      headers: { ...TOKEN_PROBES[platform].headers, accept: "application/json", "user-agent": "alexa-linking-component-doctor" },
      body: dummyTokenRequest(redirectURL),
    });
    const body = (await readBoundedBody(response, url, 4096, "truncate")).text;
    return { kind: "answer", answer: { status: response.status, body }, location: response.headers.get("location") ?? undefined };
  } catch (error) {
    return { kind: "failure", failure: toFailure(error, signal.aborted, timeoutMs) };
  }
}

/**
 * POSTs the dummy exchange the iOS way and the Android way, at once, and judges each: the
 * results are the iOS line, then the Android line. When each passes alone but the two are
 * answered differently, the iOS line fails (see compareTokenAnswers).
 */
export async function checkTokenUrl(url: string, redirectURL: string, settings: TokenCheckSettings = {}): Promise<CheckResult[]> {
  const [ios, android] = await Promise.all(
    (["ios", "android"] as const).map((platform) => probeToken(url, redirectURL, platform, settings)),
  );
  // Messages name the URL the apps call; with an emulator, where the probe went is added.
  const sentTo = settings.sendTo === undefined || settings.sendTo === url ? undefined : settings.sendTo;
  const shown = sentTo === undefined ? url : `${url} (sent to ${sentTo})`;
  const judge = (probed: Probed, platform: TokenPlatform): CheckResult =>
    probed.kind === "failure"
      ? judgeTokenFailure(shown, probed.failure, platform, sentTo)
      : judgeTokenAnswer(shown, probed.answer.status, probed.answer.body, probed.location, platform, sentTo);
  const results = [judge(ios, "ios"), judge(android, "android")];
  if (results[0].ok && results[1].ok && ios.kind === "answer" && android.kind === "answer") {
    const problem = compareTokenAnswers(shown, ios.answer, android.answer);
    if (problem) results[0] = failed(TOKEN_PROBES.ios.check, problem);
  }
  return results;
}

/** The host a probe went to: the emulator's when the text names one ("<url> (sent to <emulator URL>)"). */
function hostOf(url: string): string {
  const target = /\(sent to (\S+)\)$/.exec(url)?.[1] ?? url;
  try {
    return new URL(target).host;
  } catch {
    return url;
  }
}

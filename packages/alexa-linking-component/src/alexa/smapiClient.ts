import { CustomSmapiClientBuilder, getValueFromHeader } from "ask-smapi-sdk";
import { assertSafeEndpoint } from "../shared/urls";
import { boundedFetch, HTTP_ERROR_NAME } from "../shared/http";
import { urlWithoutQuery } from "../shared/urls";
import { canonicalJson } from "../shared/json";
import { MAX_FAILURE_TEXT, serverText } from "../shared/secrets";
import { classifyError, describeFailure, errorBodyMessage } from "./errors";
import { invalidateLwaToken, LWA_ERROR_NAME, lwaAccessToken } from "./lwa";
import { unwrapAccountLinking } from "./merge";
import { withRetry, type RetryPolicy, type RetryRuntime } from "../shared/retry";
import { DEFAULT_LWA_ENDPOINT, DEFAULT_SMAPI_ENDPOINT, type AccountLinking, type LwaCredentials, type SmapiEndpoints } from "./types";

/** Everything one SMAPI call needs; plain data plus the injectable retry runtime. */
export interface SmapiCall {
  skillId: string;
  stage: string;
  lwa: LwaCredentials;
  endpoints?: SmapiEndpoints;
  /** Values that must never appear in an error message (the Cognito client secret). */
  secrets: string[];
  policy: RetryPolicy;
  runtime: RetryRuntime;
}

/** An error after retries; `status` lets callers tell 404 and 412 apart. */
export interface SmapiError extends Error {
  status?: number;
}

interface ApiClientRequest {
  url: string;
  method: string;
  headers: { key: string; value: string }[];
  body?: string;
}

/** The most of a SMAPI answer this client reads (an account linking is a few KB). */
export const SMAPI_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The SDK's transport, on src/shared/http.ts: no redirect is followed (the PUT carries the
 * Cognito client secret, every request the access token), at most SMAPI_MAX_BODY_BYTES are read,
 * and `signal` (the attempt's timeout) ends the transfer.
 *
 * The SDK parses every answer as JSON before it looks at the status and puts a body it cannot
 * parse into its error message whole. So an error answer is reduced here to its message fields
 * (`message`, violations), redacted as a whole with every secret of the call and then capped; an
 * error body that is not JSON is described, not quoted; a success body that is not JSON fails here.
 */
function apiClientFor(signal: AbortSignal, secrets: readonly string[]) {
  return {
    invoke: async (request: ApiClientRequest) => {
      const headers = new Headers();
      for (const { key, value } of request.headers) headers.append(key, value);
      const response = await boundedFetch(request.url, {
        method: request.method,
        headers,
        body: request.body,
        signal,
        maxBodyBytes: SMAPI_MAX_BODY_BYTES,
        redirects: "refuse",
        secrets,
      });
      let body = response.text;
      if (response.status < 200 || response.status >= 300) {
        body = JSON.stringify({ message: errorBodyMessage(body, response.statusText, secrets) });
      } else if (!isJson(body)) {
        throw Object.assign(
          new Error(
            `${urlWithoutQuery(request.url)} answered HTTP ${response.status} with a ${body.length}-character body that is not JSON`,
          ),
          { name: HTTP_ERROR_NAME, status: response.status },
        );
      }
      const outHeaders: { key: string; value: string }[] = [];
      response.headers.forEach((value, key) => outHeaders.push({ key, value }));
      return { statusCode: response.status, body, headers: outHeaders };
    },
  };
}

function isJson(text: string): boolean {
  try {
    if (text) JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const endpointsOf = (call: SmapiCall) => ({
  smapi: call.endpoints?.smapi || DEFAULT_SMAPI_ENDPOINT,
  lwa: call.endpoints?.lwa || DEFAULT_LWA_ENDPOINT,
});

/** A SDK client for one attempt: built per attempt so nothing live is captured by the provider closure. */
function smapiClient(call: SmapiCall, accessToken: string, signal: AbortSignal, secrets: readonly string[]) {
  const { smapi, lwa } = endpointsOf(call);
  return new CustomSmapiClientBuilder()
    .withApiEndpoint(smapi)
    .withAuthEndpoint(lwa)
    .withApiClient(apiClientFor(signal, secrets))
    .withAccessTokenConfig({ clientId: call.lwa.clientId, clientSecret: call.lwa.clientSecret, accessToken })
    .client();
}

type SmapiClient = ReturnType<typeof smapiClient>;

/**
 * Runs one SMAPI operation with retries. A 401 means the cached LWA token was revoked or
 * expired early: it is dropped and the operation runs once more with a new token.
 */
async function run<T>(call: SmapiCall, operation: string, body: (client: SmapiClient) => Promise<T>): Promise<T> {
  const { smapi, lwa } = endpointsOf(call);
  // A state recorded before the endpoint rule existed may hold one: refuse before any request.
  assertSafeEndpoint(smapi, "endpoints.smapi");
  assertSafeEndpoint(lwa, "endpoints.lwa");
  // Every secret this call holds, the access tokens it used included.
  const secrets: string[] = [...call.secrets, call.lwa.clientSecret, call.lwa.refreshToken, call.lwa.clientId];
  const attempt = async (signal: AbortSignal) => {
    const accessToken = await lwaAccessToken(lwa, call.lwa, { policy: call.policy, runtime: call.runtime });
    if (!secrets.includes(accessToken)) secrets.push(accessToken);
    return body(smapiClient(call, accessToken, signal, secrets));
  };
  return withRetry(
    async (signal) => {
      try {
        return await attempt(signal);
      } catch (error) {
        if (classifyError(error).status !== 401) throw error;
        invalidateLwaToken(lwa, call.lwa);
        return await attempt(signal);
      }
    },
    {
      policy: call.policy,
      runtime: call.runtime,
      classify: classifyError,
      giveUp: ({ failure, attempts, reason, error }) => {
        // An LWA failure already carries its own full message.
        if (error instanceof Error && error.name === LWA_ERROR_NAME) return error;
        // The failure's text may come from the server: redacted as a whole, then capped.
        const said = describeFailure({ ...failure, message: serverText(failure.message, secrets, MAX_FAILURE_TEXT) });
        const message =
          `SMAPI ${operation} account linking of skill ${call.skillId} (stage ${call.stage}) failed: ` +
          `${said} (${attempts} attempt${attempts === 1 ? "" : "s"}, ${reason}).`;
        return Object.assign(new Error(message), { status: failure.status }) as SmapiError;
      },
    },
  );
}

/** The skill's account linking and its ETag, or undefined when none is configured (404). */
export async function getAccountLinking(call: SmapiCall): Promise<{ linking: AccountLinking; etag?: string } | undefined> {
  try {
    return await run(call, "GET", async (client) => {
      const response = await client.callGetAccountLinkingInfoV1(call.skillId, call.stage);
      const etag = getValueFromHeader(response.headers, "etag")[0];
      return { linking: unwrapAccountLinking(response.body), etag };
    });
  } catch (error) {
    if ((error as SmapiError).status === 404) return undefined;
    throw error;
  }
}

/**
 * PUTs `request` (wrapped as SMAPI wants it) with If-Match `etag`. Throws a SmapiError with
 * status 412 when the skill changed since the GET that produced `etag`.
 *
 * Without an ETag a PUT would overwrite whatever the skill holds now, silently undoing a
 * concurrent edit. So the skill is read again first: when that read has an ETag and shows
 * `basis` (the account linking the request was planned from), the PUT goes with that ETag; when
 * it shows something else, this throws status 412 so the caller plans again; when it has no
 * ETag either, or no `basis` was given, the write is refused.
 */
export async function putAccountLinking(
  call: SmapiCall,
  request: AccountLinking,
  etag: string | undefined,
  basis?: AccountLinking,
): Promise<void> {
  let ifMatch = etag;
  if (ifMatch === undefined && basis !== undefined) {
    const again = await getAccountLinking(call);
    const changed = again === undefined || (again.etag !== undefined && canonicalJson(again.linking) !== canonicalJson(basis));
    if (changed) {
      throw Object.assign(new Error(`The account linking of skill ${call.skillId} changed since it was read.`), {
        status: 412,
      }) as SmapiError;
    }
    ifMatch = again.etag;
  }
  if (ifMatch === undefined) {
    throw Object.assign(
      new Error(
        `SMAPI answered the GET of skill ${call.skillId} (stage ${call.stage}) without an ETag, so a write ` +
          `could silently undo someone else's edit of its account linking; nothing was written. Fix: run ` +
          `again; if it keeps happening, check endpoints.smapi (a proxy in front of SMAPI may drop the ETag header).`,
      ),
      { status: undefined },
    ) as SmapiError;
  }
  await run(call, "PUT", async (client) => {
    // The SDK's payload type lacks skipOnEnablement and unknown fields; SMAPI takes them.
    const payload = { accountLinkingRequest: request } as Parameters<SmapiClient["callUpdateAccountLinkingInfoV1"]>[2];
    await client.callUpdateAccountLinkingInfoV1(call.skillId, call.stage, payload, ifMatch);
  });
}

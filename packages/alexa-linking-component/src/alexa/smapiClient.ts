import { CustomSmapiClientBuilder, getValueFromHeader } from "ask-smapi-sdk";
import { classifyError, describeFailure, redact } from "./errors";
import { invalidateLwaToken, LWA_ERROR_NAME, lwaAccessToken } from "./lwa";
import { unwrapAccountLinking } from "./merge";
import { withRetry, type RetryPolicy, type RetryRuntime } from "./retry";
import {
  DEFAULT_LWA_ENDPOINT,
  DEFAULT_SMAPI_ENDPOINT,
  type AccountLinking,
  type LwaCredentials,
  type SmapiEndpoints,
} from "./types";

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

/**
 * The SDK's transport, on fetch. The SDK parses every answer as JSON before it looks at the
 * status, so a 502 page from a proxy would surface as a SyntaxError with no status and never be
 * retried; an error body that is not JSON is wrapped here as `{"message": ...}` instead.
 */
const fetchApiClient = {
  invoke: async (request: ApiClientRequest) => {
    const headers = new Headers();
    for (const { key, value } of request.headers) headers.append(key, value);
    const response = await fetch(request.url, { method: request.method, headers, body: request.body });
    let body = await response.text();
    if (!response.ok && body) {
      try {
        JSON.parse(body);
      } catch {
        body = JSON.stringify({ message: body.slice(0, 300) });
      }
    }
    const outHeaders: { key: string; value: string }[] = [];
    response.headers.forEach((value, key) => outHeaders.push({ key, value }));
    return { statusCode: response.status, body, headers: outHeaders };
  },
};

const endpointsOf = (call: SmapiCall) => ({
  smapi: call.endpoints?.smapi || DEFAULT_SMAPI_ENDPOINT,
  lwa: call.endpoints?.lwa || DEFAULT_LWA_ENDPOINT,
});

/** A SDK client for one call: built per call so nothing live is captured by the provider closure. */
async function smapiClient(call: SmapiCall) {
  const { smapi, lwa } = endpointsOf(call);
  const accessToken = await lwaAccessToken(lwa, call.lwa, { policy: call.policy, runtime: call.runtime });
  return new CustomSmapiClientBuilder()
    .withApiEndpoint(smapi)
    .withAuthEndpoint(lwa)
    .withApiClient(fetchApiClient)
    .withAccessTokenConfig({ clientId: call.lwa.clientId, clientSecret: call.lwa.clientSecret, accessToken })
    .client();
}

type SmapiClient = Awaited<ReturnType<typeof smapiClient>>;

/**
 * Runs one SMAPI operation with retries. A 401 means the cached LWA token was revoked or
 * expired early: it is dropped and the operation runs once more with a new token.
 */
async function run<T>(call: SmapiCall, operation: string, body: (client: SmapiClient) => Promise<T>): Promise<T> {
  const secrets = [...call.secrets, call.lwa.clientSecret, call.lwa.refreshToken, call.lwa.clientId];
  const { lwa } = endpointsOf(call);
  return withRetry(
    async () => {
      try {
        return await body(await smapiClient(call));
      } catch (error) {
        if (classifyError(error).status !== 401) throw error;
        invalidateLwaToken(lwa, call.lwa);
        return await body(await smapiClient(call));
      }
    },
    {
      policy: call.policy,
      runtime: call.runtime,
      classify: classifyError,
      giveUp: ({ failure, attempts, reason, error }) => {
        // An LWA failure already carries its own full message.
        if (error instanceof Error && error.name === LWA_ERROR_NAME) return error;
        const message = redact(
          `SMAPI ${operation} account linking of skill ${call.skillId} (stage ${call.stage}) failed: ` +
            `${describeFailure(failure)} (${attempts} attempt${attempts === 1 ? "" : "s"}, ${reason}).`,
          secrets,
        );
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
 */
export async function putAccountLinking(call: SmapiCall, request: AccountLinking, etag: string | undefined): Promise<void> {
  await run(call, "PUT", async (client) => {
    // The SDK's payload type lacks skipOnEnablement and unknown fields; SMAPI takes them.
    const payload = { accountLinkingRequest: request } as Parameters<SmapiClient["callUpdateAccountLinkingInfoV1"]>[2];
    await client.callUpdateAccountLinkingInfoV1(call.skillId, call.stage, payload, etag);
  });
}

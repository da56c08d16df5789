import { createHash } from "crypto";
import { assertSafeEndpoint } from "../shared/urls";
import { boundedFetch, HTTP_ERROR_NAME } from "../shared/http";
import { hasControlCharacter, MAX_FAILURE_TEXT, serverText } from "../shared/secrets";
import { classifyError, describeFailure, errorBodyMessage } from "./errors";
import { withRetry, type RetryPolicy, type RetryRuntime } from "../shared/retry";
import type { LwaCredentials } from "./types";

/*
 * Why this module fetches the LWA token itself instead of letting ask-smapi-sdk do it:
 * the SDK (ask-sdk-model-runtime LwaServiceClient.generateAccessToken) builds the form body by
 * string concatenation, `"grant_type=...&client_secret=" + secret + "&client_id=" + ...`, with no
 * URL-encoding. A secret or refresh token holding `&` or `=` splits into bogus fields and a `+`
 * arrives as a space, so LWA refuses valid credentials. Pre-encoding the values for the SDK would
 * work today but would double-encode the day the SDK is fixed. So the token comes from here,
 * encoded by URLSearchParams, and the SDK is handed it through `withAccessTokenConfig`, which
 * makes the SDK skip its own LWA call.
 *
 * Doing it here also gives one token per process. SDK clients are built inside each provider
 * method (a client cannot survive closure serialization), and the SDK caches tokens per client
 * instance, so it would fetch one per call. This cache lives on globalThis under a registered
 * symbol (`Symbol.for`): the serialized provider carries a copy of this code, not this module,
 * and the registry symbol is the same for every copy in one process, while a plain `Symbol()`
 * or module-level Map would not be. Entries are keyed by a SHA-256 of endpoint and credentials,
 * so the raw secrets are never a key, and a rotated credential gets a token of its own.
 *
 * The token POST carries the client secret and refresh token: it never follows a redirect, reads
 * at most LWA_MAX_BODY_BYTES, and a timed-out attempt is aborted (src/shared/http.ts).
 */

const CACHE_SYMBOL = "alexa-linking-component/lwa-token-cache/v1";
/** The name of the errors this module throws, so a caller tells them from SMAPI's own. */
export const LWA_ERROR_NAME = "LoginWithAmazonError";

const lwaError = (message: string, lwaStatus?: number): Error => Object.assign(new Error(message), { name: LWA_ERROR_NAME, lwaStatus });

/** Like the SDK: a token is renewed 60 s before it expires. */
export const EXPIRY_MARGIN_MS = 60_000;

interface Token {
  token: string;
  expiresAt: number;
}
type TokenCache = Map<string, Promise<Token>>;

function tokenCache(): TokenCache {
  const slot = Symbol.for(CACHE_SYMBOL);
  const holder = globalThis as unknown as Record<symbol, TokenCache | undefined>;
  let cache = holder[slot];
  if (!cache) {
    cache = new Map();
    holder[slot] = cache;
  }
  return cache;
}

/** Forgets every cached token of this process. For tests. */
export function resetLwaTokenCache(): void {
  tokenCache().clear();
}

/**
 * The cache key: a hash, so no secret is held in clear as a key. It hashes a JSON array, so no
 * value can hold a separator that makes two different credential sets hash alike.
 */
export function tokenCacheKey(endpoint: string, credentials: LwaCredentials): string {
  return createHash("sha256")
    .update(JSON.stringify([endpoint, credentials.clientId, credentials.clientSecret, credentials.refreshToken]))
    .digest("hex");
}

/** The most of a token answer this client reads (a real one is about 1 KB). */
export const LWA_MAX_BODY_BYTES = 64 * 1024;

/** The credential fields, by the names the component's arguments give them. */
const CREDENTIAL_FIELDS: readonly (keyof LwaCredentials)[] = ["clientId", "clientSecret", "refreshToken"];

/**
 * Why these credentials cannot be sent, or undefined. Checked before any request, also for
 * credentials a state recorded before the provider's check refused them.
 */
export function lwaCredentialsProblem(credentials: LwaCredentials): string | undefined {
  for (const field of CREDENTIAL_FIELDS) {
    const value = credentials?.[field];
    if (typeof value !== "string" || value === "") return `smapi.${field} is missing or not text`;
    if (hasControlCharacter(value)) {
      return `smapi.${field} holds a control character (a newline, tab or similar); no credential does`;
    }
  }
  return undefined;
}

/** The token request body, every value URL-encoded. */
export function tokenRequestBody(credentials: LwaCredentials): string {
  return new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: credentials.refreshToken,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  }).toString();
}

export const tokenUrl = (endpoint: string): string => `${endpoint.replace(/\/+$/, "")}/auth/O2/token`;

export interface LwaOptions {
  policy: RetryPolicy;
  runtime: RetryRuntime;
}

/** An access token for SMAPI, from this process's cache or from LWA. */
export async function lwaAccessToken(endpoint: string, credentials: LwaCredentials, options: LwaOptions): Promise<string> {
  const cache = tokenCache();
  const key = tokenCacheKey(endpoint, credentials);
  // Two rounds at most: a cached token found stale is dropped and fetched once more.
  for (let round = 0; round < 2; round++) {
    let pending = cache.get(key);
    if (!pending) {
      pending = fetchToken(endpoint, credentials, options);
      cache.set(key, pending);
    }
    let token: Token;
    try {
      token = await pending;
    } catch (error) {
      if (cache.get(key) === pending) cache.delete(key);
      throw error;
    }
    if (token.expiresAt - EXPIRY_MARGIN_MS > options.runtime.now()) return token.token;
    if (cache.get(key) === pending) cache.delete(key);
  }
  throw lwaError("Login with Amazon issued an access token that expires within a minute; check the clock of this machine.");
}

/** Drops a token SMAPI refused (401), so the next call fetches a new one. */
export function invalidateLwaToken(endpoint: string, credentials: LwaCredentials): void {
  tokenCache().delete(tokenCacheKey(endpoint, credentials));
}

async function fetchToken(endpoint: string, credentials: LwaCredentials, options: LwaOptions): Promise<Token> {
  const secrets = [credentials.clientSecret, credentials.refreshToken, credentials.clientId];
  const url = tokenUrl(endpoint);
  try {
    assertSafeEndpoint(endpoint, "endpoints.lwa");
  } catch (error) {
    throw lwaError(`Login with Amazon was not called: ${(error as Error).message}`);
  }
  const problem = lwaCredentialsProblem(credentials);
  if (problem) {
    throw lwaError(
      `Login with Amazon was not called: ${problem}. Fix: set the SMAPI credentials again, copied without ` +
        "line breaks or spaces (`pulumi config set --secret smapiClientSecret ...`).",
    );
  }
  return withRetry(
    async (signal) => {
      const response = await boundedFetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8", accept: "application/json" },
        body: tokenRequestBody(credentials),
        signal,
        maxBodyBytes: LWA_MAX_BODY_BYTES,
        redirects: "refuse",
        secrets,
      });
      let body: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = response.text ? JSON.parse(response.text) : undefined;
        body = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
      if (response.status < 200 || response.status >= 300) {
        const message = errorBodyMessage(response.text, response.statusText, secrets);
        throw Object.assign(new Error(message), { name: HTTP_ERROR_NAME, status: response.status, response: { message } });
      }
      const token = body?.access_token;
      const expiresIn = Number(body?.expires_in ?? 3600);
      if (typeof token !== "string" || !token || hasControlCharacter(token)) {
        throw new Error("Login with Amazon answered without a usable access_token.");
      }
      return { token, expiresAt: options.runtime.now() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000 };
    },
    {
      policy: options.policy,
      runtime: options.runtime,
      classify: classifyError,
      giveUp: ({ failure, attempts, reason }) => {
        // The failure's text may come from the server: redacted before anything else.
        const said = describeFailure({ ...failure, message: serverText(failure.message, secrets, MAX_FAILURE_TEXT) });
        const message =
          `Login with Amazon (${url}) did not issue a SMAPI access token: ` +
          `${said} (${attempts} attempt${attempts === 1 ? "" : "s"}, ${reason}). ` +
          (failure.status === 400 || failure.status === 401
            ? "Fix: check the smapi clientId, clientSecret and refreshToken (a refresh token comes from " +
              "`ask util generate-lwa-tokens` with the same security profile)."
            : "Fix: retry later; check the network and endpoints.lwa.");
        return lwaError(message, failure.status);
      },
    },
  );
}

/**
 * True when Login with Amazon refused the credentials themselves (400 invalid_grant, 401
 * invalid_client): they were rotated or revoked, and trying again will not help.
 */
export function isLwaRefusal(error: unknown): boolean {
  const status = (error as { lwaStatus?: unknown } | undefined)?.lwaStatus;
  return status === 400 || status === 401;
}

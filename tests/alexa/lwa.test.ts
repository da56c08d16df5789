import fc from "fast-check";
import {
  LWA_ERROR_NAME,
  EXPIRY_MARGIN_MS,
  lwaAccessToken,
  resetLwaTokenCache,
  tokenCacheKey,
  tokenRequestBody,
  tokenUrl,
} from "../../packages/alexa-linking-component/src/alexa/lwa";
import type { RetryPolicy } from "../../packages/alexa-linking-component/src/shared/retry";
import { start } from "../emulators/smapi";
import { startedForSuite } from "../support/startedForSuite";
import { fakeRuntime } from "../support/retryRuntime";

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxTotalMs: 10_000, attemptTimeoutMs: 10_000 };

describe("tokenRequestBody", () => {
  test("every value survives form decoding, whatever it holds", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (clientId, clientSecret, refreshToken) => {
        const form = new URLSearchParams(tokenRequestBody({ clientId, clientSecret, refreshToken }));
        expect(form.get("grant_type")).toBe("refresh_token");
        expect(form.get("client_id")).toBe(clientId);
        expect(form.get("client_secret")).toBe(clientSecret);
        expect(form.get("refresh_token")).toBe(refreshToken);
      }),
    );
  });
  test("encodes & = +", () => {
    expect(tokenRequestBody({ clientId: "a", clientSecret: "b&c=d+e", refreshToken: "r" })).toContain("client_secret=b%26c%3Dd%2Be");
  });
});

describe("tokenCacheKey", () => {
  const creds = { clientId: "id", clientSecret: "very-secret-value", refreshToken: "refresh-token-value" };
  test("is a hash that holds no credential", () => {
    const key = tokenCacheKey("https://api.amazon.com", creds);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain("very-secret");
  });
  test.each([
    ["endpoint", "https://other", creds],
    ["client secret", "https://api.amazon.com", { ...creds, clientSecret: "x" }],
    ["refresh token", "https://api.amazon.com", { ...creds, refreshToken: "x" }],
  ])("differs by %s", (_name, endpoint, other) => {
    expect(tokenCacheKey(endpoint, other)).not.toBe(tokenCacheKey("https://api.amazon.com", creds));
  });
});

test("tokenUrl", () => {
  expect(tokenUrl("https://api.amazon.com/")).toBe("https://api.amazon.com/auth/O2/token");
  expect(tokenUrl("http://127.0.0.1:5")).toBe("http://127.0.0.1:5/auth/O2/token");
});

describe("lwaAccessToken against the emulator", () => {
  const emu = startedForSuite(start);
  beforeEach(() => {
    resetLwaTokenCache();
    emu.clearRequests();
  });
  const tokenRequests = () => emu.requests.filter((r) => r.path === "/auth/O2/token");

  test("credentials holding & = + work", async () => {
    expect(emu.lwa.clientSecret).toMatch(/[&=+]/);
    expect(emu.lwa.refreshToken).toMatch(/[&=+]/);
    const token = await lwaAccessToken(emu.lwaUrl, emu.lwa, { policy, runtime: fakeRuntime() });
    expect(token).toMatch(/^Atza\|emu-/);
  });

  test("concurrent callers share one token request", async () => {
    const runtime = fakeRuntime();
    const tokens = await Promise.all(Array.from({ length: 8 }, () => lwaAccessToken(emu.lwaUrl, emu.lwa, { policy, runtime })));
    expect(new Set(tokens).size).toBe(1);
    expect(tokenRequests()).toHaveLength(1);
    await lwaAccessToken(emu.lwaUrl, emu.lwa, { policy, runtime });
    expect(tokenRequests()).toHaveLength(1);
  });

  test("a token is renewed a minute before it expires", async () => {
    const runtime = fakeRuntime();
    const first = await lwaAccessToken(emu.lwaUrl, emu.lwa, { policy, runtime });
    runtime.clock.now += 3600_000 - EXPIRY_MARGIN_MS - 1;
    expect(await lwaAccessToken(emu.lwaUrl, emu.lwa, { policy, runtime })).toBe(first);
    runtime.clock.now += 2;
    expect(await lwaAccessToken(emu.lwaUrl, emu.lwa, { policy, runtime })).not.toBe(first);
    expect(tokenRequests()).toHaveLength(2);
  });

  test("throttling and server errors are retried", async () => {
    emu.inject({ times: 1, status: 429, path: "/auth/O2/token" });
    emu.inject({ times: 1, status: 500, path: "/auth/O2/token" });
    emu.inject({ times: 1, reset: true, path: "/auth/O2/token" });
    const runtime = fakeRuntime();
    await lwaAccessToken(emu.lwaUrl, emu.lwa, { policy, runtime });
    expect(tokenRequests().map((r) => r.status)).toEqual([429, 500, 0, 200]);
    expect(runtime.sleeps).toHaveLength(3);
  });

  test("refused credentials fail at once, with a fix and no secret; the failure is not cached", async () => {
    const wrong = { ...emu.lwa, clientSecret: "wr&ng=secret+1" };
    const error = await lwaAccessToken(emu.lwaUrl, wrong, { policy, runtime: fakeRuntime() }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/Login with Amazon .* HTTP 401: invalid_client/);
    expect(message).toMatch(/Fix: check the smapi clientId, clientSecret and refreshToken/);
    expect((error as Error).name).toBe(LWA_ERROR_NAME);
    for (const secret of [wrong.clientSecret, wrong.refreshToken, encodeURIComponent(wrong.clientSecret)]) {
      expect(message).not.toContain(secret);
    }
    expect(tokenRequests()).toHaveLength(1);
    await lwaAccessToken(emu.lwaUrl, emu.lwa, { policy, runtime: fakeRuntime() });
    expect(tokenRequests()).toHaveLength(2);
  });
});

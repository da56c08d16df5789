import {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  isRetryable,
  nextRetry,
  withRetry,
  type CallFailure,
  type RetryPolicy,
} from "../../packages/alexa-linking-component/src/shared/retry";
import { fakeRuntime } from "../support/retryRuntime";

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxTotalMs: 10_000, attemptTimeoutMs: 0 };
const status = (s: number): CallFailure => ({ status: s, connection: false, message: "m" });
const connection: CallFailure = { connection: true, message: "socket hang up" };

describe("isRetryable", () => {
  test.each<[CallFailure, boolean]>([
    [status(429), true],
    [status(500), true],
    [status(502), true],
    [status(503), true],
    [connection, true],
    [status(400), false],
    [status(401), false],
    [status(403), false],
    [status(404), false],
    [status(412), false],
    [{ connection: false, message: "bug" }, false],
  ])("%p -> %p", (failure, expected) => {
    expect(isRetryable(failure)).toBe(expected);
  });
});

describe("backoffDelay (equal jitter)", () => {
  test.each<[number, number, number]>([
    [1, 0, 50],
    [1, 1, 100],
    [2, 0, 100],
    [2, 0.5, 150],
    [3, 1, 400],
    [4, 0, 400],
    [5, 1, 1000],
    [10, 1, 1000],
    [10, 0, 500],
    [1, 7, 100],
    [1, -1, 50],
  ])("after %p failures, random %p -> %p ms", (failures, random, expected) => {
    expect(backoffDelay(policy, failures, random)).toBe(expected);
  });
});

describe("nextRetry", () => {
  test.each<[string, number, number, CallFailure, ReturnType<typeof nextRetry>]>([
    ["throttled, first failure", 1, 0, status(429), { retry: true, delayMs: 75 }],
    ["5xx, third failure", 3, 500, status(503), { retry: true, delayMs: 300 }],
    ["connection", 2, 0, connection, { retry: true, delayMs: 150 }],
    ["4xx", 1, 0, status(400), { retry: false, reason: "not retryable" }],
    ["attempts used up", 5, 0, status(429), { retry: false, reason: "attempts exhausted" }],
    ["time would run out", 2, 9_900, status(429), { retry: false, reason: "time exhausted" }],
  ])("%s", (_name, failedAttempts, elapsedMs, failure, expected) => {
    expect(nextRetry(policy, { failedAttempts, elapsedMs, failure, random: 0.5 })).toEqual(expected);
  });

  test("the default policy is bounded", () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1);
    expect(DEFAULT_RETRY_POLICY.maxTotalMs).toBeLessThanOrEqual(5 * 60_000);
  });
});

describe("withRetry", () => {
  const classify = (e: unknown) => e as CallFailure;
  const giveUp = ({ failure, attempts, reason }: { failure: CallFailure; attempts: number; reason: string }) =>
    new Error(`gave up after ${attempts} (${reason}): ${failure.status ?? "conn"}`);
  /** A call that always fails with `failure`, counting its calls. */
  const alwaysFailing = (failure: CallFailure) => {
    const call = {
      count: 0,
      run: async (): Promise<never> => {
        call.count++;
        throw failure;
      },
    };
    return call;
  };

  test("retries a burst, then returns", async () => {
    const runtime = fakeRuntime();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls <= 3) throw status(429);
        return "ok";
      },
      { policy, runtime, classify, giveUp },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(4);
    expect(runtime.sleeps).toEqual([75, 150, 300]);
  });

  test("stops at maxAttempts with the last failure", async () => {
    const runtime = fakeRuntime();
    const call = alwaysFailing(status(500));
    await expect(withRetry(call.run, { policy, runtime, classify, giveUp })).rejects.toThrow("gave up after 5 (attempts exhausted): 500");
    expect(call.count).toBe(5);
  });

  test("stops when total time would be exceeded", async () => {
    const runtime = fakeRuntime(1);
    const call = alwaysFailing(status(429));
    const retried = withRetry(call.run, { policy: { ...policy, maxAttempts: 100, maxTotalMs: 1000 }, runtime, classify, giveUp });
    await expect(retried).rejects.toThrow(/time exhausted/);
    // 100 + 200 + 400 = 700 ms slept; the next 800 ms pause would end past 1000.
    expect(call.count).toBe(4);
    expect(runtime.sleeps).toEqual([100, 200, 400]);
  });

  test("does not retry a 4xx", async () => {
    const runtime = fakeRuntime();
    const call = alwaysFailing(status(404));
    await expect(withRetry(call.run, { policy, runtime, classify, giveUp })).rejects.toThrow(/not retryable/);
    expect(call.count).toBe(1);
    expect(runtime.sleeps).toEqual([]);
  });

  test("an attempt with no answer counts as a connection error", async () => {
    const runtime = fakeRuntime();
    let calls = 0;
    const result = await withRetry(
      () => {
        calls++;
        return calls === 1 ? new Promise<string>(() => undefined) : Promise.resolve("second");
      },
      {
        policy: { ...policy, attemptTimeoutMs: 20 },
        runtime,
        classify: (e) => ({ connection: (e as Error).name === "AttemptTimeout", message: String(e) }),
        giveUp,
      },
    );
    expect(result).toBe("second");
    expect(calls).toBe(2);
  });
});

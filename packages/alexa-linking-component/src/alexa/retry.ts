/**
 * Retries for SMAPI and LWA calls. SMAPI throttles with 429 (limits unpublished, no Retry-After)
 * and neither the SDK nor ask-cli retries, so this code does: exponential backoff with jitter,
 * bounded in attempts and in total time.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubles each time. */
  baseDelayMs: number;
  /** Cap of one backoff. */
  maxDelayMs: number;
  /** No retry starts when it would end later than this after the first attempt began. */
  maxTotalMs: number;
  /** One attempt with no answer within this time counts as a connection error. */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxTotalMs: 120_000,
  attemptTimeoutMs: 30_000,
};

/** A failed call, reduced to what the retry decision and the final message need. */
export interface CallFailure {
  /** HTTP status, when the server answered. */
  status?: number;
  /** No answer: refused, reset, timed out. */
  connection: boolean;
  /** The server's message, or the connection error's. */
  message: string;
}

export const isRetryable = (failure: CallFailure): boolean =>
  failure.connection || failure.status === 429 || (failure.status !== undefined && failure.status >= 500);

/**
 * The pause after `failedAttempts` failures: "equal jitter", half of the exponential step fixed
 * and half random, so concurrent resources spread out yet each still backs off.
 */
export function backoffDelay(policy: RetryPolicy, failedAttempts: number, random: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(step / 2 + (step / 2) * Math.min(Math.max(random, 0), 1));
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: "not retryable" | "attempts exhausted" | "time exhausted" };

export function nextRetry(
  policy: RetryPolicy,
  state: { failedAttempts: number; elapsedMs: number; failure: CallFailure; random: number },
): RetryDecision {
  if (!isRetryable(state.failure)) return { retry: false, reason: "not retryable" };
  if (state.failedAttempts >= policy.maxAttempts) return { retry: false, reason: "attempts exhausted" };
  const delayMs = backoffDelay(policy, state.failedAttempts, state.random);
  if (state.elapsedMs + delayMs > policy.maxTotalMs) return { retry: false, reason: "time exhausted" };
  return { retry: true, delayMs };
}

/** Time and chance, injectable so tests run fast and deterministic. */
export interface RetryRuntime {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
}

export const realRetryRuntime = (): RetryRuntime => ({
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  random: () => Math.random(),
});

export interface GiveUp {
  failure: CallFailure;
  attempts: number;
  reason: string;
  error: unknown;
}

/**
 * Runs `call` until it succeeds or `nextRetry` says stop; then throws what `giveUp` builds from
 * the last failure. Each attempt gets an AbortSignal that fires when the attempt times out: pass
 * it to fetch, so a timed-out transfer really ends (socket closed) instead of reading on unseen.
 */
export async function withRetry<T>(
  call: (signal: AbortSignal) => Promise<T>,
  options: {
    policy: RetryPolicy;
    runtime: RetryRuntime;
    classify: (error: unknown) => CallFailure;
    giveUp: (last: GiveUp) => Error;
  },
): Promise<T> {
  const { policy, runtime } = options;
  const start = runtime.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTimeout(call, policy.attemptTimeoutMs);
    } catch (error) {
      const failure = options.classify(error);
      const decision = nextRetry(policy, {
        failedAttempts: attempt,
        elapsedMs: runtime.now() - start,
        failure,
        random: runtime.random(),
      });
      if (!decision.retry) throw options.giveUp({ failure, attempts: attempt, reason: decision.reason, error });
      await runtime.sleep(decision.delayMs);
    }
  }
}

/** Marks an attempt that got no answer in time; `classify` functions treat it as a connection error. */
export const TIMEOUT_ERROR_NAME = "AttemptTimeout";

/** The error an attempt ends with when it timed out; also the abort reason its signal carries. */
export const attemptTimeoutError = (ms: number): Error =>
  Object.assign(new Error(`no answer within ${ms} ms`), { name: TIMEOUT_ERROR_NAME });

/**
 * Runs one attempt with its own AbortController. On timeout the signal is aborted (fetch then
 * closes the connection) and the attempt fails at once, whatever the call does with the signal.
 */
function withTimeout<T>(call: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  if (!(ms > 0) || !Number.isFinite(ms)) return call(controller.signal);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = attemptTimeoutError(ms);
      controller.abort(error);
      reject(error);
    }, ms);
    timer.unref?.();
    let promise: Promise<T>;
    try {
      promise = call(controller.signal);
    } catch (error) {
      clearTimeout(timer);
      reject(error);
      return;
    }
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

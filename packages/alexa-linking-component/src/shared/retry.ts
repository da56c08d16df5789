/**
 * The package's two retry loops, once each: `withRetry` runs one call again after a failure that
 * may pass (throttling, 5xx, no answer), and `writeUntilItSticks` runs read-plan-write rounds
 * until the target holds what the plan wants (another writer may change it in between).
 */

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
  { retry: true; delayMs: number } | { retry: false; reason: "not retryable" | "attempts exhausted" | "time exhausted" };

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

/** Write rounds of `writeUntilItSticks` when a provider's options give none (`writeRounds`). */
export const DEFAULT_WRITE_ROUNDS = 4;

/** What one write did: went through, or found the target changed since it was read. */
export type WriteOutcome<Read> =
  | { written: true }
  /** Nothing was written; `current` is the newer read when the write made one. */
  | { conflict: true; current?: Read };

/**
 * Read, plan, write, until the plan asks for nothing: the write-until-it-sticks loop of both
 * providers. A write that finds the target changed since the read (SMAPI's 412, or Cognito's
 * read right before its unconditional update) writes nothing, and the round starts again from
 * the newer read; `rounds` such conflicts in a row end in `conflicted`. With `checkAfterWrite`
 * (a target without conditional writes: Cognito), the target is read again after each write and
 * planned again, so a writer that replaced it from a stale read is caught; `rounds` writes that
 * did not stick end in `gaveUp`. Without it (SMAPI's If-Match), a write that went through is final.
 *
 * `first` is the read before the first write (what "before" means for ownership), `last` the
 * read the final plan was made from.
 */
export async function writeUntilItSticks<Read, Request>(loop: {
  read: () => Promise<Read>;
  plan: (current: Read) => Request | undefined;
  write: (request: Request, current: Read) => Promise<WriteOutcome<Read>>;
  checkAfterWrite: boolean;
  rounds: number;
  /** Message when `rounds` writes did not stick. */
  gaveUp: (rounds: number) => string;
  /** Message when the target changed between the read and the write `rounds` times in a row. */
  conflicted: (rounds: number) => string;
}): Promise<{ first: Read; last: Read; writes: number }> {
  const rounds = Math.max(1, loop.rounds);
  let first: Read = await loop.read();
  let last: Read = first;
  let conflicts = 0;
  for (let writes = 0; ;) {
    const request = loop.plan(last);
    if (request === undefined) return { first, last, writes };
    if (writes >= rounds) throw new Error(loop.gaveUp(rounds));
    const outcome = await loop.write(request, last);
    if ("conflict" in outcome) {
      conflicts++;
      if (conflicts >= rounds) throw new Error(loop.conflicted(rounds));
      const now: Read = "current" in outcome && outcome.current !== undefined ? outcome.current : await loop.read();
      // Before the first write, the newer read is what "before" means.
      if (writes === 0) first = now;
      last = now;
      continue;
    }
    conflicts = 0;
    writes++;
    if (!loop.checkAfterWrite) return { first, last, writes };
    last = await loop.read();
  }
}

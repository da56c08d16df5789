/**
 * Seeded chance for the benchmark's injected 429s. Pure; table tests in throttle.test.ts.
 */

/** mulberry32: a small seeded generator, so a benchmark run can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ThrottlePolicy {
  /** Share of requests answered 429, 0 to 1. */
  rate: number;
  /**
   * Most 429s in a row for one call target (method and path, or operation and client). A real
   * throttle lets a client through once it has backed off; without a cap, a 30% rate fails a call
   * whose every attempt draws a 429 (0.3^6 = 0.07% with 6 attempts).
   */
  maxInARow: number;
}

/** Decides, request by request, whether to answer 429; remembers each target's streak. */
export function throttler(policy: ThrottlePolicy, random: () => number): (target: string) => boolean {
  const streaks = new Map<string, number>();
  return (target) => {
    const streak = streaks.get(target) ?? 0;
    const throttle = policy.rate > 0 && streak < policy.maxInARow && random() < policy.rate;
    streaks.set(target, throttle ? streak + 1 : 0);
    return throttle;
  };
}

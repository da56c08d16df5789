import type { RetryRuntime } from "../../packages/alexa-linking-component/src/shared/retry";

/** A clock that only moves when code sleeps; records every sleep. */
export function fakeRuntime(random = 0.5): RetryRuntime & { sleeps: number[]; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  const sleeps: number[] = [];
  return {
    clock,
    sleeps,
    now: () => clock.now,
    random: () => random,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
  };
}

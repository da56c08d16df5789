import { seededRandom, throttler } from "./throttle";

test("the same seed draws the same numbers, in [0, 1)", () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const drawn = Array.from({ length: 1000 }, () => a());
  expect(Array.from({ length: 1000 }, () => b())).toEqual(drawn);
  expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
  expect(seededRandom(43)()).not.toBe(drawn[0]);
});

test.each<[string, number, number, number[], string[], boolean[]]>([
  ["rate 0 never throttles", 0, 3, [0, 0, 0], ["t", "t", "t"], [false, false, false]],
  ["draw under the rate throttles", 0.3, 3, [0.1, 0.5, 0.29], ["t", "t", "t"], [true, false, true]],
  ["at most maxInARow for one target", 1, 3, [0, 0, 0, 0, 0], ["t", "t", "t", "t", "t"], [true, true, true, false, true]],
  ["streaks are per target", 1, 1, [0, 0, 0, 0], ["a", "b", "a", "b"], [true, true, false, false]],
])("%s", (_case, rate, maxInARow, draws, targets, expected) => {
  const queue = [...draws];
  const decide = throttler({ rate, maxInARow }, () => queue.shift() ?? 1);
  expect(targets.map((t) => decide(t))).toEqual(expected);
});

test("about the asked share of a long run is throttled", () => {
  const decide = throttler({ rate: 0.3, maxInARow: 3 }, seededRandom(7));
  const share = Array.from({ length: 20_000 }, (_, i) => decide(`t${i % 50}`)).filter(Boolean).length / 20_000;
  expect(share).toBeGreaterThan(0.27);
  expect(share).toBeLessThan(0.31);
});

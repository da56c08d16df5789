import { writeUntilItSticks } from "../../packages/alexa-linking-component/src/shared/retry";

/**
 * The old `converge` (describe, plan, write, describe again), as the Cognito provider now runs
 * it: the shared write-until-it-sticks loop with a read after each write.
 */
const converge = <R, Q>(steps: {
  describe: () => Promise<R>;
  plan: (r: R) => Q | undefined;
  write: (q: Q) => Promise<unknown>;
  attempts: number;
  gaveUp: (n: number) => string;
}) =>
  writeUntilItSticks<R, Q>({
    read: steps.describe,
    plan: steps.plan,
    write: async (q) => {
      await steps.write(q);
      return { written: true };
    },
    checkAfterWrite: true,
    rounds: steps.attempts,
    gaveUp: steps.gaveUp,
    conflicted: steps.gaveUp,
  });

/** A fake client whose list a stale writer may wipe after some of our writes. */
function fakeStore(initial: string[], wipeAfterWrites: number[]) {
  let list = [...initial];
  let writes = 0;
  let describes = 0;
  return {
    describe: async () => {
      describes++;
      return [...list];
    },
    write: async (next: string[]) => {
      writes++;
      list = [...next];
      if (wipeAfterWrites.includes(writes)) list = [...initial];
    },
    counts: () => ({ writes, describes }),
  };
}
const addUrl = (url: string) => (list: string[]) => (list.includes(url) ? undefined : [...list, url]);
const gaveUp = (n: number) => `gave up after ${n}`;

describe("converge", () => {
  it("writes nothing when the plan is satisfied", async () => {
    const s = fakeStore(["u"], []);
    const r = await converge({ describe: s.describe, plan: addUrl("u"), write: s.write, attempts: 3, gaveUp });
    expect(r.writes).toBe(0);
    expect(s.counts()).toEqual({ writes: 0, describes: 1 });
  });

  it("writes once and checks once", async () => {
    const s = fakeStore(["x"], []);
    const r = await converge({ describe: s.describe, plan: addUrl("u"), write: s.write, attempts: 3, gaveUp });
    expect(r).toEqual({ first: ["x"], last: ["x", "u"], writes: 1 });
    expect(s.counts()).toEqual({ writes: 1, describes: 2 });
  });

  it("merges again after a concurrent writer wiped the URL", async () => {
    const s = fakeStore(["x"], [1]);
    const r = await converge({ describe: s.describe, plan: addUrl("u"), write: s.write, attempts: 3, gaveUp });
    expect(r.last).toEqual(["x", "u"]);
    expect(s.counts()).toEqual({ writes: 2, describes: 3 });
  });

  it("gives up after the bound", async () => {
    const s = fakeStore(["x"], [1, 2, 3]);
    await expect(converge({ describe: s.describe, plan: addUrl("u"), write: s.write, attempts: 3, gaveUp })).rejects.toThrow(
      "gave up after 3",
    );
    expect(s.counts().writes).toBe(3);
  });
});

describe("writeUntilItSticks, the one loop of both providers", () => {
  const conflicted = (n: number) => `conflicted ${n} times`;
  it("a conflict writes nothing and plans again from the newer read; the newer read before any write is 'first'", async () => {
    const reads = [["a"], ["a", "other"], ["a", "other", "u"]];
    const writes: string[][] = [];
    let conflictOnce = true;
    const r = await writeUntilItSticks<string[], string[]>({
      read: async () => reads.shift()!,
      plan: addUrl("u"),
      write: async (next) => {
        if (conflictOnce) {
          conflictOnce = false;
          return { conflict: true };
        }
        writes.push(next);
        return { written: true };
      },
      checkAfterWrite: true,
      rounds: 3,
      gaveUp,
      conflicted,
    });
    expect(writes).toEqual([["a", "other", "u"]]);
    expect(r).toEqual({ first: ["a", "other"], last: ["a", "other", "u"], writes: 1 });
  });

  it("without checkAfterWrite, a write that went through is final (no read after it)", async () => {
    let reads = 0;
    const r = await writeUntilItSticks<string[], string[]>({
      read: async () => (reads++, ["x"]),
      plan: addUrl("u"),
      write: async () => ({ written: true }),
      checkAfterWrite: false,
      rounds: 3,
      gaveUp,
      conflicted,
    });
    expect(reads).toBe(1);
    expect(r).toEqual({ first: ["x"], last: ["x"], writes: 1 });
  });

  it("conflicts in a row stop at the bound, and a conflict passes on the read it made", async () => {
    let reads = 0;
    let attempts = 0;
    await expect(
      writeUntilItSticks<string[], string[]>({
        read: async () => (reads++, ["x"]),
        plan: addUrl("u"),
        write: async () => (attempts++, { conflict: true, current: ["x"] }),
        checkAfterWrite: true,
        rounds: 4,
        gaveUp,
        conflicted,
      }),
    ).rejects.toThrow("conflicted 4 times");
    expect({ reads, attempts }).toEqual({ reads: 1, attempts: 4 });
  });
});

/**
 * Describe, plan, write, describe again, until the plan asks for nothing: a writer that replaced
 * the client meanwhile from a stale read is caught and merged again, at most `attempts` writes.
 *
 * With `same`, the client is read once more right before each write, and the write goes only if
 * that read shows what the plan was made from. UpdateUserPoolClient has no condition (no ETag):
 * a whole-configuration update planned from an older read would silently revert an owner's change
 * made since. When the client changed, the plan is made again from the new read; when it keeps
 * changing (`attempts` times in a row), nothing is written and `changedTooOften` says so.
 */
export async function converge<Described, Request>(steps: {
  describe: () => Promise<Described>;
  plan: (described: Described) => Request | undefined;
  write: (request: Request) => Promise<unknown>;
  attempts: number;
  /** Message when the writes did not stick `attempts` times. */
  gaveUp: (attempts: number) => string;
  /** Whether two reads show the same client, as far as a write is concerned. */
  same?: (planned: Described, now: Described) => boolean;
  /** Message when the client changed between the read and the write `attempts` times in a row. */
  changedTooOften?: (attempts: number) => string;
}): Promise<{ first: Described; last: Described; writes: number }> {
  let first = await steps.describe();
  let last = first;
  let changes = 0;
  for (let writes = 0; ; ) {
    const request = steps.plan(last);
    if (request === undefined) return { first, last, writes };
    if (writes >= steps.attempts) throw new Error(steps.gaveUp(steps.attempts));
    if (steps.same) {
      const now = await steps.describe();
      if (!steps.same(last, now)) {
        changes++;
        if (changes >= steps.attempts) throw new Error((steps.changedTooOften ?? steps.gaveUp)(steps.attempts));
        // Before our first write, the newer read is what "before" means.
        if (writes === 0) first = now;
        last = now;
        continue;
      }
      changes = 0;
    }
    await steps.write(request);
    writes++;
    last = await steps.describe();
  }
}

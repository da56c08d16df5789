/**
 * Describe, plan, write, describe again, until the plan asks for nothing: a writer that replaced
 * the client meanwhile from a stale read is caught and merged again, at most `attempts` writes.
 */
export async function converge<Described, Request>(steps: {
  describe: () => Promise<Described>;
  plan: (described: Described) => Request | undefined;
  write: (request: Request) => Promise<unknown>;
  attempts: number;
  /** Message when the writes did not stick `attempts` times. */
  gaveUp: (attempts: number) => string;
}): Promise<{ first: Described; last: Described; writes: number }> {
  const first = await steps.describe();
  let last = first;
  for (let writes = 0; ; writes++) {
    const request = steps.plan(last);
    if (request === undefined) return { first, last, writes };
    if (writes >= steps.attempts) throw new Error(steps.gaveUp(steps.attempts));
    await steps.write(request);
    last = await steps.describe();
  }
}

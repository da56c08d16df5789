import { converge } from "../../packages/alexa-linking-component/src/cognito/converge";

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
    await expect(
      converge({ describe: s.describe, plan: addUrl("u"), write: s.write, attempts: 3, gaveUp }),
    ).rejects.toThrow("gave up after 3");
    expect(s.counts().writes).toBe(3);
  });
});

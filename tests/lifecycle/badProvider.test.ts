/**
 * The harness fails on providers that cannot survive the engine's serialization, although each
 * of them passes a test that calls the provider object directly.
 */
import { mapProvider } from "./programs/badProviders";
import { up, type StackState } from "./engine";
import { startHost } from "./hostClient";
import { assertProgramOk, runProgram } from "./program";

jest.setTimeout(120_000);

test("a provider capturing a module-level SDK client: the program fails while serializing __provider, naming the variable", async () => {
  const run = await runProgram({ module: "badProviders", variant: "sdk-client" });
  expect(run.resources).toEqual([]);
  expect(() => assertProgramOk(run)).toThrow(/the program failed:\n.*__provider.*Error serializing/s);
  expect(run.errors.join("\n")).toMatch(/function 'create': which captured\s+variable 'client'/);
});

test("a provider capturing a module-level Map: it works in-process, then fails in the host as the engine would run it", async () => {
  // What a unit test of the provider object sees.
  await expect(mapProvider.create({ key: "k", value: "v" })).resolves.toEqual({ id: "k", outs: { value: "v" } });

  const run = assertProgramOk(await runProgram({ module: "badProviders", variant: "map" }));
  expect(run.resources.map((r) => r.key)).toEqual(["captures-map"]);
  const host = startHost();
  const stack: StackState = new Map();
  const d = await up(host, run.resources, stack);
  const ended = await host.close();
  expect(d.steps).toEqual([
    { key: "captures-map", op: "failed", error: expect.stringMatching(/^Method Map\.prototype\.set called on incompatible receiver/) },
  ]);
  expect(stack.size).toBe(0);
  expect(ended.code).toBe(0);
});

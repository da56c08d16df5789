/**
 * A server (an emulator) that the enclosing describe block, or the file, starts in beforeAll and
 * stops in afterAll; the returned object reads through to it, so tests use it as the server
 * itself. Read it in tests and hooks only: before beforeAll has run there is nothing to read.
 */
export function startedForSuite<T extends { stop(): Promise<void> }>(start: () => Promise<T>): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.stop();
    started = undefined;
  });
  return new Proxy({} as T, {
    get(_target, property) {
      if (!started) throw new Error(`read the suite's server in a test or hook, after beforeAll started it (read: ${String(property)})`);
      const value: unknown = Reflect.get(started, property);
      return typeof value === "function" ? value.bind(started) : value;
    },
  });
}

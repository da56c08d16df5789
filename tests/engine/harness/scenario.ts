/** One check of what the real engine does, run by tests/engine/run.ts. */
export interface Scenario<Context> {
  name: string;
  run(context: Context): Promise<void>;
}

/**
 * Scenarios that share one set-up (emulators, a deployed stack) and run in order: a later one
 * builds on what the earlier ones left, so after a failure the rest are reported as failed, not
 * run on a broken stack.
 */
export interface ScenarioGroup<Context> {
  setUp(binDir: string, log: (line: string) => void): Promise<Context>;
  tearDown(context: Context | undefined): Promise<void>;
  scenarios: Scenario<Context>[];
}

export interface ScenarioResult {
  name: string;
  passed: boolean;
  seconds: number;
  error?: string;
}

export async function runGroup<Context>(
  group: ScenarioGroup<Context>,
  binDir: string,
  log: (line: string) => void,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  let context: Context | undefined;
  let broken: string | undefined;
  try {
    context = await group.setUp(binDir, log);
  } catch (err) {
    broken = `set-up failed: ${(err as Error).stack ?? err}`;
  }
  for (const scenario of group.scenarios) {
    if (broken !== undefined) {
      results.push({ name: scenario.name, passed: false, seconds: 0, error: `not run: ${broken.split("\n")[0]}` });
      continue;
    }
    const started = Date.now();
    log(`--- ${scenario.name}`);
    try {
      await scenario.run(context as Context);
      results.push({ name: scenario.name, passed: true, seconds: (Date.now() - started) / 1000 });
    } catch (err) {
      const error = (err as Error).stack ?? String(err);
      results.push({ name: scenario.name, passed: false, seconds: (Date.now() - started) / 1000, error });
      broken = `"${scenario.name}" failed`;
    }
  }
  await group.tearDown(context).catch((err) => log(`tear-down failed: ${err}`));
  if (broken?.startsWith("set-up failed")) results[0].error = broken;
  return results;
}

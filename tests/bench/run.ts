// `pnpm bench`: drives the serialized providers through a stack lifecycle against the emulators
// for 1, 10 and 50 skills, with 0% and 30% of answers 429 and a fixed latency on every call, and
// prints the table that BENCHMARKS.md records. Not a test: nothing here asserts.
import { runScenario, type PhaseResult } from "./scenario";
import { markdownTable, rowsOf } from "./table";

const SKILLS = [1, 10, 50];
const RATES = [0, 0.3];
const LATENCY_MS = 50;

async function main(): Promise<number> {
  const runs: { skills: number; throttleRate: number; phases: PhaseResult[] }[] = [];
  for (const throttleRate of RATES) {
    for (const skills of SKILLS) {
      process.stderr.write(`${skills} skill(s), ${throttleRate * 100}% 429s ...\n`);
      const phases = await runScenario({ skills, throttleRate, latencyMs: LATENCY_MS, seed: 7919 * skills + Math.round(throttleRate * 100) });
      runs.push({ skills, throttleRate, phases });
    }
  }
  const rows = rowsOf(runs);
  process.stdout.write(`Latency ${LATENCY_MS} ms on every emulator call; 429s drawn with a fixed seed, at most 3 in a row per call target.\n\n`);
  process.stdout.write(`${markdownTable(rows)}\n`);
  const failed = rows.filter((r) => r.error);
  const incomplete = runs.filter((r) => r.phases.length < 5);
  return failed.length + incomplete.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  },
);

// `pnpm bench`: drives the serialized providers through a stack lifecycle against the emulators
// for 1, 10 and 50 skills, with 0% and 30% of answers 429 and a fixed latency on every call, and
// prints the table that BENCHMARKS.md records; then times the real engine (tests/bench/engine.ts).
// Not a test: nothing here asserts.
// `pnpm bench --repeat 3` runs each throttled scenario 3 times (other seeds); the table shows the first.
import { runScenario, type PhaseResult } from "./scenario";
import { markdownTable, rowsOf } from "./table";
import { engineTable, timeEngine } from "./engine";

const SKILLS = [1, 10, 50];
const RATES = [0, 0.3];
const LATENCY_MS = 50;

function repeatArg(argv: string[]): number {
  const i = argv.indexOf("--repeat");
  const n = i >= 0 ? Number(argv[i + 1]) : 1;
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--repeat takes a whole number of runs, 1 or more, got ${JSON.stringify(argv[i + 1])}`);
  return n;
}

async function main(): Promise<number> {
  const repeat = repeatArg(process.argv.slice(2));
  const runs: { skills: number; throttleRate: number; phases: PhaseResult[] }[] = [];
  const outcomes: { throttleRate: number; ok: boolean }[] = [];
  for (const throttleRate of RATES) {
    for (const skills of SKILLS) {
      for (let round = 0; round < (throttleRate > 0 ? repeat : 1); round++) {
        process.stderr.write(`${skills} skill(s), ${throttleRate * 100}% 429s, run ${round + 1} ...\n`);
        const seed = 7919 * skills + Math.round(throttleRate * 100) + 104729 * round;
        const phases = await runScenario({ skills, throttleRate, latencyMs: LATENCY_MS, seed });
        outcomes.push({ throttleRate, ok: phases.length === 5 && phases.every((p) => !p.error) });
        if (round === 0) runs.push({ skills, throttleRate, phases });
      }
    }
  }
  process.stdout.write(
    `Latency ${LATENCY_MS} ms on every emulator call; 429s drawn with a fixed seed, at most 3 in a row per call target.\n\n`,
  );
  process.stdout.write(`${markdownTable(rowsOf(runs))}\n\n`);
  for (const rate of RATES) {
    const mine = outcomes.filter((o) => o.throttleRate === rate);
    process.stdout.write(`${rate * 100}% 429s: ${mine.filter((o) => o.ok).length} of ${mine.length} lifecycles succeeded.\n`);
  }
  process.stderr.write(`real engine: pulumi up and destroy for ${SKILLS.join(", ")} skills ...\n`);
  const timings = await timeEngine(SKILLS);
  process.stdout.write(`\nReal engine (pulumi up --skip-preview, pulumi destroy), no added latency:\n\n${engineTable(timings)}\n`);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  },
);

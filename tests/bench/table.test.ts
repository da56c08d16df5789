import { columnsOf, markdownTable, minimumCalls, rowsOf } from "./table";
import type { PhaseResult } from "./scenario";

const calls = (entries: Record<string, [number, number]>) =>
  Object.fromEntries(Object.entries(entries).map(([label, [n, throttled]]) => [label, { calls: n, throttled }]));

test("columns: each API's calls, throttled ones included", () => {
  expect(
    columnsOf(
      calls({
        "LWA token": [2, 1],
        "SMAPI GET": [12, 2],
        "SMAPI PUT": [10, 0],
        "Cognito DescribeUserPoolClient": [2, 0],
        "Cognito UpdateUserPoolClient": [1, 0],
        "Cognito ListUserPools": [1, 0],
        "Cognito ListUserPoolClients": [1, 0],
      }),
    ),
  ).toEqual({ lwa: 2, smapiGet: 12, smapiPut: 10, describe: 2, update: 1, list: 2, throttled: 3, total: 29 });
  expect(columnsOf({})).toEqual({ lwa: 0, smapiGet: 0, smapiPut: 0, describe: 0, update: 0, list: 0, throttled: 0, total: 0 });
});

test.each<[PhaseResult["phase"], number, number]>([
  ["create", 1, 5],
  ["create", 50, 103],
  ["up, no change", 50, 0],
  ["update, same URL", 10, 12],
  ["update, new URL", 10, 23],
  ["destroy", 10, 23],
])("minimum calls of %s for %i skills: %i", (phase, skills, minimum) => {
  expect(minimumCalls(phase, skills)).toBe(minimum);
});

test("rows: wall time relative to the 1-skill run of the same rate and phase; the table marks failures", () => {
  const phase = (wallMs: number, error?: string): PhaseResult => ({
    phase: "create",
    calls: calls({ "SMAPI PUT": [1, 0] }),
    wallMs,
    error,
  });
  const rows = rowsOf([
    { skills: 1, throttleRate: 0, phases: [phase(100)] },
    { skills: 10, throttleRate: 0, phases: [phase(150)] },
    { skills: 10, throttleRate: 0.3, phases: [phase(400, "the deployment failed:\nboom")] },
  ]);
  expect(rows.map((r) => r.wallRatio)).toEqual([1, 1.5, undefined]);
  const table = markdownTable(rows).split("\n");
  expect(table).toHaveLength(5);
  expect(table[2]).toBe("| 0% | 1 | create | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 5 | 0.20 | 0 | 1.00 | 100 | ok |");
  expect(table[4]).toMatch(/^\| 30% \| 10 \| create .*\| — \| 400 \| FAILED: boom \|$/);
});

import type { Counts } from "./faultProxy";
import type { Phase, PhaseResult } from "./scenario";

/**
 * The benchmark's numbers and table. Pure; table tests in table.test.ts.
 */

export interface Columns {
  lwa: number;
  smapiGet: number;
  smapiPut: number;
  describe: number;
  update: number;
  /** ListUserPools / ListUserPoolClients: the lookup of the client by name. */
  list: number;
  throttled: number;
  total: number;
}

export function columnsOf(calls: Record<string, Counts>): Columns {
  const n = (label: string) => calls[label]?.calls ?? 0;
  const list = Object.entries(calls)
    .filter(([label]) => label.startsWith("Cognito List"))
    .reduce((sum, [, c]) => sum + c.calls, 0);
  return {
    lwa: n("LWA token"),
    smapiGet: n("SMAPI GET"),
    smapiPut: n("SMAPI PUT"),
    describe: n("Cognito DescribeUserPoolClient"),
    update: n("Cognito UpdateUserPoolClient"),
    list,
    throttled: Object.values(calls).reduce((sum, c) => sum + c.throttled, 0),
    total: Object.values(calls).reduce((sum, c) => sum + c.calls, 0),
  };
}

/**
 * The fewest calls a phase can make for `skills` skills: a write is 1 GET + 1 PUT per skill,
 * 1 LWA token per process, 1 describe + 1 update of the Cognito client; an update that changes
 * nothing reads the same and writes nothing; a diff that finds no change calls nothing.
 */
export function minimumCalls(phase: Phase, skills: number): number {
  switch (phase) {
    case "up, no change":
      return 0;
    case "update, same URL":
      return skills + 1 + 1;
    default:
      return 2 * skills + 1 + 2;
  }
}

export interface Row {
  skills: number;
  throttleRate: number;
  phase: Phase;
  columns: Columns;
  minimum: number;
  wallMs: number;
  /** Wall time over the 1-skill run's, same rate and phase. */
  wallRatio?: number;
  error?: string;
}

export function rowsOf(runs: { skills: number; throttleRate: number; phases: PhaseResult[] }[]): Row[] {
  const rows = runs.flatMap((run) =>
    run.phases.map((p) => ({
      skills: run.skills,
      throttleRate: run.throttleRate,
      phase: p.phase,
      columns: columnsOf(p.calls),
      minimum: minimumCalls(p.phase, run.skills),
      wallMs: p.wallMs,
      error: p.error,
    })),
  );
  return rows.map((row) => {
    const one = rows.find((r) => r.skills === 1 && r.throttleRate === row.throttleRate && r.phase === row.phase);
    return { ...row, wallRatio: one && one.wallMs > 0 ? row.wallMs / one.wallMs : undefined };
  });
}

const ratio = (total: number, minimum: number): string => (minimum === 0 ? (total === 0 ? "—" : "∞") : (total / minimum).toFixed(2));

export function markdownTable(rows: readonly Row[]): string {
  const head =
    "| 429s | skills | phase | LWA | SMAPI GET | SMAPI PUT | Cognito describe | Cognito update | Cognito list | calls | minimum | calls / min | answered 429 | wall N/1 | wall ms | result |\n" +
    "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";
  const lines = rows.map((r) => {
    const c = r.columns;
    return `| ${Math.round(r.throttleRate * 100)}% | ${r.skills} | ${r.phase} | ${c.lwa} | ${c.smapiGet} | ${c.smapiPut} | ${c.describe} | ${c.update} | ${c.list} | ${c.total} | ${r.minimum} | ${ratio(c.total, r.minimum)} | ${c.throttled} | ${r.wallRatio === undefined ? "—" : r.wallRatio.toFixed(2)} | ${Math.round(r.wallMs)} | ${r.error ? `FAILED: ${r.error.split("\n")[1] ?? r.error}` : "ok"} |`;
  });
  return [head, ...lines].join("\n");
}

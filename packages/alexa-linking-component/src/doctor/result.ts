/** One check of `doctor`: what was checked, whether it passed, and what was seen or what to fix. */
export interface CheckResult {
  /** Short label, e.g. `ios file`, `cognito`, `skill amzn1.ask.skill.… (development)`. */
  name: string;
  ok: boolean;
  /** A warning: shown as `warn`, counted as passed, so it does not set the exit code. */
  warning?: boolean;
  /** On success what was seen; on failure the problem and its likely fix. Never a secret. */
  detail: string;
}

export const passed = (name: string, detail: string): CheckResult => ({ name, ok: true, detail });
export const failed = (name: string, detail: string): CheckResult => ({ name, ok: false, detail });
export const warned = (name: string, detail: string): CheckResult => ({ name, ok: true, warning: true, detail });

/** One line per check, labels padded to the longest so the details line up. */
export function formatResults(results: readonly CheckResult[]): string[] {
  const width = Math.max(0, ...results.map((r) => r.name.length));
  return results.map((r) => `${r.ok ? (r.warning ? "warn" : "ok  ") : "FAIL"}  ${r.name.padEnd(width)}  ${r.detail}`);
}

/** 0 when every check passed, 1 when any failed (2, bad input, is decided before any check). */
export const exitCodeOf = (results: readonly CheckResult[]): number => (results.every((r) => r.ok) ? 0 : 1);

/** The closing line: how many checks failed, or that all passed. */
export function summaryLine(results: readonly CheckResult[]): string {
  const failures = results.filter((r) => !r.ok).length;
  const warnings = results.filter((r) => r.ok && r.warning).length;
  const warningNote = warnings === 0 ? "" : ` (${warnings} with a warning: read the warn line${warnings === 1 ? "" : "s"})`;
  return failures === 0
    ? `alexa-linking doctor: all ${results.length} checks passed${warningNote}.`
    : `alexa-linking doctor: ${failures} of ${results.length} checks failed; the app-to-app account linking of this environment is broken until they pass.`;
}

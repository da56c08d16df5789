/**
 * An input the component cannot use. The message always names the argument, shows the bad
 * value and says how to fix it, so it reads well in `pulumi preview` output.
 */
export class InvalidArgumentError extends Error {
  constructor(
    readonly argument: string,
    readonly value: unknown,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`AlexaAppLinking: ${argument} ${showValue(value)} ${problem}. Fix: ${fix}`);
    this.name = "InvalidArgumentError";
  }
}

const MAX_SHOWN = 80;

/** The value to report for an input that is (or holds) an Output or a Promise: not known yet. */
export const NOT_KNOWN = Symbol("not known yet");

/** A value as an error message shows it: JSON, cut after 80 characters. */
export function showValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  if (value === NOT_KNOWN) return "(an Output)";
  const text = asJson(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...(${text.length} chars)` : text;
}

/** JSON text, or undefined for what JSON cannot show (functions, bigints, cycles). */
function asJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

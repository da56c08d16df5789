/**
 * An input the component cannot use. The message always names the argument, shows the bad
 * value and says how to fix it, so it reads well in `pulumi preview` output.
 */
export class InvalidArgumentError extends Error {
  constructor(
    readonly argument: string,
    readonly value: unknown,
    problem: string,
    fix: string,
  ) {
    super(`AlexaAppLinking: ${argument} ${showValue(value)} ${problem}. Fix: ${fix}`);
    this.name = "InvalidArgumentError";
  }
}

const MAX_SHOWN = 80;

export function showValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...(${text.length} chars)` : text;
}

import * as pulumi from "@pulumi/pulumi";

/**
 * The value of an input when it is known now: no Output or Promise anywhere inside. Plain config
 * values are, so the component can reject bad input before it registers any resource; inputs
 * that are Outputs are checked when they resolve instead.
 */
export function knownNow<T>(input: pulumi.Input<T> | undefined): { known: true; value: pulumi.Unwrap<T> | undefined } | { known: false } {
  return isPlain(input) ? { known: true, value: input as pulumi.Unwrap<T> | undefined } : { known: false };
}

function isPlain(value: unknown): boolean {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return false;
  if (Array.isArray(value)) return value.every(isPlain);
  if (value !== null && typeof value === "object") return Object.values(value).every(isPlain);
  return true;
}

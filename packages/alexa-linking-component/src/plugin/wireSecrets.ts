import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

/**
 * Secrets as the engine sends them to a provider that accepts secrets, which every provider
 * served by `@pulumi/pulumi/provider` does: `{ <sig key>: <secret sig>, value }` objects inside
 * the properties. The package's rules work on plain values, so the plugin reveals them before a
 * rule runs and marks the results again after, as the engine itself does for providers that do
 * not accept secrets (annotateSecrets in the engine's provider plugin client).
 */

type Wire = unknown;

export function isWireSecret(value: Wire): value is { value?: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}

export const asWireSecret = (value: unknown): Wire => (isWireSecret(value) ? value : { [specialSigKey]: specialSecretSig, value });

/** The value with every secret replaced by what it holds. */
export function revealSecrets(value: Wire): unknown {
  if (isWireSecret(value)) return revealSecrets(value.value);
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revealSecrets(item)]));
  }
  return value;
}

export function containsSecret(value: Wire): boolean {
  if (isWireSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
  return false;
}

/**
 * `outs` with each property that was secret in `ins` (or held a secret) marked secret again;
 * objects on both sides are matched key by key, so a secret leaf stays a secret leaf.
 */
export function keepSecretness(outs: Record<string, unknown>, ins: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...outs };
  for (const [key, input] of Object.entries(ins)) {
    if (!(key in result)) continue;
    const output = result[key];
    if (
      isWireSecret(input) ||
      Array.isArray(input) ||
      typeof input !== "object" ||
      input === null ||
      typeof output !== "object" ||
      output === null ||
      Array.isArray(output)
    ) {
      if (containsSecret(input)) result[key] = asWireSecret(output);
    } else {
      result[key] = keepSecretness(output as Record<string, unknown>, input as Record<string, unknown>);
    }
  }
  return result;
}

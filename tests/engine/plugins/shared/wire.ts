/**
 * Property values as the engine sends them to a provider that accepts secrets
 * (`@pulumi/pulumi/provider` answers Configure with acceptSecrets = true): `Struct.toJavaScript()`
 * of the wire form, so secrets arrive wrapped and unknowns (preview) as a sentinel string.
 * `@pulumi/pulumi/provider`'s server passes these raw values to check/diff/create/read/update/
 * delete without unwrapping them (only construct/call deserialize): the stand-ins unwrap here.
 */

/** `sig.Key` / `sig.Secret` of sdk/go/common/resource/sig. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** `plugin.UnknownStringValue`: a computed value during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Props = Record<string, unknown>;

export function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

export function secret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True if the value is or contains a preview unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (isSecret(value)) return containsUnknown(value.value);
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

/** True if the value is or contains a secret. */
export function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
  return false;
}

/** The value with every secret wrapper removed (deeply). */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (typeof value === "object" && value !== null) {
    const out: Props = {};
    for (const [k, v] of Object.entries(value)) out[k] = reveal(v);
    return out;
  }
  return value;
}

/** Plain values plus the names of the top-level properties that carried a secret. */
export function revealProps(props: Props | undefined): { values: Props; secretKeys: Set<string> } {
  const values: Props = {};
  const secretKeys = new Set<string>();
  for (const [k, v] of Object.entries(props ?? {})) {
    if (containsSecret(v)) secretKeys.add(k);
    values[k] = reveal(v);
  }
  return { values, secretKeys };
}

/** Wraps the named top-level outputs as secrets again (the engine also re-marks outputs that share a name with a secret input). */
export function rewrapSecrets(outs: Props, secretKeys: Set<string>): Props {
  const result: Props = {};
  for (const [k, v] of Object.entries(outs)) result[k] = secretKeys.has(k) && v !== undefined ? secret(v) : v;
  return result;
}

/** Drops `undefined` values: `Struct.fromJavaScript` refuses them. */
export function defined(props: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props)) if (v !== undefined) out[k] = v;
  return out;
}

/** Deep equality of plain JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a as Props).filter((k) => (a as Props)[k] !== undefined);
    const kb = Object.keys(b as Props).filter((k) => (b as Props)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => jsonEqual((a as Props)[k], (b as Props)[k]));
  }
  return false;
}

/** The `name` part of a URN `urn:pulumi:stack::project::type::name`. */
export function urnName(urn: string): string {
  const i = urn.lastIndexOf("::");
  return i < 0 ? urn : urn.slice(i + 2);
}

/** The type token of a URN (the last `$`-separated part of the qualified type). */
export function urnType(urn: string): string {
  const parts = urn.split("::");
  const qualified = parts[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

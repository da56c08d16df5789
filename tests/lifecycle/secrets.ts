/**
 * Secrets as the engine sees them, and the audit that searches everything a lifecycle produced
 * for a secret in clear. Pure functions; table tests in secrets.test.ts.
 */

import { isWireSecret } from "../../packages/alexa-linking-component/src/plugin/wireSecrets";

/** The wire form of a secret in registered inputs (`{[sig key]: secret sig, value}`): the package's own rule. */
export { isWireSecret, revealSecrets as unwrapSecrets } from "../../packages/alexa-linking-component/src/plugin/wireSecrets";

/** The value with every secret replaced by "[secret]": what may be shown and logged. */
export function withoutSecrets(v: unknown): unknown {
  if (isWireSecret(v)) return "[secret]";
  if (Array.isArray(v)) return v.map(withoutSecrets);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutSecrets(x)]));
  }
  return v;
}

/** Top-level input names whose value is a secret (the engine makes same-named outputs secret). */
export const secretInputNames = (inputs: Record<string, unknown>): string[] => Object.keys(inputs).filter((k) => isWireSecret(inputs[k]));

/**
 * The outputs the engine keeps in clear: every output but those named like a secret input or
 * listed in additionalSecretOutputs.
 */
export function plainOutputs(outputs: Record<string, unknown>, secretNames: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).filter(([k]) => !secretNames.includes(k)));
}

/** The forms in which a secret could show up in text: raw, URL-encoded, form-encoded, JSON-escaped, base64. */
export function secretForms(value: string): { form: string; text: string }[] {
  const forms = [
    { form: "raw", text: value },
    { form: "url-encoded", text: encodeURIComponent(value) },
    { form: "form-encoded", text: new URLSearchParams({ s: value }).toString().slice(2) },
    { form: "json-escaped", text: JSON.stringify(value).slice(1, -1) },
    { form: "base64", text: Buffer.from(value, "utf8").toString("base64") },
  ];
  const seen = new Set<string>();
  return forms.filter((f) => f.text.length > 0 && !seen.has(f.text) && seen.add(f.text));
}

export interface Haystack {
  /** Where the text came from, e.g. "stderr of the create run". */
  where: string;
  text: string;
}

export interface Leak {
  where: string;
  secret: string;
  form: string;
}

/** Every place where a secret appears in any of its forms. */
export function findLeaks(haystacks: readonly Haystack[], secrets: readonly { name: string; value: string }[]): Leak[] {
  const leaks: Leak[] = [];
  for (const { where, text } of haystacks) {
    for (const secret of secrets) {
      const hit = secretForms(secret.value).find((f) => text.includes(f.text));
      if (hit) leaks.push({ where, secret: secret.name, form: hit.form });
    }
  }
  return leaks;
}

/** Text of any value for the audit (strings as they are, the rest as JSON). */
export const textOf = (v: unknown): string => (typeof v === "string" ? v : (JSON.stringify(v) ?? String(v)));

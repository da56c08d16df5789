/**
 * The honesty rule of the stand-ins: every input property is checked against the real SDK's
 * declaration of that resource's inputs (`<Name>Args` in node_modules), and
 * - a property the real schema does not have fails check, naming it;
 * - a property the real schema has but the stand-in does not implement fails check, naming it,
 *   instead of being silently ignored;
 * - a required property that is missing fails check;
 * - an implemented property of the wrong primitive kind fails check.
 */
import { CheckFailure } from "./serve";
import { packageVersion, SdkInterface, SdkProperty } from "./sdkSchema";
import { isSecret, isUnknown, Props } from "./wire";

export type Kind = "string" | "boolean" | "number" | "array" | "object" | "any";

/** The wire kind of an SDK property from its declared type text. */
export function kindOf(property: SdkProperty): Kind {
  let t = property.typeText.replace(/\s+/g, " ").trim();
  const input = /^pulumi\.Input<(.*)>$/.exec(t);
  if (input) t = input[1]!.trim();
  const parts = splitUnion(t).filter((p) => p !== "undefined" && p !== "null");
  const kinds = new Set<Kind>();
  for (const part of parts) {
    if (part === "string" || /^enums\./.test(part) || /^"/.test(part)) kinds.add("string");
    else if (part === "boolean") kinds.add("boolean");
    else if (part === "number") kinds.add("number");
    else if (/\[\]$/.test(part) || /^pulumi\.Input<.*\[\]>$/.test(part)) kinds.add("array");
    else if (part === "any") return "any";
    else kinds.add("object");
  }
  return kinds.size === 1 ? [...kinds][0]! : "any";
}

function splitUnion(t: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === "<" || c === "{" || c === "(" || c === "[") depth++;
    else if (c === ">" || c === "}" || c === ")" || c === "]") depth--;
    else if (c === "|" && depth === 0) {
      parts.push(t.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(t.slice(start).trim());
  return parts;
}

function kindOfValue(value: unknown): Kind {
  if (Array.isArray(value)) return "array";
  if (value === null) return "any";
  const t = typeof value;
  if (t === "string" || t === "boolean" || t === "number") return t;
  return "object";
}

export interface HonestyOptions {
  /** e.g. "aws:s3/bucket:Bucket". */
  token: string;
  /** e.g. "@pulumi/aws". */
  sdkPackage: string;
  args: SdkInterface;
  implemented: ReadonlySet<string>;
  /** Inputs the real provider fills in itself when absent (e.g. an auto-named `bucket`): not required. */
  defaulted?: ReadonlySet<string>;
}

export function checkInputs(news: Props, opts: HonestyOptions): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const sdk = `${opts.sdkPackage} ${packageVersion(opts.sdkPackage)}`;
  for (const [key, raw] of Object.entries(news)) {
    const declared = opts.args.properties.get(key);
    if (!declared) {
      failures.push({
        property: key,
        reason: `unknown property "${key}": ${opts.token} has no input "${key}" (${opts.args.name} in ${sdk}); the stand-in refuses it as the real provider's schema would`,
      });
      continue;
    }
    if (!opts.implemented.has(key)) {
      failures.push({
        property: key,
        reason: `"${key}" is an input of ${opts.token} (${sdk}) that is not implemented by the stand-in ${opts.sdkPackage.replace("@pulumi/", "")} provider; implemented: ${[...opts.implemented].join(", ")}`,
      });
      continue;
    }
    const value = isSecret(raw) ? raw.value : raw;
    if (isUnknown(value) || value === null || value === undefined) continue;
    const want = kindOf(declared);
    const got = kindOfValue(value);
    if (want !== "any" && got !== "any" && want !== got) {
      failures.push({ property: key, reason: `"${key}" must be a ${want} (${declared.typeText}), got ${got} ${JSON.stringify(value)}` });
    }
  }
  for (const declared of opts.args.properties.values()) {
    if (declared.optional || opts.defaulted?.has(declared.name)) continue;
    const v = news[declared.name];
    if (v === undefined || v === null) {
      failures.push({ property: declared.name, reason: `Missing required property '${declared.name}' of ${opts.token}` });
    }
  }
  return failures;
}

/**
 * A nested input object (or list of objects) checked like top-level inputs against its SDK
 * declaration (`inputs.<module>.<Name>` in types/input.d.ts): unknown and unimplemented members
 * and missing required ones fail, named by their path (`origins[0].domainName`).
 */
export interface NestedSpec {
  args: SdkInterface;
  implemented: ReadonlySet<string>;
  nested?: Record<string, NestedSpec>;
}

export function checkNested(value: unknown, path: string, spec: NestedSpec, token: string, sdkPackage: string): CheckFailure[] {
  const v = isSecret(value) ? value.value : value;
  if (v === undefined || v === null || isUnknown(v)) return [];
  if (Array.isArray(v)) return v.flatMap((item, i) => checkNested(item, `${path}[${i}]`, spec, token, sdkPackage));
  if (typeof v !== "object")
    return [{ property: path, reason: `"${path}" must be an object (${spec.args.name}), got ${JSON.stringify(v)}` }];
  const failures: CheckFailure[] = [];
  for (const f of checkInputs(v as Props, { token, sdkPackage, args: spec.args, implemented: spec.implemented })) {
    failures.push({
      property: `${path}.${f.property}`,
      reason: f.reason.replace(`"${f.property}"`, `"${path}.${f.property}"`).replace(`'${f.property}'`, `'${path}.${f.property}'`),
    });
  }
  for (const [key, sub] of Object.entries(spec.nested ?? {}))
    failures.push(...checkNested((v as Props)[key], `${path}.${key}`, sub, token, sdkPackage));
  return failures;
}

/** A failure unless the (known, string) value is one of `allowed`. */
export function oneOf(value: unknown, path: string, allowed: readonly string[]): CheckFailure[] {
  const v = isSecret(value) ? value.value : value;
  if (v === undefined || v === null || isUnknown(v) || allowed.includes(v as string)) return [];
  return [{ property: path, reason: `expected ${path} to be one of [${allowed.join(" ")}], got ${JSON.stringify(v)}` }];
}

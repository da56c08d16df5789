import type { Registration } from "../support/pulumiMocks";
import { secretInputNames } from "./secrets";

export const COGNITO_TYPE = "pulumi-nodejs:dynamic/alexa-linking:CognitoCallbackUrl";
export const SKILL_TYPE = "pulumi-nodejs:dynamic/alexa-linking:SkillAccountLinking";
export const PROVIDER_KEY = "__provider";

/** One dynamic resource as the program registered it: what the engine would store and send. */
export interface CapturedResource {
  /** Stable key: "cognito" or the skill id; placeholders name resources by it. */
  key: string;
  type: string;
  name: string;
  /** The serialized provider (the `__provider` input). */
  provider: string;
  /** The registered inputs in wire form (secrets wrapped), `__provider` included. */
  inputs: Record<string, unknown>;
  /** Inputs registered as secrets. */
  secretInputs: string[];
  additionalSecretOutputs: string[];
}

export const resourceKey = (type: string, name: string, inputs: Record<string, unknown>): string =>
  type === COGNITO_TYPE ? "cognito" : type === SKILL_TYPE ? String(inputs.skillId) : name;

/** The dynamic resources among the registrations, with the provider text each one carries. */
export function capturedDynamicResources(registrations: readonly Registration[]): CapturedResource[] {
  return registrations
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
    .map((r) => {
      const provider = r.inputs[PROVIDER_KEY];
      if (typeof provider !== "string" || !provider.includes("exports.handler")) {
        throw new Error(
          `${r.type} ${r.name}: the __provider input is not a serialized provider: ${JSON.stringify(provider)?.slice(0, 200)}`,
        );
      }
      return {
        key: resourceKey(r.type, r.name, r.inputs),
        type: r.type,
        name: r.name,
        provider,
        inputs: r.inputs,
        secretInputs: secretInputNames(r.inputs),
        additionalSecretOutputs: r.additionalSecretOutputs,
      };
    });
}

/**
 * Placeholders stand for another resource's outputs in registered inputs: the mocks answer the
 * Cognito resource with them, and the harness puts the real values in once that resource exists,
 * as the engine does when it resolves an output.
 */
export const placeholder = (key: string, output: string): string => `<<output ${key} ${output}>>`;
const PLACEHOLDER = /^<<output (\S+) (\S+)>>$/;

/** The resource keys whose outputs a value refers to. */
export function dependenciesOf(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      const m = PLACEHOLDER.exec(v);
      if (m) found.add(m[1]);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  return [...found].sort();
}

/** The value with each placeholder replaced by `lookup(key, output)`; wire-form secrets stay wrapped. */
export function resolvePlaceholders(value: unknown, lookup: (key: string, output: string) => unknown): unknown {
  if (typeof value === "string") {
    const m = PLACEHOLDER.exec(value);
    return m ? lookup(m[1], m[2]) : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolvePlaceholders(v, lookup));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolvePlaceholders(v, lookup)]));
  }
  return value;
}

/**
 * The mocks' answer for a dynamic resource: the outputs a deployment produced when there are
 * some (the program's next run), else placeholders for the Cognito outputs the skills take.
 */
export function dynamicMockState(outputs: ReadonlyMap<string, Record<string, unknown>>) {
  return (type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined => {
    if (!type.startsWith("pulumi-nodejs:dynamic/")) return undefined;
    const key = resourceKey(type, name, inputs);
    const real = outputs.get(key);
    if (real) return real;
    if (type !== COGNITO_TYPE) return undefined;
    return Object.fromEntries(["userPoolId", "clientId", "clientName", "clientSecret"].map((o) => [o, placeholder(key, o)]));
  };
}

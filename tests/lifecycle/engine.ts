import { CapturedResource, dependenciesOf, resolvePlaceholders } from "./capture";
import type { DiffAnswer, Props, ProviderHost } from "./hostClient";
import { secretInputNames, unwrapSecrets } from "./secrets";

/**
 * What the engine does with the registered dynamic resources in one `pulumi up` or `destroy`:
 * resources run as soon as the resources whose outputs they take exist (all skills in parallel
 * after the Cognito callback URL), a failed resource stops its dependents but not the others,
 * and the state keeps checked inputs and outputs for the next run.
 */

/** The engine's placeholder for a value not known at preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface ResourceState {
  id: string;
  /** The checked inputs of the last successful step. */
  inputs: Props;
  outputs: Props;
  /** Outputs the engine keeps secret: same-named secret inputs and additionalSecretOutputs. */
  secretOutputs: string[];
  /** Keys of the resources whose outputs this one takes. */
  dependsOn: string[];
}

export type StackState = Map<string, ResourceState>;

export interface Step {
  key: string;
  op: "create" | "update" | "same" | "delete" | "failed" | "skipped";
  diff?: DiffAnswer;
  /** The message the engine would show. */
  error?: string;
  checkFailures?: { property: string; reason: string }[];
}

export interface Deployment {
  steps: Step[];
  /** Every error message, in resource order. */
  errors: string[];
}

const deployment = (steps: Step[]): Deployment => ({
  steps,
  errors: steps.filter((s) => s.error !== undefined).map((s) => s.error as string),
});

/** Throws with every error message unless the deployment succeeded. */
export function mustSucceed(d: Deployment): Deployment {
  if (d.errors.length > 0) throw new Error(`the deployment failed:\n${d.errors.join("\n")}`);
  return d;
}

/** The op of each resource, by key. */
export const opsOf = (d: Deployment): Record<string, Step["op"]> => Object.fromEntries(d.steps.map((s) => [s.key, s.op]));

/**
 * One `pulumi up` (or `pulumi preview` with `preview: true`: check and diff only, outputs of
 * resources not created yet unknown). Mutates `stack`.
 */
export async function up(
  host: ProviderHost,
  resources: readonly CapturedResource[],
  stack: StackState,
  options: { preview?: boolean } = {},
): Promise<Deployment> {
  const byKey = new Map(resources.map((r) => [r.key, r]));
  const runs = new Map<string, Promise<Step>>();
  const run = (key: string): Promise<Step> => {
    let p = runs.get(key);
    if (!p) {
      p = step(byKey.get(key) as CapturedResource);
      runs.set(key, p);
    }
    return p;
  };

  async function step(r: CapturedResource): Promise<Step> {
    const dependsOn = dependenciesOf(r.inputs);
    const deps = await Promise.all(dependsOn.filter((k) => byKey.has(k)).map(run));
    if (deps.some((d) => d.op === "failed" || d.op === "skipped")) return { key: r.key, op: "skipped" };
    const resolved = resolvePlaceholders(r.inputs, (key, output) => {
      const dep = stack.get(key);
      if (!dep) {
        if (options.preview) return UNKNOWN;
        throw new Error(`${r.name} takes output ${output} of ${key}, which does not exist`);
      }
      return dep.outputs[output];
    }) as Props;
    const news = unwrapSecrets(resolved) as Props;
    const secretOutputs = [...new Set([...secretInputNames(resolved), ...r.additionalSecretOutputs])];
    const old = stack.get(r.key);
    try {
      const checked = await host.check(old?.inputs ?? {}, news);
      if (checked.failures.length > 0) {
        const error = `${r.name}: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`;
        return { key: r.key, op: "failed", error, checkFailures: checked.failures };
      }
      if (!old) {
        if (options.preview) return { key: r.key, op: "create" };
        const created = await host.create(checked.inputs);
        stack.set(r.key, { id: created.id, inputs: checked.inputs, outputs: created.properties, secretOutputs, dependsOn });
        return { key: r.key, op: "create" };
      }
      const diff = await host.diff(old.id, old.outputs, checked.inputs);
      if (diff.changes === "UNKNOWN") throw new Error(`${r.name}: diff answered neither changes nor no changes`);
      if (diff.replaces.length > 0)
        throw new Error(`${r.name}: diff asks to replace (${diff.replaces.join(", ")}); this harness does not simulate replacements`);
      if (diff.changes === "NONE") {
        if (!options.preview) stack.set(r.key, { ...old, inputs: checked.inputs, secretOutputs, dependsOn });
        return { key: r.key, op: "same", diff };
      }
      if (options.preview) return { key: r.key, op: "update", diff };
      const updated = await host.update(old.id, old.outputs, checked.inputs);
      stack.set(r.key, { id: old.id, inputs: checked.inputs, outputs: updated.properties, secretOutputs, dependsOn });
      return { key: r.key, op: "update", diff };
    } catch (e) {
      return { key: r.key, op: "failed", error: (e as Error).message };
    }
  }

  return deployment(await Promise.all(resources.map((r) => run(r.key))));
}

/** One `pulumi destroy`: each resource deleted once every resource that takes its outputs is gone. */
export async function destroy(host: ProviderHost, stack: StackState): Promise<Deployment> {
  const keys = [...stack.keys()];
  const runs = new Map<string, Promise<Step>>();
  const run = (key: string): Promise<Step> => {
    let p = runs.get(key);
    if (!p) {
      p = remove(key);
      runs.set(key, p);
    }
    return p;
  };
  async function remove(key: string): Promise<Step> {
    const dependents = keys.filter((k) => stack.get(k)?.dependsOn.includes(key));
    const before = await Promise.all(dependents.map(run));
    if (before.some((s) => s.op !== "delete")) return { key, op: "skipped" };
    const state = stack.get(key) as ResourceState;
    try {
      await host.delete(state.id, state.outputs);
      stack.delete(key);
      return { key, op: "delete" };
    } catch (e) {
      return { key, op: "failed", error: (e as Error).message };
    }
  }
  return deployment(await Promise.all(keys.map(run)));
}

/** One `pulumi refresh`: every resource read back; a resource read as gone leaves the state. */
export async function refresh(host: ProviderHost, stack: StackState): Promise<Deployment> {
  const steps = await Promise.all(
    [...stack.entries()].map(async ([key, state]): Promise<Step> => {
      try {
        const read = await host.read(state.id, state.outputs);
        if (!read.id) stack.delete(key);
        else stack.set(key, { ...state, id: read.id, outputs: read.properties, inputs: read.inputs ?? state.inputs });
        return { key, op: "same" };
      } catch (e) {
        return { key, op: "failed", error: (e as Error).message };
      }
    }),
  );
  return deployment(steps);
}

import type { CapturedResource } from "../lifecycle/capture";
import { destroy, mustSucceed, up, type Deployment, type StackState } from "../lifecycle/engine";
import { startHost } from "../lifecycle/hostClient";
import { assertProgramOk, componentProgram, programArgs, runProgram } from "../lifecycle/program";
import { startWorld, type World } from "../lifecycle/world";
import {
  classifyCognito,
  classifySmapi,
  cognitoThrottled,
  smapiThrottled,
  startFaultProxy,
  type Counts,
  type FaultProxy,
} from "./faultProxy";
import { seededRandom } from "./throttle";

export const PHASES = ["create", "up, no change", "update, same URL", "update, new URL", "destroy"] as const;
export type Phase = (typeof PHASES)[number];

export interface ScenarioOptions {
  skills: number;
  /** Share of emulator answers that are 429, 0 to 1. */
  throttleRate: number;
  latencyMs: number;
  seed: number;
}

export interface PhaseResult {
  phase: Phase;
  /** Requests by label ("SMAPI PUT", "Cognito DescribeUserPoolClient"...), 429-answered ones included. */
  calls: Record<string, Counts>;
  wallMs: number;
  error?: string;
}

export const skillIdOf = (i: number): string => `amzn1.ask.skill.00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;

/** The same resources with another package version: the update a component upgrade makes. */
const withVersion = (resources: CapturedResource[], suffix: string): CapturedResource[] =>
  resources.map((r) => ({ ...r, inputs: { ...r.inputs, version: `${String(r.inputs.version)}${suffix}` } }));

/**
 * One benchmark scenario: a fresh world with `skills` skills behind latency-and-429 proxies, and
 * each phase as its own deployment (a fresh provider host process, so one LWA token each).
 */
export async function runScenario(options: ScenarioOptions): Promise<PhaseResult[]> {
  const skillIds = Array.from({ length: options.skills }, (_, i) => skillIdOf(i + 1));
  const world: World = await startWorld(skillIds.map((skillId) => ({ skillId })));
  const random = seededRandom(options.seed);
  const throttle = { rate: options.throttleRate, maxInARow: 3 };
  const proxies: FaultProxy[] = [];
  try {
    const smapi = await startFaultProxy({
      target: world.smapi.url,
      latencyMs: options.latencyMs,
      throttle,
      random,
      classify: classifySmapi,
      throttled: smapiThrottled,
    });
    proxies.push(smapi);
    const cognito = await startFaultProxy({
      target: world.cognito.endpoint,
      latencyMs: options.latencyMs,
      throttle,
      random,
      classify: classifyCognito,
      throttled: cognitoThrottled,
    });
    proxies.push(cognito);
    const args = (bucket: string) => ({
      ...programArgs(world, bucket, skillIds),
      endpoints: { cognito: cognito.url, smapi: smapi.url, lwa: smapi.url, apiGateway: world.apiGateway.url },
    });
    const first = assertProgramOk(await runProgram(componentProgram("bench", args("rainmaker-bench-links")))).resources;
    const moved = assertProgramOk(await runProgram(componentProgram("bench", args("rainmaker-bench-links-b")))).resources;

    const stack: StackState = new Map();
    const steps: [Phase, (host: ReturnType<typeof startHost>) => Promise<Deployment>][] = [
      ["create", (h) => up(h, first, stack)],
      ["up, no change", (h) => up(h, first, stack)],
      ["update, same URL", (h) => up(h, withVersion(first, "-next"), stack)],
      ["update, new URL", (h) => up(h, withVersion(moved, "-next"), stack)],
      ["destroy", (h) => destroy(h, stack)],
    ];
    const results: PhaseResult[] = [];
    for (const [phase, run] of steps) {
      for (const p of proxies) p.reset();
      const host = startHost();
      const started = process.hrtime.bigint();
      let error: string | undefined;
      try {
        mustSucceed(await run(host));
      } catch (e) {
        error = (e as Error).message;
      }
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      await host.close();
      const calls: Record<string, Counts> = {};
      for (const p of proxies) for (const [label, c] of p.counts) calls[label] = { ...c };
      results.push({ phase, calls, wallMs, error });
      if (error) break;
    }
    return results;
  } finally {
    await Promise.allSettled(proxies.map((p) => p.close()));
    await world.stop();
  }
}

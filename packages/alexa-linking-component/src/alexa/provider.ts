import type * as pulumi from "@pulumi/pulumi";
import { diffSkillLinking, withNewAccess } from "./diff";
import { isLwaRefusal } from "./lwa";
import { planDelete, planWrite, type PreviousWrite } from "./plan";
import { linkingProblem, liveStageMessage, notConfiguredMessage } from "./problems";
import { DEFAULT_RETRY_POLICY, realRetryRuntime, type RetryPolicy, type RetryRuntime } from "./retry";
import { getAccountLinking, putAccountLinking, type SmapiCall, type SmapiError } from "./smapiClient";
import type { AccountLinking, SkillLinkingInputs, SkillLinkingOutputs } from "./types";
import { checkSkillLinkingInputs } from "./validation";

export interface SkillLinkingProviderOptions {
  /** Overrides of the retry policy (429, 5xx, connection errors). */
  retry?: Partial<RetryPolicy>;
  /** Sleep, clock and random source; tests inject instant ones. */
  runtime?: Partial<RetryRuntime>;
  /** GET-merge-PUT rounds tried when PUT answers 412 (the skill changed meanwhile). Default 4. */
  maxConflictRounds?: number;
}

export type SkillLinkingProvider = pulumi.dynamic.ResourceProvider<SkillLinkingInputs, SkillLinkingOutputs>;

export const skillLinkingId = (skillId: string, stage: string): string => `${skillId}/${stage}`;

/**
 * The dynamic provider of SkillAccountLinking. Every method reads the skill, asks a pure
 * function what to write, and writes with If-Match (never without one); SDK clients are built
 * inside the methods because the engine serializes this object as a closure.
 */
export function createSkillLinkingProvider(options: SkillLinkingProviderOptions = {}): SkillLinkingProvider {
  const callFor = (inputs: SkillLinkingInputs): SmapiCall => ({
    skillId: inputs.skillId,
    stage: inputs.stage,
    lwa: inputs.lwa,
    endpoints: inputs.endpoints,
    secrets: [inputs.clientSecret],
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    runtime: { ...realRetryRuntime(), ...options.runtime },
  });
  const rounds = Math.max(1, options.maxConflictRounds ?? 4);

  /** GET, plan, PUT with If-Match; a 412 starts the round again, at most `rounds` times. */
  async function writeLoop<T>(
    inputs: SkillLinkingInputs,
    plan: (current: NonNullable<Awaited<ReturnType<typeof getAccountLinking>>>) => { request?: AccountLinking; result: T },
    onMissing: () => T,
  ): Promise<T> {
    const call = callFor(inputs);
    for (let round = 1; ; round++) {
      const current = await getAccountLinking(call);
      if (!current) return onMissing();
      const { request, result } = plan(current);
      if (!request) return result;
      try {
        // The linking the plan came from: a GET without an ETag is checked against it before the PUT.
        await putAccountLinking(call, request, current.etag, current.linking);
        return result;
      } catch (error) {
        if ((error as SmapiError).status !== 412) throw error;
        if (round >= rounds) {
          throw new Error(
            `The account linking of skill ${inputs.skillId} (stage ${inputs.stage}) kept changing while this ` +
              `deployment wrote it (${rounds} rounds, each answered 412 Precondition Failed). Fix: stop other ` +
              `edits of the skill's account linking (console, ask-cli, another stack) and run again.`,
          );
        }
      }
    }
  }

  async function write(inputs: SkillLinkingInputs, previous?: PreviousWrite): Promise<SkillLinkingOutputs> {
    if (inputs.stage === "live") throw new Error(liveStageMessage(inputs.skillId));
    return writeLoop<SkillLinkingOutputs>(
      inputs,
      ({ linking }) => {
        const problem = linkingProblem(linking, inputs);
        if (problem) throw new Error(problem);
        const { request, urlWasPresent, unchanged } = planWrite(linking, inputs, previous);
        return {
          request: unchanged ? undefined : request,
          result: {
            ...inputs,
            urlWasPresent,
            redirectUrls: request.redirectUrls ?? [],
            accountLinkingClientId: linking.clientId,
          },
        };
      },
      () => {
        throw new Error(notConfiguredMessage(inputs));
      },
    );
  }

  return {
    async check(_olds, news) {
      const { inputs, issues } = checkSkillLinkingInputs(news as unknown as Record<string, unknown>);
      return { inputs, failures: issues };
    },

    async diff(_id, olds, news) {
      const { changes, replaces } = diffSkillLinking(olds, news);
      return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
      const outs = await write(inputs);
      return { id: skillLinkingId(inputs.skillId, inputs.stage), outs };
    },

    async update(_id, olds, news) {
      // Only the LWA credentials or endpoints changed: record them, no call (not even a token),
      // so a rotation writes nothing to the skill and delete later runs with the new ones.
      if (!diffSkillLinking(olds, news).writesSkill) return { outs: withNewAccess(olds, news) };
      const previous =
        typeof olds.redirectUrl === "string"
          ? { redirectUrl: olds.redirectUrl, urlWasPresent: olds.urlWasPresent === true, clientSecret: olds.clientSecret }
          : undefined;
      return { outs: await write(news, previous) };
    },

    /**
     * Refresh: records the skill's redirect URLs, so a URL removed in the console shows as a diff.
     * Refresh runs with the recorded credentials, before the new ones reach this resource: when
     * LWA refuses them (rotated and revoked), the state is kept as it is, so the update that
     * follows can record the new credentials; the next refresh reads the skill again.
     */
    async read(id, props) {
      if (!props) throw new Error(`Reading skill account linking ${id} needs the recorded state; import is not supported.`);
      let current: Awaited<ReturnType<typeof getAccountLinking>>;
      try {
        current = await getAccountLinking(callFor(props));
      } catch (error) {
        if (isLwaRefusal(error)) return { id, props };
        throw error;
      }
      const refreshed: SkillLinkingOutputs = { ...props, redirectUrls: current?.linking.redirectUrls ?? [] };
      // The engine's property structs cannot hold undefined (a skill whose linking was removed).
      if (current?.linking.clientId === undefined) delete refreshed.accountLinkingClientId;
      else refreshed.accountLinkingClientId = current.linking.clientId;
      return { id, props: refreshed };
    },

    /** Removes only the URL this resource added; never DELETEs the account linking itself. */
    async delete(_id, props) {
      // A URL that was there before this resource is not this resource's to remove: no call at all.
      if (props.stage === "live" || props.urlWasPresent === true) return;
      await writeLoop<void>(
        props,
        ({ linking }) => {
          const request = planDelete(linking, {
            redirectUrl: props.redirectUrl,
            urlWasPresent: props.urlWasPresent === true,
            clientSecret: props.clientSecret,
          });
          if (!request) return { result: undefined };
          const problem = linkingProblem(linking, props);
          if (problem) {
            throw new Error(
              `${problem} The redirect URL ${props.redirectUrl} was left on the skill; remove it by hand, ` +
                `or fix the client id and run again.`,
            );
          }
          return { request, result: undefined };
        },
        () => undefined,
      );
    },
  };
}

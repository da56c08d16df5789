import { addedByThisStack } from "../shared/ownership";
import {
  DEFAULT_RETRY_POLICY,
  DEFAULT_WRITE_ROUNDS,
  realRetryRuntime,
  writeUntilItSticks,
  type RetryPolicy,
  type RetryRuntime,
  type WriteOutcome,
} from "../shared/retry";
import { isLwaRefusal } from "./lwa";
import { planDelete, planWrite, type PreviousWrite } from "./plan";
import { linkingProblem, liveStageMessage, notConfiguredMessage } from "./problems";
import { getAccountLinking, putAccountLinking, type SmapiCall, type SmapiError } from "./smapiClient";
import type { AccountLinking, SkillLinkingInputs, SkillLinkingOutputs } from "./types";

export interface SkillLinkingProviderOptions {
  /** Overrides of the retry policy (429, 5xx, connection errors). */
  retry?: Partial<RetryPolicy>;
  /** Sleep, clock and random source; tests inject instant ones. */
  runtime?: Partial<RetryRuntime>;
  /**
   * Rounds of write-until-it-sticks (src/shared/retry.ts): GET-merge-PUT rounds tried when PUT
   * answers 412 (the skill changed meanwhile). Default DEFAULT_WRITE_ROUNDS.
   */
  writeRounds?: number;
}

type Current = Awaited<ReturnType<typeof getAccountLinking>>;

const callFor = (inputs: SkillLinkingInputs, options: SkillLinkingProviderOptions): SmapiCall => ({
  skillId: inputs.skillId,
  stage: inputs.stage,
  lwa: inputs.lwa,
  endpoints: inputs.endpoints,
  secrets: [inputs.clientSecret],
  policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
  runtime: { ...realRetryRuntime(), ...options.runtime },
});

/**
 * GET, plan, PUT with If-Match (never without one): the write-until-it-sticks loop, where a 412
 * (the skill changed since the GET) starts the round again from a new GET.
 */
function writeSkill(
  inputs: SkillLinkingInputs,
  options: SkillLinkingProviderOptions,
  plan: (current: Current) => AccountLinking | undefined,
) {
  const call = callFor(inputs, options);
  return writeUntilItSticks<Current, AccountLinking>({
    read: () => getAccountLinking(call),
    plan,
    async write(request, current): Promise<WriteOutcome<Current>> {
      try {
        // The linking the plan came from: a GET without an ETag is checked against it before the PUT.
        await putAccountLinking(call, request, current?.etag, current?.linking);
        return { written: true };
      } catch (error) {
        if ((error as SmapiError).status !== 412) throw error;
        return { conflict: true };
      }
    },
    checkAfterWrite: false,
    rounds: options.writeRounds ?? DEFAULT_WRITE_ROUNDS,
    gaveUp: (n) => `The account linking of skill ${inputs.skillId} (stage ${inputs.stage}) was written ${n} times without sticking.`,
    conflicted: (n) =>
      `The account linking of skill ${inputs.skillId} (stage ${inputs.stage}) kept changing while this ` +
      `deployment wrote it (${n} rounds, each answered 412 Precondition Failed). Fix: stop other ` +
      `edits of the skill's account linking (console, ask-cli, another stack) and run again.`,
  });
}

/** Create (no `previous`) or update: merges the redirect URL and the client secret into the skill. */
export async function putSkillLinking(
  inputs: SkillLinkingInputs,
  previous: PreviousWrite | undefined,
  options: SkillLinkingProviderOptions,
): Promise<SkillLinkingOutputs> {
  if (inputs.stage === "live") throw new Error(liveStageMessage(inputs.skillId));
  const planFor = (current: Current) => {
    if (!current) throw new Error(notConfiguredMessage(inputs));
    const problem = linkingProblem(current.linking, inputs);
    if (problem) throw new Error(problem);
    return planWrite(current.linking, inputs, previous);
  };
  const { last } = await writeSkill(inputs, options, (current) => {
    const { request, unchanged } = planFor(current);
    return unchanged ? undefined : request;
  });
  // The outputs come from the read the final write was planned from.
  const { request, urlWasPresent } = planFor(last);
  return {
    ...inputs,
    urlWasPresent,
    redirectUrls: request.redirectUrls ?? [],
    accountLinkingClientId: last!.linking.clientId,
  };
}

/**
 * Refresh: records the skill's redirect URLs, so a URL removed in the console shows as a diff.
 * Refresh runs with the recorded credentials, before the new ones reach this resource: when
 * LWA refuses them (rotated and revoked), the state is kept as it is, so the update that
 * follows can record the new credentials; the next refresh reads the skill again.
 */
export async function readSkillLinking(props: SkillLinkingOutputs, options: SkillLinkingProviderOptions): Promise<SkillLinkingOutputs> {
  let current: Current;
  try {
    current = await getAccountLinking(callFor(props, options));
  } catch (error) {
    if (isLwaRefusal(error)) return props;
    throw error;
  }
  const refreshed: SkillLinkingOutputs = { ...props, redirectUrls: current?.linking.redirectUrls ?? [] };
  // The engine's property structs cannot hold undefined (a skill whose linking was removed).
  if (current?.linking.clientId === undefined) delete refreshed.accountLinkingClientId;
  else refreshed.accountLinkingClientId = current.linking.clientId;
  return refreshed;
}

/** Removes only the URL this resource added; never DELETEs the account linking itself. */
export async function removeSkillLinking(props: SkillLinkingOutputs, options: SkillLinkingProviderOptions): Promise<void> {
  // A URL that was there before this resource is not this resource's to remove: no call at all.
  if (props.stage === "live" || !addedByThisStack(props)) return;
  await writeSkill(props, options, (current) => {
    if (!current) return undefined;
    const request = planDelete(current.linking, { redirectUrl: props.redirectUrl, clientSecret: props.clientSecret });
    if (!request) return undefined;
    const problem = linkingProblem(current.linking, props);
    if (problem) {
      throw new Error(
        `${problem} The redirect URL ${props.redirectUrl} was left on the skill; remove it by hand, ` +
          `or fix the client id and run again.`,
      );
    }
    return request;
  });
}

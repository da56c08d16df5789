/**
 * STABLE ENTRY MODULE of the SkillAccountLinking provider: never move or rename this file, and
 * never remove or change the meaning of the names it exports.
 *
 * A program that installed this package from npm serializes the provider into its stack state,
 * and that text requires this module by path (`alexa-linking-component/dist/providers/
 * skillAccountLinking.js`) and calls the operations below by name. `pulumi refresh` and
 * `pulumi destroy` run that text again with whatever version is installed by then. The provider
 * methods call the operations through this module's exports (they are `export const`, which
 * TypeScript references as `exports.name`), so the closure serializer requires this module and
 * no other of the package (tests/package/providerEntryModules.test.ts measures it). Everything
 * behind these operations may be rearranged freely.
 */
import type * as pulumi from "@pulumi/pulumi";
import { diffSkillLinking, withNewAccess } from "../alexa/diff";
import { putSkillLinking, readSkillLinking, removeSkillLinking, type SkillLinkingProviderOptions } from "../alexa/operations";
import { withSkillLinkingDefaults, type SkillLinkingInputs, type SkillLinkingOutputs } from "../alexa/types";
import { checkSkillLinkingInputs } from "../alexa/validation";

export type { SkillLinkingProviderOptions };
export type SkillLinkingProvider = pulumi.dynamic.ResourceProvider<SkillLinkingInputs, SkillLinkingOutputs>;

/** The resource id: one skill stage, which one resource writes. */
export const skillLinkingId = (skillId: string, stage: string): string => `${skillId}/${stage}`;

/** Validates the new inputs and applies the defaults; bad input fails at preview, before any call. */
export const check = async (news: Partial<SkillLinkingInputs>): Promise<pulumi.dynamic.CheckResult<SkillLinkingInputs>> => {
  const { inputs, issues } = checkSkillLinkingInputs(news as unknown as Record<string, unknown>);
  return { inputs, failures: issues };
};

/** Recorded state may predate a default: it is read with the defaults applied. */
export const diff = async (olds: Partial<SkillLinkingOutputs>, news: SkillLinkingInputs): Promise<pulumi.dynamic.DiffResult> => {
  const { changes, replaces } = diffSkillLinking(withSkillLinkingDefaults(olds), news);
  return { changes, replaces, deleteBeforeReplace: false };
};

export const create = async (
  inputs: SkillLinkingInputs,
  options: SkillLinkingProviderOptions,
): Promise<pulumi.dynamic.CreateResult<SkillLinkingOutputs>> => {
  const outs = await putSkillLinking(inputs, undefined, options);
  return { id: skillLinkingId(inputs.skillId, inputs.stage), outs };
};

export const read = async (
  id: string,
  props: SkillLinkingOutputs | undefined,
  options: SkillLinkingProviderOptions,
): Promise<pulumi.dynamic.ReadResult<SkillLinkingOutputs>> => {
  if (!props) throw new Error(`Reading skill account linking ${id} needs the recorded state; import is not supported.`);
  return { id, props: await readSkillLinking(withSkillLinkingDefaults(props), options) };
};

export const update = async (
  olds: SkillLinkingOutputs,
  news: SkillLinkingInputs,
  options: SkillLinkingProviderOptions,
): Promise<pulumi.dynamic.UpdateResult<SkillLinkingOutputs>> => {
  const recorded = withSkillLinkingDefaults(olds);
  // Only the LWA credentials or endpoints changed: record them, no call (not even a token),
  // so a rotation writes nothing to the skill and delete later runs with the new ones.
  if (!diffSkillLinking(recorded, news).writesSkill) return { outs: withNewAccess(recorded, news) };
  const previous =
    typeof recorded.redirectUrl === "string"
      ? { redirectUrl: recorded.redirectUrl, urlWasPresent: recorded.urlWasPresent, clientSecret: recorded.clientSecret }
      : undefined;
  return { outs: await putSkillLinking(news, previous, options) };
};

export const remove = async (props: SkillLinkingOutputs, options: SkillLinkingProviderOptions): Promise<void> =>
  removeSkillLinking(withSkillLinkingDefaults(props), options);

/**
 * The dynamic provider of SkillAccountLinking. Every operation reads the skill, asks a pure
 * function what to write, and writes with If-Match; `options` is plain data (and the injected
 * runtime), copied into the serialized provider, and SDK clients are built inside each call.
 */
export function createSkillLinkingProvider(options: SkillLinkingProviderOptions = {}): SkillLinkingProvider {
  return {
    check: (_olds, news) => check(news),
    diff: (_id, olds, news) => diff(olds, news),
    create: (inputs) => create(inputs, options),
    read: (id, props) => read(id, props, options),
    update: (_id, olds, news) => update(olds, news, options),
    delete: (_id, props) => remove(props, options),
  };
}

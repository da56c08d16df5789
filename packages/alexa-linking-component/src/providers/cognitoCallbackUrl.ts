/**
 * STABLE ENTRY MODULE of the CognitoCallbackUrl provider: never move or rename this file, and
 * never remove or change the meaning of the names it exports.
 *
 * A program that installed this package from npm serializes the provider into its stack state,
 * and that text requires this module by path (`alexa-linking-component/dist/providers/
 * cognitoCallbackUrl.js`) and calls the operations below by name. `pulumi refresh` and
 * `pulumi destroy` run that text again with whatever version is installed by then. The provider
 * methods call the operations through this module's exports (they are `export const`, which
 * TypeScript references as `exports.name`), so the closure serializer requires this module and
 * no other of the package (tests/package/providerEntryModules.test.ts measures it). Everything
 * behind these operations may be rearranged freely.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CognitoProviderOptions } from "../cognito/client";
import { diffCallbackUrl } from "../cognito/diff";
import { checkCallbackUrlInputs, withCallbackUrlDefaults } from "../cognito/inputs";
import { putCallbackUrl, readCallbackUrl, removeCallbackUrl } from "../cognito/operations";
import type { CallbackUrlInputs, CallbackUrlOutputs } from "../cognito/types";

export type CognitoCallbackUrlProvider = pulumi.dynamic.ResourceProvider<CallbackUrlInputs, CallbackUrlOutputs>;

/** The resource id: the app client, which one resource writes. */
export const callbackUrlResourceId = (o: CallbackUrlOutputs): string => `${o.userPoolId}/${o.clientId}`;

/** Validates the new inputs and applies the defaults (the first place inputs enter). */
export const check = async (news: Partial<CallbackUrlInputs>): Promise<pulumi.dynamic.CheckResult<CallbackUrlInputs>> =>
  checkCallbackUrlInputs(news);

/** Recorded state may predate a default: it is read with the defaults applied. */
export const diff = async (olds: Partial<CallbackUrlOutputs>, news: CallbackUrlInputs): Promise<pulumi.dynamic.DiffResult> =>
  diffCallbackUrl(withCallbackUrlDefaults(olds), news);

export const create = async (
  inputs: CallbackUrlInputs,
  options: CognitoProviderOptions,
): Promise<pulumi.dynamic.CreateResult<CallbackUrlOutputs>> => {
  const outs = await putCallbackUrl(inputs, undefined, options);
  return { id: callbackUrlResourceId(outs), outs };
};

export const read = async (
  id: string,
  props: CallbackUrlOutputs | undefined,
  options: CognitoProviderOptions,
): Promise<pulumi.dynamic.ReadResult<CallbackUrlOutputs>> => {
  if (!props) throw new Error(`Cannot read Cognito callback URL ${id} without its state; import is not supported.`);
  const outs = await readCallbackUrl(withCallbackUrlDefaults(props), options);
  return outs ? { id, props: outs } : { id: "" };
};

export const update = async (
  olds: CallbackUrlOutputs,
  news: CallbackUrlInputs,
  options: CognitoProviderOptions,
): Promise<pulumi.dynamic.UpdateResult<CallbackUrlOutputs>> => ({
  outs: await putCallbackUrl(news, withCallbackUrlDefaults(olds), options),
});

export const remove = async (props: CallbackUrlOutputs, options: CognitoProviderOptions): Promise<void> =>
  removeCallbackUrl(withCallbackUrlDefaults(props), options);

/**
 * The dynamic provider of CognitoCallbackUrl. `options` is plain data: it is copied into the
 * serialized provider, and SDK clients are built inside each operation.
 */
export function cognitoCallbackUrlProvider(options: CognitoProviderOptions = {}): CognitoCallbackUrlProvider {
  return {
    check: (_olds, news) => check(news),
    diff: (_id, olds, news) => diff(olds, news),
    create: (inputs) => create(inputs, options),
    read: (id, props) => read(id, props, options),
    update: (_id, olds, news) => update(olds, news, options),
    delete: (_id, props) => remove(props, options),
  };
}

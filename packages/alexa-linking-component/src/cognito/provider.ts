import type * as pulumi from "@pulumi/pulumi";
import type { CognitoProviderOptions } from "./client";
import { diffCallbackUrl } from "./diff";
import { checkCallbackUrlInputs } from "./inputs";
import { putCallbackUrl, readCallbackUrl, removeCallbackUrl } from "./operations";
import type { CallbackUrlInputs, CallbackUrlOutputs } from "./types";

const resourceId = (o: CallbackUrlOutputs): string => `${o.userPoolId}/${o.clientId}`;

/**
 * The dynamic provider for CognitoCallbackUrl. `options` is plain data: it is copied into the
 * serialized provider, and SDK clients are built inside each method.
 */
export function cognitoCallbackUrlProvider(
  options: CognitoProviderOptions = {},
): pulumi.dynamic.ResourceProvider<CallbackUrlInputs, CallbackUrlOutputs> {
  return {
    async check(_olds, news) {
      return checkCallbackUrlInputs(news);
    },
    async diff(_id, olds, news) {
      return diffCallbackUrl(olds, news);
    },
    async create(inputs) {
      const outs = await putCallbackUrl(inputs, undefined, options);
      return { id: resourceId(outs), outs };
    },
    async read(id, props) {
      if (!props) throw new Error(`Cannot read Cognito callback URL ${id} without its state; import is not supported.`);
      const outs = await readCallbackUrl(props, options);
      return outs ? { id, props: outs } : { id: "" };
    },
    async update(_id, olds, news) {
      return { outs: await putCallbackUrl(news, olds, options) };
    },
    async delete(_id, props) {
      await removeCallbackUrl(props, options);
    },
  };
}

/**
 * Not an entry module (serialized providers never require it): the one way both dynamic
 * resources, and their plugin forms, register their inputs and options.
 */
import * as pulumi from "@pulumi/pulumi";

/** The props as given, and `opts` with `secretOutputs` added to its additionalSecretOutputs. */
export function registration<P>(props: P, opts: pulumi.CustomResourceOptions | undefined, secretOutputs: readonly string[]) {
  return { props, opts: pulumi.mergeOptions(opts, { additionalSecretOutputs: [...secretOutputs] }) };
}

import type * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { packageProvider } from "../../packages/alexa-linking-component/src/plugin/provider";
import { asWireSecret, isWireSecret, revealSecrets } from "../../packages/alexa-linking-component/src/plugin/wireSecrets";

/**
 * The two ways the engine reaches a resource's rules: a Node.js program's dynamic resource
 * calls the provider object directly (its host hands over plain values), and the package's
 * provider plugin serves the same object as a custom resource type, with secrets on the wire.
 * Provider suites run once per path, so one set of tests covers both.
 */
export interface ProviderPath {
  label: string;
  serve<I, O>(rules: pulumi.dynamic.ResourceProvider<I, O>): pulumi.dynamic.ResourceProvider<I, O>;
}

type Props = Record<string, unknown>;

/** The protobuf Struct that @pulumi/pulumi's provider server turns every property map into. */
const { Struct } = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] }),
) as {
  Struct: { fromJavaScript(value: unknown): { toJavaScript(): Props } };
};

/** A property map as it crosses the wire: no undefined keys (the SDK leaves them out), through a Struct. */
const overTheWire = (props: unknown): Props => Struct.fromJavaScript(JSON.parse(JSON.stringify(props ?? {}))).toJavaScript();

/**
 * `secretProperties`: what the engine sends as secrets: the inputs the component registers as
 * secrets, and the outputs it lists in additionalSecretOutputs (they come back in olds and state).
 */
export function providerPaths(type: string, secretProperties: readonly string[]): ProviderPath[] {
  return [
    { label: "as a dynamic provider", serve: (rules) => rules },
    {
      label: "served by the package's provider plugin",
      serve<I, O>(rules: pulumi.dynamic.ResourceProvider<I, O>): pulumi.dynamic.ResourceProvider<I, O> {
        const provider = packageProvider({ resources: { [type]: rules as pulumi.dynamic.ResourceProvider }, schema: () => "{}" });
        const urn = `urn:pulumi:test::consumer::alexa-linking-component:index:AlexaAppLinking$${type}::resource`;
        const toWire = (props: unknown): Props => {
          const wire: Props = overTheWire(props);
          for (const key of secretProperties) if (wire[key] !== undefined) wire[key] = asWireSecret(wire[key]);
          return wire;
        };
        /** The result in plain values, after checking that each secret sent came back marked. */
        const fromWire = (result: unknown, sent: Props, method: string): any => {
          // What the server sends back must survive its Struct (no undefined anywhere).
          const received = overTheWire(Struct.fromJavaScript(result ?? {}).toJavaScript());
          for (const key of secretProperties) {
            const value = received[key];
            if (isWireSecret(sent[key]) && value !== undefined && !isWireSecret(value))
              throw new Error(`${method} returned ${key} without its secret mark`);
          }
          return revealSecrets(received);
        };
        return {
          async check(olds, news) {
            const wire = toWire(news);
            const result = await provider.check!(urn, toWire(olds), wire);
            return { inputs: fromWire(result.inputs, wire, "check"), failures: result.failures as pulumi.dynamic.CheckFailure[] };
          },
          diff: async (id, olds, news) => provider.diff!(id, urn, toWire(olds), toWire(news)),
          async create(inputs) {
            const wire = toWire(inputs);
            const result = await provider.create!(urn, wire);
            return { id: result.id, outs: fromWire(result.outs, wire, "create") };
          },
          async read(id, props) {
            const wire = toWire(props);
            const result = await provider.read!(id, urn, wire);
            return result.id ? { id: result.id, props: fromWire(result.props, wire, "read") } : { id: result.id ?? "" };
          },
          async update(id, olds, news) {
            const wire = toWire(news);
            const result = await provider.update!(id, urn, toWire(olds), wire);
            return { outs: fromWire(result.outs, wire, "update") };
          },
          delete: async (id, props) => provider.delete!(id, urn, toWire(props)),
        };
      },
    },
  ];
}

import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { ALEXA_APP_LINKING_TYPE, AlexaAppLinking, componentOutputs, type LinkingResources } from "../alexaAppLinking";
import type { AlexaAppLinkingArgs } from "../args";
import { createSkillLinkingProvider } from "../providers/skillAccountLinking";
import { PluginSkillAccountLinking, SKILL_ACCOUNT_LINKING_TYPE } from "../alexa/resource";
import { cognitoCallbackUrlProvider } from "../providers/cognitoCallbackUrl";
import { COGNITO_CALLBACK_URL_TYPE, PluginCognitoCallbackUrl } from "../cognito/resource";
import { packageVersion } from "../version";
import { readPackageSchema } from "./schema";
import { keepSecretness, revealSecrets } from "./wireSecrets";

/*
 * The package's provider plugin: what Python, YAML, Go and .NET programs run through
 * `pulumi package add` (plugin/PulumiPlugin.yaml). It constructs AlexaAppLinking and serves the
 * two custom resources the component registers there. Node dynamic resources cannot be used
 * in this process: the engine starts their provider host in the program's folder, where a
 * non-Node program has no @pulumi/pulumi to start it from (pulumi/pulumi#5455). The custom
 * resources run the very provider objects the dynamic resources serialize, so merge,
 * ownership, retries and secrets follow one set of rules on both paths.
 */

export const PLUGIN_LINKING_RESOURCES: LinkingResources = {
  callbackUrl: (name, args, opts, credentials) => new PluginCognitoCallbackUrl(name, args, opts, credentials),
  skillLinking: (name, args, opts) => new PluginSkillAccountLinking(name, args, opts),
};

/** AlexaAppLinking as the plugin constructs it: the same component with the plugin's resources. */
export class PluginAlexaAppLinking extends AlexaAppLinking {
  protected override linkingResources(): LinkingResources {
    return PLUGIN_LINKING_RESOURCES;
  }
}

/** The rules of one custom resource type: a dynamic provider object, used as it is. */
type ResourceRules = pulumi.dynamic.ResourceProvider;

export interface PackageProviderOptions {
  /** Rules by resource type. Default: the providers the dynamic resources use. */
  resources?: Record<string, ResourceRules>;
  /** The schema text. Default: dist/plugin/schema.json, written by the build. */
  schema?: () => string;
}

/** The resource type in a URN: the last `$`-separated part of its qualified type. */
export function urnType(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.split("$").pop() ?? "";
}

type Props = Record<string, unknown>;
const plain = (value: unknown): Props => (revealSecrets(value) ?? {}) as Props;

export function packageProvider(options: PackageProviderOptions = {}): provider.Provider {
  const resources: Record<string, ResourceRules> = options.resources ?? {
    [COGNITO_CALLBACK_URL_TYPE]: cognitoCallbackUrlProvider(),
    [SKILL_ACCOUNT_LINKING_TYPE]: createSkillLinkingProvider(),
  };
  const rulesFor = (urn: string): ResourceRules => {
    const type = urnType(urn);
    const rules = resources[type];
    if (!rules)
      throw new Error(
        `The alexa-linking-component plugin has no resource type ${type} (${urn}); it serves ${Object.keys(resources).join(", ")}.`,
      );
    return rules;
  };
  const schema = options.schema ?? readPackageSchema;

  return {
    version: packageVersion(),
    getSchema: async () => schema(),

    async construct(name, type, inputs, opts) {
      if (type !== ALEXA_APP_LINKING_TYPE)
        throw new Error(`The alexa-linking-component plugin has no component ${type}; it constructs ${ALEXA_APP_LINKING_TYPE}.`);
      const component = new PluginAlexaAppLinking(name, inputs as AlexaAppLinkingArgs, opts);
      return { urn: component.urn, state: componentOutputs(component) };
    },

    async check(urn, olds, news) {
      const rules = rulesFor(urn);
      if (!rules.check) return { inputs: news, failures: [] };
      const result = await rules.check(plain(olds), plain(news));
      // No inputs from the rules means the new ones as they came, as the Node servers answer.
      return { inputs: result.inputs ? keepSecretness(result.inputs, news) : news, failures: result.failures ?? [] };
    },

    async diff(id, urn, olds, news) {
      const rules = rulesFor(urn);
      return rules.diff ? rules.diff(id, plain(olds), plain(news)) : {};
    },

    async create(urn, inputs) {
      const { id, outs } = await rulesFor(urn).create(plain(inputs));
      return { id, outs: keepSecretness(outs ?? {}, inputs) };
    },

    async read(id, urn, props) {
      const rules = rulesFor(urn);
      if (!rules.read) return { id, props };
      const result = await rules.read(id, plain(props));
      // An empty id says the resource is gone; the server still needs a properties object.
      return {
        id: result.id ?? "",
        props: keepSecretness(result.props ?? {}, props ?? {}),
        ...(result.inputs ? { inputs: keepSecretness(result.inputs, props ?? {}) } : {}),
      };
    },

    async update(id, urn, olds, news) {
      const rules = rulesFor(urn);
      if (!rules.update) throw new Error(`The alexa-linking-component plugin cannot update ${urn}.`);
      const { outs } = await rules.update(id, plain(olds), plain(news));
      return { outs: keepSecretness(outs ?? {}, news) };
    },

    async delete(id, urn, props) {
      await rulesFor(urn).delete?.(id, plain(props));
    },
  };
}

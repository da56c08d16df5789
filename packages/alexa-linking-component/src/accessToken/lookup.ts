import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccessTokenArgs } from "../args";
import { accessTokenSettings } from "./rules";
import { InvalidArgumentError } from "../shared/errors";
import { ENDPOINT_FIX, urlForMessage, endpointProblem } from "../shared/urls";
import { ApiGatewayReader, sdkApiGatewayReader } from "./apiGatewayReader";
import { findAccessTokenUrl } from "./findAccessTokenUrl";
import { type AwsConfigSource, programAwsConfig, readAwsSettings } from "../shared/awsConfig";
import { planSdkAccess } from "../shared/awsSdkAccess";
import { sdkAccess } from "../shared/awsSdkClient";

const LOOKUP_FIX = "set accessToken.url to the POST method's invoke URL, which skips the lookup";

export interface AccessTokenLookupArgs {
  accessToken?: pulumi.Input<AccessTokenArgs>;
  /** `endpoints.apiGateway`. */
  endpoint?: pulumi.Input<string | undefined>;
}

export interface AccessTokenLookupOptions {
  /** The component: the region invoke runs under it and its provider. */
  parent?: pulumi.Resource;
  provider?: pulumi.ProviderResource;
  /** Skips the region invoke. */
  region?: pulumi.Input<string>;
  /** The `aws:` settings the SDK follows. Default: the running stack's (src/shared/awsConfig.ts). */
  awsConfig?: AwsConfigSource;
  /** Replaces the SDK reader (tests). */
  reader?: (region: string, endpoint: string | undefined) => ApiGatewayReader;
}

/**
 * alexaAccessTokenURL as an Output: `accessToken.url` verbatim when given, else looked up.
 *
 * Why the AWS SDK and not Pulumi invokes: `aws.apigateway.getRestApi({name})` fails on several
 * APIs of that name without listing them, no invoke lists an API's stages or its resources with
 * their methods, and `getResource` needs the very path the user must not type. Only the SDK reads
 * give an error that says what was found for every failure case. The region still comes from the
 * `aws:index/getRegion` invoke, so it follows the stack's provider (and mocks answer it).
 * The SDK follows the stack's `aws:` settings as the default aws provider does (src/shared/
 * awsSdkAccess.ts): static keys (secret ones too), profile and shared files, web identity, the
 * assumeRoles chain, allowed/forbidden accounts, STS region and endpoint, retries, FIPS/dual-stack,
 * CA bundle; `aws:endpoints` apigateway when endpoints.apiGateway is not given. An explicit aws
 * provider's settings are not in stack config: such stacks set accessToken.url. Every call has a
 * deadline and a body cap, and errors are redacted (src/shared/sdkClient.ts). The lookup runs in
 * preview too, so a missing API fails before anything is deployed, and it runs on every update,
 * so it never goes stale.
 */
export function lookupAccessTokenUrl(args: AccessTokenLookupArgs, opts: AccessTokenLookupOptions = {}): pulumi.Output<string> {
  // The region invoke runs only when a lookup is needed: with accessToken.url, nothing is called.
  return pulumi.all([args.accessToken, args.endpoint, opts.region]).apply(async ([accessToken, endpointInput, knownRegion]) => {
    const settings = accessTokenSettings(accessToken as Parameters<typeof accessTokenSettings>[0]);
    if (settings.url !== undefined) return settings.url;
    const awsSettings = readAwsSettings(opts.awsConfig ?? programAwsConfig(), ["region"]);
    // An empty endpoint means the default one, as for SMAPI, LWA and Cognito; the stack's
    // aws:endpoints apigateway is the provider's own override.
    const stackEndpoint = (awsSettings.endpoints?.value as Record<string, unknown>[] | undefined)
      ?.map((e) => (typeof e?.apigateway === "string" ? e.apigateway : undefined))
      .find((e) => e);
    const endpoint = endpointInput || stackEndpoint || undefined;
    // The SDK's requests carry signatures and any session token: https, or http to this machine only.
    const problem = endpoint === undefined ? undefined : endpointProblem(endpoint);
    if (endpoint !== undefined && problem) {
      throw new InvalidArgumentError("endpoints.apiGateway", urlForMessage(endpoint), problem, ENDPOINT_FIX.replace(/\.$/, ""));
    }
    const region = knownRegion ?? (await aws.getRegion({}, { parent: opts.parent, provider: opts.provider })).region;
    const reader = opts.reader
      ? opts.reader(region, endpoint)
      : sdkApiGatewayReader({ region, endpoint, access: sdkAccess(planSdkAccess(awsSettings, region, LOOKUP_FIX)) });
    return (await findAccessTokenUrl(reader, settings, region)).url;
  });
}

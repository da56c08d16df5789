import type { APIGatewayClientConfig } from "@aws-sdk/client-api-gateway";
import { ApiResourceSummary, RestApiSummary } from "./rules";
import { type Listing, nextPageToken } from "../shared/paging";
import { boundClient, safeErrorName, sdkErrorText, signingSecrets } from "../shared/sdkClient";
import type { SdkAccess } from "../shared/awsSdkClient";

/** The three reads the lookup makes; an interface so tests can feed it without a server. */
export interface ApiGatewayReader {
  restApis(): Promise<RestApiSummary[]>;
  stages(restApiId: string): Promise<string[]>;
  resources(restApiId: string): Promise<ApiResourceSummary[]>;
}

export interface SdkReaderOptions {
  region: string;
  /** API Gateway endpoint override (`endpoints.apiGateway`): an emulator or LocalStack. */
  endpoint?: string;
  /** Shared-config profile. Default: the SDK's credential chain (or `access`). */
  profile?: string;
  /** The stack's aws settings as SDK settings and credential chain (src/shared/awsSdkClient.ts). */
  access?: SdkAccess;
  /** Extra client settings (credentials, maxAttempts, retryStrategy) for tests and callers. */
  clientConfig?: Partial<APIGatewayClientConfig>;
  /** Deadline of one call, its retries included. Default API_GATEWAY_TIMEOUT_MS. */
  requestTimeoutMs?: number;
}

/** The longest one API Gateway call may take, its retries included (as Cognito's). */
export const API_GATEWAY_TIMEOUT_MS = 120_000;
/** The most of one API Gateway answer read: a page of 500 APIs or resources is well under it. */
export const API_GATEWAY_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Largest page API Gateway serves. */
const PAGE_SIZE = 500;

/**
 * The SDK's pages, bounded (src/shared/paging.ts): an endpoint that keeps answering a next
 * `position`, or answers one it gave before, stops the listing with an error.
 */
async function* bounded<T extends { position?: string }>(pages: AsyncIterable<T>, listing: Listing): AsyncGenerator<T> {
  const seen: string[] = [];
  for await (const page of pages) {
    yield page;
    if (nextPageToken(listing, seen, page.position) === undefined) return;
  }
}

/**
 * Reads through @aws-sdk/client-api-gateway. The client is built on first use, so holding a
 * reader costs nothing; the SDK's standard retry (throttling, 5xx) applies to every call.
 */
export function sdkApiGatewayReader(options: SdkReaderOptions): ApiGatewayReader {
  const sdk = () => import("@aws-sdk/client-api-gateway");
  let client: Promise<InstanceType<Awaited<ReturnType<typeof sdk>>["APIGatewayClient"]>> | undefined;
  const getClient = () =>
    (client ??= sdk().then((m) =>
      boundClient(
        new m.APIGatewayClient({
          ...options.access?.clientConfig,
          region: options.region,
          ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
          ...(options.profile === undefined ? {} : { profile: options.profile }),
          ...options.clientConfig,
        }),
        {
          timeoutMs: options.requestTimeoutMs ?? API_GATEWAY_TIMEOUT_MS,
          maxBodyBytes: API_GATEWAY_MAX_BODY_BYTES,
          service: "API Gateway",
        },
      ),
    ));
  const where = `region ${options.region}${options.endpoint === undefined ? "" : ` at ${options.endpoint}`}`;
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      await options.access?.checkAccount();
      return await run();
    } catch (err) {
      if ((err as { name?: string })?.name === "AccessTokenLookupError") throw err;
      const given = [...((await options.access?.secrets()) ?? []), ...staticSecrets(options.clientConfig)];
      throw apiGatewayError(operation, where, err, await signingSecrets(client === undefined ? undefined : await client, given));
    }
  };

  return {
    restApis: () =>
      call("GetRestApis", async () => {
        const m = await sdk();
        const items: RestApiSummary[] = [];
        const pages = m.paginateGetRestApis({ client: await getClient(), pageSize: PAGE_SIZE }, {});
        for await (const page of bounded(pages, { operation: "GetRestApis", where, skip: "set accessToken.url" })) {
          for (const api of page.items ?? []) {
            items.push({
              id: api.id ?? "",
              name: api.name ?? "",
              ...(api.createdDate === undefined ? {} : { createdDate: api.createdDate.getTime() }),
              ...(api.endpointConfiguration?.types === undefined ? {} : { endpointTypes: api.endpointConfiguration.types }),
              ...(api.disableExecuteApiEndpoint === undefined ? {} : { disableExecuteApiEndpoint: api.disableExecuteApiEndpoint }),
            });
          }
        }
        return items;
      }),
    stages: (restApiId) =>
      call("GetStages", async () => {
        const m = await sdk();
        const out = await (await getClient()).send(new m.GetStagesCommand({ restApiId }));
        return (out.item ?? []).map((stage) => stage.stageName ?? "");
      }),
    resources: (restApiId) =>
      call("GetResources", async () => {
        const m = await sdk();
        const items: ApiResourceSummary[] = [];
        const pages = m.paginateGetResources({ client: await getClient(), pageSize: PAGE_SIZE }, { restApiId, embed: ["methods"] });
        for await (const page of bounded(pages, {
          operation: "GetResources",
          where: `REST API ${restApiId}`,
          skip: "set accessToken.url",
        })) {
          for (const resource of page.items ?? []) {
            items.push({ id: resource.id ?? "", path: resource.path ?? "", methods: Object.keys(resource.resourceMethods ?? {}) });
          }
        }
        return items;
      }),
  };
}

/** The secret parts of static credentials in a client config. */
function staticSecrets(config: Partial<APIGatewayClientConfig> | undefined): string[] {
  const c = config?.credentials as { secretAccessKey?: unknown; sessionToken?: unknown } | undefined;
  return [c?.secretAccessKey, c?.sessionToken].filter((s): s is string => typeof s === "string" && s !== "");
}

/**
 * An SDK failure, named and with the usual fixes. The SDK's text may quote the endpoint's answer
 * (a hostile one echoes the request's headers, session token included): it is shown redacted with
 * `secrets` (every credential the client signed with) and cut (src/shared/sdkClient.ts).
 */
export function apiGatewayError(operation: string, where: string, err: unknown, secrets: readonly string[] = []): Error {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode === undefined ? "" : ` (HTTP ${e.$metadata.httpStatusCode})`;
  const fix =
    e.name === "CredentialsProviderError" || e.name === "AwsCredentialsError"
      ? "give the program AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the stack's aws:profile)"
      : e.name === "AccessDeniedException" || e.name === "UnauthorizedException" || e.$metadata?.httpStatusCode === 403
        ? "allow apigateway:GET on the REST APIs of this region to the deploying identity"
        : "check the region, the credentials and endpoints.apiGateway";
  const wrapped = new Error(
    `AlexaAppLinking: looking up alexaAccessTokenURL, API Gateway ${operation} in ${where} failed: ${safeErrorName(err, secrets)}${status}: ${sdkErrorText(err, secrets)}. Fix: ${fix}, or set accessToken.url to skip the lookup.`,
  );
  wrapped.name = "AccessTokenLookupError";
  return wrapped;
}

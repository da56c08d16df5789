import type { APIGatewayClientConfig } from "@aws-sdk/client-api-gateway";
import { ApiResourceSummary, RestApiSummary } from "./rules";
import { type Listing, nextPageToken } from "../shared/paging";

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
  /** Shared-config profile, e.g. the stack's `aws:profile`. Default: the SDK's credential chain. */
  profile?: string;
  /** Extra client settings (credentials, maxAttempts, retryStrategy) for tests and callers. */
  clientConfig?: Partial<APIGatewayClientConfig>;
}

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
    (client ??= sdk().then(
      (m) =>
        new m.APIGatewayClient({
          region: options.region,
          ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
          ...(options.profile === undefined ? {} : { profile: options.profile }),
          ...options.clientConfig,
        }),
    ));
  const where = `region ${options.region}${options.endpoint === undefined ? "" : ` at ${options.endpoint}`}`;
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw apiGatewayError(operation, where, err);
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

/** An SDK failure, named and with the usual fixes; SDK errors carry no secrets. */
export function apiGatewayError(operation: string, where: string, err: unknown): Error {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode === undefined ? "" : ` (HTTP ${e.$metadata.httpStatusCode})`;
  const fix =
    e.name === "CredentialsProviderError"
      ? "give the program AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the stack's aws:profile)"
      : e.name === "AccessDeniedException" || e.name === "UnauthorizedException" || e.$metadata?.httpStatusCode === 403
        ? "allow apigateway:GET on the REST APIs of this region to the deploying identity"
        : "check the region, the credentials and endpoints.apiGateway";
  const wrapped = new Error(
    `AlexaAppLinking: looking up alexaAccessTokenURL, API Gateway ${operation} in ${where} failed: ${e.name ?? "Error"}${status}: ${e.message ?? String(err)}. Fix: ${fix}, or set accessToken.url to skip the lookup.`,
  );
  wrapped.name = "AccessTokenLookupError";
  return wrapped;
}

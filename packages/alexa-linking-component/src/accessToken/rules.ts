import { awsDnsSuffix, isAwsRegion } from "../shared/aws";
import { InvalidArgumentError, showValue } from "../shared/errors";
import { PUBLIC_URL, parseUrl, urlForMessage, urlProblem } from "../shared/urls";

/**
 * alexaAccessTokenURL: the invoke URL of the POST method of the RainMaker `AlexaSkillLinking`
 * REST API, stage `dev`. Pure rules only; the API Gateway calls live in src/accessToken/.
 */

import { DEFAULT_ACCESS_TOKEN_API_NAME, DEFAULT_ACCESS_TOKEN_STAGE } from "../shared/defaults";
export { DEFAULT_ACCESS_TOKEN_API_NAME, DEFAULT_ACCESS_TOKEN_STAGE };

/** What the lookup needs of a REST API (GetRestApis `item`). */
export interface RestApiSummary {
  id: string;
  name: string;
  /** Epoch milliseconds, when known; shown to tell same-named APIs apart. */
  createdDate?: number;
  /** `endpointConfiguration.types`: EDGE, REGIONAL or PRIVATE. */
  endpointTypes?: string[];
  disableExecuteApiEndpoint?: boolean;
}

/** What the lookup needs of a resource (GetResources with embed=methods). */
export interface ApiResourceSummary {
  id: string;
  path: string;
  /** HTTP methods defined on the resource (keys of `resourceMethods`). */
  methods: string[];
}

const MAX_LISTED = 10;

/** `a, b, c and 4 more`: what was found, kept short enough for an error message. */
export function listFound(items: string[]): string {
  if (items.length === 0) return "none";
  const shown = items.slice(0, MAX_LISTED).join(", ");
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}

const describeApi = (api: RestApiSummary): string =>
  `"${api.name}" (id ${api.id}${api.createdDate === undefined ? "" : `, created ${new Date(api.createdDate).toISOString().slice(0, 10)}`})`;

/** The one REST API named `name`; errors list what the region has instead. */
export function chooseApi(items: RestApiSummary[], name: string, region: string): RestApiSummary {
  const matches = items.filter((api) => api.name === name);
  if (matches.length === 0) {
    const similar = items.filter((api) => api.name.toLowerCase() === name.toLowerCase());
    const hint = similar.length > 0 ? `; names are case-sensitive and ${listFound(similar.map(describeApi))} differs only in case` : "";
    throw new InvalidArgumentError(
      "accessToken.apiName",
      name,
      `matches no REST API in region ${region} (found ${items.length}: ${listFound(items.map(describeApi))})${hint}`,
      "deploy the RainMaker AlexaSkillLinking API in this region, set accessToken.apiName to the API's exact name, or set accessToken.url to the POST method's invoke URL",
    );
  }
  if (matches.length > 1) {
    throw new InvalidArgumentError(
      "accessToken.apiName",
      name,
      `matches ${matches.length} REST APIs in region ${region}: ${listFound(matches.map(describeApi))}`,
      "rename or delete the extra APIs, or set accessToken.url to the invoke URL of the one the apps must use",
    );
  }
  return assertInvokable(matches[0]);
}

/** The default execute-api host must answer the phones: not a private API, not disabled. */
export function assertInvokable(api: RestApiSummary): RestApiSummary {
  if ((api.endpointTypes ?? []).includes("PRIVATE")) {
    throw new InvalidArgumentError(
      "accessToken.apiName",
      api.name,
      `is a PRIVATE API (id ${api.id}), reachable only from a VPC, not from the mobile apps`,
      "use the RainMaker REGIONAL or EDGE API, or set accessToken.url to a public URL that reaches it",
    );
  }
  if (api.disableExecuteApiEndpoint === true) {
    throw new InvalidArgumentError(
      "accessToken.apiName",
      api.name,
      `has its default execute-api endpoint disabled (id ${api.id}), so its invoke URL does not answer`,
      "set accessToken.url to the POST method's URL on the API's custom domain name",
    );
  }
  return api;
}

/** The stage must exist on the API; the error lists the stages that do. */
export function assertStage(stages: string[], stage: string, api: RestApiSummary): string {
  if (!stages.includes(stage)) {
    throw new InvalidArgumentError(
      "accessToken.stage",
      stage,
      `is not a stage of REST API ${describeApi(api)} (found ${stages.length}: ${listFound(stages.map((s) => JSON.stringify(s)))})`,
      "deploy the API to that stage, or set accessToken.stage to one of the stages found",
    );
  }
  return stage;
}

/** The one resource with a POST method, whose path the apps call. */
export function choosePostResource(resources: ApiResourceSummary[], api: RestApiSummary): ApiResourceSummary {
  const hasPost = resources.filter((resource) => resource.methods.includes("POST"));
  const describe = (resource: ApiResourceSummary) =>
    `${resource.path} [${resource.methods.length > 0 ? [...resource.methods].sort().join(" ") : "no methods"}]`;
  if (hasPost.length === 0) {
    throw new InvalidArgumentError(
      "accessToken.apiName",
      api.name,
      `has no resource with a POST method (id ${api.id}; found ${resources.length} resources: ${listFound(resources.map(describe))})`,
      "check that this is the RainMaker AlexaSkillLinking API, or set accessToken.url",
    );
  }
  if (hasPost.length > 1) {
    throw new InvalidArgumentError(
      "accessToken.apiName",
      api.name,
      `has ${hasPost.length} resources with a POST method (id ${api.id}): ${listFound(hasPost.map((r) => r.path))}`,
      "set accessToken.url to the invoke URL of the one that exchanges the authorization code",
    );
  }
  const chosen = hasPost[0];
  if (/[{}]/.test(chosen.path)) {
    throw new InvalidArgumentError(
      "accessToken.apiName",
      api.name,
      `has its POST method on a path with a path parameter, ${chosen.path} (id ${api.id}), which gives no single invoke URL`,
      "set accessToken.url to the URL the apps must call",
    );
  }
  return chosen;
}

const API_ID = /^[a-z0-9]{10}$/;
const STAGE = /^[A-Za-z0-9_-]{1,128}$/;
const PATH = /^\/([A-Za-z0-9._:~-]+(\/[A-Za-z0-9._:~-]+)*)?$/;

/** `https://<apiId>.execute-api.<region>.<aws domain>/<stage><path>`, exactly as the console shows it. */
export function invokeUrl(apiId: string, region: string, stage: string, path: string): string {
  if (!API_ID.test(apiId)) throw new Error(`invokeUrl: API id ${showValue(apiId)} is not 10 lowercase letters or digits`);
  if (!isAwsRegion(region)) throw new Error(`invokeUrl: region ${showValue(region)} is not an AWS region name such as eu-west-1`);
  if (!STAGE.test(stage)) throw new Error(`invokeUrl: stage ${showValue(stage)} is not 1-128 letters, digits, "-" or "_"`);
  if (!PATH.test(path)) throw new Error(`invokeUrl: resource path ${showValue(path)} is not "/" or "/" followed by segments`);
  return `https://${apiId}.execute-api.${region}.${awsDnsSuffix(region)}/${stage}${path}`;
}

/** The parts of an invoke URL that `invokeUrl` writes. */
export interface InvokeUrlParts {
  apiId: string;
  region: string;
  stage: string;
  /** The resource path, "/" or "/" followed by segments. */
  path: string;
}

/**
 * The API id, region, stage and path of a default execute-api invoke URL, the inverse of
 * `invokeUrl`; undefined for any other URL (a custom domain, a query, another host).
 */
export function parseInvokeUrl(url: string): InvokeUrlParts | undefined {
  const parsed = parseUrl(url);
  if (!parsed) return undefined;
  // A public URL (shared/urls.ts) on the default port, without a query: what invokeUrl writes.
  if (urlProblem(url, PUBLIC_URL) || parsed.port !== "" || parsed.search !== "") return undefined;
  // The domain must be the region's own: the partition table decides.
  const host = /^([a-z0-9]{10})\.execute-api\.([a-z0-9-]+)\.(.+)$/.exec(parsed.hostname);
  if (!host || !isAwsRegion(host[2]) || host[3] !== awsDnsSuffix(host[2])) return undefined;
  const path = /^\/([^/]+)(\/.*)?$/.exec(parsed.pathname);
  if (!path || !STAGE.test(path[1])) return undefined;
  const resource = path[2] ?? "/";
  if (!PATH.test(resource)) return undefined;
  return { apiId: host[1], region: host[2], stage: path[1], path: resource };
}

/**
 * Where an API Gateway emulator on `endpoint` answers the method behind an invoke URL:
 * `<endpoint>/restapis/<api id>/<stage>/_user_request_<path>`, the address LocalStack and the
 * project's emulators give it; undefined when `url` is not a default execute-api invoke URL.
 */
export function emulatorInvokeUrl(endpoint: string, url: string): string | undefined {
  const parts = parseInvokeUrl(url);
  if (parts === undefined) return undefined;
  return `${endpoint.replace(/\/+$/, "")}/restapis/${parts.apiId}/${parts.stage}/_user_request_${parts.path}`;
}

/**
 * `accessToken.url` is used verbatim by the apps, so it is checked, never rewritten: a public URL
 * (shared/urls.ts PUBLIC_URL; a custom domain is fine).
 */
export function validateAccessTokenUrl(url: string): string {
  const problem = url === "" ? "is empty" : urlProblem(url, PUBLIC_URL);
  if (problem) {
    const fix = problem.startsWith("holds")
      ? "remove the user:password@ part"
      : problem.includes("whitespace") || problem.includes("fragment")
        ? "remove it"
        : ACCESS_TOKEN_URL_FIX;
    // The error shows the value, not the credentials it is rejected for.
    throw new InvalidArgumentError("accessToken.url", typeof url === "string" ? urlForMessage(url) : url, problem, fix);
  }
  return url;
}

const ACCESS_TOKEN_URL_FIX = "pass the POST method's invoke URL, e.g. https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token";

export interface AccessTokenSettings {
  apiName: string;
  stage: string;
  url?: string;
}

/** Defaults applied and each value checked. */
export function accessTokenSettings(args: { apiName?: string; stage?: string; url?: string } | undefined): AccessTokenSettings {
  const apiName = args?.apiName ?? DEFAULT_ACCESS_TOKEN_API_NAME;
  const stage = args?.stage ?? DEFAULT_ACCESS_TOKEN_STAGE;
  if (typeof apiName !== "string" || apiName.trim() === "") {
    throw new InvalidArgumentError(
      "accessToken.apiName",
      apiName,
      "is empty",
      `omit it for "${DEFAULT_ACCESS_TOKEN_API_NAME}" or give the REST API's name`,
    );
  }
  if (typeof stage !== "string" || !STAGE.test(stage)) {
    throw new InvalidArgumentError(
      "accessToken.stage",
      stage,
      'is not 1-128 letters, digits, "-" or "_"',
      `omit it for "${DEFAULT_ACCESS_TOKEN_STAGE}" or give the stage name`,
    );
  }
  return args?.url === undefined ? { apiName, stage } : { apiName, stage, url: validateAccessTokenUrl(args.url) };
}

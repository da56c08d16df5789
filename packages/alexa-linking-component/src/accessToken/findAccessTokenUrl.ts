import { AccessTokenSettings, assertStage, choosePostResource, chooseApi, invokeUrl } from "./rules";
import { ApiGatewayReader } from "./apiGatewayReader";

export interface AccessTokenLookup {
  url: string;
  apiId: string;
  stage: string;
  /** Resource path of the POST method, e.g. `/token`. */
  path: string;
}

/** API by name, then its stage, then its one POST resource; every decision is a pure function. */
export async function findAccessTokenUrl(
  reader: ApiGatewayReader,
  settings: Pick<AccessTokenSettings, "apiName" | "stage">,
  region: string,
): Promise<AccessTokenLookup> {
  const api = chooseApi(await reader.restApis(), settings.apiName, region);
  const stage = assertStage(await reader.stages(api.id), settings.stage, api);
  const resource = choosePostResource(await reader.resources(api.id), api);
  return { url: invokeUrl(api.id, region, stage, resource.path), apiId: api.id, stage, path: resource.path };
}

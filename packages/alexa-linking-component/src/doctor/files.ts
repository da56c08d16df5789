import { FetchOutcome, fetchFile } from "../verify/fetchFile";
import { verifyFile, VerifyOptions } from "../verify/run";
import { associationShape, fileLocationProblem, Platform } from "./associationShape";
import { CheckResult, failed, passed } from "./result";

export const fileCheckName = (platform: Platform): string => `${platform} file`;

/**
 * One association file, served as devices need it: at the redirect host (location), 200 without
 * a redirect, application/json (src/verify), the rendered text when known, else the right shape.
 */
export async function checkAssociationFile(
  platform: Platform,
  url: string,
  redirectURL: string,
  expectedBody: string | undefined,
  options: VerifyOptions,
  /** Where to fetch it instead of `url`: the same key on an S3 emulator (`--s3-endpoint`). */
  fetchUrl: string = url,
): Promise<CheckResult> {
  const name = fileCheckName(platform);
  const location = fileLocationProblem(platform, url, redirectURL);
  if (location) return failed(name, location);

  let last: FetchOutcome | undefined;
  const fetchOutcome = options.fetchOutcome ?? fetchFile;
  const where = fetchUrl === url ? url : `${url} (fetched from ${fetchUrl})`;
  const result = await verifyFile(expectedBody === undefined ? { url: fetchUrl } : { url: fetchUrl, body: expectedBody }, {
    ...options,
    fetchOutcome: async (u, o) => (last = await fetchOutcome(u, o)),
  });
  if (!result.ok) {
    const message = result.message?.startsWith(fetchUrl) ? result.message.slice(fetchUrl.length).replace(/^:?\s*/, "") : result.message;
    return failed(name, `${where}: ${message}`);
  }
  const body = last?.kind === "response" ? last.response.body : "";
  const shape = associationShape(platform, body, redirectURL);
  if (shape.problems.length > 0) return failed(name, `${where} is served, but ${shape.problems.join("; ")}`);
  return passed(name, `${where} (${result.summary}; ${shape.summary})`);
}

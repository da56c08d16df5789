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
): Promise<CheckResult> {
  const name = fileCheckName(platform);
  const location = fileLocationProblem(platform, url, redirectURL);
  if (location) return failed(name, location);

  let last: FetchOutcome | undefined;
  const fetchOutcome = options.fetchOutcome ?? fetchFile;
  const result = await verifyFile(expectedBody === undefined ? { url } : { url, body: expectedBody }, {
    ...options,
    fetchOutcome: async (u, o) => (last = await fetchOutcome(u, o)),
  });
  if (!result.ok) return failed(name, result.message?.startsWith(url) ? result.message : `${url}: ${result.message}`);
  const body = last?.kind === "response" ? last.response.body : "";
  const shape = associationShape(platform, body, redirectURL);
  if (shape.problems.length > 0) return failed(name, `${url} is served, but ${shape.problems.join("; ")}`);
  return passed(name, `${url} (${result.summary}; ${shape.summary})`);
}

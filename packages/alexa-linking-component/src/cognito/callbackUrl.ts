import { showValue } from "../shared/errors";
import { CALLBACK_URL, showUrl, urlProblem } from "../shared/urls";

/** Cognito's limits on an app client's callback URLs. */
export const MAX_CALLBACK_URL_LENGTH = 1024;
export const MAX_CALLBACK_URLS = 100;

/**
 * Why `url` cannot be a Cognito callback URL, or undefined when it can. Cognito accepts absolute
 * URLs without a fragment, HTTPS except `http://localhost`, 1 to 1024 characters.
 */
export function callbackUrlProblem(url: unknown, argName = "redirectUrl"): string | undefined {
  if (typeof url !== "string" || url.length === 0) {
    return `${argName} must be a non-empty URL string, got ${showValue(url)}.`;
  }
  if (url.length > MAX_CALLBACK_URL_LENGTH) {
    return (
      `${argName} is ${url.length} characters long; Cognito accepts callback URLs of at most ` +
      `${MAX_CALLBACK_URL_LENGTH} characters. Use a shorter bucket name or host.`
    );
  }
  const problem = urlProblem(url, CALLBACK_URL);
  if (problem) return `${argName} ${showUrl(url)} ${problem}. Fix: give the https URL of the bucket, e.g. "https://host/".`;
  return undefined;
}

/** Throws the problem with `url`, if any. */
export function assertCallbackUrl(url: unknown, argName = "redirectUrl"): asserts url is string {
  const problem = callbackUrlProblem(url, argName);
  if (problem) throw new Error(problem);
}

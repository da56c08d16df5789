/** Cognito's limits on an app client's callback URLs. */
export const MAX_CALLBACK_URL_LENGTH = 1024;
export const MAX_CALLBACK_URLS = 100;

/**
 * Why `url` cannot be a Cognito callback URL, or undefined when it can. Cognito accepts absolute
 * URLs without a fragment, HTTPS except `http://localhost`, 1 to 1024 characters.
 */
export function callbackUrlProblem(url: unknown, argName = "redirectUrl"): string | undefined {
  if (typeof url !== "string" || url.length === 0) {
    return `${argName} must be a non-empty URL string, got ${JSON.stringify(url)}.`;
  }
  if (url.length > MAX_CALLBACK_URL_LENGTH) {
    return (
      `${argName} is ${url.length} characters long; Cognito accepts callback URLs of at most ` +
      `${MAX_CALLBACK_URL_LENGTH} characters. Use a shorter bucket name or host.`
    );
  }
  if (url.trim() !== url) {
    return `${argName} "${url}" has leading or trailing whitespace; remove it.`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${argName} "${url}" is not an absolute URL; give the full URL, e.g. "https://host/".`;
  }
  if (url.includes("#")) {
    return `${argName} "${url}" has a fragment (#...); Cognito refuses callback URLs with one. Remove it.`;
  }
  const localhost = parsed.protocol === "http:" && parsed.hostname === "localhost";
  if (parsed.protocol !== "https:" && !localhost) {
    return (
      `${argName} "${url}" must use https (only http://localhost may use http); ` +
      `Cognito refuses other callback URLs. Use the https URL of the bucket.`
    );
  }
  return undefined;
}

/** Throws the problem with `url`, if any. */
export function assertCallbackUrl(url: unknown, argName = "redirectUrl"): asserts url is string {
  const problem = callbackUrlProblem(url, argName);
  if (problem) throw new Error(problem);
}

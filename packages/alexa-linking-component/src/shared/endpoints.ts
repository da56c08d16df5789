/**
 * Which endpoint URLs the package sends requests to. The one rule for every endpoint override
 * (endpoints.smapi, .lwa, .cognito, .apiGateway, .s3): https to any host, plain http only to this
 * machine (an emulator on loopback). Requests to SMAPI and LWA carry the LWA credentials and
 * tokens, Cognito's answers carry the client secret: over http to another host they would
 * travel in clear.
 */

/** Loopback: localhost, 127.0.0.0/8, ::1 (and IPv4-mapped 127.x as the URL parser writes it). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host === "[::1]") return true;
  return /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Why `value` cannot be an endpoint override, or undefined when it can. Says what is wrong, not
 * what to do: callers add the argument's name and the fix.
 */
export function endpointProblem(value: unknown): string | undefined {
  const url = typeof value === "string" ? parse(value) : undefined;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return "is not an http(s) URL";
  if (url.username !== "" || url.password !== "") return "holds a user name or password (user:password@)";
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return (
      `uses plain http to ${url.hostname}, which is not this machine: credentials, tokens and the ` +
      `Cognito client secret would travel unencrypted`
    );
  }
  return undefined;
}

/** The URL as a message may show it: a user:password@ part replaced by ***@. */
export function endpointForMessage(value: string): string {
  const url = parse(value);
  return url && (url.username !== "" || url.password !== "") ? `${url.protocol}//***@${url.host}${url.pathname}` : value;
}

/** The value quoted for a message (JSON), without a user:password@ part. */
export function shownEndpoint(value: unknown): string {
  if (typeof value !== "string") return value === undefined ? "(missing)" : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(endpointForMessage(value));
}

/** The fix that goes with every endpointProblem. */
export const ENDPOINT_FIX =
  "leave it unset for Amazon's endpoint, use https, or use http only for an emulator on this machine " +
  "(127.0.0.1, ::1 or localhost).";

/** Throws when a request carrying credentials would go to `url` (a state written before the rule). */
export function assertSafeEndpoint(url: string, what: string): void {
  const problem = endpointProblem(url);
  if (problem) {
    throw Object.assign(new Error(`${what} ${shownEndpoint(url)} ${problem}; no request was sent. Fix: ${ENDPOINT_FIX}`), {
      name: "UnsafeEndpointError",
    });
  }
}

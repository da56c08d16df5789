import { showValue } from "./errors";

/**
 * Whether a URL is acceptable, for every URL the package takes or hands on. One parser, one
 * checker, and a named rule per use: what differs between uses is data in `UrlRule`, never a
 * second checker. A problem says what is wrong, not what to do: callers add the argument's name
 * and the fix.
 */

/** What a use of a URL allows. Anything not allowed is a problem. */
export interface UrlRule {
  /**
   * Plain http: never, only to this machine (an emulator on loopback), or only to the host name
   * `localhost` (Cognito's own exception for callback URLs).
   */
  http: "never" | "loopback" | "localhost" | "any";
  /** A fragment (`#...`). */
  fragment: boolean;
  /** Why https matters here, ending the "uses plain http" problem. */
  httpsBecause: string;
}

/**
 * An endpoint override (endpoints.smapi, .lwa, .cognito, .apiGateway, .s3, and the CLI's
 * --*-endpoint options): https to any host, plain http only to this machine. Requests to SMAPI
 * and LWA carry the LWA credentials and tokens, Cognito's answers carry the client secret: over
 * http to another host they would travel in clear.
 */
export const ENDPOINT_URL: UrlRule = {
  http: "loopback",
  fragment: true,
  httpsBecause: "credentials, tokens and the Cognito client secret would travel unencrypted",
};

/** A URL the phones, Apple, Google or Alexa open: https only, no fragment. */
export const PUBLIC_URL: UrlRule = { http: "never", fragment: false, httpsBecause: "the apps require https" };

/** A Cognito callback URL: https, or http://localhost (Cognito's rule); no fragment. */
export const CALLBACK_URL: UrlRule = {
  http: "localhost",
  fragment: false,
  httpsBecause: "Cognito accepts https callback URLs, and http only for http://localhost",
};

/** A URL read back from a stack's outputs or a file: public, or on this machine for emulators. */
export const OUTPUT_URL: UrlRule = { http: "loopback", fragment: false, httpsBecause: "the apps require https" };

/**
 * A URL the association-file checks fetch: http(s) to any host. The check itself then reports
 * what a device would refuse (no https, a redirect, the wrong type), with a sentence per case.
 */
export const CHECKED_URL: UrlRule = { http: "any", fragment: true, httpsBecause: "" };

/**
 * Loopback: the name `localhost`, 127.0.0.0/8, ::1 (and IPv4-mapped 127.x as the URL parser
 * writes it). Not `*.localhost`: RFC 6761 reserves those names for this machine, but Node resolves
 * them with getaddrinfo, which asks the network's DNS server for any name /etc/hosts lacks, so
 * `http://smapi.localhost` could reach another host in clear. (`localhost` itself is in /etc/hosts.)
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  // Exactly "localhost": "localhost." is a fully qualified name that may go to DNS as well.
  if (host === "localhost") return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host === "[::1]") return true;
  return /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

/** The parsed URL, or undefined when `text` is not an absolute URL. */
export function parseUrl(text: unknown): URL | undefined {
  if (typeof text !== "string") return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Why `value` breaks `rule`, or undefined when it does not. */
export function urlProblem(value: unknown, rule: UrlRule): string | undefined {
  if (typeof value === "string" && value !== "" && value.trim() !== value) return "has leading or trailing whitespace";
  const url = parseUrl(value);
  if (!url) return "is not an absolute URL";
  const scheme = url.protocol.replace(/:$/, "");
  if (scheme !== "https" && scheme !== "http")
    return rule.http === "loopback" || rule.http === "any" ? "is not an http(s) URL" : `uses ${scheme}; ${rule.httpsBecause}`;
  if (url.username !== "" || url.password !== "") return "holds a user name or password (user:password@)";
  if (!rule.fragment && (value as string).includes("#")) return "has a fragment (#...)";
  if (scheme === "http" && !httpAllowed(url.hostname, rule)) {
    if (rule.http === "loopback") return `uses plain http to ${url.hostname}, which is not this machine: ${rule.httpsBecause}`;
    return `uses http; ${rule.httpsBecause}`;
  }
  return undefined;
}

function httpAllowed(hostname: string, rule: UrlRule): boolean {
  if (rule.http === "loopback") return isLoopbackHost(hostname);
  if (rule.http === "localhost") return hostname === "localhost";
  return rule.http === "any";
}

/**
 * The URL as a message may show it: a user:password@ part replaced by ***@. Text the URL parser
 * does not read as a URL with a user part is masked too where it looks like one: `scheme://u:p@`
 * anywhere, or `user:password@` at the start (no scheme, which the parser takes for one).
 */
export function urlForMessage(value: string): string {
  const url = parseUrl(value);
  if (url && (url.username !== "" || url.password !== "")) return `${url.protocol}//***@${url.host}${url.pathname}`;
  return value.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"']*@/gi, "$1***@").replace(/^[^\s/?#@"':]+:[^\s/?#@"']*@/, "***@");
}

/** `value` with every string in it (in lists and maps too) as urlForMessage shows it. */
function maskedUrls(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return urlForMessage(value);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => maskedUrls(item, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskedUrls(item, depth + 1)]));
}

/** A request's URL for messages: `https://host/path`, without the query and fragment where tokens travel. */
export function urlWithoutQuery(value: string): string {
  const url = parseUrl(value);
  return url ? `${url.protocol}//${url.host}${url.pathname}` : value.split(/[?#]/)[0];
}

/** The fix that goes with every ENDPOINT_URL problem. */
export const ENDPOINT_FIX =
  "leave it unset for Amazon's endpoint, use https, or use http only for an emulator on this machine " + "(127.0.0.1, ::1 or localhost).";

/** Why `value` cannot be an endpoint override, or undefined when it can. */
export const endpointProblem = (value: unknown): string | undefined => urlProblem(value, ENDPOINT_URL);

/** Throws when a request carrying credentials would go to `url` (a state written before the rule). */
export function assertSafeEndpoint(url: string, what: string): void {
  const problem = endpointProblem(url);
  if (problem) {
    throw Object.assign(new Error(`${what} ${showUrl(url)} ${problem}; no request was sent. Fix: ${ENDPOINT_FIX}`), {
      name: "UnsafeEndpointError",
    });
  }
}

/**
 * A URL quoted for a message (showValue), without a user:password@ part; in a list or map (a
 * value that should have been a URL, or a map of them), every URL in it is masked.
 */
export const showUrl = (value: unknown): string => showValue(maskedUrls(value));

import type { FetchFailure } from "../verify/check";
import { fetchFile, FetchOutcome } from "../verify/fetchFile";
import { isTlsErrorCode } from "../shared/http";
import { urlWithoutQuery } from "../shared/urls";
import type { Platform } from "./associationShape";
import { CheckResult, warned } from "./result";

/**
 * The platform probes of doctor: what Apple's CDN, Google's Digital Asset Links API and the
 * Cognito hosted UI answer about this deployment, one step further than the files we serve.
 * Each probe is one GET through the association-file fetcher (src/verify/fetchFile.ts): a
 * deadline over the whole exchange, the body read up to a cap, redirects never followed, no
 * secret in the request. `--skip-platform-probes` leaves all three out.
 */

/** Where devices get apple-app-site-association: `<endpoint>/a/v1/<host>`. */
export const APPLE_CDN_ENDPOINT = "https://app-site-association.cdn-apple.com";
/** Google's Digital Asset Links API: `<endpoint>/v1/statements:list?...`. */
export const ASSET_LINKS_ENDPOINT = "https://digitalassetlinks.googleapis.com";

/** The most a probe reads: Apple's file limit is 128 KB; a statement list for one site is far smaller. */
export const PLATFORM_MAX_BODY_BYTES = 256 * 1024;

/** The command-line option that replaces each probe's endpoint. */
export const PLATFORM_FLAGS = {
  appleCdn: "apple-cdn-endpoint",
  assetLinks: "asset-links-endpoint",
  cognitoDomain: "cognito-domain-endpoint",
  skip: "skip-platform-probes",
} as const;

export interface PlatformProbeSettings {
  /** Base URLs, the real services' unless overridden. */
  appleCdn: string;
  assetLinks: string;
  /** The hosted UI's base URL (`--cognito-domain-endpoint`); default: the user pool's domain. */
  cognitoDomain?: string;
  /** Which of them the command line replaced (messages then point at the option). */
  overridden: { appleCdn: boolean; assetLinks: boolean };
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** Replaces the global fetch (tests). */
  fetchImpl?: typeof fetch;
}

/** What we deploy of each association file, for the platforms' copies to be compared with. */
export interface OurFile {
  /** The rendered text (`--stack`), else what the bucket served; undefined when neither is known. */
  body?: string;
  /** Whether the bucket served it as devices need it (the file line passed). */
  served: boolean;
}

export type OurFiles = Partial<Record<Platform, OurFile>>;

/** `base` + `path`, one slash between them whatever the base ends with. */
export const endpointUrl = (base: string, path: string): string => `${base.replace(/\/+$/, "")}${path}`;

/** One GET of a probe. */
export function probeGet(
  url: string,
  settings: Pick<PlatformProbeSettings, "timeoutMs" | "maxBodyBytes" | "fetchImpl">,
): Promise<FetchOutcome> {
  return fetchFile(url, {
    maxBodyBytes: settings.maxBodyBytes ?? PLATFORM_MAX_BODY_BYTES,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.fetchImpl === undefined ? {} : { fetchImpl: settings.fetchImpl }),
  });
}

/** What went wrong with a request that got no answer, in a few words. */
export function failureText(failure: FetchFailure): string {
  if (failure.timedOut) return `no answer within ${failure.timeoutMs ?? "the timeout"} ms`;
  const code = failure.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `the host does not resolve (${code})`;
  if (code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
  if (isTlsErrorCode(code)) return `the TLS handshake failed (${code})`;
  return `${failure.message}${code && !failure.message.includes(code) ? ` (${code})` : ""}`;
}

/**
 * A platform service this machine cannot reach says nothing about the deployment: a warning,
 * whose fix is the override (when given) or running elsewhere, or leaving the probes out.
 */
export function unreachable(
  check: string,
  service: string,
  url: string,
  failure: FetchFailure,
  flag: string,
  overridden: boolean,
): CheckResult {
  const fix = overridden
    ? `Fix: check --${flag} (nothing answers at ${urlWithoutQuery(url)}), or leave it out for the real service`
    : `Fix: run doctor where ${service} is reachable, or pass --${PLATFORM_FLAGS.skip} on machines that cannot reach it`;
  return warned(check, `${urlWithoutQuery(url)}: ${failureText(failure)}: nothing is known of what ${service} has. ${fix}`);
}

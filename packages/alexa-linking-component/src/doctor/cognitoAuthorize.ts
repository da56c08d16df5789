import { DescribeUserPoolClientCommand, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { getAccountLinking } from "../alexa/smapiClient";
import { createCognitoClient } from "../cognito/client";
import { serverText } from "../shared/secrets";
import { firstDifference } from "../shared/text";
import { parseUrl, showUrl, urlWithoutQuery } from "../shared/urls";
import type { FetchOutcome } from "../verify/fetchFile";
import { ClientIds, CognitoCheckSettings, cognitoRegion } from "./cognito";
import { redeployFix } from "./fixes";
import { closestTo } from "./redirectTable";
import { endpointUrl, PLATFORM_FLAGS, PlatformProbeSettings, probeGet, unreachable } from "./platforms";
import { CheckResult, failed, passed, warned } from "./result";
import type { SkillCheckSettings } from "./skills";

export const AUTHORIZE_CHECK = "cognito authorize";

/** The scope the RainMaker apps ask for. */
export const APP_SCOPE = "aws.cognito.signin.user.admin";

/** The hosted UI request the RainMaker apps open to start linking. */
export function authorizeUrl(base: string, clientId: string, redirectURL: string): string {
  const query = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: redirectURL, scope: APP_SCOPE });
  return endpointUrl(base, `/oauth2/authorize?${query.toString()}`);
}

/**
 * The hosted UI's base URL from what DescribeUserPool returns: the custom domain
 * (`https://<CustomDomain>`), else the prefix domain (`https://<Domain>.auth.<region>.amazoncognito.com`).
 */
export function hostedUiBase(pool: { Domain?: string; CustomDomain?: string } | undefined, region: string): string | undefined {
  if (pool?.CustomDomain) return `https://${pool.CustomDomain}`;
  if (pool?.Domain) return `https://${pool.Domain}.auth.${region}.amazoncognito.com`;
  return undefined;
}

/** The hosted UI's base URL from a skill's authorizationUrl (`https://<domain>/oauth2/authorize`), or undefined. */
export function hostedUiFromAuthorizationUrl(authorizationUrl: string | undefined): string | undefined {
  const url = parseUrl(authorizationUrl);
  return url && url.protocol === "https:" && url.pathname === "/oauth2/authorize" ? url.origin : undefined;
}

/** How many of the client's callback URLs a line shows (Cognito allows 100). */
const MAX_CALLBACKS_SHOWN = 5;

function callbackNote(redirectURL: string, callbackUrls: readonly string[] | undefined): string {
  if (callbackUrls === undefined) return "the client's callback URLs could not be read (see the cognito line)";
  if (callbackUrls.length === 0) return "the client has no callback URLs";
  const closest = closestTo(redirectURL, callbackUrls) as string;
  const at = firstDifference(closest, redirectURL);
  const more = callbackUrls.length > MAX_CALLBACKS_SHOWN ? ` and ${callbackUrls.length - MAX_CALLBACKS_SHOWN} more` : "";
  const listed = `the client's callback URLs are ${callbackUrls.slice(0, MAX_CALLBACKS_SHOWN).map(showUrl).join(", ")}${more}`;
  if (at < 0) return `${listed}; ${showUrl(closest)} is among them`;
  return `${listed}; the closest, ${showUrl(closest)}, parts from it at character ${at + 1}`;
}

/** A Location header resolved against the request, or undefined when it is not a URL. */
function resolveLocation(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/**
 * Judges the hosted UI's answer to the app's authorize request. A redirect to the login page is
 * ok. Cognito's redirect-mismatch answer (a redirect to `/error?error=redirect_mismatch`, or a
 * 400 saying redirect_mismatch) fails with both strings; any other error fails with Cognito's
 * error name; no answer, a 5xx or a redirect elsewhere warns.
 */
export function judgeAuthorize(
  url: string,
  outcome: FetchOutcome,
  redirectURL: string,
  ids: ClientIds,
  callbackUrls: readonly string[] | undefined,
  overridden: boolean,
  stack: string | undefined,
): CheckResult {
  const shown = urlWithoutQuery(url);
  if (outcome.kind === "failure")
    return unreachable(AUTHORIZE_CHECK, "Cognito's hosted UI", url, outcome.failure, PLATFORM_FLAGS.cognitoDomain, overridden);
  const { status, headers, body } = outcome.response;
  const location = headers.location === undefined ? undefined : resolveLocation(headers.location, url);
  const error = location?.searchParams.get("error") ?? (/redirect_mismatch/.test(body) ? "redirect_mismatch" : undefined);
  const mismatch = () =>
    failed(
      AUTHORIZE_CHECK,
      `${shown} refuses redirect_uri ${showUrl(redirectURL)} for client ${ids.clientId} (redirect_mismatch): Cognito compares it byte for byte with the callback URLs, ` +
        `and ${callbackNote(redirectURL, callbackUrls)}. The apps cannot start linking. Fix: ${redeployFix(stack)}, and keep the one redirect URL character for character in the apps`,
    );
  if (error === "redirect_mismatch") return mismatch();
  if (status >= 300 && status < 400 && location !== undefined) {
    const where = `${location.origin}${location.pathname}`;
    if (location.pathname.endsWith("/login") || location.pathname.endsWith("/oauth2/login"))
      return passed(
        AUTHORIZE_CHECK,
        `${shown} answers ${status} to the login page ${where} for the app's request (client ${ids.clientId}, redirect_uri ${redirectURL})`,
      );
    if (error !== undefined) {
      return failed(
        AUTHORIZE_CHECK,
        `${shown} answers the app's request with error ${serverText(error, [], 80)} (${status} to ${where}). ` +
          "Fix: the client must allow the authorization code grant and the scope aws.cognito.signin.user.admin for the hosted UI (Cognito console > App client > Login pages)",
      );
    }
    return warned(
      AUTHORIZE_CHECK,
      `${shown} answers ${status} to ${serverText(where, [], 200)}, not the login page: nothing is known of the callback URL check. Fix: check the hosted UI domain`,
    );
  }
  if (status === 200)
    return passed(
      AUTHORIZE_CHECK,
      `${shown} answers 200 (a sign-in page) for the app's request (client ${ids.clientId}, redirect_uri ${redirectURL})`,
    );
  if (status >= 400 && status < 500) {
    return failed(
      AUTHORIZE_CHECK,
      `${shown} answers HTTP ${status} to the app's request for client ${ids.clientId}: the hosted UI refuses it (an unknown client, or one without the hosted UI's code grant). ` +
        `Fix: check cognitoClientId and the client's hosted UI settings (authorization code grant, scope ${APP_SCOPE})` +
        (overridden ? `, and --${PLATFORM_FLAGS.cognitoDomain}` : ""),
    );
  }
  return warned(
    AUTHORIZE_CHECK,
    `${shown} answers HTTP ${status}: nothing is known of the callback URL check. Fix: run doctor again later`,
  );
}

/** Where the hosted UI is, and the client's callback URLs, from Cognito (and SMAPI for the domain's fallback). */
export async function readCognito(
  ids: ClientIds,
  cognito: CognitoCheckSettings,
  wantDomain: boolean,
): Promise<{ base?: string; callbackUrls?: string[]; problem?: string }> {
  const region = cognitoRegion(ids.userPoolId, cognito.region, cognito.endpoint);
  if (typeof region !== "string") return { problem: region.problem };
  const client = createCognitoClient(
    { region, endpoint: cognito.endpoint },
    {
      maxAttempts: cognito.maxAttempts ?? 3,
      credentials: cognito.credentials,
      ...(cognito.timeoutMs === undefined ? {} : { requestTimeoutMs: cognito.timeoutMs }),
    },
  );
  try {
    const [pool, appClient] = await Promise.allSettled([
      wantDomain ? client.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId })) : Promise.resolve(undefined),
      client.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.clientId })),
    ]);
    const base = pool.status === "fulfilled" ? hostedUiBase(pool.value?.UserPool, region) : undefined;
    const callbackUrls = appClient.status === "fulfilled" ? (appClient.value.UserPoolClient?.CallbackURLs ?? []) : undefined;
    const problem = pool.status === "rejected" ? `DescribeUserPool failed (${(pool.reason as Error).name})` : undefined;
    return {
      ...(base === undefined ? {} : { base }),
      ...(callbackUrls === undefined ? {} : { callbackUrls }),
      ...(problem ? { problem } : {}),
    };
  } finally {
    client.destroy();
  }
}

/** The first skill's authorizationUrl as SMAPI has it, when it names a hosted UI. */
async function baseFromSkills(
  skills: readonly { skillId: string; stage: string }[],
  settings: SkillCheckSettings,
): Promise<string | undefined> {
  if (!settings.lwa) return undefined;
  for (const skill of skills) {
    try {
      const current = await getAccountLinking({
        ...skill,
        lwa: settings.lwa,
        endpoints: settings.endpoints,
        secrets: [],
        policy: settings.policy,
        runtime: settings.runtime,
      });
      const base = hostedUiFromAuthorizationUrl(current?.linking.authorizationUrl);
      if (base !== undefined) return base;
    } catch {
      // The skill lines report SMAPI's errors.
    }
  }
  return undefined;
}

/**
 * GETs the hosted UI's authorize endpoint as the RainMaker apps open it, without following the
 * redirect, and judges where it sends the browser.
 */
export async function checkCognitoAuthorize(
  ids: ClientIds,
  redirectURL: string,
  skills: readonly { skillId: string; stage: string }[],
  settings: PlatformProbeSettings,
  cognito: CognitoCheckSettings,
  skillSettings: SkillCheckSettings | undefined,
): Promise<CheckResult> {
  const read = await readCognito(ids, cognito, settings.cognitoDomain === undefined);
  const base =
    settings.cognitoDomain ?? read.base ?? (skillSettings === undefined ? undefined : await baseFromSkills(skills, skillSettings));
  if (base === undefined) {
    return warned(
      AUTHORIZE_CHECK,
      `no hosted UI domain found: user pool ${ids.userPoolId} has no Domain or CustomDomain${read.problem ? ` (${read.problem})` : ""}, and no skill's authorizationUrl is https://<domain>/oauth2/authorize. ` +
        `Fix: pass --${PLATFORM_FLAGS.cognitoDomain} https://<domain>.auth.<region>.amazoncognito.com (the domain the apps open)`,
    );
  }
  const url = authorizeUrl(base, ids.clientId, redirectURL);
  const outcome = await probeGet(url, settings);
  return judgeAuthorize(url, outcome, redirectURL, ids, read.callbackUrls, settings.cognitoDomain !== undefined, cognito.stack);
}

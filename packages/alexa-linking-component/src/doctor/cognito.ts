import { DescribeUserPoolClientCommand } from "@aws-sdk/client-cognito-identity-provider";
import { isAwsRegion } from "../shared/aws";
import { CognitoProviderOptions, createCognitoClient } from "../cognito/client";
import { redeployFix } from "./fixes";
import { safeErrorName, sdkErrorSummary, signingSecrets } from "../shared/sdkClient";
import { MAX_SERVER_TEXT } from "../shared/secrets";
import { CheckResult, failed, passed } from "./result";

export const COGNITO_CHECK = "cognito";

/** The region a user pool id names (`eu-west-1_AbC123`), or undefined. */
export function regionOfUserPool(userPoolId: string): string | undefined {
  const region = /^([^_]+)_[A-Za-z0-9]+$/.exec(userPoolId)?.[1];
  return region !== undefined && isAwsRegion(region) ? region : undefined;
}

/** The region to call: --region, else the pool id's; an emulator endpoint does not care which. */
export function cognitoRegion(userPoolId: string, region: string | undefined, endpoint: string | undefined): string | { problem: string } {
  if (region) return region;
  const fromId = regionOfUserPool(userPoolId);
  if (fromId) return fromId;
  if (endpoint) return "us-east-1";
  return {
    problem: `stack output cognitoUserPoolId "${userPoolId}" does not start with a region (like eu-west-1_AbC123). Fix: pass --region <region>`,
  };
}

export interface ClientIds {
  userPoolId: string;
  clientId: string;
}

/** Whether the client's callback URLs hold the redirect URL exactly, as the token exchange compares it. */
export function judgeCallbackUrls(
  callbackUrls: readonly string[] | undefined,
  redirectURL: string,
  ids: ClientIds,
  stack: string | undefined,
): CheckResult {
  const urls = callbackUrls ?? [];
  const where = `app client ${ids.clientId} in user pool ${ids.userPoolId}`;
  if (urls.includes(redirectURL)) return passed(COGNITO_CHECK, `callback URLs of ${where} include ${redirectURL}`);
  const near = urls.find((u) => sameButForSlashOrCase(u, redirectURL));
  const nearNote = near ? ` It has ${near}, which differs only in case or a trailing slash: redirect_uri must match exactly.` : "";
  return failed(
    COGNITO_CHECK,
    `callback URLs of ${where} lack ${redirectURL} (${urls.length} URL${urls.length === 1 ? "" : "s"} there).${nearNote} ` +
      `The RainMaker stack may have reset the client. Fix: ${redeployFix(stack)}`,
  );
}

function sameButForSlashOrCase(a: string, b: string): boolean {
  const norm = (u: string) => u.replace(/\/+$/, "").toLowerCase();
  return norm(a) === norm(b);
}

/**
 * Why a DescribeUserPoolClient failed, and what to do. The SDK's text may quote what the endpoint
 * answered (a hostile one echoes the request's headers, session token included): it is shown
 * redacted with `secrets` (every credential the client signed with) and cut.
 */
export function describeCognitoError(
  error: unknown,
  ids: ClientIds,
  region: string,
  stack: string | undefined,
  secrets: readonly string[] = [],
): string {
  const e = (error ?? {}) as { name?: string; message?: string; code?: string; cause?: { code?: string } };
  const name = safeErrorName(error, secrets);
  const where = `app client ${ids.clientId} in user pool ${ids.userPoolId} (region ${region})`;
  const said = sdkErrorSummary(error, secrets, MAX_SERVER_TEXT);
  if (name === "ResourceNotFoundException") {
    return `DescribeUserPoolClient found no ${where} (${said}). The RainMaker stack may have replaced the client or the pool. Fix: ${redeployFix(stack)}`;
  }
  if (name === "CredentialsProviderError" || (/credential/i.test(e.message ?? "") && !/not authorized/i.test(e.message ?? ""))) {
    return `no AWS credentials to read ${where} (${said}). Fix: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY for the RainMaker account`;
  }
  if (name === "AccessDeniedException" || name === "NotAuthorizedException" || name === "UnrecognizedClientException") {
    return `the AWS credentials may not read ${where} (${said}). Fix: use credentials of the RainMaker account allowed cognito-idp:DescribeUserPoolClient`;
  }
  const code = e.cause?.code ?? e.code;
  if (code === "ENOTFOUND" || code === "ECONNREFUSED" || name === "TimeoutError") {
    return `Cognito in region ${region} is unreachable (${said}${code && !said.includes(code) ? `, ${code}` : ""}). Fix: check the network, --region and --cognito-endpoint`;
  }
  return `DescribeUserPoolClient of ${where} failed: ${said}`;
}

export interface CognitoCheckSettings {
  region?: string;
  endpoint?: string;
  /** Static credentials (from the environment doctor was given); default: the SDK's chain. */
  credentials?: CognitoProviderOptions["credentials"];
  maxAttempts?: number;
  /** Deadline of the whole call, retries included (doctor's --timeout-ms). */
  timeoutMs?: number;
  stack?: string;
}

/** Reads the client as Cognito has it now and judges its callback URLs. */
export async function checkCognito(ids: ClientIds, redirectURL: string, settings: CognitoCheckSettings): Promise<CheckResult> {
  const region = cognitoRegion(ids.userPoolId, settings.region, settings.endpoint);
  if (typeof region !== "string") return failed(COGNITO_CHECK, region.problem);
  const client = createCognitoClient(
    { region, endpoint: settings.endpoint },
    {
      maxAttempts: settings.maxAttempts ?? 3,
      credentials: settings.credentials,
      ...(settings.timeoutMs === undefined ? {} : { requestTimeoutMs: settings.timeoutMs }),
    },
  );
  try {
    const out = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.clientId }));
    return judgeCallbackUrls(out.UserPoolClient?.CallbackURLs, redirectURL, ids, settings.stack);
  } catch (error) {
    const secrets = await signingSecrets(client, [settings.credentials?.secretAccessKey, settings.credentials?.sessionToken]);
    return failed(COGNITO_CHECK, describeCognitoError(error, ids, region, settings.stack, secrets));
  } finally {
    client.destroy();
  }
}

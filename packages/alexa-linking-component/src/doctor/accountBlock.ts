import { GetPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import {
  AccountBlockRead,
  classifyAccountBlockError,
  CLOUDFRONT_FIX,
  defeatingFlags,
  flagEffects,
  flagNames,
  FLAGS_DEFEATING,
} from "../hosting/accountBlockRules";
import type { PublicAccessMode } from "../hosting/publicAccess";
import { showValue } from "../shared/errors";
import { boundClient, safeErrorName, sdkErrorSummary, signingSecrets } from "../shared/sdkClient";
import { MAX_SERVER_TEXT } from "../shared/secrets";
import type { DoctorOutputs } from "../stackOutputs";
import type { StaticCredentials } from "../cognito/client";
import { regionOfUserPool } from "./cognito";
import { CheckResult, failed, passed, warned } from "./result";

/**
 * doctor's `account block` line: the account-level S3 Block Public Access setting (s3control
 * GetPublicAccessBlock, the account from STS GetCallerIdentity) judged against the deployed
 * publicAccess mode with the component's own rules (src/hosting/accountBlock.ts). It is AWS, not
 * a platform: --skip-platform-probes keeps it.
 */
export const ACCOUNT_BLOCK_CHECK = "account block";

/** The IAM permission the read needs. */
export const ACCOUNT_BLOCK_PERMISSION = "s3:GetAccountPublicAccessBlock";

/** Deadline of each call (retries included) without --timeout-ms, and the most of an answer read (the setting is a few hundred bytes). */
export const ACCOUNT_BLOCK_TIMEOUT_MS = 30_000;
export const ACCOUNT_BLOCK_MAX_BODY_BYTES = 64 * 1024;

/** The publicAccess modes the stack may have been deployed with, and how doctor knows. */
export interface DeployedModes {
  modes: PublicAccessMode[];
  source: string;
}

/** A host on S3 itself (`<bucket>.s3.<region>.amazonaws.com`): the "policy" and "acl" modes; anything else is CloudFront. */
const S3_HOST = /^[^.]+\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com(\.cn)?$/i;

/**
 * The mode from the stack's settings (--stack / --config-file), else from the outputs: files on
 * the bucket's S3 host are "policy" or "acl" (the outputs do not say which), any other host is
 * CloudFront.
 */
export function deployedModes(
  outputs: Pick<DoctorOutputs, "associationFileUrls" | "redirectURL">,
  configured?: { mode: PublicAccessMode; source: string },
): DeployedModes {
  if (configured !== undefined) return { modes: [configured.mode], source: `publicAccess in ${configured.source}` };
  const urls = [...Object.values(outputs.associationFileUrls), outputs.redirectURL].filter((u): u is string => typeof u === "string");
  const onS3 = urls.some((u) => {
    try {
      return S3_HOST.test(new URL(u).hostname);
    } catch {
      return false;
    }
  });
  return onS3
    ? { modes: ["policy", "acl"], source: "the files' S3 URLs, which do not tell which; --stack does" }
    : { modes: ["cloudfront"], source: "the files' non-S3 URLs" };
}

const modeText = (modes: readonly PublicAccessMode[]): string => modes.map((m) => showValue(m)).join(" or ");

/** The line for what the read found, judged against the modes the stack may run. */
export function judgeAccountBlock(accountId: string | undefined, deployed: DeployedModes, read: AccountBlockRead): CheckResult {
  const account = accountId === undefined ? "the account" : `account ${showValue(accountId)}`;
  const mode = `publicAccess ${modeText(deployed.modes)} (from ${deployed.source})`;
  if (read.kind === "unreadable") {
    return warned(
      ACCOUNT_BLOCK_CHECK,
      `could not read the account-level S3 Block Public Access setting of ${account} (${read.reason}), so it is not known whether it defeats ${mode}. ` +
        (read.reason.includes(ACCOUNT_BLOCK_PERMISSION)
          ? `Fix: allow ${ACCOUNT_BLOCK_PERMISSION} (and sts:GetCallerIdentity) to the credentials doctor runs with`
          : "Fix: check the network, the credentials and --s3-control-endpoint"),
    );
  }
  if (read.kind === "none")
    return passed(ACCOUNT_BLOCK_CHECK, `${account} sets no account-level S3 Block Public Access; ${mode} is not overridden`);
  const allOn = FLAGS_DEFEATING.acl.filter((flag) => read.block[flag]);
  const onText = allOn.length === 0 ? "no flag on" : `${flagNames(allOn)} on`;
  const defeated = deployed.modes.map((m) => ({ mode: m, flags: defeatingFlags(m, read.block) })).filter((d) => d.flags.length > 0);
  if (defeated.length === 0) {
    const cloudfrontNote =
      deployed.modes.includes("cloudfront") && allOn.length > 0 ? ": the bucket is private and CloudFront serves the files" : "";
    return passed(
      ACCOUNT_BLOCK_CHECK,
      `${account} has account-level S3 Block Public Access ${onText}, which does not defeat ${mode}${cloudfrontNote}`,
    );
  }
  const why = defeated.map((d) => `with publicAccess ${showValue(d.mode)} ${flagEffects(d.flags)}`).join("; ");
  const flags = FLAGS_DEFEATING.acl.filter((flag) => defeated.some((d) => d.flags.includes(flag)));
  const text =
    `${account} has account-level S3 Block Public Access ${flagNames(flags)} on, which overrides the bucket's own setting: ` +
    `${why}, so Apple and Google cannot read the association files (${mode}).`;
  if (defeated.length < deployed.modes.length) {
    const fine = deployed.modes.filter((m) => !defeated.some((d) => d.mode === m));
    return warned(
      ACCOUNT_BLOCK_CHECK,
      `${text} publicAccess ${modeText(fine)} is not defeated: pass --stack to tell which mode the stack runs. Fix if it runs ${modeText(defeated.map((d) => d.mode))}: ${CLOUDFRONT_FIX}`,
    );
  }
  return failed(ACCOUNT_BLOCK_CHECK, `${text} Fix: ${CLOUDFRONT_FIX}`);
}

export interface AccountBlockCheckSettings {
  /** Region of the calls (S3 Control is per account); default: the user pool's, else us-east-1. */
  region?: string;
  /** An S3 Control emulator (--s3-control-endpoint); STS GetCallerIdentity is sent there too. */
  endpoint?: string;
  credentials?: StaticCredentials;
  timeoutMs?: number;
  maxAttempts?: number;
}

/** Why a read failed, as a warning may show it: redacted, cut, with the permission it needs. */
export function describeReadError(step: string, error: unknown, secrets: readonly string[]): string {
  const name = safeErrorName(error, secrets);
  const said = sdkErrorSummary(error, secrets, MAX_SERVER_TEXT);
  if (/^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/.test(name))
    return `${step}: access denied, ${said}; it needs ${ACCOUNT_BLOCK_PERMISSION}`;
  if (name === "CredentialsProviderError")
    return `${step}: no AWS credentials, ${said}; set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`;
  return `${step} failed: ${said}`;
}

/** Reads the account id and the account's setting, then judges it. Never throws: a read that fails warns. */
export async function checkAccountBlock(
  outputs: Pick<DoctorOutputs, "associationFileUrls" | "redirectURL" | "cognitoUserPoolId">,
  deployed: DeployedModes,
  settings: AccountBlockCheckSettings,
): Promise<CheckResult> {
  const region = settings.region ?? regionOfUserPool(outputs.cognitoUserPoolId) ?? "us-east-1";
  const limits = { timeoutMs: settings.timeoutMs ?? ACCOUNT_BLOCK_TIMEOUT_MS, maxBodyBytes: ACCOUNT_BLOCK_MAX_BODY_BYTES };
  const common = {
    region,
    maxAttempts: settings.maxAttempts ?? 3,
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
  };
  const endpoint = settings.endpoint;
  const sts = boundClient(new STSClient({ ...common, ...(endpoint === undefined ? {} : { endpoint }) }), { ...limits, service: "STS" });
  // S3 Control puts the account id in the host (<id>.s3-control.<region>.amazonaws.com); an
  // emulator on an address answers on its own host, so an override is used as it is.
  const s3control = boundClient(
    new S3ControlClient({
      ...common,
      ...(endpoint === undefined ? {} : { endpoint, endpointProvider: () => ({ url: new URL(endpoint) }) }),
    }),
    { ...limits, service: "S3 Control" },
  );
  const given = [settings.credentials?.secretAccessKey, settings.credentials?.sessionToken];
  let accountId: string | undefined;
  try {
    try {
      accountId = (await sts.send(new GetCallerIdentityCommand({}))).Account;
      if (accountId === undefined || !/^\d{12}$/.test(accountId))
        return judgeAccountBlock(undefined, deployed, { kind: "unreadable", reason: `STS GetCallerIdentity answered no account id` });
    } catch (error) {
      const reason = describeReadError("STS GetCallerIdentity", error, await signingSecrets(sts, given));
      return judgeAccountBlock(undefined, deployed, { kind: "unreadable", reason });
    }
    try {
      const out = await s3control.send(new GetPublicAccessBlockCommand({ AccountId: accountId }));
      const c = out.PublicAccessBlockConfiguration ?? {};
      const block = {
        blockPublicAcls: c.BlockPublicAcls === true,
        ignorePublicAcls: c.IgnorePublicAcls === true,
        blockPublicPolicy: c.BlockPublicPolicy === true,
        restrictPublicBuckets: c.RestrictPublicBuckets === true,
      };
      return judgeAccountBlock(accountId, deployed, { kind: "set", block });
    } catch (error) {
      const secrets = await signingSecrets(s3control, given);
      if (classifyAccountBlockError(safeErrorName(error, secrets)) === "none")
        return judgeAccountBlock(accountId, deployed, { kind: "none" });
      return judgeAccountBlock(accountId, deployed, {
        kind: "unreadable",
        reason: describeReadError("S3 Control GetPublicAccessBlock", error, secrets),
      });
    }
  } finally {
    sts.destroy();
    s3control.destroy();
  }
}

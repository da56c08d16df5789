import { showValue } from "../shared/errors";
import type { PublicAccessMode } from "./publicAccess";

/**
 * The pure rules of account-level S3 Block Public Access against the publicAccess modes, with no
 * Pulumi import, so that doctor (src/doctor/accountBlock.ts) loads them without the aws provider
 * SDK. The deploy's read is src/hosting/accountBlock.ts, which re-exports these.
 */

export interface AccountBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

/** The account flags that defeat each mode, in the order messages name them. */
export const FLAGS_DEFEATING: Record<PublicAccessMode, (keyof AccountBlock)[]> = {
  // The bucket policy is the grant.
  policy: ["blockPublicPolicy", "restrictPublicBuckets"],
  // The guide's public-read ACLs plus the same policy: all four matter.
  acl: ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"],
  cloudfront: [],
};

const FLAG_NAMES: Record<keyof AccountBlock, string> = {
  blockPublicAcls: "BlockPublicAcls",
  ignorePublicAcls: "IgnorePublicAcls",
  blockPublicPolicy: "BlockPublicPolicy",
  restrictPublicBuckets: "RestrictPublicBuckets",
};

export const CLOUDFRONT_FIX =
  'set publicAccess to "cloudfront" (stack: pulumi config set publicAccess cloudfront), which serves the files through CloudFront ' +
  "from a private bucket and works under account-level Block Public Access; or, if your organisation allows it, turn the flags off " +
  "(S3 console > Block Public Access settings for this account; aws s3control put-public-access-block)";

/** The account flags that are on and defeat `mode`, in the order messages name them. */
export function defeatingFlags(mode: PublicAccessMode, block: AccountBlock): (keyof AccountBlock)[] {
  return FLAGS_DEFEATING[mode].filter((flag) => block[flag] === true);
}

/** The flags as AWS names them: `BlockPublicPolicy, RestrictPublicBuckets`. */
export const flagNames = (flags: readonly (keyof AccountBlock)[]): string => flags.map((f) => FLAG_NAMES[f]).join(", ");

/** What the flags do to the files' public read, one clause per effect. */
export function flagEffects(flags: readonly (keyof AccountBlock)[]): string {
  const effects = flags.map((flag) =>
    flag === "blockPublicPolicy"
      ? "the public bucket policy would be refused (AccessDenied)"
      : flag === "restrictPublicBuckets"
        ? "the bucket policy would grant anonymous readers nothing"
        : flag === "blockPublicAcls"
          ? "the public-read ACLs would be refused"
          : "the public-read ACLs would grant nothing",
  );
  return [...new Set(effects)].join(", and ");
}

/** Why `mode` cannot make the files public under the account's setting, or undefined when it can. */
export function accountBlockProblem(name: string, mode: PublicAccessMode, accountId: string, block: AccountBlock): string | undefined {
  const on = defeatingFlags(mode, block);
  if (on.length === 0) return undefined;
  return (
    `AlexaAppLinking ${name}: the AWS account ${showValue(accountId)} has account-level S3 Block Public Access ` +
    `${flagNames(on)} on, which overrides the bucket's own setting: with publicAccess ${showValue(mode)} ` +
    `${flagEffects(on)}, so Apple and Google could not read the association files. Nothing was created. Fix: ${CLOUDFRONT_FIX}`
  );
}

/** What a failed read of the setting means: no account-level setting at all, or a read that told nothing. */
export function classifyAccountBlockError(message: string): "none" | "unreadable" {
  return /NoSuchPublicAccessBlockConfiguration|couldn't find resource|empty result/i.test(message) ? "none" : "unreadable";
}

/** The warning when the setting could not be read (typically no s3:GetAccountPublicAccessBlock permission). */
export function unreadableWarning(name: string, mode: PublicAccessMode, reason: string): string {
  return (
    `AlexaAppLinking ${name}: could not read the account's S3 Block Public Access setting (${reason}), so publicAccess ${showValue(mode)} ` +
    `is tried without knowing it. If the deploy then fails with AccessDenied on the bucket policy (PutBucketPolicy), or the check finds ` +
    `the files private, account-level Block Public Access is the likely cause. Fix: allow s3:GetAccountPublicAccessBlock to the ` +
    `deploying identity so the deploy can tell before creating anything, or ${CLOUDFRONT_FIX}`
  );
}

/** What the read of the account's setting found. */
export type AccountBlockRead = { kind: "set"; block: AccountBlock } | { kind: "none" } | { kind: "unreadable"; reason: string };

/** The verdict on a read: an error that stops the deploy, a warning, or nothing. */
export function accountBlockVerdict(
  name: string,
  mode: PublicAccessMode,
  accountId: string,
  read: AccountBlockRead,
): { problem?: string; warning?: string } {
  if (read.kind === "unreadable") return { warning: unreadableWarning(name, mode, read.reason) };
  if (read.kind === "none") return {};
  const problem = accountBlockProblem(name, mode, accountId, read.block);
  return problem ? { problem } : {};
}

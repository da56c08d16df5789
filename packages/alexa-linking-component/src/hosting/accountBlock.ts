import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serverText } from "../shared/secrets";
import type { PublicAccessMode } from "./publicAccess";
import { accountBlockVerdict, classifyAccountBlockError, FLAGS_DEFEATING, type AccountBlockRead } from "./accountBlockRules";

export * from "./accountBlockRules";

/**
 * Account-level S3 Block Public Access. It overrides every bucket's own setting: with
 * `BlockPublicPolicy` a public bucket policy is refused (AccessDenied at PutBucketPolicy), with
 * `RestrictPublicBuckets` it grants anonymous callers nothing, with `BlockPublicAcls` a public ACL
 * is refused, with `IgnorePublicAcls` it grants nothing. The "policy" and "acl" modes cannot
 * work under such a setting; "cloudfront" can (its bucket stays private and the OAC policy is not
 * public). The pure rules are in accountBlockRules.ts (doctor uses them too); the read here is
 * `checkAccountBlock`.
 */

/** Reads the setting through the stack's aws provider (invoke aws:s3/getAccountPublicAccessBlock). */
export async function readAccountBlock(accountId: string, parent: pulumi.Resource): Promise<AccountBlockRead> {
  try {
    const read = await aws.s3.getAccountPublicAccessBlock({ accountId }, { parent });
    return {
      kind: "set",
      block: {
        blockPublicAcls: read.blockPublicAcls === true,
        ignorePublicAcls: read.ignorePublicAcls === true,
        blockPublicPolicy: read.blockPublicPolicy === true,
        restrictPublicBuckets: read.restrictPublicBuckets === true,
      },
    };
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    return classifyAccountBlockError(message) === "none" ? { kind: "none" } : { kind: "unreadable", reason: serverText(message, [], 200) };
  }
}

/**
 * In "policy" and "acl" mode, reads the account's setting through the stack's aws provider
 * (s3control GetPublicAccessBlock) and fails with the fix when it defeats the mode. The result
 * resolves to nothing; the bucket waits for it, so a refusal stops the deploy (and the preview)
 * before any resource is created. A setting that cannot be read gives a warning and the deploy
 * goes on.
 */
export function checkAccountBlock(
  name: string,
  mode: PublicAccessMode,
  accountId: pulumi.Input<string>,
  parent: pulumi.Resource,
): pulumi.Output<void> {
  if (FLAGS_DEFEATING[mode].length === 0) return pulumi.output(undefined as void);
  return pulumi.output(accountId).apply(async (id) => {
    const verdict = accountBlockVerdict(name, mode, id, await readAccountBlock(id, parent));
    if (verdict.warning) void pulumi.log.warn(verdict.warning, parent);
    if (verdict.problem) throw new pulumi.RunError(verdict.problem);
  });
}

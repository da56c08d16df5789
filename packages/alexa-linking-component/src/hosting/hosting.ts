import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { ASSOCIATION_KEYS, AssociationFile, Platform } from "../associations";
import { accessSettings, bucketPolicyDocument, privateBucketPolicyDocument, PublicAccessMode } from "./publicAccess";
import type { CloudFrontPlan } from "./cloudFront";
import { CloudFrontHosting, createCloudFront } from "./distribution";

export interface HostingArgs {
  bucketName: pulumi.Input<string>;
  mode: PublicAccessMode;
  /** Given in "cloudfront" mode. */
  cloudFront?: CloudFrontPlan;
  /** The us-east-1 provider of a requested certificate (opts.certificateProvider). */
  certificateProvider?: pulumi.ProviderResource;
  /** Known at construction time: which files exist decides which objects are registered. */
  platforms: Platform[];
  files: pulumi.Output<AssociationFile[]>;
}

export interface Hosting {
  bucket: aws.s3.Bucket;
  ownership: aws.s3.BucketOwnershipControls;
  publicAccessBlock: aws.s3.BucketPublicAccessBlock;
  policy: aws.s3.BucketPolicy;
  objects: aws.s3.BucketObjectv2[];
  /** The distribution and what goes with it, in "cloudfront" mode. */
  cloudFront?: CloudFrontHosting;
}

/**
 * The bucket, its access settings and policy, and one object per association file: public in the
 * "policy" and "acl" modes, private behind a CloudFront distribution in "cloudfront" mode.
 */
export function createHosting(name: string, args: HostingArgs, parent: pulumi.Resource): Hosting {
  const settings = accessSettings(args.mode);
  const opts = { parent };
  const bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: args.bucketName }, opts);
  const ownership = new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: settings.objectOwnership } },
    opts,
  );
  // Two control writes on one bucket at the same moment may get 409 OperationAborted: the access
  // block waits for the ownership controls, the policy and the objects for both (a chain, also in
  // reverse on delete), so no two of them overlap.
  const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access`,
    { bucket: bucket.id, ...settings.block },
    { parent, dependsOn: [ownership] },
  );
  // S3 refuses a public policy or a public-read ACL until the access block is lifted.
  const afterAccess = { parent, dependsOn: [ownership, publicAccessBlock] };
  // "cloudfront": the bucket stays private and only this distribution may read (AWS:SourceArn).
  const cloudFront =
    args.mode === "cloudfront"
      ? createCloudFront(
          name,
          {
            bucketRegionalDomainName: bucket.bucketRegionalDomainName,
            plan: args.cloudFront ?? { requestCertificate: false },
            certificateProvider: args.certificateProvider,
          },
          parent,
        )
      : undefined;
  const document = cloudFront
    ? pulumi
        .all([bucket.arn, cloudFront.distribution.arn])
        .apply(([bucketArn, distributionArn]) => privateBucketPolicyDocument(bucketArn, distributionArn))
    : bucket.arn.apply(bucketPolicyDocument);
  const policy = new aws.s3.BucketPolicy(`${name}-policy`, { bucket: bucket.id, policy: document }, afterAccess);
  const objects = args.platforms.map(
    (platform) =>
      new aws.s3.BucketObjectv2(
        objectResourceName(name, platform),
        {
          bucket: bucket.id,
          key: ASSOCIATION_KEYS[platform],
          content: args.files.apply((files) => files.find((file) => file.platform === platform)!.body),
          contentType: "application/json",
          acl: settings.objectAcl,
        },
        // An explicit ACL in every mode, and a new ACL replaces the object (delete first: same
        // bucket and key) after the new mode's ownership controls and access block: never a
        // PutObjectAcl to a bucket with ACLs disabled. Why: objectAclFor in publicAccess.ts.
        { ...afterAccess, replaceOnChanges: ["acl"], deleteBeforeReplace: true },
      ),
  );
  return { bucket, ownership, publicAccessBlock, policy, objects, cloudFront };
}

/** `<name>-apple-app-site-association` / `<name>-assetlinks`: renaming would replace the object. */
export function objectResourceName(name: string, platform: Platform): string {
  return `${name}-${path.posix.basename(ASSOCIATION_KEYS[platform], ".json")}`;
}

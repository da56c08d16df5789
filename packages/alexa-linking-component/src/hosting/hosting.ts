import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { ASSOCIATION_KEYS, AssociationFile, Platform } from "../associations";
import { accessSettings, bucketPolicyDocument, PublicAccessMode } from "./publicAccess";

export interface HostingArgs {
  bucketName: pulumi.Input<string>;
  mode: PublicAccessMode;
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
}

/** The bucket, its access settings and policy, and one public object per association file. */
export function createHosting(name: string, args: HostingArgs, parent: pulumi.Resource): Hosting {
  const settings = accessSettings(args.mode);
  const opts = { parent };
  const bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: args.bucketName }, opts);
  const ownership = new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: settings.objectOwnership } },
    opts,
  );
  const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, { bucket: bucket.id, ...settings.block }, opts);
  // S3 refuses a public policy or a public-read ACL until the access block is lifted.
  const afterAccess = { parent, dependsOn: [ownership, publicAccessBlock] };
  const policy = new aws.s3.BucketPolicy(
    `${name}-policy`,
    { bucket: bucket.id, policy: bucket.arn.apply(bucketPolicyDocument) },
    afterAccess,
  );
  const objects = args.platforms.map(
    (platform) =>
      new aws.s3.BucketObjectv2(
        objectResourceName(name, platform),
        {
          bucket: bucket.id,
          key: ASSOCIATION_KEYS[platform],
          content: args.files.apply((files) => files.find((file) => file.platform === platform)!.body),
          contentType: "application/json",
          ...(settings.objectAcl ? { acl: settings.objectAcl } : {}),
        },
        afterAccess,
      ),
  );
  return { bucket, ownership, publicAccessBlock, policy, objects };
}

/** `<name>-apple-app-site-association` / `<name>-assetlinks`: renaming would replace the object. */
export function objectResourceName(name: string, platform: Platform): string {
  return `${name}-${path.posix.basename(ASSOCIATION_KEYS[platform], ".json")}`;
}

import { InvalidArgumentError } from "../shared/errors";

export const PUBLIC_ACCESS_MODES = ["policy", "acl", "cloudfront"] as const;
export type PublicAccessMode = (typeof PUBLIC_ACCESS_MODES)[number];

/** How the bucket is configured so that the association files are public. */
export interface AccessSettings {
  objectOwnership: "BucketOwnerEnforced" | "BucketOwnerPreferred";
  block: { blockPublicAcls: boolean; ignorePublicAcls: boolean; blockPublicPolicy: boolean; restrictPublicBuckets: boolean };
  /** Canned ACL put on each association file, if any. */
  objectAcl?: "public-read";
}

export function parsePublicAccess(value: string | undefined): PublicAccessMode {
  const mode = value ?? "policy";
  if (!(PUBLIC_ACCESS_MODES as readonly string[]).includes(mode)) {
    throw new InvalidArgumentError(
      "args.publicAccess",
      value,
      'is not "policy", "acl" or "cloudfront"',
      'use "policy" (default: ACLs stay disabled, a bucket policy makes .well-known/* readable), "acl" (the manual guide\'s public-read ACLs plus the policy) or "cloudfront" (the bucket stays private, a CloudFront distribution serves the files)',
    );
  }
  return mode as PublicAccessMode;
}

/**
 * "policy": ACLs stay disabled (the S3 default since April 2023) and only the policy side of
 * Block Public Access is lifted. "acl": the guide's way, which also needs ACLs enabled and the
 * ACL side lifted, or S3 answers AccessControlListNotSupported / AccessDenied.
 */
export function accessSettings(mode: PublicAccessMode): AccessSettings {
  if (mode === "cloudfront") {
    // Nothing public: all four Block Public Access settings on, ACLs disabled. Only the
    // distribution reads, through its Origin Access Control (privateBucketPolicyDocument).
    return {
      objectOwnership: "BucketOwnerEnforced",
      block: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    };
  }
  if (mode === "acl") {
    return {
      objectOwnership: "BucketOwnerPreferred",
      block: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
      objectAcl: "public-read",
    };
  }
  return {
    objectOwnership: "BucketOwnerEnforced",
    block: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false },
  };
}

/**
 * The bucket policy: anyone may read `.well-known/*` and nothing else; any request without TLS
 * is denied. The same in both public modes (in "acl" mode the ACLs are a second grant, as in the guide).
 */
export function bucketPolicyDocument(bucketArn: string): string {
  return policyText([
    {
      Sid: "PublicReadOfAssociationFiles",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: `${bucketArn}/.well-known/*`,
    },
    denyWithoutTls(bucketArn),
  ]);
}

/**
 * The policy of the private bucket ("cloudfront" mode): the CloudFront service may read
 * `.well-known/*` only on behalf of this one distribution (`AWS:SourceArn`, the Origin Access
 * Control way; a policy with a service principal and that condition is not public for Block
 * Public Access), and any request without TLS is denied.
 */
export function privateBucketPolicyDocument(bucketArn: string, distributionArn: string): string {
  return policyText([
    {
      Sid: "CloudFrontReadOfAssociationFiles",
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
      Resource: `${bucketArn}/.well-known/*`,
      Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
    },
    denyWithoutTls(bucketArn),
  ]);
}

function denyWithoutTls(bucketArn: string): Record<string, unknown> {
  return {
    Sid: "DenyRequestsWithoutTls",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

function policyText(statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);
}

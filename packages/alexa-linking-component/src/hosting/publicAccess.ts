import { InvalidArgumentError } from "../shared/errors";

export const PUBLIC_ACCESS_MODES = ["policy", "acl", "cloudfront"] as const;
export type PublicAccessMode = (typeof PUBLIC_ACCESS_MODES)[number];

/** How the bucket is configured so that the association files are public. */
export interface AccessSettings {
  objectOwnership: "BucketOwnerEnforced" | "BucketOwnerPreferred";
  block: { blockPublicAcls: boolean; ignorePublicAcls: boolean; blockPublicPolicy: boolean; restrictPublicBuckets: boolean };
  /**
   * The canned ACL every association file carries, explicitly in every mode (see objectAclFor):
   * `public-read` in "acl" mode, `bucket-owner-full-control` otherwise.
   */
  objectAcl: ObjectAcl;
}

/**
 * The two canned ACLs an association file may carry. `bucket-owner-full-control` is the one ACL
 * a bucket with ACLs disabled (`BucketOwnerEnforced`) accepts on an upload; `public-read` needs
 * ACLs enabled and the ACL side of Block Public Access lifted.
 */
export type ObjectAcl = "public-read" | "bucket-owner-full-control";

/**
 * Why every object carries an explicit ACL, and why a change of it replaces the object (the
 * options in hosting.ts), under the real provider (terraform-provider-aws `aws_s3_object`):
 * - `acl` is Optional + Computed and the read never sets it: leaving it out after `public-read`
 *   shows no diff and keeps `public-read` in state, and every later upload sends the state's ACL,
 *   which a bucket with ACLs disabled refuses (AccessControlListNotSupported). So the modes without
 *   object ACLs still name one, the only one such a bucket accepts: `bucket-owner-full-control`.
 * - An in-place change of `acl` alone is a PutObjectAcl, and it would run after the ownership
 *   controls of the new mode (the objects depend on them). On a bucket with ACLs disabled AWS
 *   documents that "requests to set ACLs or update ACLs fail" (AccessControlListNotSupported); the
 *   one exception it names is an upload (PUT) with `bucket-owner-full-control`. A replacement
 *   instead deletes the object and uploads it again with the new ACL, once the ownership controls
 *   and the access block of the new mode are in place: no PutObjectAcl is ever sent.
 * - The replacement deletes first (the old and the new object are the same bucket and key: a
 *   create-before-delete would delete the new upload), so during a mode change in or out of "acl"
 *   each file is missing for the moment between the delete and the upload.
 * - No object ACL at all is not an option: state keeps `public-read` from an "acl" deploy.
 */
export function objectAclFor(mode: PublicAccessMode): ObjectAcl {
  return mode === "acl" ? "public-read" : "bucket-owner-full-control";
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
      objectAcl: objectAclFor(mode),
    };
  }
  if (mode === "acl") {
    return {
      objectOwnership: "BucketOwnerPreferred",
      block: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
      objectAcl: objectAclFor(mode),
    };
  }
  return {
    objectOwnership: "BucketOwnerEnforced",
    block: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false },
    objectAcl: objectAclFor(mode),
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

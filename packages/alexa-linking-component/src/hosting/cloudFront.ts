import { InvalidArgumentError, showValue } from "../shared/errors";
import type { PublicAccessMode } from "./publicAccess";
import type { DnsRecord } from "../alexaAppLinking";

/**
 * The "cloudfront" hosting mode, decided from args before any resource: a private bucket read by
 * one CloudFront distribution through an Origin Access Control, on the distribution's
 * `<id>.cloudfront.net` host or on the user's own domain.
 */

/** CloudFront takes viewer certificates from ACM in this region only. */
export const CLOUDFRONT_CERTIFICATE_REGION = "us-east-1";

/**
 * How long CloudFront keeps the two files (S3 sends no Cache-Control for them): a changed file
 * reaches CloudFront's viewers within five minutes. Apple's own CDN caches on top of this.
 */
export const ASSOCIATION_FILE_TTL_SECONDS = { min: 0, default: 300, max: 300 } as const;

/** The security policy of a distribution on a custom domain: TLS 1.2 or newer. */
export const MINIMUM_TLS_POLICY = "TLSv1.2_2021";

/** The plain values of `args.cloudFront`, as the component reads them. */
export interface CloudFrontSettings {
  domainName?: string;
  hostedZoneId?: string;
  certificateArn?: string;
}

/** What the component builds in "cloudfront" mode. */
export interface CloudFrontPlan {
  /** The user's host, lowercase; absent: the distribution's `<id>.cloudfront.net`. */
  domainName?: string;
  /** Route 53 zone for the certificate's validation records and the alias records. */
  hostedZoneId?: string;
  /** An existing us-east-1 ACM certificate; absent with a domain: the component requests one. */
  certificateArn?: string;
  /** Whether the component requests (and validates) an ACM certificate for the domain. */
  requestCertificate: boolean;
}

const HOSTED_ZONE_ID = /^[A-Z0-9]{1,32}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/;

/**
 * Checks `args.cloudFront` against the mode: its settings only mean something in "cloudfront"
 * mode, a zone or certificate needs a domain, a certificate must be ACM's in us-east-1.
 * Returns undefined in the other modes.
 */
export function planCloudFront(mode: PublicAccessMode, settings: CloudFrontSettings | undefined): CloudFrontPlan | undefined {
  const given = settings ?? {};
  if (typeof given !== "object" || Array.isArray(given)) {
    throw new InvalidArgumentError(
      "args.cloudFront",
      given,
      "is not an object",
      "pass { domainName?, hostedZoneId?, certificateArn? }, or leave it out",
    );
  }
  const set = (Object.keys(given) as (keyof CloudFrontSettings)[]).filter((key) => given[key] !== undefined && given[key] !== "");
  if (mode !== "cloudfront") {
    if (set.length > 0) {
      throw new InvalidArgumentError(
        `args.cloudFront.${set[0]}`,
        given[set[0]],
        `is set, but args.publicAccess is ${showValue(mode)}, which serves the files from the S3 host`,
        'set args.publicAccess to "cloudfront" (stack: pulumi config set publicAccess cloudfront), or remove args.cloudFront',
      );
    }
    return undefined;
  }
  for (const key of set) {
    if (typeof given[key] !== "string")
      throw new InvalidArgumentError(`args.cloudFront.${key}`, given[key], "is not a string", "pass it as a string");
  }
  const domainName = given.domainName ? validateDomainName(given.domainName) : undefined;
  const hostedZoneId = given.hostedZoneId ? validateHostedZoneId(given.hostedZoneId) : undefined;
  const certificateArn = given.certificateArn ? validateCertificateArn(given.certificateArn) : undefined;
  if (domainName === undefined) {
    for (const key of ["hostedZoneId", "certificateArn"] as const) {
      if (given[key]) {
        throw new InvalidArgumentError(
          `args.cloudFront.${key}`,
          given[key],
          "is set without args.cloudFront.domainName, and only a custom domain needs it",
          "set args.cloudFront.domainName to the host the links use (e.g. links.example.com), or remove it",
        );
      }
    }
  }
  return { domainName, hostedZoneId, certificateArn, requestCertificate: domainName !== undefined && certificateArn === undefined };
}

/**
 * A host name for the links: lowercase letters, digits and hyphens in dot-separated labels of 1 to
 * 63, at least two labels, 253 characters at most; no wildcard, no trailing dot, no scheme or path.
 */
export function validateDomainName(value: string, argument = "args.cloudFront.domainName"): string {
  const fail = (problem: string, fix: string): never => {
    throw new InvalidArgumentError(argument, value, problem, fix);
  };
  if (/[/:]/.test(value)) fail("is not a host name (it has a scheme, port or path)", "give the host only, e.g. links.example.com");
  if (/[A-Z]/.test(value))
    fail("contains uppercase letters; the apps compare the redirect URL character for character", `use ${showValue(value.toLowerCase())}`);
  if (value.startsWith("*")) fail("is a wildcard", "give the one host the links use, e.g. links.example.com");
  if (value.endsWith(".")) fail("ends with a dot", `use ${showValue(value.replace(/\.+$/, ""))}`);
  if (value.length > 253) fail(`is ${value.length} characters long; a DNS name has at most 253`, "choose a shorter host name");
  const labels = value.split(".");
  if (labels.length < 2) fail("has a single label", "give a full host name in a domain you own, e.g. links.example.com");
  for (const label of labels) {
    if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) {
      fail(
        `has the label ${showValue(label)}; a label is 1 to 63 lowercase letters, digits or hyphens, not starting or ending with a hyphen`,
        "fix that part of the host name",
      );
    }
  }
  return value;
}

/** A Route 53 hosted zone id (`Z0123456789ABCDEFGHIJ`); a `/hostedzone/` prefix is refused to keep one spelling in state. */
export function validateHostedZoneId(value: string, argument = "args.cloudFront.hostedZoneId"): string {
  if (!HOSTED_ZONE_ID.test(value)) {
    const bare = value.replace(/^\/?hostedzone\//, "");
    throw new InvalidArgumentError(
      argument,
      value,
      "is not a Route 53 hosted zone id (uppercase letters and digits, e.g. Z0123456789ABCDEFGHIJ)",
      HOSTED_ZONE_ID.test(bare)
        ? `use ${showValue(bare)}`
        : "copy the Hosted zone ID from the Route 53 console (aws route53 list-hosted-zones)",
    );
  }
  return value;
}

/** An ACM certificate ARN in us-east-1, the only region CloudFront takes certificates from. */
export function validateCertificateArn(value: string, argument = "args.cloudFront.certificateArn"): string {
  const match = CERTIFICATE_ARN.exec(value);
  if (!match) {
    throw new InvalidArgumentError(
      argument,
      value,
      "is not an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)",
      "copy the ARN from the ACM console in US East (N. Virginia), or leave it out and give hostedZoneId to have one requested",
    );
  }
  if (match[1] !== CLOUDFRONT_CERTIFICATE_REGION) {
    throw new InvalidArgumentError(
      argument,
      value,
      `is in ${match[1]}, and CloudFront takes certificates from ${CLOUDFRONT_CERTIFICATE_REGION} only`,
      `request or import the certificate in ACM in ${CLOUDFRONT_CERTIFICATE_REGION}, or leave it out and give hostedZoneId to have one requested`,
    );
  }
  return value;
}

/**
 * Whether the post-deploy check can pass during the deploy. With a custom domain and no hosted
 * zone the user creates the domain's CNAME after the deploy (its target, the distribution's host,
 * is known only once the distribution exists), so the check would fetch a host that does not
 * resolve yet: the component leaves it out and says to run `alexa-linking verify` afterwards.
 */
export function deployCheckCanReach(plan: CloudFrontPlan | undefined): boolean {
  return plan?.domainName === undefined || plan.hostedZoneId !== undefined;
}

/** What the deploy says instead of running the check it left out (deployCheckCanReach). */
export function deployCheckLeftOutMessage(name: string, domainName: string): string {
  return (
    `AlexaAppLinking ${name}: the post-deploy check is left out: ${domainName} resolves only once you have created the records in ` +
    `the output dnsRecords. Create them, then check the files with: pulumi stack output --json | alexa-linking verify --stack-output -`
  );
}

/**
 * The us-east-1 provider of a requested certificate is the one the caller gives
 * (`opts.certificateProvider`), else one made from the stack's `aws:` config. A component under
 * an explicit aws provider runs with settings that config does not hold (another account, role or
 * profile), and a certificate made with the stack's would land elsewhere: there it must be given.
 */
export function checkCertificateProvider(
  name: string,
  plan: CloudFrontPlan | undefined,
  explicitAwsProvider: boolean,
  given: boolean,
): void {
  if (!plan?.requestCertificate || given || !explicitAwsProvider) return;
  throw new Error(
    `AlexaAppLinking ${name}: args.cloudFront.domainName ${showValue(plan.domainName)} needs an ACM certificate in ${CLOUDFRONT_CERTIFICATE_REGION}, ` +
      `and the component runs under an explicit aws provider (opts.provider or opts.providers), whose settings the stack's aws: config does not hold. ` +
      `Fix: pass opts.certificateProvider, an aws.Provider with region ${CLOUDFRONT_CERTIFICATE_REGION} and the same account's credentials ` +
      `(TypeScript), or create the certificate yourself and pass args.cloudFront.certificateArn`,
  );
}

/**
 * The records the user must create when no hosted zone is given: each certificate validation
 * CNAME (the deploy waits for the certificate until they exist), then the domain's CNAME to the
 * distribution. Empty without a custom domain, or with a zone (the component creates them).
 */
export function manualDnsRecords(
  plan: CloudFrontPlan | undefined,
  validation: { resourceRecordName: string; resourceRecordType: string; resourceRecordValue: string }[],
  distributionDomainName: string,
): DnsRecord[] {
  if (plan?.domainName === undefined || plan.hostedZoneId !== undefined) return [];
  const records: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const option of plan.requestCertificate ? validation : []) {
    if (seen.has(option.resourceRecordName)) continue;
    seen.add(option.resourceRecordName);
    records.push({
      purpose: "certificate validation",
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      value: option.resourceRecordValue,
    });
  }
  records.push({ purpose: "the links' host", name: plan.domainName, type: "CNAME", value: distributionDomainName });
  return records;
}

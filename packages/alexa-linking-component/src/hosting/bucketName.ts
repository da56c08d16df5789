import { awsDnsSuffix } from "../shared/aws";
import { InvalidArgumentError, showValue } from "../shared/errors";

const FORBIDDEN_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const FORBIDDEN_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/**
 * S3 general purpose bucket naming rules, plus one of ours: no dots, because the
 * `*.s3.<region>.amazonaws.com` certificate covers a single label and both Apple and Android
 * require valid HTTPS for the association files.
 */
export function validateBucketName(name: string, argument = "args.bucketName"): string {
  const problem = bucketNameProblem(name);
  if (problem === undefined) return name;
  const suggestion = typeof name === "string" ? suggestBucketName(name) : undefined;
  const fix = suggestion === undefined ? problem.fix : `${problem.fix}, e.g. ${showValue(suggestion)}`;
  throw new InvalidArgumentError(argument, name, problem.problem, fix);
}

/** What is wrong with a bucket name and the general fix, or undefined when S3 and we accept it. */
function bucketNameProblem(name: string): { problem: string; fix: string } | undefined {
  const fail = (problem: string, fix: string) => ({ problem, fix });
  if (typeof name !== "string") return fail("is not a string", "pass the bucket name as a string");
  if (name.length < 3 || name.length > 63) {
    return fail(`is ${name.length} characters long; S3 bucket names have 3 to 63`, "choose a name of 3 to 63 characters");
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return fail("is formatted as an IP address", "choose a name made of words and hyphens");
  if (name.includes(".")) {
    return fail(
      "contains a dot, which breaks HTTPS on https://<bucket>.s3.<region>.amazonaws.com (the certificate covers one label) and Apple and Android require valid HTTPS",
      "use hyphens instead",
    );
  }
  if (/[A-Z]/.test(name)) return fail("contains uppercase letters", "use lowercase");
  const bad = name.match(/[^a-z0-9-]/);
  if (bad)
    return fail(
      `contains ${showValue(bad[0])}; only lowercase letters, digits and hyphens are allowed`,
      "remove or replace that character with a hyphen",
    );
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    return fail("must start and end with a letter or digit", "remove the leading or trailing hyphen");
  for (const prefix of FORBIDDEN_PREFIXES) {
    if (name.startsWith(prefix)) return fail(`starts with the reserved prefix "${prefix}"`, "choose a name without that prefix");
  }
  for (const suffix of FORBIDDEN_SUFFIXES) {
    if (name.endsWith(suffix)) return fail(`ends with the reserved suffix "${suffix}"`, "choose a name without that suffix");
  }
  return undefined;
}

/**
 * The name a bucket-name error suggests: `name` lowercased, every run of other characters a
 * hyphen, reserved prefixes and suffixes dropped, cut to 63. Undefined unless that name passes
 * every rule above, so the suggestion of one rule is never refused by the next.
 */
export function suggestBucketName(name: string): string | undefined {
  let candidate = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  for (let changed = true; changed;) {
    const before = candidate;
    candidate = candidate.replace(/^-+|-+$/g, "");
    for (const prefix of FORBIDDEN_PREFIXES) if (candidate.startsWith(prefix)) candidate = candidate.slice(prefix.length);
    for (const suffix of FORBIDDEN_SUFFIXES) if (candidate.endsWith(suffix)) candidate = candidate.slice(0, -suffix.length);
    candidate = candidate.slice(0, 63);
    changed = candidate !== before;
  }
  return candidate !== name && bucketNameProblem(candidate) === undefined ? candidate : undefined;
}

/**
 * The bucket name used when `bucketName` is not given: `<component name>-<stack>-<account id>`,
 * lowercased and cleaned to S3's alphabet. The account id keeps it globally unique across the
 * teams that use the same component and stack names.
 */
export function defaultBucketName(componentName: string, stack: string, accountId: string): string {
  const suffix = `-${accountId}`;
  const stem = `${componentName}-${stack}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63 - suffix.length)
    .replace(/-+$/g, "");
  return validateBucketName(`${stem || "alexa-links"}${suffix}`, "the default bucket name (set args.bucketName to choose one)");
}

/** `BUCKET.s3.REGION.<partition's DNS suffix>`, the regional virtual-hosted host (no redirects). */
export function regionalBucketHost(bucket: string, region: string): string {
  return `${bucket}.s3.${region}.${awsDnsSuffix(region)}`;
}

/** The redirect URL: the bucket root with a trailing slash, one string used everywhere. */
export function redirectUrlFor(bucket: string, region: string): string {
  return redirectUrlForHost(regionalBucketHost(bucket, region));
}

/** The redirect URL of a host (the S3 host, the distribution's or a custom domain): `https://<host>/`. */
export function redirectUrlForHost(host: string): string {
  return `https://${host}/`;
}

/**
 * Where the post-deploy check and doctor fetch a file: its public URL, or, for a URL on the
 * bucket's own S3 host, the same key path-style on an S3 endpoint override (`endpoints.s3`,
 * `--s3-endpoint`: an emulator that does not answer on the public host). A CloudFront URL is
 * always fetched as it is: its bucket is private and answers only the distribution.
 */
export function fetchUrlFor(publicUrl: string, bucket: string, s3Endpoint: string | undefined): string {
  if (s3Endpoint === undefined || s3Endpoint === "") return publicUrl;
  const url = new URL(publicUrl);
  if (!url.hostname.startsWith(`${bucket}.s3.`)) return publicUrl;
  return `${s3Endpoint.replace(/\/+$/, "")}/${bucket}${url.pathname}`;
}

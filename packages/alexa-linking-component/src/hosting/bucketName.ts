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
  const fail = (problem: string, fix: string): never => {
    throw new InvalidArgumentError(argument, name, problem, fix);
  };
  if (typeof name !== "string") fail("is not a string", "pass the bucket name as a string");
  if (name.length < 3 || name.length > 63) {
    fail(`is ${name.length} characters long; S3 bucket names have 3 to 63`, "choose a name of 3 to 63 characters");
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) fail("is formatted as an IP address", "choose a name made of words and hyphens");
  if (name.includes(".")) {
    fail(
      "contains a dot, which breaks HTTPS on https://<bucket>.s3.<region>.amazonaws.com (the certificate covers one label) and Apple and Android require valid HTTPS",
      `use hyphens instead, e.g. ${showValue(name.replace(/\.+/g, "-"))}`,
    );
  }
  if (/[A-Z]/.test(name)) fail("contains uppercase letters", `use lowercase, e.g. ${showValue(name.toLowerCase())}`);
  const bad = name.match(/[^a-z0-9-]/);
  if (bad)
    fail(
      `contains ${showValue(bad[0])}; only lowercase letters, digits and hyphens are allowed`,
      "remove or replace that character with a hyphen",
    );
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    fail("must start and end with a letter or digit", "remove the leading or trailing hyphen");
  for (const prefix of FORBIDDEN_PREFIXES) {
    if (name.startsWith(prefix)) fail(`starts with the reserved prefix "${prefix}"`, "choose a name without that prefix");
  }
  for (const suffix of FORBIDDEN_SUFFIXES) {
    if (name.endsWith(suffix)) fail(`ends with the reserved suffix "${suffix}"`, "choose a name without that suffix");
  }
  return name;
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

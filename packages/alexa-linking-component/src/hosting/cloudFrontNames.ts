import { createHash } from "node:crypto";

/** CloudFront's limit on an Origin Access Control's name (terraform-provider-aws: 1-64). */
export const ORIGIN_ACCESS_CONTROL_NAME_MAX = 64;
/** CloudFront's limit on a distribution's comment (terraform-provider-aws: 0-128). */
export const DISTRIBUTION_COMMENT_MAX = 128;
/** What pulumi-aws appends to an auto-named resource: "-" and 7 random characters. */
const AUTO_NAME_SUFFIX = 8;

/**
 * The Origin Access Control's `name`: undefined (pulumi-aws auto-names it `<resource name>-<7
 * random>`, as every stack deployed so far has it) while that fits in 64 characters; otherwise the
 * resource name cut to 56 characters, "-" and 7 hex characters of a hash of project, stack and
 * resource name. OAC names are unique per account, and the hash keeps two stacks with the same long
 * component name apart as the random suffix would; it is the same at every deploy, so the name
 * never changes.
 */
export function originAccessControlName(resourceName: string, project: string, stack: string): string | undefined {
  if (resourceName.length + AUTO_NAME_SUFFIX <= ORIGIN_ACCESS_CONTROL_NAME_MAX) return undefined;
  const hash = createHash("sha256").update(`${project}/${stack}/${resourceName}`).digest("hex").slice(0, 7);
  return `${resourceName.slice(0, ORIGIN_ACCESS_CONTROL_NAME_MAX - AUTO_NAME_SUFFIX)}-${hash}`;
}

/** The distribution's comment, naming the component; a long name is cut so it fits in 128 characters. */
export function distributionComment(name: string): string {
  const whole = `Alexa app-linking association files (${name})`;
  if (whole.length <= DISTRIBUTION_COMMENT_MAX) return whole;
  const head = "Alexa app-linking association files (";
  return `${head}${name.slice(0, DISTRIBUTION_COMMENT_MAX - head.length - 4)}...)`;
}

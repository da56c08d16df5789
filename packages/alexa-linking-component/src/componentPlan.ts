import * as pulumi from "@pulumi/pulumi";
import { AlexaAppLinkingArgs } from "./args";
import { AssociationFile, Platform, renderAssociationFiles } from "./associations";
import { InvalidArgumentError, NOT_KNOWN } from "./shared/errors";
import { validateBucketName } from "./hosting/bucketName";
import { parsePublicAccess, PublicAccessMode } from "./hosting/publicAccess";
import { CloudFrontPlan, CloudFrontSettings, planCloudFront } from "./hosting/cloudFront";
import { DEFAULT_SKILL_STAGE } from "./shared/defaults";
import { accessTokenSettings } from "./accessToken/rules";
import { endpointIssue, skillsIssues } from "./alexa/validation";

/** What the component builds, decided from its args before any resource is registered. */
export interface ComponentPlan {
  bucketName?: pulumi.Input<string>;
  mode: PublicAccessMode;
  /** Set in "cloudfront" mode only. */
  cloudFront?: CloudFrontPlan;
  platforms: Platform[];
  files: pulumi.Output<AssociationFile[]>;
  verify: boolean;
  /** One account-linking resource per skill; stage defaults to development. */
  skills: { skillId: string; stage: string }[];
}

/** Validates the args: now when they are plain values, else when they resolve. */
export function planComponent(name: string, args: AlexaAppLinkingArgs): ComponentPlan {
  if (typeof name !== "string" || name.length === 0) {
    throw new Error('AlexaAppLinking: the resource name is empty. Fix: pass a name, e.g. new AlexaAppLinking("alexa-links", {...})');
  }
  const mode = known(args.publicAccess, "args.publicAccess", "which resources exist", parsePublicAccess);
  const cloudFront = known(args.cloudFront, "args.cloudFront", "which resources exist (certificate, DNS records)", (c) =>
    planCloudFront(mode, c as CloudFrontSettings | undefined),
  );
  const bucketName = args.bucketName === undefined ? undefined : checked(args.bucketName, (b) => validateBucketName(b));
  const platforms: Platform[] = [];
  if (args.ios !== undefined) platforms.push("ios");
  if (args.android !== undefined) platforms.push("android");
  const render = ([ios, android]: [unknown, unknown]) =>
    hasPlanned(
      platforms,
      renderAssociationFiles(ios as Parameters<typeof renderAssociationFiles>[0], android as Parameters<typeof renderAssociationFiles>[1]),
    );
  const inputs = knownNow([args.ios, args.android]);
  const files = inputs.known
    ? pulumi.output(render(inputs.value as [unknown, unknown]))
    : pulumi.all([args.ios, args.android]).apply(render);
  const verify = known(args.verify, "args.verify", "whether the post-deploy check exists", (v) => v !== false);
  // A bad accessToken fails here, not in the lookup after the bucket has been registered.
  const accessToken = knownNow(args.accessToken);
  if (accessToken.known) accessTokenSettings(accessToken.value as Parameters<typeof accessTokenSettings>[0]);
  const endpoints = knownNow(args.endpoints);
  const s3 = endpoints.known ? (endpoints.value as { s3?: unknown } | undefined)?.s3 : undefined;
  const s3Issue = endpointIssue("args.endpoints.s3", s3);
  if (s3Issue) throw new Error(`AlexaAppLinking: ${s3Issue.reason}`);
  return { bucketName, mode, cloudFront, platforms, files, verify, skills: planSkills(args) };
}

/**
 * The objects were registered for the platforms whose args were given; an arg given as an Output
 * that resolves to nothing has no file to put in its object.
 */
export function hasPlanned(platforms: Platform[], files: AssociationFile[]): AssociationFile[] {
  for (const platform of platforms) {
    if (!files.some((file) => file.platform === platform)) {
      throw new InvalidArgumentError(
        `args.${platform}`,
        undefined,
        "is an Output that resolved to nothing",
        `give args.${platform} a value, or leave it out`,
      );
    }
  }
  return files;
}

/** Applies a check to a value that must be known at construction time. */
function known<T, R>(input: pulumi.Input<T> | undefined, argument: string, decides: string, check: (value: T | undefined) => R): R {
  const now = knownNow(input);
  if (!now.known) {
    throw new InvalidArgumentError(
      argument,
      NOT_KNOWN,
      `decides ${decides}, so it must be known when the program runs`,
      "pass a plain value, e.g. from stack config",
    );
  }
  return check(now.value as T | undefined);
}

/** Checks a value now if it is known, else when it resolves. */
function checked<T>(input: pulumi.Input<T>, check: (value: T) => T): pulumi.Input<T> {
  const now = knownNow(input);
  return now.known ? check(now.value as T) : pulumi.output(input).apply((value) => check(value as T));
}

/** The skills must be known now: each one is a resource. SMAPI credentials come with them. */
function planSkills(args: AlexaAppLinkingArgs): { skillId: string; stage: string }[] {
  const skills = known(
    args.skills,
    "args.skills",
    "which skill resources exist",
    (s) => (s ?? []) as { skillId?: unknown; stage?: unknown }[],
  );
  const [issue] = skillsIssues(skills);
  if (issue) throw new Error(`AlexaAppLinking: args.${issue.reason}`);
  if (skills.length > 0 && args.smapi === undefined) {
    throw new InvalidArgumentError(
      "args.smapi",
      undefined,
      "is required when skills are given",
      'pass the Login with Amazon credentials { clientId, clientSecret, refreshToken } (README, "SMAPI credentials")',
    );
  }
  return skills.map((s) => ({ skillId: s.skillId as string, stage: (s.stage as string | undefined) || DEFAULT_SKILL_STAGE }));
}

/**
 * The value of an input when it is known now: no Output or Promise anywhere inside. Plain config
 * values are, so the component can reject bad input before it registers any resource; inputs
 * that are Outputs are checked when they resolve instead.
 */
export function knownNow<T>(input: pulumi.Input<T> | undefined): { known: true; value: pulumi.Unwrap<T> | undefined } | { known: false } {
  return isPlain(input) ? { known: true, value: input as pulumi.Unwrap<T> | undefined } : { known: false };
}

function isPlain(value: unknown): boolean {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return false;
  if (Array.isArray(value)) return value.every(isPlain);
  if (value !== null && typeof value === "object") return Object.values(value).every(isPlain);
  return true;
}

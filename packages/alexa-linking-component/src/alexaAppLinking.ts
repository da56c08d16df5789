import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlexaAppLinkingArgs } from "./args";
import { AssociationFile, renderAssociationFiles } from "./associations";
import { defaultBucketName, redirectUrlFor, regionalBucketHost, validateBucketName } from "./hosting/bucketName";
import { createHosting } from "./hosting/hosting";
import { parsePublicAccess } from "./hosting/publicAccess";
import { knownNow } from "./plain";

/** `<provider name>:index:<class>`: the provider name is the npm package name. */
export const ALEXA_APP_LINKING_TYPE = "alexa-linking-component:index:AlexaAppLinking";

/**
 * Alexa app-to-app account linking for an ESP RainMaker deployment: the S3 bucket that serves the
 * iOS and Android association files, and the redirect URL that the Cognito client, the Alexa
 * skills and the mobile apps share.
 */
export class AlexaAppLinking extends pulumi.ComponentResource {
  /** `https://<bucket>.s3.<region>.amazonaws.com/`: the bucket root, trailing slash included. */
  public readonly redirectURL: pulumi.Output<string>;
  /** `<bucket>.s3.<region>.amazonaws.com`, for the iOS `applinks:` entitlement and Android. */
  public readonly redirectHost: pulumi.Output<string>;
  /** The bucket that serves the association files. */
  public readonly bucketName: pulumi.Output<string>;
  /** Public URL of each association file, keyed by platform (`ios`, `android`). */
  public readonly associationFileUrls: pulumi.Output<{ [platform: string]: string }>;

  constructor(name: string, args: AlexaAppLinkingArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can be checked now is checked before any resource is registered.
    const plan = planHosting(name, args);
    super(ALEXA_APP_LINKING_TYPE, name, {}, opts);

    const region = aws.getRegionOutput({}, { parent: this }).region;
    const bucketName = plan.bucketName ?? aws.getCallerIdentityOutput({}, { parent: this }).accountId.apply((account) => defaultBucketName(name, pulumi.getStack(), account));
    const hosting = createHosting(name, { bucketName, mode: plan.mode, platforms: plan.platforms, files: plan.files }, this);

    this.bucketName = hosting.bucket.bucket;
    this.redirectHost = pulumi.all([this.bucketName, region]).apply(([bucket, r]) => regionalBucketHost(bucket, r));
    this.redirectURL = pulumi.all([this.bucketName, region]).apply(([bucket, r]) => redirectUrlFor(bucket, r));
    this.associationFileUrls = pulumi
      .all([this.redirectURL, plan.files])
      .apply(([url, files]) => Object.fromEntries(files.map((file) => [file.platform, `${url}${file.key}`])));

    this.registerOutputs({
      redirectURL: this.redirectURL,
      redirectHost: this.redirectHost,
      bucketName: this.bucketName,
      associationFileUrls: this.associationFileUrls,
    });
  }
}

interface HostingPlan {
  bucketName?: pulumi.Input<string>;
  mode: ReturnType<typeof parsePublicAccess>;
  platforms: AssociationFile["platform"][];
  files: pulumi.Output<AssociationFile[]>;
}

/** Validates the hosting args (now when they are plain values, else when they resolve). */
function planHosting(name: string, args: AlexaAppLinkingArgs): HostingPlan {
  if (typeof name !== "string" || name.length === 0) {
    throw new Error("AlexaAppLinking: the resource name is empty. Fix: pass a name, e.g. new AlexaAppLinking(\"alexa-links\", {...})");
  }
  const mode = known(args.publicAccess, parsePublicAccess);
  const bucketName = args.bucketName === undefined ? undefined : checked(args.bucketName, (b) => validateBucketName(b));
  const platforms: AssociationFile["platform"][] = [];
  if (args.ios !== undefined) platforms.push("ios");
  if (args.android !== undefined) platforms.push("android");
  const render = ([ios, android]: [unknown, unknown]) =>
    renderAssociationFiles(ios as Parameters<typeof renderAssociationFiles>[0], android as Parameters<typeof renderAssociationFiles>[1]);
  const inputs = knownNow([args.ios, args.android]);
  const files = inputs.known
    ? pulumi.output(render(inputs.value as [unknown, unknown]))
    : pulumi.all([args.ios, args.android]).apply(render);
  return { bucketName, mode, platforms, files };
}

/** Applies a check to a value that must be known at construction time. */
function known<T, R>(input: pulumi.Input<T> | undefined, check: (value: T | undefined) => R): R {
  const now = knownNow(input);
  if (!now.known) throw new Error("AlexaAppLinking: args.publicAccess must be a plain value, not an Output, because it decides which resources exist.");
  return check(now.value as T | undefined);
}

/** Checks a value now if it is known, else when it resolves. */
function checked<T>(input: pulumi.Input<T>, check: (value: T) => T): pulumi.Input<T> {
  const now = knownNow(input);
  return now.known ? check(now.value as T) : pulumi.output(input).apply((value) => check(value as T));
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlexaAppLinkingArgs, SmapiCredentialsArgs } from "./args";
import { lookupAccessTokenUrl } from "./accessToken/lookup";
import {
  SkillAccountLinking,
  skillLinkingResourceName,
  type SkillAccountLinkingArgs,
  type SkillLinkingResourceOutputs,
} from "./alexa/resource";
import { DEFAULT_CLIENT_NAME } from "./shared/defaults";
import { CognitoCallbackUrl, type CallbackUrlResourceOutputs, type CognitoCallbackUrlArgs } from "./cognito/resource";
import { staticCredentialsOf, type StaticCredentials } from "./cognito/client";
import { programAwsConfig, readAwsSettings } from "./shared/awsConfig";
import { defaultBucketName, fetchUrlFor, redirectUrlForHost, regionalBucketHost } from "./hosting/bucketName";
import { createHosting } from "./hosting/hosting";
import { checkAccountBlock } from "./hosting/accountBlock";
import { checkCertificateProvider, deployCheckCanReach, deployCheckLeftOutMessage } from "./hosting/cloudFront";
import { planComponent } from "./componentPlan";
import { verifyAssociationFiles } from "./verify/command";

/** `<provider name>:index:<class>`: the provider name is the npm package name. */
export const ALEXA_APP_LINKING_TYPE = "alexa-linking-component:index:AlexaAppLinking";

/**
 * The warning of a component without skills: the files, the Cognito URL and the token URL are
 * set up, but no skill's account linking lists the redirect URL, so linking from the app fails.
 */
export const noSkillsWarning = (name: string): string =>
  `AlexaAppLinking ${name}: args.skills is empty (stack key alexa-app-linking:skillIds), so no Alexa skill gets app-to-app account linking: ` +
  "the redirect URL is hosted and in the Cognito client, but no skill's account linking lists it, and linking from the app fails. " +
  "Fix: list the RainMaker skill ids in args.skills (stack: pulumi config set --path 'skillIds[0]' amzn1.ask.skill.<id>) with the SMAPI credentials";

/**
 * Which resources carry the Cognito callback URL and the skills' account linking. A Node.js
 * program gets Node dynamic resources (their provider code travels in the state); the package's
 * provider plugin, which constructs the component for Python, YAML and other programs, swaps in
 * its own custom resources (src/plugin/provider.ts), because the engine can only start the
 * dynamic-provider host where a Node.js program's node_modules are.
 */
export interface LinkingResources {
  callbackUrl(
    name: string,
    args: CognitoCallbackUrlArgs,
    opts: pulumi.CustomResourceOptions,
    /** The stack's static aws: keys, which the resource keeps as a secret input. */
    credentials?: StaticCredentials,
  ): pulumi.CustomResource & CallbackUrlResourceOutputs;
  skillLinking(
    name: string,
    args: SkillAccountLinkingArgs,
    opts: pulumi.CustomResourceOptions,
  ): pulumi.CustomResource & SkillLinkingResourceOutputs;
}

export const DYNAMIC_LINKING_RESOURCES: LinkingResources = {
  callbackUrl: (name, args, opts, credentials) => new CognitoCallbackUrl(name, args, opts, credentials ? { credentials } : undefined),
  skillLinking: (name, args, opts) => new SkillAccountLinking(name, args, opts),
};

/** The component's outputs, in one list: registered with the engine and returned by the plugin's construct. */
export const ALEXA_APP_LINKING_OUTPUTS = [
  "redirectURL",
  "redirectHost",
  "bucketName",
  "associationFileUrls",
  "cognitoClientId",
  "cognitoUserPoolId",
  "alexaAccessTokenURL",
  "skills",
  "dnsRecords",
] as const satisfies readonly (keyof AlexaAppLinking)[];

/** The component's outputs by name, as registered. */
export function componentOutputs(component: AlexaAppLinking): Record<string, pulumi.Output<unknown>> {
  return Object.fromEntries(ALEXA_APP_LINKING_OUTPUTS.map((key) => [key, component[key]]));
}

/** A DNS record the user creates by hand (no hosted zone given). */
export interface DnsRecord {
  /** What it is for: `certificate validation` or `the links' host`. */
  purpose: string;
  /** The record's name, e.g. `links.example.com` or the certificate's `_<token>.links.example.com.`. */
  name: string;
  /** The record type, e.g. `CNAME` (as ACM gives it for validation; a CNAME for the host). */
  type: string;
  /** What the record points to: ACM's validation value, or the CloudFront distribution's domain name. */
  value: string;
}

/** The component's resource options: Pulumi's, and the provider of the CloudFront certificate. */
export interface AlexaAppLinkingOptions extends pulumi.ComponentResourceOptions {
  /**
   * The aws provider, in us-east-1, for the ACM certificate of `cloudFront.domainName` when the
   * component requests it. Default: one made from the stack's `aws:` config (credentials,
   * profile, endpoints) with region us-east-1. Required when the component runs under an explicit
   * aws provider (`provider` or `providers`), whose settings that config does not hold.
   */
  certificateProvider?: pulumi.ProviderResource;
}

/** One skill's account linking as the component left it. */
export interface SkillLinkingStatus {
  /** The skill's id, `amzn1.ask.skill.<uuid>`, as given in `skills`. */
  skillId: string;
  /** The skill stage whose account linking holds the redirect URL (`development` or `live`). */
  stage: string;
  /** The skill's account-linking redirect URLs, the component's included. */
  redirectUrls: string[];
}

/**
 * Alexa app-to-app account linking for an ESP RainMaker deployment: the S3 bucket that serves the
 * iOS and Android association files, and the redirect URL that the Cognito client, the Alexa
 * skills and the mobile apps share.
 */
export class AlexaAppLinking extends pulumi.ComponentResource {
  /**
   * `https://<redirectHost>/`, trailing slash included: the bucket root
   * (`https://<bucket>.s3.<region>.amazonaws.com/`), or in "cloudfront" mode the distribution's
   * root (`https://<id>.cloudfront.net/`) or `https://<cloudFront.domainName>/`.
   */
  public readonly redirectURL: pulumi.Output<string>;
  /**
   * The host that serves the files, for the iOS `applinks:` entitlement and Android:
   * `<bucket>.s3.<region>.amazonaws.com`, `<id>.cloudfront.net` or `cloudFront.domainName`.
   */
  public readonly redirectHost: pulumi.Output<string>;
  /**
   * DNS records to create by hand: in "cloudfront" mode with `cloudFront.domainName` and no
   * `hostedZoneId`, the certificate's validation record (when the component requests the
   * certificate) and the domain's CNAME to the distribution. Empty otherwise.
   */
  public readonly dnsRecords: pulumi.Output<DnsRecord[]>;
  /** The bucket that serves the association files. */
  public readonly bucketName: pulumi.Output<string>;
  /** Public URL of each association file, keyed by platform (`ios`, `android`). */
  public readonly associationFileUrls: pulumi.Output<{ [platform: string]: string }>;
  /** Id of the RainMaker Cognito app client: what the apps call "Alexa RM Client Id". */
  public readonly cognitoClientId: pulumi.Output<string>;
  /** The user pool that holds that client (its id starts with the region). */
  public readonly cognitoUserPoolId: pulumi.Output<string>;
  /** Invoke URL of the AlexaSkillLinking POST method (or `accessToken.url`). */
  public readonly alexaAccessTokenURL: pulumi.Output<string>;
  /** Each skill's id, stage and redirect URLs after the write. */
  public readonly skills: pulumi.Output<SkillLinkingStatus[]>;

  constructor(name: string, args: AlexaAppLinkingArgs, opts?: AlexaAppLinkingOptions) {
    // Everything that can be checked now is checked before any resource is registered.
    const plan = planComponent(name, args);
    const { certificateProvider, ...componentOpts } = opts ?? {};
    super(ALEXA_APP_LINKING_TYPE, name, {}, componentOpts);
    // The providers the component inherits are known only once it is registered; no child is yet.
    checkCertificateProvider(name, plan.cloudFront, this.getProvider("aws::Provider") !== undefined, certificateProvider !== undefined);
    if (plan.skills.length === 0) void pulumi.log.warn(noSkillsWarning(name), this);

    const region = aws.getRegionOutput({}, { parent: this }).region;
    const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    // In "policy" and "acl" mode the bucket waits for the account-level Block Public Access check:
    // a setting that defeats the mode stops the deploy before any resource exists.
    const accountChecked = checkAccountBlock(name, plan.mode, account, this);
    const bucketName = pulumi
      .all([plan.bucketName ?? account.apply((id) => defaultBucketName(name, pulumi.getStack(), id)), accountChecked])
      .apply(([bucket]) => bucket);
    const hosting = createHosting(
      name,
      { bucketName, mode: plan.mode, cloudFront: plan.cloudFront, certificateProvider, platforms: plan.platforms, files: plan.files },
      this,
    );

    this.bucketName = hosting.bucket.bucket;
    this.redirectHost = hosting.cloudFront
      ? hosting.cloudFront.host
      : pulumi.all([this.bucketName, region]).apply(([bucket, r]) => regionalBucketHost(bucket, r));
    this.redirectURL = this.redirectHost.apply(redirectUrlForHost);
    this.dnsRecords = hosting.cloudFront ? hosting.cloudFront.dnsRecords : pulumi.output([]);
    // Each file at its public URL: the associationFileUrls output, and what the check fetches.
    const published = pulumi
      .all([this.redirectURL, plan.files])
      .apply(([url, files]) => files.map((file) => ({ platform: file.platform, url: `${url}${file.key}`, body: file.body })));
    this.associationFileUrls = published.apply((files) => Object.fromEntries(files.map((file) => [file.platform, file.url])));

    const endpoints = pulumi.output(args.endpoints ?? {});
    if (plan.verify && !deployCheckCanReach(plan.cloudFront)) {
      void pulumi.log.warn(deployCheckLeftOutMessage(name, plan.cloudFront!.domainName!), this);
    } else if (plan.verify) {
      const checked = pulumi
        .all([published, this.bucketName, endpoints])
        .apply(([files, bucket, e]) => files.map((file) => ({ url: fetchUrlFor(file.url, bucket, e.s3), body: file.body })));
      verifyAssociationFiles(
        `${name}-verify`,
        { files: checked },
        { parent: this, dependsOn: [...hosting.objects, hosting.policy, ...(hosting.cloudFront?.ready ?? [])] },
      );
    }

    const resources = this.linkingResources();
    const stackAws = readAwsSettings(programAwsConfig(), ["region"]);
    // Each field on its own: one field given as a secret (a stack key set with --secret) must not
    // make the others secret, since a secret that resolves to nothing is sent as a present null.
    const cognitoArg = args.cognito ?? {};
    const cognitoField = <K extends "userPoolId" | "clientName" | "clientId">(key: K) =>
      pulumi.Output.isInstance(cognitoArg) || cognitoArg instanceof Promise
        ? pulumi.output(cognitoArg).apply((c) => c?.[key])
        : (cognitoArg as Record<K, pulumi.Input<string> | undefined>)[key];
    const callbackUrl = resources.callbackUrl(
      `${name}-cognito-callback-url`,
      {
        redirectUrl: this.redirectURL,
        region,
        endpoint: endpoints.apply((e) => e.cognito),
        // The SDK calls run in the provider host, outside the AWS provider: same profile as the
        // stack, and its static keys (a secret input of the resource, never in the provider's text).
        profile: stackAws.profile?.value as string | undefined,
        userPoolId: cognitoField("userPoolId"),
        clientName: pulumi.output(cognitoField("clientName")).apply((name) => name ?? DEFAULT_CLIENT_NAME),
        clientId: cognitoField("clientId"),
      },
      { parent: this },
      staticCredentialsOf({
        accessKeyId: stackAws.accessKey?.value,
        secretAccessKey: stackAws.secretKey?.value,
        sessionToken: stackAws.token?.value,
      }),
    );
    this.cognitoClientId = callbackUrl.clientId;
    this.cognitoUserPoolId = callbackUrl.userPoolId;

    // planComponent made sure smapi is there when skills are. The credentials are secrets
    // whatever the caller passed; they only ever go to LWA.
    const lwa = pulumi.secret(pulumi.output(args.smapi as pulumi.Input<SmapiCredentialsArgs>));
    const linkings = plan.skills.map((skill) =>
      resources.skillLinking(
        skillLinkingResourceName(name, skill.skillId),
        {
          skillId: skill.skillId,
          stage: skill.stage,
          redirectUrl: this.redirectURL,
          cognitoClientId: callbackUrl.clientId,
          clientSecret: callbackUrl.clientSecret,
          lwa,
          endpoints: endpoints.apply((e) => ({ smapi: e.smapi, lwa: e.lwa })),
        },
        { parent: this },
      ),
    );
    this.skills = pulumi.all(
      linkings.map((linking) =>
        pulumi
          .all([linking.skillId, linking.stage, linking.redirectUrls])
          .apply(([skillId, stage, redirectUrls]) => ({ skillId, stage, redirectUrls })),
      ),
    );

    this.alexaAccessTokenURL = lookupAccessTokenUrl(
      { accessToken: args.accessToken, endpoint: endpoints.apply((e) => e.apiGateway) },
      { parent: this, region },
    );

    this.registerOutputs(componentOutputs(this));
  }

  /** Called once, from the constructor; the package's provider plugin overrides it. */
  protected linkingResources(): LinkingResources {
    return DYNAMIC_LINKING_RESOURCES;
  }
}

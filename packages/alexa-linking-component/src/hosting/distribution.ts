import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DnsRecord } from "../alexaAppLinking";
import { InvalidArgumentError } from "../shared/errors";
import { type AwsConfigSource, programAwsConfig, readAwsSettings } from "../shared/awsConfig";
import {
  ASSOCIATION_FILE_TTL_SECONDS,
  CLOUDFRONT_CERTIFICATE_REGION,
  CloudFrontPlan,
  manualDnsRecords,
  MINIMUM_TLS_POLICY,
} from "./cloudFront";
import { distributionComment, originAccessControlName } from "./cloudFrontNames";

/** The origin's id inside the distribution. */
export const ORIGIN_ID = "association-files";

export interface CloudFrontHosting {
  originAccessControl: aws.cloudfront.OriginAccessControl;
  distribution: aws.cloudfront.Distribution;
  /** The host the links use: the custom domain, else the distribution's `<id>.cloudfront.net`. */
  host: pulumi.Output<string>;
  /** Records the user creates by hand (no hosted zone given); empty otherwise. */
  dnsRecords: pulumi.Output<DnsRecord[]>;
  /** Resources the post-deploy check waits for besides the distribution (alias records). */
  ready: pulumi.Resource[];
  certificate?: aws.acm.Certificate;
  certificateValidation?: aws.acm.CertificateValidation;
  /** The given us-east-1 provider, or the one made from the stack's `aws:` config. */
  certificateProvider?: pulumi.ProviderResource;
  records: aws.route53.Record[];
}

/**
 * The us-east-1 provider's args: region us-east-1, and every other `aws:` setting of the stack
 * (src/shared/awsConfig.ts: every key of aws.ProviderArgs, each by its type), so the certificate is
 * requested with the very credentials, role chain, web identity, account checks, tags, proxies
 * and endpoints the stack's default provider uses. A secret stack value reaches the provider as a
 * secret, so the provider's state keeps it encrypted.
 */
export function usEast1ProviderArgs(source: AwsConfigSource = programAwsConfig()): aws.ProviderArgs {
  const args: Record<string, unknown> = { region: CLOUDFRONT_CERTIFICATE_REGION };
  for (const [key, setting] of Object.entries(readAwsSettings(source, ["region"]))) {
    args[key] = setting.secret ? pulumi.secret(setting.value) : setting.value;
  }
  return args as aws.ProviderArgs;
}

/**
 * The Origin Access Control, the distribution in front of the private bucket and, with a custom
 * domain, the us-east-1 certificate and the Route 53 records. The bucket policy that lets this
 * distribution read is the caller's (hosting.ts), made from `distribution.arn`.
 */
export function createCloudFront(
  name: string,
  args: {
    bucketRegionalDomainName: pulumi.Input<string>;
    plan: CloudFrontPlan;
    /** The us-east-1 provider of a requested certificate; absent: one made from the stack's `aws:` config. */
    certificateProvider?: pulumi.ProviderResource;
  },
  parent: pulumi.Resource,
): CloudFrontHosting {
  const { plan } = args;
  const opts = { parent };
  const oacName = originAccessControlName(`${name}-oac`, pulumi.getProject(), pulumi.getStack());
  const originAccessControl = new aws.cloudfront.OriginAccessControl(
    `${name}-oac`,
    {
      ...(oacName === undefined ? {} : { name: oacName }),
      description: "Reads the Alexa app-linking association files from the private bucket",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    },
    opts,
  );

  // The zone must hold the domain: checked against Route 53 before any record is written.
  const zoneId =
    plan.hostedZoneId === undefined
      ? undefined
      : aws.route53.getZoneOutput({ zoneId: plan.hostedZoneId }, { parent }).apply((zone) => zoneFor(plan, zone));

  let certificateArn: pulumi.Input<string> | undefined = plan.certificateArn;
  let certificate: aws.acm.Certificate | undefined;
  let certificateValidation: aws.acm.CertificateValidation | undefined;
  let certificateProvider: pulumi.ProviderResource | undefined;
  const records: aws.route53.Record[] = [];
  if (plan.requestCertificate) {
    certificateProvider =
      args.certificateProvider ?? new aws.Provider(`${name}-${CLOUDFRONT_CERTIFICATE_REGION}`, usEast1ProviderArgs(), opts);
    const inUsEast1 = { parent, provider: certificateProvider };
    certificate = new aws.acm.Certificate(`${name}-certificate`, { domainName: plan.domainName!, validationMethod: "DNS" }, inUsEast1);
    const option = certificate.domainValidationOptions.apply((options) => options[0]);
    let fqdns: pulumi.Input<string>[] | undefined;
    if (zoneId !== undefined) {
      const record = new aws.route53.Record(
        `${name}-certificate-validation`,
        {
          zoneId,
          name: option.apply((o) => o.resourceRecordName),
          type: option.apply((o) => o.resourceRecordType),
          records: [option.apply((o) => o.resourceRecordValue)],
          ttl: 300,
          // The same name for every certificate of the domain: a record left by an earlier one is reused.
          allowOverwrite: true,
        },
        opts,
      );
      records.push(record);
      fqdns = [record.fqdn];
    } else {
      option.apply((o) => {
        if (o !== undefined)
          void pulumi.log.warn(
            `AlexaAppLinking ${name}: create the DNS record ${o.resourceRecordName} ${o.resourceRecordType} ${o.resourceRecordValue} ` +
              `to validate the certificate of ${plan.domainName}; the deploy waits until ACM has issued it (the output dnsRecords lists every record to create)`,
            certificate,
          );
      });
    }
    certificateValidation = new aws.acm.CertificateValidation(
      `${name}-certificate`,
      { certificateArn: certificate.arn, ...(fqdns ? { validationRecordFqdns: fqdns } : {}) },
      inUsEast1,
    );
    certificateArn = certificateValidation.certificateArn;
  }

  const distribution = new aws.cloudfront.Distribution(
    `${name}-distribution`,
    {
      enabled: true,
      comment: distributionComment(name),
      isIpv6Enabled: true,
      origins: [{ originId: ORIGIN_ID, domainName: args.bucketRegionalDomainName, originAccessControlId: originAccessControl.id }],
      defaultCacheBehavior: {
        targetOriginId: ORIGIN_ID,
        // Apple and Android follow no redirect: plain http is refused, not redirected.
        viewerProtocolPolicy: "https-only",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        minTtl: ASSOCIATION_FILE_TTL_SECONDS.min,
        defaultTtl: ASSOCIATION_FILE_TTL_SECONDS.default,
        maxTtl: ASSOCIATION_FILE_TTL_SECONDS.max,
        // S3's Content-Type (application/json) is passed through; no query string or cookie reaches S3.
        forwardedValues: { queryString: false, cookies: { forward: "none" } },
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      ...(plan.domainName === undefined
        ? { viewerCertificate: { cloudfrontDefaultCertificate: true } }
        : {
            aliases: [plan.domainName],
            viewerCertificate: {
              acmCertificateArn: certificateArn!,
              sslSupportMethod: "sni-only",
              minimumProtocolVersion: MINIMUM_TLS_POLICY,
            },
          }),
    },
    opts,
  );

  if (zoneId !== undefined) {
    for (const type of ["A", "AAAA"]) {
      records.push(
        new aws.route53.Record(
          `${name}-alias-${type.toLowerCase()}`,
          {
            zoneId,
            name: plan.domainName!,
            type,
            aliases: [{ name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false }],
          },
          opts,
        ),
      );
    }
  }

  const validation = certificate ? certificate.domainValidationOptions.apply((options) => options ?? []) : pulumi.output([]);
  const dnsRecords = pulumi.all([validation, distribution.domainName]).apply(([options, domain]) =>
    manualDnsRecords(
      plan,
      options.map((o) => ({
        resourceRecordName: o.resourceRecordName ?? "",
        resourceRecordType: o.resourceRecordType ?? "",
        resourceRecordValue: o.resourceRecordValue ?? "",
      })),
      domain,
    ),
  );
  const host = plan.domainName === undefined ? distribution.domainName : pulumi.output(plan.domainName);
  return {
    originAccessControl,
    distribution,
    host,
    dnsRecords,
    ready: [distribution, ...records],
    certificate,
    certificateValidation,
    certificateProvider,
    records,
  };
}

/** The zone's id after checking that it is public and holds the domain. */
export function zoneFor(plan: CloudFrontPlan, zone: { zoneId: string; name: string; privateZone?: boolean }): string {
  const zoneName = zone.name.replace(/\.$/, "").toLowerCase();
  const domain = plan.domainName!;
  if (zone.privateZone) {
    throw new InvalidArgumentError(
      "args.cloudFront.hostedZoneId",
      plan.hostedZoneId,
      `is the private hosted zone ${zoneName}; Apple, Google and ACM resolve the domain on the internet`,
      `give the public hosted zone of ${domain}`,
    );
  }
  if (domain !== zoneName && !domain.endsWith(`.${zoneName}`)) {
    throw new InvalidArgumentError(
      "args.cloudFront.hostedZoneId",
      plan.hostedZoneId,
      `is the hosted zone ${zoneName}, which does not hold ${domain}`,
      `give the hosted zone of ${domain}, or a domainName under ${zoneName}`,
    );
  }
  return zone.zoneId;
}

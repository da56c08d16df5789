/**
 * aws:cloudfront/originAccessControl:OriginAccessControl and aws:cloudfront/distribution:Distribution
 * against the CloudFront API (moto in tests, with serve.py's corrections) with AWS SDK v3,
 * following terraform-provider-aws 6 (bridged by pulumi-aws 7): the create/update/delete flows
 * (If-Match ETags, wait for Deployed, disable before delete), defaults, and what is force-new
 * (nothing, for these two types). `aws:cloudfront/cachePolicy:CachePolicy` is not implemented:
 * moto 5.2.5 serves no cache policy API at all (use a managed policy id in
 * `defaultCacheBehavior.cachePolicyId`, or TTLs and `forwardedValues`).
 */
import { createHash, randomBytes } from "node:crypto";
import {
  CreateDistributionWithTagsCommand,
  CreateOriginAccessControlCommand,
  DeleteDistributionCommand,
  DeleteOriginAccessControlCommand,
  DistributionConfig,
  GetDistributionCommand,
  GetDistributionCommandOutput,
  GetDistributionConfigCommand,
  GetOriginAccessControlCommand,
  HttpVersion,
  ListTagsForResourceCommand,
  MinimumProtocolVersion,
  OriginAccessControlOriginTypes,
  OriginAccessControlSigningBehaviors,
  OriginAccessControlSigningProtocols,
  PriceClass,
  SSLSupportMethod,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDistributionCommand,
  UpdateOriginAccessControlCommand,
  ViewerProtocolPolicy,
} from "@aws-sdk/client-cloudfront";
import { checkInputs, checkNested, NestedSpec, oneOf } from "../shared/honesty";
import { packageFile, readInterface, readResourceToken } from "../shared/sdkSchema";
import { CheckFailure, DiffResult, ResourceImpl } from "../shared/serve";
import { containsUnknown, defined, jsonEqual, Props, revealProps, rewrapSecrets } from "../shared/wire";
import { awsError, cloudfrontClient, errorCode, httpStatus, knownAccountId, SDK } from "./config";

const INPUT = packageFile(SDK, "types/input.d.ts");
const OAC_TOKEN = readResourceToken(packageFile(SDK, "cloudfront/originAccessControl.js"));
const OAC_ARGS = readInterface(packageFile(SDK, "cloudfront/originAccessControl.d.ts"), "OriginAccessControlArgs");
const DIST_TOKEN = readResourceToken(packageFile(SDK, "cloudfront/distribution.js"));
const DIST_ARGS = readInterface(packageFile(SDK, "cloudfront/distribution.d.ts"), "DistributionArgs");

/** CloudFront's hosted zone for alias records (terraform-provider-aws `cloudFrontRoute53ZoneID`, aws partition). */
export const CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";

const DIST_IMPLEMENTED = new Set([
  "aliases",
  "comment",
  "defaultCacheBehavior",
  "defaultRootObject",
  "enabled",
  "httpVersion",
  "isIpv6Enabled",
  "origins",
  "priceClass",
  "restrictions",
  "tags",
  "viewerCertificate",
  "waitForDeployment",
  "retainOnDelete",
]);

const DIST_NESTED: Record<string, NestedSpec> = {
  origins: {
    args: readInterface(INPUT, "cloudfront.DistributionOrigin"),
    implemented: new Set(["domainName", "originId", "originAccessControlId", "originPath", "connectionAttempts", "connectionTimeout"]),
  },
  defaultCacheBehavior: {
    args: readInterface(INPUT, "cloudfront.DistributionDefaultCacheBehavior"),
    implemented: new Set([
      "allowedMethods",
      "cachedMethods",
      "cachePolicyId",
      "compress",
      "defaultTtl",
      "maxTtl",
      "minTtl",
      "targetOriginId",
      "viewerProtocolPolicy",
      "forwardedValues",
    ]),
    nested: {
      forwardedValues: {
        args: readInterface(INPUT, "cloudfront.DistributionDefaultCacheBehaviorForwardedValues"),
        implemented: new Set(["queryString", "cookies"]),
        nested: {
          cookies: {
            args: readInterface(INPUT, "cloudfront.DistributionDefaultCacheBehaviorForwardedValuesCookies"),
            implemented: new Set(["forward"]),
          },
        },
      },
    },
  },
  restrictions: {
    args: readInterface(INPUT, "cloudfront.DistributionRestrictions"),
    implemented: new Set(["geoRestriction"]),
    nested: {
      geoRestriction: {
        args: readInterface(INPUT, "cloudfront.DistributionRestrictionsGeoRestriction"),
        implemented: new Set(["restrictionType", "locations"]),
      },
    },
  },
  viewerCertificate: {
    args: readInterface(INPUT, "cloudfront.DistributionViewerCertificate"),
    implemented: new Set(["acmCertificateArn", "cloudfrontDefaultCertificate", "minimumProtocolVersion", "sslSupportMethod"]),
  },
};

function plain(props: Props): Props {
  return revealProps(props).values;
}

function notFound(e: unknown, code: string): boolean {
  return errorCode(e) === code || httpStatus(e) === 404;
}

/** Polls until `done` answers true, as the real provider's waiters; `timeoutSec` 0 = the default. */
export async function waitUntil(
  what: string,
  timeoutSec: number,
  defaultSec: number,
  done: () => Promise<boolean>,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + (timeoutSec > 0 ? timeoutSec : defaultSec) * 1000;
  for (;;) {
    if (await done()) return;
    if (Date.now() > deadline)
      throw new Error(
        `waiting for ${what}: timeout while waiting for state to become ready (after ${timeoutSec > 0 ? timeoutSec : defaultSec} s)`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------
// aws:cloudfront/originAccessControl:OriginAccessControl (id = the control's id; nothing force-new)

function oacOutputs(v: Props, etag: string | undefined, id: string): Props {
  return defined({
    name: v.name,
    description: v.description ?? "Managed by Pulumi",
    originAccessControlOriginType: v.originAccessControlOriginType,
    signingBehavior: v.signingBehavior,
    signingProtocol: v.signingProtocol,
    etag,
    // terraform-provider-aws: arn:<partition>:cloudfront::<account>:origin-access-control/<id>
    arn: id && accountOf() ? `arn:aws:cloudfront::${accountOf()}:origin-access-control/${id}` : undefined,
  });
}

function accountOf(): string {
  return knownAccountId() ?? "";
}

/** pulumi-aws's default AutoName: the resource name, "-", 7 hex characters from the engine's random seed. */
function autoName(resourceName: string, seed: Uint8Array): string {
  const bytes = seed.length > 0 ? createHash("sha256").update(seed).digest() : randomBytes(32);
  return `${resourceName}-${bytes.toString("hex").slice(0, 7)}`;
}

function oacConfig(v: Props) {
  return {
    Name: String(v.name),
    Description: typeof v.description === "string" ? v.description : "Managed by Pulumi",
    OriginAccessControlOriginType: v.originAccessControlOriginType as OriginAccessControlOriginTypes,
    SigningBehavior: v.signingBehavior as OriginAccessControlSigningBehaviors,
    SigningProtocol: v.signingProtocol as OriginAccessControlSigningProtocols,
  };
}

export const originAccessControl: ResourceImpl = {
  async check({ name, olds, news, randomSeed }) {
    const failures: CheckFailure[] = checkInputs(news, {
      token: OAC_TOKEN,
      sdkPackage: SDK,
      args: OAC_ARGS,
      implemented: new Set(["name", "description", "originAccessControlOriginType", "signingBehavior", "signingProtocol"]),
    });
    failures.push(
      ...oneOf(news.originAccessControlOriginType, "originAccessControlOriginType", Object.values(OriginAccessControlOriginTypes)),
      ...oneOf(news.signingBehavior, "signingBehavior", Object.values(OriginAccessControlSigningBehaviors)),
      ...oneOf(news.signingProtocol, "signingProtocol", Object.values(OriginAccessControlSigningProtocols)),
    );
    const inputs: Props = { ...news };
    // `name` is optional in pulumi-aws (auto-named): the resource name + "-" + 7 hex, as for buckets; an old name is kept.
    if (inputs.name === undefined) inputs.name = typeof olds.name === "string" ? olds.name : autoName(name, randomSeed);
    if (typeof inputs.name === "string" && inputs.name.length > 64)
      failures.push({ property: "name", reason: `expected length of name to be in the range (1 - 64), got ${inputs.name}` });
    if (typeof news.description === "string" && news.description.length > 256)
      failures.push({
        property: "description",
        reason: `expected length of description to be in the range (0 - 256), got ${news.description}`,
      });
    return { inputs, failures };
  },
  async diff({ olds, news }): Promise<DiffResult> {
    let changes = false;
    for (const k of ["name", "originAccessControlOriginType", "signingBehavior", "signingProtocol"])
      if (containsUnknown(news[k]) || !jsonEqual(plain(news)[k], plain(olds)[k])) changes = true;
    const d = (v: Props) => (v.description === undefined ? "Managed by Pulumi" : v.description);
    if (containsUnknown(news.description) || d(plain(news)) !== d(plain(olds))) changes = true;
    return { changes, replaces: [] };
  },
  async create({ inputs, preview }) {
    if (preview) return { id: "", outs: inputs };
    const { values, secretKeys } = revealProps(inputs);
    try {
      const out = await cloudfrontClient().send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: oacConfig(values) }));
      const id = out.OriginAccessControl!.Id!;
      return { id, outs: rewrapSecrets(oacOutputs(values, out.ETag, id), secretKeys) };
    } catch (e) {
      throw awsError(`creating CloudFront Origin Access Control (${String(values.name)})`, e);
    }
  },
  async read({ id, props, inputs }) {
    try {
      const out = await cloudfrontClient().send(new GetOriginAccessControlCommand({ Id: id }));
      const c = out.OriginAccessControl!.OriginAccessControlConfig!;
      const live = {
        ...plain(props),
        name: c.Name,
        description: c.Description ?? "",
        originAccessControlOriginType: c.OriginAccessControlOriginType,
        signingBehavior: c.SigningBehavior,
        signingProtocol: c.SigningProtocol,
      };
      return { id, props: oacOutputs(live, out.ETag, id), ...(inputs ? { inputs } : {}) };
    } catch (e) {
      if (notFound(e, "NoSuchOriginAccessControl")) return { id: "" };
      throw awsError(`reading CloudFront Origin Access Control (${id})`, e);
    }
  },
  async update({ id, olds, news }) {
    const { values, secretKeys } = revealProps(news);
    try {
      const out = await cloudfrontClient().send(
        new UpdateOriginAccessControlCommand({
          Id: id,
          IfMatch: String(plain(olds).etag ?? ""),
          OriginAccessControlConfig: oacConfig(values),
        }),
      );
      return { outs: rewrapSecrets(oacOutputs(values, out.ETag, id), secretKeys) };
    } catch (e) {
      throw awsError(`updating CloudFront Origin Access Control (${id})`, e);
    }
  },
  async delete({ id, props }) {
    try {
      // The real provider deletes with the current ETag (If-Match); AWS refuses a control in use (OriginAccessControlInUse).
      let etag = String(plain(props).etag ?? "");
      try {
        etag = (await cloudfrontClient().send(new GetOriginAccessControlCommand({ Id: id }))).ETag ?? etag;
      } catch (e) {
        if (notFound(e, "NoSuchOriginAccessControl")) return;
        throw e;
      }
      await cloudfrontClient().send(new DeleteOriginAccessControlCommand({ Id: id, IfMatch: etag }));
    } catch (e) {
      if (notFound(e, "NoSuchOriginAccessControl")) return;
      throw awsError(`deleting CloudFront Origin Access Control (${id})`, e);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// aws:cloudfront/distribution:Distribution (id = the distribution id; nothing force-new)

const sorted = (v: unknown): string[] => (Array.isArray(v) ? [...(v as string[])].map(String).sort() : []);
const num = (v: unknown, d: number): number => (typeof v === "number" ? v : d);

/** The implemented inputs with the schema's defaults, in the shape the state keeps; sets sorted. */
function normalize(v: Props): Props {
  const dcb = (v.defaultCacheBehavior ?? {}) as Props;
  const fv = dcb.forwardedValues as Props | undefined;
  const geo = (((v.restrictions ?? {}) as Props).geoRestriction ?? {}) as Props;
  const vc = (v.viewerCertificate ?? {}) as Props;
  return {
    aliases: sorted(v.aliases),
    comment: v.comment ?? "",
    defaultRootObject: v.defaultRootObject ?? "",
    enabled: v.enabled === true,
    httpVersion: v.httpVersion ?? "http2",
    isIpv6Enabled: v.isIpv6Enabled === true,
    priceClass: v.priceClass ?? "PriceClass_All",
    origins: ((v.origins ?? []) as Props[])
      .map((o) =>
        defined({
          domainName: o.domainName,
          originId: o.originId,
          originAccessControlId: o.originAccessControlId ?? "",
          originPath: o.originPath ?? "",
          connectionAttempts: num(o.connectionAttempts, 3),
          connectionTimeout: num(o.connectionTimeout, 10),
        }),
      )
      .sort((a, b) => String(a.originId).localeCompare(String(b.originId))),
    defaultCacheBehavior: defined({
      allowedMethods: sorted(dcb.allowedMethods),
      cachedMethods: sorted(dcb.cachedMethods),
      cachePolicyId: dcb.cachePolicyId ?? "",
      compress: dcb.compress === true,
      targetOriginId: dcb.targetOriginId,
      viewerProtocolPolicy: dcb.viewerProtocolPolicy,
      // With a cache policy the TTLs and forwardedValues are not sent (AWS refuses them) and read back as 0/absent.
      minTtl: dcb.cachePolicyId ? 0 : num(dcb.minTtl, 0),
      defaultTtl: dcb.cachePolicyId ? 0 : num(dcb.defaultTtl, 86400),
      maxTtl: dcb.cachePolicyId ? 0 : num(dcb.maxTtl, 31536000),
      forwardedValues:
        fv && !dcb.cachePolicyId
          ? { queryString: fv.queryString === true, cookies: { forward: ((fv.cookies ?? {}) as Props).forward ?? "none" } }
          : undefined,
    }),
    restrictions: { geoRestriction: { restrictionType: geo.restrictionType ?? "none", locations: sorted(geo.locations) } },
    viewerCertificate: {
      acmCertificateArn: vc.acmCertificateArn ?? "",
      cloudfrontDefaultCertificate: vc.cloudfrontDefaultCertificate === true,
      minimumProtocolVersion: vc.minimumProtocolVersion ?? "TLSv1",
      sslSupportMethod: vc.sslSupportMethod ?? "",
    },
    tags: (v.tags ?? {}) as Props,
    waitForDeployment: v.waitForDeployment !== false,
    retainOnDelete: v.retainOnDelete === true,
  };
}

function toApi(n: Props, callerReference: string): DistributionConfig {
  const dcb = n.defaultCacheBehavior as Props;
  const vc = n.viewerCertificate as Props;
  const geo = (n.restrictions as Props).geoRestriction as Props;
  const items = <T>(list: T[]) => ({ Quantity: list.length, ...(list.length > 0 ? { Items: list } : {}) });
  const fv = dcb.forwardedValues as Props | undefined;
  return {
    CallerReference: callerReference,
    Comment: String(n.comment),
    Enabled: n.enabled === true,
    PriceClass: n.priceClass as PriceClass,
    HttpVersion: n.httpVersion as HttpVersion,
    IsIPV6Enabled: n.isIpv6Enabled === true,
    DefaultRootObject: String(n.defaultRootObject),
    Aliases: items(n.aliases as string[]),
    Origins: {
      Quantity: (n.origins as Props[]).length,
      Items: (n.origins as Props[]).map((o) => ({
        Id: String(o.originId),
        DomainName: String(o.domainName),
        OriginPath: String(o.originPath),
        OriginAccessControlId: String(o.originAccessControlId),
        ConnectionAttempts: o.connectionAttempts as number,
        ConnectionTimeout: o.connectionTimeout as number,
        // terraform-provider-aws expandOrigin: neither s3 nor custom origin config -> an empty S3 one.
        S3OriginConfig: { OriginAccessIdentity: "" },
        CustomHeaders: { Quantity: 0 },
      })),
    },
    DefaultCacheBehavior: {
      TargetOriginId: String(dcb.targetOriginId),
      ViewerProtocolPolicy: dcb.viewerProtocolPolicy as ViewerProtocolPolicy,
      AllowedMethods: {
        ...(items(dcb.allowedMethods as string[]) as { Quantity: number; Items: never[] }),
        CachedMethods: items(dcb.cachedMethods as string[]) as { Quantity: number; Items: never[] },
      },
      Compress: dcb.compress === true,
      ...(dcb.cachePolicyId
        ? { CachePolicyId: String(dcb.cachePolicyId) }
        : {
            MinTTL: dcb.minTtl as number,
            DefaultTTL: dcb.defaultTtl as number,
            MaxTTL: dcb.maxTtl as number,
            ...(fv
              ? {
                  ForwardedValues: {
                    QueryString: fv.queryString === true,
                    Cookies: { Forward: ((fv.cookies ?? {}) as Props).forward as never },
                  },
                }
              : {}),
          }),
    },
    Restrictions: { GeoRestriction: { RestrictionType: geo.restrictionType as never, ...items(geo.locations as string[]) } },
    ViewerCertificate: {
      ...(vc.acmCertificateArn
        ? { ACMCertificateArn: String(vc.acmCertificateArn), SSLSupportMethod: (vc.sslSupportMethod || undefined) as SSLSupportMethod }
        : {}),
      CloudFrontDefaultCertificate: vc.cloudfrontDefaultCertificate === true,
      MinimumProtocolVersion: vc.minimumProtocolVersion as MinimumProtocolVersion,
    },
    CacheBehaviors: { Quantity: 0 },
    CustomErrorResponses: { Quantity: 0 },
    OriginGroups: { Quantity: 0 },
  };
}

/** The state's shape from what CloudFront has (the same fields as `normalize`). */
function fromApi(c: DistributionConfig, state: Props, tags: Props): Props {
  const dcb = c.DefaultCacheBehavior!;
  const vc = c.ViewerCertificate ?? {};
  const geo = c.Restrictions?.GeoRestriction;
  return {
    aliases: sorted(c.Aliases?.Items ?? []),
    comment: c.Comment ?? "",
    defaultRootObject: c.DefaultRootObject ?? "",
    enabled: c.Enabled === true,
    httpVersion: c.HttpVersion ?? "http2",
    isIpv6Enabled: c.IsIPV6Enabled === true,
    priceClass: c.PriceClass ?? "PriceClass_All",
    origins: (c.Origins?.Items ?? [])
      .map((o) => ({
        domainName: o.DomainName,
        originId: o.Id,
        originAccessControlId: o.OriginAccessControlId ?? "",
        originPath: o.OriginPath ?? "",
        connectionAttempts: o.ConnectionAttempts ?? 3,
        connectionTimeout: o.ConnectionTimeout ?? 10,
      }))
      .sort((a, b) => String(a.originId).localeCompare(String(b.originId))),
    defaultCacheBehavior: defined({
      allowedMethods: sorted(dcb.AllowedMethods?.Items ?? []),
      cachedMethods: sorted(dcb.AllowedMethods?.CachedMethods?.Items ?? []),
      cachePolicyId: dcb.CachePolicyId ?? "",
      compress: dcb.Compress === true,
      targetOriginId: dcb.TargetOriginId,
      viewerProtocolPolicy: dcb.ViewerProtocolPolicy,
      minTtl: dcb.CachePolicyId ? 0 : (dcb.MinTTL ?? 0),
      defaultTtl: dcb.CachePolicyId ? 0 : (dcb.DefaultTTL ?? 0),
      maxTtl: dcb.CachePolicyId ? 0 : (dcb.MaxTTL ?? 0),
      // moto fills in ForwardedValues when none was sent: keep it only if the state had it.
      forwardedValues:
        !dcb.CachePolicyId && dcb.ForwardedValues && (state.defaultCacheBehavior as Props | undefined)?.forwardedValues
          ? { queryString: dcb.ForwardedValues.QueryString === true, cookies: { forward: dcb.ForwardedValues.Cookies?.Forward ?? "none" } }
          : undefined,
    }),
    restrictions: { geoRestriction: { restrictionType: geo?.RestrictionType ?? "none", locations: sorted(geo?.Items ?? []) } },
    viewerCertificate: {
      acmCertificateArn: vc.ACMCertificateArn ?? "",
      cloudfrontDefaultCertificate: vc.CloudFrontDefaultCertificate === true,
      minimumProtocolVersion: vc.MinimumProtocolVersion ?? "TLSv1",
      sslSupportMethod: vc.ACMCertificateArn || vc.IAMCertificateId ? (vc.SSLSupportMethod ?? "") : "",
    },
    tags,
    waitForDeployment: state.waitForDeployment !== false,
    retainOnDelete: state.retainOnDelete === true,
  };
}

function distOutputs(n: Props, d: GetDistributionCommandOutput["Distribution"], etag: string | undefined, callerReference: string): Props {
  return {
    ...n,
    id: d!.Id,
    arn: d!.ARN,
    callerReference,
    domainName: d!.DomainName,
    etag: etag ?? "",
    hostedZoneId: CLOUDFRONT_ZONE_ID,
    inProgressValidationBatches: d!.InProgressInvalidationBatches ?? 0,
    lastModifiedTime: d!.LastModifiedTime ? new Date(d!.LastModifiedTime).toISOString() : "",
    status: d!.Status,
    tagsAll: n.tags,
  };
}

async function distributionTags(arn: string): Promise<Props> {
  const out = await cloudfrontClient().send(new ListTagsForResourceCommand({ Resource: arn }));
  const tags: Props = {};
  for (const t of out.Tags?.Items ?? []) if (t.Key) tags[t.Key] = t.Value ?? "";
  return tags;
}

async function waitDeployed(id: string, timeoutSec: number): Promise<GetDistributionCommandOutput> {
  let last: GetDistributionCommandOutput | undefined;
  // terraform-provider-aws waitDistributionDeployed: 90 minutes by default.
  await waitUntil(`CloudFront Distribution (${id}) deploy`, timeoutSec, 90 * 60, async () => {
    last = await cloudfrontClient().send(new GetDistributionCommand({ Id: id }));
    return last.Distribution?.Status === "Deployed";
  });
  return last!;
}

/** AWS's rules that moto does not check, checked here before the call (named as AWS names them). */
function awsRules(n: Props): void {
  const dcb = n.defaultCacheBehavior as Props;
  if (!dcb.cachePolicyId && !dcb.forwardedValues) {
    throw new Error(
      "InvalidArgument: The parameter ForwardedValues is required. (AWS's rule without a cache policy, checked by the stand-in: moto fills in a default)",
    );
  }
  const origins = (n.origins as Props[]).map((o) => o.originId);
  if (!origins.includes(dcb.targetOriginId))
    throw new Error(
      `NoSuchOrigin: One or more of your origins or origin groups do not exist. (targetOriginId ${String(dcb.targetOriginId)})`,
    );
}

export const distribution: ResourceImpl = {
  async check({ news }) {
    const failures: CheckFailure[] = checkInputs(news, {
      token: DIST_TOKEN,
      sdkPackage: SDK,
      args: DIST_ARGS,
      implemented: DIST_IMPLEMENTED,
    });
    for (const [k, spec] of Object.entries(DIST_NESTED))
      if (DIST_IMPLEMENTED.has(k)) failures.push(...checkNested(news[k], k, spec, DIST_TOKEN, SDK));
    const v = plain(news);
    const dcb = (v.defaultCacheBehavior ?? {}) as Props;
    const vc = (v.viewerCertificate ?? {}) as Props;
    failures.push(
      ...oneOf(dcb.viewerProtocolPolicy, "defaultCacheBehavior.viewerProtocolPolicy", Object.values(ViewerProtocolPolicy)),
      ...oneOf(
        v.priceClass,
        "priceClass",
        Object.values(PriceClass).filter((p) => p !== "None"),
      ),
      ...oneOf(v.httpVersion, "httpVersion", Object.values(HttpVersion)),
      ...oneOf(vc.sslSupportMethod, "viewerCertificate.sslSupportMethod", Object.values(SSLSupportMethod)),
      ...oneOf(vc.minimumProtocolVersion, "viewerCertificate.minimumProtocolVersion", Object.values(MinimumProtocolVersion)),
    );
    if (Array.isArray(news.origins) && news.origins.length === 0)
      failures.push({ property: "origins", reason: "origins: at least one origin is required" });
    // terraform-provider-aws: comment is validation.StringLenBetween(0, 128).
    if (typeof v.comment === "string" && v.comment.length > 128)
      failures.push({ property: "comment", reason: `expected length of comment to be in the range (0 - 128), got ${v.comment}` });
    return { inputs: news, failures };
  },
  async diff({ olds, news }): Promise<DiffResult> {
    const n = normalize(plain(news));
    const o = normalize(plain(olds));
    let changes = false;
    for (const k of Object.keys(n)) if (containsUnknown(news[k]) || !jsonEqual(n[k], o[k])) changes = true;
    return { changes, replaces: [] };
  },
  async create({ inputs, preview, timeout }) {
    if (preview) return { id: "", outs: inputs };
    const { values, secretKeys } = revealProps(inputs);
    const n = normalize(values);
    awsRules(n);
    // terraform-provider-aws: CallerReference = id.UniqueId() (a time-based unique id).
    const callerReference = `terraform-${Date.now()}${randomBytes(4).toString("hex")}`;
    const tags = Object.entries(n.tags as Props).map(([Key, Value]) => ({ Key, Value: String(Value) }));
    let id: string;
    try {
      const out = await cloudfrontClient().send(
        new CreateDistributionWithTagsCommand({
          DistributionConfigWithTags: { DistributionConfig: toApi(n, callerReference), Tags: { Items: tags } },
        }),
      );
      id = out.Distribution!.Id!;
    } catch (e) {
      throw awsError("creating CloudFront Distribution", e);
    }
    let got: GetDistributionCommandOutput;
    try {
      got = n.waitForDeployment
        ? await waitDeployed(id, timeout ?? 0)
        : await cloudfrontClient().send(new GetDistributionCommand({ Id: id }));
    } catch (e) {
      throw awsError(`waiting for CloudFront Distribution (${id}) deploy`, e);
    }
    return { id, outs: rewrapSecrets(distOutputs(n, got.Distribution, got.ETag, callerReference), secretKeys) };
  },
  async read({ id, props, inputs }) {
    let got: GetDistributionCommandOutput;
    try {
      got = await cloudfrontClient().send(new GetDistributionCommand({ Id: id }));
    } catch (e) {
      if (notFound(e, "NoSuchDistribution")) return { id: "" };
      throw awsError(`reading CloudFront Distribution (${id})`, e);
    }
    const state = plain(props);
    const n = fromApi(got.Distribution!.DistributionConfig!, state, await distributionTags(got.Distribution!.ARN!));
    return {
      id,
      props: distOutputs(
        n,
        got.Distribution,
        got.ETag,
        got.Distribution!.DistributionConfig!.CallerReference ?? String(state.callerReference ?? ""),
      ),
      ...(inputs ? { inputs } : {}),
    };
  },
  async update({ id, olds, news, timeout }) {
    const { values, secretKeys } = revealProps(news);
    const n = normalize(values);
    awsRules(n);
    const old = plain(olds);
    try {
      const current = await cloudfrontClient().send(new GetDistributionConfigCommand({ Id: id }));
      const callerReference = current.DistributionConfig?.CallerReference ?? String(old.callerReference);
      await cloudfrontClient().send(
        new UpdateDistributionCommand({ Id: id, IfMatch: current.ETag, DistributionConfig: toApi(n, callerReference) }),
      );
      const arn = String(old.arn);
      const oldTags = (old.tags ?? {}) as Props;
      const newTags = n.tags as Props;
      const removed = Object.keys(oldTags).filter((k) => !(k in newTags));
      if (removed.length > 0) await cloudfrontClient().send(new UntagResourceCommand({ Resource: arn, TagKeys: { Items: removed } }));
      const changedTags = Object.entries(newTags).filter(([k, v]) => oldTags[k] !== v);
      if (changedTags.length > 0)
        await cloudfrontClient().send(
          new TagResourceCommand({ Resource: arn, Tags: { Items: changedTags.map(([Key, Value]) => ({ Key, Value: String(Value) })) } }),
        );
      const got = n.waitForDeployment
        ? await waitDeployed(id, timeout ?? 0)
        : await cloudfrontClient().send(new GetDistributionCommand({ Id: id }));
      return { outs: rewrapSecrets(distOutputs(n, got.Distribution, got.ETag, callerReference), secretKeys) };
    } catch (e) {
      throw awsError(`updating CloudFront Distribution (${id})`, e);
    }
  },
  async delete({ id, props }) {
    const state = plain(props);
    try {
      let current;
      try {
        current = await cloudfrontClient().send(new GetDistributionConfigCommand({ Id: id }));
      } catch (e) {
        if (notFound(e, "NoSuchDistribution")) return;
        throw e;
      }
      let etag = current.ETag;
      // AWS deletes only a disabled, deployed distribution (DistributionNotDisabled otherwise):
      // the real provider disables it first and waits for the deployment.
      if (current.DistributionConfig!.Enabled) {
        const out = await cloudfrontClient().send(
          new UpdateDistributionCommand({ Id: id, IfMatch: etag, DistributionConfig: { ...current.DistributionConfig!, Enabled: false } }),
        );
        etag = out.ETag;
        etag = (await waitDeployed(id, 0)).ETag ?? etag;
      }
      // retainOnDelete: disabled, not deleted.
      if (state.retainOnDelete === true) return;
      await cloudfrontClient().send(new DeleteDistributionCommand({ Id: id, IfMatch: etag }));
    } catch (e) {
      if (notFound(e, "NoSuchDistribution")) return;
      throw awsError(`deleting CloudFront Distribution (${id})`, e);
    }
  },
};

export const resources: Record<string, ResourceImpl> = {
  [OAC_TOKEN]: originAccessControl,
  [DIST_TOKEN]: distribution,
};

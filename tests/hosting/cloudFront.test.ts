import { installMocks, promiseOf } from "../support/pulumiMocks";

const ZONE = { id: "Z0123456789EXAMPLE", name: "example.com" };
const DISTRIBUTION_DOMAIN = (name: string) => `d${name.length}abcdef.cloudfront.net`;

const mocks = installMocks({
  region: "eu-west-1",
  accountId: "123456789012",
  call: (token, inputs) =>
    token === "aws:route53/getZone:getZone"
      ? inputs.zoneId === ZONE.id
        ? { id: ZONE.id, zoneId: ZONE.id, name: `${ZONE.name}.`, privateZone: false }
        : { id: inputs.zoneId, zoneId: inputs.zoneId, name: "other.org", privateZone: false }
      : undefined,
  state: (type, name, inputs) => {
    if (type === "aws:s3/bucket:Bucket") return { bucketRegionalDomainName: `${inputs.bucket}.s3.eu-west-1.amazonaws.com` };
    if (type === "aws:cloudfront/distribution:Distribution")
      return {
        arn: `arn:aws:cloudfront::123456789012:distribution/E${name.length}DIST`,
        domainName: DISTRIBUTION_DOMAIN(name),
        hostedZoneId: "Z2FDTNDATAQYW2",
      };
    if (type === "aws:acm/certificate:Certificate")
      return {
        arn: `arn:aws:acm:us-east-1:123456789012:certificate/${name}`,
        domainValidationOptions: [
          {
            domainName: inputs.domainName,
            resourceRecordName: `_abc.${inputs.domainName}.`,
            resourceRecordType: "CNAME",
            resourceRecordValue: "_xyz.acm-validations.aws.",
          },
        ],
      };
    if (type === "aws:acm/certificateValidation:CertificateValidation") return { certificateArn: inputs.certificateArn };
    if (type === "aws:route53/record:Record") return { fqdn: String(inputs.name).replace(/\.$/, "") };
    if (type === "aws:cloudfront/originAccessControl:OriginAccessControl") return { arn: `arn:aws:cloudfront::123456789012:oac/${name}` };
    return undefined;
  },
});

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlexaAppLinking, AlexaAppLinkingArgs, AlexaAppLinkingOptions } from "../../packages/alexa-linking-component/src";
import { fetchUrlFor } from "../../packages/alexa-linking-component/src/hosting/bucketName";
import { manualDnsRecords, planCloudFront } from "../../packages/alexa-linking-component/src/hosting/cloudFront";
import { zoneFor } from "../../packages/alexa-linking-component/src/hosting/distribution";

const T = {
  provider: "pulumi:providers:aws",
  block: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  object: "aws:s3/bucketObjectv2:BucketObjectv2",
  oac: "aws:cloudfront/originAccessControl:OriginAccessControl",
  distribution: "aws:cloudfront/distribution:Distribution",
  certificate: "aws:acm/certificate:Certificate",
  validation: "aws:acm/certificateValidation:CertificateValidation",
  record: "aws:route53/record:Record",
  cognito: "pulumi-nodejs:dynamic:Resource",
  verify: "command:local:Command",
};

const ios = { appIds: ["ABCDE12345.com.espressif.rainmaker"] };
const android = [
  {
    packageName: "com.espressif.rainmaker",
    sha256CertFingerprints: ["14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5"],
  },
];
const accessToken = { url: "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/token" };

// These components have no skills: their warning is expected and kept off the test output.
const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
beforeEach(() => warn.mockClear());

async function build(name: string, args: AlexaAppLinkingArgs, opts?: AlexaAppLinkingOptions) {
  const start = mocks.registrations.length;
  const component = new AlexaAppLinking(name, { accessToken, bucketName: `${name}-bucket-x`, ios, android, ...args }, opts);
  const outputs = {
    redirectURL: await promiseOf(component.redirectURL),
    redirectHost: await promiseOf(component.redirectHost),
    associationFileUrls: await promiseOf(component.associationFileUrls),
    dnsRecords: await promiseOf(component.dnsRecords),
  };
  await mocks.settled();
  const mine = mocks.registrations.slice(start).filter((r) => r.name.startsWith(name));
  const of = (type: string) => mine.filter((r) => r.type === type);
  const one = (type: string) => {
    const found = of(type);
    expect(found.map((r) => r.name)).toHaveLength(1);
    return found[0];
  };
  return { outputs, mine, of, one };
}

describe('publicAccess "cloudfront", no custom domain', () => {
  let built: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    built = await build("cf", { publicAccess: "cloudfront" });
  });

  it("keeps the bucket fully private: all four Block Public Access settings on, ACLs disabled, the one ACL such a bucket accepts", () => {
    const block = built.one(T.block).inputs;
    expect(block).toMatchObject({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true });
    expect(built.one(T.ownership).inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    for (const object of built.of(T.object)) {
      expect(object.inputs.acl).toBe("bucket-owner-full-control");
      expect(object.replaceOnChanges).toEqual(["acl"]);
      expect(object.deleteBeforeReplace).toBe(true);
      expect(object.inputs.contentType).toBe("application/json");
    }
  });

  it("lets only this distribution read .well-known/*, conditioned on its ARN; no statement for anyone else; TLS only", () => {
    const policy = JSON.parse(built.one(T.policy).inputs.policy);
    const allows = policy.Statement.filter((s: any) => s.Effect === "Allow");
    expect(allows).toEqual([
      {
        Sid: "CloudFrontReadOfAssociationFiles",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::cf-bucket-x/.well-known/*",
        Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E15DIST" } },
      },
    ]);
    expect(policy.Statement.find((s: any) => s.Sid === "DenyRequestsWithoutTls")).toMatchObject({
      Effect: "Deny",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("reads the bucket through an Origin Access Control (sigv4, always), not an origin access identity", () => {
    const oac = built.one(T.oac);
    expect(oac.inputs).toMatchObject({ originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
    const origin = built.one(T.distribution).inputs.origins[0];
    expect(origin.originAccessControlId).toBe(`${oac.name}-id`);
    expect(origin.domainName).toBe("cf-bucket-x.s3.eu-west-1.amazonaws.com");
    expect(origin.s3OriginConfig).toBeUndefined();
  });

  it("serves HTTPS only (no redirect), GET/HEAD, short TTLs, no query string or cookie forwarded, default certificate", () => {
    const d = built.one(T.distribution).inputs;
    expect(d.enabled).toBe(true);
    expect(d.defaultCacheBehavior).toMatchObject({
      viewerProtocolPolicy: "https-only",
      allowedMethods: ["GET", "HEAD"],
      cachedMethods: ["GET", "HEAD"],
      minTtl: 0,
      defaultTtl: 300,
      maxTtl: 300,
      forwardedValues: { queryString: false, cookies: { forward: "none" } },
    });
    expect(d.viewerCertificate).toEqual({ cloudfrontDefaultCertificate: true });
    expect(d.aliases).toBeUndefined();
    expect(built.of(T.certificate)).toHaveLength(0);
    expect(built.of(T.record)).toHaveLength(0);
    expect(built.of(T.provider)).toHaveLength(0);
  });

  it("the policy waits for the access block; the distribution gives the policy its ARN", () => {
    const policy = built.one(T.policy);
    expect(policy.dependsOn).toEqual(expect.arrayContaining([built.one(T.block).urn, built.one(T.ownership).urn]));
  });

  it("redirectURL, redirectHost and associationFileUrls are the distribution's host", () => {
    expect(built.outputs.redirectHost).toBe("d15abcdef.cloudfront.net");
    expect(built.outputs.redirectURL).toBe("https://d15abcdef.cloudfront.net/");
    expect(built.outputs.associationFileUrls).toEqual({
      ios: "https://d15abcdef.cloudfront.net/.well-known/apple-app-site-association",
      android: "https://d15abcdef.cloudfront.net/.well-known/assetlinks.json",
    });
    expect(built.outputs.dnsRecords).toEqual([]);
  });

  it("the Cognito callback URL and the post-deploy check use the CloudFront URL, and the check waits for the distribution", () => {
    const callback = built.mine.find((r) => r.name === "cf-cognito-callback-url")!;
    expect(callback.inputs.redirectUrl).toBe("https://d15abcdef.cloudfront.net/");
    const verify = built.one(T.verify);
    expect(verify.dependsOn).toContain(built.one(T.distribution).urn);
    expect(verify.inputs.stdin).toContain("https://d15abcdef.cloudfront.net/.well-known/assetlinks.json");
  });
});

describe("CloudFront names within CloudFront's limits", () => {
  it("a short component name leaves the OAC auto-named (the name existing stacks hold) and the comment whole", async () => {
    const built = await build("short", { publicAccess: "cloudfront" });
    expect(built.one(T.oac).inputs.name).toBeUndefined();
    expect(built.one(T.distribution).inputs.comment).toBe("Alexa app-linking association files (short)");
  });

  it("a component name too long for the auto-name gives the OAC a name of 64 characters and cuts the comment to 128", async () => {
    const name = `links-${"x".repeat(100)}`;
    const built = await build(name, { publicAccess: "cloudfront", bucketName: "long-name-bucket" });
    const oacName = built.one(T.oac).inputs.name as string;
    expect(oacName).toHaveLength(64);
    expect(oacName).toMatch(new RegExp(`^${name.slice(0, 56)}-[0-9a-f]{7}$`));
    const comment = built.one(T.distribution).inputs.comment as string;
    expect(comment.length).toBeLessThanOrEqual(128);
    expect(comment).toMatch(/^Alexa app-linking association files \(links-x+\.\.\.\)$/);
  });
});

describe("the check fetches the public CloudFront URL even with an endpoints.s3 override", () => {
  it("does not read the private bucket path-style", async () => {
    const built = await build("cfs3", { publicAccess: "cloudfront", endpoints: { s3: "http://127.0.0.1:5000" } });
    const stdin = built.one(T.verify).inputs.stdin as string;
    expect(stdin).not.toContain("127.0.0.1:5000");
    expect(stdin).toContain(".cloudfront.net/.well-known/apple-app-site-association");
  });
});

describe('publicAccess "cloudfront" on a custom domain with a Route 53 zone', () => {
  let built: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    built = await build("cfzone", { publicAccess: "cloudfront", cloudFront: { domainName: "links.example.com", hostedZoneId: ZONE.id } });
  });

  it("requests the certificate in us-east-1 through an explicit provider, the stack's region untouched", () => {
    const provider = built.one(T.provider);
    expect(provider.inputs.region).toBe("us-east-1");
    const certificate = built.one(T.certificate);
    expect(certificate.inputs).toMatchObject({ domainName: "links.example.com", validationMethod: "DNS" });
    const validation = built.one(T.validation);
    expect(certificate.provider.startsWith(`${provider.urn}::`)).toBe(true);
    expect(validation.provider).toBe(certificate.provider);
    // Everything else stays on the stack's provider (its region is the RainMaker region).
    for (const other of [T.distribution, T.record, T.oac, T.policy]) for (const r of built.of(other)) expect(r.provider).toBe("");
    expect(validation.inputs.certificateArn).toBe("arn:aws:acm:us-east-1:123456789012:certificate/cfzone-certificate");
    expect(validation.inputs.validationRecordFqdns).toEqual(["_abc.links.example.com"]);
  });

  it("writes the validation CNAME and A/AAAA aliases to the distribution in the zone", () => {
    const records = built.of(T.record);
    expect(records.map((r) => r.name).sort()).toEqual(["cfzone-alias-a", "cfzone-alias-aaaa", "cfzone-certificate-validation"]);
    const validation = records.find((r) => r.name === "cfzone-certificate-validation")!.inputs;
    expect(validation).toMatchObject({
      zoneId: ZONE.id,
      name: "_abc.links.example.com.",
      type: "CNAME",
      records: ["_xyz.acm-validations.aws."],
    });
    for (const type of ["A", "AAAA"]) {
      const alias = records.find((r) => r.name === `cfzone-alias-${type.toLowerCase()}`)!.inputs;
      expect(alias).toMatchObject({
        zoneId: ZONE.id,
        name: "links.example.com",
        type,
        aliases: [{ name: "d19abcdef.cloudfront.net", zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false }],
      });
    }
  });

  it("serves the domain with the validated certificate, SNI, TLS 1.2 or newer", () => {
    const d = built.one(T.distribution).inputs;
    expect(d.aliases).toEqual(["links.example.com"]);
    expect(d.viewerCertificate).toEqual({
      acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/cfzone-certificate",
      sslSupportMethod: "sni-only",
      minimumProtocolVersion: "TLSv1.2_2021",
    });
  });

  it("the redirect URL is the domain's root, and nothing is left for the user to create", () => {
    expect(built.outputs.redirectURL).toBe("https://links.example.com/");
    expect(built.outputs.redirectHost).toBe("links.example.com");
    expect(built.outputs.associationFileUrls.ios).toBe("https://links.example.com/.well-known/apple-app-site-association");
    expect(built.outputs.dnsRecords).toEqual([]);
    expect(mocks.invokes.some((i) => i.token === "aws:route53/getZone:getZone" && i.inputs.zoneId === ZONE.id)).toBe(true);
  });
});

describe("custom domain with an existing certificate and no zone", () => {
  it("requests no certificate, makes no record, and lists the CNAME to create", async () => {
    const arn = "arn:aws:acm:us-east-1:123456789012:certificate/0d4b9c2e-1111-2222-3333-444455556666";
    const built = await build("cfarn", {
      publicAccess: "cloudfront",
      cloudFront: { domainName: "links.example.com", certificateArn: arn },
    });
    expect(built.of(T.certificate)).toHaveLength(0);
    expect(built.of(T.provider)).toHaveLength(0);
    expect(built.of(T.record)).toHaveLength(0);
    expect(built.one(T.distribution).inputs.viewerCertificate.acmCertificateArn).toBe(arn);
    expect(built.outputs.dnsRecords).toEqual([
      { purpose: "the links' host", name: "links.example.com", type: "CNAME", value: "d18abcdef.cloudfront.net" },
    ]);
  });
});

describe("custom domain without zone or certificate", () => {
  it("requests the certificate, waits for its validation and lists the validation record and the CNAME", async () => {
    const built = await build("cfmanual", { publicAccess: "cloudfront", cloudFront: { domainName: "links.example.com" } });
    // The domain resolves only once the user has created the records: no check at deploy, and the deploy says so.
    expect(built.of(T.verify)).toHaveLength(0);
    expect(warn.mock.calls.map(([message]) => message)).toContainEqual(
      expect.stringMatching(
        /AlexaAppLinking cfmanual: the post-deploy check is left out: links\.example\.com resolves only once .* alexa-linking verify --stack-output -/,
      ),
    );
    expect(built.one(T.certificate).inputs.domainName).toBe("links.example.com");
    expect(built.one(T.validation).inputs.validationRecordFqdns).toBeUndefined();
    expect(built.of(T.record)).toHaveLength(0);
    expect(built.outputs.dnsRecords).toEqual([
      { purpose: "certificate validation", name: "_abc.links.example.com.", type: "CNAME", value: "_xyz.acm-validations.aws." },
      { purpose: "the links' host", name: "links.example.com", type: "CNAME", value: "d21abcdef.cloudfront.net" },
    ]);
  });
});

describe("the certificate's us-east-1 provider under an explicit aws provider", () => {
  const domain = { publicAccess: "cloudfront", cloudFront: { domainName: "links.example.com", hostedZoneId: ZONE.id } };

  it("stops before any child resource when the component has an explicit aws provider and no certificateProvider", () => {
    const rainmaker = new aws.Provider("rainmaker-account", { region: "eu-west-1" });
    const start = mocks.registrations.length;
    expect(
      () => new AlexaAppLinking("cfexplicit", { accessToken, bucketName: "cfexplicit-bucket-x", ios, ...domain }, { provider: rainmaker }),
    ).toThrow(
      /AlexaAppLinking cfexplicit: args\.cloudFront\.domainName "links\.example\.com" needs an ACM certificate in us-east-1, and the component runs under an explicit aws provider .* Fix: pass opts\.certificateProvider, .* or create the certificate yourself and pass args\.cloudFront\.certificateArn/,
    );
    const children = mocks.registrations.slice(start).filter((r) => r.name.startsWith("cfexplicit-"));
    expect(children).toEqual([]);
  });

  it("is the certificateProvider given, and the rest stays on the component's explicit provider", async () => {
    const rainmaker = new aws.Provider("rainmaker-account-2", { region: "eu-west-1" });
    const usEast1 = new aws.Provider("rainmaker-us-east-1", { region: "us-east-1" });
    const built = await build("cfgiven", domain, { providers: { aws: rainmaker }, certificateProvider: usEast1 });
    expect(built.of(T.provider)).toHaveLength(0);
    const usEast1Urn = await promiseOf(usEast1.urn);
    const rainmakerUrn = await promiseOf(rainmaker.urn);
    expect(built.one(T.certificate).provider.startsWith(`${usEast1Urn}::`)).toBe(true);
    expect(built.one(T.validation).provider.startsWith(`${usEast1Urn}::`)).toBe(true);
    for (const other of [T.distribution, T.record, T.oac, T.policy]) {
      for (const r of built.of(other)) expect(r.provider.startsWith(`${rainmakerUrn}::`)).toBe(true);
    }
  });

  it("is not needed with certificateArn, nor asked for without a custom domain", async () => {
    const rainmaker = new aws.Provider("rainmaker-account-3", { region: "eu-west-1" });
    const arn = "arn:aws:acm:us-east-1:123456789012:certificate/0d4b9c2e-1111-2222-3333-444455556666";
    const withArn = await build(
      "cfexparn",
      { publicAccess: "cloudfront", cloudFront: { domainName: "links.example.com", certificateArn: arn } },
      { provider: rainmaker },
    );
    expect(withArn.of(T.certificate)).toHaveLength(0);
    const plain = await build("cfexpplain", { publicAccess: "cloudfront" }, { provider: rainmaker });
    expect(plain.of(T.distribution)).toHaveLength(1);
  });
});

describe("fetchUrlFor: where the check and doctor fetch a file", () => {
  it.each([
    [
      "the S3 host goes to the endpoint path-style",
      "https://b.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json",
      "http://127.0.0.1:5000/",
      "http://127.0.0.1:5000/b/.well-known/assetlinks.json",
    ],
    [
      "a CloudFront host is fetched as it is",
      "https://d1abc.cloudfront.net/.well-known/assetlinks.json",
      "http://127.0.0.1:5000",
      "https://d1abc.cloudfront.net/.well-known/assetlinks.json",
    ],
    [
      "a custom domain is fetched as it is",
      "https://links.example.com/.well-known/assetlinks.json",
      "http://127.0.0.1:5000",
      "https://links.example.com/.well-known/assetlinks.json",
    ],
    [
      "another bucket's S3 host is fetched as it is",
      "https://bb.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json",
      "http://127.0.0.1:5000",
      "https://bb.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json",
    ],
    [
      "no endpoint: the public URL",
      "https://b.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json",
      undefined,
      "https://b.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json",
    ],
  ])("%s", (_case, url, endpoint, expected) => {
    expect(fetchUrlFor(url, "b", endpoint)).toBe(expected);
  });
});

describe("a zone that does not hold the domain", () => {
  it("fails the records' zone id, naming the argument", () => {
    const plan = planCloudFront("cloudfront", { domainName: "links.example.com", hostedZoneId: "ZOTHER" })!;
    expect(() => zoneFor(plan, { zoneId: "ZOTHER", name: "other.org.", privateZone: false })).toThrow(
      /args\.cloudFront\.hostedZoneId "ZOTHER" is the hosted zone other\.org, which does not hold links\.example\.com\. Fix: /,
    );
    expect(() => zoneFor(plan, { zoneId: "ZOTHER", name: "example.com.", privateZone: true })).toThrow(/private hosted zone/);
    expect(zoneFor(plan, { zoneId: "ZOTHER", name: "Example.com.", privateZone: false })).toBe("ZOTHER");
  });
});

describe("the other modes are unchanged", () => {
  it('"policy" has no distribution and the S3 URL', async () => {
    const built = await build("pol", {});
    expect(built.of(T.distribution)).toHaveLength(0);
    expect(built.of(T.oac)).toHaveLength(0);
    expect(built.outputs.redirectURL).toBe("https://pol-bucket-x.s3.eu-west-1.amazonaws.com/");
    expect(built.outputs.dnsRecords).toEqual([]);
  });
});

describe("manualDnsRecords", () => {
  const validation = [{ resourceRecordName: "_a.x.com.", resourceRecordType: "CNAME", resourceRecordValue: "_b.acm." }];
  it.each([
    ["no domain", planCloudFront("cloudfront", {}), []],
    ["a zone", planCloudFront("cloudfront", { domainName: "x.com", hostedZoneId: "Z1" }), []],
    [
      "a given certificate",
      planCloudFront("cloudfront", {
        domainName: "x.com",
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
      }),
      [{ purpose: "the links' host", name: "x.com", type: "CNAME", value: "d.cloudfront.net" }],
    ],
    [
      "a requested certificate (one validation record, listed once)",
      planCloudFront("cloudfront", { domainName: "x.com" }),
      [
        { purpose: "certificate validation", name: "_a.x.com.", type: "CNAME", value: "_b.acm." },
        { purpose: "the links' host", name: "x.com", type: "CNAME", value: "d.cloudfront.net" },
      ],
    ],
  ])("%s", (_what, plan, expected) => {
    expect(manualDnsRecords(plan, [...validation, ...validation], "d.cloudfront.net")).toEqual(expected);
  });
});

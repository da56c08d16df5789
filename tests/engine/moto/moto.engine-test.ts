/**
 * What the engine tests rely on moto for, checked against the pinned moto (requirements.txt),
 * including the ways it differs from AWS that a scenario must know about.
 * Run: bash tests/engine/plugins/run-engine-tests.sh tests/engine/moto/moto.engine-test.ts
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetMethodCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from "@aws-sdk/client-api-gateway";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketOwnershipControlsCommand,
  GetPublicAccessBlockCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { ACMClient, DeleteCertificateCommand, DescribeCertificateCommand, RequestCertificateCommand } from "@aws-sdk/client-acm";
import {
  CloudFrontClient,
  CreateDistributionCommand,
  CreateDistributionWithTagsCommand,
  CreateOriginAccessControlCommand,
  DeleteDistributionCommand,
  DeleteOriginAccessControlCommand,
  DistributionConfig,
  GetDistributionCommand,
  GetOriginAccessControlCommand,
  ListCachePoliciesCommand,
  ListTagsForResourceCommand,
  UpdateDistributionCommand,
} from "@aws-sdk/client-cloudfront";
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { ensureMotoVenv, motoVenvDir } from "./ensureVenv";
import { MotoServer, startMoto } from "./motoServer";

let moto: MotoServer;
const region = "eu-west-1";
const credentials = { accessKeyId: "test", secretAccessKey: "test" };

before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

function s3(): S3Client {
  return new S3Client({ region, endpoint: moto.endpoint, forcePathStyle: true, credentials });
}

async function get(url: string): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

describe("the moto launcher", () => {
  it("reuses the cached venv named by the requirements hash", async () => {
    const t = Date.now();
    const venv = await ensureMotoVenv();
    assert.equal(venv.dir, motoVenvDir());
    assert.match(venv.dir, /moto-venv-[0-9a-f]{16}$/);
    assert.ok(Date.now() - t < 2000, "a present venv is reused, not rebuilt");
  });

  it("listens on 127.0.0.1 and stops by pid", async () => {
    const other = await startMoto();
    assert.match(other.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(other.port, moto.port);
    await other.stop();
    assert.throws(() => process.kill(other.pid, 0), /ESRCH/);
    await assert.rejects(fetch(other.endpoint));
  });
});

describe("S3", () => {
  const bucket = "moto-check-bucket";
  const arn = `arn:aws:s3:::${bucket}`;
  const publicRead = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${arn}/.well-known/*` };
  const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
  const block = (flags: [boolean, boolean, boolean, boolean]) =>
    s3().send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: flags[0],
          IgnorePublicAcls: flags[1],
          BlockPublicPolicy: flags[2],
          RestrictPublicBuckets: flags[3],
        },
      }),
    );
  const ownership = (value: "BucketOwnerEnforced" | "BucketOwnerPreferred") =>
    s3().send(new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: value }] } }));
  const refused = async (promise: Promise<unknown>, status: number, code: string) => {
    const error = await promise.then(
      () => undefined,
      (e: { name?: string; $metadata?: { httpStatusCode?: number } }) => e,
    );
    assert.ok(error, `expected ${code} (${status}), the request succeeded`);
    assert.deepEqual([error.$metadata?.httpStatusCode, error.name], [status, code]);
  };

  it("a new bucket has all four Block Public Access flags on and ownership BucketOwnerEnforced (serve.py 9)", async () => {
    await s3().send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } }));
    assert.deepEqual((await s3().send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration, {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    assert.equal(
      (await s3().send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }))).OwnershipControls?.Rules?.[0]?.ObjectOwnership,
      "BucketOwnerEnforced",
    );
    await refused(
      s3().send(
        new CreateBucketCommand({
          Bucket: "moto-check-acl-bucket",
          ACL: "public-read",
          CreateBucketConfiguration: { LocationConstraint: region },
        }),
      ),
      400,
      "InvalidBucketAclWithObjectOwnership",
    );
  });

  it("ACLs disabled: an upload or ACL request with an ACL other than bucket-owner-full-control fails AccessControlListNotSupported (10)", async () => {
    const key = ".well-known/apple-app-site-association";
    await refused(
      s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "{}", ACL: "public-read" })),
      400,
      "AccessControlListNotSupported",
    );
    await refused(
      s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "{}", ACL: "private" })),
      400,
      "AccessControlListNotSupported",
    );
    await s3().send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: "{}", ContentType: "application/json", ACL: "bucket-owner-full-control" }),
    );
    await refused(
      s3().send(new PutObjectAclCommand({ Bucket: bucket, Key: key, ACL: "public-read" })),
      400,
      "AccessControlListNotSupported",
    );
    await refused(s3().send(new PutBucketAclCommand({ Bucket: bucket, ACL: "public-read" })), 400, "AccessControlListNotSupported");
    await refused(
      s3().send(new CopyObjectCommand({ Bucket: bucket, Key: "copy.json", CopySource: `${bucket}/${key}`, ACL: "public-read" })),
      400,
      "AccessControlListNotSupported",
    );
  });

  it("BlockPublicPolicy refuses a public policy (403 AccessDenied), not the CloudFront OAC policy (service principal, aws:SourceArn) (11)", async () => {
    await refused(s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy(publicRead) })), 403, "AccessDenied");
    const narrowed = { ...publicRead, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } };
    await s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy(narrowed) }));
    const oac = {
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
      Resource: `${arn}/.well-known/*`,
      Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1" } },
    };
    await s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy(oac) }));
    // A service principal's Allow grants nothing to an anonymous caller.
    assert.equal((await get(`${moto.endpoint}/${bucket}/.well-known/apple-app-site-association`)).status, 403);
    await s3().send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  });

  it("anonymous GET through a public policy needs RestrictPublicBuckets off (12)", async () => {
    await block([true, true, false, false]);
    await s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy(publicRead) }));
    assert.deepEqual(await get(`${moto.endpoint}/${bucket}/.well-known/apple-app-site-association`), {
      status: 200,
      type: "application/json",
      body: "{}",
    });
    await block([true, true, false, true]);
    assert.equal((await get(`${moto.endpoint}/${bucket}/.well-known/apple-app-site-association`)).status, 403);
    await s3().send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  });

  it("public ACLs: BlockPublicAcls refuses them, IgnorePublicAcls and ACLs disabled make them grant nothing (11, 12)", async () => {
    await ownership("BucketOwnerPreferred");
    const key = ".well-known/assetlinks.json";
    const url = `${moto.endpoint}/${bucket}/${key}`;
    await refused(s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "[]", ACL: "public-read" })), 403, "AccessDenied");
    await block([false, true, false, false]);
    await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "[]", ContentType: "application/json", ACL: "public-read" }));
    assert.equal((await get(url)).status, 403, "IgnorePublicAcls on");
    await block([false, false, false, false]);
    assert.equal((await get(url)).status, 200, "a public-read object, ACLs enabled, nothing blocked");
    await s3().send(new PutObjectCommand({ Bucket: bucket, Key: "private.txt", Body: "x" }));
    assert.equal((await get(`${moto.endpoint}/${bucket}/private.txt`)).status, 403, "an object without a public ACL");
    await ownership("BucketOwnerEnforced");
    assert.equal((await get(url)).status, 403, "ACLs disabled: the stored public-read grants nothing");
  });

  it("two control writes on one bucket at once: the later fails OperationAborted (409); one after the other both apply (13)", async () => {
    const once = new S3Client({ region, endpoint: moto.endpoint, forcePathStyle: true, credentials, maxAttempts: 1 });
    const results = await Promise.allSettled([
      once.send(
        new PutBucketOwnershipControlsCommand({
          Bucket: bucket,
          OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
        }),
      ),
      once.send(
        new PutPublicAccessBlockCommand({
          Bucket: bucket,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        }),
      ),
    ]);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assert.equal(failures.length, 1, "exactly one of the two overlapping writes is refused");
    assert.deepEqual([failures[0].reason.$metadata?.httpStatusCode, failures[0].reason.name], [409, "OperationAborted"]);
    await once.send(
      new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] } }),
    );
    await block([true, true, true, true]);
    once.destroy();
  });

  it("KNOWN DIFFERENCE: a Deny conditioned on aws:SecureTransport is not enforced (serve.py's correction)", async () => {
    // moto 5.2.x puts no aws:SecureTransport in the request context and treats a condition it
    // cannot evaluate as met, so this Deny would match every request, signed PUTs included.
    // serve.py applies AWS's rule for an absent key (condition not met), so the statement does
    // not apply: the Allow is enforced, the TLS-only Deny is not (moto serves plain HTTP).
    await block([true, true, false, false]);
    const withTls = {
      Sid: "DenyRequestsWithoutTls",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
    await s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy(publicRead, withTls) }));
    assert.equal((await get(`${moto.endpoint}/${bucket}/.well-known/apple-app-site-association`)).status, 200);
    await s3().send(new PutObjectCommand({ Bucket: bucket, Key: "private.txt", Body: "x" }));
    assert.equal((await get(`${moto.endpoint}/${bucket}/private.txt`)).status, 403);
    await s3().send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  });

  it("still enforces a Deny without a condition", async () => {
    const deny = { Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: `${arn}/.well-known/*` };
    await s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy(publicRead, deny) }));
    assert.equal((await get(`${moto.endpoint}/${bucket}/.well-known/apple-app-site-association`)).status, 403);
    await s3().send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  });
});

describe("STS", () => {
  it("answers GetCallerIdentity with moto's default account", async () => {
    const out = await new STSClient({ region, endpoint: moto.endpoint, credentials }).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, "123456789012");
    assert.ok(out.Arn && out.UserId);
  });
});

describe("API Gateway", () => {
  it("serves GetRestApis, GetResources, GetStages and GetMethod", async () => {
    const api = new APIGatewayClient({ region, endpoint: moto.endpoint, credentials });
    const rest = await api.send(new CreateRestApiCommand({ name: "AlexaSkillLinking" }));
    const resources = await api.send(new GetResourcesCommand({ restApiId: rest.id! }));
    const root = resources.items!.find((r) => r.path === "/")!;
    const res = await api.send(new CreateResourceCommand({ restApiId: rest.id!, parentId: root.id!, pathPart: "token" }));
    await api.send(new PutMethodCommand({ restApiId: rest.id!, resourceId: res.id!, httpMethod: "POST", authorizationType: "NONE" }));
    await api.send(new PutIntegrationCommand({ restApiId: rest.id!, resourceId: res.id!, httpMethod: "POST", type: "MOCK" }));
    await api.send(new CreateDeploymentCommand({ restApiId: rest.id!, stageName: "dev" }));
    assert.ok((await api.send(new GetRestApisCommand({}))).items!.some((a) => a.name === "AlexaSkillLinking"));
    assert.deepEqual((await api.send(new GetResourcesCommand({ restApiId: rest.id! }))).items!.map((r) => r.path).sort(), ["/", "/token"]);
    assert.deepEqual(
      (await api.send(new GetStagesCommand({ restApiId: rest.id! }))).item!.map((s) => s.stageName),
      ["dev"],
    );
    assert.equal(
      (await api.send(new GetMethodCommand({ restApiId: rest.id!, resourceId: res.id!, httpMethod: "POST" }))).httpMethod,
      "POST",
    );
  });
});

describe("cognito-idp", () => {
  it("serves user pool clients; KNOWN DIFFERENCE: UpdateUserPoolClient keeps omitted fields", async () => {
    const idp = new CognitoIdentityProviderClient({ region, endpoint: moto.endpoint, credentials });
    const pool = await idp.send(new CreateUserPoolCommand({ PoolName: "rainmaker-user-email-mobile-pool" }));
    const client = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool.UserPool!.Id!,
        ClientName: "esp-rainmaker-alexa-skill",
        GenerateSecret: true,
        CallbackURLs: ["https://a.example/"],
        AllowedOAuthFlows: ["code"],
      }),
    );
    const ids = { UserPoolId: pool.UserPool!.Id!, ClientId: client.UserPoolClient!.ClientId! };
    assert.ok((await idp.send(new DescribeUserPoolClientCommand(ids))).UserPoolClient!.ClientSecret);
    await idp.send(new UpdateUserPoolClientCommand({ ...ids, CallbackURLs: ["https://a.example/", "https://b.example/"] }));
    const after = (await idp.send(new DescribeUserPoolClientCommand(ids))).UserPoolClient!;
    assert.deepEqual(after.CallbackURLs, ["https://a.example/", "https://b.example/"]);
    // AWS resets AllowedOAuthFlows (omitted from the update) to its default; moto keeps it.
    assert.deepEqual(after.AllowedOAuthFlows, ["code"]);
  });
});

describe("CloudFront, ACM and Route 53 (the stand-in's cloudfront/acm/route53 types)", () => {
  const c = () => ({ region: "us-east-1", endpoint: moto.endpoint, credentials });
  const cf = () => new CloudFrontClient(c());
  const acm = () => new ACMClient(c());
  const r53 = () => new Route53Client(c());
  const code = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return "ok";
    } catch (e) {
      return `${(e as { name?: string }).name} ${(e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode}`;
    }
  };
  const origin = (oacId: string) => ({
    Id: "s3",
    DomainName: "moto-cf-bucket.s3.us-east-1.amazonaws.com",
    OriginAccessControlId: oacId,
    S3OriginConfig: { OriginAccessIdentity: "" },
  });
  const config = (ref: string, oacId: string, extra: Partial<DistributionConfig> = {}): DistributionConfig => ({
    CallerReference: ref,
    Comment: "",
    Enabled: true,
    Origins: { Quantity: 1, Items: [origin(oacId)] },
    DefaultCacheBehavior: {
      TargetOriginId: "s3",
      ViewerProtocolPolicy: "https-only",
      CachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    },
    ...extra,
  });
  let oacId: string;

  before(async () => {
    oacId = (
      await cf().send(
        new CreateOriginAccessControlCommand({
          OriginAccessControlConfig: {
            Name: "moto-oac",
            SigningProtocol: "sigv4",
            SigningBehavior: "always",
            OriginAccessControlOriginType: "s3",
          },
        }),
      )
    ).OriginAccessControl!.Id!;
  });

  it("serves origin access controls; KNOWN DIFFERENCE: a duplicate name is accepted (AWS: OriginAccessControlAlreadyExists)", async () => {
    const got = await cf().send(new GetOriginAccessControlCommand({ Id: oacId }));
    assert.equal(got.OriginAccessControl!.OriginAccessControlConfig!.Name, "moto-oac");
    assert.ok(got.ETag);
    const dup = await cf().send(
      new CreateOriginAccessControlCommand({
        OriginAccessControlConfig: {
          Name: "moto-oac",
          SigningProtocol: "sigv4",
          SigningBehavior: "always",
          OriginAccessControlOriginType: "s3",
        },
      }),
    );
    await cf().send(new DeleteOriginAccessControlCommand({ Id: dup.OriginAccessControl!.Id!, IfMatch: dup.ETag! }));
    assert.equal(
      await code(cf().send(new DeleteOriginAccessControlCommand({ Id: "NOSUCHOAC", IfMatch: "x" }))),
      "NoSuchOriginAccessControl 404",
      "serve.py: moto answers 500",
    );
  });

  it("serves no cache policies at all (moto 5.2.5, the newest: 404 for every cache policy call)", async () => {
    assert.match(await code(cf().send(new ListCachePoliciesCommand({}))), / 404$/);
  });

  it("distributions: origin access control kept (serve.py), Deployed on the first read, an enabled one is not deleted (serve.py)", async () => {
    const created = await cf().send(
      new CreateDistributionWithTagsCommand({
        DistributionConfigWithTags: { DistributionConfig: config("moto-ref-1", oacId), Tags: { Items: [{ Key: "k", Value: "v" }] } },
      }),
    );
    const id = created.Distribution!.Id!;
    assert.equal(created.Distribution!.Status, "InProgress");
    assert.match(created.Distribution!.DomainName!, /^[a-z][a-z0-9]{12}\.cloudfront\.net$/);
    const got = await cf().send(new GetDistributionCommand({ Id: id }));
    assert.equal(got.Distribution!.Status, "Deployed");
    assert.equal(got.Distribution!.DistributionConfig!.Origins!.Items![0]!.OriginAccessControlId, oacId);
    assert.deepEqual(got.Distribution!.DistributionConfig!.Origins!.Items![0]!.S3OriginConfig, { OriginAccessIdentity: "" });
    assert.deepEqual((await cf().send(new ListTagsForResourceCommand({ Resource: got.Distribution!.ARN! }))).Tags!.Items, [
      { Key: "k", Value: "v" },
    ]);
    assert.equal(await code(cf().send(new DeleteOriginAccessControlCommand({ Id: oacId, IfMatch: "x" }))), "OriginAccessControlInUse 409");
    assert.equal(await code(cf().send(new DeleteDistributionCommand({ Id: id, IfMatch: got.ETag! }))), "DistributionNotDisabled 409");
    // KNOWN DIFFERENCE: the ETag never changes and If-Match is not compared.
    const disabled = await cf().send(
      new UpdateDistributionCommand({ Id: id, IfMatch: "anything", DistributionConfig: config("moto-ref-1", oacId, { Enabled: false }) }),
    );
    assert.equal(disabled.ETag, got.ETag);
    await cf().send(new DeleteDistributionCommand({ Id: id, IfMatch: disabled.ETag! }));
    assert.equal(await code(cf().send(new GetDistributionCommand({ Id: id }))), "NoSuchDistribution 404");
  });

  it("viewer certificate (serve.py): aliases need an ISSUED us-east-1 certificate that covers them", async () => {
    const aliases = { Quantity: 1, Items: ["links.moto.example"] };
    assert.equal(
      await code(cf().send(new CreateDistributionCommand({ DistributionConfig: config("moto-ref-2", oacId, { Aliases: aliases }) }))),
      "InvalidViewerCertificate 400",
    );
    const arn = (await acm().send(new RequestCertificateCommand({ DomainName: "links.moto.example", ValidationMethod: "DNS" })))
      .CertificateArn!;
    const viewer = {
      ACMCertificateArn: arn,
      SSLSupportMethod: "sni-only" as const,
      MinimumProtocolVersion: "TLSv1.2_2021" as const,
      CloudFrontDefaultCertificate: false,
    };
    assert.equal(
      await code(
        cf().send(
          new CreateDistributionCommand({
            DistributionConfig: config("moto-ref-2", oacId, { Aliases: aliases, ViewerCertificate: viewer }),
          }),
        ),
      ),
      "InvalidViewerCertificate 400",
      "pending validation",
    );
    const described = (await acm().send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!;
    assert.equal(described.Status, "PENDING_VALIDATION");
    const rr = described.DomainValidationOptions![0]!.ResourceRecord!;
    assert.equal(rr.Type, "CNAME");
    assert.equal(rr.Name, "_d930b28be6c5927595552b219965053e.links.moto.example.");
    const zone = (await r53().send(new CreateHostedZoneCommand({ Name: "moto.example", CallerReference: "moto-zone-1" }))).HostedZone!.Id!;
    await r53().send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone,
        ChangeBatch: {
          Changes: [
            { Action: "CREATE", ResourceRecordSet: { Name: rr.Name, Type: "CNAME", TTL: 60, ResourceRecords: [{ Value: rr.Value }] } },
          ],
        },
      }),
    );
    assert.equal(
      (await acm().send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!.Status,
      "ISSUED",
      "issued once the validation record exists",
    );
    const other = { ...aliases, Items: ["other.moto.example"] };
    assert.equal(
      await code(
        cf().send(
          new CreateDistributionCommand({ DistributionConfig: config("moto-ref-2", oacId, { Aliases: other, ViewerCertificate: viewer }) }),
        ),
      ),
      "InvalidViewerCertificate 400",
      "not covered",
    );
    const ok = await cf().send(
      new CreateDistributionCommand({ DistributionConfig: config("moto-ref-2", oacId, { Aliases: aliases, ViewerCertificate: viewer }) }),
    );
    const vc = ok.Distribution!.DistributionConfig!.ViewerCertificate!;
    assert.deepEqual([vc.ACMCertificateArn, vc.SSLSupportMethod, vc.MinimumProtocolVersion], [arn, "sni-only", "TLSv1.2_2021"]);
    await cf().send(
      new UpdateDistributionCommand({
        Id: ok.Distribution!.Id!,
        IfMatch: ok.ETag!,
        DistributionConfig: config("moto-ref-2", oacId, { Aliases: aliases, ViewerCertificate: viewer, Enabled: false }),
      }),
    );
    await cf().send(new DeleteDistributionCommand({ Id: ok.Distribution!.Id!, IfMatch: ok.ETag! }));
    // KNOWN DIFFERENCE: a certificate in use by a distribution can be deleted (AWS: ResourceInUseException).
    await acm().send(new DeleteCertificateCommand({ CertificateArn: arn }));
  });

  it("Route 53: alias records stored unchecked; a CREATE of an existing record fails (serve.py)", async () => {
    const zone = (await r53().send(new CreateHostedZoneCommand({ Name: "alias.moto.example", CallerReference: "moto-zone-2" }))).HostedZone!
      .Id!;
    const alias = (dns: string) => ({
      Name: "alias.moto.example",
      Type: "A" as const,
      AliasTarget: { DNSName: dns, HostedZoneId: "Z2FDTNDATAQYW2", EvaluateTargetHealth: false },
    });
    await r53().send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone,
        ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: alias("d111.cloudfront.net") }] },
      }),
    );
    assert.equal(
      await code(
        r53().send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: zone,
            ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: alias("d222.cloudfront.net") }] },
          }),
        ),
      ),
      "InvalidChangeBatch 400",
    );
    const list = await r53().send(
      new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordName: "alias.moto.example", StartRecordType: "A", MaxItems: 1 }),
    );
    assert.deepEqual(list.ResourceRecordSets![0]!.AliasTarget, {
      DNSName: "d111.cloudfront.net",
      HostedZoneId: "Z2FDTNDATAQYW2",
      EvaluateTargetHealth: false,
    });
    // KNOWN DIFFERENCE: AWS checks that an alias target exists (a CloudFront distribution here); moto does not.
    await r53().send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone,
        ChangeBatch: { Changes: [{ Action: "UPSERT", ResourceRecordSet: alias("dnothing.cloudfront.net") }] },
      }),
    );
    await r53().send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone,
        ChangeBatch: { Changes: [{ Action: "DELETE", ResourceRecordSet: alias("dnothing.cloudfront.net") }] },
      }),
    );
    assert.equal(
      (await r53().send(new ListResourceRecordSetsCommand({ HostedZoneId: zone }))).ResourceRecordSets!.filter((r) => r.Type === "A")
        .length,
      0,
    );
  });
});

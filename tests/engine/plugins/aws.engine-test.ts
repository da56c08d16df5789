/**
 * The stand-in aws plugin over gRPC, started as the engine starts it (executable + engine
 * address, cwd = a temp program folder whose node_modules is a symlink), against a moto server.
 * Run: bash tests/engine/plugins/run-engine-tests.sh
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { startMoto, MotoServer } from "../moto/motoServer";
import { Plugin, startPlugin, urn } from "./harness";
import { secret, SECRET_SIG, SIG_KEY, UNKNOWN } from "./shared/wire";

const EXE = path.join(__dirname, "aws", "pulumi-resource-aws");
const BUCKET = "aws:s3/bucket:Bucket";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";
const AWS_VERSION = (JSON.parse(fs.readFileSync(require.resolve("@pulumi/aws/package.json"), "utf8")) as { version: string }).version;

let moto: MotoServer;
let plugin: Plugin;
let programDir: string;

function stackConfig(endpoint: string, extra: Record<string, string> = {}): Record<string, unknown> {
  // As the engine sends stack config to a provider: every value a string, endpoints as JSON text.
  return {
    region: "eu-west-1",
    accessKey: "test",
    secretKey: secret("test"),
    skipCredentialsValidation: "false",
    skipRequestingAccountId: "false",
    s3UsePathStyle: "true",
    endpoints: JSON.stringify([{ s3: endpoint, sts: endpoint, cloudfront: endpoint, acm: endpoint, route53: endpoint }]),
    version: AWS_VERSION,
    ...extra,
  };
}

async function httpGet(url: string): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

before(async () => {
  moto = await startMoto();
  programDir = fs.mkdtempSync(path.join(os.tmpdir(), "standin-program-"));
  fs.symlinkSync(path.resolve(__dirname, "..", "..", "..", "node_modules"), path.join(programDir, "node_modules"));
  plugin = await startPlugin(EXE, { cwd: programDir });
  await plugin.configure(stackConfig(moto.endpoint));
});

after(async () => {
  await plugin?.stop();
  await moto?.stop();
  if (programDir) fs.rmSync(programDir, { recursive: true, force: true });
});

describe("plugin surface", () => {
  it("reports the @pulumi/aws version as its own", async () => {
    assert.equal(await plugin.getPluginInfo(), AWS_VERSION);
  });

  it("CheckConfig refuses an unknown key and an unimplemented key, naming them, and accepts the stack config", async () => {
    const bad = await plugin.checkConfig({ ...stackConfig(moto.endpoint), regoin: "eu-west-1", httpsProxy: "http://proxy:3128" });
    assert.deepEqual(bad.failures.map((f) => f.property).sort(), ["httpsProxy", "regoin"]);
    assert.match(bad.failures.find((f) => f.property === "regoin")!.reason, /Invalid or unknown key "aws:regoin"/);
    assert.match(bad.failures.find((f) => f.property === "httpsProxy")!.reason, /not implemented by the stand-in/);
    const badEndpoint = await plugin.checkConfig({ endpoints: JSON.stringify([{ s4: "http://x" }]) });
    assert.match(badEndpoint.failures[0]!.reason, /"s4" is not an endpoint key/);
    assert.deepEqual((await plugin.checkConfig(stackConfig(moto.endpoint))).failures, []);
  });

  it("Configure validates the credentials against STS like the real provider", async () => {
    const other = await startPlugin(EXE, { cwd: programDir });
    try {
      await assert.rejects(other.configure(stackConfig("http://127.0.0.1:9")), /validating provider credentials/);
    } finally {
      await other.stop();
    }
  });

  it("refuses a resource type it does not implement", async () => {
    await assert.rejects(
      plugin.check(urn("aws:s3/bucketAcl:BucketAcl", "x"), { bucket: "b" }),
      /does not implement resource type aws:s3\/bucketAcl:BucketAcl/,
    );
  });
});

describe("invokes", () => {
  it("getRegion answers from the provider region", async () => {
    const { outputs, failures } = await plugin.invoke("aws:index/getRegion:getRegion", {});
    assert.deepEqual(failures, []);
    assert.deepEqual(outputs, {
      region: "eu-west-1",
      name: "eu-west-1",
      id: "eu-west-1",
      endpoint: "ec2.eu-west-1.amazonaws.com",
      description: "Europe (Ireland)",
    });
  });

  it("getCallerIdentity answers from STS", async () => {
    const { outputs } = await plugin.invoke("aws:index/getCallerIdentity:getCallerIdentity", {});
    assert.equal(outputs.accountId, "123456789012");
    assert.equal(outputs.id, "123456789012");
    assert.match(String(outputs.arn), /^arn:aws:(iam|sts)::123456789012:/);
    assert.equal(typeof outputs.userId, "string");
  });

  it("refuses an argument the function does not have, and an unknown function", async () => {
    const { failures } = await plugin.invoke("aws:index/getRegion:getRegion", { zone: "a" });
    assert.equal(failures[0]!.property, "zone");
    await assert.rejects(
      plugin.invoke("aws:index/getPartition:getPartition", {}),
      /does not implement function aws:index\/getPartition:getPartition/,
    );
  });
});

describe("aws:s3/bucket:Bucket", () => {
  const u = urn(BUCKET, "site-bucket");

  it("refuses an unknown property and an unimplemented one, naming them", async () => {
    const { failures } = await plugin.check(u, { bucket: "b-one", bukket: "x", versioning: { enabled: true } });
    const byProp = Object.fromEntries(failures.map((f) => [f.property, f.reason]));
    assert.match(byProp.bukket!, /unknown property "bukket"/);
    assert.match(byProp.versioning!, /"versioning" is an input of aws:s3\/bucket:Bucket .* not implemented by the stand-in/);
  });

  it("auto-names from the resource name: name + '-' + 7 hex, stable for a seed, kept from olds", async () => {
    const a = await plugin.check(u, {}, {}, new Uint8Array([9, 9]));
    const b = await plugin.check(u, {}, {}, new Uint8Array([9, 9]));
    assert.match(String(a.inputs.bucket), /^site-bucket-[0-9a-f]{7}$/);
    assert.equal(a.inputs.bucket, b.inputs.bucket);
    const kept = await plugin.check(u, {}, { bucket: "site-bucket-abcdef0" });
    assert.equal(kept.inputs.bucket, "site-bucket-abcdef0");
    const upper = await plugin.check(urn(BUCKET, "Site_Bucket"), {});
    assert.match(String(upper.inputs.bucket), /^site_bucket-[0-9a-f]{7}$/);
  });

  it("creates, reads, diffs and deletes against moto; a non-empty bucket needs forceDestroy", async () => {
    const name = "standin-bucket-one";
    const { inputs } = await plugin.check(u, { bucket: name });
    const created = await plugin.create(u, inputs);
    assert.equal(created.id, name);
    assert.equal(created.props.arn, `arn:aws:s3:::${name}`);
    assert.equal(created.props.bucketRegionalDomainName, `${name}.s3.eu-west-1.amazonaws.com`);
    assert.equal(created.props.bucketDomainName, `${name}.s3.amazonaws.com`);
    assert.equal(created.props.region, "eu-west-1");
    assert.equal(created.props.forceDestroy, false);

    const read = await plugin.read(name, u, created.props, inputs);
    assert.equal(read.id, name);
    assert.deepEqual(read.props, created.props);

    assert.deepEqual(await plugin.diff(name, u, created.props, inputs), { changes: "none", replaces: [] });
    assert.deepEqual(await plugin.diff(name, u, created.props, { bucket: "standin-bucket-two" }), {
      changes: "some",
      replaces: ["bucket"],
    });
    assert.deepEqual(await plugin.diff(name, u, created.props, { bucket: UNKNOWN }), { changes: "some", replaces: ["bucket"] });
    assert.deepEqual(await plugin.diff(name, u, created.props, { bucket: name, forceDestroy: true }), { changes: "some", replaces: [] });

    // An object put behind the provider's back makes the bucket non-empty.
    const obj = urn(OBJECT, "leftover");
    const o = await plugin.create(obj, { bucket: name, key: "leftover.txt", content: "x" });
    await assert.rejects(plugin.delete(name, u, created.props), /deleting S3 Bucket \(standin-bucket-one\): BucketNotEmpty/);
    const updated = await plugin.update(name, u, created.props, { bucket: name, forceDestroy: true });
    assert.equal(updated.forceDestroy, true);
    await plugin.delete(name, u, updated);
    assert.equal((await plugin.read(name, u, updated, inputs)).id, "", "refresh reports a deleted bucket with an empty id");
    assert.equal((await plugin.read(o.id, obj, o.props)).id, "");
  });
});

describe("aws:s3/bucket:Bucket name limits (terraform-provider-aws)", () => {
  const u = urn(BUCKET, "limits");

  it("check refuses a bucket name over 63 characters and a prefix over 37; create refuses what S3 would", async () => {
    const long = await plugin.check(u, { bucket: "a".repeat(64) });
    assert.match(long.failures[0]!.reason, /expected length of bucket to be in the range \(0 - 63\)/);
    assert.deepEqual((await plugin.check(u, { bucket: "a".repeat(63) })).failures, []);
    const prefix = await plugin.check(u, { bucketPrefix: "p".repeat(38) });
    assert.equal(prefix.failures[0]!.property, "bucketPrefix");
    for (const [name, problem] of [
      ["ab", /between 3 and 63/],
      ["Upper-Case", /only lowercase/],
      ["-dash-first", /begin and end/],
      ["two..dots", /two periods/],
      ["192.168.1.10", /IP address/],
    ] as const) {
      await assert.rejects(plugin.create(u, { bucket: name, forceDestroy: false }), problem, name);
    }
  });
});

describe("aws:s3/bucketObjectv2:BucketObjectv2 acl, Optional + Computed as in terraform-provider-aws", () => {
  const name = "standin-acl-semantics";
  const key = ".well-known/assetlinks.json";
  const u = urn(OBJECT, "acl-object");
  const setOwnership = (objectOwnership: string) =>
    plugin.create(urn(OWNERSHIP, `own-${objectOwnership}`), { bucket: name, rule: { objectOwnership } });

  before(async () => {
    await plugin.create(urn(BUCKET, "acl-bucket"), { bucket: name, forceDestroy: true });
    // The acl mode's bucket: ACLs enabled and Block Public Access lifted.
    await setOwnership("BucketOwnerPreferred");
    await plugin.create(urn(BLOCK, "acl-block"), {
      bucket: name,
      blockPublicAcls: false,
      ignorePublicAcls: false,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    });
  });

  it("removing acl is no diff and the state keeps it; the read never sets it", async () => {
    const c = await plugin.create(u, { bucket: name, key, content: "[]", contentType: "application/json", acl: "public-read" });
    assert.equal(c.props.acl, "public-read");
    assert.deepEqual(await plugin.diff(c.id, u, c.props, { bucket: name, key, content: "[]", contentType: "application/json" }), {
      changes: "none",
      replaces: [],
    });
    const read = await plugin.read(c.id, u, withoutKey(c.props, "acl"));
    assert.equal(read.props.acl, undefined, "the read does not bring the live ACL back");
    const newAcl = { bucket: name, key, content: "[]", contentType: "application/json", acl: "bucket-owner-full-control" };
    assert.deepEqual(await plugin.diff(c.id, u, c.props, newAcl), { changes: "some", replaces: [] });
    // The changed keys, as the bridged provider reports them: what a replaceOnChanges: ["acl"] matches.
    assert.deepEqual(await plugin.changedKeys(c.id, u, c.props, newAcl), ["acl"]);
    assert.deepEqual(await plugin.changedKeys(c.id, u, c.props, { ...newAcl, acl: "public-read", content: "[1]" }), ["content"]);
    await plugin.delete(c.id, u, c.props);
  });

  it("an upload without acl sends the state's: refused once ACLs are disabled; no PutObjectAcl while acl is unchanged", async () => {
    const inputs = { bucket: name, key, content: "[]", contentType: "application/json", acl: "public-read" };
    const c = await plugin.create(u, inputs);
    await setOwnership("BucketOwnerEnforced");
    // acl unchanged, nothing uploaded: no request that sets an ACL, so the ACL-less bucket accepts it.
    const same = await plugin.update(c.id, u, c.props, withoutKey(inputs, "acl"));
    assert.equal(same.acl, "public-read", "the state keeps the ACL last applied");
    // A content change uploads with the state's public-read: S3 refuses it.
    await assert.rejects(
      plugin.update(c.id, u, same, { bucket: name, key, content: '["changed"]', contentType: "application/json" }),
      /AccessControlListNotSupported/,
    );
    // An acl change alone is a PutObjectAcl, which a bucket with ACLs disabled refuses as well.
    await assert.rejects(plugin.update(c.id, u, same, { ...inputs, acl: "private" }), /AccessControlListNotSupported/);
    // With bucket-owner-full-control and new content, the upload carries that ACL and is accepted.
    const fixed = await plugin.update(c.id, u, same, { ...inputs, content: '["changed"]', acl: "bucket-owner-full-control" });
    assert.equal(fixed.acl, "bucket-owner-full-control");
    await plugin.delete(c.id, u, fixed);
  });
});

describe("the component's resources against moto", () => {
  const name = "standin-hosting";
  const bucketUrn = urn(BUCKET, "hosting-bucket");
  let bucketProps: Record<string, unknown>;

  before(async () => {
    bucketProps = (await plugin.create(bucketUrn, { bucket: name, forceDestroy: false })).props;
  });

  it("ownership controls: refuses a bad rule, creates, reads drift, deletes", async () => {
    const u = urn(OWNERSHIP, "ownership");
    const bad = await plugin.check(u, { bucket: name, rule: { objectOwnership: "Owner", extra: 1 } });
    assert.deepEqual(bad.failures.map((f) => f.property).sort(), ["rule.extra", "rule.objectOwnership"]);
    const missing = await plugin.check(u, { rule: { objectOwnership: "BucketOwnerEnforced" } });
    assert.equal(missing.failures[0]!.property, "bucket");

    const inputs = { bucket: name, rule: { objectOwnership: "BucketOwnerPreferred" } };
    assert.deepEqual((await plugin.check(u, inputs)).failures, []);
    const c = await plugin.create(u, inputs);
    assert.equal(c.id, name);
    assert.deepEqual(c.props.rule, { objectOwnership: "BucketOwnerPreferred" });
    assert.deepEqual(await plugin.diff(c.id, u, c.props, { ...inputs, bucket: "other-bucket" }), { changes: "some", replaces: ["bucket"] });
    assert.deepEqual(await plugin.diff(c.id, u, c.props, { ...inputs, rule: { objectOwnership: "BucketOwnerEnforced" } }), {
      changes: "some",
      replaces: [],
    });
    const u2 = await plugin.update(c.id, u, c.props, { ...inputs, rule: { objectOwnership: "BucketOwnerEnforced" } });
    assert.deepEqual((await plugin.read(c.id, u, u2)).props.rule, { objectOwnership: "BucketOwnerEnforced" });
    await plugin.delete(c.id, u, u2);
    assert.equal((await plugin.read(c.id, u, u2)).id, "");
  });

  it("public access block: defaults false, force-new bucket, update, delete", async () => {
    const u = urn(BLOCK, "block");
    const inputs = { bucket: name, blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false };
    assert.match((await plugin.check(u, { ...inputs, skipDestroy: true })).failures[0]!.reason, /not implemented by the stand-in/);
    const c = await plugin.create(u, inputs);
    assert.equal(c.id, name);
    assert.deepEqual(await plugin.diff(c.id, u, c.props, { bucket: name, blockPublicAcls: true, ignorePublicAcls: true }), {
      changes: "none",
      replaces: [],
    });
    assert.deepEqual(await plugin.diff(c.id, u, c.props, { ...inputs, blockPublicPolicy: true }), { changes: "some", replaces: [] });
    const r = await plugin.read(c.id, u, c.props);
    assert.equal(r.props.blockPublicAcls, true);
    assert.equal(r.props.blockPublicPolicy, false);
    await plugin.delete(c.id, u, c.props);
    assert.equal((await plugin.read(c.id, u, c.props)).id, "");
  });

  it("objects: a secret content is stored plainly and stays secret in the outputs; anonymous GET over HTTP serves type and body", async () => {
    const u = urn(OBJECT, "assetlinks");
    const body = '[{"relation":["delegate_permission/common.handle_all_urls"]}]';
    // public-read: moto, like S3, refuses an anonymous GET of a private object.
    const inputs = {
      bucket: name,
      key: ".well-known/assetlinks.json",
      content: secret(body),
      contentType: "application/json",
      acl: "public-read",
    };
    assert.deepEqual((await plugin.check(u, inputs)).failures, []);
    assert.match(
      (await plugin.check(u, { bucket: name, content: "x" })).failures.find((f) => f.property === "key")!.reason,
      /not implemented by the stand-in/,
    );
    assert.equal((await plugin.check(u, { ...inputs, acl: "publik" })).failures[0]!.property, "acl");
    const c = await plugin.create(u, inputs);
    assert.equal(c.id, ".well-known/assetlinks.json");
    assert.deepEqual(c.props.content, { [SIG_KEY]: SECRET_SIG, value: body });
    assert.equal(c.props.contentType, "application/json");
    assert.match(String(c.props.etag), /^[0-9a-f]{32}$/);
    assert.equal(c.props.arn, `arn:aws:s3:::${name}/.well-known/assetlinks.json`);
    const got = await httpGet(`${moto.endpoint}/${name}/.well-known/assetlinks.json`);
    assert.deepEqual(got, { status: 200, type: "application/json", body });
    assert.equal((await plugin.update(c.id, u, c.props, { ...inputs, acl: "private" })).acl, "private");
    assert.equal(
      (await httpGet(`${moto.endpoint}/${name}/.well-known/assetlinks.json`)).status,
      403,
      "a private object is not served anonymously",
    );

    assert.deepEqual(await plugin.diff(c.id, u, c.props, inputs), { changes: "none", replaces: [] });
    assert.deepEqual(await plugin.diff(c.id, u, c.props, { ...inputs, key: "other" }), { changes: "some", replaces: ["key"] });
    const updated = await plugin.update(c.id, u, c.props, { ...inputs, content: "[]", acl: "public-read" });
    assert.notEqual(updated.etag, c.props.etag);
    assert.equal((await httpGet(`${moto.endpoint}/${name}/.well-known/assetlinks.json`)).body, "[]");

    // Drift: contentType changed outside; refresh shows it, and the next diff wants the update.
    const acl = urn(OBJECT, "aasa");
    const a = await plugin.create(acl, { bucket: name, key: ".well-known/apple-app-site-association", content: "{}", acl: "public-read" });
    assert.equal(a.props.contentType, "binary/octet-stream", "S3's default without a Content-Type");
    assert.deepEqual(
      await plugin.diff(a.id, acl, a.props, {
        bucket: name,
        key: ".well-known/apple-app-site-association",
        content: "{}",
        acl: "public-read",
        contentType: "application/json",
      }),
      {
        changes: "some",
        replaces: [],
      },
    );
    await plugin.delete(a.id, acl, a.props);
    await plugin.delete(c.id, u, updated);
    assert.equal((await plugin.read(c.id, u, updated)).id, "");
  });

  it("bucket policy: JSON-equivalent text does not diff, refresh keeps the stored text, delete", async () => {
    const u = urn(POLICY, "policy");
    const doc = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${name}/.well-known/*` },
      ],
    };
    const text = JSON.stringify(doc, null, 2);
    assert.match((await plugin.check(u, { bucket: name, policy: "{not json" })).failures[0]!.reason, /invalid JSON/);
    const c = await plugin.create(u, { bucket: name, policy: text });
    assert.equal(c.id, name);
    assert.deepEqual(await plugin.diff(c.id, u, c.props, { bucket: name, policy: JSON.stringify(doc) }), { changes: "none", replaces: [] });
    assert.deepEqual(await plugin.diff(c.id, u, c.props, { bucket: "else", policy: text }), { changes: "some", replaces: ["bucket"] });
    const r = await plugin.read(c.id, u, c.props);
    assert.equal(r.props.policy, text);
    // moto answers an anonymous GET of a private object that the policy allows, and no other.
    const o = await plugin.create(urn(OBJECT, "f"), {
      bucket: name,
      key: ".well-known/f.json",
      content: "{}",
      contentType: "application/json",
    });
    assert.equal((await httpGet(`${moto.endpoint}/${name}/.well-known/f.json`)).status, 200);
    const p = await plugin.create(urn(OBJECT, "g"), { bucket: name, key: "private.json", content: "{}" });
    assert.equal((await httpGet(`${moto.endpoint}/${name}/private.json`)).status, 403);
    await plugin.delete(p.id, urn(OBJECT, "g"), p.props);
    await plugin.delete(o.id, urn(OBJECT, "f"), o.props);
    await plugin.delete(c.id, u, c.props);
    assert.equal((await plugin.read(c.id, u, c.props)).id, "");
    await plugin.delete(name, bucketUrn, bucketProps);
  });
});

function withoutKey<T extends Record<string, unknown>>(o: T, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...o };
  delete copy[key];
  return copy;
}

describe("CloudFront, ACM and Route 53 against moto", () => {
  const OAC = "aws:cloudfront/originAccessControl:OriginAccessControl";
  const DIST = "aws:cloudfront/distribution:Distribution";
  const CERT = "aws:acm/certificate:Certificate";
  const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
  const RECORD = "aws:route53/record:Record";
  const CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
  const bucketName = "standin-cf-origin";
  // The certificate's provider: an explicit one with region us-east-1, as the component will make it.
  let useast1: Plugin;
  let zoneId: string;

  before(async () => {
    await plugin.create(urn(BUCKET, "cf-origin"), { bucket: bucketName });
    useast1 = await startPlugin(EXE, { cwd: programDir });
    await useast1.configure({ ...stackConfig(moto.endpoint), region: "us-east-1" });
    const { Route53Client, CreateHostedZoneCommand } = await import("@aws-sdk/client-route-53");
    const r53 = new Route53Client({
      region: "us-east-1",
      endpoint: moto.endpoint,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    zoneId = (
      await r53.send(new CreateHostedZoneCommand({ Name: "standin.example", CallerReference: "standin-zone" }))
    ).HostedZone!.Id!.replace("/hostedzone/", "");
  });
  after(async () => {
    await useast1?.stop();
  });

  const distInputs = (oacId: string, extra: Record<string, unknown> = {}) => ({
    enabled: true,
    origins: [{ domainName: `${bucketName}.s3.eu-west-1.amazonaws.com`, originId: "s3", originAccessControlId: oacId }],
    defaultCacheBehavior: {
      targetOriginId: "s3",
      viewerProtocolPolicy: "https-only",
      allowedMethods: ["GET", "HEAD"],
      cachedMethods: ["GET", "HEAD"],
      cachePolicyId: CACHING_OPTIMIZED,
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
    priceClass: "PriceClass_100",
    ...extra,
  });

  it("getZone finds the hosted zone by name and by id; refuses an unimplemented argument", async () => {
    const byName = await plugin.invoke("aws:route53/getZone:getZone", { name: "standin.example." });
    assert.deepEqual(byName.failures, []);
    assert.equal(byName.outputs.zoneId, zoneId);
    assert.equal(byName.outputs.name, "standin.example");
    assert.equal((byName.outputs.nameServers as string[]).length, 4);
    assert.equal((await plugin.invoke("aws:route53/getZone:getZone", { zoneId })).outputs.name, "standin.example");
    assert.match(
      (await plugin.invoke("aws:route53/getZone:getZone", { name: "standin.example", vpcId: "vpc-1" })).failures[0]!.reason,
      /"vpcId" is an input .* not implemented by the stand-in/,
    );
    await assert.rejects(
      plugin.invoke("aws:route53/getZone:getZone", { name: "nothing.example" }),
      /no matching Route 53 Hosted Zone found/,
    );
  });

  it("origin access control: auto-named, checked, created, read, name change is an update, deleted", async () => {
    const u = urn(OAC, "files-oac");
    const inputs = { originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" };
    const checked = await plugin.check(u, inputs, {}, new Uint8Array([7]));
    assert.deepEqual(checked.failures, []);
    assert.match(String(checked.inputs.name), /^files-oac-[0-9a-f]{7}$/);
    assert.equal((await plugin.check(u, { ...inputs, signingBehavior: "sometimes" })).failures[0]!.property, "signingBehavior");
    // CloudFront's limits: name 1-64 (an auto-name from a long resource name breaks it), description 0-256.
    const longName = await plugin.check(urn(OAC, `${"n".repeat(53)}-oac`), inputs, {}, new Uint8Array([7]));
    assert.match(longName.failures[0]!.reason, /expected length of name to be in the range \(1 - 64\)/);
    assert.deepEqual((await plugin.check(urn(OAC, `${"n".repeat(52)}-oac`), inputs, {}, new Uint8Array([7]))).failures, []);
    assert.equal((await plugin.check(u, { ...inputs, description: "d".repeat(257) })).failures[0]!.property, "description");
    const c = await plugin.create(u, checked.inputs);
    assert.match(c.id, /^[A-Z0-9]{13}$/);
    assert.equal(c.props.description, "Managed by Pulumi");
    assert.equal(c.props.arn, `arn:aws:cloudfront::123456789012:origin-access-control/${c.id}`);
    assert.ok(c.props.etag);
    const r = await plugin.read(c.id, u, c.props);
    assert.deepEqual(r.props, c.props);
    const renamed = { ...checked.inputs, name: "files-oac-renamed" };
    assert.deepEqual(await plugin.diff(c.id, u, c.props, renamed), { changes: "some", replaces: [] });
    assert.deepEqual(await plugin.diff(c.id, u, c.props, checked.inputs), { changes: "none", replaces: [] });
    const up = await plugin.update(c.id, u, c.props, renamed);
    assert.equal((await plugin.read(c.id, u, up)).props.name, "files-oac-renamed");
    await plugin.delete(c.id, u, up);
    assert.equal((await plugin.read(c.id, u, up)).id, "");
  });

  it("distribution: honesty, create (waits for Deployed), read, origin change is an update, disable+delete", async () => {
    const oac = await plugin.create(urn(OAC, "d-oac"), {
      name: "d-oac",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    const u = urn(DIST, "files");
    const inputs = distInputs(oac.id, { tags: { app: "alexa" } });
    assert.deepEqual((await plugin.check(u, inputs)).failures, []);
    const bad = await plugin.check(u, {
      ...inputs,
      loggingConfig: { bucket: "x" },
      origins: [{ ...inputs.origins[0], customOriginConfig: { httpPort: 80 } }],
      defaultCacheBehavior: { ...inputs.defaultCacheBehavior, viewerProtocolPolicy: "https-maybe" },
    });
    const byProp = Object.fromEntries(bad.failures.map((f) => [f.property, f.reason]));
    assert.match(byProp.loggingConfig!, /not implemented by the stand-in/);
    const longComment = await plugin.check(u, { ...inputs, comment: "c".repeat(129) });
    assert.match(longComment.failures[0]!.reason, /expected length of comment to be in the range \(0 - 128\)/);
    assert.deepEqual((await plugin.check(u, { ...inputs, comment: "c".repeat(128) })).failures, []);
    assert.match(byProp["origins[0].customOriginConfig"]!, /not implemented by the stand-in/);
    assert.match(byProp["defaultCacheBehavior.viewerProtocolPolicy"]!, /one of/);
    assert.equal(
      (await plugin.check(u, { ...inputs, restrictions: { geoRestriction: {} } })).failures[0]!.property,
      "restrictions.geoRestriction.restrictionType",
    );

    const c = await plugin.create(u, inputs);
    assert.match(c.id, /^[A-Z0-9]{13}$/);
    assert.equal(c.props.status, "Deployed");
    assert.equal(c.props.hostedZoneId, "Z2FDTNDATAQYW2");
    assert.match(String(c.props.domainName), /\.cloudfront\.net$/);
    assert.equal(c.props.arn, `arn:aws:cloudfront::123456789012:distribution/${c.id}`);
    assert.ok(c.props.etag);
    assert.deepEqual(c.props.tagsAll, { app: "alexa" });
    const r = await plugin.read(c.id, u, c.props);
    assert.deepEqual((r.props.origins as Record<string, unknown>[])[0]!.originAccessControlId, oac.id, "moto keeps the OAC id (serve.py)");
    assert.deepEqual(await plugin.diff(c.id, u, r.props, inputs), { changes: "none", replaces: [] });

    // An OAC in use is not deleted (AWS: OriginAccessControlInUse; serve.py makes moto refuse too).
    await assert.rejects(plugin.delete(oac.id, urn(OAC, "d-oac"), oac.props), /OriginAccessControlInUse/);

    const moved = distInputs(oac.id, { tags: { app: "alexa", stage: "dev" }, origins: [{ ...inputs.origins[0], originPath: "/files" }] });
    assert.deepEqual(await plugin.diff(c.id, u, c.props, moved), { changes: "some", replaces: [] });
    const up = await plugin.update(c.id, u, c.props, moved);
    const r2 = await plugin.read(c.id, u, up);
    assert.equal((r2.props.origins as Record<string, unknown>[])[0]!.originPath, "/files");
    assert.deepEqual(r2.props.tags, { app: "alexa", stage: "dev" });

    // Without a cache policy, AWS requires forwardedValues (moto would fill in a default).
    await assert.rejects(
      plugin.update(
        c.id,
        u,
        up,
        distInputs(oac.id, { defaultCacheBehavior: { ...withoutKey(inputs.defaultCacheBehavior, "cachePolicyId"), minTtl: 0 } }),
      ),
      /ForwardedValues is required/,
    );

    await plugin.delete(c.id, u, up);
    assert.equal((await plugin.read(c.id, u, up)).id, "");
    await plugin.delete(oac.id, urn(OAC, "d-oac"), oac.props);
  });

  it("certificate (us-east-1 provider) + validation records + validation, then a distribution on the custom domain with an alias record", async () => {
    const cu = urn(CERT, "files-cert");
    const certInputs = { domainName: "links.standin.example", validationMethod: "DNS", tags: { app: "alexa" } };
    assert.deepEqual((await useast1.check(cu, certInputs)).failures, []);
    assert.match((await useast1.check(cu, { ...certInputs, validationMethod: "EMAIL" })).failures[0]!.reason, /only "DNS"/);
    for (const domainName of [`${"a".repeat(251)}.ex`, "links.standin.example."])
      assert.equal((await useast1.check(cu, { ...certInputs, domainName })).failures[0]?.property, "domainName", domainName);
    assert.match(
      (await useast1.check(cu, { ...certInputs, region: "us-east-1" })).failures[0]!.reason,
      /"region" is an input .* not implemented/,
    );
    const cert = await useast1.create(cu, certInputs);
    assert.match(cert.id, /^arn:aws:acm:us-east-1:123456789012:certificate\//);
    assert.equal(cert.props.status, "PENDING_VALIDATION");
    const dvo = (cert.props.domainValidationOptions as Record<string, string>[])[0]!;
    assert.equal(dvo.domainName, "links.standin.example");
    assert.equal(dvo.resourceRecordType, "CNAME");
    assert.deepEqual(await useast1.diff(cert.id, cu, cert.props, { ...certInputs, domainName: "other.standin.example" }), {
      changes: "some",
      replaces: ["domainName"],
    });
    assert.deepEqual(await useast1.diff(cert.id, cu, cert.props, { ...certInputs, tags: { app: "other" } }), {
      changes: "some",
      replaces: [],
    });
    const tagged = await useast1.update(cert.id, cu, cert.props, { ...certInputs, tags: { app: "other" } });
    assert.deepEqual((await useast1.read(cert.id, cu, tagged)).props.tags, { app: "other" });

    const vu = urn(VALIDATION, "files-cert-validation");
    // The validation refuses a record list that misses the certificate's record, as the real one.
    await assert.rejects(
      useast1.create(vu, { certificateArn: cert.id, validationRecordFqdns: ["x.standin.example"] }),
      /missing links.standin.example DNS validation record/,
    );

    const ru = urn(RECORD, "files-cert-record");
    const recInputs = {
      zoneId,
      name: dvo.resourceRecordName,
      type: dvo.resourceRecordType,
      ttl: 60,
      records: [dvo.resourceRecordValue],
      allowOverwrite: true,
    };
    assert.deepEqual((await plugin.check(ru, recInputs)).failures, []);
    assert.equal((await plugin.check(ru, withoutKey(recInputs, "ttl"))).failures[0]!.property, "ttl");
    assert.match((await plugin.check(ru, { ...recInputs, setIdentifier: "a" })).failures[0]!.reason, /not implemented by the stand-in/);
    const rec = await plugin.create(ru, recInputs);
    assert.equal(rec.id, `${zoneId}_${String(dvo.resourceRecordName).replace(/\.$/, "")}_CNAME`);
    assert.equal(rec.props.name, String(dvo.resourceRecordName).replace(/\.$/, ""));

    // A validation timing out (customTimeouts) is the real provider's behaviour while DNS is missing; here it is present.
    const v = await useast1.create(vu, { certificateArn: cert.id, validationRecordFqdns: [rec.props.fqdn as string] });
    assert.match(v.id, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/);
    assert.equal((await useast1.read(cert.id, cu, tagged)).props.status, "ISSUED");
    assert.equal((await useast1.read(v.id, vu, v.props)).id, v.id);
    assert.deepEqual(
      await useast1.diff(v.id, vu, v.props, { certificateArn: "arn:other", validationRecordFqdns: [`${String(rec.props.fqdn)}.`] }),
      { changes: "some", replaces: ["certificateArn"] },
    );

    const oac = await plugin.create(urn(OAC, "c-oac"), {
      name: "c-oac",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    const du = urn(DIST, "custom");
    const viewer = { acmCertificateArn: cert.id, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" };
    const d = await plugin.create(du, distInputs(oac.id, { aliases: ["links.standin.example"], viewerCertificate: viewer }));
    assert.deepEqual(d.props.aliases, ["links.standin.example"]);
    await assert.rejects(
      plugin.create(urn(DIST, "uncovered"), distInputs(oac.id, { aliases: ["nope.standin.example"], viewerCertificate: viewer })),
      /InvalidViewerCertificate/,
    );

    const au = urn(RECORD, "files-alias");
    const aliasInputs = {
      zoneId,
      name: "links",
      type: "A",
      aliases: [{ name: d.props.domainName, zoneId: d.props.hostedZoneId, evaluateTargetHealth: false }],
    };
    const a = await plugin.create(au, aliasInputs);
    assert.equal(a.props.fqdn, "links.standin.example");
    assert.equal(a.id, `${zoneId}_links_A`);
    const ar = await plugin.read(a.id, au, a.props);
    assert.deepEqual(ar.props.aliases, [{ name: d.props.domainName, zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false }]);
    assert.deepEqual(await plugin.diff(a.id, au, ar.props, aliasInputs), { changes: "none", replaces: [] });
    assert.deepEqual(await plugin.diff(a.id, au, a.props, { ...aliasInputs, type: "AAAA" }), { changes: "some", replaces: [] });
    assert.deepEqual(await plugin.diff(a.id, au, a.props, { ...aliasInputs, name: "www" }), { changes: "some", replaces: ["name"] });
    // A second record of the same name and type is refused (AWS; serve.py makes moto refuse too).
    await assert.rejects(plugin.create(urn(RECORD, "dup"), aliasInputs), /already exists/);
    const aaaa = await plugin.update(a.id, au, a.props, { ...aliasInputs, type: "AAAA" });
    assert.equal((await plugin.read(a.id, au, a.props)).id, "", "the A record was replaced by the AAAA one in one batch");
    assert.equal((await plugin.read(`${zoneId}_links_AAAA`, au, aaaa)).props.type, "AAAA");

    await plugin.delete(a.id, au, aaaa);
    assert.equal((await plugin.read(a.id, au, aaaa)).id, "");
    await plugin.delete(d.id, du, d.props);
    await plugin.delete(oac.id, urn(OAC, "c-oac"), oac.props);
    await useast1.delete(v.id, vu, v.props);
    await plugin.delete(rec.id, ru, rec.props);
    assert.equal((await plugin.read(rec.id, ru, rec.props)).id, "");
    await useast1.delete(cert.id, cu, tagged);
    assert.equal((await useast1.read(cert.id, cu, tagged)).id, "");
    assert.equal((await useast1.read(v.id, vu, v.props)).id, "", "a validation of a deleted certificate is gone on refresh");
  });

  it("refuses the cache policy type by name (moto serves no cache policies)", async () => {
    await assert.rejects(
      plugin.check(urn("aws:cloudfront/cachePolicy:CachePolicy", "cp"), { name: "cp" }),
      /does not implement resource type aws:cloudfront\/cachePolicy:CachePolicy/,
    );
  });
});

/**
 * The five S3 resource types the component registers, against the S3 API (moto in tests) with
 * AWS SDK v3. Behaviour follows the real provider (pulumi-aws 7 = terraform-provider-aws 6
 * bridged) for these types: auto-naming, force-new properties, ids, the outputs the component
 * reads, refresh reporting deletion with an empty id, delete of a non-empty bucket failing
 * unless forceDestroy, the bucket name's limits, and `BucketObjectv2.acl` as Optional + Computed
 * (the read never sets it, removing it is no diff, every upload sends the ACL held in state, a
 * PutObjectAcl only when acl changes alone).
 */
import { createHash, randomBytes } from "node:crypto";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketOwnershipControlsCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  DeletePublicAccessBlockCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  HeadObjectCommandOutput,
  ListObjectVersionsCommand,
  ObjectCannedACL,
  ObjectOwnership,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import { checkInputs } from "../shared/honesty";
import { packageFile, readInterface, readResourceToken, SdkInterface } from "../shared/sdkSchema";
import { CheckFailure, DiffResult, ResourceImpl } from "../shared/serve";
import { containsUnknown, defined, isUnknown, jsonEqual, Props, revealProps, rewrapSecrets } from "../shared/wire";
import { awsError, config, errorCode, httpStatus, partitionOf, s3Client, SDK } from "./config";

interface TypeSchema {
  token: string;
  args: SdkInterface;
}

function schema(module: string, name: string): TypeSchema {
  const token = readResourceToken(packageFile(SDK, `${module}.js`));
  return { token, args: readInterface(packageFile(SDK, `${module}.d.ts`), `${name}Args`) };
}

const BUCKET = schema("s3/bucket", "Bucket");
const OWNERSHIP = schema("s3/bucketOwnershipControls", "BucketOwnershipControls");
const ACCESS_BLOCK = schema("s3/bucketPublicAccessBlock", "BucketPublicAccessBlock");
const POLICY = schema("s3/bucketPolicy", "BucketPolicy");
const OBJECT = schema("s3/bucketObjectv2", "BucketObjectv2");
const OWNERSHIP_RULE = readInterface(packageFile(SDK, "types/input.d.ts"), "s3.BucketOwnershipControlsRule");

const OBJECT_OWNERSHIPS = Object.values(ObjectOwnership) as string[];
const OBJECT_ACLS = Object.values(ObjectCannedACL) as string[];

/** Compares one input: new value (maybe unknown) against the old state's value, with a default. */
function changed(news: Props, olds: Props, key: string, fallback?: unknown): boolean {
  const n = news[key];
  if (containsUnknown(n)) return true;
  const nv = n === undefined ? fallback : n;
  const ov = olds[key] === undefined ? fallback : olds[key];
  return !jsonEqual(nv, ov);
}

function diffOf(
  news: Props,
  olds: Props,
  keys: Record<string, { fallback?: unknown; forceNew?: boolean; skipIfAbsent?: boolean }>,
): DiffResult {
  const replaces: string[] = [];
  const diffs: string[] = [];
  for (const [key, opt] of Object.entries(keys)) {
    if (opt.skipIfAbsent && news[key] === undefined) continue;
    if (changed(news, olds, key, opt.fallback)) {
      diffs.push(key);
      if (opt.forceNew) replaces.push(key);
    }
  }
  return { changes: diffs.length > 0, replaces, diffs };
}

function notFound(e: unknown, ...codes: string[]): boolean {
  const code = errorCode(e);
  return httpStatus(e) === 404 || (code !== undefined && (codes.includes(code) || code === "NoSuchBucket" || code === "NotFound"));
}

function plain(props: Props): Props {
  return revealProps(props).values;
}

// ---------------------------------------------------------------------------------------------
// aws:s3/bucket:Bucket

/**
 * pulumi-aws maps `bucket` with `tfbridge.AutoNameTransform("bucket", 63, strings.ToLower)`: the
 * lowercased resource name, "-", 7 characters of [0-9a-f] drawn from the engine's per-resource
 * random seed (`resource.NewUniqueName`), at most 63 characters; an old value is kept on update.
 * The characters differ from the real provider's (it feeds the seed to frand), the rule does not.
 */
export function autoBucketName(resourceName: string, seed: Uint8Array): string {
  const prefix = `${resourceName.toLowerCase()}-`;
  if (prefix.length + 7 > 63) throw new Error(`name '${prefix}' plus 7 random chars is longer than maximum length 63`);
  const bytes = seed.length > 0 ? createHash("sha256").update(seed).digest() : randomBytes(32);
  const hex = "0123456789abcdef";
  let suffix = "";
  for (let i = 0; i < 7; i++) suffix += hex[bytes[i]! % 16];
  return prefix + suffix;
}

/** terraform-provider-aws `validation.StringLenBetween(0, max)` on string inputs that are known. */
function lengthFailures(news: Props, limits: Record<string, number>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [key, max] of Object.entries(limits)) {
    const value = revealProps({ v: news[key] }).values.v;
    if (typeof value === "string" && !isUnknown(value) && value.length > max)
      failures.push({ property: key, reason: `expected length of ${key} to be in the range (0 - ${max}), got ${value}` });
  }
  return failures;
}

/**
 * terraform-provider-aws `validBucketName` outside us-east-1's legacy rules (and S3's own rules
 * everywhere since 2020): 3-63 characters, lowercase letters, digits, "." and "-", starting and
 * ending with a letter or digit, no "..", not an IP address.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "length must be between 3 and 63 characters";
  if (!/^[a-z0-9.-]+$/.test(name)) return "only lowercase alphanumeric characters, hyphens and periods allowed";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must begin and end with a lowercase letter or number";
  if (name.includes("..")) return "cannot have two periods in a row";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "must not be formatted as an IP address";
  return undefined;
}

let uniqueCounter = 0;
/** terraform-plugin-sdk `id.PrefixedUniqueId`: prefix + UTC yyyymmddhhmmss + 4 fraction digits + 8 hex counter. */
export function prefixedUniqueId(prefix: string): string {
  const d = new Date();
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const stamp = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}${p(d.getUTCMilliseconds(), 3)}0`;
  uniqueCounter++;
  return `${prefix}${stamp}${uniqueCounter.toString(16).padStart(8, "0")}`;
}

function bucketOutputs(name: string, region: string, inputs: Props): Props {
  const { name: partition, dnsSuffix } = partitionOf(region);
  return defined({
    bucket: name,
    bucketPrefix: typeof inputs.bucketPrefix === "string" ? inputs.bucketPrefix : "",
    forceDestroy: inputs.forceDestroy === true,
    arn: `arn:${partition}:s3:::${name}`,
    bucketDomainName: `${name}.s3.${dnsSuffix}`,
    bucketRegionalDomainName: `${name}.s3.${region}.${dnsSuffix}`,
    bucketRegion: region,
    region,
  });
}

async function bucketRegion(name: string): Promise<string | undefined> {
  try {
    await s3Client().send(new HeadBucketCommand({ Bucket: name }));
  } catch (e) {
    if (notFound(e)) return undefined;
    throw awsError(`reading S3 Bucket (${name})`, e);
  }
  const location = await s3Client().send(new GetBucketLocationCommand({ Bucket: name }));
  const c = location.LocationConstraint as string | undefined;
  return !c ? "us-east-1" : c === "EU" ? "eu-west-1" : c;
}

async function emptyBucket(name: string): Promise<void> {
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (;;) {
    const page = await s3Client().send(
      new ListObjectVersionsCommand({ Bucket: name, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
    );
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
      .filter((v) => v.Key !== undefined)
      .map((v) => ({ Key: v.Key!, ...(v.VersionId && v.VersionId !== "null" ? { VersionId: v.VersionId } : {}) }));
    if (objects.length > 0) await s3Client().send(new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: objects, Quiet: true } }));
    if (!page.IsTruncated) return;
    keyMarker = page.NextKeyMarker;
    versionMarker = page.NextVersionIdMarker;
  }
}

export const bucket: ResourceImpl = {
  async check({ name, olds, news, randomSeed }) {
    const failures: CheckFailure[] = checkInputs(news, {
      token: BUCKET.token,
      sdkPackage: SDK,
      args: BUCKET.args,
      implemented: new Set(["bucket", "bucketPrefix", "forceDestroy"]),
    });
    const inputs: Props = { ...news };
    if (news.bucket !== undefined && news.bucketPrefix !== undefined) {
      failures.push({ property: "bucket", reason: '"bucket": conflicts with bucketPrefix' });
    }
    failures.push(...lengthFailures(news, { bucket: 63, bucketPrefix: 63 - 26 }));
    if (inputs.bucket === undefined && inputs.bucketPrefix === undefined) {
      if (typeof olds.bucket === "string" && olds.bucketPrefix === undefined) inputs.bucket = olds.bucket;
      else {
        try {
          inputs.bucket = autoBucketName(name, randomSeed);
        } catch (e) {
          failures.push({ property: "bucket", reason: (e as Error).message });
        }
      }
    }
    return { inputs, failures };
  },
  async diff({ olds, news }) {
    return diffOf(news, olds, {
      bucket: { forceNew: true, skipIfAbsent: true },
      bucketPrefix: { forceNew: true, fallback: "" },
      forceDestroy: { fallback: false },
    });
  },
  async create({ inputs, preview }) {
    const { values, secretKeys } = revealProps(inputs);
    const region = config().region;
    const name = typeof values.bucket === "string" ? values.bucket : prefixedUniqueId(String(values.bucketPrefix));
    if (preview) return { id: "", outs: inputs };
    const invalid = bucketNameProblem(name);
    if (invalid) throw new Error(`validating S3 Bucket (${name}) name: ${invalid}`);
    try {
      await s3Client().send(
        new CreateBucketCommand({
          Bucket: name,
          ...(region !== "us-east-1" ? { CreateBucketConfiguration: { LocationConstraint: region as never } } : {}),
        }),
      );
    } catch (e) {
      throw awsError(`creating S3 Bucket (${name})`, e);
    }
    return { id: name, outs: rewrapSecrets(bucketOutputs(name, region, values), secretKeys) };
  },
  async read({ id, props, inputs }) {
    const region = await bucketRegion(id);
    if (region === undefined) return { id: "" };
    const state = plain(props);
    return { id, props: bucketOutputs(id, region, state), inputs: inputs ?? defined({ bucket: id, forceDestroy: false }) };
  },
  async update({ olds, news }) {
    // Only forceDestroy updates in place (a state-only flag); bucket/bucketPrefix replace.
    const { values, secretKeys } = revealProps(news);
    return { outs: rewrapSecrets({ ...plain(olds), forceDestroy: values.forceDestroy === true }, secretKeys) };
  },
  async delete({ id, props }) {
    const state = plain(props);
    try {
      if (state.forceDestroy === true) await emptyBucket(id);
      await s3Client().send(new DeleteBucketCommand({ Bucket: id }));
    } catch (e) {
      if (errorCode(e) === "NoSuchBucket") return;
      throw awsError(`deleting S3 Bucket (${id})`, e);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// aws:s3/bucketOwnershipControls:BucketOwnershipControls (id = bucket name; bucket force-new)

function ruleFailures(rule: unknown): CheckFailure[] {
  if (rule === undefined || isUnknown(rule)) return [];
  if (typeof rule !== "object" || rule === null || Array.isArray(rule))
    return [{ property: "rule", reason: `"rule" must be an object {objectOwnership}, got ${JSON.stringify(rule)}` }];
  const failures: CheckFailure[] = [];
  for (const k of Object.keys(rule)) {
    if (!OWNERSHIP_RULE.properties.has(k))
      failures.push({
        property: `rule.${k}`,
        reason: `unknown property "rule.${k}": ${OWNERSHIP.token} rule has no "${k}" (${OWNERSHIP_RULE.name})`,
      });
  }
  const o = (rule as Props).objectOwnership;
  if (o === undefined) failures.push({ property: "rule.objectOwnership", reason: "Missing required property 'rule.objectOwnership'" });
  else if (!isUnknown(o) && !OBJECT_OWNERSHIPS.includes(o as string)) {
    failures.push({
      property: "rule.objectOwnership",
      reason: `expected rule.objectOwnership to be one of [${OBJECT_OWNERSHIPS.join(" ")}], got ${JSON.stringify(o)}`,
    });
  }
  return failures;
}

async function readOwnership(bucketName: string): Promise<string | undefined> {
  try {
    const out = await s3Client().send(new GetBucketOwnershipControlsCommand({ Bucket: bucketName }));
    return out.OwnershipControls?.Rules?.[0]?.ObjectOwnership;
  } catch (e) {
    if (notFound(e, "OwnershipControlsNotFoundError")) return undefined;
    throw awsError(`reading S3 Bucket Ownership Controls (${bucketName})`, e);
  }
}

async function putOwnership(v: Props): Promise<void> {
  const b = String(v.bucket);
  try {
    await s3Client().send(
      new PutBucketOwnershipControlsCommand({
        Bucket: b,
        OwnershipControls: { Rules: [{ ObjectOwnership: (v.rule as Props).objectOwnership as ObjectOwnership }] },
      }),
    );
  } catch (e) {
    throw awsError(`creating S3 Bucket Ownership Controls (${b})`, e);
  }
}

export const ownershipControls: ResourceImpl = {
  async check({ news }) {
    return {
      inputs: news,
      failures: [
        ...checkInputs(news, { token: OWNERSHIP.token, sdkPackage: SDK, args: OWNERSHIP.args, implemented: new Set(["bucket", "rule"]) }),
        ...ruleFailures(news.rule),
      ],
    };
  },
  async diff({ olds, news }) {
    return diffOf(news, olds, { bucket: { forceNew: true }, rule: {} });
  },
  async create({ inputs, preview }) {
    if (preview) return { id: "", outs: inputs };
    const { values, secretKeys } = revealProps(inputs);
    await putOwnership(values);
    return {
      id: String(values.bucket),
      outs: rewrapSecrets(defined({ bucket: values.bucket, rule: values.rule, region: config().region }), secretKeys),
    };
  },
  async read({ id, props, inputs }) {
    const ownership = await readOwnership(id);
    if (ownership === undefined) return { id: "" };
    return {
      id,
      props: { ...plain(props), bucket: id, rule: { objectOwnership: ownership }, region: config().region },
      ...(inputs ? { inputs } : {}),
    };
  },
  async update({ news }) {
    const { values, secretKeys } = revealProps(news);
    await putOwnership(values);
    return { outs: rewrapSecrets(defined({ bucket: values.bucket, rule: values.rule, region: config().region }), secretKeys) };
  },
  async delete({ id }) {
    // The real provider retries OperationAborted on this delete (and on no other write of these types).
    for (let attempt = 1; ; attempt++) {
      try {
        await s3Client().send(new DeleteBucketOwnershipControlsCommand({ Bucket: id }));
        return;
      } catch (e) {
        if (notFound(e, "OwnershipControlsNotFoundError")) return;
        if (errorCode(e) === "OperationAborted" && attempt < 60) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          continue;
        }
        throw awsError(`deleting S3 Bucket Ownership Controls (${id})`, e);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock (id = bucket name; bucket force-new)

const BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

function blockOutputs(v: Props): Props {
  const out: Props = { bucket: v.bucket, region: config().region };
  for (const f of BLOCK_FLAGS) out[f] = v[f] === true;
  return out;
}

async function putBlock(v: Props): Promise<void> {
  const b = String(v.bucket);
  try {
    await s3Client().send(
      new PutPublicAccessBlockCommand({
        Bucket: b,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: v.blockPublicAcls === true,
          BlockPublicPolicy: v.blockPublicPolicy === true,
          IgnorePublicAcls: v.ignorePublicAcls === true,
          RestrictPublicBuckets: v.restrictPublicBuckets === true,
        },
      }),
    );
  } catch (e) {
    throw awsError(`creating S3 Bucket (${b}) Public Access Block`, e);
  }
}

export const publicAccessBlock: ResourceImpl = {
  async check({ news }) {
    return {
      inputs: news,
      failures: checkInputs(news, {
        token: ACCESS_BLOCK.token,
        sdkPackage: SDK,
        args: ACCESS_BLOCK.args,
        implemented: new Set(["bucket", ...BLOCK_FLAGS]),
      }),
    };
  },
  async diff({ olds, news }) {
    const keys: Record<string, { fallback?: unknown; forceNew?: boolean }> = { bucket: { forceNew: true } };
    for (const f of BLOCK_FLAGS) keys[f] = { fallback: false };
    return diffOf(news, olds, keys);
  },
  async create({ inputs, preview }) {
    if (preview) return { id: "", outs: inputs };
    const { values, secretKeys } = revealProps(inputs);
    await putBlock(values);
    return { id: String(values.bucket), outs: rewrapSecrets(blockOutputs(values), secretKeys) };
  },
  async read({ id, props, inputs }) {
    try {
      const out = await s3Client().send(new GetPublicAccessBlockCommand({ Bucket: id }));
      const c = out.PublicAccessBlockConfiguration ?? {};
      return {
        id,
        props: {
          ...plain(props),
          bucket: id,
          region: config().region,
          blockPublicAcls: c.BlockPublicAcls === true,
          blockPublicPolicy: c.BlockPublicPolicy === true,
          ignorePublicAcls: c.IgnorePublicAcls === true,
          restrictPublicBuckets: c.RestrictPublicBuckets === true,
        },
        ...(inputs ? { inputs } : {}),
      };
    } catch (e) {
      if (notFound(e, "NoSuchPublicAccessBlockConfiguration")) return { id: "" };
      throw awsError(`reading S3 Bucket Public Access Block (${id})`, e);
    }
  },
  async update({ news }) {
    const { values, secretKeys } = revealProps(news);
    await putBlock(values);
    return { outs: rewrapSecrets(blockOutputs(values), secretKeys) };
  },
  async delete({ id }) {
    try {
      await s3Client().send(new DeletePublicAccessBlockCommand({ Bucket: id }));
    } catch (e) {
      if (notFound(e, "NoSuchPublicAccessBlockConfiguration")) return;
      throw awsError(`deleting S3 Bucket Public Access Block (${id})`, e);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// aws:s3/bucketPolicy:BucketPolicy (id = bucket name; bucket force-new; policy compared as JSON)

/** pulumi-aws applies `tfbridge.TransformJSONDocument` to `policy`: an object becomes its JSON text. */
function policyText(policy: unknown): unknown {
  return typeof policy === "object" && policy !== null && !isUnknown(policy) ? JSON.stringify(policy) : policy;
}

function parsePolicy(text: unknown): unknown {
  try {
    return typeof text === "string" ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Equivalent policies do not diff (the real provider suppresses equivalent-policy diffs). */
function samePolicy(a: unknown, b: unknown): boolean {
  const pa = parsePolicy(a);
  return pa !== undefined && jsonEqual(pa, parsePolicy(b));
}

export const bucketPolicy: ResourceImpl = {
  async check({ news }) {
    const failures = checkInputs(news, {
      token: POLICY.token,
      sdkPackage: SDK,
      args: POLICY.args,
      implemented: new Set(["bucket", "policy"]),
    });
    const inputs: Props = { ...news };
    if (news.policy !== undefined) inputs.policy = policyText(news.policy);
    const text = revealProps({ p: inputs.policy }).values.p;
    if (typeof text === "string" && !isUnknown(text) && parsePolicy(text) === undefined) {
      failures.push({ property: "policy", reason: `"policy" contains an invalid JSON policy: ${text.slice(0, 80)}` });
    }
    return { inputs, failures };
  },
  async diff({ olds, news }) {
    const result = diffOf(news, olds, { bucket: { forceNew: true } });
    const policyChanged = containsUnknown(news.policy) || !samePolicy(plain({ p: news.policy }).p, plain({ p: olds.policy }).p);
    const diffs = [...(result.diffs ?? []), ...(policyChanged ? ["policy"] : [])];
    return { changes: diffs.length > 0, replaces: result.replaces ?? [], diffs };
  },
  async create({ inputs, preview }) {
    if (preview) return { id: "", outs: inputs };
    const { values, secretKeys } = revealProps(inputs);
    const b = String(values.bucket);
    try {
      await s3Client().send(new PutBucketPolicyCommand({ Bucket: b, Policy: String(values.policy) }));
    } catch (e) {
      throw awsError(`putting S3 Bucket (${b}) Policy`, e);
    }
    return { id: b, outs: rewrapSecrets({ bucket: b, policy: values.policy, region: config().region }, secretKeys) };
  },
  async read({ id, props, inputs }) {
    let live: string | undefined;
    try {
      live = (await s3Client().send(new GetBucketPolicyCommand({ Bucket: id }))).Policy;
    } catch (e) {
      if (notFound(e, "NoSuchBucketPolicy")) return { id: "" };
      throw awsError(`reading S3 Bucket Policy (${id})`, e);
    }
    const state = plain(props);
    const policy = samePolicy(live, state.policy) ? state.policy : live;
    return { id, props: { ...state, bucket: id, policy, region: config().region }, ...(inputs ? { inputs } : {}) };
  },
  async update({ news }) {
    const { values, secretKeys } = revealProps(news);
    const b = String(values.bucket);
    try {
      await s3Client().send(new PutBucketPolicyCommand({ Bucket: b, Policy: String(values.policy) }));
    } catch (e) {
      throw awsError(`putting S3 Bucket (${b}) Policy`, e);
    }
    return { outs: rewrapSecrets({ bucket: b, policy: values.policy, region: config().region }, secretKeys) };
  },
  async delete({ id }) {
    try {
      await s3Client().send(new DeleteBucketPolicyCommand({ Bucket: id }));
    } catch (e) {
      if (notFound(e, "NoSuchBucketPolicy")) return;
      throw awsError(`deleting S3 Bucket Policy (${id})`, e);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// aws:s3/bucketObjectv2:BucketObjectv2 (id = key; bucket and key force-new)

function objectOutputs(v: Props, head: HeadObjectCommandOutput): Props {
  const region = config().region;
  const { name: partition } = partitionOf(region);
  return defined({
    bucket: v.bucket,
    key: v.key,
    content: v.content,
    acl: v.acl,
    contentType: head.ContentType,
    etag: head.ETag?.replace(/"/g, ""),
    versionId: head.VersionId ?? "",
    storageClass: head.StorageClass ?? "STANDARD",
    forceDestroy: false,
    arn: `arn:${partition}:s3:::${String(v.bucket)}/${String(v.key)}`,
    region,
  });
}

async function putObject(v: Props): Promise<HeadObjectCommandOutput> {
  const Bucket = String(v.bucket);
  const Key = String(v.key);
  const put = new PutObjectCommand({
    Bucket,
    Key,
    Body: typeof v.content === "string" ? v.content : "",
    ...(typeof v.contentType === "string" ? { ContentType: v.contentType } : {}),
    ...(typeof v.acl === "string" ? { ACL: v.acl as ObjectCannedACL } : {}),
  });
  if (typeof v.contentType !== "string") {
    // The JS SDK's serializer sends "application/octet-stream" when ContentType is not given; the
    // real provider (Go SDK) sends none, and S3 then stores "binary/octet-stream". Send none.
    put.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers) delete request.headers["content-type"];
        return next(args);
      },
      { step: "build", name: "standInNoDefaultContentType" },
    );
  }
  try {
    await s3Client().send(put);
    return await s3Client().send(new HeadObjectCommand({ Bucket, Key }));
  } catch (e) {
    throw awsError(`uploading S3 Object (${Key}) to Bucket (${Bucket})`, e);
  }
}

export const bucketObject: ResourceImpl = {
  async check({ news }) {
    const failures = checkInputs(news, {
      token: OBJECT.token,
      sdkPackage: SDK,
      args: OBJECT.args,
      implemented: new Set(["bucket", "key", "content", "contentType", "acl"]),
    });
    if (news.key === undefined) {
      failures.push({
        property: "key",
        reason:
          '"key" is not given: the real provider defaults it from the resource name, which is not implemented by the stand-in; pass key',
      });
    }
    const acl = revealProps({ a: news.acl }).values.a;
    if (typeof acl === "string" && !isUnknown(acl) && !OBJECT_ACLS.includes(acl)) {
      failures.push({ property: "acl", reason: `expected acl to be one of [${OBJECT_ACLS.join(" ")}], got ${JSON.stringify(acl)}` });
    }
    return { inputs: news, failures };
  },
  async diff({ olds, news }) {
    return diffOf(news, olds, {
      bucket: { forceNew: true },
      key: { forceNew: true },
      content: {},
      // Optional + computed: without an input the live value stands.
      contentType: { skipIfAbsent: true },
      // Optional + Computed in terraform-provider-aws (aws_s3_object): removing acl is no diff,
      // and the state keeps the ACL last applied.
      acl: { skipIfAbsent: true },
    });
  },
  async create({ inputs, preview }) {
    if (preview) return { id: "", outs: inputs };
    const { values, secretKeys } = revealProps(inputs);
    const head = await putObject(values);
    return { id: String(values.key), outs: rewrapSecrets(objectOutputs(values, head), secretKeys) };
  },
  async read({ id, props, inputs }) {
    const state = plain(props);
    const Bucket = String(state.bucket);
    const Key = typeof state.key === "string" ? state.key : id;
    let head: HeadObjectCommandOutput;
    try {
      head = await s3Client().send(new HeadObjectCommand({ Bucket, Key }));
    } catch (e) {
      if (notFound(e, "NoSuchKey")) return { id: "" };
      throw awsError(`reading S3 Object (${Key}) in Bucket (${Bucket})`, e);
    }
    // The body is not read back (neither does the real provider): content drift shows in etag only.
    // Nor is the ACL: the real read never sets acl, so the state keeps the one last applied.
    return { id, props: objectOutputs({ ...state, key: Key }, head), ...(inputs ? { inputs } : {}) };
  },
  async update({ olds, news }) {
    const revealed = revealProps(news);
    const { secretKeys } = revealed;
    const old = plain(olds);
    // acl is Optional + Computed: without an input the state's ACL stands, and the real provider
    // sends it with every upload (resourceObjectUpload reads d.Get("acl")).
    const values: Props = { ...revealed.values, acl: revealed.values.acl ?? old.acl };
    let head: HeadObjectCommandOutput;
    const contentChanged =
      !jsonEqual(values.content, old.content) || (values.contentType !== undefined && values.contentType !== old.contentType);
    if (contentChanged) head = await putObject(values);
    else {
      const Bucket = String(values.bucket);
      const Key = String(values.key);
      try {
        // PutObjectAcl only when acl changes (d.HasChange("acl")) and nothing is uploaded.
        if (typeof values.acl === "string" && values.acl !== old.acl)
          await s3Client().send(new PutObjectAclCommand({ Bucket, Key, ACL: values.acl as ObjectCannedACL }));
        head = await s3Client().send(new HeadObjectCommand({ Bucket, Key }));
      } catch (e) {
        throw awsError(`updating S3 Object (${Key}) in Bucket (${Bucket})`, e);
      }
    }
    return { outs: rewrapSecrets(objectOutputs(values, head), secretKeys) };
  },
  async delete({ id, props }) {
    const state = plain(props);
    const Bucket = String(state.bucket);
    const Key = typeof state.key === "string" ? state.key : id;
    try {
      const versions = await s3Client().send(new ListObjectVersionsCommand({ Bucket, Prefix: Key }));
      const mine = [...(versions.Versions ?? []), ...(versions.DeleteMarkers ?? [])].filter(
        (v) => v.Key === Key && v.VersionId && v.VersionId !== "null",
      );
      if (mine.length === 0) await s3Client().send(new DeleteObjectCommand({ Bucket, Key }));
      for (const v of mine) await s3Client().send(new DeleteObjectCommand({ Bucket, Key, VersionId: v.VersionId }));
    } catch (e) {
      if (notFound(e, "NoSuchKey")) return;
      throw awsError(`deleting S3 Bucket (${Bucket}) Object (${Key})`, e);
    }
  },
};

export const resources: Record<string, ResourceImpl> = {
  [BUCKET.token]: bucket,
  [OWNERSHIP.token]: ownershipControls,
  [ACCESS_BLOCK.token]: publicAccessBlock,
  [POLICY.token]: bucketPolicy,
  [OBJECT.token]: bucketObject,
};

/**
 * The functions the component (and @pulumi/aws's SDK side) call at run time:
 * `aws.getRegionOutput({})` (src/alexaAppLinking.ts, src/accessToken/lookup.ts) and
 * `aws.getCallerIdentityOutput({})` (the default bucket name). Arguments are checked against
 * `Get<Name>Args` in node_modules/@pulumi/aws like resource inputs.
 */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { checkInputs } from "../shared/honesty";
import { packageFile, readInterface, readInvokeToken } from "../shared/sdkSchema";
import { CheckFailure } from "../shared/serve";
import { Props, reveal } from "../shared/wire";
import { awsError, config, knownAccountId, partitionOf, resolvedCredentials, SDK, stsClient } from "./config";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac } from "node:crypto";

const REGION_TOKEN = readInvokeToken(packageFile(SDK, "getRegion.js"));
const REGION_ARGS = readInterface(packageFile(SDK, "getRegion.d.ts"), "GetRegionArgs");
const IDENTITY_TOKEN = readInvokeToken(packageFile(SDK, "getCallerIdentity.js"));
const IDENTITY_ARGS = readInterface(packageFile(SDK, "getCallerIdentity.d.ts"), "GetCallerIdentityArgs");
const ACCOUNT_BLOCK_TOKEN = readInvokeToken(packageFile(SDK, "s3/getAccountPublicAccessBlock.js"));
const ACCOUNT_BLOCK_ARGS = readInterface(packageFile(SDK, "s3/getAccountPublicAccessBlock.d.ts"), "GetAccountPublicAccessBlockArgs");

async function getRegion(args: Props): Promise<{ outputs: Props; failures?: CheckFailure[] }> {
  const failures = checkInputs(args, { token: REGION_TOKEN, sdkPackage: SDK, args: REGION_ARGS, implemented: new Set(["region", "name"]) });
  if (failures.length > 0) return { outputs: {}, failures };
  const v = reveal(args) as Props;
  const region = (v.region as string | undefined) ?? (v.name as string | undefined) ?? config().region;
  const p = partitionOf(region);
  if (p.description === undefined && !config().skipRegionValidation) {
    return { outputs: {}, failures: [{ property: "region", reason: `no region "${region}" in the AWS partition table` }] };
  }
  // terraform-provider-aws 6 data source aws_region: the EC2 endpoint host of the region.
  return { outputs: { region, name: region, id: region, endpoint: `ec2.${region}.${p.dnsSuffix}`, description: p.description ?? "" } };
}

async function getCallerIdentity(args: Props): Promise<{ outputs: Props; failures?: CheckFailure[] }> {
  const failures = checkInputs(args, { token: IDENTITY_TOKEN, sdkPackage: SDK, args: IDENTITY_ARGS, implemented: new Set() });
  if (failures.length > 0) return { outputs: {}, failures };
  try {
    const out = await stsClient().send(new GetCallerIdentityCommand({}));
    return { outputs: { accountId: out.Account ?? "", arn: out.Arn ?? "", userId: out.UserId ?? "", id: out.Account ?? "" } };
  } catch (e) {
    throw awsError("reading STS Caller Identity", e);
  }
}

const bytes = (d: string | ArrayBuffer | ArrayBufferView): Buffer =>
  typeof d === "string" ? Buffer.from(d) : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

/** node:crypto as the SigV4 signer's hash. */
class Sha256 {
  private readonly hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/**
 * terraform-provider-aws data source aws_s3_account_public_access_block: s3control
 * GetPublicAccessBlock for `accountId` (default: the provider's account id); a missing
 * configuration is an error ("couldn't find resource"), as there. moto serves s3control on its
 * one port; the stand-in calls `aws:endpoints` s3control only (it never reaches AWS).
 */
async function getAccountPublicAccessBlock(args: Props): Promise<{ outputs: Props; failures?: CheckFailure[] }> {
  const failures = checkInputs(args, {
    token: ACCOUNT_BLOCK_TOKEN,
    sdkPackage: SDK,
    args: ACCOUNT_BLOCK_ARGS,
    implemented: new Set(["accountId"]),
  });
  if (failures.length > 0) return { outputs: {}, failures };
  const cfg = config();
  const v = reveal(args) as Props;
  const accountId = (v.accountId as string | undefined) || knownAccountId();
  if (!accountId)
    throw new Error("reading S3 Account Public Access Block: the provider's account id is unknown (aws:skipRequestingAccountId)");
  const endpoint = cfg.endpoints.s3control;
  if (!endpoint) {
    throw new Error(
      `reading S3 Account Public Access Block (${accountId}): the stand-in aws provider has no aws:endpoints s3control and never reaches AWS`,
    );
  }
  const url = new URL("/v20180820/configuration/publicAccessBlock", endpoint);
  const credentials = await resolvedCredentials();
  const signer = new SignatureV4({ credentials, region: cfg.region, service: "s3", sha256: Sha256 });
  const signed = await signer.sign({
    method: "GET",
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: {},
    headers: { host: url.host, "x-amz-account-id": accountId },
  });
  const response = await fetch(url, { headers: signed.headers as Record<string, string> });
  const body = await response.text();
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
  if (response.status !== 200) {
    const code = tag("Code") ?? "UnknownError";
    if (code === "NoSuchPublicAccessBlockConfiguration")
      throw new Error(`reading S3 Account Public Access Block (${accountId}): couldn't find resource`);
    throw new Error(
      `reading S3 Account Public Access Block (${accountId}): operation error S3 Control: GetPublicAccessBlock, https response error StatusCode: ${response.status}, api error ${code}: ${tag("Message") ?? ""}`,
    );
  }
  const flag = (name: string) => tag(name) === "true";
  return {
    outputs: {
      accountId,
      id: accountId,
      blockPublicAcls: flag("BlockPublicAcls"),
      blockPublicPolicy: flag("BlockPublicPolicy"),
      ignorePublicAcls: flag("IgnorePublicAcls"),
      restrictPublicBuckets: flag("RestrictPublicBuckets"),
    },
  };
}

export const invokes = {
  [REGION_TOKEN]: getRegion,
  [IDENTITY_TOKEN]: getCallerIdentity,
  [ACCOUNT_BLOCK_TOKEN]: getAccountPublicAccessBlock,
};

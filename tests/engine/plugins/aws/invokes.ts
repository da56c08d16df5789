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
import { awsError, config, partitionOf, SDK, stsClient } from "./config";

const REGION_TOKEN = readInvokeToken(packageFile(SDK, "getRegion.js"));
const REGION_ARGS = readInterface(packageFile(SDK, "getRegion.d.ts"), "GetRegionArgs");
const IDENTITY_TOKEN = readInvokeToken(packageFile(SDK, "getCallerIdentity.js"));
const IDENTITY_ARGS = readInterface(packageFile(SDK, "getCallerIdentity.d.ts"), "GetCallerIdentityArgs");

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

export const invokes = {
  [REGION_TOKEN]: getRegion,
  [IDENTITY_TOKEN]: getCallerIdentity,
};

import * as fs from "node:fs";
import * as https from "node:https";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import { accountProblem, type SdkAccessPlan } from "./awsSdkAccess";
import { boundClient, sdkErrorSummary, signingSecrets } from "./sdkClient";

/**
 * Runs an SdkAccessPlan (src/shared/awsSdkAccess.ts): the credential chain of the stack's aws
 * provider, for the package's own SDK clients. Every STS call is bounded like every other SDK
 * call (deadline, body cap, redacted errors: src/shared/sdkClient.ts).
 */

/** Deadline of one STS call, its retries included, and the most of an answer read. */
export const STS_TIMEOUT_MS = 30_000;
export const STS_MAX_BODY_BYTES = 256 * 1024;

export interface SdkAccess {
  /** Settings for a client of any service: credentials, profile, retries, FIPS/dual-stack, TLS. */
  clientConfig: Record<string, unknown>;
  /** Secrets of the plan plus, after a call, the credentials the chain resolved. */
  secrets(): Promise<string[]>;
  /** aws:allowedAccountIds / aws:forbiddenAccountIds, checked once with STS GetCallerIdentity. */
  checkAccount(): Promise<void>;
}

type Sts = typeof import("@aws-sdk/client-sts");

function stsClient(m: Sts, plan: SdkAccessPlan, common: Record<string, unknown>, credentials?: unknown) {
  const config = {
    ...common,
    region: plan.sts.region,
    ...(plan.sts.endpoint ? { endpoint: plan.sts.endpoint } : {}),
    ...(credentials === undefined ? {} : { credentials }),
  } as import("@aws-sdk/client-sts").STSClientConfig;
  const client = new m.STSClient(config);
  return boundClient(client, { timeoutMs: STS_TIMEOUT_MS, maxBodyBytes: STS_MAX_BODY_BYTES, service: "STS" });
}

const identityOf = (
  c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined,
  step: string,
): AwsCredentialIdentity => {
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`${step} answered no credentials`);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
  };
};

/** Builds the client settings and the credential chain of `plan`. */
export function sdkAccess(plan: SdkAccessPlan): SdkAccess {
  const common: Record<string, unknown> = { ...plan.client };
  delete common.caBundleFile;
  delete common.insecure;
  if (plan.client.caBundleFile !== undefined || plan.client.insecure) {
    common.requestHandler = {
      httpsAgent: new https.Agent({
        keepAlive: true,
        ...(plan.client.caBundleFile === undefined ? {} : { ca: fs.readFileSync(plan.client.caBundleFile) }),
        ...(plan.client.insecure ? { rejectUnauthorized: false } : {}),
      }),
    };
  }
  // The base, as the SDK's clients take it: static keys, or the profile and shared files for the default chain.
  const baseConfig: Record<string, unknown> = {};
  if (plan.base.kind === "static") {
    baseConfig.credentials = {
      accessKeyId: plan.base.accessKeyId,
      secretAccessKey: plan.base.secretAccessKey,
      ...(plan.base.sessionToken ? { sessionToken: plan.base.sessionToken } : {}),
    };
  } else if (plan.base.kind === "profile") {
    if (plan.base.profile) baseConfig.profile = plan.base.profile;
    // The SDK's default chain hands the client config to its ini provider, which reads these two.
    if (plan.base.credentialsFile) baseConfig.filepath = plan.base.credentialsFile;
    if (plan.base.configFile) baseConfig.configFilepath = plan.base.configFile;
  }
  const needsChain = plan.base.kind === "webIdentity" || plan.roles.length > 0;
  const resolved: AwsCredentialIdentity[] = [];
  let chain: Promise<AwsCredentialIdentity> | undefined;

  const runChain = async (): Promise<AwsCredentialIdentity> => {
    const m: Sts = await import("@aws-sdk/client-sts");
    let current: unknown;
    if (plan.base.kind === "webIdentity") {
      const web = plan.base;
      const token = web.token ?? fs.readFileSync(web.tokenFile!, "utf8").trim();
      const client = stsClient(m, plan, common, async () => ({ accessKeyId: "", secretAccessKey: "" }));
      try {
        const out = await client.send(
          new m.AssumeRoleWithWebIdentityCommand({
            RoleArn: web.roleArn,
            RoleSessionName: web.sessionName,
            WebIdentityToken: token,
            ...(web.durationSeconds ? { DurationSeconds: web.durationSeconds } : {}),
            ...(web.policy ? { Policy: web.policy } : {}),
            ...(web.policyArns ? { PolicyArns: web.policyArns.map((arn) => ({ arn })) } : {}),
          }),
        );
        current = identityOf(out.Credentials, "STS AssumeRoleWithWebIdentity");
      } catch (err) {
        throw await stsError(`AssumeRoleWithWebIdentity of ${web.roleArn} (aws:assumeRoleWithWebIdentity)`, err, client, [
          ...plan.secrets,
          token,
        ]);
      } finally {
        client.destroy();
      }
      resolved.push(current as AwsCredentialIdentity);
    } else {
      current = baseConfig.credentials;
    }
    for (const [i, role] of plan.roles.entries()) {
      const client = stsClient(m, plan, { ...common, ...(current === undefined ? baseConfig : {}) }, current);
      try {
        const out = await client.send(
          new m.AssumeRoleCommand({
            RoleArn: role.roleArn,
            RoleSessionName: role.sessionName,
            ...(role.externalId ? { ExternalId: role.externalId } : {}),
            ...(role.durationSeconds ? { DurationSeconds: role.durationSeconds } : {}),
            ...(role.policy ? { Policy: role.policy } : {}),
            ...(role.policyArns ? { PolicyArns: role.policyArns.map((arn) => ({ arn })) } : {}),
            ...(role.sourceIdentity ? { SourceIdentity: role.sourceIdentity } : {}),
            ...(role.tags ? { Tags: Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
            ...(role.transitiveTagKeys ? { TransitiveTagKeys: role.transitiveTagKeys } : {}),
          }),
        );
        current = identityOf(out.Credentials, "STS AssumeRole");
        resolved.push(current as AwsCredentialIdentity);
      } catch (err) {
        throw await stsError(`AssumeRole of ${role.roleArn} (aws:assumeRoles[${i}])`, err, client, plan.secrets);
      } finally {
        client.destroy();
      }
    }
    return current as AwsCredentialIdentity;
  };

  const credentials = async (): Promise<AwsCredentialIdentity> => (chain ??= runChain());
  const clientConfig: Record<string, unknown> = needsChain ? { ...common, credentials } : { ...common, ...baseConfig };

  let accountChecked: Promise<void> | undefined;
  const secrets = async () => [
    ...plan.secrets,
    ...resolved.flatMap((c) => [c.secretAccessKey, c.sessionToken ?? ""]).filter((s) => s !== ""),
  ];
  return {
    clientConfig,
    secrets,
    checkAccount: () =>
      (accountChecked ??= (async () => {
        if (plan.allowedAccountIds === undefined && plan.forbiddenAccountIds === undefined) return;
        const m: Sts = await import("@aws-sdk/client-sts");
        const client = stsClient(m, plan, needsChain ? { ...common } : { ...common, ...baseConfig }, needsChain ? credentials : undefined);
        let account: string | undefined;
        try {
          account = (await client.send(new m.GetCallerIdentityCommand({}))).Account;
        } catch (err) {
          throw await stsError("GetCallerIdentity (for aws:allowedAccountIds / aws:forbiddenAccountIds)", err, client, await secrets());
        } finally {
          client.destroy();
        }
        const problem = accountProblem(plan, account ?? "");
        if (problem) throw new Error(problem);
      })()),
  };
}

async function stsError(
  what: string,
  err: unknown,
  client: Parameters<typeof signingSecrets>[0],
  known: readonly string[],
): Promise<Error> {
  const said = sdkErrorSummary(err, await signingSecrets(client, known));
  return Object.assign(new Error(`STS ${what} failed: ${said}. Fix: check the stack's aws: settings (credentials, roles, endpoints.sts)`), {
    name: "AwsCredentialsError",
  });
}

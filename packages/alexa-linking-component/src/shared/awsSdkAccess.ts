import { InvalidArgumentError, showValue } from "./errors";
import type { AwsSetting } from "./awsConfig";

/**
 * How an AWS SDK client of this package (the API Gateway lookup) reaches AWS as the stack's aws
 * provider does: the same `aws:` settings (src/shared/awsConfig.ts) turned into SDK client
 * settings and a credential chain, as terraform-provider-aws (aws-sdk-go-base) builds its own:
 * base credentials (web identity; else static keys; else the profile and shared files; else the
 * SDK's default chain), then each `assumeRoles` entry in order, then the account checks.
 * Pure: the plan is data; src/shared/awsSdkClient.ts runs it.
 */

/** One `aws:assumeRoles` entry as STS AssumeRole takes it. */
export interface RoleStep {
  roleArn: string;
  sessionName: string;
  externalId?: string;
  durationSeconds?: number;
  policy?: string;
  policyArns?: string[];
  sourceIdentity?: string;
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
}

export type BaseCredentials =
  | { kind: "static"; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | {
      kind: "webIdentity";
      roleArn: string;
      sessionName: string;
      token?: string;
      tokenFile?: string;
      durationSeconds?: number;
      policy?: string;
      policyArns?: string[];
    }
  | { kind: "profile"; profile?: string; credentialsFile?: string; configFile?: string }
  | { kind: "defaultChain" };

export interface SdkAccessPlan {
  base: BaseCredentials;
  roles: RoleStep[];
  /** Where STS is called (role steps, web identity, account checks). */
  sts: { region: string; endpoint?: string };
  allowedAccountIds?: string[];
  forbiddenAccountIds?: string[];
  /** Client settings the provider's keys map to. */
  client: {
    maxAttempts?: number;
    retryMode?: "standard" | "adaptive";
    useFipsEndpoint?: boolean;
    useDualstackEndpoint?: boolean;
    /** A file of PEM certificates the TLS connections trust (aws:customCaBundle). */
    caBundleFile?: string;
    /** aws:insecure: TLS certificates are not checked. */
    insecure?: boolean;
  };
  /** `aws:endpoints` by service key (apigateway, sts, ...). */
  endpoints: Record<string, string>;
  /** Values no message may show: static secret key and token, web identity token, external ids. */
  secrets: string[];
}

/** The session name terraform-provider-aws uses when none is given is empty; STS needs one. */
export const DEFAULT_SESSION_NAME = "alexa-linking-component";

/** A Go duration ("1h", "15m", "900s", "1h30m") in seconds, as the provider's `duration` fields take it. */
export function goDurationSeconds(text: string, key: string): number {
  const parts = /^((\d+)h)?((\d+)m)?((\d+)s)?$/.exec(text.trim());
  if (!parts || text.trim() === "") {
    throw new InvalidArgumentError(key, text, "is not a duration such as 1h, 15m or 900s", "write hours, minutes and seconds as 1h30m");
  }
  return Number(parts[2] ?? 0) * 3600 + Number(parts[4] ?? 0) * 60 + Number(parts[6] ?? 0);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function text(entry: Record<string, unknown>, field: string, key: string): string | undefined {
  const v = entry[field];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") throw new InvalidArgumentError(`${key}.${field}`, v, "is not a string", "give it as a string");
  return v;
}

function textList(entry: Record<string, unknown>, field: string, key: string): string[] | undefined {
  const v = entry[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
    throw new InvalidArgumentError(`${key}.${field}`, v, "is not a list of strings", "give a list of strings");
  return v as string[];
}

function roleStep(entry: unknown, key: string): RoleStep {
  if (!isObject(entry))
    throw new InvalidArgumentError(key, "[secret]", "is not an object", "give { roleArn, externalId?, sessionName?, ... }");
  const roleArn = text(entry, "roleArn", key);
  if (roleArn === undefined)
    throw new InvalidArgumentError(`${key}.roleArn`, undefined, "is required", "give the ARN of the role to assume");
  const duration = text(entry, "duration", key);
  const tags = entry.tags;
  if (tags !== undefined && (!isObject(tags) || Object.values(tags).some((v) => typeof v !== "string")))
    throw new InvalidArgumentError(`${key}.tags`, tags, "is not a map of strings", "give { key: value, ... }");
  const step: RoleStep = { roleArn, sessionName: text(entry, "sessionName", key) ?? DEFAULT_SESSION_NAME };
  const externalId = text(entry, "externalId", key);
  if (externalId !== undefined) step.externalId = externalId;
  if (duration !== undefined) step.durationSeconds = goDurationSeconds(duration, `${key}.duration`);
  const policy = text(entry, "policy", key);
  if (policy !== undefined) step.policy = policy;
  const policyArns = textList(entry, "policyArns", key);
  if (policyArns !== undefined) step.policyArns = policyArns;
  const sourceIdentity = text(entry, "sourceIdentity", key);
  if (sourceIdentity !== undefined) step.sourceIdentity = sourceIdentity;
  if (tags !== undefined) step.tags = tags as Record<string, string>;
  const transitive = textList(entry, "transitiveTagKeys", key);
  if (transitive !== undefined) step.transitiveTagKeys = transitive;
  return step;
}

/** The keys the SDK clients cannot follow; a lookup under them is refused rather than sent another way. */
export const SDK_UNFOLLOWED_KEYS = ["httpProxy", "httpsProxy"] as const;

/**
 * The plan for `region` from the stack's settings. Throws, naming the `aws:` key, when a value is
 * malformed or when the stack routes AWS calls through a proxy, which these SDK clients cannot
 * (`fix` says what to set instead).
 */
export function planSdkAccess(settings: Record<string, AwsSetting>, region: string, fix: string): SdkAccessPlan {
  const value = (key: string): unknown => settings[key]?.value;
  for (const key of SDK_UNFOLLOWED_KEYS) {
    if (value(key) !== undefined) {
      throw new InvalidArgumentError(
        `aws:${key}`,
        settings[key].secret ? "[secret]" : value(key),
        "routes AWS calls through a proxy, which the package's own AWS SDK calls cannot follow (they would go straight to AWS)",
        fix,
      );
    }
  }
  const secrets: string[] = [];
  const endpoints: Record<string, string> = {};
  const endpointList = value("endpoints");
  if (endpointList !== undefined) {
    for (const entry of Array.isArray(endpointList) ? endpointList : [endpointList]) {
      if (!isObject(entry)) continue;
      for (const [service, url] of Object.entries(entry)) if (typeof url === "string" && url !== "") endpoints[service] = url;
    }
  }

  let base: BaseCredentials = { kind: "defaultChain" };
  const web = value("assumeRoleWithWebIdentity");
  const accessKey = value("accessKey");
  const secretKey = value("secretKey");
  if (web !== undefined) {
    const key = "aws:assumeRoleWithWebIdentity";
    if (!isObject(web))
      throw new InvalidArgumentError(key, "[secret]", "is not an object", "give { roleArn, webIdentityToken or webIdentityTokenFile }");
    const roleArn = text(web, "roleArn", key);
    if (roleArn === undefined)
      throw new InvalidArgumentError(`${key}.roleArn`, undefined, "is required", "give the ARN of the role to assume");
    const token = text(web, "webIdentityToken", key);
    const tokenFile = text(web, "webIdentityTokenFile", key);
    if (token === undefined && tokenFile === undefined)
      throw new InvalidArgumentError(key, "[secret]", "has neither webIdentityToken nor webIdentityTokenFile", "give one of them");
    if (token !== undefined) secrets.push(token);
    const duration = text(web, "duration", key);
    base = {
      kind: "webIdentity",
      roleArn,
      sessionName: text(web, "sessionName", key) ?? DEFAULT_SESSION_NAME,
      ...(token === undefined ? {} : { token }),
      ...(tokenFile === undefined ? {} : { tokenFile }),
      ...(duration === undefined ? {} : { durationSeconds: goDurationSeconds(duration, `${key}.duration`) }),
      ...(text(web, "policy", key) === undefined ? {} : { policy: text(web, "policy", key) }),
      ...(textList(web, "policyArns", key) === undefined ? {} : { policyArns: textList(web, "policyArns", key) }),
    };
  } else if (typeof accessKey === "string" && accessKey !== "" && typeof secretKey === "string" && secretKey !== "") {
    const token = value("token");
    base = {
      kind: "static",
      accessKeyId: accessKey,
      secretAccessKey: secretKey,
      ...(typeof token === "string" && token ? { sessionToken: token } : {}),
    };
    secrets.push(secretKey, ...(typeof token === "string" && token ? [token] : []));
  } else if (accessKey !== undefined || secretKey !== undefined) {
    const missing = accessKey === undefined ? "aws:accessKey" : "aws:secretKey";
    throw new InvalidArgumentError(
      missing,
      undefined,
      `must be set with ${missing === "aws:accessKey" ? "aws:secretKey" : "aws:accessKey"}`,
      `pulumi config set --secret ${missing} <value>`,
    );
  } else if (value("profile") !== undefined || value("sharedCredentialsFiles") !== undefined || value("sharedConfigFiles") !== undefined) {
    const first = (key: string): string | undefined => {
      const files = value(key);
      if (files === undefined) return undefined;
      if (!Array.isArray(files) || typeof files[0] !== "string")
        throw new InvalidArgumentError(
          `aws:${key}`,
          files,
          "is not a list of file paths",
          `pulumi config set --path 'aws:${key}[0]' <path>`,
        );
      return files[0];
    };
    const profile = value("profile");
    base = {
      kind: "profile",
      ...(typeof profile === "string" && profile ? { profile } : {}),
      ...(first("sharedCredentialsFiles") === undefined ? {} : { credentialsFile: first("sharedCredentialsFiles") }),
      ...(first("sharedConfigFiles") === undefined ? {} : { configFile: first("sharedConfigFiles") }),
    };
  }

  const rolesValue = value("assumeRoles");
  const roles =
    rolesValue === undefined
      ? []
      : (Array.isArray(rolesValue) ? rolesValue : [rolesValue]).map((r, i) => roleStep(r, `aws:assumeRoles[${i}]`));
  for (const role of roles) if (role.externalId) secrets.push(role.externalId);

  const accounts = (key: string): string[] | undefined => {
    const v = value(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string" && typeof x !== "number"))
      throw new InvalidArgumentError(
        `aws:${key}`,
        v,
        "is not a list of account ids",
        `pulumi config set --path 'aws:${key}[0]' <12-digit id>`,
      );
    return v.map(String);
  };
  const retryMode = value("retryMode");
  if (retryMode !== undefined && retryMode !== "standard" && retryMode !== "adaptive")
    throw new InvalidArgumentError(
      "aws:retryMode",
      retryMode,
      'is not "standard" or "adaptive"',
      "pulumi config set aws:retryMode standard",
    );
  const maxRetries = value("maxRetries");
  const stsRegion = value("stsRegion");
  const plan: SdkAccessPlan = {
    base,
    roles,
    sts: { region: typeof stsRegion === "string" && stsRegion ? stsRegion : region, ...(endpoints.sts ? { endpoint: endpoints.sts } : {}) },
    endpoints,
    secrets,
    client: {
      ...(typeof maxRetries === "number" ? { maxAttempts: maxRetries + 1 } : {}),
      ...(retryMode === undefined ? {} : { retryMode: retryMode as "standard" | "adaptive" }),
      ...(typeof value("useFipsEndpoint") === "boolean" ? { useFipsEndpoint: value("useFipsEndpoint") as boolean } : {}),
      ...(typeof value("useDualstackEndpoint") === "boolean" ? { useDualstackEndpoint: value("useDualstackEndpoint") as boolean } : {}),
      ...(typeof value("customCaBundle") === "string" && value("customCaBundle") !== ""
        ? { caBundleFile: value("customCaBundle") as string }
        : {}),
      ...(value("insecure") === true ? { insecure: true } : {}),
    },
  };
  const allowed = accounts("allowedAccountIds");
  const forbidden = accounts("forbiddenAccountIds");
  if (allowed !== undefined) plan.allowedAccountIds = allowed;
  if (forbidden !== undefined) plan.forbiddenAccountIds = forbidden;
  return plan;
}

/** Why the account the credentials belong to may not be used, as the aws provider says it; undefined when it may. */
export function accountProblem(
  plan: Pick<SdkAccessPlan, "allowedAccountIds" | "forbiddenAccountIds">,
  accountId: string,
): string | undefined {
  if (plan.allowedAccountIds !== undefined && !plan.allowedAccountIds.includes(accountId)) {
    return `the AWS account ${showValue(accountId)} of the stack's credentials is not in aws:allowedAccountIds (${plan.allowedAccountIds.join(", ")}), so nothing was read there. Fix: use the credentials of an allowed account, or change aws:allowedAccountIds`;
  }
  if (plan.forbiddenAccountIds?.includes(accountId)) {
    return `the AWS account ${showValue(accountId)} of the stack's credentials is in aws:forbiddenAccountIds, so nothing was read there. Fix: use the credentials of another account, or change aws:forbiddenAccountIds`;
  }
  return undefined;
}

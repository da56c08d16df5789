import { AlexaAppLinkingArgs, AndroidAppArgs, IosArgs, SkillArgs } from "./args";
import { InvalidArgumentError } from "./errors";

/** The config namespace of the stacks: the Pulumi project name. */
export const CONFIG_NAMESPACE = "alexa-app-linking";

/**
 * Stack config values by key (without the namespace). Plain values are strings, booleans or
 * arrays; Pulumi hands structured values to programs as JSON text, and either form is accepted.
 */
export type StackConfigValues = Record<string, unknown>;

/** The plain (non-secret) keys the stack program reads; Pulumi.yaml declares each one. */
export const PLAIN_CONFIG_KEYS = [
  "bucketName",
  "publicAccess",
  "iosAppIds",
  "iosWebcredentials",
  "androidPackageName",
  "androidSha256CertFingerprints",
  "cognitoUserPoolId",
  "cognitoClientName",
  "cognitoClientId",
  "skillIds",
  "skillStage",
  "accessTokenApiName",
  "accessTokenStage",
  "accessTokenUrl",
  "verify",
] as const;

/** The secret keys: the Login with Amazon credentials for SMAPI. */
export const SECRET_CONFIG_KEYS = { clientId: "smapiClientId", clientSecret: "smapiClientSecret", refreshToken: "smapiRefreshToken" } as const;

/** Environment variables that stand in for the SMAPI secrets, as the ASK CLI names them. */
export const SMAPI_ENVIRONMENT = {
  clientId: ["ASK_LWA_CLIENT_ID"],
  clientSecret: ["ASK_LWA_CLIENT_CONFIRMATION", "ASK_LWA_CLIENT_SECRET"],
  refreshToken: ["ASK_REFRESH_TOKEN"],
} as const;

/** The hosting part of the args: what `render` needs and the component validates first. */
export function hostingArgsFromConfig(values: StackConfigValues): Pick<AlexaAppLinkingArgs, "bucketName" | "publicAccess" | "ios" | "android"> {
  const args: Pick<AlexaAppLinkingArgs, "bucketName" | "publicAccess" | "ios" | "android"> = {};
  const bucketName = text(values, "bucketName");
  if (bucketName !== undefined) args.bucketName = bucketName;
  const publicAccess = text(values, "publicAccess");
  if (publicAccess !== undefined) args.publicAccess = publicAccess;
  const appIds = list(values, "iosAppIds");
  const webcredentials = list(values, "iosWebcredentials");
  if (webcredentials.length > 0 && appIds.length === 0) missing("iosAppIds", "iosWebcredentials", "pulumi config set --path 'iosAppIds[0]' <TEAMID.bundle.id>");
  if (appIds.length > 0) {
    const ios: IosArgs = { appIds };
    if (webcredentials.length > 0) ios.webcredentials = webcredentials;
    args.ios = ios;
  }
  const packageName = text(values, "androidPackageName");
  const fingerprints = list(values, "androidSha256CertFingerprints");
  if (packageName === undefined && fingerprints.length > 0) missing("androidPackageName", "androidSha256CertFingerprints", "pulumi config set androidPackageName <applicationId>");
  if (packageName !== undefined && fingerprints.length === 0) {
    missing("androidSha256CertFingerprints", "androidPackageName", "pulumi config set --path 'androidSha256CertFingerprints[0]' <SHA-256 fingerprint>");
  }
  if (packageName !== undefined) {
    const app: AndroidAppArgs = { packageName, sha256CertFingerprints: fingerprints };
    args.android = [app];
  }
  return args;
}

/** Everything but the secrets, which the stack program reads as secret config. */
export function argsFromConfig(values: StackConfigValues): Omit<AlexaAppLinkingArgs, "smapi"> {
  const args: Omit<AlexaAppLinkingArgs, "smapi"> = { ...hostingArgsFromConfig(values) };
  const cognito = {
    userPoolId: text(values, "cognitoUserPoolId"),
    clientName: text(values, "cognitoClientName"),
    clientId: text(values, "cognitoClientId"),
  };
  args.cognito = Object.fromEntries(Object.entries(cognito).filter(([, v]) => v !== undefined));
  const stage = text(values, "skillStage");
  args.skills = list(values, "skillIds").map((skillId): SkillArgs => (stage === undefined ? { skillId } : { skillId, stage }));
  const accessToken = {
    apiName: text(values, "accessTokenApiName"),
    stage: text(values, "accessTokenStage"),
    url: text(values, "accessTokenUrl"),
  };
  args.accessToken = Object.fromEntries(Object.entries(accessToken).filter(([, v]) => v !== undefined));
  const verify = flag(values, "verify");
  if (verify !== undefined) args.verify = verify;
  return args;
}

/** The first environment variable of `names` that is set, for a secret missing from config. */
export function fromEnvironment(names: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
}

/** `key` is not set although `by`, which means nothing without it, is. */
function missing(key: string, by: string, command: string): never {
  throw new InvalidArgumentError(`config ${CONFIG_NAMESPACE}:${key}`, undefined, `is not set, but ${by} is and needs it`, `\`${command}\`, or remove ${by}`);
}

function text(values: StackConfigValues, key: string): string | undefined {
  const value = values[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") {
    throw new InvalidArgumentError(`config ${CONFIG_NAMESPACE}:${key}`, value, "is not a string", `set it with \`pulumi config set ${key} <value>\``);
  }
  return value;
}

function flag(values: StackConfigValues, key: string): boolean | undefined {
  const value = values[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw new InvalidArgumentError(`config ${CONFIG_NAMESPACE}:${key}`, value, "is not true or false", `set it with \`pulumi config set ${key} false\``);
}

function list(values: StackConfigValues, key: string): string[] {
  let value = values[key];
  if (value === undefined || value === null || value === "") return [];
  if (typeof value === "string") {
    try {
      value = value.trim().startsWith("[") ? JSON.parse(value) : [value];
    } catch {
      value = undefined;
    }
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new InvalidArgumentError(
      `config ${CONFIG_NAMESPACE}:${key}`,
      values[key],
      "is not a list of strings",
      `set each item with \`pulumi config set --path '${key}[0]' <value>\` or write a YAML list in the stack file`,
    );
  }
  return value;
}

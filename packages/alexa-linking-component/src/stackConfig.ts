import * as pulumi from "@pulumi/pulumi";
import { AlexaAppLinkingArgs, AndroidAppArgs, EndpointsArgs, IosArgs, SkillArgs, SmapiCredentialsArgs } from "./args";
import { InvalidArgumentError, showValue } from "./shared/errors";
import { showUrl } from "./shared/urls";
import { redact, WITHHELD } from "./shared/secrets";
import { normalizeFingerprint } from "./associations/fingerprint";
import { validateAppId, validatePackageName } from "./associations/ids";
import { validateBucketName } from "./hosting/bucketName";
import { parsePublicAccess } from "./hosting/publicAccess";
import { planCloudFront, type CloudFrontSettings } from "./hosting/cloudFront";
import { accessTokenSettings } from "./accessToken/rules";
import { endpointIssue, InputIssue, skillsIssues } from "./alexa/validation";
import { renderAssociationFiles } from "./associations";
import type { AndroidAppConfig } from "./associations/android";
import type { IosConfig } from "./associations/apple";

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
  "cloudFrontDomainName",
  "cloudFrontHostedZoneId",
  "cloudFrontCertificateArn",
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
  "endpoints",
] as const;

/** The stack keys of args.cloudFront's settings. */
const CLOUDFRONT_KEYS: Record<keyof CloudFrontSettings, string> = {
  domainName: "cloudFrontDomainName",
  hostedZoneId: "cloudFrontHostedZoneId",
  certificateArn: "cloudFrontCertificateArn",
};

/** The secret keys: the Login with Amazon credentials for SMAPI. */
export const SECRET_CONFIG_KEYS = {
  clientId: "smapiClientId",
  clientSecret: "smapiClientSecret",
  refreshToken: "smapiRefreshToken",
} as const;

/** Environment variables that stand in for the SMAPI secrets, as the ASK CLI names them. */
export const SMAPI_ENVIRONMENT = {
  clientId: ["ASK_LWA_CLIENT_ID"],
  clientSecret: ["ASK_LWA_CLIENT_CONFIRMATION", "ASK_LWA_CLIENT_SECRET"],
  refreshToken: ["ASK_REFRESH_TOKEN"],
} as const;

/** The services of the `endpoints` key, as the component's endpoints arg names them. */
const ENDPOINT_SERVICES = ["smapi", "lwa", "cognito", "apiGateway", "s3"] as const satisfies readonly (keyof EndpointsArgs)[];

const KNOWN_KEYS: readonly string[] = [...PLAIN_CONFIG_KEYS, ...Object.values(SECRET_CONFIG_KEYS)];

/** One mistake in the stack config, worded for the person who edits the stack file. */
export interface ConfigProblem {
  /** The key as written in the stack file, with an item index where one item is wrong. */
  key: string;
  message: string;
}

/**
 * Every mistake of a stack's config at once. A RunError, so `pulumi preview` prints the list
 * without a stack trace.
 */
export class StackConfigError extends pulumi.RunError {
  constructor(
    readonly problems: ConfigProblem[],
    stackFile?: string,
  ) {
    const where = stackFile ? ` (${stackFile})` : "";
    const count = problems.length === 1 ? "a problem" : `${problems.length} problems`;
    super(`The stack config has ${count}${where}:\n${problems.map((p) => `  - ${p.message}`).join("\n")}`);
    this.name = "StackConfigError";
  }
}

/** Where the stack program's config comes from, besides the values themselves. */
export interface StackConfigSources {
  /** Whether the stack stores this key (without the namespace) encrypted. */
  isSecret?: (key: string) => boolean;
  /** For the SMAPI credentials' environment fallback. */
  env?: NodeJS.ProcessEnv;
  /** Named in the error, e.g. `stacks/Pulumi.dev.yaml`. */
  stackFile?: string;
}

/** Everything but the secrets. Fails with every mistake of the config at once. */
export function argsFromConfig(values: StackConfigValues, stackFile?: string): Omit<AlexaAppLinkingArgs, "smapi"> {
  const reader = new ConfigReader(values);
  const args = readPlain(reader);
  reader.throwIfAny(stackFile);
  return args;
}

/**
 * The component's args for a stack: the plain keys, and the SMAPI credentials when there are
 * skills (secret config first, then the ASK CLI's environment variables; either way Pulumi
 * secrets). Fails with every mistake at once, naming stack keys, never a secret's value.
 */
export function stackArgs(values: StackConfigValues, sources: StackConfigSources = {}): AlexaAppLinkingArgs {
  const reader = new ConfigReader(values);
  const args: AlexaAppLinkingArgs = readPlain(reader);
  const smapi = readSmapi(reader, sources);
  if ((args.skills as unknown[]).length > 0) {
    if (smapi.missing.length > 0) reader.problems.push(...smapi.missing);
    else args.smapi = smapi.credentials;
  }
  checkAssociationFiles(reader, args);
  if (sources.isSecret !== undefined) keepSecretMarks(args, reader, sources.isSecret);
  reader.throwIfAny(sources.stackFile);
  return args;
}

/** The component's names for the association args, as stack keys (longest first when reworded). */
const ASSOCIATION_KEYS: Record<string, string> = {
  "args.ios.appIds": "iosAppIds",
  "args.ios.webcredentials": "iosWebcredentials",
  "args.android[0].packageName": "androidPackageName",
  "args.android[0].sha256CertFingerprints": "androidSha256CertFingerprints",
  "args.ios": "iosAppIds",
  "args.android": "androidPackageName",
};

/**
 * What the component checks of the association files when it is built, checked here under stack
 * keys: there must be a file to host, and the files must render. Skipped where a key already
 * failed, so each mistake is reported once.
 */
function checkAssociationFiles(reader: ConfigReader, args: Pick<AlexaAppLinkingArgs, "ios" | "android">): void {
  const keys = ["iosAppIds", "iosWebcredentials", "androidPackageName", "androidSha256CertFingerprints"];
  if (keys.some((key) => reader.failed(key))) return;
  if (args.ios === undefined && args.android === undefined) {
    reader.problems.push({
      key: "iosAppIds",
      message:
        `config ${CONFIG_NAMESPACE}:iosAppIds and ${CONFIG_NAMESPACE}:androidPackageName are both unset, so there is no association file to host. ` +
        "Fix: `pulumi config set --path 'iosAppIds[0]' <TEAMID.bundle.id>` for iOS universal links, " +
        "`pulumi config set androidPackageName <applicationId>` with androidSha256CertFingerprints for Android app links, or both",
    });
    return;
  }
  reader.valid(
    "iosAppIds",
    () => renderAssociationFiles(args.ios as IosConfig | undefined, args.android as AndroidAppConfig[] | undefined),
    ASSOCIATION_KEYS,
  );
}

/**
 * The stack keys whose values decide which resources exist: the component needs them as plain
 * values when the program runs, so they cannot carry a secret mark (and none of them is secret
 * information). A key stored as a secret is refused rather than read as plain text.
 */
export const STRUCTURAL_CONFIG_KEYS = [
  "publicAccess",
  "cloudFrontDomainName",
  "cloudFrontHostedZoneId",
  "cloudFrontCertificateArn",
  "skillIds",
  "skillStage",
  "verify",
] as const;

/** How a structural key stored as a secret is refused (the stack program and `render` alike). */
export function secretStructuralKeyProblem(key: string): ConfigProblem {
  return {
    key,
    message:
      `config ${CONFIG_NAMESPACE}:${key} is stored as a secret, but it decides which resources exist, so the program needs it ` +
      `as a plain value (and it is no secret). Fix: \`pulumi config rm ${key}\`, then \`pulumi config set ${key} <value>\` without --secret`,
  };
}

/**
 * A plain key the user stored with `--secret` stays secret: its value reaches the component as a
 * Pulumi secret (pulumi.secret), so every resource input and output made from it is encrypted in
 * the state. Its problems never show the value. The structural keys are refused instead.
 */
function keepSecretMarks(args: AlexaAppLinkingArgs, reader: ConfigReader, isSecret: (key: string) => boolean): void {
  const secretKeys = PLAIN_CONFIG_KEYS.filter((key) => reader.values[key] !== undefined && isSecret(key));
  if (secretKeys.length === 0) return;
  reader.hideValues(secretKeys);
  for (const key of secretKeys) {
    if ((STRUCTURAL_CONFIG_KEYS as readonly string[]).includes(key)) reader.problems.push(secretStructuralKeyProblem(key));
  }
  const secret = <T>(value: T, key: string): T =>
    secretKeys.includes(key as (typeof secretKeys)[number]) && value !== undefined ? (pulumi.secret(value) as unknown as T) : value;
  args.bucketName = secret(args.bucketName, "bucketName");
  if (args.ios !== undefined) {
    const ios = args.ios as IosArgs;
    args.ios = {
      ...ios,
      appIds: secret(ios.appIds, "iosAppIds"),
      ...(ios.webcredentials === undefined ? {} : { webcredentials: secret(ios.webcredentials, "iosWebcredentials") }),
    };
  }
  if (args.android !== undefined) {
    args.android = (args.android as AndroidAppArgs[]).map((app) => ({
      packageName: secret(app.packageName, "androidPackageName"),
      sha256CertFingerprints: secret(app.sha256CertFingerprints, "androidSha256CertFingerprints"),
    }));
  }
  const cognito = (args.cognito ?? {}) as Record<string, unknown>;
  args.cognito = {
    ...cognito,
    ...(cognito.userPoolId === undefined ? {} : { userPoolId: secret(cognito.userPoolId, "cognitoUserPoolId") }),
    ...(cognito.clientName === undefined ? {} : { clientName: secret(cognito.clientName, "cognitoClientName") }),
    ...(cognito.clientId === undefined ? {} : { clientId: secret(cognito.clientId, "cognitoClientId") }),
  } as AlexaAppLinkingArgs["cognito"];
  const accessToken = (args.accessToken ?? {}) as Record<string, unknown>;
  args.accessToken = {
    ...accessToken,
    ...(accessToken.apiName === undefined ? {} : { apiName: secret(accessToken.apiName, "accessTokenApiName") }),
    ...(accessToken.stage === undefined ? {} : { stage: secret(accessToken.stage, "accessTokenStage") }),
    ...(accessToken.url === undefined ? {} : { url: secret(accessToken.url, "accessTokenUrl") }),
  } as AlexaAppLinkingArgs["accessToken"];
  args.endpoints = secret(args.endpoints, "endpoints");
}

/** The config of the running program in this project's namespace, and which keys are secret. */
export function programConfig(): { values: StackConfigValues; isSecret: (key: string) => boolean } {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const values: StackConfigValues = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) values[key.slice(prefix.length)] = value;
  }
  // The SDK's own test for a secret config key (what Config.get warns with); not in its typings.
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (key: string) => boolean };
  const isSecret = (key: string) => runtimeConfig.isConfigSecret?.(`${prefix}${key}`) === true;
  return { values, isSecret };
}

/** The first environment variable of `names` that is set, for a secret missing from config. */
export function fromEnvironment(names: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
}

/** The known key closest to a misspelled one, if any is close. */
export function closestKey(key: string, known: readonly string[] = KNOWN_KEYS): string | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { key: candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? best.key : undefined;
}

function readHosting(reader: ConfigReader): Pick<AlexaAppLinkingArgs, "bucketName" | "publicAccess" | "cloudFront" | "ios" | "android"> {
  reader.unknownKeys();
  const args: Pick<AlexaAppLinkingArgs, "bucketName" | "publicAccess" | "cloudFront" | "ios" | "android"> = {};
  const bucketName = reader.text("bucketName");
  if (bucketName !== undefined && reader.valid("bucketName", () => validateBucketName(bucketName))) args.bucketName = bucketName;
  const publicAccess = reader.text("publicAccess");
  const modeValid = publicAccess === undefined || reader.valid("publicAccess", () => parsePublicAccess(publicAccess));
  if (publicAccess !== undefined && modeValid) args.publicAccess = publicAccess;
  const cloudFront: CloudFrontSettings = {};
  for (const [part, key] of Object.entries(CLOUDFRONT_KEYS) as [keyof CloudFrontSettings, string][]) {
    const value = reader.text(key);
    if (value !== undefined) cloudFront[part] = value;
  }
  if (modeValid && Object.keys(cloudFront).length > 0) {
    const keysByArgument: Record<string, string> = {
      ...Object.fromEntries(Object.entries(CLOUDFRONT_KEYS).map(([part, key]) => [`args.cloudFront.${part}`, key])),
      "args.publicAccess": "publicAccess",
      "args.cloudFront": "the cloudFront* keys",
    };
    if (reader.valid("publicAccess", () => planCloudFront(parsePublicAccess(publicAccess), cloudFront), keysByArgument))
      args.cloudFront = cloudFront;
  }

  const appIds = reader.list("iosAppIds", validateAppId);
  const webcredentials = reader.list("iosWebcredentials", validateAppId);
  if (webcredentials.length > 0 && appIds.length === 0 && !reader.failed("iosAppIds")) {
    reader.missing("iosAppIds", "iosWebcredentials", "pulumi config set --path 'iosAppIds[0]' <TEAMID.bundle.id>");
  }
  if (appIds.length > 0) {
    const ios: IosArgs = { appIds };
    if (webcredentials.length > 0) ios.webcredentials = webcredentials;
    args.ios = ios;
  }

  const packageName = reader.text("androidPackageName");
  if (packageName !== undefined) reader.valid("androidPackageName", () => validatePackageName(packageName, "androidPackageName"));
  const fingerprints = reader.list("androidSha256CertFingerprints", normalizeFingerprint);
  if (packageName === undefined && fingerprints.length > 0 && !reader.failed("androidPackageName")) {
    reader.missing("androidPackageName", "androidSha256CertFingerprints", "pulumi config set androidPackageName <applicationId>");
  }
  if (packageName !== undefined && fingerprints.length === 0 && !reader.failed("androidSha256CertFingerprints")) {
    reader.missing(
      "androidSha256CertFingerprints",
      "androidPackageName",
      "pulumi config set --path 'androidSha256CertFingerprints[0]' <SHA-256 fingerprint>",
    );
  }
  if (packageName !== undefined) {
    const app: AndroidAppArgs = { packageName, sha256CertFingerprints: fingerprints };
    args.android = [app];
  }
  return args;
}

function readPlain(reader: ConfigReader): Omit<AlexaAppLinkingArgs, "smapi"> {
  const args: Omit<AlexaAppLinkingArgs, "smapi"> = { ...readHosting(reader) };
  const cognito = {
    userPoolId: reader.text("cognitoUserPoolId"),
    clientName: reader.text("cognitoClientName"),
    clientId: reader.text("cognitoClientId"),
  };
  args.cognito = Object.fromEntries(Object.entries(cognito).filter(([, v]) => v !== undefined));

  const stage = reader.text("skillStage");
  const skills = reader.list("skillIds").map((skillId): SkillArgs => (stage === undefined ? { skillId } : { skillId, stage }));
  reader.skillIssues(skillsIssues(skills));
  args.skills = skills;

  const accessToken = {
    apiName: reader.text("accessTokenApiName"),
    stage: reader.text("accessTokenStage"),
    url: reader.text("accessTokenUrl"),
  };
  args.accessToken = Object.fromEntries(Object.entries(accessToken).filter(([, v]) => v !== undefined));
  reader.valid("accessTokenUrl", () => accessTokenSettings(args.accessToken as { apiName?: string; stage?: string; url?: string }), {
    "accessToken.apiName": "accessTokenApiName",
    "accessToken.stage": "accessTokenStage",
    "accessToken.url": "accessTokenUrl",
  });

  const verify = reader.flag("verify");
  if (verify !== undefined) args.verify = verify;
  const endpoints = reader.endpoints("endpoints");
  if (endpoints !== undefined) args.endpoints = endpoints;
  return args;
}

/** Each credential from secret config, else the environment; a plain-text value is refused. */
function readSmapi(reader: ConfigReader, sources: StackConfigSources): { credentials: SmapiCredentialsArgs; missing: ConfigProblem[] } {
  const missing: ConfigProblem[] = [];
  const credentials: Partial<Record<keyof typeof SECRET_CONFIG_KEYS, pulumi.Output<string>>> = {};
  for (const part of Object.keys(SECRET_CONFIG_KEYS) as (keyof typeof SECRET_CONFIG_KEYS)[]) {
    const key = SECRET_CONFIG_KEYS[part];
    const stored = reader.values[key];
    const inConfig = typeof stored === "string" && stored !== "" ? stored : undefined;
    if (inConfig !== undefined && sources.isSecret !== undefined && !sources.isSecret(key)) {
      reader.problems.push({
        key,
        message:
          `config ${CONFIG_NAMESPACE}:${key} is stored in plain text in the stack file. ` +
          `Fix: \`pulumi config rm ${key}\`, then \`pulumi config set --secret ${key} <value>\` (and revoke the exposed credential)`,
      });
      continue;
    }
    const value = inConfig ?? fromEnvironment(SMAPI_ENVIRONMENT[part], sources.env ?? {});
    if (value === undefined) {
      missing.push({
        key,
        message:
          `config ${CONFIG_NAMESPACE}:${key} is not set and neither is ${SMAPI_ENVIRONMENT[part].join(" or ")}, and skillIds needs it. ` +
          `Fix: \`pulumi config set --secret ${key} <value>\` (see the README, "SMAPI credentials")`,
      });
      continue;
    }
    credentials[part] = pulumi.secret(value);
  }
  return { credentials: credentials as SmapiCredentialsArgs, missing };
}

/** Reads the values by key, collecting every problem instead of stopping at the first. */
class ConfigReader {
  readonly problems: ConfigProblem[] = [];

  constructor(readonly values: StackConfigValues) {}

  throwIfAny(stackFile?: string): void {
    if (this.problems.length > 0) throw new StackConfigError(this.problems, stackFile);
  }

  failed(key: string): boolean {
    return this.problems.some((p) => p.key === key || p.key.startsWith(`${key}[`));
  }

  /** Keys of this project's namespace that the program does not read: usually a typo. */
  unknownKeys(): void {
    for (const key of Object.keys(this.values)) {
      if (KNOWN_KEYS.includes(key)) continue;
      const near = closestKey(key);
      const rename = near
        ? `did you mean ${CONFIG_NAMESPACE}:${near}? Rename it in the stack file`
        : "remove it from the stack file (`pulumi config rm " + key + "`)";
      this.problems.push({
        key,
        message: `config ${CONFIG_NAMESPACE}:${key} is not a key of this project, so it would be ignored. Fix: ${rename}; the keys are listed in Pulumi.yaml and the README`,
      });
    }
  }

  /** `show` quotes the value: showUrl for a value that is, or holds, URLs (a password in one is masked). */
  problem(key: string, value: unknown, problem: string, fix: string, show: (value: unknown) => string = showValue): void {
    this.problems.push({ key, message: `config ${CONFIG_NAMESPACE}:${key} ${show(value)} ${problem}. Fix: ${fix}` });
  }

  /**
   * The problems of these keys (stored as secrets) say what is wrong without their values: every
   * form of the value is redacted, and a message that would still show it is replaced.
   */
  hideValues(keys: readonly string[]): void {
    for (const problem of this.problems) {
      const root = problem.key.split(/[.[]/)[0];
      if (!keys.includes(root)) continue;
      const raw = this.values[root];
      const parsed = structured(raw);
      const parts = [
        typeof raw === "string" ? raw : JSON.stringify(raw),
        ...(Array.isArray(parsed) ? parsed : parsed !== null && typeof parsed === "object" ? Object.values(parsed) : []).map((v) =>
          typeof v === "string" ? v : JSON.stringify(v),
        ),
      ];
      const hidden = redact(problem.message, parts);
      problem.message =
        hidden === WITHHELD || parts.some((part) => part.length > 0 && hidden.includes(part))
          ? `config ${CONFIG_NAMESPACE}:${problem.key} (a secret, not shown) is not valid. Fix: check it with \`pulumi config get ${root}\``
          : hidden;
    }
  }

  missing(key: string, by: string, command: string): void {
    this.problem(key, undefined, `is not set, but ${by} is and needs it`, `\`${command}\`, or remove ${by}`);
  }

  /** Runs one of the component's own checks; its error is reported under the stack key. */
  valid(key: string, check: () => unknown, keysByArgument: Record<string, string> = {}): boolean {
    try {
      check();
      return true;
    } catch (err) {
      if (!(err instanceof InvalidArgumentError)) throw err;
      // The component's wording names its args; the stack file has keys (longest names first).
      const names = Object.keys(keysByArgument).sort((a, b) => b.length - a.length);
      const reword = (text: string) => names.reduce((t, name) => t.split(name).join(keysByArgument[name]), text);
      this.problem(keysByArgument[err.argument] ?? key, err.value, reword(err.problem), reword(err.fix));
      return false;
    }
  }

  /**
   * The component's skill issues, under the stack keys: `skills[i].skillId` and `skills[i]` are
   * `skillIds[i]`; every skill's stage is the one `skillStage`, reported once.
   */
  skillIssues(issues: InputIssue[]): void {
    for (const { property, reason } of issues) {
      const key = property.endsWith(".stage") ? "skillStage" : property.replace(/^skills\[(\d+)\](\.skillId)?$/, "skillIds[$1]");
      if (key === "skillStage" && this.failed(key)) continue;
      const message = reason
        .split(property)
        .join(key)
        .replace(/skills\[(\d+)\]/g, "skillIds[$1]");
      this.problems.push({ key, message: `config ${CONFIG_NAMESPACE}:${message}` });
    }
  }

  text(key: string): string | undefined {
    const value = structured(this.values[key]);
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") return value;
    this.problem(key, value, "is not a string", `set it with \`pulumi config set ${key} <value>\``);
    return undefined;
  }

  flag(key: string): boolean | undefined {
    const value = this.values[key];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    this.problem(key, value, "is not true or false", `set it with \`pulumi config set ${key} false\``);
    return undefined;
  }

  /** The endpoint overrides: a map of service to http(s) URL, as the component's endpoints arg. */
  endpoints(key: string): EndpointsArgs | undefined {
    const value = structured(this.values[key]);
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "object" || Array.isArray(value)) {
      this.problem(
        key,
        value,
        "is not a map of service to URL",
        `set each one with \`pulumi config set --path '${key}.smapi' <url>\``,
        showUrl,
      );
      return undefined;
    }
    const endpoints: Record<string, string> = {};
    for (const [service, url] of Object.entries(value)) {
      if (!(ENDPOINT_SERVICES as readonly string[]).includes(service)) {
        const near = closestKey(service, ENDPOINT_SERVICES);
        this.problem(
          `${key}.${service}`,
          url,
          "is not a service with an endpoint override",
          `use one of ${ENDPOINT_SERVICES.join(", ")}${near ? ` (did you mean ${near}?)` : ""}`,
          showUrl,
        );
        continue;
      }
      const issue = endpointIssue(`${key}.${service}`, url);
      if (issue) this.problems.push({ key: issue.property, message: `config ${CONFIG_NAMESPACE}:${issue.reason}` });
      else endpoints[service] = url as string;
    }
    return Object.keys(endpoints).length > 0 ? endpoints : undefined;
  }

  /** A list of strings; `item` checks each one under `key[i]`. */
  list(key: string, item?: (value: string, argument: string) => unknown): string[] {
    let value = this.values[key];
    if (value === undefined || value === null || value === "") return [];
    if (typeof value === "string") {
      try {
        value = value.trim().startsWith("[") ? JSON.parse(value) : [value];
      } catch {
        value = undefined;
      }
    }
    if (!Array.isArray(value) || !value.every((entry) => typeof entry === "string")) {
      this.problem(
        key,
        this.values[key],
        "is not a list of strings",
        `set each item with \`pulumi config set --path '${key}[0]' <value>\` or write a YAML list in the stack file`,
      );
      return [];
    }
    const items = value as string[];
    if (item) items.forEach((entry, i) => this.valid(`${key}[${i}]`, () => item(entry, `${key}[${i}]`)));
    return items;
  }
}

/**
 * The engine hands a list or map that the stack file holds to the program as JSON text, so a
 * string that is a JSON list or map was written as one.
 */
function structured(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === "object" ? parsed : value;
  } catch {
    return value;
  }
}

/** Levenshtein distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

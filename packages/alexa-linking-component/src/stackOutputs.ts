/**
 * The one reader of `pulumi stack output --json`, for every command-line verb: the text parsed,
 * the outputs found (at the top level, or inside the one output `--from` names), each value
 * checked, with errors that name the output, show the value and say how to fix it.
 *
 * Where the verbs once disagreed, one rule now holds:
 * - a program that exports the whole component as one object is read with `--from <output>`,
 *   never guessed: a missing output's error names the object outputs that hold it;
 * - a value shown as "[secret]" is an error that says to add `--show-secrets`;
 * - associationFileUrls is what the component exports, a map {ios?, android?} of URLs;
 * - empty text and text that is not JSON are errors that name where the text came from.
 * Which URLs a verb accepts is its own rule, passed in (see the named checks below).
 */
import { showValue } from "./shared/errors";
import { CHECKED_URL, OUTPUT_URL, PUBLIC_URL, showUrl, urlProblem } from "./shared/urls";
import { DEFAULT_SKILL_STAGE, SKILL_STAGES } from "./shared/defaults";

/** How `pulumi stack output --json` shows a secret without `--show-secrets`. */
export const SECRET_SHOWN = "[secret]";

export const STACK_OUTPUT_COMMAND = "`pulumi stack output --json`";
export const STACK_OUTPUT_SECRETS_COMMAND = "`pulumi stack output --json --show-secrets`";

/** Where each output comes from, for the error when it is missing. */
export const OUTPUT_SOURCES = {
  redirectURL: "AlexaAppLinking.redirectURL (the hosting; args bucketName, publicAccess, cloudFront)",
  redirectHost: "AlexaAppLinking.redirectHost (the hosting; args bucketName, publicAccess, cloudFront)",
  alexaAccessTokenURL: "AlexaAppLinking.alexaAccessTokenURL (args accessToken.apiName, accessToken.stage or accessToken.url)",
  cognitoClientId: "AlexaAppLinking.cognitoClientId (args cognito.userPoolId, cognito.clientName or cognito.clientId)",
  cognitoUserPoolId: "AlexaAppLinking.cognitoUserPoolId (args cognito.userPoolId, or the pool found by client name)",
  associationFileUrls: "AlexaAppLinking.associationFileUrls (args ios, android)",
  skills: "AlexaAppLinking.skills (arg skills)",
  bucketName: "AlexaAppLinking.bucketName (arg bucketName)",
};

export type OutputKey = keyof typeof OUTPUT_SOURCES;

/** Stack outputs a verb cannot work from (the command line exits 1: the input, not the options). */
export class StackOutputsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackOutputsError";
  }
}

/** Why a URL is unusable to a verb, or undefined; each verb passes its own named rule. */
export type UrlProblem = (url: string) => string | undefined;

/** Where the text came from and how to get it right, for the messages. */
export interface OutputsText {
  text: string;
  /** e.g. "standard input", "--input outputs.json". */
  source: string;
  /** The command whose output is expected, e.g. STACK_OUTPUT_COMMAND. */
  command?: string;
  /** The option that reads it from a file, e.g. "--input". */
  fileOption?: string;
}

/** Parses the text of `pulumi stack output --json`: empty text and text that is not JSON are errors. */
export function parseOutputsText({ text, source, command = STACK_OUTPUT_COMMAND, fileOption = "--input" }: OutputsText): unknown {
  if (text.trim() === "") throw new StackOutputsError(`${source} is empty. Fix: pipe ${command} into it, or pass ${fileOption} <file>`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new StackOutputsError(
      `${source} is not JSON (${(err as Error).message}). Fix: pass the output of ${command} on standard input or with ${fileOption} <file>`,
    );
  }
}

export interface StackSkill {
  skillId: string;
  stage: string;
}

/** The outputs object (or the one output named by `from`), with typed, checked accessors. */
export class StackOutputs {
  readonly outputs: Record<string, unknown>;
  /** "stack output " or "stack output <from>.", the prefix of every message. */
  readonly where: string;
  private readonly top: Record<string, unknown>;

  constructor(
    value: unknown,
    private readonly from?: string,
    command = STACK_OUTPUT_COMMAND,
  ) {
    if (!isObject(value))
      throw new StackOutputsError(`the stack outputs are ${showValue(value)}, not an object. Fix: pass the output of ${command}`);
    this.top = value;
    let outputs = value;
    if (from !== undefined) {
      const nested = value[from];
      if (!isObject(nested)) {
        const shown = nested === undefined ? "missing" : showValue(nested);
        throw new StackOutputsError(
          `stack output "${from}" (--from) is ${shown}, not an object; found outputs: ${keysOf(value)}. Fix: pass --from the output that holds the component's outputs`,
        );
      }
      outputs = nested;
    }
    this.outputs = outputs;
    this.where = from === undefined ? "stack output " : `stack output ${from}.`;
  }

  has(key: OutputKey): boolean {
    return this.outputs[key] !== undefined && this.outputs[key] !== null;
  }

  /** The raw value; missing or hidden as a secret is an error. */
  present(key: OutputKey): unknown {
    const v = this.outputs[key];
    if (v === SECRET_SHOWN)
      throw new StackOutputsError(
        `${this.where}${key} is shown as "${SECRET_SHOWN}". Fix: run \`pulumi stack output --json --show-secrets\``,
      );
    if (v === undefined || v === null) {
      throw new StackOutputsError(
        `${this.where}${key} is missing (found: ${keysOf(this.outputs)}). It comes from ${OUTPUT_SOURCES[key]}: export it from the stack program${this.nestedHint(key)}`,
      );
    }
    return v;
  }

  text(key: OutputKey): string {
    const v = this.present(key);
    if (typeof v !== "string" || v.trim() === "" || v.trim() !== v) {
      throw new StackOutputsError(
        `${this.where}${key} is ${showValue(v)}, not a non-empty string without surrounding spaces; it comes from ${OUTPUT_SOURCES[key]}`,
      );
    }
    return v;
  }

  /** A URL output that passes the verb's rule `problem`. */
  url(key: OutputKey, problem: UrlProblem): string {
    const value = this.text(key);
    const why = problem(value);
    if (why) throw new StackOutputsError(`${this.where}${key} ${showUrl(value)} ${why}`);
    return value;
  }

  /** redirectURL and redirectHost, which must agree (redirectHost may be absent: then redirectURL's host). */
  redirect(problem: UrlProblem): { redirectURL: string; redirectHost: string } {
    const redirectURL = this.url("redirectURL", problem);
    const host = new URL(redirectURL).host;
    const redirectHost = this.outputs.redirectHost === undefined ? host : this.text("redirectHost");
    if (redirectHost !== host) {
      throw new StackOutputsError(
        `${this.where}redirectHost "${redirectHost}" is not the host of redirectURL "${redirectURL}"; the apps need both to agree. Fix: export both from the same AlexaAppLinking`,
      );
    }
    return { redirectURL, redirectHost };
  }

  /**
   * redirectHost alone, for the entitlement: the output if the stack exports it (it must then be
   * a host name, and redirectURL's host if that is exported too), else the host of redirectURL.
   * When neither is there, the error names redirectHost only.
   */
  redirectHostOnly(problem: UrlProblem): string {
    const hasUrl = this.has("redirectURL");
    if (this.outputs.redirectHost === undefined && hasUrl) return this.redirect(problem).redirectHost;
    const host = this.text("redirectHost");
    if (!HOST_NAME.test(host)) {
      throw new StackOutputsError(
        `${this.where}redirectHost "${host}" is not a host name (like bucket.s3.eu-west-1.amazonaws.com, no scheme, port or path); ` +
          "the entitlement is applinks:<host>. Fix: export AlexaAppLinking.redirectHost as it is",
      );
    }
    if (hasUrl) this.redirect(problem);
    return host;
  }

  /** The skills output: a list of {skillId, stage} (stage defaults to DEFAULT_SKILL_STAGE); `atLeastOne` for verbs that need a skill. */
  skills(atLeastOne: boolean): StackSkill[] {
    const name = `${this.where}skills`;
    const value = this.present("skills");
    if (!Array.isArray(value) || (atLeastOne && value.length === 0)) {
      throw new StackOutputsError(
        `${name} is ${showValue(value)}; it must list ${atLeastOne ? "at least one" : "each"} {skillId, stage}. It comes from ${OUTPUT_SOURCES.skills}`,
      );
    }
    return value.map((skill, i) => {
      if (!isObject(skill) || typeof skill.skillId !== "string" || skill.skillId === "") {
        throw new StackOutputsError(`${name}[${i}] is ${showValue(skill)}, not {skillId, stage}`);
      }
      const stage = skill.stage ?? DEFAULT_SKILL_STAGE;
      if (!(SKILL_STAGES as readonly unknown[]).includes(stage)) {
        throw new StackOutputsError(`${name}[${i}].stage is ${showValue(stage)}; the apps accept ${SKILL_STAGES.join(" or ")}`);
      }
      return { skillId: skill.skillId, stage: stage as string };
    });
  }

  /** associationFileUrls, as the component exports it: {ios?, android?}, at least one, each passing `problem`. */
  fileUrls(problem: UrlProblem): AssociationFileUrls {
    const name = `${this.where}associationFileUrls`;
    const value = this.present("associationFileUrls");
    const shape = `{"ios"?: URL, "android"?: URL} with at least one`;
    if (!isObject(value)) throw new StackOutputsError(`${name} is ${showValue(value)}, not ${shape}`);
    const unknown = Object.keys(value).filter((k) => k !== "ios" && k !== "android");
    if (unknown.length > 0) throw new StackOutputsError(`${name} has ${unknown.map((k) => `"${k}"`).join(", ")}; expected ${shape}`);
    const urls: AssociationFileUrls = {};
    for (const platform of ["ios", "android"] as const) {
      const v = value[platform];
      if (v === undefined || v === null) continue;
      if (typeof v !== "string") throw new StackOutputsError(`${name}.${platform} is ${showValue(v)}, not a URL`);
      const why = problem(v);
      if (why) throw new StackOutputsError(`${name}.${platform} "${v}" ${why}`);
      urls[platform] = v;
    }
    if (urls.ios === undefined && urls.android === undefined)
      throw new StackOutputsError(`${name} is ${showValue(value)}; expected ${shape}`);
    return urls;
  }

  /** An output only an option needs: its error says which option, and that leaving it out is a fix. */
  neededText(key: OutputKey, option: string): string {
    try {
      return this.text(key);
    } catch (err) {
      throw new StackOutputsError(`${(err as Error).message}. ${option} needs it; or leave ${option} out`);
    }
  }

  /** When the key is missing at the top level and object outputs hold it, say to read one with --from. */
  private nestedHint(key: OutputKey): string {
    if (this.from !== undefined) return "";
    const holders = Object.entries(this.top)
      .filter(([, v]) => isObject(v) && key in v)
      .map(([name]) => name);
    if (holders.length === 1) return `, or read the outputs from stack output "${holders[0]}" with --from ${holders[0]}`;
    if (holders.length > 1) return `, or read them from one of the outputs ${holders.map((h) => `"${h}"`).join(", ")} with --from <output>`;
    return "";
  }
}

export interface AssociationFileUrls {
  ios?: string;
  android?: string;
}

// ---- Each verb's URL rule (src/shared/urls.ts) ----

/** mobile-config: what the apps open, https only. */
export const appUrlProblem: UrlProblem = (url) => urlProblem(url, PUBLIC_URL);

/** doctor: https, or plain http on this machine (emulators). */
export const doctorUrlProblem: UrlProblem = (url) => urlProblem(url, OUTPUT_URL);

/** verify: any http(s) URL (the check itself reports what a device would refuse). */
export const verifyUrlProblem: UrlProblem = (url) => urlProblem(url, CHECKED_URL);

// ---- What each verb reads ----

/** The stack outputs the mobile builds need. */
export interface MobileStackOutputs {
  redirectURL: string;
  redirectHost: string;
  alexaAccessTokenURL: string;
  cognitoClientId: string;
  skills: StackSkill[];
}

/** Every value the plist, the Android lines and the JSON hold (redirectHost defaults to redirectURL's host). */
export function readMobileOutputs(read: StackOutputs): MobileStackOutputs {
  return {
    ...read.redirect(appUrlProblem),
    alexaAccessTokenURL: read.url("alexaAccessTokenURL", appUrlProblem),
    cognitoClientId: read.text("cognitoClientId"),
    skills: read.skills(true),
  };
}

/** Parses the text of `pulumi stack output --json` for the mobile builds; `from` picks one output that holds the rest. */
export function parseStackOutputs(text: string, from?: string): MobileStackOutputs {
  return readMobileOutputs(new StackOutputs(parseOutputsText({ text, source: "the input" }), from));
}

/** What `doctor` reads from `pulumi stack output --json --show-secrets`. */
export interface DoctorOutputs {
  redirectURL: string;
  redirectHost: string;
  associationFileUrls: AssociationFileUrls;
  cognitoClientId: string;
  cognitoUserPoolId: string;
  alexaAccessTokenURL: string;
  skills: StackSkill[];
  /** Read only when asked for (`--s3-endpoint` fetches the files from the bucket by name). */
  bucketName?: string;
}

/** Outputs only some options need, each by the option that needs it (e.g. "--s3-endpoint"). */
export interface DoctorOutputNeeds {
  bucketName?: string;
}

export function readDoctorOutputs(read: StackOutputs, needs: DoctorOutputNeeds = {}): DoctorOutputs {
  return {
    ...read.redirect(doctorUrlProblem),
    associationFileUrls: read.fileUrls(doctorUrlProblem),
    cognitoClientId: read.text("cognitoClientId"),
    cognitoUserPoolId: read.text("cognitoUserPoolId"),
    alexaAccessTokenURL: read.url("alexaAccessTokenURL", doctorUrlProblem),
    skills: read.skills(false),
    ...(needs.bucketName === undefined ? {} : { bucketName: read.neededText("bucketName", needs.bucketName) }),
  };
}

/** The association file URLs `verify --stack-output` checks. */
export function readVerifyUrls(read: StackOutputs): string[] {
  return Object.values(read.fileUrls(verifyUrlProblem)).filter((u): u is string => u !== undefined);
}

/** A DNS host name, as an `applinks:` entry takes it: labels of letters, digits and inner hyphens. */
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const keysOf = (v: Record<string, unknown>): string => (Object.keys(v).length > 0 ? Object.keys(v).sort().join(", ") : "none");

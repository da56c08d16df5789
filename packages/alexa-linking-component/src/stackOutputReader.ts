/**
 * Reading `pulumi stack output --json` for the command-line verbs: checked values, with errors
 * that name the missing output and the component argument that produces it.
 */

/** How `pulumi stack output --json` shows a secret without `--show-secrets`. */
export const SECRET_SHOWN = "[secret]";

import { SKILL_STAGES } from "./shared/defaults";
export { SKILL_STAGES };

export interface StackSkill {
  skillId: string;
  stage: string;
}

/** Where each output comes from, for the error when it is missing. */
export const OUTPUT_SOURCES = {
  redirectURL: "AlexaAppLinking.redirectURL (the S3 hosting; args bucketName, publicAccess)",
  redirectHost: "AlexaAppLinking.redirectHost (the S3 hosting; args bucketName, publicAccess)",
  alexaAccessTokenURL: "AlexaAppLinking.alexaAccessTokenURL (args accessToken.apiName, accessToken.stage or accessToken.url)",
  cognitoClientId: "AlexaAppLinking.cognitoClientId (args cognito.userPoolId, cognito.clientName or cognito.clientId)",
  cognitoUserPoolId: "AlexaAppLinking.cognitoUserPoolId (args cognito.userPoolId, or the pool found by client name)",
  associationFileUrls: "AlexaAppLinking.associationFileUrls (args ios, android)",
  skills: "AlexaAppLinking.skills (arg skills)",
  bucketName: "AlexaAppLinking.bucketName (arg bucketName)",
};

export type OutputKey = keyof typeof OUTPUT_SOURCES;

/** How a verb reports input it cannot use: its own error class, and the command to run instead. */
export interface ReaderStyle {
  fail: (message: string) => Error;
  /** e.g. "`pulumi stack output --json`" */
  command: string;
}

/** Parses the JSON text, with an error that says what to pass instead. */
export function parseOutputsJson(text: string, style: ReaderStyle, source = "the input"): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw style.fail(`${source} is not JSON (${(err as Error).message}). Fix: pass the output of ${style.command} on standard input or with --input <file>`);
  }
}

/** The outputs object (or the one output named by `from`), with typed, checked accessors. */
export class StackOutputReader {
  readonly outputs: Record<string, unknown>;
  /** "stack output " or "stack output <from>.", the prefix of every message. */
  readonly where: string;
  private readonly hint: string;

  constructor(
    value: unknown,
    from: string | undefined,
    private readonly style: ReaderStyle,
  ) {
    if (!isObject(value)) throw style.fail(`the stack outputs are ${describe(value)}, not an object. Fix: pass the output of ${style.command}`);
    let outputs = value;
    if (from !== undefined) {
      const nested = value[from];
      if (!isObject(nested)) throw style.fail(`stack output "${from}" (--from) is ${describe(nested)}, not an object; found outputs: ${keysOf(value)}`);
      outputs = nested;
    }
    this.outputs = outputs;
    this.where = from === undefined ? "stack output " : `stack output ${from}.`;
    this.hint = nestedHint(value, from);
  }

  /** The raw value; missing or hidden as a secret is an error. */
  present(key: OutputKey): unknown {
    const v = this.outputs[key];
    if (v === SECRET_SHOWN) throw this.style.fail(`${this.where}${key} is shown as "${SECRET_SHOWN}". Fix: run \`pulumi stack output --json --show-secrets\``);
    if (v === undefined || v === null) {
      throw this.style.fail(`${this.where}${key} is missing (found: ${keysOf(this.outputs)}). It comes from ${OUTPUT_SOURCES[key]}: export it from the stack program${this.hint}`);
    }
    return v;
  }

  text(key: OutputKey): string {
    const v = this.present(key);
    if (typeof v !== "string" || v.trim() === "" || v.trim() !== v) {
      throw this.style.fail(`${this.where}${key} is ${describe(v)}, not a non-empty string without surrounding spaces; it comes from ${OUTPUT_SOURCES[key]}`);
    }
    return v;
  }

  /** A URL output that passes `problem` (which returns why a URL is unusable, or undefined). */
  url(key: OutputKey, problem: (url: string) => string | undefined): string {
    const value = this.text(key);
    const why = problem(value);
    if (why) throw this.style.fail(`${this.where}${key} "${value}" ${why}`);
    return value;
  }

  /** redirectURL and redirectHost, which must agree (redirectHost may be absent). */
  redirect(problem: (url: string) => string | undefined): { redirectURL: string; redirectHost: string } {
    const redirectURL = this.url("redirectURL", problem);
    const host = new URL(redirectURL).host;
    const redirectHost = this.outputs.redirectHost === undefined ? host : this.text("redirectHost");
    if (redirectHost !== host) {
      throw this.style.fail(
        `${this.where}redirectHost "${redirectHost}" is not the host of redirectURL "${redirectURL}"; the apps need both to agree. Fix: export both from the same AlexaAppLinking`,
      );
    }
    return { redirectURL, redirectHost };
  }

  /** The skills output: a list of {skillId, stage}; `atLeastOne` for verbs that need a skill. */
  skills(atLeastOne: boolean): StackSkill[] {
    const name = `${this.where}skills`;
    const value = this.present("skills");
    if (!Array.isArray(value) || (atLeastOne && value.length === 0)) {
      throw this.style.fail(`${name} is ${describe(value)}; it must list ${atLeastOne ? "at least one" : "each"} {skillId, stage}. It comes from ${OUTPUT_SOURCES.skills}`);
    }
    return value.map((skill, i) => {
      if (!isObject(skill) || typeof skill.skillId !== "string" || skill.skillId === "") {
        throw this.style.fail(`${name}[${i}] is ${describe(skill)}, not {skillId, stage}`);
      }
      const stage = skill.stage ?? "development";
      if (!SKILL_STAGES.includes(stage as (typeof SKILL_STAGES)[number])) {
        throw this.style.fail(`${name}[${i}].stage is ${describe(stage)}; the apps accept ${SKILL_STAGES.join(" or ")}`);
      }
      return { skillId: skill.skillId, stage: stage as string };
    });
  }
}

const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Why a URL the apps use is unusable: anything but an absolute https URL. With
 * `loopbackHttp`, plain http on a loopback host passes too (emulators, for `doctor`).
 */
export function httpsProblem(value: string, loopbackHttp = false): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not an absolute URL";
  }
  if (url.protocol === "https:") return undefined;
  if (loopbackHttp && url.protocol === "http:" && LOOPBACK_HOSTS.includes(url.hostname)) return undefined;
  return loopbackHttp ? "is not https (plain http is accepted only on a loopback host, for emulators)" : "is not https; the apps require https";
}

/** When the program exported the whole component as one output, say how to read it. */
function nestedHint(value: Record<string, unknown>, from: string | undefined): string {
  if (from !== undefined) return "";
  const holder = Object.entries(value).find(([, v]) => isObject(v) && "redirectURL" in v);
  return holder ? `, or read the outputs from stack output "${holder[0]}" with --from ${holder[0]}` : "";
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const keysOf = (v: Record<string, unknown>): string => (Object.keys(v).length > 0 ? Object.keys(v).sort().join(", ") : "none");

/** A value as shown in a message: JSON, cut at 60 characters. */
export function describe(v: unknown): string {
  if (v === undefined) return "missing";
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

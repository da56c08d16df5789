import { OUTPUT_SOURCES, SKILL_STAGES } from "../mobile/stackOutputs";

/** What `doctor` reads from `pulumi stack output --json --show-secrets`. */
export interface DoctorOutputs {
  redirectURL: string;
  redirectHost: string;
  associationFileUrls: { ios?: string; android?: string };
  cognitoClientId: string;
  cognitoUserPoolId: string;
  alexaAccessTokenURL: string;
  skills: { skillId: string; stage: string }[];
}

/** Where each output comes from, for the error when it is missing. */
export const DOCTOR_OUTPUT_SOURCES: Record<keyof DoctorOutputs, string> = {
  ...OUTPUT_SOURCES,
  associationFileUrls: "AlexaAppLinking.associationFileUrls (args ios, android)",
  cognitoUserPoolId: "AlexaAppLinking.cognitoUserPoolId (args cognito.userPoolId, or the pool found by client name)",
};

const SECRET_SHOWN = "[secret]";
const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

/** Thrown for input `doctor` cannot work from (exit code 2). */
export class DoctorInputError extends Error {}

/**
 * Why `value` cannot be a URL the apps or devices use, or undefined. https is required; plain
 * http is accepted for loopback hosts only, which is where emulators run.
 */
export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not an absolute URL";
  }
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.includes(url.hostname)) return undefined;
  return "is not https (plain http is accepted only on a loopback host, for emulators)";
}

/** Parses the text of `pulumi stack output --json`; `from` picks one output that holds the rest. */
export function parseDoctorOutputs(text: string, source: string, from?: string): DoctorOutputs {
  if (text.trim() === "") {
    throw new DoctorInputError(`${source} is empty. Fix: pipe \`pulumi stack output --json --show-secrets\` into doctor, or pass --input <file>`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DoctorInputError(`${source} is not JSON (${(err as Error).message}). Fix: pass the output of \`pulumi stack output --json --show-secrets\``);
  }
  return readDoctorOutputs(value, from);
}

export function readDoctorOutputs(value: unknown, from?: string): DoctorOutputs {
  if (!isObject(value)) {
    throw new DoctorInputError(`the stack outputs are ${describe(value)}, not an object. Fix: pass the output of \`pulumi stack output --json --show-secrets\``);
  }
  let outputs = value;
  if (from !== undefined) {
    const nested = value[from];
    if (!isObject(nested)) {
      throw new DoctorInputError(`stack output "${from}" (--from) is ${describe(nested)}, not an object; found outputs: ${keysOf(value)}`);
    }
    outputs = nested;
  }
  const where = from === undefined ? "stack output " : `stack output ${from}.`;
  const present = (key: keyof DoctorOutputs): unknown => {
    const v = outputs[key];
    if (v === SECRET_SHOWN) {
      throw new DoctorInputError(`${where}${key} is shown as "${SECRET_SHOWN}". Fix: run \`pulumi stack output --json --show-secrets\``);
    }
    if (v === undefined || v === null) {
      throw new DoctorInputError(
        `${where}${key} is missing (found: ${keysOf(outputs)}). It comes from ${DOCTOR_OUTPUT_SOURCES[key]}: export it from the stack program${nestedHint(value, from)}`,
      );
    }
    return v;
  };
  const text = (key: keyof DoctorOutputs): string => {
    const v = present(key);
    if (typeof v !== "string" || v.trim() === "" || v.trim() !== v) {
      throw new DoctorInputError(`${where}${key} is ${describe(v)}, not a non-empty string without surrounding spaces; it comes from ${DOCTOR_OUTPUT_SOURCES[key]}`);
    }
    return v;
  };
  const url = (name: string, v: string): string => {
    const problem = urlProblem(v);
    if (problem) throw new DoctorInputError(`${where}${name} "${v}" ${problem}`);
    return v;
  };

  const redirectURL = url("redirectURL", text("redirectURL"));
  const host = new URL(redirectURL).host;
  const redirectHost = outputs.redirectHost === undefined ? host : text("redirectHost");
  if (redirectHost !== host) {
    throw new DoctorInputError(`${where}redirectHost "${redirectHost}" is not the host of redirectURL "${redirectURL}". Fix: export both from the same AlexaAppLinking`);
  }
  return {
    redirectURL,
    redirectHost,
    associationFileUrls: readFileUrls(present("associationFileUrls"), `${where}associationFileUrls`, url),
    cognitoClientId: text("cognitoClientId"),
    cognitoUserPoolId: text("cognitoUserPoolId"),
    alexaAccessTokenURL: url("alexaAccessTokenURL", text("alexaAccessTokenURL")),
    skills: readSkills(present("skills"), `${where}skills`),
  };
}

function readFileUrls(value: unknown, name: string, url: (name: string, v: string) => string): DoctorOutputs["associationFileUrls"] {
  const shape = `{"ios"?: URL, "android"?: URL} with at least one`;
  if (!isObject(value)) throw new DoctorInputError(`${name} is ${describe(value)}, not ${shape}`);
  const unknown = Object.keys(value).filter((k) => k !== "ios" && k !== "android");
  if (unknown.length > 0) throw new DoctorInputError(`${name} has ${unknown.map((k) => `"${k}"`).join(", ")}; expected ${shape}`);
  const urls: DoctorOutputs["associationFileUrls"] = {};
  for (const platform of ["ios", "android"] as const) {
    const v = value[platform];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string") throw new DoctorInputError(`${name}.${platform} is ${describe(v)}, not a URL`);
    urls[platform] = url(`associationFileUrls.${platform}`, v);
  }
  if (urls.ios === undefined && urls.android === undefined) throw new DoctorInputError(`${name} is ${describe(value)}; expected ${shape}`);
  return urls;
}

function readSkills(value: unknown, name: string): DoctorOutputs["skills"] {
  if (!Array.isArray(value)) throw new DoctorInputError(`${name} is ${describe(value)}, not a list of {skillId, stage}`);
  return value.map((skill, i) => {
    if (!isObject(skill) || typeof skill.skillId !== "string" || skill.skillId === "") {
      throw new DoctorInputError(`${name}[${i}] is ${describe(skill)}, not {skillId, stage}`);
    }
    const stage = skill.stage ?? "development";
    if (!SKILL_STAGES.includes(stage as (typeof SKILL_STAGES)[number])) {
      throw new DoctorInputError(`${name}[${i}].stage is ${describe(stage)}; expected ${SKILL_STAGES.join(" or ")}`);
    }
    return { skillId: skill.skillId, stage: stage as string };
  });
}

/** When the program exported the whole component as one output, say how to read it. */
function nestedHint(value: Record<string, unknown>, from: string | undefined): string {
  if (from !== undefined) return "";
  const holder = Object.entries(value).find(([, v]) => isObject(v) && "redirectURL" in v);
  return holder ? `, or read the outputs from stack output "${holder[0]}" with --from ${holder[0]}` : "";
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const keysOf = (v: Record<string, unknown>): string => (Object.keys(v).length > 0 ? Object.keys(v).sort().join(", ") : "none");

function describe(v: unknown): string {
  if (v === undefined) return "missing";
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

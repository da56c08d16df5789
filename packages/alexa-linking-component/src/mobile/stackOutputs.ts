/**
 * The stack outputs the mobile builds need, read from `pulumi stack output --json`: checked, with
 * errors that name the missing output and the component argument that produces it.
 */
export interface MobileSkill {
  skillId: string;
  stage: string;
}

export interface MobileStackOutputs {
  redirectURL: string;
  redirectHost: string;
  alexaAccessTokenURL: string;
  cognitoClientId: string;
  skills: MobileSkill[];
}

/** Where each output comes from, for the error when it is missing. */
export const OUTPUT_SOURCES: Record<keyof MobileStackOutputs, string> = {
  redirectURL: "AlexaAppLinking.redirectURL (the S3 hosting; args bucketName, publicAccess)",
  redirectHost: "AlexaAppLinking.redirectHost (the S3 hosting; args bucketName, publicAccess)",
  alexaAccessTokenURL: "AlexaAppLinking.alexaAccessTokenURL (args accessToken.apiName, accessToken.stage or accessToken.url)",
  cognitoClientId: "AlexaAppLinking.cognitoClientId (args cognito.userPoolId, cognito.clientName or cognito.clientId)",
  skills: "AlexaAppLinking.skills (arg skills)",
};

export const SKILL_STAGES = ["development", "live"] as const;

const SECRET_SHOWN = "[secret]";

/** Parses the text of `pulumi stack output --json`; `from` picks one output that holds the rest. */
export function parseStackOutputs(text: string, from?: string): MobileStackOutputs {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `the input is not JSON (${(err as Error).message}). Fix: pass the output of \`pulumi stack output --json\` on standard input or with --input <file>`,
    );
  }
  return readStackOutputs(value, from);
}

export function readStackOutputs(value: unknown, from?: string): MobileStackOutputs {
  if (!isObject(value)) {
    throw new Error(`the stack outputs are ${describe(value)}, not an object. Fix: pass the output of \`pulumi stack output --json\``);
  }
  let outputs = value;
  if (from !== undefined) {
    const nested = value[from];
    if (!isObject(nested)) {
      throw new Error(`stack output "${from}" (--from) is ${describe(nested)}, not an object; found outputs: ${keysOf(value)}`);
    }
    outputs = nested;
  }
  const where = from === undefined ? "stack output " : `stack output ${from}.`;
  const text = (key: keyof MobileStackOutputs): string => {
    const v = outputs[key];
    if (v === SECRET_SHOWN) {
      throw new Error(`${where}${key} is shown as "${SECRET_SHOWN}". Fix: run \`pulumi stack output --json --show-secrets\``);
    }
    if (v === undefined || v === null) {
      throw new Error(`${where}${key} is missing (found: ${keysOf(outputs)}). It comes from ${OUTPUT_SOURCES[key]}: export it from the stack program${nestedHint(value, from)}`);
    }
    if (typeof v !== "string" || v.trim() === "" || v.trim() !== v) {
      throw new Error(`${where}${key} is ${describe(v)}, not a non-empty string without surrounding spaces; it comes from ${OUTPUT_SOURCES[key]}`);
    }
    return v;
  };

  const redirectURL = httpsUrl(`${where}redirectURL`, text("redirectURL"));
  const host = new URL(redirectURL).host;
  const redirectHost = outputs.redirectHost === undefined ? host : text("redirectHost");
  if (redirectHost !== host) {
    throw new Error(`${where}redirectHost "${redirectHost}" is not the host of redirectURL "${redirectURL}"; the apps need both to agree. Fix: export both from the same AlexaAppLinking`);
  }
  return {
    redirectURL,
    redirectHost,
    alexaAccessTokenURL: httpsUrl(`${where}alexaAccessTokenURL`, text("alexaAccessTokenURL")),
    cognitoClientId: text("cognitoClientId"),
    skills: readSkills(outputs.skills, `${where}skills`, nestedHint(value, from)),
  };
}

function readSkills(value: unknown, name: string, hint: string): MobileSkill[] {
  if (value === SECRET_SHOWN) throw new Error(`${name} is shown as "${SECRET_SHOWN}". Fix: run \`pulumi stack output --json --show-secrets\``);
  if (value === undefined || value === null) throw new Error(`${name} is missing. It comes from ${OUTPUT_SOURCES.skills}: export it from the stack program${hint}`);
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${name} is ${describe(value)}; it must list at least one {skillId, stage}. It comes from ${OUTPUT_SOURCES.skills}`);
  }
  return value.map((skill, i) => {
    if (!isObject(skill) || typeof skill.skillId !== "string" || skill.skillId === "") {
      throw new Error(`${name}[${i}] is ${describe(skill)}, not {skillId, stage}`);
    }
    const stage = skill.stage ?? "development";
    if (!SKILL_STAGES.includes(stage as (typeof SKILL_STAGES)[number])) {
      throw new Error(`${name}[${i}].stage is ${describe(stage)}; the apps accept ${SKILL_STAGES.join(" or ")}`);
    }
    return { skillId: skill.skillId, stage: stage as string };
  });
}

function httpsUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} "${value}" is not an absolute URL`);
  }
  if (url.protocol !== "https:") throw new Error(`${name} "${value}" is not https; the apps require https`);
  return value;
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

import { describe, httpsProblem, isObject, parseOutputsJson, ReaderStyle, StackOutputReader } from "../stackOutputReader";

/** What `doctor` reads from `pulumi stack output --json --show-secrets`. */
export interface DoctorOutputs {
  redirectURL: string;
  redirectHost: string;
  associationFileUrls: { ios?: string; android?: string };
  cognitoClientId: string;
  cognitoUserPoolId: string;
  alexaAccessTokenURL: string;
  skills: { skillId: string; stage: string }[];
  /** Read only when asked for (`--s3-endpoint` fetches the files from the bucket by name). */
  bucketName?: string;
}

/** Outputs only some options need, each by the option that needs it (e.g. "--s3-endpoint"). */
export interface DoctorOutputNeeds {
  bucketName?: string;
}


/** Thrown for input `doctor` cannot work from (exit code 2). */
export class DoctorInputError extends Error {}

/** Why `value` cannot be a URL the apps or devices use; emulators on loopback may use http. */
export const urlProblem = (value: string): string | undefined => httpsProblem(value, true);

const STYLE: ReaderStyle = { fail: (message) => new DoctorInputError(message), command: "`pulumi stack output --json --show-secrets`" };

/** Parses the text of `pulumi stack output --json`; `from` picks one output that holds the rest. */
export function parseDoctorOutputs(text: string, source: string, from?: string, needs: DoctorOutputNeeds = {}): DoctorOutputs {
  if (text.trim() === "") {
    throw new DoctorInputError(`${source} is empty. Fix: pipe \`pulumi stack output --json --show-secrets\` into doctor, or pass --input <file>`);
  }
  return readDoctorOutputs(parseOutputsJson(text, STYLE, source), from, needs);
}

export function readDoctorOutputs(value: unknown, from?: string, needs: DoctorOutputNeeds = {}): DoctorOutputs {
  const read = new StackOutputReader(value, from, STYLE);
  const url = (name: string, v: string): string => {
    const problem = urlProblem(v);
    if (problem) throw new DoctorInputError(`${read.where}${name} "${v}" ${problem}`);
    return v;
  };
  return {
    ...read.redirect(urlProblem),
    associationFileUrls: readFileUrls(read.present("associationFileUrls"), `${read.where}associationFileUrls`, url),
    cognitoClientId: read.text("cognitoClientId"),
    cognitoUserPoolId: read.text("cognitoUserPoolId"),
    alexaAccessTokenURL: read.url("alexaAccessTokenURL", urlProblem),
    skills: read.skills(false),
    ...(needs.bucketName === undefined ? {} : { bucketName: neededText(read, "bucketName", needs.bucketName) }),
  };
}

/** An output that only an option needs: its error says which option, and that leaving it out is a fix. */
function neededText(read: StackOutputReader, key: "bucketName", option: string): string {
  try {
    return read.text(key);
  } catch (err) {
    throw new DoctorInputError(`${(err as Error).message}. ${option} needs it; or leave ${option} out`);
  }
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

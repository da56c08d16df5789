import { httpsProblem, parseOutputsJson, ReaderStyle, StackOutputReader, StackSkill } from "../stackOutputReader";

/** The stack outputs the mobile builds need. */
export type MobileSkill = StackSkill;

export interface MobileStackOutputs {
  redirectURL: string;
  redirectHost: string;
  alexaAccessTokenURL: string;
  cognitoClientId: string;
  skills: MobileSkill[];
}

const STYLE: ReaderStyle = { fail: (message) => new Error(message), command: "`pulumi stack output --json`" };

/** The JSON value of `pulumi stack output --json`, for the readers below. */
export const parseStackOutputsJson = (text: string): unknown => parseOutputsJson(text, STYLE);

/** Parses the text of `pulumi stack output --json`; `from` picks one output that holds the rest. */
export function parseStackOutputs(text: string, from?: string): MobileStackOutputs {
  return readStackOutputs(parseStackOutputsJson(text), from);
}

/** Every value the plist, the Android lines and the JSON hold (redirectHost defaults to redirectURL's host). */
export function readStackOutputs(value: unknown, from?: string): MobileStackOutputs {
  const read = new StackOutputReader(value, from, STYLE);
  return {
    ...read.redirect((url) => httpsProblem(url)),
    alexaAccessTokenURL: read.url("alexaAccessTokenURL", (url) => httpsProblem(url)),
    cognitoClientId: read.text("cognitoClientId"),
    skills: read.skills(true),
  };
}

/** A DNS host name, as an `applinks:` entry takes it: labels of letters, digits and inner hyphens. */
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/**
 * redirectHost alone, for the entitlement: the output if the stack exports it (it must then be
 * a host name, and redirectURL's host if that is exported too), else the host of redirectURL.
 * When neither is there, the error names redirectHost only.
 */
export function readRedirectHost(value: unknown, from?: string): string {
  const read = new StackOutputReader(value, from, STYLE);
  const hasUrl = read.outputs.redirectURL !== undefined && read.outputs.redirectURL !== null;
  if (read.outputs.redirectHost === undefined && hasUrl) return read.redirect((url) => httpsProblem(url)).redirectHost;
  const host = read.text("redirectHost");
  if (!HOST_NAME.test(host)) {
    throw new Error(
      `${read.where}redirectHost "${host}" is not a host name (like bucket.s3.eu-west-1.amazonaws.com, no scheme, port or path); ` +
        "the entitlement is applinks:<host>. Fix: export AlexaAppLinking.redirectHost as it is",
    );
  }
  if (hasUrl) read.redirect((url) => httpsProblem(url));
  return host;
}

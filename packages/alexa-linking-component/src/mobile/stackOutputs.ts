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

/** Parses the text of `pulumi stack output --json`; `from` picks one output that holds the rest. */
export function parseStackOutputs(text: string, from?: string): MobileStackOutputs {
  return readStackOutputs(parseOutputsJson(text, STYLE), from);
}

export function readStackOutputs(value: unknown, from?: string): MobileStackOutputs {
  const read = new StackOutputReader(value, from, STYLE);
  return {
    ...read.redirect((url) => httpsProblem(url)),
    alexaAccessTokenURL: read.url("alexaAccessTokenURL", (url) => httpsProblem(url)),
    cognitoClientId: read.text("cognitoClientId"),
    skills: read.skills(true),
  };
}

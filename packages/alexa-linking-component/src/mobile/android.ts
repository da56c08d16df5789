import { MobileValues } from "./values";

/** local.properties keys of the ESP RainMaker Android app, in a fixed order. */
export function androidProperties(values: MobileValues): Record<string, string> {
  return {
    alexaRedirectHost: values.redirectHost,
    alexaRedirectUrl: values.redirectURL,
    alexaClientId: values.alexaClientId,
    alexaClientSecret: values.alexaClientSecret,
    alexaRMClientId: values.alexaRMClientId,
    skillId: values.skillId,
    skillStage: values.skillStage,
    alexaAccessTokenUrl: values.alexaAccessTokenURL,
  };
}

export const ANDROID_HEADER = "# Alexa app-to-app account linking: written by `alexa-linking mobile-config` from the stack outputs.";

/** Where each local.properties value comes from, for the fix of a value the build cannot carry. */
const SOURCES: Record<string, string> = {
  alexaRedirectHost: "stack output redirectHost",
  alexaRedirectUrl: "stack output redirectURL",
  alexaClientId: "--alexa-client-id (or ALEXA_CLIENT_ID)",
  alexaClientSecret: "--alexa-client-secret (or ALEXA_CLIENT_SECRET)",
  alexaRMClientId: "stack output cognitoClientId",
  skillId: "the skill id in stack output skills (or --skill-id)",
  skillStage: "--skill-stage",
  alexaAccessTokenUrl: "stack output alexaAccessTokenURL",
};

/**
 * Characters app/build.gradle cannot carry. It makes each value a Java string literal,
 * `buildConfigField "String", "X", '"' + localProperties.getProperty("x") + '"'`, so the
 * value's characters land between two double quotes in BuildConfig.java as they are.
 */
const BREAKS_THE_BUILD: [char: string, name: string, why: string][] = [
  ['"', 'a double quote (")', "which the quote would end early"],
  ["\\", "a backslash (\\)", "where a backslash starts a Java escape (\\u even before the compiler reads the string)"],
  ["\n", "a line break (\\n)", "and a Java string literal cannot span lines"],
  ["\r", "a carriage return (\\r)", "and a Java string literal cannot span lines"],
];

/**
 * Why app/build.gradle cannot turn this value into a BuildConfig field, or undefined. Names the
 * key, the character and its position, never the value (it may be the client secret).
 */
export function androidValueProblem(key: string, value: string): string | undefined {
  const from = SOURCES[key] ?? "its source";
  if (value === "") {
    return `local.properties key ${key} is empty: the app would be built with an empty ${key}. Fix: give a value through ${from}`;
  }
  for (const [char, name, why] of BREAKS_THE_BUILD) {
    const at = value.indexOf(char);
    if (at === -1) continue;
    return (
      `local.properties key ${key} holds ${name} at character ${at + 1}: app/build.gradle puts the value between double quotes in a Java string ` +
      `(buildConfigField "String", ..., '"' + value + '"'), ${why}, so the Android build fails. ` +
      `Fix: correct the value given through ${from}; none of the apps' real values has such a character`
    );
  }
  return undefined;
}

/** Lines to append to local.properties; throws when a value would break the Android build. */
export function renderAndroidProperties(values: MobileValues): string {
  const entries = Object.entries(androidProperties(values));
  for (const [key, value] of entries) {
    const problem = androidValueProblem(key, value);
    if (problem) throw new Error(problem);
  }
  const lines = entries.map(([key, value]) => `${key}=${escapePropertyValue(value)}`);
  return [ANDROID_HEADER, ...lines, ""].join("\n");
}

/**
 * A value as java.util.Properties reads it back unchanged: backslash and line breaks escaped,
 * leading blanks protected, anything outside printable ASCII as \uXXXX (load() reads ISO-8859-1).
 * `:` and `=` need no escape in a value, so URLs stay readable.
 */
export function escapePropertyValue(value: string): string {
  let out = "";
  for (const [i, ch] of [...value].entries()) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\f") out += "\\f";
    else if (ch === " " && i === 0) out += "\\ ";
    else if (code < 0x20 || code > 0x7e) out += utf16Escapes(ch);
    else out += ch;
  }
  return out;
}

const utf16Escapes = (ch: string): string =>
  Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0")}`).join("");

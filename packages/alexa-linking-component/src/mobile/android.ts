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

/** Lines to append to local.properties. */
export function renderAndroidProperties(values: MobileValues): string {
  const lines = Object.entries(androidProperties(values)).map(([key, value]) => `${key}=${escapePropertyValue(value)}`);
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

import fc from "fast-check";
import { escapePropertyValue } from "../../packages/alexa-linking-component/src/mobile/android";

/**
 * The value half of java.util.Properties.load(InputStream) for one logical line: ISO-8859-1
 * bytes, leading blanks skipped, backslash escapes (\t \n \r \f \uXXXX, any other char itself).
 */
function loadValue(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === " " || line[i] === "\t" || line[i] === "\f")) i += 1;
  let out = "";
  for (; i < line.length; i += 1) {
    const ch = line[i];
    if (ch.charCodeAt(0) > 0xff) throw new Error("not ISO-8859-1");
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = line[++i];
    if (next === "u") {
      out += String.fromCharCode(parseInt(line.slice(i + 1, i + 5), 16));
      i += 4;
    } else out += ({ t: "\t", n: "\n", r: "\r", f: "\f" } as Record<string, string>)[next] ?? next;
  }
  return out;
}

describe("escapePropertyValue", () => {
  test.each([
    ["https://b.s3.eu-west-1.amazonaws.com/", "https://b.s3.eu-west-1.amazonaws.com/"],
    ["a=b:c#d!e", "a=b:c#d!e"],
    ["C:\\dir", "C:\\\\dir"],
    [" lead", "\\ lead"],
    ["in side", "in side"],
    ["two\nlines", "two\\nlines"],
    ["tab\tand\r\f", "tab\\tand\\r\\f"],
    ["café", "caf\\u00E9"],
    ["🔑", "\\uD83D\\uDD11"],
    ["\u0001", "\\u0001"],
  ])("%j -> %j", (value, escaped) => expect(escapePropertyValue(value)).toBe(escaped));

  test("Properties.load reads back every string unchanged, from one line of printable ASCII", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), (a, b) => {
        for (const value of [a, b]) {
          const escaped = escapePropertyValue(value);
          expect(escaped).toMatch(/^[\x20-\x7e]*$/);
          expect(loadValue(escaped)).toBe(value);
        }
      }),
    );
  });
});

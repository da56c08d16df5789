import * as fs from "node:fs";
import * as path from "node:path";
import { renderAndroidProperties } from "../mobile/android";
import { mergeIosPlist, renderIosEntitlements, renderIosPlist } from "../mobile/ios";
import { renderMobileJson } from "../mobile/json";
import { loadPlist } from "../mobile/plistLib";
import { PLACEHOLDERS } from "../mobile/placeholders";
import { parseStackOutputs } from "../mobile/stackOutputs";
import { MobileValues, mobileValues } from "../mobile/values";
import { assertKnownOptions, parseOptions } from "./args";
import { CliVerb } from "./io";

/** Each format: its file under --out, and whether it carries the Alexa client secret. */
export const MOBILE_FILES = {
  ios: { file: "ios-alexa-configuration.plist", secret: true },
  "ios-entitlements": { file: "ios-entitlements.plist", secret: false },
  android: { file: "android-local.properties", secret: true },
  json: { file: "mobile-config.json", secret: true },
} as const;
export type MobileFormat = keyof typeof MOBILE_FILES;

const ENV_CLIENT_ID = "ALEXA_CLIENT_ID";
const ENV_CLIENT_SECRET = "ALEXA_CLIENT_SECRET";

const HELP = `usage: pulumi stack output --json | alexa-linking mobile-config [options]

Writes what the ESP RainMaker apps read for Alexa app-to-app account linking, from the outputs of
the stack (redirectURL, redirectHost, alexaAccessTokenURL, cognitoClientId, skills).

  --input <file>             \`pulumi stack output --json\` saved to a file (default: standard input)
  --from <output>            read the values from this one output, when the program exports the
                             whole component as one object
  --format <format>          ios: Configuration.plist with the "ESP Alexa Configuration" dictionary
                             ios-entitlements: the applinks:<redirect host> Associated Domains entry
                             android: lines for local.properties
                             json: all values as JSON (default)
  --out <dir>                write ${Object.values(MOBILE_FILES).map((f) => f.file).join(", ")}
                             into <dir> instead of printing one format (with --format: only that one)
  --ios-plist <file>         the app's Configuration.plist: the ios output is that file with its
                             "ESP Alexa Configuration" dictionary replaced, every other key kept
                             (written in the plist library's layout; XML comments are not kept)
  --skill-id <id>            the skill this app build uses, when the stack links several
  --alexa-client-id <id>     the skill's app-to-app Alexa Client Id (or env ${ENV_CLIENT_ID})
  --alexa-client-secret <s>  the skill's app-to-app Alexa Client Secret (or env ${ENV_CLIENT_SECRET};
                             the environment keeps it out of your shell history)

Values not given stay as placeholders that start with "<SET ME:"; the command says which.
Files that hold a real client secret are written readable by you only.
`;

const KNOWN = ["input", "from", "format", "out", "ios-plist", "skill-id", "alexa-client-id", "alexa-client-secret", "help"] as const;

export const mobileConfig: CliVerb = async (argv, io) => {
  const { options, positional } = parseOptions(argv, ["help"]);
  if (options.has("help")) {
    io.stdout(HELP);
    return 0;
  }
  assertKnownOptions(options, KNOWN);
  if (positional.length > 0) throw new Error(`unexpected argument ${positional.map((p) => `"${p}"`).join(", ")}; see --help`);
  const one = (name: (typeof KNOWN)[number]): string | undefined => {
    const values = options.get(name);
    if (values && values.length > 1) throw new Error(`--${name} is given ${values.length} times; give it once`);
    return values?.[0];
  };

  const format = one("format");
  if (format !== undefined && !(format in MOBILE_FILES)) {
    throw new Error(`--format "${format}" is not one of ${Object.keys(MOBILE_FILES).join(", ")}`);
  }
  const input = one("input");
  const text = input === undefined || input === "-" ? await io.readStdin() : readFile(io.cwd, input, "--input");
  if (text.trim() === "") throw new Error("no stack outputs on standard input. Fix: pipe `pulumi stack output --json` into it, or pass --input <file>");

  const values = mobileValues(parseStackOutputs(text, one("from")), {
    alexaClientId: one("alexa-client-id") ?? nonEmpty(io.env[ENV_CLIENT_ID]),
    alexaClientSecret: one("alexa-client-secret") ?? nonEmpty(io.env[ENV_CLIENT_SECRET]),
    skillId: one("skill-id"),
  });
  const iosPlist = one("ios-plist");
  const existingPlist = iosPlist === undefined ? undefined : readFile(io.cwd, iosPlist, "--ios-plist");
  const plist = loadPlist();
  const render: Record<MobileFormat, () => string> = {
    ios: () => (existingPlist === undefined ? renderIosPlist(values, plist) : mergeIosPlist(existingPlist, values, plist)),
    "ios-entitlements": () => renderIosEntitlements(values, plist),
    android: () => renderAndroidProperties(values),
    json: () => renderMobileJson(values),
  };

  const out = one("out");
  const formats = out !== undefined && format === undefined ? (Object.keys(MOBILE_FILES) as MobileFormat[]) : [(format ?? "json") as MobileFormat];
  if (out === undefined) {
    io.stdout(render[formats[0]]());
  } else {
    const dir = path.resolve(io.cwd, out);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of formats) {
      const target = path.join(dir, MOBILE_FILES[f].file);
      const privateFile = MOBILE_FILES[f].secret && !values.placeholders.includes("alexaClientSecret");
      writeFile(target, render[f](), privateFile);
      io.stdout(`${f.padEnd(18)}${target}\n`);
    }
  }
  // The entitlement holds no placeholder.
  if (formats.some((f) => f !== "ios-entitlements")) io.stderr(placeholderNote(values));
  return 0;
};

/** Which values are still placeholders, and how to set them; never a value itself. */
export function placeholderNote(values: MobileValues): string {
  if (values.placeholders.length === 0) return "";
  const how: Record<keyof typeof PLACEHOLDERS, string> = {
    alexaClientId: `--alexa-client-id or ${ENV_CLIENT_ID}`,
    alexaClientSecret: `--alexa-client-secret or ${ENV_CLIENT_SECRET}`,
  };
  return `alexa-linking mobile-config: left as placeholders ("<SET ME: ...>"): ${values.placeholders.map((key) => `${key} (${how[key]})`).join(", ")}.\n`;
}

function readFile(cwd: string, file: string, option: string): string {
  try {
    return fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    throw new Error(`${option} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function writeFile(target: string, content: string, privateFile: boolean): void {
  fs.writeFileSync(target, content, { mode: privateFile ? 0o600 : 0o644 });
  // writeFileSync's mode applies to new files only.
  fs.chmodSync(target, privateFile ? 0o600 : 0o644);
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === "" ? undefined : value);

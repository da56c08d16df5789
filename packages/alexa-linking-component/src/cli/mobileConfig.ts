import * as path from "node:path";
import { renderAndroidProperties } from "../mobile/android";
import { FORMAT_NEEDS, FRAGMENT_NOTES, MOBILE_FILES, MOBILE_FORMATS, MobileFormat, neededOutputs } from "../mobile/formats";
import { IosOwnedKey, mergeIosConfiguration, mergeIosEntitlements, renderIosEntitlements, renderIosPlist } from "../mobile/ios";
import { renderMobileJson } from "../mobile/json";
import { loadPlist } from "../mobile/plistLib";
import { PLACEHOLDERS, PlaceholderKey } from "../mobile/placeholders";
import { fileInFolder, unsafeTarget, writeFileAtomic } from "../mobile/secureWrite";
import { outFolder, outFolderMovedNote } from "../shared/paths";
import { MobileValues, mobileValues, parseClientValue } from "../mobile/values";
import { parseSkillStage } from "../shared/defaults";
import { appUrlProblem, parseOutputsText, readMobileOutputs, StackOutputs, STACK_OUTPUT_COMMAND } from "../stackOutputs";
import { CliVerb } from "./io";
import { choiceOption, exitCodeHelp, optionValue, optionVerb, UsageError } from "./options";
import { readInputText, readOptionFile } from "./readInput";

export { FORMAT_NEEDS, MOBILE_FILES, type MobileFormat } from "../mobile/formats";

const ENV_CLIENT_ID = "ALEXA_CLIENT_ID";
const ENV_CLIENT_SECRET = "ALEXA_CLIENT_SECRET";

const needsLine = (formats: MobileFormat[]): string =>
  `${formats.join(", ")}: needs ${FORMAT_NEEDS[formats[0]].join(", ")}${formats.includes("ios-entitlements") ? " (or redirectURL)" : ""}`;

const HELP = `usage: pulumi stack output --json | alexa-linking mobile-config [options]

Writes what the ESP RainMaker apps read for Alexa app-to-app account linking, from the outputs of
the stack. The outputs each format reads:
  ${needsLine(["ios", "android", "json"])}
    (redirectHost, when exported, must be the host of redirectURL)
  ${needsLine(["ios-entitlements"])}

  --input <file>             \`pulumi stack output --json\` saved to a file (default: standard input)
  --from <output>            read the values from this one output, when the program exports the
                             whole component as one object
  --format <format>          ios: the "ESP Alexa Configuration" dictionary to paste into the app's
                             Configuration.plist (not a Configuration.plist); with --ios-plist,
                             the app's whole Configuration.plist with that dictionary merged in
                             ios-entitlements: the one Associated Domains entry to add,
                             applinks:<redirect host>; with --ios-entitlements, the app's whole
                             .entitlements file with the entry merged in
                             android: lines to append to the app's local.properties
                             json: all values as JSON (default)
  --out <dir>                write each format's file into <dir> instead of printing one format
                             (with --format: only that one; merged iOS files keep the name of the
                             app's file): ${Object.values(MOBILE_FILES)
                               .map((f) => f.file)
                               .join(",\n                             ")}
  --ios-plist <file>         the app's Configuration.plist: the ios output is that file with its
                             "ESP Alexa Configuration" dictionary merged in: the stack's values
                             replace the app's, the Alexa Client Id and Secret only when given
                             (a real value is never replaced by a placeholder), and every other
                             key is kept (written in the plist library's layout; XML comments are
                             not kept)
  --ios-entitlements <file>  the app's .entitlements file: the ios-entitlements output is that file
                             with applinks:<redirect host> added to its Associated Domains, every
                             other key and domain kept (in the plist library's layout); a file
                             that has it already comes back unchanged, byte for byte
  --skill-id <id>            the skill this app build uses, when the stack links several
  --skill-stage <stage>      development or live: the stage this build's Skill Stage names
                             (default: the skill's stage in the stack's skills output). A store
                             build needs live, whose account linking gets the redirect URL only
                             when the skill passes certification (check: doctor --skill-stage live)
  --alexa-client-id <id>     the skill's app-to-app Alexa Client Id (or env ${ENV_CLIENT_ID})
  --alexa-client-secret <s>  the skill's app-to-app Alexa Client Secret (or env ${ENV_CLIENT_SECRET};
                             the environment keeps it out of your shell history)
  --strict                   a placeholder is an error: nothing is written and the exit code is 1
                             (for release builds, which must not ship "<SET ME: ...>")

Values not given stay as placeholders that start with "<SET ME:"; the command says which.
Android values the app's build.gradle cannot carry (a double quote, a backslash, a line break)
are refused. Files that hold a real client secret are written readable by you only; every file
under --out is created anew and renamed into place, never written through a symbolic link; an
--out that is itself a link is refused (one reached through a linked parent is resolved, and said).

${exitCodeHelp("written", "the stack outputs or an app file cannot be used, or a file cannot be written")}`;

const KNOWN = [
  "input",
  "from",
  "format",
  "out",
  "ios-plist",
  "ios-entitlements",
  "skill-id",
  "skill-stage",
  "alexa-client-id",
  "alexa-client-secret",
] as const;

const FLAGS = ["strict"] as const;

/** One output, rendered before anything is written. */
interface Rendered {
  format: MobileFormat;
  content: string;
  /** Its name under --out. */
  file: string;
  /** Readable by the owner only. */
  private: boolean;
  /** Placeholders it holds (for the note on stderr). */
  placeholders: PlaceholderKey[];
}

export const mobileConfig: CliVerb = optionVerb(
  HELP,
  [...KNOWN.map((name) => ({ name })), ...FLAGS.map((name) => ({ name, flag: true }))],
  async (parsed, io) => {
    const { one } = parsed;

    // Every option is checked, and each default applied, here, before anything is read.
    const format = choiceOption("format", one("format"), MOBILE_FORMATS);
    const skillStage = optionValue(one("skill-stage"), (v) => parseSkillStage(v));
    const clientValue = (option: "alexa-client-id" | "alexa-client-secret", env: string) =>
      optionValue(one(option) ?? nonEmpty(io.env[env]), (v) => parseClientValue(`--${option}`, v));
    const alexaClientId = clientValue("alexa-client-id", ENV_CLIENT_ID);
    const alexaClientSecret = clientValue("alexa-client-secret", ENV_CLIENT_SECRET);
    const out = one("out");
    const formats: MobileFormat[] = out !== undefined && format === undefined ? MOBILE_FORMATS : [format ?? "json"];
    const iosPlist = one("ios-plist");
    const iosEntitlements = one("ios-entitlements");
    for (const [option, used] of [
      ["ios-plist", "ios"],
      ["ios-entitlements", "ios-entitlements"],
    ] as const) {
      if (parsed.has(option) && !formats.includes(used)) {
        throw new UsageError(
          `--${option} is read by --format ${used} only (or --out without --format); this run writes ${formats.join(", ")}. Fix: add --format ${used}, or leave --${option} out`,
        );
      }
    }

    const input = await readInputText(io, one("input"), "--input", STACK_OUTPUT_COMMAND);
    const read = new StackOutputs(parseOutputsText(input), one("from"));

    // Each format reads only what it needs: the entitlement needs the host alone.
    const hostOnly = neededOutputs(formats).every((key) => key === "redirectHost");
    const values = hostOnly
      ? undefined
      : mobileValues(readMobileOutputs(read), { alexaClientId, alexaClientSecret, skillId: one("skill-id"), skillStage });
    const redirectHost = values?.redirectHost ?? read.redirectHostOnly(appUrlProblem);

    const plist = loadPlist();
    const kept: IosOwnedKey[] = [];
    const realSecret = (v: MobileValues) => !v.placeholders.includes("alexaClientSecret");
    const render = (f: MobileFormat): Rendered => {
      const base = { format: f, file: MOBILE_FILES[f].file };
      if (f === "ios-entitlements") {
        if (iosEntitlements === undefined)
          return { ...base, content: renderIosEntitlements({ redirectHost }, plist), private: false, placeholders: [] };
        const source = `--ios-entitlements ${iosEntitlements}`;
        const content = mergeIosEntitlements(readOptionFile(io.cwd, iosEntitlements, "--ios-entitlements"), redirectHost, plist, source);
        return { ...base, file: path.basename(iosEntitlements), content, private: false, placeholders: [] };
      }
      const v = values as MobileValues;
      if (f === "ios" && iosPlist !== undefined) {
        const merged = mergeIosConfiguration(readOptionFile(io.cwd, iosPlist, "--ios-plist"), v, plist, `--ios-plist ${iosPlist}`);
        kept.push(...merged.kept);
        // The app's whole file: it may hold a kept secret, or secrets of its own.
        return { ...base, file: path.basename(iosPlist), content: merged.text, private: true, placeholders: merged.placeholders };
      }
      const content = f === "ios" ? renderIosPlist(v, plist) : f === "android" ? renderAndroidProperties(v) : renderMobileJson(v);
      return { ...base, content, private: MOBILE_FILES[f].secret && realSecret(v), placeholders: v.placeholders };
    };
    // Everything is rendered (and refused) before anything is written.
    const rendered = formats.map(render);
    const placeholders = [...new Set(rendered.flatMap((r) => r.placeholders))];
    if (parsed.has("strict") && placeholders.length > 0) throw new Error(strictMessage(placeholders));

    if (out === undefined) {
      io.stdout(rendered[0].content);
    } else {
      const given = path.resolve(io.cwd, out);
      const named = rendered.map((r) => fileInFolder(given, r.file));
      const twice = named.find((t, i) => named.indexOf(t) !== i);
      if (twice)
        throw new Error(
          `--out: two outputs would both be ${twice}. Fix: rename the app file passed with --ios-plist or --ios-entitlements`,
        );
      // A --out that is a link is refused; one reached through a link is written on disk where it is, and said so.
      const dir = outFolder(given);
      if (dir.moved) io.stderr(`alexa-linking mobile-config: ${outFolderMovedNote(given, dir.real)}\n`);
      const targets = rendered.map((r) => fileInFolder(dir.real, r.file));
      for (const target of targets) {
        const refused = unsafeTarget(target, "--out");
        if (refused) throw new Error(refused);
      }
      rendered.forEach((r, i) => {
        writeFileAtomic(targets[i], r.content, r.private ? 0o600 : 0o644, "--out");
        const note = r.file === MOBILE_FILES[r.format].file ? FRAGMENT_NOTES[r.format] : undefined;
        io.stdout(`${r.format.padEnd(18)}${targets[i]}${note ? `  ${note}` : ""}\n`);
      });
    }
    if (kept.length > 0) {
      io.stderr(
        `alexa-linking mobile-config: kept from ${iosPlist}: ${kept.join(", ")} (the app's own values, as none was given; ` +
          "--alexa-client-id and --alexa-client-secret replace them).\n",
      );
    }
    io.stderr(placeholderNote(placeholders));
    if (values?.skillStage === "live" && formats.some((f) => f !== "ios-entitlements")) {
      io.stderr(
        'alexa-linking mobile-config: Skill Stage "live": this build talks to the skill\'s live stage, whose account linking gets the redirect URL ' +
          "only when the skill passes certification. Check it before shipping: `alexa-linking doctor --skill-stage live`.\n",
      );
    }
    return 0;
  },
);

const PLACEHOLDER_HOW: Record<PlaceholderKey, string> = {
  alexaClientId: `--alexa-client-id or ${ENV_CLIENT_ID}`,
  alexaClientSecret: `--alexa-client-secret or ${ENV_CLIENT_SECRET}`,
};

/** `alexaClientId (--alexa-client-id or ALEXA_CLIENT_ID), ...` in a fixed order. */
const placeholderList = (keys: PlaceholderKey[]): string =>
  (Object.keys(PLACEHOLDERS) as PlaceholderKey[])
    .filter((key) => keys.includes(key))
    .map((key) => `${key} (${PLACEHOLDER_HOW[key]})`)
    .join(", ");

/** Which values are still placeholders, and how to set them; never a value itself. */
export function placeholderNote(values: MobileValues | PlaceholderKey[]): string {
  const keys = Array.isArray(values) ? values : values.placeholders;
  if (keys.length === 0) return "";
  return `alexa-linking mobile-config: left as placeholders ("<SET ME: ...>"): ${placeholderList(keys)}.\n`;
}

/** The --strict refusal: which values would be placeholders and how to give them. */
export function strictMessage(keys: PlaceholderKey[]): string {
  return (
    `--strict: ${placeholderList(keys)} would be left as "<SET ME: ...>" placeholders, which a release build must not ship; nothing was written. ` +
    "Fix: give each value (the Alexa developer console > the skill > Account Linking), or leave --strict out for a development build"
  );
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === "" ? undefined : value);

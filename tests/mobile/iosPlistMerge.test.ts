/**
 * Issue 12, point 3: `--ios-plist <file>` never puts a `<SET ME: ...>` placeholder where the
 * app's Configuration.plist has a real value, and keeps every key it does not own.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { IOS_OWNED_KEYS, mergeAlexaDictionary } from "../../packages/alexa-linking-component/src/mobile/ios";
import { loadPlist, PlistValue } from "../../packages/alexa-linking-component/src/mobile/plistLib";
import { PLACEHOLDERS } from "../../packages/alexa-linking-component/src/mobile/placeholders";
import { runMobileConfig } from "./cliHarness";

const FIXTURES = path.join(__dirname, "fixtures");
const APP_PLIST = path.join(FIXTURES, "app", "Configuration.plist");
const ONE = fs.readFileSync(path.join(FIXTURES, "stack-output.json"), "utf8");
const DICT = "ESP Alexa Configuration";
const plist = loadPlist();
type Dict = Record<string, PlistValue>;
const parse = (text: string) => plist.parse(text) as Record<string, Dict>;
const original = parse(fs.readFileSync(APP_PLIST, "utf8"));

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ios-plist-merge-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const FROM_STACK = {
  "Alexa RM Client Id": "4example0client0id0abcdefgh",
  "Skill Id": "amzn1.ask.skill.11111111-2222-3333-4444-555555555555",
  "Skill Stage": "development",
  "Redirect URL": "https://rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com/",
  "Alexa Access Token URL": "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token",
};

describe("mobile-config --format ios --ios-plist <the app's Configuration.plist>", () => {
  test("keeps the app's real Alexa Client Id and Secret when none is given, and updates what the stack knows", async () => {
    const run = await runMobileConfig(["--format", "ios", "--ios-plist", APP_PLIST], { stdin: ONE });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("SET ME");
    const merged = parse(run.stdout);
    expect(merged[DICT]).toEqual({
      "Alexa Client Id": original[DICT]["Alexa Client Id"],
      "Alexa Client Secret": original[DICT]["Alexa Client Secret"],
      ...FROM_STACK,
    });
    // What it did is said on stderr, without the values.
    expect(run.stderr).toMatch(/kept from .*Configuration\.plist: Alexa Client Id, Alexa Client Secret/);
    expect(run.stderr).not.toMatch(/left as placeholders/);
    expect(run.stderr).not.toContain(original[DICT]["Alexa Client Secret"] as string);
  });

  test("values that are given replace the app's", async () => {
    const run = await runMobileConfig(["--format", "ios", "--ios-plist", APP_PLIST, "--alexa-client-id", "new-id"], {
      stdin: ONE,
      env: { ALEXA_CLIENT_SECRET: "new-secret" },
    });
    expect(parse(run.stdout)[DICT]).toMatchObject({ "Alexa Client Id": "new-id", "Alexa Client Secret": "new-secret" });
  });

  test("keeps every key of the dictionary it does not own, and every other dictionary, as they were", async () => {
    const extended = { ...original, [DICT]: { "Alexa Region": "eu", ...original[DICT], "Alexa Future Flag": true } };
    const file = path.join(tmp, "extended.plist");
    fs.writeFileSync(file, plist.build(extended));
    const run = await runMobileConfig(["--format", "ios", "--ios-plist", file], { stdin: ONE });
    expect(run.code).toBe(0);
    const merged = parse(run.stdout);
    expect(Object.keys(merged)).toEqual(Object.keys(original));
    expect(merged["AWS Configuration"]).toEqual(original["AWS Configuration"]);
    expect(merged["ESP Application Setting"]).toEqual(original["ESP Application Setting"]);
    expect(merged[DICT]["Alexa Region"]).toBe("eu");
    expect(merged[DICT]["Alexa Future Flag"]).toBe(true);
    // The app's key order stays; keys it lacked come after.
    expect(Object.keys(merged[DICT])).toEqual(Object.keys(extended[DICT]));
  });

  test("empty values in the app's file become placeholders, and stderr says so", async () => {
    const run = await runMobileConfig(["--format", "ios", "--ios-plist", path.join(FIXTURES, "Configuration.plist")], { stdin: ONE });
    expect(parse(run.stdout)[DICT]).toMatchObject({
      "Alexa Client Id": PLACEHOLDERS.alexaClientId,
      "Alexa Client Secret": PLACEHOLDERS.alexaClientSecret,
    });
    expect(run.stderr).toMatch(/left as placeholders/);
  });

  test("a dictionary of another type is refused, naming it", async () => {
    const file = path.join(tmp, "wrong.plist");
    fs.writeFileSync(file, plist.build({ [DICT]: ["not", "a", "dict"] }));
    const run = await runMobileConfig(["--format", "ios", "--ios-plist", file], { stdin: ONE });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--ios-plist .*wrong\.plist: "ESP Alexa Configuration" is \["not","a","dict"\], not a dictionary\. Fix: /);
  });
});

describe("mergeAlexaDictionary", () => {
  const ours = (over: Partial<Record<(typeof IOS_OWNED_KEYS)[number], string>> = {}) => ({
    "Alexa Client Id": PLACEHOLDERS.alexaClientId,
    "Alexa Client Secret": PLACEHOLDERS.alexaClientSecret,
    ...FROM_STACK,
    ...over,
  });

  test.each<[string, Dict | undefined, ReturnType<typeof ours>, Dict, string[]]>([
    ["no dictionary yet: ours", undefined, ours(), ours(), []],
    [
      "a real value beats a placeholder",
      { "Alexa Client Secret": "real" },
      ours(),
      ours({ "Alexa Client Secret": "real" }),
      ["Alexa Client Secret"],
    ],
    [
      "a given value beats the app's",
      { "Alexa Client Secret": "old" },
      ours({ "Alexa Client Secret": "new" }),
      ours({ "Alexa Client Secret": "new" }),
      [],
    ],
    ["an empty string is no real value", { "Alexa Client Id": "" }, ours(), ours(), []],
    ["blanks are no real value", { "Alexa Client Id": "  " }, ours(), ours(), []],
    ["a placeholder is no real value", { "Alexa Client Id": PLACEHOLDERS.alexaClientId }, ours(), ours(), []],
    ["a value of another type is no real value", { "Alexa Client Id": 12 }, ours(), ours(), []],
    ["the stack's values always win", { "Skill Id": "amzn1.ask.skill.old", "Redirect URL": "https://old/" }, ours(), ours(), []],
  ])("%s", (_case, existing, values, expected, kept) => {
    const result = mergeAlexaDictionary(existing, values);
    expect(result.dictionary).toEqual(expected);
    expect(result.kept).toEqual(kept);
    expect(Object.values(result.dictionary).filter((v) => typeof v === "string" && v.startsWith("<SET ME")).length).toBe(
      Object.values(expected).filter((v) => typeof v === "string" && v.startsWith("<SET ME")).length,
    );
  });

  test("never a placeholder where the app had a real value, whatever the app had", () => {
    for (const key of IOS_OWNED_KEYS) {
      const { dictionary } = mergeAlexaDictionary({ [key]: "real-value" }, ours());
      expect(String(dictionary[key]).startsWith("<SET ME")).toBe(false);
    }
  });
});

/**
 * Issue 12, point 2: without --ios-plist the ios output is the `ESP Alexa Configuration`
 * dictionary to paste, and the entitlement output the one entry to add; both say so. With
 * --ios-entitlements the app's entitlements file comes back with the entry merged in.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MOBILE_FILES } from "../../packages/alexa-linking-component/src/cli/mobileConfig";
import { mergeIosEntitlements } from "../../packages/alexa-linking-component/src/mobile/ios";
import { loadPlist } from "../../packages/alexa-linking-component/src/mobile/plistLib";
import { runMobileConfig } from "./cliHarness";

const FIXTURES = path.join(__dirname, "fixtures");
const APP = path.join(FIXTURES, "app");
const ONE = fs.readFileSync(path.join(FIXTURES, "stack-output.json"), "utf8");
const HOST = "rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com";
const ENTITLEMENTS = path.join(APP, "ESPRainMaker.entitlements");
const DOMAINS = "com.apple.developer.associated-domains";
const plist = loadPlist();

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ios-fragments-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The XML comments of a document, in order. */
const comments = (xml: string): string[] => [...xml.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]);
const words = (text: string): string => text.replace(/\s+/g, " ");

describe("the ios output without --ios-plist is a fragment, and says so", () => {
  test("a leading XML comment, after the XML declaration, says it is the dictionary to paste and not a Configuration.plist", async () => {
    const run = await runMobileConfig(["--format", "ios"], { stdin: ONE });
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    // The XML declaration must stay the very first thing of the document.
    expect(lines[0]).toBe('<?xml version="1.0" encoding="UTF-8"?>');
    expect(lines[1].startsWith("<!--")).toBe(true);
    const [comment] = comments(run.stdout);
    expect(words(comment)).toMatch(/the "ESP Alexa Configuration" dictionary to paste into the app's Configuration\.plist/);
    expect(words(comment)).toMatch(/not a Configuration\.plist/);
    // XML forbids "--" inside a comment (the plist library and CoreFoundation then stop reading).
    expect(comment).not.toContain("--");
    expect(plist.parse(run.stdout)).toEqual({ "ESP Alexa Configuration": expect.any(Object) });
  });

  test("--out names the file a fragment and says what it is", async () => {
    const dir = path.join(tmp, "fragment-out");
    const run = await runMobileConfig(["--out", dir, "--format", "ios"], { stdin: ONE });
    expect(run.code).toBe(0);
    expect(MOBILE_FILES.ios.file).toMatch(/fragment/);
    expect(fs.readdirSync(dir)).toEqual([MOBILE_FILES.ios.file]);
    expect(run.stdout).toMatch(
      /^ios +.*fragment.*\(the "ESP Alexa Configuration" dictionary to paste into the app's Configuration\.plist; not a Configuration\.plist\)\n$/,
    );
  });

  test("the entitlement fragment is named and described as the one entry to add", async () => {
    const run = await runMobileConfig(["--format", "ios-entitlements"], { stdin: ONE });
    const [comment] = comments(run.stdout);
    expect(words(comment)).toMatch(new RegExp(`the one entry to add: applinks:${HOST.replace(/\./g, "\\.")}`));
    expect(words(comment)).toMatch(/not a whole \.entitlements file/);
    expect(comment).not.toContain("--");
    expect(plist.parse(run.stdout)).toEqual({ [DOMAINS]: [`applinks:${HOST}`] });
    expect(MOBILE_FILES["ios-entitlements"].file).toMatch(/fragment/);
    const dir = path.join(tmp, "entitlement-out");
    const out = await runMobileConfig(["--out", dir, "--format", "ios-entitlements"], { stdin: ONE });
    expect(out.stdout).toMatch(/^ios-entitlements +.*fragment.*\(the one entry to add to the app's \.entitlements file\)\n$/);
  });

  test("--help says plainly what each iOS output is", async () => {
    const help = words((await runMobileConfig(["--help"])).stdout);
    expect(help).toMatch(
      /ios: the "ESP Alexa Configuration" dictionary to paste into the app's Configuration\.plist \(not a Configuration\.plist\)/,
    );
    expect(help).toMatch(/ios-entitlements: the one Associated Domains entry to add/);
    expect(help).toContain("--ios-entitlements <file>");
  });
});

describe("--ios-entitlements <file>", () => {
  const original = fs.readFileSync(ENTITLEMENTS, "utf8");

  test("merges applinks:<redirectHost> and keeps every other key and domain, in order", async () => {
    const run = await runMobileConfig(["--format", "ios-entitlements", "--ios-entitlements", ENTITLEMENTS], { stdin: ONE });
    expect(run.code).toBe(0);
    const merged = plist.parse(run.stdout) as Record<string, unknown>;
    const before = plist.parse(original) as Record<string, unknown>;
    expect(Object.keys(merged)).toEqual(Object.keys(before));
    expect(merged[DOMAINS]).toEqual([...(before[DOMAINS] as string[]), `applinks:${HOST}`]);
    expect({ ...merged, [DOMAINS]: null }).toEqual({ ...before, [DOMAINS]: null });
    expect(merged["aps-environment"]).toBe("development");
    expect(merged["com.apple.security.application-groups"]).toEqual(["group.com.example.rainmaker"]);
    // A whole file, not a fragment: no comment saying otherwise.
    expect(comments(run.stdout)).toEqual([]);
  });

  test("is idempotent: running again on its own output changes nothing, byte for byte", async () => {
    const first = await runMobileConfig(["--format", "ios-entitlements", "--ios-entitlements", ENTITLEMENTS], { stdin: ONE });
    const file = path.join(tmp, "once.entitlements");
    fs.writeFileSync(file, first.stdout);
    const second = await runMobileConfig(["--format", "ios-entitlements", "--ios-entitlements", file], { stdin: ONE });
    expect(second.stdout).toBe(first.stdout);
    expect((plist.parse(second.stdout) as Record<string, string[]>)[DOMAINS].filter((d) => d === `applinks:${HOST}`)).toHaveLength(1);
  });

  test("a file that already has the entry comes back exactly as it was", () => {
    const withEntry = original.replace(
      "<string>applinks:links.example.org</string>",
      `<string>applinks:links.example.org</string>\n\t\t<string>applinks:${HOST}</string>`,
    );
    expect(mergeIosEntitlements(withEntry, HOST, plist)).toBe(withEntry);
  });

  test("a file without Associated Domains gets the key, with the entry alone", () => {
    const bare = plist.build({ "aps-environment": "production" });
    expect(plist.parse(mergeIosEntitlements(bare, HOST, plist))).toEqual({
      "aps-environment": "production",
      [DOMAINS]: [`applinks:${HOST}`],
    });
  });

  test("with --out the merged file keeps the app file's name", async () => {
    const dir = path.join(tmp, "entitlements-out");
    const run = await runMobileConfig(["--out", dir, "--format", "ios-entitlements", "--ios-entitlements", ENTITLEMENTS], { stdin: ONE });
    expect(run.code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(["ESPRainMaker.entitlements"]);
    expect(run.stdout).toBe(`ios-entitlements  ${path.join(dir, "ESPRainMaker.entitlements")}\n`);
  });

  test.each<[string, string, RegExp]>([
    [
      "not a plist",
      "{}",
      /^--ios-entitlements .*bad\.entitlements does not parse as a plist \(.*\)\. Fix: pass the app's XML \.entitlements file/,
    ],
    [
      "an array at the root",
      plist.build(["applinks:x"]),
      /--ios-entitlements .* has no dictionary at its root\. Fix: pass the app's \.entitlements file/,
    ],
    [
      "domains not a list",
      plist.build({ [DOMAINS]: "applinks:x" }),
      /--ios-entitlements .*: com\.apple\.developer\.associated-domains is "applinks:x", not an array of strings\. Fix: make it an array/,
    ],
    [
      "a domain not a string",
      plist.build({ [DOMAINS]: ["applinks:x", 3] }),
      /com\.apple\.developer\.associated-domains is \["applinks:x",3\], not an array of strings/,
    ],
  ])("%s is refused, naming the option and the fix", async (_case, text, message) => {
    const file = path.join(tmp, "bad.entitlements");
    fs.writeFileSync(file, text);
    const run = await runMobileConfig(["--format", "ios-entitlements", "--ios-entitlements", file], { stdin: ONE });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.replace(/^alexa-linking mobile-config: /, "")).toMatch(message);
  });
});

describe("--ios-plist with --out", () => {
  test("writes the merged file under the app file's name, readable by the owner only", async () => {
    const dir = path.join(tmp, "plist-out");
    const run = await runMobileConfig(["--out", dir, "--format", "ios", "--ios-plist", path.join(APP, "Configuration.plist")], {
      stdin: ONE,
    });
    expect(run.code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(["Configuration.plist"]);
    // The app's file holds the Alexa Client Secret it already had.
    expect(fs.statSync(path.join(dir, "Configuration.plist")).mode & 0o777).toBe(0o600);
    expect(comments(fs.readFileSync(path.join(dir, "Configuration.plist"), "utf8"))).toEqual([]);
  });
});

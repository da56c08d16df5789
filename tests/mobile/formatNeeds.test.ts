/**
 * Issue 12, point 6: each format reads only the stack outputs it uses, and its errors name only
 * those; the package README's minimal example exports what mobile-config needs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { FORMAT_NEEDS, MOBILE_FILES, MobileFormat } from "../../packages/alexa-linking-component/src/cli/mobileConfig";
import { runMobileConfig } from "./cliHarness";

const FULL = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "stack-output.json"), "utf8")) as Record<string, unknown>;
const FORMATS = Object.keys(MOBILE_FILES) as MobileFormat[];
const OUTPUT_KEYS = ["redirectURL", "redirectHost", "alexaAccessTokenURL", "cognitoClientId", "skills"];
const only = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, FULL[key]]));
const without = (key: string) => Object.fromEntries(Object.entries(FULL).filter(([k]) => k !== key));

describe("what each format needs", () => {
  test("the table", () => {
    expect(FORMAT_NEEDS).toEqual({
      ios: ["redirectURL", "alexaAccessTokenURL", "cognitoClientId", "skills"],
      "ios-entitlements": ["redirectHost"],
      android: ["redirectURL", "alexaAccessTokenURL", "cognitoClientId", "skills"],
      json: ["redirectURL", "alexaAccessTokenURL", "cognitoClientId", "skills"],
    });
  });

  test.each(FORMATS)("%s works from exactly the outputs it needs", async (format) => {
    const run = await runMobileConfig(["--format", format], { stdin: JSON.stringify(only(FORMAT_NEEDS[format])) });
    expect(run.stderr).not.toMatch(/missing/);
    expect(run.code).toBe(0);
  });

  const cases = FORMATS.flatMap((format) => FORMAT_NEEDS[format].map((key) => [format, key] as const));
  test.each(cases)("%s without %s fails, naming that output and no other", async (format, key) => {
    const run = await runMobileConfig(["--format", format], { stdin: JSON.stringify(only(FORMAT_NEEDS[format].filter((k) => k !== key))) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`stack output ${key} is missing`));
    const named = run.stderr.replace(/\(found: [^)]*\)/, "");
    for (const other of OUTPUT_KEYS.filter((k) => k !== key && !(FORMAT_NEEDS[format] as readonly string[]).includes(k)))
      expect(named).not.toContain(other);
  });

  test("ios-entitlements from a stack that exports only redirectURL uses its host", async () => {
    const run = await runMobileConfig(["--format", "ios-entitlements"], { stdin: JSON.stringify(only(["redirectURL"])) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("<string>applinks:rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com</string>");
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      "a host with a scheme",
      { redirectHost: "https://h.example.com" },
      /stack output redirectHost "https:\/\/h\.example\.com" is not a host name/,
    ],
    ["a host with a path", { redirectHost: "h.example.com/x" }, /redirectHost "h\.example\.com\/x" is not a host name/],
    [
      "a host that disagrees with redirectURL",
      { redirectHost: "other.example.com", redirectURL: FULL.redirectURL },
      /redirectHost "other\.example\.com" is not the host of redirectURL/,
    ],
  ])("ios-entitlements refuses %s", async (_case, outputs, message) => {
    const run = await runMobileConfig(["--format", "ios-entitlements"], { stdin: JSON.stringify(outputs) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  test("--out without --format needs what every format needs", async () => {
    const run = await runMobileConfig(["--out", "/nonexistent-never-written"], { stdin: JSON.stringify(without("skills")) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stack output skills is missing/);
  });

  test("--help lists each format's outputs", async () => {
    const help = (await runMobileConfig(["--help"])).stdout.replace(/\s+/g, " ");
    expect(help).toMatch(/needs redirectHost \(or redirectURL\)/);
    expect(help).toMatch(/needs redirectURL, alexaAccessTokenURL, cognitoClientId, skills/);
  });
});

describe("the package README's minimal example", () => {
  const readme = fs.readFileSync(path.join(__dirname, "../../packages/alexa-linking-component/README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Minimal example"), readme.indexOf("\n## ", readme.indexOf("## Minimal example") + 1));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const exported = [...code.matchAll(/^export const (\w+) = links\.(\w+);$/gm)].map((m) => [m[1], m[2]] as const);

  test("has a TypeScript block", () => expect(code).toContain("new AlexaAppLinking("));

  test("exports, under the component's names, every output mobile-config reads", () => {
    for (const [name, output] of exported) expect(name).toBe(output);
    const names = exported.map(([name]) => name);
    for (const key of new Set(Object.values(FORMAT_NEEDS).flat())) expect(names).toContain(key);
  });

  test("links a skill, so mobile-config has a Skill Id to write", () => {
    expect(code).toMatch(/skills: \[\{ skillId: "amzn1\.ask\.skill\./);
    expect(code).toMatch(/smapi: \{/);
  });

  test("its exports are enough for every format", async () => {
    const outputs = only(exported.map(([name]) => name));
    for (const format of FORMATS) {
      const run = await runMobileConfig(["--format", format], { stdin: JSON.stringify(outputs) });
      expect([format, run.code, run.stderr.includes("missing")]).toEqual([format, 0, false]);
    }
  });
});

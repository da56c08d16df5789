/**
 * Issue 12, point 4: the Android app's build.gradle turns each local.properties value into
 *   buildConfigField "String", "X", '"' + localProperties.getProperty("x") + '"'
 * so a value with `"` or `\` or a line break breaks the build, and a missing key becomes "null".
 * Values that cannot be carried are refused; the lines written are proven to compile: loaded
 * with java.util.Properties and turned into Java source exactly as buildConfigField does, by a
 * small Java program, then compiled with javac.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { androidProperties, androidValueProblem, escapePropertyValue } from "../../packages/alexa-linking-component/src/mobile/android";
import { runMobileConfig } from "./cliHarness";

const FIXTURES = path.join(__dirname, "fixtures");
const ONE = JSON.parse(fs.readFileSync(path.join(FIXTURES, "stack-output.json"), "utf8")) as Record<string, unknown>;
const APP_PROPERTIES = fs.readFileSync(path.join(FIXTURES, "app", "local.properties"), "utf8");
const KEYS = Object.keys(androidProperties({} as never));

describe("androidValueProblem", () => {
  test.each<[string, string]>([
    ["https://b.s3.eu-west-1.amazonaws.com/", "a URL"],
    ["amzn1.oa2-cs.v1.a=b:c#d!e$f", "=, :, #, !, $"],
    ["in side", "an inner space"],
    ["café 🔑", "letters outside ASCII"],
    ["<SET ME: x; pass --alexa-client-id>", "a placeholder"],
  ])("%j (%s) is fine", (value) => expect(androidValueProblem("alexaClientSecret", value)).toBeUndefined());

  test.each<[string, RegExp]>([
    [
      'ab"cd',
      /^local\.properties key alexaClientSecret holds a double quote \("\) at character 3: app\/build\.gradle puts the value between double quotes in a Java string/,
    ],
    ["C:\\dir", /^local\.properties key alexaClientSecret holds a backslash \(\\\) at character 3: .*Java escape/],
    ["two\nlines", /^local\.properties key alexaClientSecret holds a line break \(\\n\) at character 4: .*cannot span lines/],
    ["cr\rhere", /holds a carriage return \(\\r\) at character 3/],
    ["", /^local\.properties key alexaClientSecret is empty/],
  ])("%j is refused, naming the key and the character", (value, message) => {
    const problem = androidValueProblem("alexaClientSecret", value);
    expect(problem).toMatch(message);
    expect(problem).toMatch(/Fix: /);
  });

  test("the refusal never shows the value", () => {
    expect(androidValueProblem("alexaClientSecret", 'top"secret')).not.toContain("top");
  });
});

describe("mobile-config --format android refuses values the build cannot carry", () => {
  test.each<[string, string[], Record<string, unknown>, RegExp]>([
    ["a quote in the client secret", ["--alexa-client-secret", 'sec"ret'], {}, /alexaClientSecret holds a double quote \("\)/],
    ["a backslash in the client id", ["--alexa-client-id", "id\\x"], {}, /alexaClientId holds a backslash \(\\\)/],
    [
      "a backslash in the skill id of the stack",
      [],
      { skills: [{ skillId: "amzn1.ask.skill.a\\b", stage: "development" }] },
      /skillId holds a backslash/,
    ],
    ["a quote in the stack's Cognito client id", [], { cognitoClientId: 'rm"client' }, /alexaRMClientId holds a double quote/],
  ])("%s", async (_case, args, over, message) => {
    const run = await runMobileConfig(["--format", "android", ...args], { stdin: JSON.stringify({ ...ONE, ...over }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('sec"ret');
  });

  test("with --out nothing is written when one format cannot be", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "android-refused-"));
    try {
      const run = await runMobileConfig(["--out", dir, "--alexa-client-secret", 'sec"ret'], { stdin: JSON.stringify(ONE) });
      expect(run.code).toBe(1);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Loads local.properties with java.util.Properties (from an InputStream, ISO-8859-1, as
 * build.gradle's `localProperties.load(file.newDataInputStream())`) and writes BuildConfig.java
 * with one field per key exactly as `buildConfigField "String", NAME, '"' + value + '"'` makes
 * it: `public static final String NAME = "<value>";` (a missing key gives "null").
 */
const GENERATOR = `
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

public class Gen {
  public static void main(String[] args) throws Exception {
    Properties localProperties = new Properties();
    try (InputStream in = new FileInputStream(args[0])) { localProperties.load(in); }
    StringBuilder source = new StringBuilder("public final class BuildConfig {\\n");
    for (int i = 1; i < args.length; i += 2) {
      String value = "\\"" + localProperties.getProperty(args[i + 1]) + "\\"";
      source.append("  public static final String ").append(args[i]).append(" = ").append(value).append(";\\n");
    }
    source.append("}\\n");
    try (Writer out = new OutputStreamWriter(new FileOutputStream("BuildConfig.java"), StandardCharsets.UTF_8)) { out.write(source.toString()); }
  }
}
`;

/** Prints each field of the compiled BuildConfig as its UTF-16 code units in hex, so no console encoding is involved. */
const DUMPER = `
import java.lang.reflect.Field;

public class Dump {
  public static void main(String[] args) throws Exception {
    for (Field field : Class.forName("BuildConfig").getFields()) {
      String value = (String) field.get(null);
      StringBuilder hex = new StringBuilder();
      for (char c : value.toCharArray()) hex.append(String.format("%04x", (int) c));
      System.out.println(field.getName() + " " + hex);
    }
  }
}
`;

/** alexaRMClientId -> ALEXA_RM_CLIENT_ID */
const constantName = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toUpperCase();

function run(dir: string, command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(command, args, { cwd: dir, encoding: "utf8" });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

let work: string;
beforeAll(() => {
  const javac = spawnSync("javac", ["-version"], { encoding: "utf8" });
  if (javac.error || javac.status !== 0) {
    throw new Error(
      `javac is not available (${javac.error?.message ?? javac.stderr}): this suite proves the Android lines compile as app/build.gradle's buildConfigField makes them, ` +
        "and needs a JDK (OpenJDK 17 or later) with javac and java on PATH. Install one; the test is never skipped.",
    );
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), "android-build-"));
  fs.writeFileSync(path.join(work, "Gen.java"), GENERATOR);
  fs.writeFileSync(path.join(work, "Dump.java"), DUMPER);
  const built = run(work, "javac", ["-encoding", "UTF-8", "Gen.java", "Dump.java"]);
  if (built.status !== 0) throw new Error(`the generator does not compile: ${built.stderr}`);
});
afterAll(() => work && fs.rmSync(work, { recursive: true, force: true }));

/** Appends `lines` to the app's local.properties, generates BuildConfig.java, compiles it; returns the fields or javac's errors. */
function buildWith(lines: string, keys = KEYS): { compiled: boolean; errors: string; fields: Record<string, string> } {
  fs.writeFileSync(path.join(work, "local.properties"), `${APP_PROPERTIES}${lines}`, "latin1");
  for (const stale of ["BuildConfig.java", "BuildConfig.class"]) fs.rmSync(path.join(work, stale), { force: true });
  const generated = run(work, "java", ["-cp", ".", "Gen", "local.properties", ...keys.flatMap((key) => [constantName(key), key])]);
  if (generated.status !== 0) throw new Error(`Gen failed: ${generated.stderr}`);
  const compiled = run(work, "javac", ["-encoding", "UTF-8", "BuildConfig.java"]);
  if (compiled.status !== 0) return { compiled: false, errors: compiled.stderr, fields: {} };
  const dumped = run(work, "java", ["-cp", ".", "Dump"]);
  const fields = Object.fromEntries(
    dumped.stdout
      .trim()
      .split("\n")
      .map((line) => {
        const [name, hex = ""] = line.split(" ");
        return [name, String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)))];
      }),
  );
  return { compiled: true, errors: "", fields };
}

describe("the lines mobile-config writes compile as app/build.gradle's BuildConfig fields", () => {
  const CLIENT_ID = "amzn1.application-oa2-client.0123456789abcdef";
  const SECRET = "amzn1.oa2-cs.v1.a=b:c#d!e$f g'h";
  const SKILL = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555";

  test("every key, with awkward but legal characters, reads back and compiles to the exact value", async () => {
    const outputs = { ...ONE, cognitoClientId: "rm-client-é", skills: [{ skillId: SKILL, stage: "development" }] };
    const result = await runMobileConfig(["--format", "android", "--alexa-client-id", CLIENT_ID, "--skill-stage", "live"], {
      stdin: JSON.stringify(outputs),
      env: { ALEXA_CLIENT_SECRET: SECRET },
    });
    expect(result.code).toBe(0);
    const build = buildWith(result.stdout);
    expect(build.errors).toBe("");
    expect(build.fields).toEqual({
      ALEXA_REDIRECT_HOST: "rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com",
      ALEXA_REDIRECT_URL: "https://rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com/",
      ALEXA_CLIENT_ID: CLIENT_ID,
      ALEXA_CLIENT_SECRET: SECRET,
      ALEXA_RM_CLIENT_ID: "rm-client-é",
      SKILL_ID: SKILL,
      SKILL_STAGE: "live",
      ALEXA_ACCESS_TOKEN_URL: "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token",
    });
    // No key is missing: a missing key would compile to the string "null".
    expect(Object.values(build.fields)).not.toContain("null");
  });

  test("the placeholders compile too (the build runs; the app shows the marker)", async () => {
    const result = await runMobileConfig(["--format", "android"], { stdin: JSON.stringify(ONE) });
    const build = buildWith(result.stdout);
    expect(build.compiled).toBe(true);
    expect(build.fields.ALEXA_CLIENT_SECRET).toMatch(/^<SET ME: /);
  });

  test('the harness catches what the refusal prevents: an unchecked quote or backslash does not compile, a missing key is "null"', () => {
    expect(buildWith(`alexaClientSecret=${escapePropertyValue('ab"cd')}\n`).compiled).toBe(false);
    expect(buildWith(`alexaClientSecret=${escapePropertyValue("ab\\xcd")}\n`).compiled).toBe(false);
    expect(buildWith(`alexaClientSecret=${escapePropertyValue("two\nlines")}\n`).compiled).toBe(false);
    expect(buildWith("").fields.ALEXA_CLIENT_SECRET).toBe("null");
  });
});

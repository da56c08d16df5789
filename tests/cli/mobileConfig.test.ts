import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MOBILE_FILES } from "../../packages/alexa-linking-component/src/cli/mobileConfig";
import { runMobileConfig } from "../mobile/cliHarness";

const FIXTURES = path.join(__dirname, "..", "mobile", "fixtures");
const ONE = path.join(FIXTURES, "stack-output.json");
const TWO = path.join(FIXTURES, "stack-output-two-skills.json");
const ONE_TEXT = fs.readFileSync(ONE, "utf8");
const SECRET = "amzn1.oa2-cs.v1.topsecret0000000000000000000000000000000000000000";

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mobile-config-cli-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("mobile-config options", () => {
  test("--help lists every option and format", async () => {
    const run = await runMobileConfig(["--help"]);
    expect(run.code).toBe(0);
    for (const word of [
      "--input",
      "--from",
      "--format",
      "--out",
      "--ios-plist",
      "--skill-id",
      "--alexa-client-id",
      "--alexa-client-secret",
      "--strict",
      "ALEXA_CLIENT_SECRET",
      ...Object.keys(MOBILE_FILES),
    ]) {
      expect(run.stdout).toContain(word);
    }
    expect(run.stdinReads).toBe(0);
    expect(run.stdout).toMatch(/Exit code: 0 written; 1 .*; 2 usage error/);
  });

  test("--input reads a file instead of standard input; `-` is standard input", async () => {
    const fromFile = await runMobileConfig(["--input", ONE]);
    expect(fromFile.stdinReads).toBe(0);
    const fromStdin = await runMobileConfig(["--input", "-"], { stdin: ONE_TEXT });
    expect(fromStdin.stdinReads).toBe(1);
    expect(fromFile.stdout).toBe(fromStdin.stdout);
    expect(JSON.parse(fromFile.stdout).skillId).toBe("amzn1.ask.skill.11111111-2222-3333-4444-555555555555");
  });

  test.each<[string, string[], string | undefined, RegExp, number]>([
    ["empty standard input", [], "", /standard input is empty\. Fix: pipe `pulumi stack output --json` into it, or pass --input <file>/, 1],
    ["a missing input file", ["--input", "nope.json"], undefined, /--input nope\.json: ENOENT/, 1],
    ["an unknown option", ["--platform", "ios"], ONE_TEXT, /unknown option --platform; known: --input.*Fix: see --help/, 2],
    ["an unknown format", ["--format", "xml"], ONE_TEXT, /--format "xml" is not one of ios, ios-entitlements, android, json/, 2],
    ["an option twice", ["--skill-id", "a", "--skill-id", "b"], ONE_TEXT, /--skill-id is given 2 times/, 2],
    ["a stray argument", ["ios"], ONE_TEXT, /unexpected argument "ios"/, 2],
    ["several skills and no --skill-id", ["--input", TWO], undefined, /the stack links 2 skills: .*\. Fix: pass --skill-id <id>/, 1],
    ["a [secret] output", [], JSON.stringify({ ...JSON.parse(ONE_TEXT), cognitoClientId: "[secret]" }), /--show-secrets/, 1],
    ["the human-readable output", [], "Current stack outputs (2):\n    OUTPUT  VALUE", /standard input is not JSON/, 1],
    [
      "a broken --ios-plist",
      ["--format", "ios", "--ios-plist", path.join(FIXTURES, "stack-output.json")],
      ONE_TEXT,
      /--ios-plist .*stack-output\.json does not parse as a plist \(.*\)\. Fix: pass the app's XML Configuration\.plist/,
      1,
    ],
    ["a bad --alexa-client-id", ["--alexa-client-id", " id"], ONE_TEXT, /--alexa-client-id has surrounding spaces/, 2],
    [
      "--ios-plist without the ios format",
      ["--format", "android", "--ios-plist", "x.plist"],
      ONE_TEXT,
      /--ios-plist is read by --format ios only/,
      2,
    ],
  ])("%s fails with exit %s and says why", async (_case, argv, stdin, message, code) => {
    const run = await runMobileConfig(argv, { stdin, cwd: FIXTURES });
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  test("--skill-id picks one of several skills, with its stage", async () => {
    const run = await runMobileConfig([
      "--input",
      TWO,
      "--skill-id",
      "amzn1.ask.skill.66666666-7777-8888-9999-000000000000",
      "--format",
      "android",
    ]);
    expect(run.stdout).toContain("skillId=amzn1.ask.skill.66666666-7777-8888-9999-000000000000\nskillStage=live\n");
  });

  test("--from reads the component exported as one output", async () => {
    const run = await runMobileConfig(["--from", "links"], { stdin: JSON.stringify({ links: JSON.parse(ONE_TEXT) }) });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).alexaRMClientId).toBe("4example0client0id0abcdefgh");
  });

  test("the client id and secret come from the environment; options win", async () => {
    const env = { ALEXA_CLIENT_ID: "env-id", ALEXA_CLIENT_SECRET: SECRET };
    const fromEnv = JSON.parse((await runMobileConfig([], { stdin: ONE_TEXT, env })).stdout);
    expect([fromEnv.alexaClientId, fromEnv.alexaClientSecret, fromEnv.placeholders]).toEqual(["env-id", SECRET, []]);
    const fromOption = JSON.parse((await runMobileConfig(["--alexa-client-id", "option-id"], { stdin: ONE_TEXT, env })).stdout);
    expect(fromOption.alexaClientId).toBe("option-id");
    const emptyEnv = JSON.parse((await runMobileConfig([], { stdin: ONE_TEXT, env: { ALEXA_CLIENT_ID: "" } })).stdout);
    expect(emptyEnv.placeholders).toEqual(["alexaClientId", "alexaClientSecret"]);
  });

  test("files with a real secret are private; the secret is never on the terminal", async () => {
    const dir = path.join(tmp, "private");
    const run = await runMobileConfig(["--out", dir], { stdin: ONE_TEXT, env: { ALEXA_CLIENT_SECRET: SECRET, ALEXA_CLIENT_ID: "id" } });
    expect(run.code).toBe(0);
    const mode = (file: string) => fs.statSync(path.join(dir, file)).mode & 0o777;
    expect(mode(MOBILE_FILES.ios.file)).toBe(0o600);
    expect(mode(MOBILE_FILES.android.file)).toBe(0o600);
    expect(mode(MOBILE_FILES.json.file)).toBe(0o600);
    expect(mode(MOBILE_FILES["ios-entitlements"].file)).toBe(0o644);
    expect(fs.readFileSync(path.join(dir, MOBILE_FILES.android.file), "utf8")).toContain(`alexaClientSecret=${SECRET}`);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  test("rewriting a private file with placeholders makes it ordinary again; --format limits --out to one file", async () => {
    const dir = path.join(tmp, "one");
    await runMobileConfig(["--out", dir, "--format", "android"], { stdin: ONE_TEXT, env: { ALEXA_CLIENT_SECRET: SECRET } });
    expect(fs.statSync(path.join(dir, MOBILE_FILES.android.file)).mode & 0o777).toBe(0o600);
    const run = await runMobileConfig(["--out", dir, "--format", "android"], { stdin: ONE_TEXT });
    expect(fs.readdirSync(dir)).toEqual([MOBILE_FILES.android.file]);
    expect(fs.statSync(path.join(dir, MOBILE_FILES.android.file)).mode & 0o777).toBe(0o644);
    expect(run.stdout).toBe(`android           ${path.join(dir, MOBILE_FILES.android.file)}\n`);
  });

  test("the entitlement alone says nothing about placeholders", async () => {
    const run = await runMobileConfig(["--format", "ios-entitlements"], { stdin: ONE_TEXT });
    expect(run.stderr).toBe("");
  });
});

describe("mobile-config --strict (release builds)", () => {
  test.each<[string, NodeJS.ProcessEnv, string[]]>([
    ["neither the client id nor the secret", {}, ["alexaClientId", "alexaClientSecret"]],
    ["no secret", { ALEXA_CLIENT_ID: "amzn1.application-oa2-client.abc" }, ["alexaClientSecret"]],
    ["no client id", { ALEXA_CLIENT_SECRET: SECRET }, ["alexaClientId"]],
  ])("a placeholder is an error (%s): exit 1, each named, nothing written", async (_what, env, missing) => {
    const dir = path.join(tmp, `strict-${missing.join("-")}`);
    const run = await runMobileConfig(["--strict", "--out", dir], { stdin: ONE_TEXT, env });
    expect(run.code).toBe(1);
    for (const key of missing) expect(run.stderr).toContain(key);
    expect(run.stderr).toMatch(/--strict: .*"<SET ME: \.\.\.>" placeholders.*nothing was written\. Fix: /);
    expect(run.stdout).toBe("");
    expect(fs.existsSync(dir)).toBe(false);
    expect(run.stderr).not.toContain(SECRET);
  });

  test("with every value given it writes as without --strict", async () => {
    const env = { ALEXA_CLIENT_ID: "amzn1.application-oa2-client.abc", ALEXA_CLIENT_SECRET: SECRET };
    const strict = await runMobileConfig(["--strict", "--format", "android"], { stdin: ONE_TEXT, env });
    const plain = await runMobileConfig(["--format", "android"], { stdin: ONE_TEXT, env });
    expect(strict).toMatchObject({ code: 0, stderr: "" });
    expect(strict.stdout).toBe(plain.stdout);
  });

  test("the entitlement has no placeholder, so --strict passes without the client values", async () => {
    const run = await runMobileConfig(["--strict", "--format", "ios-entitlements"], { stdin: ONE_TEXT });
    expect(run.code).toBe(0);
  });

  test("--strict takes no value", async () => {
    const run = await runMobileConfig(["--strict=yes"], { stdin: ONE_TEXT });
    expect(run.code).toBe(2);
  });
});

describe("outside jest, as the command line runs", () => {
  test("plain Node loads the ESM plist library and reads piped standard input", () => {
    const repo = path.resolve(__dirname, "../..");
    const script = `
      const { mobileConfig } = require(${JSON.stringify(path.join(repo, "packages/alexa-linking-component/src/cli/mobileConfig.ts"))});
      const { processIo } = require(${JSON.stringify(path.join(repo, "packages/alexa-linking-component/src/cli/io.ts"))});
      mobileConfig(process.argv.slice(1), processIo()).then((code) => { process.exitCode = code; });`;
    const child = spawnSync(process.execPath, ["--require", "ts-node/register/transpile-only", "-e", script, "--", "--format", "ios"], {
      cwd: repo,
      input: ONE_TEXT,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(child.status).toBe(0);
    expect(child.stdout).toBe(fs.readFileSync(path.join(__dirname, `../mobile/golden/placeholders/${MOBILE_FILES.ios.file}`), "utf8"));
    // The dynamic import worked; the vm fallback (which warns) was not needed.
    expect(child.stderr).not.toMatch(/ExperimentalWarning/);
    expect(child.stderr).toMatch(/left as placeholders/);
  });
});

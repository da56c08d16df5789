import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MOBILE_FILES, MobileFormat } from "../../packages/alexa-linking-component/src/cli/mobileConfig";
import { PlistLib, loadPlist } from "../../packages/alexa-linking-component/src/mobile/plistLib";
import { PLACEHOLDERS } from "../../packages/alexa-linking-component/src/mobile/placeholders";
import { runMobileConfig } from "./cliHarness";

/** Set UPDATE_GOLDEN=1 to rewrite the golden files from the current output, then review the diff. */
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const GOLDEN = path.join(__dirname, "golden");
const FIXTURES = path.join(__dirname, "fixtures");
const STACK_OUTPUT = fs.readFileSync(path.join(FIXTURES, "stack-output.json"), "utf8");

const CLIENT_ID = "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef";
const CLIENT_SECRET = "amzn1.oa2-cs.v1.fedcba9876543210fedcba9876543210fedcba9876543210";
const WITH_CREDENTIALS = ["--alexa-client-id", CLIENT_ID, "--alexa-client-secret", CLIENT_SECRET];

const cases: [variant: string, args: string[]][] = [
  ["placeholders", []],
  ["with-credentials", WITH_CREDENTIALS],
];

let plist: PlistLib;
let tmp: string;
beforeAll(async () => {
  plist = await loadPlist();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mobile-config-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function expectGolden(variant: string, file: string, actual: string): void {
  const golden = path.join(GOLDEN, variant, file);
  if (UPDATE) {
    fs.mkdirSync(path.dirname(golden), { recursive: true });
    fs.writeFileSync(golden, actual);
  }
  expect(actual).toBe(fs.readFileSync(golden, "utf8"));
}

const expectedDictionary = (withCredentials: boolean) => ({
  "Alexa Client Id": withCredentials ? CLIENT_ID : PLACEHOLDERS.alexaClientId,
  "Alexa Client Secret": withCredentials ? CLIENT_SECRET : PLACEHOLDERS.alexaClientSecret,
  "Alexa RM Client Id": "4example0client0id0abcdefgh",
  "Skill Id": "amzn1.ask.skill.11111111-2222-3333-4444-555555555555",
  "Skill Stage": "development",
  "Redirect URL": "https://rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com/",
  "Alexa Access Token URL": "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token",
});

describe.each(cases)("mobile-config golden files: %s", (variant, args) => {
  const withCredentials = variant === "with-credentials";

  test("--out writes the four files, each equal to its golden file", async () => {
    const dir = path.join(tmp, variant);
    const run = await runMobileConfig(["--out", dir, ...args], { stdin: STACK_OUTPUT });
    expect(run.code).toBe(0);
    const files = Object.values(MOBILE_FILES).map((f) => f.file);
    expect(fs.readdirSync(dir).sort()).toEqual([...files].sort());
    for (const file of files) expectGolden(variant, file, fs.readFileSync(path.join(dir, file), "utf8"));
    expect(run.stdout.trim().split("\n")).toHaveLength(4);
  });

  test.each(Object.keys(MOBILE_FILES) as MobileFormat[])("--format %s prints its golden file", async (format) => {
    const run = await runMobileConfig(["--format", format, ...args], { stdin: STACK_OUTPUT });
    expect(run.code).toBe(0);
    expectGolden(variant, MOBILE_FILES[format].file, run.stdout);
  });

  test("the iOS plist parses back with the plist library to the same values", async () => {
    const run = await runMobileConfig(["--format", "ios", ...args], { stdin: STACK_OUTPUT });
    const parsed = plist.parse(run.stdout) as Record<string, Record<string, string>>;
    expect(parsed).toEqual({ "ESP Alexa Configuration": expectedDictionary(withCredentials) });
    expect(Object.keys(parsed["ESP Alexa Configuration"])).toEqual(Object.keys(expectedDictionary(withCredentials)));
  });

  test("the entitlement parses back to applinks:<redirect host>", async () => {
    const run = await runMobileConfig(["--format", "ios-entitlements", ...args], { stdin: STACK_OUTPUT });
    expect(plist.parse(run.stdout)).toEqual({
      "com.apple.developer.associated-domains": ["applinks:rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com"],
    });
  });

  test("the Android lines carry the same values", async () => {
    const run = await runMobileConfig(["--format", "android", ...args], { stdin: STACK_OUTPUT });
    const props = Object.fromEntries(
      run.stdout
        .split("\n")
        .filter((line) => line !== "" && !line.startsWith("#"))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    const d = expectedDictionary(withCredentials);
    expect(props).toEqual({
      alexaRedirectHost: "rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com",
      alexaRedirectUrl: d["Redirect URL"],
      alexaClientId: d["Alexa Client Id"],
      alexaClientSecret: d["Alexa Client Secret"],
      alexaRMClientId: d["Alexa RM Client Id"],
      skillId: d["Skill Id"],
      skillStage: d["Skill Stage"],
      alexaAccessTokenUrl: d["Alexa Access Token URL"],
    });
  });

  test("stderr names the placeholders left, and never a value", async () => {
    const run = await runMobileConfig(["--format", "json", ...args], { stdin: STACK_OUTPUT });
    if (withCredentials) expect(run.stderr).toBe("");
    else expect(run.stderr).toMatch(/left as placeholders .*alexaClientId \(--alexa-client-id or ALEXA_CLIENT_ID\), alexaClientSecret/);
    expect(run.stderr).not.toContain(CLIENT_SECRET);
    expect(JSON.parse(run.stdout).placeholders).toEqual(withCredentials ? [] : ["alexaClientId", "alexaClientSecret"]);
  });
});

describe("the placeholders golden files are marked", () => {
  test.each([MOBILE_FILES.ios.file, MOBILE_FILES.android.file, MOBILE_FILES.json.file])("%s", (file) => {
    const text = fs.readFileSync(path.join(GOLDEN, "placeholders", file), "utf8");
    expect(text.match(/SET ME: /g)).toHaveLength(2);
    expect(fs.readFileSync(path.join(GOLDEN, "with-credentials", file), "utf8")).not.toContain("SET ME");
  });
});

describe("merging into the app's Configuration.plist (--ios-plist)", () => {
  test("replaces the Alexa dictionary in place and keeps every other key", async () => {
    const run = await runMobileConfig(["--format", "ios", "--ios-plist", path.join(FIXTURES, "Configuration.plist"), ...WITH_CREDENTIALS], {
      stdin: STACK_OUTPUT,
    });
    expect(run.code).toBe(0);
    expectGolden("with-credentials", "Configuration.plist", run.stdout);
    const merged = plist.parse(run.stdout) as Record<string, unknown>;
    const original = plist.parse(fs.readFileSync(path.join(FIXTURES, "Configuration.plist"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(merged)).toEqual(Object.keys(original));
    expect(merged["ESP Alexa Configuration"]).toEqual(expectedDictionary(true));
    expect({ ...merged, "ESP Alexa Configuration": null }).toEqual({ ...original, "ESP Alexa Configuration": null });
  });
});

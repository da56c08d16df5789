import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { usage } from "../../packages/alexa-linking-component/src/cli/main";
import { runDoctorCli } from "../doctor/harness";

const REDIRECT = "https://links.s3.eu-west-1.amazonaws.com/";
const OUTPUTS = {
  redirectURL: REDIRECT,
  associationFileUrls: { ios: `${REDIRECT}.well-known/apple-app-site-association` },
  cognitoClientId: "client",
  cognitoUserPoolId: "eu-west-1_AbC123",
  alexaAccessTokenURL: "https://abcdefghij.execute-api.eu-west-1.amazonaws.com/dev/token",
  skills: [],
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "doctor-cli-"));
  fs.writeFileSync(path.join(dir, "Pulumi.empty.yaml"), "config:\n  alexa-app-linking:bucketName: links\n");
  fs.writeFileSync(path.join(dir, "outputs.json"), "{not json");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("bad input: no check runs; a usage error exits 2, input it cannot use 1", () => {
  test.each<[string, string[], string | undefined, RegExp, number]>([
    ["nothing on standard input", [], "", /standard input is empty.*pulumi stack output --json --show-secrets/, 1],
    ["not JSON", [], "{", /standard input is not JSON/, 1],
    ["an output missing", [], JSON.stringify({ ...OUTPUTS, cognitoUserPoolId: undefined }), /cognitoUserPoolId is missing/, 1],
    ["secrets hidden", [], JSON.stringify({ ...OUTPUTS, cognitoClientId: "[secret]" }), /--show-secrets/, 1],
    ["an unknown option", ["--verbose=yes"], JSON.stringify(OUTPUTS), /unknown option --verbose; known: --input/, 2],
    ["an option without its value", ["--region"], JSON.stringify(OUTPUTS), /option --region needs a value/, 2],
    ["a positional argument", ["dev"], JSON.stringify(OUTPUTS), /unexpected argument "dev"/, 2],
    ["an option twice", ["--region", "a", "--region", "b"], JSON.stringify(OUTPUTS), /--region is given 2 times/, 2],
    ["--input that cannot be read", ["--input", "missing.json"], undefined, /--input missing\.json: ENOENT/, 1],
    [
      "an app file that cannot be read",
      ["--ios-plist", 'missing".plist'],
      JSON.stringify(OUTPUTS),
      /--ios-plist "missing\\"\.plist" cannot be read \(ENOENT\)\. Fix: /,
      2,
    ],
    [
      "--skip-platform-probes with an endpoint",
      ["--skip-platform-probes", "--asset-links-endpoint", "http://127.0.0.1:9"],
      JSON.stringify(OUTPUTS),
      /--skip-platform-probes leaves the platform probes out, so --asset-links-endpoint would be ignored\. Fix: drop --skip-platform-probes to probe that endpoint, or drop --asset-links-endpoint/,
      2,
    ],
    ["--input that is not JSON", ["--input", "outputs.json"], undefined, /--input outputs\.json is not JSON/, 1],
    [
      "--stack and --config-file",
      ["--stack", "dev", "--config-file", "x.yaml"],
      JSON.stringify(OUTPUTS),
      /--stack or --config-file, not both/,
      2,
    ],
    ["--stack without a settings file", ["--stack", "nope"], JSON.stringify(OUTPUTS), /no stack file for "nope"/, 1],
    [
      "a config that renders no file",
      ["--config-file", "Pulumi.empty.yaml"],
      JSON.stringify(OUTPUTS),
      /config alexa-app-linking:iosAppIds and alexa-app-linking:androidPackageName are both unset, so there is no association file to host\. Fix: /,
      1,
    ],
    [
      "a bad endpoint",
      ["--smapi-endpoint", "api.amazonalexa.com"],
      JSON.stringify(OUTPUTS),
      /--smapi-endpoint "api\.amazonalexa\.com" is not an absolute URL\. Fix: /,
      2,
    ],
    [
      "plain http to another host",
      ["--lwa-endpoint", "http://10.0.0.5:8080"],
      JSON.stringify(OUTPUTS),
      /--lwa-endpoint "http:\/\/10\.0\.0\.5:8080" uses plain http to 10\.0\.0\.5, which is not this machine.*Fix: /,
      2,
    ],
    [
      "a bad --s3-endpoint",
      ["--s3-endpoint", "http://10.0.0.5:9000"],
      JSON.stringify(OUTPUTS),
      /--s3-endpoint "http:\/\/10\.0\.0\.5:9000" uses plain http to 10\.0\.0\.5.*Fix: /,
      2,
    ],
    [
      "--s3-endpoint without the bucketName output",
      ["--s3-endpoint", "http://127.0.0.1:9000"],
      JSON.stringify(OUTPUTS),
      /stack output bucketName is missing .*\. --s3-endpoint needs it; or leave --s3-endpoint out/,
      1,
    ],
    [
      "a bad --api-gateway-endpoint",
      ["--api-gateway-endpoint", "ftp://127.0.0.1:1"],
      JSON.stringify(OUTPUTS),
      /--api-gateway-endpoint "ftp:\/\/127\.0\.0\.1:1" is not an http\(s\) URL\. Fix: /,
      2,
    ],
    [
      "--api-gateway-endpoint with a token URL on a custom domain",
      ["--api-gateway-endpoint", "http://127.0.0.1:4566"],
      JSON.stringify({ ...OUTPUTS, alexaAccessTokenURL: "https://auth.example.com/token" }),
      /--api-gateway-endpoint "http:\/\/127\.0\.0\.1:4566" is given, but alexaAccessTokenURL "https:\/\/auth\.example\.com\/token" is not a default invoke URL .*Fix: leave --api-gateway-endpoint out/,
      1,
    ],
    ["a bad timeout", ["--timeout-ms", "0"], JSON.stringify(OUTPUTS), /--timeout-ms must be an integer >= 1; got "0"/, 2],
    ["bad attempts", ["--attempts", "two"], JSON.stringify(OUTPUTS), /--attempts must be an integer >= 1; got "two"/, 2],
    [
      "a close misspelling",
      ["--regoin", "eu-west-1"],
      JSON.stringify(OUTPUTS),
      /unknown option --regoin; .*Fix: did you mean --region\?/,
      2,
    ],
    [
      "a bad --skill-stage",
      ["--skill-stage", "prod"],
      JSON.stringify(OUTPUTS),
      /--skill-stage "prod" is not a skill stage the apps send/,
      2,
    ],
  ])("%s (exit %s)", async (_name, argv, stdin, message, code) => {
    let fetches = 0;
    const run = await runDoctorCli(argv, {
      stdin,
      cwd: dir,
      overrides: {
        fetchImpl: async () => {
          fetches += 1;
          throw new Error("no request expected");
        },
      },
    });
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    if (code === 2) expect(run.stderr).toMatch(/Run `alexa-linking doctor --help` for the options/);
    expect(run.lines).toEqual([]);
    expect(fetches).toBe(0);
  });

  test("a secret flag value never appears in an error", async () => {
    const run = await runDoctorCli(["--lwa-client-secret", "s3cr&t", "--bogus"], { stdin: JSON.stringify(OUTPUTS) });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain("s3cr&t");
  });
});

test("--help prints the checks and options, exit 0", async () => {
  const run = await runDoctorCli(["--help"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/usage: pulumi stack output --json --show-secrets \| alexa-linking doctor/);
  for (const flag of [
    "--input",
    "--stack",
    "--cognito-endpoint",
    "--smapi-endpoint",
    "--lwa-endpoint",
    "--s3-endpoint",
    "--api-gateway-endpoint",
    "--skill-stage",
    "ASK_LWA_CLIENT_CONFIRMATION",
    "ASK_REFRESH_TOKEN",
    "token URL (iOS)",
    "token URL (Android)",
    "skill live",
  ]) {
    expect(run.stdout).toContain(flag);
  }
  expect(run.stdout).toMatch(/Exit code: 0 every check passed; 1 a check failed, .*; 2 usage error/);
  expect(run.stdout).toContain("default https://api.amazonalexa.com");
});

test("the command line lists the verb", () => {
  expect(usage()).toMatch(/\n {2}doctor {8}check a deployed environment end to end/);
});

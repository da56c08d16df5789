import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { usage } from "../../packages/alexa-linking-component/src/cli";
import { runDoctorCli } from "./harness";

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

describe("bad input: exit 2 before any check", () => {
  test.each<[string, string[], string | undefined, RegExp]>([
    ["nothing on standard input", [], "", /standard input is empty.*pulumi stack output --json --show-secrets/],
    ["not JSON", [], "{", /standard input is not JSON/],
    ["an output missing", [], JSON.stringify({ ...OUTPUTS, cognitoUserPoolId: undefined }), /cognitoUserPoolId is missing/],
    ["secrets hidden", [], JSON.stringify({ ...OUTPUTS, cognitoClientId: "[secret]" }), /--show-secrets/],
    ["an unknown option", ["--verbose=yes"], JSON.stringify(OUTPUTS), /unknown option --verbose; known: --input/],
    ["an option without its value", ["--region"], JSON.stringify(OUTPUTS), /option --region needs a value/],
    ["a positional argument", ["dev"], JSON.stringify(OUTPUTS), /unexpected argument "dev"/],
    ["an option twice", ["--region", "a", "--region", "b"], JSON.stringify(OUTPUTS), /--region is given 2 times/],
    ["--input that cannot be read", ["--input", "missing.json"], undefined, /--input missing\.json: ENOENT/],
    ["--input that is not JSON", ["--input", "outputs.json"], undefined, /--input outputs\.json is not JSON/],
    ["--stack and --config-file", ["--stack", "dev", "--config-file", "x.yaml"], JSON.stringify(OUTPUTS), /--stack or --config-file, not both/],
    ["--stack without a settings file", ["--stack", "nope"], JSON.stringify(OUTPUTS), /no stack file for "nope"/],
    ["a config that renders no file", ["--config-file", "Pulumi.empty.yaml"], JSON.stringify(OUTPUTS), /args\.ios and args\.android .*are both missing/],
    ["a bad endpoint", ["--smapi-endpoint", "api.amazonalexa.com"], JSON.stringify(OUTPUTS), /--smapi-endpoint "api\.amazonalexa\.com" is not an absolute URL\. Fix: /],
    ["plain http to another host", ["--lwa-endpoint", "http://10.0.0.5:8080"], JSON.stringify(OUTPUTS), /--lwa-endpoint "http:\/\/10\.0\.0\.5:8080" uses plain http to 10\.0\.0\.5, which is not this machine.*Fix: /],
    ["a bad --s3-endpoint", ["--s3-endpoint", "http://10.0.0.5:9000"], JSON.stringify(OUTPUTS), /--s3-endpoint "http:\/\/10\.0\.0\.5:9000" uses plain http to 10\.0\.0\.5.*Fix: /],
    ["--s3-endpoint without the bucketName output", ["--s3-endpoint", "http://127.0.0.1:9000"], JSON.stringify(OUTPUTS), /stack output bucketName is missing .*\. --s3-endpoint needs it; or leave --s3-endpoint out/],
    ["a bad --api-gateway-endpoint", ["--api-gateway-endpoint", "ftp://127.0.0.1:1"], JSON.stringify(OUTPUTS), /--api-gateway-endpoint "ftp:\/\/127\.0\.0\.1:1" is not an http\(s\) URL\. Fix: /],
    [
      "--api-gateway-endpoint with a token URL on a custom domain",
      ["--api-gateway-endpoint", "http://127.0.0.1:4566"],
      JSON.stringify({ ...OUTPUTS, alexaAccessTokenURL: "https://auth.example.com/token" }),
      /--api-gateway-endpoint "http:\/\/127\.0\.0\.1:4566" is given, but alexaAccessTokenURL "https:\/\/auth\.example\.com\/token" is not a default invoke URL .*Fix: leave --api-gateway-endpoint out/,
    ],
    ["a bad timeout", ["--timeout-ms", "0"], JSON.stringify(OUTPUTS), /--timeout-ms must be an integer >= 1; got "0"/],
    ["bad attempts", ["--attempts", "two"], JSON.stringify(OUTPUTS), /--attempts must be an integer >= 1; got "two"/],
  ])("%s", async (_name, argv, stdin, message) => {
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
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
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
  for (const flag of ["--input", "--stack", "--cognito-endpoint", "--smapi-endpoint", "--lwa-endpoint", "--s3-endpoint", "--api-gateway-endpoint", "--skill-stage", "ASK_LWA_CLIENT_CONFIRMATION", "ASK_REFRESH_TOKEN", "token URL (iOS)", "token URL (Android)", "skill live"]) {
    expect(run.stdout).toContain(flag);
  }
});

test("the command line lists the verb", () => {
  expect(usage()).toMatch(/\n {2}doctor {8}check a deployed environment end to end/);
});

/**
 * Issue 28: doctor's platform probes end to end, through the verb, with every other check green
 * against the emulators and the platforms played by local fakes (tests/emulators/platformFakes.ts):
 * a warning leaves the exit code 0, a failure sets it, --skip-platform-probes leaves them out,
 * and no secret is printed.
 */
import { renderAssociationFiles } from "../../packages/alexa-linking-component/src/associations";
import { resetLwaTokenCache } from "../../packages/alexa-linking-component/src/alexa/lwa";
import type { DoctorOverrides } from "../../packages/alexa-linking-component/src/cli/doctor";
import { fullLinking, SKILL_A } from "../alexa/fixtures";
import { fakeRuntime } from "../support/retryRuntime";
import { createClient, createPool, describeClient, richClient, setCallbackUrls, SKILL_URLS } from "../cognito/fixtures";
import { ApiGatewayEmulator, rejectingTokenEndpoint, startApiGatewayEmulator } from "../emulators/apiGateway";
import { CognitoLocal, start as startCognito } from "../emulators/cognitoLocal";
import { PlatformFakes, startPlatformFakes } from "../emulators/platformFakes";
import { DEFAULT_LWA, SmapiEmulator, start as startSmapi } from "../emulators/smapi";
import { LocalServer, serve, startServer } from "../verify/localServer";
import { S3ControlFake, startS3ControlFake } from "../emulators/s3Control";
import { labelOf, runDoctorCli } from "./harness";

const APP_ID = "ABCDE12345.com.espressif.rainmaker";
const PACKAGE = "com.espressif.rainmaker";
const FINGERPRINT = "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5";
const [AASA, ASSETLINKS] = renderAssociationFiles({ appIds: [APP_ID] }, [{ packageName: PACKAGE, sha256CertFingerprints: [FINGERPRINT] }]);
const AASA_PATH = "/.well-known/apple-app-site-association";
const LINKS_PATH = "/.well-known/assetlinks.json";
const API_ID = "a1b2c3d4e5";

let files: LocalServer;
let cognito: CognitoLocal;
let smapi: SmapiEmulator;
let apigw: ApiGatewayEmulator;
let fakes: PlatformFakes;
let s3control: S3ControlFake;
let redirectURL: string;
let host: string;
let pool: { userPoolId: string; clientId: string; secret: string };

beforeAll(async () => {
  s3control = await startS3ControlFake();
  [files, cognito, smapi, apigw] = await Promise.all([
    startServer(),
    startCognito(),
    startSmapi(),
    startApiGatewayEmulator({
      apis: [
        {
          id: API_ID,
          name: "AlexaSkillLinking",
          stages: ["dev"],
          resources: [
            { path: "/", methods: [] },
            { path: "/token", methods: ["POST"] },
          ],
        },
      ],
    }),
  ]);
  redirectURL = `${files.base}/`;
  host = new URL(redirectURL).host;
  const userPoolId = await createPool(cognito.endpoint, "rainmaker-user-email-mobile-pool");
  const { ClientId } = await createClient(cognito.endpoint, richClient(userPoolId));
  pool = { userPoolId, clientId: ClientId, secret: (await describeClient(cognito.endpoint, userPoolId, ClientId)).ClientSecret };
  fakes = await startPlatformFakes({
    siteOf: () => files.base,
    callbackUrls: async (clientId) => {
      try {
        return (await describeClient(cognito.endpoint, pool.userPoolId, clientId)).CallbackURLs ?? [];
      } catch {
        return undefined;
      }
    },
  });
});

afterAll(async () => {
  await Promise.all([files?.close(), cognito?.stop(), smapi?.stop(), apigw?.close(), fakes?.close(), s3control?.close()]);
});

beforeEach(async () => {
  files.route(AASA_PATH, serve(AASA.body));
  files.route(LINKS_PATH, serve(ASSETLINKS.body));
  fakes.pinAppleCopy(host, undefined);
  fakes.pinGoogleCopy(files.base, undefined);
  await setCallbackUrls(cognito.endpoint, pool.userPoolId, pool.clientId, [...SKILL_URLS, redirectURL]);
  smapi.setLwa(DEFAULT_LWA);
  smapi.setSkill(SKILL_A, "development", fullLinking({ clientId: pool.clientId, redirectUrls: [redirectURL] }));
  smapi.setSkill(SKILL_A, "live", undefined);
  resetLwaTokenCache();
  apigw.setInvoke(rejectingTokenEndpoint);
});

const outputs = () => ({
  redirectURL,
  redirectHost: host,
  associationFileUrls: { ios: `${files.base}${AASA_PATH}`, android: `${files.base}${LINKS_PATH}` },
  cognitoClientId: pool.clientId,
  cognitoUserPoolId: pool.userPoolId,
  alexaAccessTokenURL: apigw.invokeUrl(API_ID, "dev", "/token"),
  skills: [{ skillId: SKILL_A, stage: "development", redirectUrls: [redirectURL] }],
});

const ENV = (): NodeJS.ProcessEnv => ({
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
  ASK_LWA_CLIENT_ID: DEFAULT_LWA.clientId,
  ASK_LWA_CLIENT_CONFIRMATION: DEFAULT_LWA.clientSecret,
  ASK_REFRESH_TOKEN: DEFAULT_LWA.refreshToken,
});
const FAST: DoctorOverrides = { runtime: fakeRuntime(), retry: { maxAttempts: 2 }, cognitoMaxAttempts: 1 };

/** The probes' endpoints: the fakes. */
const platformArgs = () => [
  "--apple-cdn-endpoint",
  fakes.appleCdn,
  "--asset-links-endpoint",
  fakes.assetLinks,
  "--cognito-domain-endpoint",
  fakes.hostedUi,
];

function doctor(args: string[] = platformArgs(), overrides: DoctorOverrides = {}) {
  const aws = ["--cognito-endpoint", cognito.endpoint, "--s3-control-endpoint", s3control.endpoint];
  return runDoctorCli([...aws, "--smapi-endpoint", smapi.url, "--lwa-endpoint", smapi.lwaUrl, ...args], {
    stdin: JSON.stringify(outputs()),
    env: ENV(),
    overrides: { ...FAST, ...overrides },
  });
}

const lineOf = (run: { lines: string[] }, label: string): string => run.lines.find((l) => labelOf(l) === label) ?? "";

function expectNoSecrets(text: string): void {
  for (const secret of [DEFAULT_LWA.clientId, DEFAULT_LWA.clientSecret, DEFAULT_LWA.refreshToken, pool.secret])
    expect(text).not.toContain(secret);
}

describe("Apple's CDN", () => {
  test("the CDN serves what the bucket has: ok, exit 0, the line after the others", async () => {
    const run = await doctor();
    expect(run.code).toBe(0);
    expect(run.lines.map(labelOf)).toEqual(expect.arrayContaining(["ios file", "cognito", "apple CDN"]));
    expect(lineOf(run, "apple CDN")).toMatch(new RegExp(`^ok {4}apple CDN +${fakes.appleCdn}/a/v1/${host} has our file`));
    expect(fakes.requests.appleCdn).toContain(`/a/v1/${host}`);
    expectNoSecrets(run.stdout + run.stderr);
  });

  test("an older copy: warn, exit still 0", async () => {
    fakes.pinAppleCopy(
      host,
      JSON.stringify({ applinks: { details: [{ appIDs: ["ZZZZZ99999.com.old.app"], components: [{ "/": "*" }] }] } }),
    );
    const run = await doctor();
    expect(lineOf(run, "apple CDN")).toMatch(/^warn {2}apple CDN .*older or a different file.*own schedule/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/all \d+ checks passed \(1 with a warning/);
  });

  test("none (404) while the bucket serves ours: FAIL, exit 1", async () => {
    fakes.pinAppleCopy(host, null);
    const run = await doctor();
    expect(lineOf(run, "apple CDN")).toMatch(/^FAIL {2}apple CDN .*404.*bucket serves ours/);
    expect(run.code).toBe(1);
  });

  test("--skip-platform-probes: no probe line and no request to the platforms", async () => {
    const before = fakes.requests.appleCdn.length;
    const run = await doctor(["--skip-platform-probes"]);
    expect(run.code).toBe(0);
    expect(run.lines.map(labelOf)).not.toContain("apple CDN");
    expect(fakes.requests.appleCdn.length).toBe(before);
    expect(run.lines.map(labelOf)).not.toContain("google asset links");
  });

  test("--skip-platform-probes with a probe's endpoint: a usage error naming both, before any request", async () => {
    const before = fakes.requests.appleCdn.length + fakes.requests.assetLinks.length + fakes.requests.hostedUi.length;
    const run = await doctor([
      "--skip-platform-probes",
      "--apple-cdn-endpoint",
      fakes.appleCdn,
      "--cognito-domain-endpoint",
      fakes.hostedUi,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--skip-platform-probes leaves the platform probes out, so --apple-cdn-endpoint and --cognito-domain-endpoint would be ignored\. Fix: /,
    );
    expect(fakes.requests.appleCdn.length + fakes.requests.assetLinks.length + fakes.requests.hostedUi.length).toBe(before);
  });

  test("an --apple-cdn-endpoint over plain http to another machine is refused before anything runs", async () => {
    const run = await doctor(["--apple-cdn-endpoint", "http://cdn.example.com"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--apple-cdn-endpoint "http:\/\/cdn\.example\.com" uses plain http/);
  });
});

describe("Google's Digital Asset Links", () => {
  test("Google reads the bucket's assetlinks.json: ok", async () => {
    const run = await doctor();
    expect(lineOf(run, "google asset links")).toMatch(
      new RegExp(`^ok {4}google asset links +Google sees ${PACKAGE} \\(1 fingerprint\\) for ${files.base}`),
    );
    expect(fakes.requests.assetLinks.some((u) => u.includes(encodeURIComponent(files.base)))).toBe(true);
    expect(run.code).toBe(0);
  });

  test("Google's copy lacks our fingerprint: FAIL naming it, exit 1", async () => {
    const other = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";
    fakes.pinGoogleCopy(files.base, renderAssociationFiles(undefined, [{ packageName: PACKAGE, sha256CertFingerprints: [other] }])[0].body);
    const run = await doctor();
    expect(lineOf(run, "google asset links")).toMatch(
      new RegExp(`^FAIL {2}google asset links .*does not see ${PACKAGE} with fingerprint ${FINGERPRINT}`),
    );
    expect(run.code).toBe(1);
    expectNoSecrets(run.stdout + run.stderr);
  });
});

describe("Cognito's hosted UI, as the apps open it", () => {
  test("the client holds the redirect URL: a redirect to the login page, ok", async () => {
    const run = await doctor();
    expect(lineOf(run, "cognito authorize")).toMatch(
      new RegExp(`^ok {4}cognito authorize +${fakes.hostedUi}/oauth2/authorize answers 302 to the login page`),
    );
    const sent = new URL(fakes.requests.hostedUi.at(-1) ?? "", "http://x").searchParams;
    expect(Object.fromEntries(sent)).toEqual({
      response_type: "code",
      client_id: pool.clientId,
      redirect_uri: redirectURL,
      scope: "aws.cognito.signin.user.admin",
    });
    expect(run.code).toBe(0);
  });

  test("the client holds it without the trailing slash: redirect_mismatch, FAIL with both strings", async () => {
    await setCallbackUrls(cognito.endpoint, pool.userPoolId, pool.clientId, [...SKILL_URLS, redirectURL.slice(0, -1)]);
    const run = await doctor();
    const line = lineOf(run, "cognito authorize");
    expect(line).toMatch(/^FAIL {2}cognito authorize .*redirect_mismatch/);
    expect(line).toContain(`redirect_uri ${JSON.stringify(redirectURL)}`);
    expect(line).toContain(JSON.stringify(redirectURL.slice(0, -1)));
    expect(run.code).toBe(1);
    expectNoSecrets(run.stdout + run.stderr);
  });

  test("no --cognito-domain-endpoint: cognito-local's pool has no domain, so the skills' authorizationUrl names it", async () => {
    const asked: string[] = [];
    // The skill's authorizationUrl is https://rainmaker.auth.eu-west-1.amazoncognito.com/oauth2/authorize:
    // its requests go to the hosted UI fake, everything else where it was sent.
    const fetchImpl: typeof fetch = (input, init) => {
      const url = String(input);
      if (url.startsWith("https://rainmaker.auth.eu-west-1.amazoncognito.com/")) {
        asked.push(url);
        return fetch(url.replace("https://rainmaker.auth.eu-west-1.amazoncognito.com", fakes.hostedUi), init);
      }
      return fetch(input, init);
    };
    const run = await doctor(["--apple-cdn-endpoint", fakes.appleCdn, "--asset-links-endpoint", fakes.assetLinks], { fetchImpl });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^https:\/\/rainmaker\.auth\.eu-west-1\.amazoncognito\.com\/oauth2\/authorize\?response_type=code/);
    expect(lineOf(run, "cognito authorize")).toMatch(
      /^ok {4}cognito authorize +https:\/\/rainmaker\.auth\.eu-west-1\.amazoncognito\.com\/oauth2\/authorize answers 302 to the login page/,
    );
  });

  test("no domain anywhere: a warning saying to pass --cognito-domain-endpoint", async () => {
    smapi.setSkill(
      SKILL_A,
      "development",
      fullLinking({ clientId: pool.clientId, redirectUrls: [redirectURL], authorizationUrl: "https://www.amazon.com/ap/oa" }),
    );
    const run = await doctor(["--apple-cdn-endpoint", fakes.appleCdn, "--asset-links-endpoint", fakes.assetLinks]);
    expect(lineOf(run, "cognito authorize")).toMatch(
      /^warn {2}cognito authorize +no hosted UI domain found: user pool .* has no Domain or CustomDomain.*--cognito-domain-endpoint/,
    );
  });
});

describe("the redirect URL table", () => {
  test("every place holds the same string: ok, with the table under the line", async () => {
    const run = await doctor();
    expect(lineOf(run, "redirect URL")).toMatch(/^ok {4}redirect URL +the same in all \d+ places:/);
    expect(run.stdout).toMatch(/\n {6}Cognito callback URL +"http:\/\/127\.0\.0\.1:\d+\/" {2}same\n/);
    expect(run.stdout).toMatch(new RegExp(`\\n {6}skill ${SKILL_A.replace(/\./g, "\\.")} \\(development\\) +".*" {2}same\\n`));
    expect(run.stdout).toMatch(/skill .* \(live\) +- {2}no account linking/);
    expect(run.code).toBe(0);
  });

  test("the apps' files: a Redirect URL without its trailing slash FAILS, shown at its character; no secret printed", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doctor-table-"));
    try {
      const plistLib = (await import("../../packages/alexa-linking-component/src/mobile/plistLib")).loadPlist();
      fs.writeFileSync(
        path.join(dir, "Configuration.plist"),
        plistLib.build({
          "ESP Alexa Configuration": { "Alexa Client Secret": "app-secret-1234567", "Redirect URL": redirectURL.slice(0, -1) },
        }),
      );
      fs.writeFileSync(
        path.join(dir, "local.properties"),
        `alexaClientSecret=app-secret-1234567\nalexaRedirectUrl=${redirectURL}\nalexaRedirectHost=${host}\n`,
      );
      const run = await runDoctorCli(
        [
          "--cognito-endpoint",
          cognito.endpoint,
          "--smapi-endpoint",
          smapi.url,
          "--lwa-endpoint",
          smapi.lwaUrl,
          "--s3-control-endpoint",
          s3control.endpoint,
          "--skip-platform-probes",
          "--ios-plist",
          "Configuration.plist",
          "--android-properties",
          "local.properties",
        ],
        { stdin: JSON.stringify(outputs()), env: ENV(), overrides: FAST, cwd: dir },
      );
      expect(lineOf(run, "redirect URL")).toMatch(/^FAIL {2}redirect URL +differs in iOS ESP Alexa Configuration > Redirect URL:/);
      expect(run.stdout).toMatch(
        /iOS ESP Alexa Configuration > Redirect URL +".*" {2}DIFFERS from ".*" at character \d+: no trailing slash\n +\^/,
      );
      expect(run.stdout).toMatch(/Android alexaRedirectUrl +".*" {2}same/);
      expect(run.lines.map(labelOf)).not.toContain("apple CDN");
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).not.toContain("app-secret-1234567");
      expectNoSecrets(run.stdout + run.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an app file that cannot be read is a usage error naming the option", async () => {
    const run = await doctor([...platformArgs(), "--ios-plist", "/nonexistent/Configuration.plist"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--ios-plist "\/nonexistent\/Configuration.plist" cannot be read \(ENOENT\)/);
  });
});

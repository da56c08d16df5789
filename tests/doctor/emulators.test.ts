/**
 * `doctor` against the emulators: the association files on a local server, Cognito in
 * cognito-local, the skills in the SMAPI + LWA emulator, the token URL in the API Gateway
 * emulator. First all green, then each check failing on its own.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { renderAssociationFiles } from "../../packages/alexa-linking-component/src/associations";
import { resetLwaTokenCache } from "../../packages/alexa-linking-component/src/alexa/lwa";
import type { DoctorOverrides } from "../../packages/alexa-linking-component/src/cli/doctor";
import { fullLinking, OTHER_REDIRECT, SKILL_A, SKILL_B } from "../alexa/fixtures";
import { fakeRuntime } from "../support/retryRuntime";
import { createClient, createPool, describeClient, richClient, setCallbackUrls, SKILL_URLS } from "../cognito/fixtures";
import { ApiGatewayEmulator, rejectingTokenEndpoint, startApiGatewayEmulator } from "../emulators/apiGateway";
import { CognitoLocal, start as startCognito } from "../emulators/cognitoLocal";
import { DEFAULT_LWA, SmapiEmulator, start as startSmapi } from "../emulators/smapi";
import { LocalServer, Route, s3Error, serve, startServer } from "../verify/localServer";
import { flags, S3ControlFake, startS3ControlFake } from "../emulators/s3Control";
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
let s3control: S3ControlFake;
let dir: string;
let configFile: string;
let redirectURL: string;
let pool: { userPoolId: string; clientId: string; secret: string };
let closedPortUrl: string;

beforeAll(async () => {
  [files, cognito, smapi, apigw, s3control] = await Promise.all([
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
    startS3ControlFake(),
  ]);
  redirectURL = `${files.base}/`;
  const userPoolId = await createPool(cognito.endpoint, "rainmaker-user-email-mobile-pool");
  const { ClientId } = await createClient(cognito.endpoint, richClient(userPoolId));
  pool = { userPoolId, clientId: ClientId, secret: (await describeClient(cognito.endpoint, userPoolId, ClientId)).ClientSecret };

  dir = fs.mkdtempSync(path.join(os.tmpdir(), "doctor-"));
  configFile = path.join(dir, "Pulumi.doctor.yaml");
  fs.writeFileSync(
    configFile,
    [
      "config:",
      "  alexa-app-linking:iosAppIds:",
      `    - ${APP_ID}`,
      `  alexa-app-linking:androidPackageName: ${PACKAGE}`,
      "  alexa-app-linking:androidSha256CertFingerprints:",
      `    - "${FINGERPRINT}"`,
      "  alexa-app-linking:smapiClientSecret:",
      "    secure: AAABAD==",
      "",
    ].join("\n"),
  );

  // A port nothing listens on: bound once, then closed.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPortUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/dev/token`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  await Promise.all([files?.close(), cognito?.stop(), smapi?.stop(), apigw?.close(), s3control?.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything as a healthy deployment has it. */
beforeEach(async () => {
  s3control.behaviour = { kind: "none" };
  files.route(AASA_PATH, serve(AASA.body));
  files.route(LINKS_PATH, serve(ASSETLINKS.body));
  files.hits.clear();
  await setCallbackUrls(cognito.endpoint, pool.userPoolId, pool.clientId, [...SKILL_URLS, redirectURL]);
  smapi.setLwa(DEFAULT_LWA);
  for (const skill of [SKILL_A, SKILL_B]) {
    smapi.setSkill(skill, "development", fullLinking({ clientId: pool.clientId, redirectUrls: [OTHER_REDIRECT, redirectURL] }));
    smapi.setSkill(skill, "live", undefined);
  }
  smapi.clearRequests();
  smapi.clearFailures();
  resetLwaTokenCache();
  apigw.setInvoke(rejectingTokenEndpoint);
  apigw.requests.length = 0;
});

function stackOutputs(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    redirectURL,
    redirectHost: new URL(redirectURL).host,
    bucketName: "rainmaker-dev-app-links",
    associationFileUrls: { ios: `${files.base}${AASA_PATH}`, android: `${files.base}${LINKS_PATH}` },
    cognitoClientId: pool.clientId,
    cognitoUserPoolId: pool.userPoolId,
    alexaAccessTokenURL: apigw.invokeUrl(API_ID, "dev", "/token"),
    skills: [SKILL_A, SKILL_B].map((skillId) => ({ skillId, stage: "development", redirectUrls: [redirectURL] })),
    ...over,
  };
}

const ENV = (): NodeJS.ProcessEnv => ({
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
  ASK_LWA_CLIENT_ID: DEFAULT_LWA.clientId,
  ASK_LWA_CLIENT_CONFIRMATION: DEFAULT_LWA.clientSecret,
  ASK_REFRESH_TOKEN: DEFAULT_LWA.refreshToken,
});

const FAST: DoctorOverrides = { runtime: fakeRuntime(), retry: { maxAttempts: 2 }, cognitoMaxAttempts: 1 };

function doctor(
  options: {
    outputs?: Record<string, unknown>;
    args?: string[];
    env?: NodeJS.ProcessEnv;
    overrides?: DoctorOverrides;
    exact?: boolean;
  } = {},
) {
  const argv = [
    "--cognito-endpoint",
    cognito.endpoint,
    "--smapi-endpoint",
    smapi.url,
    "--lwa-endpoint",
    smapi.lwaUrl,
    "--s3-control-endpoint",
    s3control.endpoint,
    // The platform probes (Apple's CDN, Google, the hosted UI) have their own tests: tests/doctor/platforms*.test.ts.
    "--skip-platform-probes",
    ...(options.exact === false ? [] : ["--config-file", configFile]),
    ...(options.args ?? []),
  ];
  return runDoctorCli(argv, {
    stdin: JSON.stringify(options.outputs ?? stackOutputs()),
    env: options.env ?? ENV(),
    overrides: { ...FAST, ...options.overrides },
  });
}

const LABELS = [
  "ios file",
  "android file",
  "cognito",
  "skill",
  "skill live",
  "skill",
  "skill live",
  "token URL (iOS)",
  "token URL (Android)",
  "account block",
];
const SECRETS = () => [DEFAULT_LWA.clientId, DEFAULT_LWA.clientSecret, DEFAULT_LWA.refreshToken, pool.secret];

function expectNoSecrets(text: string): void {
  for (const secret of SECRETS()) expect(text).not.toContain(secret);
}

describe("all green", () => {
  test("every check passes, one line each in a fixed order, exit 0, and nothing written anywhere", async () => {
    const contentTypes: string[] = [];
    apigw.setInvoke((request) => {
      contentTypes.push(`${request.headers["content-type"]}${request.headers.charset ? `; charset: ${request.headers.charset}` : ""}`);
      return rejectingTokenEndpoint(request);
    });
    const run = await doctor();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.lines.map(labelOf)).toEqual(LABELS);
    expect(run.lines.every((l) => l.startsWith("ok  "))).toBe(true);
    expect(run.lines[0]).toMatch(new RegExp(`${AASA_PATH}.*200, application/json, \\d+ bytes, as rendered; app IDs ${APP_ID}`));
    expect(run.lines[1]).toMatch(/as rendered; apps com\.espressif\.rainmaker \(1 fingerprint\)/);
    expect(run.lines[2]).toContain(`callback URLs of app client ${pool.clientId} in user pool ${pool.userPoolId} include ${redirectURL}`);
    expect(run.lines[3]).toContain(`${SKILL_A} (development): redirect URLs include ${redirectURL}`);
    // No live stage yet (SMAPI 404): news for a development build, not a failure.
    expect(run.lines[4]).toMatch(
      new RegExp(`${SKILL_A.replace(/\./g, "\\.")}: no account linking on the live stage .*a certification is still needed`),
    );
    expect(run.lines[5]).toContain(SKILL_B);
    expect(run.lines[7]).toMatch(
      /answers HTTP 400 \(invalid_grant: authorization code is invalid or expired\) to a dummy code sent as text\/plain/,
    );
    expect(run.lines[8]).toMatch(
      /answers HTTP 400 \(invalid_grant: authorization code is invalid or expired\) to a dummy code sent as application\/json/,
    );
    expect(run.stdout).toMatch(/all 10 checks passed/);
    expectNoSecrets(run.stdout + run.stderr);

    // What was called: one GET per file, two SMAPI GETs per skill (development, live) and one token, two dummy POSTs.
    expect([files.hits.get(AASA_PATH), files.hits.get(LINKS_PATH)]).toEqual([1, 1]);
    expect(
      smapi
        .smapiRequests()
        .map((r) => `${r.method} ${r.path.split("/stages/")[1]}`)
        .sort(),
    ).toEqual([
      "GET development/accountLinkingClient",
      "GET development/accountLinkingClient",
      "GET live/accountLinkingClient",
      "GET live/accountLinkingClient",
    ]);
    expect(smapi.tokensIssued()).toBeGreaterThan(0);
    expect(smapi.requests.filter((r) => r.path === "/auth/O2/token")).toHaveLength(1);
    const posts = apigw.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2);
    for (const post of posts) expect(JSON.parse(post.body)).toEqual({ code: "doctor-dummy-code", redirect_uri: redirectURL });
    expect(contentTypes.sort()).toEqual(["application/json", "text/plain; charset: UTF-8"]);
    // The stack file sets no publicAccess: "policy"; the account sets no Block Public Access. Kept with --skip-platform-probes.
    expect(run.lines[9]).toMatch(
      /account "123456789012" sets no account-level S3 Block Public Access; publicAccess "policy" \(from publicAccess in .*Pulumi\.doctor\.yaml\)/,
    );
    expect(s3control.seen).toEqual(["sts", "s3control"]);
    const client = await describeClient(cognito.endpoint, pool.userPoolId, pool.clientId);
    expect(client.CallbackURLs).toEqual([...SKILL_URLS, redirectURL]);
  });

  test("without --config-file the files are checked for shape, and still pass", async () => {
    const run = await doctor({ exact: false });
    expect(run.code).toBe(0);
    expect(run.lines[0]).toMatch(/valid JSON; app IDs/);
  });

  test("through the command line's verb table", async () => {
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
      ],
      { stdin: JSON.stringify(stackOutputs()), env: ENV(), viaMain: true },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(10);
  });

  test("the checks run at once: the ios file answers only after the token URL was called, yet prints first", async () => {
    let tokenCalled!: () => void;
    const called = new Promise<void>((resolve) => (tokenCalled = resolve));
    let answeredAfterToken = false;
    apigw.setInvoke((request) => {
      tokenCalled();
      return rejectingTokenEndpoint(request);
    });
    const gated: Route = (req, res, hit) => {
      // A fallback, so a sequential run fails on the flag instead of hanging.
      const fallback = new Promise<"fallback">((resolve) => setTimeout(() => resolve("fallback"), 5_000).unref());
      void Promise.race([called.then(() => "token" as const), fallback]).then((which) => {
        answeredAfterToken = which === "token";
        serve(AASA.body)(req, res, hit);
      });
    };
    files.route(AASA_PATH, gated);
    const run = await doctor();
    expect(answeredAfterToken).toBe(true);
    expect(run.code).toBe(0);
    expect(run.lines.map(labelOf)).toEqual(LABELS);
  });
});

describe("emulators that do not answer on the public hosts: --s3-endpoint and --api-gateway-endpoint", () => {
  const BUCKET = "rainmaker-local-links";
  const PUBLIC = `https://${BUCKET}.s3.eu-west-1.amazonaws.com/`;
  const TOKEN_URL = `https://${API_ID}.execute-api.eu-west-1.amazonaws.com/dev/token`;
  /** What a deployed stack reports: the public URLs, which no emulator serves. */
  const publicOutputs = (over: Record<string, unknown> = {}) =>
    stackOutputs({
      redirectURL: PUBLIC,
      redirectHost: new URL(PUBLIC).host,
      bucketName: BUCKET,
      associationFileUrls: { ios: `${PUBLIC}${AASA_PATH.slice(1)}`, android: `${PUBLIC}${LINKS_PATH.slice(1)}` },
      alexaAccessTokenURL: TOKEN_URL,
      skills: [SKILL_A, SKILL_B].map((skillId) => ({ skillId, stage: "development", redirectUrls: [PUBLIC] })),
      ...over,
    });

  beforeEach(async () => {
    // The bucket path-style on the S3 emulator, the public redirect URL on the client and the skills.
    files.route(`/${BUCKET}${AASA_PATH}`, serve(AASA.body));
    files.route(`/${BUCKET}${LINKS_PATH}`, serve(ASSETLINKS.body));
    await setCallbackUrls(cognito.endpoint, pool.userPoolId, pool.clientId, [...SKILL_URLS, PUBLIC]);
    for (const skill of [SKILL_A, SKILL_B])
      smapi.setSkill(skill, "development", fullLinking({ clientId: pool.clientId, redirectUrls: [OTHER_REDIRECT, PUBLIC] }));
  });

  test("every check passes; the lines name the public URLs and where each request went instead", async () => {
    const run = await doctor({ outputs: publicOutputs(), args: ["--s3-endpoint", files.base, "--api-gateway-endpoint", apigw.url] });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.lines.map(labelOf)).toEqual(LABELS);
    expect(run.lines[0]).toContain(
      `${PUBLIC}.well-known/apple-app-site-association (fetched from ${files.base}/${BUCKET}${AASA_PATH}) (200, application/json`,
    );
    expect(run.lines[1]).toContain(`(fetched from ${files.base}/${BUCKET}${LINKS_PATH})`);
    expect(run.lines[7]).toContain(
      `${TOKEN_URL} (sent to ${apigw.url}/restapis/${API_ID}/dev/_user_request_/token) answers HTTP 400 (invalid_grant`,
    );
    expect(run.lines[8]).toMatch(/sent as application\/json/);
    expect([files.hits.get(`/${BUCKET}${AASA_PATH}`), files.hits.get(`/${BUCKET}${LINKS_PATH}`)]).toEqual([1, 1]);
    expect(apigw.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual([
      `/restapis/${API_ID}/dev/_user_request_/token`,
      `/restapis/${API_ID}/dev/_user_request_/token`,
    ]);
  });

  test("a CloudFront URL is fetched as it is: its bucket is private, so --s3-endpoint does not read it path-style", async () => {
    const CLOUDFRONT = "https://d1abcdef8.cloudfront.net/";
    const asked: string[] = [];
    // The distribution serves the files; nothing reaches the emulated bucket.
    const cloudFrontFetch: typeof fetch = async (input, init) => {
      const url = String(input);
      if (!url.startsWith(CLOUDFRONT)) return fetch(input, init);
      asked.push(url);
      const body = url.endsWith(LINKS_PATH) ? ASSETLINKS.body : AASA.body;
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    };
    const outputs = publicOutputs({
      redirectURL: CLOUDFRONT,
      redirectHost: new URL(CLOUDFRONT).host,
      associationFileUrls: { ios: `${CLOUDFRONT}${AASA_PATH.slice(1)}`, android: `${CLOUDFRONT}${LINKS_PATH.slice(1)}` },
    });
    const run = await doctor({
      outputs,
      args: ["--s3-endpoint", files.base, "--api-gateway-endpoint", apigw.url],
      overrides: { fetchImpl: cloudFrontFetch },
    });
    expect(asked).toEqual([`${CLOUDFRONT}${AASA_PATH.slice(1)}`, `${CLOUDFRONT}${LINKS_PATH.slice(1)}`]);
    expect([files.hits.get(`/${BUCKET}${AASA_PATH}`), files.hits.get(`/${BUCKET}${LINKS_PATH}`)]).toEqual([undefined, undefined]);
    expect(run.lines[0]).toMatch(/^ok /);
    expect(run.lines[0]).toContain(`${CLOUDFRONT}.well-known/apple-app-site-association (200, application/json`);
    expect(run.lines[1]).toMatch(/^ok /);
    expect(run.lines[1]).not.toContain("fetched from");
  });

  test("a file missing from the emulated bucket fails with the public URL and the emulator's", async () => {
    files.route(`/${BUCKET}${LINKS_PATH}`, s3Error(404, "NoSuchKey"));
    const run = await doctor({ outputs: publicOutputs(), args: ["--s3-endpoint", files.base, "--api-gateway-endpoint", apigw.url] });
    expect(run.code).toBe(1);
    expect(run.lines[1]).toMatch(
      new RegExp(
        `^FAIL  android file .*${PUBLIC.replace(/\./g, "\\.")}\\.well-known/assetlinks\\.json \\(fetched from ${files.base}/${BUCKET}${LINKS_PATH.replace(/\./g, "\\.")}\\): answered HTTP 404 \\(S3 NoSuchKey\\)`,
      ),
    );
  });

  test("a method the emulated API does not have fails as API Gateway answers it", async () => {
    const run = await doctor({
      outputs: publicOutputs({ alexaAccessTokenURL: `https://${API_ID}.execute-api.eu-west-1.amazonaws.com/prod/token` }),
      args: ["--s3-endpoint", files.base, "--api-gateway-endpoint", apigw.url],
    });
    expect(run.code).toBe(1);
    expect(run.lines[7]).toMatch(
      /sent to .*\/restapis\/a1b2c3d4e5\/prod\/_user_request_\/token\) answered HTTP 403 \(Missing Authentication Token\)/,
    );
  });

  test("an --api-gateway-endpoint where nothing listens: the fix names the override, not the stack's token settings", async () => {
    const run = await doctor({
      outputs: publicOutputs(),
      args: ["--s3-endpoint", files.base, "--api-gateway-endpoint", new URL(closedPortUrl).origin],
    });
    expect(run.code).toBe(1);
    for (const line of run.lines.slice(7, 9)) {
      expect(line).toMatch(
        /^FAIL .*connection refused \(ECONNREFUSED\).*Fix: check --api-gateway-endpoint: nothing answers at 127\.0\.0\.1:\d+/,
      );
      expect(line).not.toMatch(/accessToken\.apiName|accessToken\.stage/);
    }
  });
});

describe("each check failing on its own", () => {
  const closedTokenUrl = () => closedPortUrl;
  const DNS_URL = "https://zz9plural9z.execute-api.eu-west-1.amazonaws.com/dev/token";
  /** A fetch for which the token API's host does not resolve; everything else goes through. */
  const dnsFailingFetch: typeof fetch = async (input, init) => {
    if (String(input).startsWith(DNS_URL)) {
      throw Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND zz9plural9z.execute-api.eu-west-1.amazonaws.com"), { code: "ENOTFOUND" }),
      });
    }
    return fetch(input, init);
  };

  const TOKEN_LINES = [7, 8];
  test.each<
    [
      string,
      () => Promise<{ outputs?: Record<string, unknown>; overrides?: DoctorOverrides; exact?: boolean; args?: string[] } | void>,
      number | number[],
      RegExp,
    ]
  >([
    [
      "ios file 403 (not public)",
      async () => files.route(AASA_PATH, s3Error(403, "AccessDenied")),
      0,
      /HTTP 403 \(S3 AccessDenied\): the file is not public/,
    ],
    [
      "android file served as binary/octet-stream",
      async () => files.route(LINKS_PATH, serve(ASSETLINKS.body, "binary/octet-stream")),
      1,
      /Content-Type is "binary\/octet-stream".*S3's default/,
    ],
    [
      "ios file with another body than rendered",
      async () => files.route(AASA_PATH, serve(AASA.body.replace(APP_ID, "ZZZZZ99999.com.other.app"))),
      0,
      /differs from what was rendered/,
    ],
    [
      "android file of the wrong shape (no --config-file)",
      async () => {
        files.route(
          LINKS_PATH,
          serve('[{"relation":["delegate_permission/common.handle_all_urls"],"target":{"namespace":"web","site":"https://x"}}]'),
        );
        return { exact: false };
      },
      1,
      /is served, but statement \[0\] has no target with namespace "android_app"/,
    ],
    [
      "ios file redirected",
      async () => files.route(AASA_PATH, (_q, res) => (res.writeHead(301, { location: "https://elsewhere/" }), res.end())),
      0,
      /a redirect to https:\/\/elsewhere/,
    ],
    [
      "Cognito callback URL missing",
      async () => setCallbackUrls(cognito.endpoint, pool.userPoolId, pool.clientId, SKILL_URLS),
      2,
      /callback URLs of app client .* lack http:\/\/127\.0\.0\.1:\d+\/ \(3 URLs there\)\. The RainMaker stack may have reset the client\. Fix: run `pnpm stack-up doctor`/,
    ],
    [
      "one skill missing the URL",
      async () => smapi.setSkill(SKILL_B, "development", fullLinking({ clientId: pool.clientId, redirectUrls: [OTHER_REDIRECT] })),
      5,
      new RegExp(`${SKILL_B.replace(/\./g, "\\.")} \\(development\\): redirect URLs lack`),
    ],
    [
      "token URL answers 500",
      async () => apigw.setInvoke(() => ({ status: 500, body: { message: "Internal server error" } })),
      TOKEN_LINES,
      /HTTP 500 \(Internal server error\).*CloudWatch/,
    ],
    [
      "token URL of a method that is not deployed",
      async () => ({ outputs: stackOutputs({ alexaAccessTokenURL: apigw.invokeUrl(API_ID, "prod", "/token") }) }),
      TOKEN_LINES,
      /Missing Authentication Token.*does not exist/,
    ],
    [
      "token URL refuses connections",
      async () => ({ outputs: stackOutputs({ alexaAccessTokenURL: closedTokenUrl() }) }),
      TOKEN_LINES,
      /connection refused \(ECONNREFUSED\)/,
    ],
    [
      "token URL host does not resolve",
      async () => ({ outputs: stackOutputs({ alexaAccessTokenURL: DNS_URL }), overrides: { fetchImpl: dnsFailingFetch } }),
      TOKEN_LINES,
      /does not resolve \(ENOTFOUND\): the API id or region/,
    ],
    [
      "token URL refuses the iOS request's text/plain",
      async () =>
        apigw.setInvoke((request) =>
          String(request.headers["content-type"]).startsWith("text/plain")
            ? { status: 415, body: { message: "Unsupported Media Type" } }
            : rejectingTokenEndpoint(request),
        ),
      7,
      /HTTP 415 \(Unsupported Media Type\) to Content-Type text\/plain, which the iOS app sends/,
    ],
    [
      "--skill-stage live and a live stage without the URL",
      async () => {
        smapi.setSkill(SKILL_A, "live", fullLinking({ clientId: pool.clientId, redirectUrls: [OTHER_REDIRECT, redirectURL] }));
        smapi.setSkill(SKILL_B, "live", fullLinking({ clientId: pool.clientId, redirectUrls: [OTHER_REDIRECT] }));
        return { args: ["--skill-stage", "live"] };
      },
      6,
      new RegExp(
        `${SKILL_B.replace(/\./g, "\\.")}: live stage lacks .*this build \\(Skill Stage "live"\\) cannot link.*submit the skill for certification`,
      ),
    ],
    [
      "account-level Block Public Access that defeats the stack's publicAccess (policy)",
      async () => void (s3control.behaviour = { kind: "set", flags: flags({ BlockPublicPolicy: true }) }),
      9,
      /account "123456789012" has account-level S3 Block Public Access BlockPublicPolicy on.*publicAccess "policy".*Fix: set publicAccess to "cloudfront".*aws s3control put-public-access-block/,
    ],
  ])("%s", async (_name, breakIt, failingLines, message) => {
    const options = (await breakIt()) ?? {};
    const run = await doctor(options);
    expect(run.code).toBe(1);
    expect(run.lines.map(labelOf)).toEqual(LABELS);
    const expected = Array.isArray(failingLines) ? failingLines : [failingLines];
    const failing = run.lines.map((l, i) => (l.startsWith("FAIL") ? i : -1)).filter((i) => i >= 0);
    expect(failing).toEqual(expected);
    for (const i of expected) expect(run.lines[i]).toMatch(message);
    expect(run.stderr).toMatch(new RegExp(`${expected.length} of 10 checks failed`));
    expectNoSecrets(run.stdout + run.stderr);
  });
});

describe("the live stage (--skill-stage)", () => {
  const certify = (redirectUrls: string[]) => {
    smapi.setSkill(SKILL_A, "live", fullLinking({ clientId: pool.clientId, redirectUrls }));
    smapi.setSkill(SKILL_B, "live", fullLinking({ clientId: pool.clientId, redirectUrls }));
  };

  test("a development build with a live stage that lacks the URL passes, and says a certification is still needed", async () => {
    certify([OTHER_REDIRECT]);
    const run = await doctor();
    expect(run.code).toBe(0);
    expect(run.lines[4]).toMatch(
      /^ok {4}skill live .*live stage lacks .*a certification is still needed before a build with Skill Stage "live" can link/,
    );
    expect(run.lines[4]).toMatch(/ask smapi submit-skill-for-certification --skill-id/);
  });

  test("a live build once both skills are certified with the URL passes", async () => {
    certify([OTHER_REDIRECT, redirectURL]);
    const run = await doctor({ args: ["--skill-stage", "live"] });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.lines[4]).toMatch(/live stage already lists/);
    expect(run.lines[6]).toMatch(/live stage already lists/);
  });

  test("a live build before any certification fails on both live lines", async () => {
    const run = await doctor({ args: ["--skill-stage", "live"] });
    expect(run.code).toBe(1);
    expect(run.lines.filter((l) => l.startsWith("FAIL")).map(labelOf)).toEqual(["skill live", "skill live"]);
  });

  test("a stage that is not development or live is bad input", async () => {
    const run = await doctor({ args: ["--skill-stage", "Live"] });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--skill-stage "Live" is not a skill stage the apps send.*Fix: pass --skill-stage development/);
    expect(smapi.requests).toEqual([]);
  });
});

describe("SMAPI credentials", () => {
  test("none given: each skill line says where to set them, the other checks still run", async () => {
    const env = { AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" };
    const run = await doctor({ env });
    expect(run.code).toBe(1);
    expect(run.lines.filter((l) => l.startsWith("FAIL")).map(labelOf)).toEqual(["skill", "skill live", "skill", "skill live"]);
    expect(run.lines[3]).toMatch(/no SMAPI credentials.*--lwa-client-id or ASK_LWA_CLIENT_ID/);
    expect(smapi.requests).toEqual([]);
  });

  test("refused by LWA: the skills fail with LWA's reason, no secret shown", async () => {
    smapi.setLwa({ ...DEFAULT_LWA, refreshToken: "rotated" });
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.lines[3]).toMatch(/Login with Amazon .*HTTP 400.*invalid_grant/);
    expectNoSecrets(run.stdout + run.stderr);
  });

  test("flags work as well as the environment", async () => {
    const run = await doctor({
      env: { AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" },
      args: [
        "--lwa-client-id",
        DEFAULT_LWA.clientId,
        "--lwa-client-secret",
        DEFAULT_LWA.clientSecret,
        "--lwa-refresh-token",
        DEFAULT_LWA.refreshToken,
      ],
    });
    expect(run.code).toBe(0);
    expectNoSecrets(run.stdout + run.stderr);
  });

  test("a throttled SMAPI is retried within the doctor's budget", async () => {
    smapi.inject({ times: 1, status: 429, method: "GET" });
    const run = await doctor();
    expect(run.code).toBe(0);
    expect(
      smapi
        .smapiRequests("GET")
        .map((r) => r.status)
        .sort(),
    ).toEqual([200, 200, 404, 404, 429]);
  });
});

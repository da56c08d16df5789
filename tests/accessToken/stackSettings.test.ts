/**
 * The API Gateway lookup of alexaAccessTokenURL with the stack's aws: settings (issue 22, item 4)
 * and against hostile endpoints (issue 23, item 3): the credentials kept in stack config reach
 * it (static secret keys; the assumeRoles chain with its external id; web identity; the account
 * checks), every call has a deadline and a body cap, and an error never shows a credential.
 */
import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { sdkApiGatewayReader } from "../../packages/alexa-linking-component/src/accessToken/apiGatewayReader";
import { lookupAccessTokenUrl } from "../../packages/alexa-linking-component/src/accessToken/lookup";
import type { AwsConfigSource } from "../../packages/alexa-linking-component/src/shared/awsConfig";
import { startApiGatewayEmulator, type ApiGatewayEmulator } from "../emulators/apiGateway";
import { eventually, startHostile, stream, trickle, type HostileServer } from "../alexa/hostileProxy";
import { installMocks, settledOutput as settle } from "../support/pulumiMocks";

const STACK_KEY = "AKIASTACKCONFIG00001";
const STACK_SECRET = "stack/config+secret+key/0123456789abcdef";
const ROLE_KEY = "ASIAASSUMEDROLE00001";
const ROLE_SECRET = "assumed/role+secret+key/0123456789abcdef";
const ROLE_TOKEN = "FwoGZXIvYXdzEAssumedRoleSessionToken0123456789abcdefghijklmnop==";
const WEB_KEY = "ASIAWEBIDENTITY00001";
const EXTERNAL_ID = "ext-id-7a1c9e0b5d3f";
const ENV_TOKEN = "IQoJb3JpZ2luX2VjEnvSessionTokenForApiGateway0123456789abcdefghij==";

const source = (values: Record<string, unknown>, secret: string[] = []): AwsConfigSource => ({
  get: (key) =>
    values[key] === undefined ? undefined : typeof values[key] === "string" ? (values[key] as string) : JSON.stringify(values[key]),
  isSecret: (key) => secret.includes(key),
});

const API = {
  id: "abc123defg",
  name: "AlexaSkillLinking",
  stages: ["dev"],
  resources: [
    { path: "/", methods: [] },
    { path: "/token", methods: ["POST"] },
  ],
};
const URL_FOUND = "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token";

let emulator: ApiGatewayEmulator;
let front: HostileServer;
const stsCalls: URLSearchParams[] = [];
const saved: Record<string, string | undefined> = {};

/** The access key id a request was signed with. */
const signedWith = (headers: Record<string, unknown>) => /Credential=([A-Z0-9]+)\//.exec(String(headers.authorization ?? ""))?.[1];

const stsAnswer = (action: string, key: string, secret: string, token: string) =>
  `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials><AccessKeyId>${key}</AccessKeyId>` +
  `<SecretAccessKey>${secret}</SecretAccessKey><SessionToken>${token}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
  `<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser></${action}Result>` +
  `<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`;

beforeAll(async () => {
  emulator = await startApiGatewayEmulator({ apis: [API] });
  front = await startHostile(emulator.url);
});
afterAll(async () => {
  await front?.stop();
  await emulator?.close();
});
beforeEach(() => {
  installMocks({ region: "eu-west-1" });
  front.reset();
  stsCalls.length = 0;
  // An STS on the same front: POST / with an awsQuery form body.
  front.intercept = (req, res) => {
    if (req.method !== "POST" || req.path !== "/") return false;
    const form = new URLSearchParams(req.body);
    stsCalls.push(form);
    const action = form.get("Action");
    res.writeHead(200, { "content-type": "text/xml" });
    if (action === "AssumeRole") res.end(stsAnswer("AssumeRole", ROLE_KEY, ROLE_SECRET, ROLE_TOKEN));
    else if (action === "AssumeRoleWithWebIdentity")
      res.end(stsAnswer("AssumeRoleWithWebIdentity", WEB_KEY, "web/secret/0123456789", "web-session-token-0123456789"));
    else if (action === "GetCallerIdentity")
      res.end(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/u</Arn>` +
          `<UserId>U</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    else res.end("<Error/>");
    return true;
  };
  for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"]) {
    saved[key] = process.env[key];
    delete process.env[key];
  }
});
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const apiRequests = () => front.requests.filter((r) => r.path.startsWith("/restapis"));

describe("the lookup follows the stack's aws: settings", () => {
  test("secret aws:accessKey / aws:secretKey, with no other credentials anywhere, find the URL", async () => {
    const awsConfig = source({ accessKey: STACK_KEY, secretKey: STACK_SECRET, region: "eu-west-1" }, ["accessKey", "secretKey"]);
    await expect(settle(lookupAccessTokenUrl({ endpoint: front.url }, { awsConfig }))).resolves.toBe(URL_FOUND);
    expect(apiRequests().map((r) => signedWith(r.headers))).toEqual([STACK_KEY, STACK_KEY, STACK_KEY]);
  });

  test("aws:assumeRoles (secret, with an external id): the calls are signed with the role's credentials", async () => {
    const awsConfig = source(
      {
        accessKey: STACK_KEY,
        secretKey: STACK_SECRET,
        assumeRoles: [{ roleArn: "arn:aws:iam::123456789012:role/deploy", externalId: EXTERNAL_ID, sessionName: "ci", duration: "15m" }],
        endpoints: [{ sts: front.url }],
      },
      ["assumeRoles"],
    );
    await expect(settle(lookupAccessTokenUrl({ endpoint: front.url }, { awsConfig }))).resolves.toBe(URL_FOUND);
    const assume = stsCalls.find((c) => c.get("Action") === "AssumeRole")!;
    expect(assume.get("RoleArn")).toBe("arn:aws:iam::123456789012:role/deploy");
    expect(assume.get("ExternalId")).toBe(EXTERNAL_ID);
    expect(assume.get("RoleSessionName")).toBe("ci");
    expect(assume.get("DurationSeconds")).toBe("900");
    const stsRequest = front.requests.find((r) => r.path === "/" && r.body.includes("AssumeRole"))!;
    expect(signedWith(stsRequest.headers)).toBe(STACK_KEY);
    expect(apiRequests().map((r) => signedWith(r.headers))).toEqual([ROLE_KEY, ROLE_KEY, ROLE_KEY]);
    expect(apiRequests()[0].headers["x-amz-security-token"]).toBe(ROLE_TOKEN);
  });

  test("aws:assumeRoleWithWebIdentity: the token file is exchanged for the role's credentials, which sign the calls", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "web-identity-"));
    try {
      const tokenFile = path.join(dir, "token");
      fs.writeFileSync(tokenFile, "eyJhbGciOiJSUzI1NiJ9.oidc-token-from-ci.signature\n");
      const awsConfig = source({
        assumeRoleWithWebIdentity: { roleArn: "arn:aws:iam::123456789012:role/ci", webIdentityTokenFile: tokenFile, sessionName: "gh" },
        endpoints: [{ sts: front.url }],
      });
      await expect(settle(lookupAccessTokenUrl({ endpoint: front.url }, { awsConfig }))).resolves.toBe(URL_FOUND);
      const web = stsCalls.find((c) => c.get("Action") === "AssumeRoleWithWebIdentity")!;
      expect(web.get("WebIdentityToken")).toBe("eyJhbGciOiJSUzI1NiJ9.oidc-token-from-ci.signature");
      expect(web.get("RoleSessionName")).toBe("gh");
      expect(apiRequests().map((r) => signedWith(r.headers))).toEqual([WEB_KEY, WEB_KEY, WEB_KEY]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("aws:allowedAccountIds: an account outside the list is refused before anything is read", async () => {
    const awsConfig = source({
      accessKey: STACK_KEY,
      secretKey: STACK_SECRET,
      allowedAccountIds: ["210987654321"],
      endpoints: [{ sts: front.url }],
    });
    await expect(settle(lookupAccessTokenUrl({ endpoint: front.url }, { awsConfig }))).rejects.toThrow(
      /account "123456789012" of the stack's credentials is not in aws:allowedAccountIds \(210987654321\)/,
    );
    expect(apiRequests()).toHaveLength(0);
    const allowed = source({
      accessKey: STACK_KEY,
      secretKey: STACK_SECRET,
      allowedAccountIds: ["123456789012"],
      endpoints: [{ sts: front.url }],
    });
    await expect(settle(lookupAccessTokenUrl({ endpoint: front.url }, { awsConfig: allowed }))).resolves.toBe(URL_FOUND);
  });

  test("aws:profile as a plain string, with shared files from aws:sharedCredentialsFiles", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "profile-"));
    try {
      const credentialsFile = path.join(dir, "credentials");
      fs.writeFileSync(
        credentialsFile,
        `[rainmaker-admin]\naws_access_key_id = AKIAPROFILEKEY000001\naws_secret_access_key = profile-secret-0123456789\n`,
      );
      const awsConfig = source({
        profile: "rainmaker-admin",
        sharedCredentialsFiles: [credentialsFile],
        sharedConfigFiles: [path.join(dir, "none")],
      });
      await expect(settle(lookupAccessTokenUrl({ endpoint: front.url }, { awsConfig }))).resolves.toBe(URL_FOUND);
      expect(apiRequests().map((r) => signedWith(r.headers))).toEqual([
        "AKIAPROFILEKEY000001",
        "AKIAPROFILEKEY000001",
        "AKIAPROFILEKEY000001",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("aws:endpoints apigateway is used when endpoints.apiGateway is not given", async () => {
    const awsConfig = source({ accessKey: STACK_KEY, secretKey: STACK_SECRET, endpoints: [{ apigateway: front.url }] });
    await expect(settle(lookupAccessTokenUrl({}, { awsConfig }))).resolves.toBe(URL_FOUND);
    expect(apiRequests()).toHaveLength(3);
  });

  test("aws:httpsProxy: refused with the fix, nothing sent past the proxy", async () => {
    const awsConfig = source({ accessKey: STACK_KEY, secretKey: STACK_SECRET, httpsProxy: "http://proxy.corp:3128" });
    await expect(settle(lookupAccessTokenUrl({ endpoint: front.url }, { awsConfig }))).rejects.toThrow(
      /aws:httpsProxy .*routes AWS calls through a proxy.*Fix: set accessToken\.url/,
    );
    expect(front.requests).toHaveLength(0);
  });
});

describe("the API Gateway client against a hostile endpoint", () => {
  const credentials = { accessKeyId: "AKIDTEST", secretAccessKey: "hostile-test-secret-0123456789" };

  test("headers, then a body that trickles: the call ends at the deadline and its connection closes", async () => {
    front.intercept = (_req, res) => (trickle(front, res), true);
    const started = Date.now();
    const reader = sdkApiGatewayReader({
      region: "eu-west-1",
      endpoint: front.url,
      clientConfig: { credentials, maxAttempts: 1 },
      requestTimeoutMs: 400,
    });
    await expect(reader.restApis()).rejects.toThrow(/GetRestApis in region eu-west-1 .* failed: TimeoutError: no answer within 400 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await eventually(() => front.requests.every((r) => r.closedAt !== undefined), 2000)).toBe(true);
  });

  test("a 20 MiB answer is not read whole", async () => {
    front.intercept = (_req, res) => (stream(front, res, 200, "application/json", '{"item":[{"id":"', 20 * 1024 * 1024, '"}]}'), true);
    const reader = sdkApiGatewayReader({ region: "eu-west-1", endpoint: front.url, clientConfig: { credentials, maxAttempts: 1 } });
    const err = await reader.restApis().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/answered with a body larger than 4 MiB/);
    expect(err!.message.length).toBeLessThan(2000);
    expect(front.bytesWritten).toBeLessThan(12 * 1024 * 1024);
  });

  test("an error that echoes the request's headers shows no credential from the default chain, and is short", async () => {
    process.env.AWS_ACCESS_KEY_ID = "AKIAENVCHAINAPIGW001";
    process.env.AWS_SECRET_ACCESS_KEY = "env/apigw+secret/0123456789abcdef";
    process.env.AWS_SESSION_TOKEN = ENV_TOKEN;
    front.intercept = (req, res) => {
      res.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "BadRequestException" });
      res.end(JSON.stringify({ message: `${JSON.stringify(req.headers)} ${"z".repeat(400_000)}` }));
      return true;
    };
    const err = await settle(lookupAccessTokenUrl({ endpoint: front.url }, { awsConfig: source({}) })).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(front.requests[0].headers["x-amz-security-token"]).toBe(ENV_TOKEN);
    expect(err?.message).toMatch(/GetRestApis .* failed: BadRequestException \(HTTP 400\): .*\[secret\]/);
    expect(err!.message).not.toContain(ENV_TOKEN);
    expect(err!.message).not.toContain("env/apigw+secret/0123456789abcdef");
    expect(err!.message.length).toBeLessThan(1500);
  });
});

void pulumi;

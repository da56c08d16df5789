/**
 * The Cognito lookup (ListUserPools / ListUserPoolClients, the default path without userPoolId and
 * clientId) and doctor's Cognito line against a hostile endpoint on 127.0.0.1 (issue 23, item 2):
 * an error echoing the request's headers never shows the credentials the client signed with,
 * wherever they came from (here: the environment, the SDK's default chain), and is cut; the whole
 * lookup is bounded in requests, not only each listing.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { cognitoCallbackUrlProvider } from "../../packages/alexa-linking-component/src/providers/cognitoCallbackUrl";
import { listPools } from "../../packages/alexa-linking-component/src/cognito/lookup";
import { checkCognito } from "../../packages/alexa-linking-component/src/doctor/cognito";
import { MAX_LOOKUP_REQUESTS, newLookupBudget, spendRequest } from "../../packages/alexa-linking-component/src/shared/paging";
import { startHostile, type HostileServer } from "../alexa/hostileProxy";
import { rejectionOf as errorOf } from "../support/rejection";

const ENV_KEY = "AKIAENVCHAIN0000001";
const ENV_SECRET = "env/chain+secret+access+key/0123456789abcdef";
const ENV_TOKEN = "IQoJb3JpZ2luX2VjEnvChainSessionToken0123456789abcdefghijklmnopqrstuvwxyz==";

let hostile: HostileServer;
const saved: Record<string, string | undefined> = {};
const ENV = { AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: ENV_SECRET, AWS_SESSION_TOKEN: ENV_TOKEN };

beforeAll(async () => {
  hostile = await startHostile();
});
afterAll(async () => {
  await hostile?.stop();
});
beforeEach(() => {
  hostile.reset();
  for (const key of [...Object.keys(ENV), "AWS_PROFILE"]) saved[key] = process.env[key];
  Object.assign(process.env, ENV);
  delete process.env.AWS_PROFILE;
});
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** Answers every request with a 400 whose message is the request's headers, then 400,000 more characters. */
function echoHeaders(): void {
  hostile.intercept = (req, res) => {
    res.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
    res.end(JSON.stringify({ __type: "InvalidParameterException", message: `${JSON.stringify(req.headers)} ${"x".repeat(400_000)}` }));
    return true;
  };
}

const expectNoCredential = (text: string) => {
  expect(text).not.toContain(ENV_TOKEN);
  expect(text).not.toContain(ENV_SECRET);
  expect(text).not.toContain(ENV_TOKEN.slice(0, 40));
};

describe("a Cognito lookup error that echoes the request's headers", () => {
  it("ListUserPools: the session token from the environment is not in the deployment error, which is short", async () => {
    echoHeaders();
    const err = await errorOf(
      cognitoCallbackUrlProvider({ maxAttempts: 1 }).create({
        redirectUrl: "https://links-h.s3.eu-west-1.amazonaws.com/",
        region: "eu-west-1",
        endpoint: hostile.url,
        clientName: "esp-rainmaker-alexa-skill",
        version: "0.2.0",
      }),
    );
    // The request did carry the token, and the server did echo it.
    expect(hostile.requests[0].headers["x-amz-security-token"]).toBe(ENV_TOKEN);
    expect(err.message).toMatch(/Cognito ListUserPools in region eu-west-1 failed: InvalidParameterException: .*\[secret\]/);
    expectNoCredential(err.message);
    expectNoCredential(String(err.stack));
    expect(err.message.length).toBeLessThan(1500);
  });

  it("ListUserPoolClients: the same", async () => {
    hostile.intercept = (req, res) => {
      if (String(req.headers["x-amz-target"]).endsWith("ListUserPools")) {
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify({ UserPools: [{ Id: "eu-west-1_pool", Name: "rainmaker-user-email-mobile-pool" }] }));
        return true;
      }
      res.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify({ __type: "InternalErrorException", message: `${JSON.stringify(req.headers)} ${"y".repeat(400_000)}` }));
      return true;
    };
    const client = new CognitoIdentityProviderClient({ region: "eu-west-1", endpoint: hostile.url, maxAttempts: 1 });
    try {
      const err = await errorOf(listPools(client, undefined, "eu-west-1"));
      expect(err.message).toMatch(/Cognito ListUserPoolClients in user pool eu-west-1_pool failed: InternalErrorException: /);
      expectNoCredential(err.message);
      expect(err.message.length).toBeLessThan(1500);
    } finally {
      client.destroy();
    }
  });

  it("doctor's Cognito line: redacted and short, as its help promises", async () => {
    echoHeaders();
    const result = await checkCognito({ userPoolId: "eu-west-1_pool", clientId: "client" }, "https://links-h.s3.eu-west-1.amazonaws.com/", {
      endpoint: hostile.url,
      maxAttempts: 1,
    });
    expect(result.ok).toBe(false);
    const detail = JSON.stringify(result);
    expect(hostile.requests[0].headers["x-amz-security-token"]).toBe(ENV_TOKEN);
    expectNoCredential(detail);
    expect(detail.length).toBeLessThan(1500);
  });
});

describe("the whole lookup is bounded", () => {
  it("pools that each page their clients forever stop at the lookup's request budget, not 100 x 60 x 100", async () => {
    let n = 0;
    hostile.intercept = (req, res) => {
      const target = String(req.headers["x-amz-target"]);
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      if (target.endsWith("ListUserPools")) {
        const page = n++;
        const pools = Array.from({ length: 60 }, (_, i) => ({ Id: `eu-west-1_p${page}x${i}`, Name: `pool-${page}-${i}` }));
        res.end(JSON.stringify({ UserPools: pools, NextToken: page < 98 ? `pools-${page}` : undefined }));
      } else {
        const body = JSON.parse(req.body) as { NextToken?: string };
        const next = Number((body.NextToken ?? "clients-0").split("-")[1]) + 1;
        res.end(JSON.stringify({ UserPoolClients: [], NextToken: next < 99 ? `clients-${next}` : undefined }));
      }
      return true;
    };
    const client = new CognitoIdentityProviderClient({
      region: "eu-west-1",
      endpoint: hostile.url,
      maxAttempts: 1,
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    try {
      const err = await errorOf(listPools(client, undefined, "eu-west-1", { budget: newLookupBudget(Date.now(), 300) }));
      expect(err.message).toMatch(/the lookup stopped before ListUserPoolClients in user pool .*: it had made 300 requests/);
      expect(err.message).toMatch(/set cognito\.userPoolId and cognito\.clientId/);
      expect(hostile.requests).toHaveLength(300);
    } finally {
      client.destroy();
    }
  }, 60_000);

  it("the default budget covers Cognito's quota of 1,000 pools and not the multiplied bound", () => {
    expect(MAX_LOOKUP_REQUESTS).toBeGreaterThanOrEqual(17 + 1000);
    expect(MAX_LOOKUP_REQUESTS).toBeLessThan(100 * 60);
  });

  it.each([
    ["under both limits", 5, 10, 1_000, undefined],
    ["at the request limit", 10, 10, 1_000, /had made 10 requests/],
    ["past the time limit", 1, 10, 301_000, /had run for 301 s, longer than the 300 s/],
  ])("spendRequest %s", (_label, used, max, elapsed, error) => {
    const budget = { ...newLookupBudget(0, max), requests: used };
    const listing = { operation: "ListUserPools", where: "region eu-west-1", skip: "set cognito.userPoolId and cognito.clientId" };
    if (error === undefined) {
      spendRequest(budget, listing, elapsed);
      expect(budget.requests).toBe(used + 1);
    } else expect(() => spendRequest(budget, listing, elapsed)).toThrow(error);
  });
});

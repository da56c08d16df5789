/**
 * The invoke-URL lookup against a hostile API Gateway endpoint (issue 15): paging that never ends
 * (8) and plain http to another host (11).
 */
import { sdkApiGatewayReader } from "../../packages/alexa-linking-component/src/accessToken/apiGatewayReader";
import { lookupAccessTokenUrl } from "../../packages/alexa-linking-component/src/accessToken/lookup";
import { startHostile, type HostileServer } from "../alexa/hostileProxy";
import { installMocks, settledOutput as settle } from "../support/pulumiMocks";

const credentials = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };

let server: HostileServer;
beforeAll(async () => {
  server = await startHostile();
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(() => server.reset());

const reader = () => sdkApiGatewayReader({ region: "eu-west-1", endpoint: server.url, clientConfig: { credentials, maxAttempts: 1 } });
const answer = (position: () => string) => {
  server.intercept = (req, res) => {
    if (!req.path.startsWith("/restapis")) return false;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ item: [{ id: "other00000", name: "Other" }], position: position() }));
    return true;
  };
};

describe("8. API Gateway paging is bounded", () => {
  test("GetRestApis that answers the same position again stops with an error", async () => {
    answer(() => "again");
    await expect(reader().restApis()).rejects.toThrow(
      /GetRestApis in region eu-west-1 at http:\/\/127\.0\.0\.1:\d+ answered a next-page token it had given before \(after 2 pages\).*set accessToken\.url/,
    );
    expect(server.requests).toHaveLength(2);
  }, 15_000);

  test("GetRestApis whose position never ends stops after the bound", async () => {
    let n = 0;
    answer(() => `p${n++}`);
    await expect(reader().restApis()).rejects.toThrow(/still had more after 100 pages/);
    expect(server.requests).toHaveLength(100);
  }, 30_000);
});

describe("11. endpoints.apiGateway: plain http only to this machine", () => {
  beforeEach(() => {
    installMocks({ region: "eu-west-1" });
  });

  test.each([
    ["http to another host", "http://10.0.0.5:4567", /endpoints\.apiGateway "http:\/\/10\.0\.0\.5:4567" uses plain http to 10\.0\.0\.5/],
    [
      "a password in the URL",
      "https://user:hunter2@apigateway.eu-west-1.amazonaws.com",
      /endpoints\.apiGateway "https:\/\/\*\*\*@apigateway.* holds a user name or password/,
    ],
  ])("%s is refused before any call", async (_name, endpoint, message) => {
    const made: string[] = [];
    const output = lookupAccessTokenUrl({ endpoint }, { region: "eu-west-1", reader: (_r, e) => (made.push(String(e)), reader()) });
    const error = await settle(output).catch((e: Error) => e);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("hunter2");
    expect(made).toEqual([]);
  });
});

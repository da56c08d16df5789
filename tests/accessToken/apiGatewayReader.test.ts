import { sdkApiGatewayReader } from "../../packages/alexa-linking-component/src/accessToken/apiGatewayReader";
import { findAccessTokenUrl } from "../../packages/alexa-linking-component/src/accessToken/findAccessTokenUrl";
import { ApiGatewayEmulator, EmulatedApi, startApiGatewayEmulator } from "../emulators/apiGateway";

const credentials = { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };
const REGION = "eu-west-1";

const linking = (over: Partial<EmulatedApi> = {}): EmulatedApi => ({
  id: "abc123defg",
  name: "AlexaSkillLinking",
  stages: ["dev"],
  resources: [
    { path: "/", methods: [] },
    { path: "/token", methods: ["POST", "OPTIONS"] },
  ],
  ...over,
});

/** `n` unrelated APIs, so the name lookup has to page. */
const others = (n: number): EmulatedApi[] =>
  Array.from({ length: n }, (_, i) => ({ id: `other${String(i).padStart(5, "0")}`, name: `Other${i}`, stages: [], resources: [] }));

let emulator: ApiGatewayEmulator;
afterEach(async () => {
  await emulator?.close();
});

const reader = (clientConfig = {}) =>
  sdkApiGatewayReader({ region: REGION, endpoint: emulator.url, clientConfig: { credentials, ...clientConfig } });

describe("the SDK reader against the API Gateway emulator", () => {
  test("finds the POST invoke URL, paging through APIs and resources", async () => {
    emulator = await startApiGatewayEmulator({
      apis: [
        ...others(7),
        linking({
          resources: [
            { path: "/", methods: [] },
            { path: "/a", methods: ["GET"] },
            { path: "/b", methods: [] },
            { path: "/alexa/token", methods: ["POST"] },
          ],
        }),
      ],
      maxPageSize: 3,
    });
    const found = await findAccessTokenUrl(reader(), { apiName: "AlexaSkillLinking", stage: "dev" }, REGION);
    expect(found).toEqual({
      url: "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/alexa/token",
      apiId: "abc123defg",
      stage: "dev",
      path: "/alexa/token",
    });
    const lists = emulator.requests.filter((r) => r.path === "/restapis");
    expect(lists).toHaveLength(3);
    expect(lists.map((r) => r.query.position === undefined)).toEqual([true, false, false]);
    const resources = emulator.requests.filter((r) => r.path === "/restapis/abc123defg/resources");
    expect(resources).toHaveLength(2);
    expect(resources.every((r) => r.query.embed === "methods")).toBe(true);
    expect(emulator.requests.every((r) => r.signed)).toBe(true);
  });
});

describe("each failure case, end to end through the SDK", () => {
  const lookup = (apiName = "AlexaSkillLinking", stage = "dev") => findAccessTokenUrl(reader(), { apiName, stage }, REGION);

  test.each<[string, EmulatedApi[], RegExp]>([
    [
      "no such API",
      others(2),
      /accessToken\.apiName "AlexaSkillLinking" matches no REST API in region eu-west-1 \(found 2: "Other0" \(id other00000, created 2023-11-14\), "Other1"/,
    ],
    [
      "several with the name",
      [linking(), linking({ id: "zzz999yyyx" })],
      /matches 2 REST APIs in region eu-west-1: "AlexaSkillLinking" \(id abc123defg, created 2023-11-14\), "AlexaSkillLinking" \(id zzz999yyyx/,
    ],
    ["private API", [linking({ endpointTypes: ["PRIVATE"] })], /is a PRIVATE API \(id abc123defg\)/],
    [
      "no such stage",
      [linking({ stages: ["prod", "test"] })],
      /accessToken\.stage "dev" is not a stage of REST API "AlexaSkillLinking" \(id abc123defg, created 2023-11-14\) \(found 2: "prod", "test"\)/,
    ],
    [
      "no POST method",
      [
        linking({
          resources: [
            { path: "/", methods: [] },
            { path: "/token", methods: ["GET"] },
          ],
        }),
      ],
      /has no resource with a POST method \(id abc123defg; found 2 resources: \/ \[no methods\], \/token \[GET\]\)/,
    ],
    [
      "several POST methods",
      [
        linking({
          resources: [
            { path: "/a", methods: ["POST"] },
            { path: "/b", methods: ["POST"] },
          ],
        }),
      ],
      /has 2 resources with a POST method \(id abc123defg\): \/a, \/b/,
    ],
  ])("%s", async (_case, apis, message) => {
    emulator = await startApiGatewayEmulator({ apis });
    await expect(lookup()).rejects.toThrow(message);
  });

  test("stops at the first failure: no stage means no resources read", async () => {
    emulator = await startApiGatewayEmulator({ apis: [linking({ stages: [] })] });
    await expect(lookup()).rejects.toThrow(/found 0: none/);
    expect(emulator.requests.map((r) => r.path)).toEqual(["/restapis", "/restapis/abc123defg/stages"]);
  });

  test("another API name and stage", async () => {
    emulator = await startApiGatewayEmulator({ apis: [linking(), linking({ id: "mine000001", name: "MyLinking", stages: ["prod"] })] });
    await expect(lookup("MyLinking", "prod")).resolves.toMatchObject({
      url: "https://mine000001.execute-api.eu-west-1.amazonaws.com/prod/token",
    });
  });

  test("an SDK error is named, with the operation, the endpoint and the fix", async () => {
    emulator = await startApiGatewayEmulator({ apis: [linking()] });
    const broken = sdkApiGatewayReader({
      region: REGION,
      endpoint: `${emulator.url}/nowhere`,
      clientConfig: { credentials, maxAttempts: 1 },
    });
    await expect(findAccessTokenUrl(broken, { apiName: "AlexaSkillLinking", stage: "dev" }, REGION)).rejects.toThrow(
      /API Gateway GetRestApis in region eu-west-1 at http:\/\/127\.0\.0\.1:\d+\/nowhere failed: NotFoundException \(HTTP 404\): No route for GET \/nowhere\/restapis\. Fix: .* or set accessToken\.url/,
    );
  });

  test("missing credentials say how to give them, and never print a key", async () => {
    emulator = await startApiGatewayEmulator({ apis: [linking()] });
    const noCredentials = sdkApiGatewayReader({
      region: REGION,
      endpoint: emulator.url,
      clientConfig: {
        credentials: async () => {
          const err = new Error("Could not load credentials from any providers");
          err.name = "CredentialsProviderError";
          throw err;
        },
      },
    });
    await expect(noCredentials.restApis()).rejects.toThrow(
      /CredentialsProviderError: Could not load credentials.*Fix: give the program AWS credentials/,
    );
    expect(emulator.requests).toHaveLength(0);
  });

  test("throttling (429) is retried by the SDK", async () => {
    emulator = await startApiGatewayEmulator({ apis: [linking()], throttleNext: 1 });
    const found = await findAccessTokenUrl(reader({ maxAttempts: 3 }), { apiName: "AlexaSkillLinking", stage: "dev" }, REGION);
    expect(found.path).toBe("/token");
    expect(emulator.requests.filter((r) => r.path === "/restapis")).toHaveLength(2);
  });

  test("a reader builds no client until used", async () => {
    emulator = await startApiGatewayEmulator({ apis: [linking()] });
    reader();
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("the emulator's invoke path (for doctor)", () => {
  const post = (url: string, body: unknown) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));

  test("a dummy code gets 400 invalid_grant; a missing field 400 invalid_request", async () => {
    emulator = await startApiGatewayEmulator({ apis: [linking()] });
    const url = emulator.invokeUrl("abc123defg", "dev", "/token");
    await expect(post(url, { code: "dummy", redirect_uri: "https://b.s3.eu-west-1.amazonaws.com/" })).resolves.toEqual({
      status: 400,
      body: expect.objectContaining({ error: "invalid_grant" }),
    });
    await expect(post(url, { code: "dummy" })).resolves.toEqual({
      status: 400,
      body: expect.objectContaining({ error: "invalid_request" }),
    });
  });

  test("paths, stages and methods that are not deployed answer 403 Missing Authentication Token", async () => {
    emulator = await startApiGatewayEmulator({
      apis: [
        linking({
          resources: [
            { path: "/token", methods: ["POST"] },
            { path: "/info", methods: ["GET"] },
          ],
        }),
      ],
    });
    for (const url of [
      emulator.invokeUrl("abc123defg", "prod", "/token"),
      emulator.invokeUrl("abc123defg", "dev", "/other"),
      emulator.invokeUrl("abc123defg", "dev", "/info"),
      emulator.invokeUrl("zzzzzzzzzz", "dev", "/token"),
    ]) {
      await expect(post(url, {})).resolves.toEqual({ status: 403, body: { message: "Missing Authentication Token" } });
    }
  });

  test("the answer is configurable and the request is recorded", async () => {
    emulator = await startApiGatewayEmulator({ apis: [linking()] });
    emulator.setInvoke((req) => ({
      status: 200,
      body: { access_token: "a", refresh_token: "r", expires_in: 3600, token_type: "bearer", seen: JSON.parse(req.body) },
    }));
    const answer = await post(emulator.invokeUrl("abc123defg", "dev", "/token"), { code: "c", redirect_uri: "u" });
    expect(answer).toEqual({
      status: 200,
      body: { access_token: "a", refresh_token: "r", expires_in: 3600, token_type: "bearer", seen: { code: "c", redirect_uri: "u" } },
    });
    expect(emulator.requests).toEqual([
      expect.objectContaining({ method: "POST", path: "/restapis/abc123defg/dev/_user_request_/token", signed: false }),
    ]);
  });
});

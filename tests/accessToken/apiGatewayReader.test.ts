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
      apis: [...others(7), linking({ resources: [{ path: "/", methods: [] }, { path: "/a", methods: ["GET"] }, { path: "/b", methods: [] }, { path: "/alexa/token", methods: ["POST"] }] })],
      maxPageSize: 3,
    });
    const found = await findAccessTokenUrl(reader(), { apiName: "AlexaSkillLinking", stage: "dev" }, REGION);
    expect(found).toEqual({ url: "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/alexa/token", apiId: "abc123defg", stage: "dev", path: "/alexa/token" });
    const lists = emulator.requests.filter((r) => r.path === "/restapis");
    expect(lists).toHaveLength(3);
    expect(lists.map((r) => r.query.position === undefined)).toEqual([true, false, false]);
    const resources = emulator.requests.filter((r) => r.path === "/restapis/abc123defg/resources");
    expect(resources).toHaveLength(2);
    expect(resources.every((r) => r.query.embed === "methods")).toBe(true);
    expect(emulator.requests.every((r) => r.signed)).toBe(true);
  });
});

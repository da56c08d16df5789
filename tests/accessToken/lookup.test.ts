import * as pulumi from "@pulumi/pulumi";
import { ApiResourceSummary, RestApiSummary } from "../../packages/alexa-linking-component/src/accessToken/rules";
import { ApiGatewayReader } from "../../packages/alexa-linking-component/src/accessToken/apiGatewayReader";
import { lookupAccessTokenUrl } from "../../packages/alexa-linking-component/src/accessToken/lookup";
import { ApiGatewayEmulator, startApiGatewayEmulator } from "../emulators/apiGateway";
import { Mocks, installMocks, settledOutput as settle } from "../support/pulumiMocks";

/**
 * Resolves or rejects with the output's value (promiseOf only ever resolves). `recover` marks the
 * failure handled, as the engine's own reporting would.
 */

/** An in-memory reader that counts its calls. */
function fakeReader(apis: RestApiSummary[], stages: Record<string, string[]>, resources: Record<string, ApiResourceSummary[]>) {
  const calls: string[] = [];
  const regions: string[] = [];
  const endpoints: (string | undefined)[] = [];
  const reader: ApiGatewayReader = {
    restApis: async () => (calls.push("restApis"), apis),
    stages: async (id) => (calls.push(`stages ${id}`), stages[id] ?? []),
    resources: async (id) => (calls.push(`resources ${id}`), resources[id] ?? []),
  };
  return {
    calls,
    regions,
    endpoints,
    make: (region: string, endpoint: string | undefined) => (regions.push(region), endpoints.push(endpoint), reader),
  };
}

const LINKING: RestApiSummary = { id: "abc123defg", name: "AlexaSkillLinking" };
const good = () => fakeReader([LINKING], { abc123defg: ["dev"] }, { abc123defg: [{ id: "r1", path: "/token", methods: ["POST"] }] });

let mocks: Mocks;
beforeEach(() => {
  mocks = installMocks({ region: "ap-south-1" });
});

describe("lookupAccessTokenUrl under Pulumi mocks", () => {
  test("accessToken.url is used verbatim: no invoke, no API Gateway call", async () => {
    const fake = good();
    const url = lookupAccessTokenUrl({ accessToken: { url: "https://api.example.com/alexa/token" } }, { reader: fake.make });
    await expect(settle(url)).resolves.toBe("https://api.example.com/alexa/token");
    expect(fake.calls).toEqual([]);
    expect(mocks.invokes).toEqual([]);
  });

  test("the defaults, in the region the getRegion invoke answers", async () => {
    const fake = good();
    await expect(settle(lookupAccessTokenUrl({}, { reader: fake.make }))).resolves.toBe(
      "https://abc123defg.execute-api.ap-south-1.amazonaws.com/dev/token",
    );
    expect(mocks.invokes.map((i) => i.token)).toEqual(["aws:index/getRegion:getRegion"]);
    expect(fake.regions).toEqual(["ap-south-1"]);
    expect(fake.calls).toEqual(["restApis", "stages abc123defg", "resources abc123defg"]);
  });

  test.each<[string, string | undefined, string | undefined]>([
    ["unset", undefined, undefined],
    ["empty: the default, as for the other endpoints", "", undefined],
    ["set", "http://127.0.0.1:4566", "http://127.0.0.1:4566"],
  ])("endpoints.apiGateway %s", async (_case, endpoint, reaches) => {
    const fake = good();
    await settle(lookupAccessTokenUrl({ endpoint }, { reader: fake.make, region: "eu-west-1" }));
    expect(fake.endpoints).toEqual([reaches]);
  });

  test("inputs that are Outputs and an explicit region", async () => {
    const fake = fakeReader(
      [{ id: "mine000001", name: "Mine" }],
      { mine000001: ["prod"] },
      { mine000001: [{ id: "r", path: "/", methods: ["POST"] }] },
    );
    const url = lookupAccessTokenUrl(
      { accessToken: pulumi.output({ apiName: pulumi.output("Mine"), stage: "prod" }) },
      { reader: fake.make, region: pulumi.output("cn-north-1") },
    );
    await expect(settle(url)).resolves.toBe("https://mine000001.execute-api.cn-north-1.amazonaws.com.cn/prod/");
    expect(mocks.invokes).toEqual([]);
  });

  test.each<[string, () => ReturnType<typeof fakeReader>, RegExp]>([
    ["no API", () => fakeReader([], {}, {}), /matches no REST API in region ap-south-1 \(found 0: none\)/],
    ["several APIs", () => fakeReader([LINKING, { ...LINKING, id: "zzzzzzzzzz" }], {}, {}), /matches 2 REST APIs/],
    [
      "no stage",
      () => fakeReader([LINKING], { abc123defg: ["prod"] }, {}),
      /accessToken\.stage "dev" is not a stage .* \(found 1: "prod"\)/,
    ],
    [
      "no POST",
      () => fakeReader([LINKING], { abc123defg: ["dev"] }, { abc123defg: [{ id: "r", path: "/token", methods: ["GET"] }] }),
      /no resource with a POST method/,
    ],
    [
      "several POSTs",
      () =>
        fakeReader(
          [LINKING],
          { abc123defg: ["dev"] },
          {
            abc123defg: [
              { id: "a", path: "/a", methods: ["POST"] },
              { id: "b", path: "/b", methods: ["POST"] },
            ],
          },
        ),
      /2 resources with a POST method/,
    ],
  ])("%s: the output fails with what was found", async (_case, make, message) => {
    await expect(settle(lookupAccessTokenUrl({}, { reader: make().make }))).rejects.toThrow(message);
  });

  test("a bad accessToken.url fails before any lookup", async () => {
    const fake = good();
    await expect(settle(lookupAccessTokenUrl({ accessToken: { url: "http://api.example.com/t" } }, { reader: fake.make }))).rejects.toThrow(
      /accessToken\.url "http:\/\/api\.example\.com\/t" uses http/,
    );
    expect(fake.calls).toEqual([]);
  });
});

describe("lookupAccessTokenUrl with endpoints.apiGateway, against the emulator", () => {
  let emulator: ApiGatewayEmulator;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = "AKIDTEST";
    process.env.AWS_SECRET_ACCESS_KEY = "test-secret";
  });
  afterAll(() => {
    const restore = (key: string, value: string | undefined) =>
      value === undefined ? delete process.env[key] : (process.env[key] = value);
    restore("AWS_ACCESS_KEY_ID", saved.id);
    restore("AWS_SECRET_ACCESS_KEY", saved.secret);
  });
  afterEach(async () => emulator?.close());

  test("the SDK reader is used, with the region from the invoke", async () => {
    emulator = await startApiGatewayEmulator({
      apis: [
        {
          id: "abc123defg",
          name: "AlexaSkillLinking",
          stages: ["dev"],
          resources: [
            { path: "/", methods: [] },
            { path: "/token", methods: ["POST"] },
          ],
        },
      ],
    });
    const url = lookupAccessTokenUrl({ accessToken: {}, endpoint: pulumi.output(emulator.url) });
    await expect(settle(url)).resolves.toBe("https://abc123defg.execute-api.ap-south-1.amazonaws.com/dev/token");
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /restapis",
      "GET /restapis/abc123defg/stages",
      "GET /restapis/abc123defg/resources",
    ]);
  });

  test("a failure through the SDK reader is the same clear error", async () => {
    emulator = await startApiGatewayEmulator({ apis: [{ id: "abc123defg", name: "AlexaSkillLinking", stages: ["prod"], resources: [] }] });
    await expect(settle(lookupAccessTokenUrl({ endpoint: emulator.url }))).rejects.toThrow(
      /accessToken\.stage "dev" is not a stage of REST API "AlexaSkillLinking" \(id abc123defg, created 2023-11-14\) \(found 1: "prod"\)/,
    );
  });
});

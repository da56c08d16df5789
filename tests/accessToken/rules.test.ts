import {
  ApiResourceSummary,
  RestApiSummary,
  accessTokenSettings,
  assertStage,
  chooseApi,
  choosePostResource,
  emulatorInvokeUrl,
  invokeUrl,
  parseInvokeUrl,
  listFound,
  validateAccessTokenUrl,
} from "../../packages/alexa-linking-component/src/accessToken/rules";

const api = (id: string, name = "AlexaSkillLinking", extra: Partial<RestApiSummary> = {}): RestApiSummary => ({ id, name, ...extra });
const res = (path: string, ...methods: string[]): ApiResourceSummary => ({ id: path, path, methods });
const LINKING = api("abc123defg");

describe("invokeUrl", () => {
  test.each([
    ["abc123defg", "eu-west-1", "dev", "/token", "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token"],
    ["abc123defg", "us-east-1", "dev", "/", "https://abc123defg.execute-api.us-east-1.amazonaws.com/dev/"],
    [
      "0a1b2c3d4e",
      "ap-southeast-2",
      "prod_v2",
      "/alexa/token",
      "https://0a1b2c3d4e.execute-api.ap-southeast-2.amazonaws.com/prod_v2/alexa/token",
    ],
    ["abc123defg", "us-gov-west-1", "dev", "/token", "https://abc123defg.execute-api.us-gov-west-1.amazonaws.com/dev/token"],
    ["abc123defg", "cn-north-1", "dev", "/token", "https://abc123defg.execute-api.cn-north-1.amazonaws.com.cn/dev/token"],
    ["abc123defg", "eusc-de-east-1", "dev", "/token", "https://abc123defg.execute-api.eusc-de-east-1.amazonaws.eu/dev/token"],
    [
      "abc123defg",
      "eu-west-1",
      "Dev-1",
      "/a.b/c_d/e-f:g~h",
      "https://abc123defg.execute-api.eu-west-1.amazonaws.com/Dev-1/a.b/c_d/e-f:g~h",
    ],
  ])("%s %s %s %s -> %s", (id, region, stage, path, expected) => {
    expect(invokeUrl(id, region, stage, path)).toBe(expected);
    expect(new URL(expected).href).toBe(expected);
  });

  test.each([
    ["ABC123DEFG", "eu-west-1", "dev", "/token", /API id "ABC123DEFG"/],
    ["abc", "eu-west-1", "dev", "/token", /API id "abc"/],
    ["abc123defg", "Europe", "dev", "/token", /region "Europe"/],
    ["abc123defg", "eu-west-1", "", "/token", /stage ""/],
    ["abc123defg", "eu-west-1", "d/ev", "/token", /stage "d\/ev"/],
    ["abc123defg", "eu-west-1", "dev", "token", /path "token"/],
    ["abc123defg", "eu-west-1", "dev", "/token/", /path "\/token\/"/],
    ["abc123defg", "eu-west-1", "dev", "//token", /path "\/\/token"/],
    ["abc123defg", "eu-west-1", "dev", "/{proxy+}", /path "\/\{proxy\+\}"/],
  ])("rejects %s %s %s %s", (id, region, stage, path, message) => {
    expect(() => invokeUrl(id, region, stage, path)).toThrow(message);
  });
});

describe("chooseApi", () => {
  test("the one API with the exact name", () => {
    expect(
      chooseApi([api("aaaaaaaaaa", "Other"), LINKING, api("bbbbbbbbbb", "AlexaSkillLinking2")], "AlexaSkillLinking", "eu-west-1"),
    ).toBe(LINKING);
  });

  test.each<[string, RestApiSummary[], string, RegExp[]]>([
    [
      "no API at all",
      [],
      "AlexaSkillLinking",
      [/accessToken\.apiName "AlexaSkillLinking" matches no REST API in region eu-west-1 \(found 0: none\)/, /Fix: .*accessToken\.url/],
    ],
    [
      "others only",
      [api("aaaaaaaaaa", "Other"), api("bbbbbbbbbb", "Shop")],
      "AlexaSkillLinking",
      [/found 2: "Other" \(id aaaaaaaaaa\), "Shop" \(id bbbbbbbbbb\)/],
    ],
    [
      "differs in case",
      [api("aaaaaaaaaa", "alexaskilllinking")],
      "AlexaSkillLinking",
      [
        /\(found 1: "alexaskilllinking" \(id aaaaaaaaaa\)\); names are case-sensitive and "alexaskilllinking" \(id aaaaaaaaaa\) differs only in case\. Fix/,
      ],
    ],
    [
      "several",
      [
        api("aaaaaaaaaa", "AlexaSkillLinking", { createdDate: Date.UTC(2023, 0, 2) }),
        api("bbbbbbbbbb", "AlexaSkillLinking", { createdDate: Date.UTC(2024, 5, 6) }),
      ],
      "AlexaSkillLinking",
      [
        /matches 2 REST APIs in region eu-west-1: "AlexaSkillLinking" \(id aaaaaaaaaa, created 2023-01-02\), "AlexaSkillLinking" \(id bbbbbbbbbb, created 2024-06-06\)/,
        /Fix: rename or delete/,
      ],
    ],
    [
      "private",
      [api("aaaaaaaaaa", "AlexaSkillLinking", { endpointTypes: ["PRIVATE"] })],
      "AlexaSkillLinking",
      [/is a PRIVATE API \(id aaaaaaaaaa\)/],
    ],
    [
      "execute-api disabled",
      [api("aaaaaaaaaa", "AlexaSkillLinking", { disableExecuteApiEndpoint: true })],
      "AlexaSkillLinking",
      [/default execute-api endpoint disabled/, /custom domain/],
    ],
  ])("%s", (_case, items, name, messages) => {
    let message = "";
    try {
      chooseApi(items, name, "eu-west-1");
    } catch (err) {
      message = (err as Error).message;
    }
    for (const m of messages) expect(message).toMatch(m);
  });

  test("long lists are cut short", () => {
    const many = Array.from({ length: 14 }, (_, i) => api(`a${String(i).padStart(9, "0")}`, `Api${i}`));
    expect(() => chooseApi(many, "AlexaSkillLinking", "eu-west-1")).toThrow(/found 14: .*"Api9" \(id a000000009\) and 4 more\)/);
  });

  test.each([
    [[], "none"],
    [["a"], "a"],
    [["a", "b"], "a, b"],
    [Array.from({ length: 12 }, (_, i) => `x${i}`), "x0, x1, x2, x3, x4, x5, x6, x7, x8, x9 and 2 more"],
  ])("listFound(%j) = %s", (items, text) => expect(listFound(items as string[])).toBe(text));
});

describe("assertStage", () => {
  test("present", () => expect(assertStage(["prod", "dev"], "dev", LINKING)).toBe("dev"));
  test.each<[string[], string, RegExp]>([
    [[], "dev", /accessToken\.stage "dev" is not a stage of REST API "AlexaSkillLinking" \(id abc123defg\) \(found 0: none\)/],
    [["prod", "Dev"], "dev", /found 2: "prod", "Dev"\)/],
  ])("missing from %j", (stages, stage, message) => {
    expect(() => assertStage(stages, stage, LINKING)).toThrow(message);
  });
});

describe("choosePostResource", () => {
  test.each<[ApiResourceSummary[], string]>([
    [[res("/"), res("/token", "POST", "OPTIONS")], "/token"],
    [[res("/", "GET"), res("/a", "GET"), res("/a/b", "PUT", "POST")], "/a/b"],
    [[res("/", "POST")], "/"],
  ])("%j -> %s", (resources, path) => {
    expect(choosePostResource(resources, LINKING).path).toBe(path);
  });

  test.each<[string, ApiResourceSummary[], RegExp]>([
    ["none at all", [], /has no resource with a POST method \(id abc123defg; found 0 resources: none\)/],
    ["no POST", [res("/"), res("/token", "GET", "ANY")], /found 2 resources: \/ \[no methods\], \/token \[ANY GET\]\)/],
    ["two POSTs", [res("/a", "POST"), res("/b", "POST")], /has 2 resources with a POST method \(id abc123defg\): \/a, \/b/],
    ["path parameter", [res("/{proxy+}", "POST")], /path parameter, \/\{proxy\+\}/],
  ])("%s", (_case, resources, message) => {
    expect(() => choosePostResource(resources, LINKING)).toThrow(message);
  });
});

describe("validateAccessTokenUrl", () => {
  test.each([
    "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token",
    "https://api.example.com/alexa/token",
    "https://api.example.com:8443/token?x=1",
  ])("accepts %s verbatim", (url) => expect(validateAccessTokenUrl(url)).toBe(url));

  test.each([
    ["", /is empty/],
    [" https://a.example/t", /whitespace/],
    ["abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token", /not an absolute URL/],
    ["http://api.example.com/token", /uses http; the apps require https/],
    ["https://user:pw@api.example.com/token", /holds a user name or password/],
    ["https://api.example.com/token#x", /fragment/],
  ])("rejects %j", (url, message) => {
    expect(() => validateAccessTokenUrl(url)).toThrow(message);
    expect(() => validateAccessTokenUrl(url)).toThrow(/accessToken\.url/);
  });

  test("the error names the argument and shows the value", () => {
    expect(() => validateAccessTokenUrl("ftp://x")).toThrow(/^AlexaAppLinking: accessToken\.url "ftp:\/\/x" uses ftp/);
  });

  test("but not the credentials it rejects", () => {
    let message = "";
    try {
      validateAccessTokenUrl("https://alexa:s3cr3t@api.example.com/token");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/"https:\/\/\*\*\*@api\.example\.com\/token" holds a user name or password/);
    expect(message).not.toMatch(/s3cr3t|alexa:/);
  });
});

describe("accessTokenSettings", () => {
  test.each([
    [undefined, { apiName: "AlexaSkillLinking", stage: "dev" }],
    [{}, { apiName: "AlexaSkillLinking", stage: "dev" }],
    [
      { apiName: "Mine", stage: "prod" },
      { apiName: "Mine", stage: "prod" },
    ],
    [{ url: "https://api.example.com/t" }, { apiName: "AlexaSkillLinking", stage: "dev", url: "https://api.example.com/t" }],
  ])("%j -> %j", (args, settings) => expect(accessTokenSettings(args)).toEqual(settings));

  test.each([
    [{ apiName: "" }, /accessToken\.apiName "" is empty/],
    [{ apiName: "  " }, /accessToken\.apiName " {2}" is empty/],
    [{ stage: "de v" }, /accessToken\.stage "de v" is not/],
    [{ url: "http://x" }, /accessToken\.url "http:\/\/x"/],
  ])("rejects %j", (args, message) => expect(() => accessTokenSettings(args)).toThrow(message));
});

describe("parseInvokeUrl: the inverse of invokeUrl", () => {
  test.each([
    ["abc123defg", "eu-west-1", "dev", "/token"],
    ["abc123defg", "us-east-1", "dev", "/"],
    ["0a1b2c3d4e", "ap-southeast-2", "prod_v2", "/alexa/token"],
    ["abc123defg", "cn-north-1", "dev", "/token"],
    ["abc123defg", "eusc-de-east-1", "dev", "/token"],
    ["abc123defg", "eu-west-1", "Dev-1", "/a.b/c_d/e-f:g~h"],
  ])("%s %s %s %s round-trips", (apiId, region, stage, path) => {
    expect(parseInvokeUrl(invokeUrl(apiId, region, stage, path))).toEqual({ apiId, region, stage, path });
  });

  test("a stage without a path is the stage's root", () => {
    expect(parseInvokeUrl("https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev")).toEqual({
      apiId: "abc123defg",
      region: "eu-west-1",
      stage: "dev",
      path: "/",
    });
  });

  test.each([
    ["a custom domain", "https://auth.example.com/dev/token"],
    ["plain http", "http://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token"],
    ["an id that is not 10 characters", "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/token"],
    ["a region's wrong domain", "https://abc123defg.execute-api.cn-north-1.amazonaws.com/dev/token"],
    ["not a region", "https://abc123defg.execute-api.europe.amazonaws.com/dev/token"],
    ["no stage", "https://abc123defg.execute-api.eu-west-1.amazonaws.com/"],
    ["a query", "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token?x=1"],
    ["a port", "https://abc123defg.execute-api.eu-west-1.amazonaws.com:8443/dev/token"],
    ["credentials", "https://u:p@abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token"],
    ["an empty segment", "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev//token"],
    ["not a URL", "abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token"],
  ])("%s is not an invoke URL", (_name, url) => {
    expect(parseInvokeUrl(url)).toBeUndefined();
  });
});

describe("emulatorInvokeUrl", () => {
  test.each([
    [
      "http://127.0.0.1:4566",
      "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token",
      "http://127.0.0.1:4566/restapis/abc123defg/dev/_user_request_/token",
    ],
    [
      "http://127.0.0.1:4566/",
      "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/alexa/token",
      "http://127.0.0.1:4566/restapis/abc123defg/dev/_user_request_/alexa/token",
    ],
    [
      "http://localhost:9/",
      "https://abc123defg.execute-api.us-east-1.amazonaws.com/dev/",
      "http://localhost:9/restapis/abc123defg/dev/_user_request_/",
    ],
  ])("%s + %s -> %s", (endpoint, url, expected) => {
    expect(emulatorInvokeUrl(endpoint, url)).toBe(expected);
  });

  test("a URL on a custom domain has no emulator address", () => {
    expect(emulatorInvokeUrl("http://127.0.0.1:4566", "https://auth.example.com/dev/token")).toBeUndefined();
  });
});

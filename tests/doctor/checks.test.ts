import {
  cognitoRegion,
  describeCognitoError,
  judgeCallbackUrls,
  regionOfUserPool,
} from "../../packages/alexa-linking-component/src/doctor/cognito";
import { awsCredentialsFrom, lwaCredentialsFrom } from "../../packages/alexa-linking-component/src/doctor/credentials";
import { filePlan } from "../../packages/alexa-linking-component/src/doctor/run";
import { judgeSkillLinking } from "../../packages/alexa-linking-component/src/doctor/skills";
import { bodyReason, judgeTokenAnswer, judgeTokenFailure } from "../../packages/alexa-linking-component/src/doctor/tokenUrl";
import { fullLinking } from "../alexa/fixtures";

const REDIRECT = "https://links.s3.eu-west-1.amazonaws.com/";
const IDS = { userPoolId: "eu-west-1_AbC123", clientId: "5v2ixs1b8ikvmkmhtfgp8lnd9q" };

describe("Cognito region", () => {
  test.each<[string, string | undefined]>([
    ["eu-west-1_AbC123", "eu-west-1"],
    ["us-gov-west-1_AbC123", "us-gov-west-1"],
    ["ap-southeast-2_x", "ap-southeast-2"],
    ["eusc-de-east-1_AbC123", "eusc-de-east-1"],
    ["Eu-west-1_AbC123", undefined],
    ["eu-west-1_AbC_123", undefined],
    ["local_abc", undefined],
    ["eu-west-1", undefined],
    ["", undefined],
  ])("%j -> %s", (id, region) => expect(regionOfUserPool(id)).toBe(region));

  test.each<[string, string | undefined, string | undefined, string]>([
    ["eu-west-1_AbC123", undefined, undefined, "eu-west-1"],
    ["eu-west-1_AbC123", "us-east-2", undefined, "us-east-2"],
    ["local_abc", undefined, "http://127.0.0.1:9229", "us-east-1"],
  ])("%s, --region %s, endpoint %s -> %s", (id, region, endpoint, expected) => expect(cognitoRegion(id, region, endpoint)).toBe(expected));

  test("no region anywhere: say to pass --region", () => {
    expect(cognitoRegion("local_abc", undefined, undefined)).toEqual({ problem: expect.stringMatching(/"local_abc".*--region/) });
  });
});

describe("judgeCallbackUrls", () => {
  test.each<[string, string[] | undefined, boolean, RegExp]>([
    ["present", ["https://pitangui.amazon.com/x", REDIRECT], true, /include https:\/\/links/],
    ["absent", ["https://pitangui.amazon.com/x"], false, /lack https:\/\/links.*\(1 URL there\).*reset the client.*pnpm stack-up dev/],
    ["none at all", undefined, false, /\(0 URLs there\)/],
    ["without the trailing slash", [REDIRECT.slice(0, -1)], false, /differs only in case or a trailing slash/],
    ["in another case", [REDIRECT.toUpperCase()], false, /differs only in case/],
  ])("%s", (_name, urls, ok, detail) => {
    const result = judgeCallbackUrls(urls, REDIRECT, IDS, "dev");
    expect(result.ok).toBe(ok);
    expect(result.name).toBe("cognito");
    expect(result.detail).toMatch(detail);
  });

  test("without a stack name the fix says <stack>", () => {
    expect(judgeCallbackUrls([], REDIRECT, IDS, undefined).detail).toContain("pnpm stack-up <stack>");
  });
});

describe("describeCognitoError", () => {
  const error = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, ...extra });
  test.each<[string, unknown, RegExp]>([
    [
      "client gone",
      error("ResourceNotFoundException", "User pool client x does not exist."),
      /found no app client .*replaced the client.*stack-up/,
    ],
    [
      "no credentials",
      error("CredentialsProviderError", "Could not load credentials from any providers"),
      /no AWS credentials.*AWS_PROFILE/,
    ],
    [
      "not allowed",
      error("AccessDeniedException", "User is not authorized to perform: cognito-idp:DescribeUserPoolClient"),
      /may not read.*cognito-idp:DescribeUserPoolClient/,
    ],
    ["bad keys", error("UnrecognizedClientException", "The security token included in the request is invalid."), /may not read/],
    [
      "unreachable",
      error("Error", "getaddrinfo ENOTFOUND cognito-idp.xx-1.amazonaws.com", { code: "ENOTFOUND" }),
      /unreachable.*--region and --cognito-endpoint/,
    ],
    [
      "anything else",
      error("InternalErrorException", "boom"),
      /DescribeUserPoolClient of app client .* failed: InternalErrorException: boom/,
    ],
  ])("%s", (_name, err, message) => expect(describeCognitoError(err, IDS, "eu-west-1", "dev")).toMatch(message));
});

describe("judgeSkillLinking", () => {
  const skill = { skillId: "amzn1.ask.skill.11111111-2222-3333-4444-555555555555", stage: "development" };
  const clientId = fullLinking().clientId as string;
  test.each<[string, ReturnType<typeof fullLinking> | undefined, boolean, RegExp]>([
    [
      "URL present",
      fullLinking({ redirectUrls: ["https://a.example.com/", REDIRECT] }),
      true,
      /\(development\): redirect URLs include https:\/\/links/,
    ],
    [
      "URL missing",
      fullLinking({ redirectUrls: ["https://a.example.com/"] }),
      false,
      /lack https:\/\/links.*has https:\/\/a\.example\.com\/.*stack-up dev/,
    ],
    ["no redirect URLs: app linking off", fullLinking({ redirectUrls: undefined }), false, /none set, so linking from the app is off/],
    ["another client id", fullLinking({ clientId: "other", redirectUrls: [REDIRECT] }), false, /uses client id "other"/],
    ["implicit grant", fullLinking({ type: "IMPLICIT", redirectUrls: [REDIRECT] }), false, /AUTH_CODE/],
    ["no account linking", undefined, false, /no account linking configured/],
  ])("%s", (_name, linking, ok, detail) => {
    const result = judgeSkillLinking(linking, skill, REDIRECT, clientId, "dev");
    expect([result.name, result.ok]).toEqual(["skill", ok]);
    expect(result.detail).toMatch(detail);
    expect(result.detail.startsWith(`${skill.skillId} (development)`)).toBe(true);
  });
});

describe("token URL verdicts", () => {
  const URL_ = "https://abcdefghij.execute-api.eu-west-1.amazonaws.com/dev/alexa/token";
  test.each<[number, string, boolean, RegExp]>([
    [400, '{"error":"invalid_grant","error_description":"bad"}', true, /answers HTTP 400 \(invalid_grant: bad\) to a dummy code/],
    [401, '{"message":"Unauthorized"}', true, /answers HTTP 401 \(Unauthorized\)/],
    [403, '{"message":"Forbidden"}', true, /answers HTTP 403/],
    [404, "", true, /answers HTTP 404 to a dummy code/],
    [403, '{"message":"Missing Authentication Token"}', false, /does not exist.*accessToken\.apiName/],
    [405, "", false, /does not take POST/],
    [429, '{"message":"Too Many Requests"}', false, /throttled.*again/],
    [500, '{"message":"Internal server error"}', false, /HTTP 500 \(Internal server error\).*broken.*CloudWatch/],
    [502, '{"message":"Internal server error"}', false, /Lambda behind it failed/],
    [504, '{"message":"Endpoint request timed out"}', false, /integration behind it timed out/],
    [301, "", false, /a redirect to https:\/\/elsewhere.*verbatim/],
    [200, '{"access_token":"x"}', false, /code nobody issued/],
  ])("%s %s", (status, body, ok, detail) => {
    const result = judgeTokenAnswer(URL_, status, body, status === 301 ? "https://elsewhere/" : undefined, "android");
    expect([result.name, result.ok]).toEqual(["token URL (Android)", ok]);
    expect(result.detail).toMatch(detail);
  });

  test.each<[string, Parameters<typeof judgeTokenFailure>[1], RegExp]>([
    ["DNS", { code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND x", timedOut: false }, /does not resolve \(ENOTFOUND\).*API id or region/],
    ["DNS, temporary", { code: "EAI_AGAIN", message: "getaddrinfo EAI_AGAIN x", timedOut: false }, /does not resolve \(EAI_AGAIN\)/],
    [
      "refused",
      { code: "ECONNREFUSED", message: "connect ECONNREFUSED", timedOut: false },
      /connection refused.*nothing listens at abcdefghij/,
    ],
    ["timeout", { message: "timeout", timedOut: true, timeoutMs: 2000 }, /did not answer within 2000 ms/],
    ["TLS", { code: "CERT_HAS_EXPIRED", message: "certificate has expired", timedOut: false }, /TLS handshake failed \(CERT_HAS_EXPIRED\)/],
    ["other", { code: "ECONNRESET", message: "socket hang up", timedOut: false }, /request failed: socket hang up \(ECONNRESET\)/],
  ])("%s", (_name, failure, detail) => {
    const result = judgeTokenFailure(URL_, failure, "ios");
    expect([result.name, result.ok]).toEqual(["token URL (iOS)", false]);
    expect(result.detail).toMatch(detail);
  });

  test.each([
    ['{"error":"invalid_grant"}', "invalid_grant"],
    ['{"error":"invalid_grant","error_description":"expired"}', "invalid_grant: expired"],
    ['{"error":"a","message":"b"}', "a: b"],
    ['{"Message":"User: anonymous is not authorized"}', "User: anonymous is not authorized"],
    ["<html>", undefined],
    ["[]", undefined],
  ])("bodyReason(%j)", (body, reason) => expect(bodyReason(body)).toBe(reason));
});

describe("credentials", () => {
  const env = { ASK_LWA_CLIENT_ID: "id", ASK_LWA_CLIENT_CONFIRMATION: "secret", ASK_REFRESH_TOKEN: "token" };
  test.each<[string, Record<string, string>, Record<string, string | undefined>, unknown]>([
    ["all from the environment", {}, env, { credentials: { clientId: "id", clientSecret: "secret", refreshToken: "token" } }],
    [
      "ASK_LWA_CLIENT_SECRET as the other name",
      {},
      { ...env, ASK_LWA_CLIENT_CONFIRMATION: undefined, ASK_LWA_CLIENT_SECRET: "s2" },
      { credentials: { clientId: "id", clientSecret: "s2", refreshToken: "token" } },
    ],
    ["flags win", { clientId: "flag-id" }, env, { credentials: { clientId: "flag-id", clientSecret: "secret", refreshToken: "token" } }],
    ["an empty variable is missing", {}, { ...env, ASK_REFRESH_TOKEN: "" }, { missing: ["--lwa-refresh-token or ASK_REFRESH_TOKEN"] }],
    [
      "nothing",
      {},
      {},
      {
        missing: [
          "--lwa-client-id or ASK_LWA_CLIENT_ID",
          "--lwa-client-secret or ASK_LWA_CLIENT_CONFIRMATION or ASK_LWA_CLIENT_SECRET",
          "--lwa-refresh-token or ASK_REFRESH_TOKEN",
        ],
      },
    ],
  ])("%s", (_name, flags, e, expected) => expect(lwaCredentialsFrom(flags, e)).toEqual(expected));

  test.each<[Record<string, string>, unknown]>([
    [
      { AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b" },
      { accessKeyId: "a", secretAccessKey: "b" },
    ],
    [
      { AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b", AWS_SESSION_TOKEN: "c" },
      { accessKeyId: "a", secretAccessKey: "b", sessionToken: "c" },
    ],
    [{ AWS_ACCESS_KEY_ID: "a" }, undefined],
    [{ AWS_PROFILE: "rainmaker" }, undefined],
  ])("AWS credentials from %j", (e, expected) => expect(awsCredentialsFrom(e)).toEqual(expected));
});

describe("filePlan", () => {
  const urls = { ios: "https://h/.well-known/apple-app-site-association", android: "https://h/.well-known/assetlinks.json" };
  test("without rendered files: every URL, shape only", () => {
    expect(filePlan(urls, undefined)).toEqual([
      { platform: "ios", url: urls.ios },
      { platform: "android", url: urls.android },
    ]);
  });
  test("with rendered files: each URL with its body", () => {
    expect(filePlan(urls, { ios: "I", android: "A" })).toEqual([
      { platform: "ios", url: urls.ios, body: "I" },
      { platform: "android", url: urls.android, body: "A" },
    ]);
  });
  test("config and outputs disagree on the platforms: a failure for each side", () => {
    const plan = filePlan({ ios: urls.ios }, { android: "A" }, "stacks/Pulumi.dev.yaml");
    expect(plan.map((p) => p.platform)).toEqual(["ios", "android"]);
    expect(plan[0].problem).toMatch(/stacks\/Pulumi\.dev\.yaml renders no ios file/);
    expect(plan[1].problem).toMatch(/renders an android file, but associationFileUrls has no android URL/);
  });
});

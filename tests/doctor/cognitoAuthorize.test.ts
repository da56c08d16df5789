/**
 * Issue 28, item 3: the hosted UI's /oauth2/authorize, opened as the RainMaker apps open it.
 * A redirect to the login page is ok; Cognito's redirect_mismatch (a redirect to
 * /error?error=redirect_mismatch, or a 400 saying so) fails showing both strings.
 */
import {
  AUTHORIZE_CHECK,
  authorizeUrl,
  hostedUiBase,
  hostedUiFromAuthorizationUrl,
  judgeAuthorize,
} from "../../packages/alexa-linking-component/src/doctor/cognitoAuthorize";
import { exitCodeOf, formatResults } from "../../packages/alexa-linking-component/src/doctor/result";
import type { FetchOutcome } from "../../packages/alexa-linking-component/src/verify/fetchFile";

const REDIRECT = "https://links.s3.eu-west-1.amazonaws.com/";
const IDS = { userPoolId: "eu-west-1_AbC123", clientId: "5v2ixs1b8ikvmkmhtfgp8lnd9q" };
const BASE = "https://rainmaker.auth.eu-west-1.amazoncognito.com";
const URL_ = authorizeUrl(BASE, IDS.clientId, REDIRECT);

const redirectTo = (location: string, status = 302): FetchOutcome => ({
  kind: "response",
  response: { status, headers: { location }, body: "", truncated: false },
});
const answer = (status: number, body = ""): FetchOutcome => ({
  kind: "response",
  response: { status, headers: {}, body, truncated: false },
});

test("the request the apps send", () => {
  expect(URL_).toBe(
    `${BASE}/oauth2/authorize?response_type=code&client_id=${IDS.clientId}&redirect_uri=https%3A%2F%2Flinks.s3.eu-west-1.amazonaws.com%2F&scope=aws.cognito.signin.user.admin`,
  );
  expect(new URL(URL_).searchParams.get("redirect_uri")).toBe(REDIRECT);
});

describe("where the hosted UI is", () => {
  test.each<[{ Domain?: string; CustomDomain?: string } | undefined, string | undefined]>([
    [{ Domain: "rainmaker" }, BASE],
    [{ Domain: "rainmaker", CustomDomain: "auth.example.com" }, "https://auth.example.com"],
    [{}, undefined],
    [undefined, undefined],
  ])("DescribeUserPool %j", (pool, base) => expect(hostedUiBase(pool, "eu-west-1")).toBe(base));
  test.each<[string | undefined, string | undefined]>([
    [`${BASE}/oauth2/authorize`, BASE],
    ["https://auth.example.com/oauth2/authorize", "https://auth.example.com"],
    ["https://www.amazon.com/ap/oa", undefined],
    ["http://rainmaker.auth.eu-west-1.amazoncognito.com/oauth2/authorize", undefined],
    [undefined, undefined],
  ])("a skill's authorizationUrl %s", (url, base) => expect(hostedUiFromAuthorizationUrl(url)).toBe(base));
});

describe("judgeAuthorize", () => {
  test.each<[string, FetchOutcome, "ok" | "warn" | "FAIL", RegExp]>([
    [
      "to the login page",
      redirectTo(`${BASE}/login?response_type=code&client_id=${IDS.clientId}`),
      "ok",
      /answers 302 to the login page https:\/\/rainmaker.*\/login/,
    ],
    ["a relative Location to the login page", redirectTo("/login?client_id=x"), "ok", /login page/],
    ["a sign-in page itself", answer(200, "<html>"), "ok", /answers 200/],
    [
      "redirect_mismatch, by redirect",
      redirectTo(`${BASE}/error?error=redirect_mismatch&client_id=${IDS.clientId}`),
      "FAIL",
      /refuses redirect_uri "https:\/\/links\.s3\.eu-west-1\.amazonaws\.com\/" .*redirect_mismatch.*byte for byte.*callback URLs are "https:\/\/links\.s3\.eu-west-1\.amazonaws\.com".*character 41.*stack-up dev/,
    ],
    ["redirect_mismatch, in a 400", answer(400, "error=redirect_mismatch"), "FAIL", /redirect_mismatch/],
    ["another error", redirectTo(`${BASE}/error?error=unauthorized_client`), "FAIL", /error unauthorized_client.*authorization code grant/],
    ["an unknown client", answer(400, "<html>An error was encountered</html>"), "FAIL", /HTTP 400 .*unknown client/],
    ["a redirect elsewhere", redirectTo("https://elsewhere.example.com/x"), "warn", /not the login page/],
    ["a 5xx", answer(503), "warn", /HTTP 503/],
    ["a redirect with a Location that is no URL", redirectTo("http://[bad"), "warn", /HTTP 302: nothing is known/],
    [
      "unreachable",
      { kind: "failure", failure: { code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND", timedOut: false } },
      "warn",
      /ENOTFOUND.*--skip-platform-probes/,
    ],
  ])("%s", (_name, outcome, level, detail) => {
    const result = judgeAuthorize(
      URL_,
      outcome,
      REDIRECT,
      IDS,
      [REDIRECT.slice(0, -1), "https://pitangui.amazon.com/api/skill/link/M2"],
      false,
      "dev",
    );
    expect(result.name).toBe(AUTHORIZE_CHECK);
    expect(formatResults([result])[0].slice(0, 4)).toBe(level.padEnd(4));
    expect(result.detail).toMatch(detail);
    expect(exitCodeOf([result])).toBe(level === "FAIL" ? 1 : 0);
  });
  test("the callback URLs are shown capped, through showUrl, with the closest named", () => {
    const many = [...Array.from({ length: 20 }, (_, i) => `https://other${i}.example.com/${"x".repeat(150)}`), REDIRECT.slice(0, -1)];
    many.push("https://user:hunter2@elsewhere.example.com/");
    const detail = judgeAuthorize(URL_, answer(400, "redirect_mismatch"), REDIRECT, IDS, many, false, "dev").detail;
    expect(detail).toMatch(/and 17 more; the closest, "https:\/\/links\.s3\.eu-west-1\.amazonaws\.com", parts from it at character 41/);
    expect(detail).not.toContain("x".repeat(100));
    expect(detail).not.toContain("hunter2");
  });
  test("the callback URLs unknown: the line says so", () => {
    expect(judgeAuthorize(URL_, answer(400, "redirect_mismatch"), REDIRECT, IDS, undefined, false, "dev").detail).toMatch(
      /could not be read \(see the cognito line\)/,
    );
  });
});

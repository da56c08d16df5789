import {
  androidShape,
  appleShape,
  associationShape,
  detailTakesPath,
  expectedFileUrl,
  fileLocationProblem,
  globMatches,
} from "../../packages/alexa-linking-component/src/doctor/associationShape";
import { renderAssociationFiles } from "../../packages/alexa-linking-component/src/associations";

const REDIRECT = "https://links.s3.eu-west-1.amazonaws.com/";
const FP = Array(32).fill("AB").join(":");
const APP = "ABCDE12345.com.espressif.rainmaker";

describe("file location", () => {
  test.each<[string, "ios" | "android", string, boolean]>([
    ["ios at the root of the redirect host", "ios", `${REDIRECT}.well-known/apple-app-site-association`, true],
    ["android at the root of the redirect host", "android", `${REDIRECT}.well-known/assetlinks.json`, true],
    ["another host", "ios", "https://other.s3.eu-west-1.amazonaws.com/.well-known/apple-app-site-association", false],
    ["the legacy global host", "android", "https://links.s3.amazonaws.com/.well-known/assetlinks.json", false],
    ["an extension on the AASA", "ios", `${REDIRECT}.well-known/apple-app-site-association.json`, false],
    ["the other platform's file", "ios", `${REDIRECT}.well-known/assetlinks.json`, false],
  ])("%s", (_name, platform, url, ok) => {
    const problem = fileLocationProblem(platform, url, REDIRECT);
    expect(problem === undefined).toBe(ok);
    if (!ok) expect(problem).toContain(expectedFileUrl(platform, REDIRECT));
  });

  test("a redirect URL with a path still puts the files at the host root", () => {
    expect(expectedFileUrl("ios", "http://127.0.0.1:9/app/")).toBe("http://127.0.0.1:9/.well-known/apple-app-site-association");
  });
});

describe("globMatches", () => {
  test.each<[string, string, boolean, boolean]>([
    ["*", "/", true, true],
    ["/", "/", true, true],
    ["/*", "/", true, true],
    ["/a*", "/", true, false],
    ["/?", "/a", true, true],
    ["/?", "/", true, false],
    ["/A", "/a", true, false],
    ["/A", "/a", false, true],
    ["/a.b", "/axb", true, false],
    ["/(x)", "/(x)", true, true],
  ])("%j against %j (case-sensitive %s): %s", (pattern, text, cs, matches) => expect(globMatches(pattern, text, cs)).toBe(matches));
});

describe("detailTakesPath", () => {
  test.each<[string, Record<string, unknown>, boolean]>([
    ["default component", { components: [{ "/": "*" }] }, true],
    ["component without a path key matches every path", { components: [{ "?": { code: "*" } }] }, true],
    ["first match excludes", { components: [{ "/": "/", exclude: true }, { "/": "*" }] }, false],
    ["exclusion of another path first", { components: [{ "/": "/admin/*", exclude: true }, { "/": "*" }] }, true],
    ["only other paths", { components: [{ "/": "/devices/*" }] }, false],
    ["no components", { components: [] }, false],
    ["legacy paths", { paths: ["*"] }, true],
    ["legacy NOT first", { paths: ["NOT /", "*"] }, false],
    ["neither", {}, false],
  ])("%s", (_name, detail, takes) => expect(detailTakesPath(detail, "/")).toBe(takes));
});

describe("appleShape", () => {
  test("the component's own rendering passes and names its app IDs", () => {
    const [file] = renderAssociationFiles({ appIds: [APP] }, undefined);
    expect(associationShape("ios", file.body, REDIRECT)).toEqual({ problems: [], summary: `app IDs ${APP}` });
  });

  test.each<[string, unknown, RegExp]>([
    ["not an object", [], /no "applinks"/],
    ["no details", { applinks: { details: [] } }, /no "applinks"/],
    ["webcredentials only", { webcredentials: { apps: [APP] } }, /no "applinks"/],
    ["a detail without app IDs", { applinks: { details: [{ components: [{ "/": "*" }] }] } }, /details\[0\] has no appIDs/],
    [
      "a malformed app ID",
      { applinks: { details: [{ appIDs: ["abcde12345.com.x"], components: [{ "/": "*" }] }] } },
      /"abcde12345\.com\.x", not <Team ID>/,
    ],
    [
      "nothing takes the redirect path",
      { applinks: { details: [{ appIDs: [APP], components: [{ "/": "/devices/*" }] }] } },
      /redirect URL's path "\/".*Safari/,
    ],
  ])("%s", (_name, value, problem) => {
    const { problems } = appleShape(value, "/");
    expect(problems.join("\n")).toMatch(problem);
  });

  test("the legacy appID/paths form is read too", () => {
    expect(appleShape({ applinks: { apps: [], details: [{ appID: APP, paths: ["*"] }] } }, "/").problems).toEqual([]);
  });
});

describe("androidShape", () => {
  test("the component's own rendering passes and names the apps", () => {
    const [file] = renderAssociationFiles(undefined, [{ packageName: "com.espressif.rainmaker", sha256CertFingerprints: [FP] }]);
    expect(associationShape("android", file.body, REDIRECT)).toEqual({
      problems: [],
      summary: "apps com.espressif.rainmaker (1 fingerprint)",
    });
  });

  const statement = (over: Record<string, unknown> = {}, target: Record<string, unknown> = {}) => ({
    relation: ["delegate_permission/common.handle_all_urls"],
    target: { namespace: "android_app", package_name: "com.x.y", sha256_cert_fingerprints: [FP], ...target },
    ...over,
  });
  test.each<[string, unknown, RegExp]>([
    ["an object, not a list", statement(), /not a non-empty array/],
    ["an empty list", [], /not a non-empty array/],
    ["no handle_all_urls", [statement({ relation: ["delegate_permission/common.get_login_creds"] })], /lacks relation/],
    ["a web target", [statement({ target: { namespace: "web", site: "https://x" } })], /namespace "android_app"/],
    ["bad package name", [statement({}, { package_name: "rainmaker" })], /package_name "rainmaker"/],
    ["no fingerprints", [statement({}, { sha256_cert_fingerprints: [] })], /no sha256_cert_fingerprints/],
    ["lowercase fingerprint", [statement({}, { sha256_cert_fingerprints: [FP.toLowerCase()] })], /not 32 uppercase hex pairs/],
    ["a SHA-1 fingerprint", [statement({}, { sha256_cert_fingerprints: [Array(20).fill("AB").join(":")] })], /not 32 uppercase hex pairs/],
  ])("%s", (_name, value, problem) => {
    expect(androidShape(value).problems.join("\n")).toMatch(problem);
  });
});

test("a body that is not JSON", () => {
  expect(associationShape("ios", "<html>", REDIRECT).problems[0]).toMatch(/not JSON/);
});

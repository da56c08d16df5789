/**
 * Issue 28, item 4: one table of the redirect URL as each place holds it, each difference shown
 * at its character and named (a trailing slash, http vs https, the legacy s3.amazonaws.com host).
 */
import {
  appFilePlaces,
  closestTo,
  judgeRedirectTable,
  namedDifferences,
  readProperties,
  RedirectPlace,
  renderRedirectTable,
} from "../../packages/alexa-linking-component/src/doctor/redirectTable";
import { loadPlist } from "../../packages/alexa-linking-component/src/mobile/plistLib";

const REDIRECT = "https://links-dev.s3.eu-west-1.amazonaws.com/";
const HOST = "links-dev.s3.eu-west-1.amazonaws.com";
const plist = loadPlist();

describe("namedDifferences", () => {
  test.each<[string, string[]]>([
    [REDIRECT, []],
    [REDIRECT.slice(0, -1), ["no trailing slash"]],
    [`${REDIRECT}/`, ["an extra trailing slash"]],
    [REDIRECT.replace("https:", "http:"), ["http, not https"]],
    ["https://links-dev.s3.amazonaws.com/", [expect.stringMatching(/^the legacy s3\.amazonaws\.com host/) as unknown as string]],
    [REDIRECT.replace("https:", "http:").slice(0, -1), ["http, not https"]],
    [REDIRECT.toUpperCase(), ["differs in case"]],
    [` ${REDIRECT}`, ["leading or trailing whitespace"]],
    ["https://other.example.com/", []],
  ])("%j", (value, notes) => expect(namedDifferences(REDIRECT, value)).toEqual(notes));
});

test.each<[string[], string | undefined]>([
  [["https://a.example.com/", REDIRECT], REDIRECT],
  [["https://a.example.com/", REDIRECT.slice(0, -1)], REDIRECT.slice(0, -1)],
  [[], undefined],
])("closestTo %j", (values, closest) => expect(closestTo(REDIRECT, values)).toBe(closest));

describe("renderRedirectTable", () => {
  const row = (place: string, value: string | undefined, kind: "url" | "host" = "url", counts = true): RedirectPlace =>
    value === undefined ? { place, kind, counts, missing: "holds none" } : { place, kind, counts, value };

  test("all the same: no difference, one row per place after the reference", () => {
    const { lines, differing } = renderRedirectTable(REDIRECT, [row("Cognito callback URL", REDIRECT), row("redirectHost", HOST, "host")]);
    expect(differing).toEqual([]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^Cognito callback URL +"https:\/\/links-dev\.s3\.eu-west-1\.amazonaws\.com\/" {2}same$/);
    expect(lines[2]).toMatch(/"links-dev\.s3\.eu-west-1\.amazonaws\.com" {2}same host$/);
  });

  test("a missing trailing slash: named, and a caret under the character where it parts", () => {
    const { lines, differing } = renderRedirectTable(REDIRECT, [row("Android alexaRedirectUrl", REDIRECT.slice(0, -1))]);
    expect(differing).toEqual(["Android alexaRedirectUrl"]);
    expect(lines[1]).toMatch(/DIFFERS from ".*" at character 45: no trailing slash$/);
    const valueStart = lines[1].indexOf('"');
    // The caret sits just after the value's last character (where the slash should be).
    expect(lines[2].indexOf("^")).toBe(valueStart + 1 + REDIRECT.length - 1);
  });

  test("values are shown as showUrl shows them: a password masked, a long value capped, the caret where the shown texts part", () => {
    const long = `${REDIRECT}${"a".repeat(200)}`;
    const { lines } = renderRedirectTable(REDIRECT, [
      row("Cognito callback URL", "https://user:hunter2@links-dev.s3.eu-west-1.amazonaws.com/"),
      row("iOS Redirect URL", long),
    ]);
    expect(lines.join("\n")).not.toContain("hunter2");
    const longRow = lines.findIndex((l) => l.startsWith("iOS Redirect URL"));
    expect(lines[longRow].length).toBeLessThan(300);
    expect(lines[longRow]).toMatch(/\.\.\.\(\d+ chars\)/);
    // Past the reference's end, under the first "a" of the shown value.
    expect(lines[longRow + 1].indexOf("^") - lines[longRow].indexOf('"')).toBe(1 + REDIRECT.length);
  });

  test("no caret when the difference is past the part shown", () => {
    const reference = `https://x.example.com/${"p".repeat(120)}`;
    const { lines } = renderRedirectTable(reference, [row("iOS Redirect URL", `${reference}q`)]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/DIFFERS/);
  });

  test("http vs https: the caret at the fifth character", () => {
    const value = REDIRECT.replace("https:", "http:");
    const { lines } = renderRedirectTable(REDIRECT, [row("iOS Redirect URL", value)]);
    expect(lines[1]).toMatch(/at character 5: http, not https/);
    expect(lines[2].indexOf("^") - lines[1].indexOf('"')).toBe(5);
  });

  test("a live stage row is shown but not counted; a place holding none is counted", () => {
    const { lines, differing } = renderRedirectTable(REDIRECT, [
      row("skill x (live)", "https://old.example.com/", "url", false),
      row("skill x (development)", undefined),
    ]);
    expect(differing).toEqual(["skill x (development)"]);
    expect(lines[1]).toMatch(/\(not counted: see its own line\)$/);
    expect(lines[3]).toMatch(/^skill x \(development\) +- {2}holds none$/);
  });

  test("as a doctor line: FAIL naming the places, the table below it", () => {
    const result = judgeRedirectTable(REDIRECT, [
      row("Cognito callback URL", REDIRECT),
      row("iOS Redirect URL", "https://links-dev.s3.amazonaws.com/"),
    ]);
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/^differs in iOS Redirect URL: .*Fix: .*mobile-config/);
    expect(result.detail).toMatch(
      /\n {6}iOS Redirect URL +"https:\/\/links-dev\.s3\.amazonaws\.com\/" {2}DIFFERS .*legacy s3\.amazonaws\.com host/,
    );
    expect(judgeRedirectTable(REDIRECT, [row("Cognito callback URL", REDIRECT)])).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^the same in all 2 places:/),
    });
  });
});

describe("the apps' files", () => {
  const SECRET = "alexa-client-secret-value-123";
  const iosPlist = plist.build({
    "AWS Configuration": { x: "y" },
    "ESP Alexa Configuration": { "Alexa Client Secret": SECRET, "Redirect URL": REDIRECT.slice(0, -1) },
  });
  const entitlements = plist.build({
    "com.apple.developer.associated-domains": ["webcredentials:example.com", `applinks:${HOST}?mode=developer`],
  });
  const properties = [
    `# comment`,
    `alexaClientSecret=${SECRET}`,
    `alexaRedirectUrl=https\\://links-dev.s3.eu-west-1.amazonaws.com/`,
    `alexaRedirectHost = ${HOST}`,
  ].join("\n");

  test("readProperties: escapes undone, spaces around = allowed, comments skipped", () => {
    expect(readProperties(properties)).toEqual({ alexaClientSecret: SECRET, alexaRedirectUrl: REDIRECT, alexaRedirectHost: HOST });
  });

  test("only the redirect values are read, and the table shows no secret", () => {
    const places = appFilePlaces(
      {
        iosPlist: { path: "Configuration.plist", text: iosPlist },
        iosEntitlements: { path: "app.entitlements", text: entitlements },
        androidProperties: { path: "local.properties", text: properties },
      },
      HOST,
      plist,
    );
    expect(places.map((p) => [p.place, p.value])).toEqual([
      ["iOS ESP Alexa Configuration > Redirect URL", REDIRECT.slice(0, -1)],
      ["iOS applinks: entitlement", HOST],
      ["Android alexaRedirectUrl", REDIRECT],
      ["Android alexaRedirectHost", HOST],
    ]);
    const result = judgeRedirectTable(REDIRECT, places);
    expect(result.ok).toBe(false);
    expect(result.detail).not.toContain(SECRET);
  });

  test("a file without the value: the row says what is missing", () => {
    const places = appFilePlaces(
      {
        iosEntitlements: { path: "app.entitlements", text: plist.build({ other: 1 }) },
        androidProperties: { path: "lp", text: "sdk.dir=/x" },
      },
      HOST,
      plist,
    );
    expect(places.map((p) => p.missing)).toEqual([
      "app.entitlements has no applinks: entry in com.apple.developer.associated-domains",
      "lp has no alexaRedirectUrl",
      "lp has no alexaRedirectHost",
    ]);
  });
});

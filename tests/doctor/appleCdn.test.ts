/**
 * Issue 28, item 1: Apple's CDN copy of apple-app-site-association, as devices read it. ok when
 * iOS acts on it as on ours, warn when older or different, FAIL on a 404 once the bucket serves
 * ours; unreachable is a warning. The probe follows no redirect and reads a capped body.
 */
import { renderAssociationFiles } from "../../packages/alexa-linking-component/src/associations";
import {
  APPLE_CDN_CHECK,
  appleCdnUrl,
  appleLinksDifference,
  appleLinksOf,
  checkAppleCdn,
  judgeAppleCdn,
} from "../../packages/alexa-linking-component/src/doctor/appleCdn";
import { APPLE_CDN_ENDPOINT, PlatformProbeSettings } from "../../packages/alexa-linking-component/src/doctor/platforms";
import { exitCodeOf, formatResults } from "../../packages/alexa-linking-component/src/doctor/result";
import type { FetchOutcome } from "../../packages/alexa-linking-component/src/verify/fetchFile";
import { LocalServer, serve, startServer } from "../verify/localServer";

const APP_ID = "ABCDE12345.com.espressif.rainmaker";
const [AASA] = renderAssociationFiles({ appIds: [APP_ID] }, undefined);
const OLD = JSON.stringify({ applinks: { details: [{ appIDs: ["ZZZZZ99999.com.old.app"], components: [{ "/": "*" }] }] } });
const NARROW = JSON.stringify({ applinks: { details: [{ appIDs: [APP_ID], components: [{ "/": "/only/*" }] }] } });
const URL_ = "https://app-site-association.cdn-apple.com/a/v1/links.example.com";

const answer = (status: number, body = "", truncated = false): FetchOutcome => ({
  kind: "response",
  response: { status, headers: {}, body, truncated },
});
const noAnswer = (code: string): FetchOutcome => ({ kind: "failure", failure: { code, message: `getaddrinfo ${code}`, timedOut: false } });

describe("appleCdnUrl", () => {
  test.each([
    [APPLE_CDN_ENDPOINT, "links.example.com", URL_],
    ["http://127.0.0.1:9000/", "127.0.0.1:8000", "http://127.0.0.1:9000/a/v1/127.0.0.1:8000"],
  ])("%s + %s", (endpoint, host, url) => expect(appleCdnUrl(endpoint, host)).toBe(url));
});

describe("appleLinksOf and appleLinksDifference", () => {
  test("the same file in another layout is the same for iOS", () => {
    const reformatted = JSON.stringify(JSON.parse(AASA.body), null, 4);
    expect(appleLinksDifference(appleLinksOf(reformatted)!, appleLinksOf(AASA.body)!)).toBeUndefined();
  });
  test.each<[string, string, RegExp]>([
    ["another app ID", OLD, /app IDs: Apple's copy has ZZZZZ99999\.com\.old\.app, ours has ABCDE12345/],
    ["other components", NARROW, /components: Apple's copy has .*\/only\/\*.*, ours has .*"\*"/],
  ])("%s", (_name, cdn, difference) => expect(appleLinksDifference(appleLinksOf(cdn)!, appleLinksOf(AASA.body)!)).toMatch(difference));
  test("the CDN's text is shown capped and without control characters", () => {
    const ids = Array.from({ length: 50 }, (_, i) => `ZZZZZ${String(i).padStart(5, "0")}.com.old.app\u001b[31m`);
    const cdn = JSON.stringify({ applinks: { details: [{ appIDs: ids, components: [{ "/": "*" }] }] } });
    const difference = appleLinksDifference(appleLinksOf(cdn)!, appleLinksOf(AASA.body)!) as string;
    expect(difference).toMatch(/\.\.\.\(\d+ characters\), ours has ABCDE12345/);
    expect(difference.length).toBeLessThan(400);
    expect(difference).not.toContain("\u001b");
  });
  test.each(["not json", "[]", '{"webcredentials":{}}'])("%j is no apple-app-site-association", (body) =>
    expect(appleLinksOf(body)).toBeUndefined(),
  );
});

describe("judgeAppleCdn", () => {
  const ours = { body: AASA.body, served: true };
  test.each<[string, FetchOutcome, { body?: string; served: boolean } | undefined, "ok" | "warn" | "FAIL", RegExp]>([
    ["the same file", answer(200, AASA.body), ours, "ok", /has our file \(app IDs ABCDE12345\.com\.espressif\.rainmaker/],
    ["an older file", answer(200, OLD), ours, "warn", /older or a different file: app IDs.*on its own schedule.*devices installing/],
    ["other components", answer(200, NARROW), ours, "warn", /components: /],
    ["none, while the bucket serves ours", answer(404), ours, "FAIL", /404.*although the bucket serves ours.*Safari.*Fix: .*no redirect/],
    ["none, and the bucket serves none either", answer(404), { served: false }, "warn", /bucket does not serve ours either.*ios file/],
    ["a redirect", answer(301), ours, "warn", /HTTP 301 \(a redirect, not followed\)/],
    ["a server error", answer(503), ours, "warn", /HTTP 503: nothing is known/],
    ["not an association file", answer(200, "<html>"), ours, "warn", /not with an apple-app-site-association/],
    ["a body over the cap", answer(200, AASA.body, true), ours, "warn", /over the size limit/],
    ["ours not known", answer(200, AASA.body), { served: false }, "warn", /ours is not known/],
    ["unreachable", noAnswer("ENOTFOUND"), ours, "warn", /does not resolve \(ENOTFOUND\).*--skip-platform-probes/],
  ])("%s", (_name, outcome, mine, level, detail) => {
    const result = judgeAppleCdn(URL_, outcome, mine, false);
    expect(result.name).toBe(APPLE_CDN_CHECK);
    expect(formatResults([result])[0].slice(0, 4)).toBe(level.padEnd(4));
    expect(result.detail).toMatch(detail);
    // A failure sets the exit code; a warning does not.
    expect(exitCodeOf([result])).toBe(level === "FAIL" ? 1 : 0);
  });
  test("unreachable with --apple-cdn-endpoint: the fix names the option", () => {
    expect(judgeAppleCdn(URL_, noAnswer("ECONNREFUSED"), ours, true).detail).toMatch(/Fix: check --apple-cdn-endpoint/);
  });
});

describe("checkAppleCdn against a local CDN", () => {
  let cdn: LocalServer;
  let settings: PlatformProbeSettings;
  const HOST = "links.example.com";
  const PATH = `/a/v1/${HOST}`;
  beforeAll(async () => {
    cdn = await startServer();
    settings = {
      appleCdn: cdn.base,
      assetLinks: "http://127.0.0.1:9",
      overridden: { appleCdn: true, assetLinks: true },
      timeoutMs: 30_000,
    };
  });
  afterAll(() => cdn.close());
  beforeEach(() => cdn.hits.clear());
  const ours = Promise.resolve({ body: AASA.body, served: true });

  test("asks for /a/v1/<redirect host> and passes on our file", async () => {
    cdn.route(PATH, serve(AASA.body));
    const result = await checkAppleCdn(HOST, ours, settings);
    expect(cdn.hits.get(PATH)).toBe(1);
    expect([result.ok, result.warning]).toEqual([true, undefined]);
  });

  test("404 once the bucket serves ours: FAIL", async () => {
    cdn.route(PATH, (_req, res) => res.writeHead(404).end());
    const result = await checkAppleCdn(HOST, ours, settings);
    expect(result.ok).toBe(false);
  });

  test("a redirect is not followed", async () => {
    cdn.route(PATH, (_req, res) => res.writeHead(302, { location: `${cdn.base}/elsewhere` }).end());
    cdn.route("/elsewhere", serve(AASA.body));
    const result = await checkAppleCdn(HOST, ours, settings);
    expect(cdn.hits.get("/elsewhere")).toBeUndefined();
    expect(result.warning).toBe(true);
    expect(result.detail).toMatch(/HTTP 302 \(a redirect, not followed\)/);
  });

  test("an endless body is cut at the cap, and the line comes back", async () => {
    cdn.route(PATH, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = "x".repeat(64 * 1024);
      const pump = () => {
        while (res.write(chunk));
        res.once("drain", pump);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    const result = await checkAppleCdn(HOST, ours, { ...settings, maxBodyBytes: 128 * 1024 });
    expect(result.warning).toBe(true);
    expect(result.detail).toMatch(/over the size limit/);
  });

  test("no answer within the timeout: a warning naming the option", async () => {
    cdn.route(PATH, () => undefined);
    const result = await checkAppleCdn(HOST, ours, { ...settings, timeoutMs: 200 });
    expect(result.warning).toBe(true);
    expect(result.detail).toMatch(/no answer within 200 ms.*--apple-cdn-endpoint/);
  });
});

/**
 * Issue 28, item 2: what Google's Digital Asset Links API lists for the redirect URL's site, in
 * its documented shape (statements[].target.androidApp.packageName and
 * .certificate.sha256Fingerprint), must hold every package and fingerprint of the stack; a
 * failure names each missing one. Unreachable or an error reply is a warning.
 */
import { renderAssociationFiles } from "../../packages/alexa-linking-component/src/associations";
import {
  ASSET_LINKS_CHECK,
  assetLinksUrl,
  checkAssetLinks,
  googleAppKeys,
  judgeAssetLinks,
  ourAppKeys,
} from "../../packages/alexa-linking-component/src/doctor/assetLinks";
import { ASSET_LINKS_ENDPOINT, PlatformProbeSettings } from "../../packages/alexa-linking-component/src/doctor/platforms";
import { exitCodeOf, formatResults } from "../../packages/alexa-linking-component/src/doctor/result";
import type { FetchOutcome } from "../../packages/alexa-linking-component/src/verify/fetchFile";
import { LocalServer, startServer } from "../verify/localServer";

const PACKAGE = "com.espressif.rainmaker";
const UPLOAD = "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5";
const PLAY = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";
const [ASSETLINKS] = renderAssociationFiles(undefined, [{ packageName: PACKAGE, sha256CertFingerprints: [UPLOAD, PLAY] }]);
const SITE = "https://links.s3.eu-west-1.amazonaws.com";
const URL_ = assetLinksUrl(ASSET_LINKS_ENDPOINT, SITE);

/** Google's reply listing these fingerprints of PACKAGE. */
const reply = (fingerprints: string[], debugString = "") =>
  JSON.stringify({
    statements: fingerprints.map((sha256Fingerprint) => ({
      source: { web: { site: `${SITE}.` } },
      relation: "delegate_permission/common.handle_all_urls",
      target: { androidApp: { packageName: PACKAGE, certificate: { sha256Fingerprint } } },
    })),
    maxAge: "599.999s",
    debugString,
  });
const answer = (status: number, body = "", truncated = false): FetchOutcome => ({
  kind: "response",
  response: { status, headers: {}, body, truncated },
});

test("the request: statements:list for the site and handle_all_urls", () => {
  expect(URL_).toBe(
    "https://digitalassetlinks.googleapis.com/v1/statements:list?source.web.site=https%3A%2F%2Flinks.s3.eu-west-1.amazonaws.com&relation=delegate_permission%2Fcommon.handle_all_urls",
  );
});

describe("reading both sides", () => {
  test("our assetlinks.json: one pair per fingerprint", () => {
    expect(ourAppKeys(ASSETLINKS.body)).toEqual([
      { packageName: PACKAGE, fingerprint: UPLOAD },
      { packageName: PACKAGE, fingerprint: PLAY },
    ]);
  });
  test("Google's reply, with no statements at all (the key left out)", () => {
    expect(googleAppKeys(JSON.stringify({ maxAge: "1s" }))).toEqual({ keys: [] });
    expect(googleAppKeys(reply([UPLOAD]))?.keys).toEqual([{ packageName: PACKAGE, fingerprint: UPLOAD }]);
    expect(googleAppKeys('{"statements": 3}')).toBeUndefined();
  });
});

describe("judgeAssetLinks", () => {
  const ours = { body: ASSETLINKS.body, served: true };
  test.each<[string, FetchOutcome, { body?: string; served: boolean } | undefined, "ok" | "warn" | "FAIL", RegExp]>([
    [
      "both fingerprints seen",
      answer(200, reply([UPLOAD, PLAY])),
      ours,
      "ok",
      /Google sees com\.espressif\.rainmaker \(2 fingerprints\) for https:\/\/links/,
    ],
    ["lower case from Google is the same fingerprint", answer(200, reply([UPLOAD.toLowerCase(), PLAY])), ours, "ok", /2 fingerprints/],
    [
      "the Play App Signing fingerprint missing",
      answer(200, reply([UPLOAD])),
      ours,
      "FAIL",
      new RegExp(
        `does not see ${PACKAGE} with fingerprint ${PLAY} for ${SITE} \\(it sees ${PACKAGE} ${UPLOAD}\\).*Play App Signing.*App signing key certificate`,
      ),
    ],
    [
      "nothing seen, with Google's reason",
      answer(
        200,
        reply([], "********************* ERRORS *********************\nError: unavailable: Wrong content type in HTTP response headers"),
      ),
      ours,
      "FAIL",
      /does not see com\.espressif\.rainmaker with fingerprint 14:6D.*, and com\.espressif\.rainmaker with fingerprint AA:BB.*it sees no statement.*Google says: Error: unavailable: Wrong content type/,
    ],
    [
      "an error reply",
      answer(400, JSON.stringify({ error: { code: 400, message: "Invalid site", status: "INVALID_ARGUMENT" } })),
      ours,
      "warn",
      /HTTP 400 \(Invalid site\)/,
    ],
    ["a redirect", answer(302), ours, "warn", /HTTP 302/],
    ["not a statements list", answer(200, "<html>"), ours, "warn", /not with a statements list/],
    ["over the cap", answer(200, reply([UPLOAD, PLAY]), true), ours, "warn", /over the size limit/],
    ["ours not known", answer(200, reply([UPLOAD])), { served: false }, "warn", /not known to compare with/],
    [
      "unreachable",
      { kind: "failure", failure: { message: "timeout", timedOut: true, timeoutMs: 50 } },
      ours,
      "warn",
      /no answer within 50 ms.*--skip-platform-probes/,
    ],
  ])("%s", (_name, outcome, mine, level, detail) => {
    const result = judgeAssetLinks(URL_, SITE, outcome, mine, false);
    expect(result.name).toBe(ASSET_LINKS_CHECK);
    expect(formatResults([result])[0].slice(0, 4)).toBe(level.padEnd(4));
    expect(result.detail).toMatch(detail);
    expect(exitCodeOf([result])).toBe(level === "FAIL" ? 1 : 0);
  });
});

describe("checkAssetLinks against a local Google", () => {
  let google: LocalServer;
  let settings: PlatformProbeSettings;
  const seen: string[] = [];
  beforeAll(async () => {
    google = await startServer();
    settings = {
      appleCdn: "http://127.0.0.1:9",
      assetLinks: google.base,
      overridden: { appleCdn: true, assetLinks: true },
      timeoutMs: 30_000,
    };
  });
  afterAll(() => google.close());

  test("asks for the redirect URL's site, and judges the reply", async () => {
    google.route("/v1/statements:list", (req, res) => {
      seen.push(req.url ?? "");
      res.writeHead(200, { "content-type": "application/json" }).end(reply([UPLOAD]));
    });
    const result = await checkAssetLinks(`${SITE}/`, Promise.resolve({ body: ASSETLINKS.body, served: true }), settings);
    expect(seen).toEqual([
      "/v1/statements:list?source.web.site=https%3A%2F%2Flinks.s3.eu-west-1.amazonaws.com&relation=delegate_permission%2Fcommon.handle_all_urls",
    ]);
    expect(result.ok).toBe(false);
    expect(result.detail).toContain(PLAY);
    expect(result.detail).not.toContain(`with fingerprint ${UPLOAD}`);
  });

  test("a redirect is not followed", async () => {
    google.route("/v1/statements:list", (_req, res) => res.writeHead(307, { location: `${google.base}/other` }).end());
    google.route("/other", (_req, res) => res.writeHead(200).end(reply([UPLOAD, PLAY])));
    const result = await checkAssetLinks(`${SITE}/`, Promise.resolve({ body: ASSETLINKS.body, served: true }), settings);
    expect(google.hits.get("/other")).toBeUndefined();
    expect([result.ok, result.warning]).toEqual([true, true]);
  });
});

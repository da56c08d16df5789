/**
 * Issue 12, point 5: the apps post to the token URL differently. iOS sends the JSON body with
 * `Content-Type: text/plain` and a `charset: UTF-8` header and needs HTTP 200 with
 * access_token, refresh_token, expires_in (a number) and token_type; Android sends
 * `Content-Type: application/json` and takes any 2xx. doctor sends a code nobody issued, so a
 * working exchange refuses it (4xx) — the same way for both: a URL that reads the body only
 * when it comes as JSON, or answers iOS's request with something else, fails the iOS line.
 */
import type * as http from "node:http";
import {
  checkTokenUrl,
  compareTokenAnswers,
  judgeTokenAnswer,
  TOKEN_PROBES,
  tokenSuccessProblem,
} from "../../packages/alexa-linking-component/src/doctor/tokenUrl";
import { LocalServer, startServer } from "../verify/localServer";

const REDIRECT = "https://rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com/";
const PATH = "/dev/token";

interface Seen {
  contentType?: string;
  charset?: string | string[];
  body: string;
}

let server: LocalServer;
let seen: Seen[];
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  seen = [];
});

type Answer = { status: number; body: string; contentType?: string };
/** A token endpoint that answers by the request's Content-Type, and records what it got. */
function endpoint(answer: (contentType: string, body: string) => Answer): void {
  server.route(PATH, (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const contentType = req.headers["content-type"] ?? "";
      seen.push({ contentType, charset: req.headers.charset, body });
      const a = answer(contentType, body);
      res.writeHead(a.status, { "content-type": a.contentType ?? "application/json" });
      res.end(a.body);
    });
  });
}

const INVALID_GRANT = JSON.stringify({ error: "invalid_grant", error_description: "authorization code is invalid or expired" });
/** Parses the body as JSON whatever the Content-Type, as a working exchange does. */
const working = (_type: string, body: string): Answer => {
  try {
    const value = JSON.parse(body) as { code?: unknown };
    return typeof value.code === "string" ? { status: 400, body: INVALID_GRANT } : { status: 400, body: '{"error":"invalid_request"}' };
  } catch {
    return { status: 400, body: JSON.stringify({ error: "invalid_request", error_description: "body is not JSON" }) };
  }
};
const isJson = (type: string) => type.startsWith("application/json");

const probe = () => checkTokenUrl(`${server.base}${PATH}`, REDIRECT, { timeoutMs: 30_000 });

describe("doctor probes the token URL the iOS way and the Android way", () => {
  test("a working exchange: two lines, both ok, each request as its app sends it", async () => {
    endpoint(working);
    const results = await probe();
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ["token URL (iOS)", true],
      ["token URL (Android)", true],
    ]);
    expect(results[0].detail).toMatch(
      /answers HTTP 400 \(invalid_grant: authorization code is invalid or expired\) to a dummy code sent as text\/plain/,
    );
    expect(results[1].detail).toMatch(/sent as application\/json/);
    const ios = seen.find((s) => s.contentType?.startsWith("text/plain"));
    const android = seen.find((s) => s.contentType?.startsWith("application/json"));
    expect(seen).toHaveLength(2);
    expect(ios).toEqual({
      contentType: "text/plain",
      charset: "UTF-8",
      body: JSON.stringify({ code: "doctor-dummy-code", redirect_uri: REDIRECT }),
    });
    expect(android).toEqual({
      contentType: "application/json",
      charset: undefined,
      body: JSON.stringify({ code: "doctor-dummy-code", redirect_uri: REDIRECT }),
    });
  });

  test("415 to text/plain: the iOS line fails with the fix, the Android line passes", async () => {
    endpoint((type, body) => (isJson(type) ? working(type, body) : { status: 415, body: '{"message":"Unsupported Media Type"}' }));
    const [ios, android] = await probe();
    expect(ios.ok).toBe(false);
    expect(ios.detail).toMatch(
      /answered HTTP 415 \(Unsupported Media Type\) to Content-Type text\/plain, which the iOS app sends: every token exchange of the iOS app fails\. Fix: .*text\/plain/,
    );
    expect(android.ok).toBe(true);
  });

  test("a non-JSON answer to the iOS request, JSON to Android's: the iOS line fails", async () => {
    endpoint((type, body) =>
      isJson(type) ? working(type, body) : { status: 400, body: "<html><body>Bad Request</body></html>", contentType: "text/html" },
    );
    const [ios, android] = await probe();
    expect(ios.ok).toBe(false);
    expect(ios.detail).toMatch(
      /answers the iOS request \(Content-Type: text\/plain\) with HTTP 400 and a body that is not JSON, but the same body sent as application\/json with HTTP 400 \(invalid_grant.*Fix: /,
    );
    expect(android.ok).toBe(true);
  });

  test("an exchange that reads the body only when it is JSON: the iOS line fails", async () => {
    endpoint((type, body) =>
      isJson(type)
        ? working(type, body)
        : { status: 400, body: '{"error":"invalid_request","error_description":"code and redirect_uri are required"}' },
    );
    const [ios, android] = await probe();
    expect(ios.ok).toBe(false);
    expect(ios.detail).toMatch(
      /HTTP 400 \(invalid_request: code and redirect_uri are required\), but the same body sent as application\/json with HTTP 400 \(invalid_grant/,
    );
    expect(ios.detail).toMatch(/reads the body only when it comes as application\/json/);
    expect(android.ok).toBe(true);
  });

  test("an exchange that refuses application/json fails the Android line", async () => {
    endpoint((type, body) => (isJson(type) ? { status: 415, body: '{"message":"Unsupported Media Type"}' } : working(type, body)));
    const [ios, android] = await probe();
    expect(android.ok).toBe(false);
    expect(android.detail).toMatch(/HTTP 415 .*Content-Type application\/json, which the Android app sends/);
    expect(ios.ok).toBe(true);
  });

  test("broken for both: both lines fail", async () => {
    endpoint(() => ({ status: 502, body: '{"message":"Internal server error"}' }));
    const results = await probe();
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(results[0].detail).toMatch(/Lambda behind it failed/);
  });
});

describe("tokenSuccessProblem: what each app needs from a successful exchange", () => {
  const FULL = { access_token: "Atza|x", refresh_token: "Atzr|y", expires_in: 3600, token_type: "bearer" };
  const text = (value: unknown) => JSON.stringify(value);
  test.each<[string, "ios" | "android", number, string, RegExp | undefined]>([
    ["iOS: 200 with all four", "ios", 200, text(FULL), undefined],
    ["iOS: 201 is not 200", "ios", 201, text(FULL), /HTTP 201, not 200/],
    ["iOS: no refresh_token", "ios", 200, text({ ...FULL, refresh_token: undefined }), /refresh_token/],
    ["iOS: expires_in as a string", "ios", 200, text({ ...FULL, expires_in: "3600" }), /expires_in is "3600", not a number/],
    ["iOS: no token_type", "ios", 200, text({ ...FULL, token_type: undefined }), /token_type/],
    ["iOS: not JSON", "ios", 200, "ok", /not JSON/],
    ["Android: 201 is fine", "android", 201, text(FULL), undefined],
    ["Android: 204 with nothing is fine", "android", 204, "", undefined],
    ["Android: 400 is not 2xx", "android", 400, text(FULL), /HTTP 400, not 2xx/],
  ])("%s", (_case, platform, status, body, problem) => {
    const found = tokenSuccessProblem(platform, status, body);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});

describe("judgeTokenAnswer per platform", () => {
  const URL_ = "https://abcdefghij.execute-api.eu-west-1.amazonaws.com/dev/token";
  test.each<["ios" | "android", number, string, boolean, RegExp]>([
    ["ios", 400, INVALID_GRANT, true, /^https:.* answers HTTP 400 \(invalid_grant: .*\) to a dummy code sent as text\/plain/],
    ["android", 400, INVALID_GRANT, true, /sent as application\/json/],
    ["ios", 415, "", false, /Content-Type text\/plain, which the iOS app sends/],
    ["android", 415, "", false, /Content-Type application\/json, which the Android app sends/],
    [
      "ios",
      200,
      JSON.stringify({ access_token: "a" }),
      false,
      /code nobody issued.*the iOS app would refuse this answer anyway: .*refresh_token/,
    ],
    ["android", 200, "{}", false, /code nobody issued/],
    ["ios", 403, '{"message":"Missing Authentication Token"}', false, /does not exist/],
  ])("%s %s", (platform, status, body, ok, detail) => {
    const result = judgeTokenAnswer(URL_, status, body, undefined, platform);
    expect([result.name, result.ok]).toEqual([TOKEN_PROBES[platform].check, ok]);
    expect(result.detail).toMatch(detail);
  });

  test.each<[string, { status: number; body: string }, { status: number; body: string }, boolean]>([
    ["alike", { status: 400, body: INVALID_GRANT }, { status: 400, body: INVALID_GRANT }, true],
    ["another status", { status: 401, body: INVALID_GRANT }, { status: 400, body: INVALID_GRANT }, false],
    ["another error", { status: 400, body: '{"error":"invalid_request"}' }, { status: 400, body: INVALID_GRANT }, false],
    ["JSON for one only", { status: 400, body: "Bad Request" }, { status: 400, body: INVALID_GRANT }, false],
    ["both not JSON, alike", { status: 400, body: "Bad Request" }, { status: 400, body: "Bad Request" }, true],
  ])("compareTokenAnswers: %s", (_case, ios, android, alike) => {
    const problem = compareTokenAnswers(URL_, ios, android);
    expect(problem === undefined).toBe(alike);
  });
});

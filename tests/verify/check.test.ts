import fc from "fast-check";
import {
  describeDifference,
  FetchedFile,
  isJsonContentType,
  judge,
  judgeFailure,
  s3ErrorCode,
} from "../../packages/alexa-linking-component/src/verify/check";

const URL_ = "https://links-dev.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json";
const BODY = '[\n  {\n    "relation": ["delegate_permission/common.handle_all_urls"]\n  }\n]';
const json = { "content-type": "application/json" };
const res = (status: number, headers: Record<string, string>, body = BODY): FetchedFile => ({ status, headers, body });
const s3 = (code: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>m</Message></Error>`;

describe("judge", () => {
  const passing: [string, FetchedFile][] = [
    ["200, application/json, same body", res(200, json)],
    ["charset parameter", res(200, { "content-type": "application/json; charset=utf-8" })],
    ["upper case media type, no space", res(200, { "content-type": "Application/JSON;charset=UTF-8" })],
  ];
  it.each(passing)("passes: %s", (_, response) => {
    expect(judge(response, { url: URL_, body: BODY })).toEqual({ ok: true });
  });

  const failing: [string, FetchedFile, string, boolean, RegExp[]][] = [
    // name, response, url, retryable, message must match all
    [
      "301 with Location",
      res(301, { location: "https://elsewhere.example/x" }, ""),
      URL_,
      false,
      [/HTTP 301/, /redirect to https:\/\/elsewhere\.example\/x/, /Apple and Android refuse redirects/, /CloudFront/],
    ],
    [
      "307 from the legacy global host",
      res(307, { location: "https://b.s3.eu-west-1.amazonaws.com/.well-known/x" }, ""),
      "https://b.s3.amazonaws.com/.well-known/assetlinks.json",
      false,
      [/HTTP 307/, /legacy global host/, /bucketRegionalDomainName/],
    ],
    ["302 without Location", res(302, {}, ""), URL_, false, [/no Location header/]],
    [
      "403 AccessDenied",
      res(403, {}, s3("AccessDenied")),
      URL_,
      true,
      [
        /HTTP 403 \(S3 AccessDenied\)/,
        /not public/,
        /account-level S3 Block Public Access/,
        /ownership/,
        /bucket policy is missing/,
        /propagated/,
      ],
    ],
    ["403 without S3 body", res(403, {}, "Forbidden"), URL_, true, [/HTTP 403: the file is not public/]],
    ["404 NoSuchKey", res(404, {}, s3("NoSuchKey")), URL_, true, [/HTTP 404 \(S3 NoSuchKey\)/, /object is missing/]],
    ["404 NoSuchBucket", res(404, {}, s3("NoSuchBucket")), URL_, true, [/NoSuchBucket/, /bucket name and the region/]],
    ["500", res(500, {}, s3("InternalError")), URL_, true, [/HTTP 500 \(S3 InternalError\); expected 200/]],
    ["503 SlowDown", res(503, {}, s3("SlowDown")), URL_, true, [/HTTP 503/]],
    ["429", res(429, {}, ""), URL_, true, [/HTTP 429/]],
    ["400", res(400, {}, s3("InvalidRequest")), URL_, false, [/HTTP 400/]],
    [
      "S3 default content type",
      res(200, { "content-type": "binary/octet-stream" }),
      URL_,
      false,
      [/"binary\/octet-stream"/, /S3's default/, /contentType "application\/json"/],
    ],
    [
      "text/plain",
      res(200, { "content-type": "text/plain" }),
      URL_,
      false,
      [/Content-Type is "text\/plain", expected application\/json\.$/],
    ],
    ["no content type", res(200, {}), URL_, false, [/no Content-Type header/]],
    ["application/jsonp is not JSON", res(200, { "content-type": "application/jsonp" }), URL_, false, [/application\/jsonp/]],
    [
      "different body",
      res(200, json, BODY.replace("handle_all_urls", "get_login_creds")),
      URL_,
      false,
      [
        /body differs/,
        /first difference at offset 51 \(line 3, column 46\)/,
        /served \.\.\."\/common\.get_login_creds/,
        /rendered \.\.\."\/common\.handle_all_urls/,
      ],
    ],
    ["trailing newline added", res(200, json, `${BODY}\n`), URL_, false, [/only by a trailing newline/]],
    ["reformatted JSON", res(200, json, JSON.stringify(JSON.parse(BODY))), URL_, false, [/same JSON value, different formatting/]],
    [
      "content type and body both wrong",
      res(200, { "content-type": "binary/octet-stream" }, "{}"),
      URL_,
      false,
      [/binary\/octet-stream/, /Also: the body differs/],
    ],
    ["truncated body", { ...res(200, json, "x".repeat(100)), truncated: true }, URL_, false, [/larger than the 100 bytes read/, /128 KB/]],
  ];
  it.each(failing)("fails: %s", (_, response, url, retryable, patterns) => {
    const verdict = judge(response, { url, body: BODY });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.retryable).toBe(retryable);
    expect(verdict.message).toContain(url);
    for (const pattern of patterns) expect(verdict.message).toMatch(pattern);
  });

  it("without an expected body, checks only that the body is JSON", () => {
    expect(judge(res(200, json, '{"a": 1}'), { url: URL_ })).toEqual({ ok: true });
    const verdict = judge(res(200, json, "<html>"), { url: URL_ });
    expect(verdict).toMatchObject({ ok: false, retryable: false });
    expect(!verdict.ok && verdict.message).toMatch(/not valid JSON/);
  });

  it("never puts a large body into the message", () => {
    const big = JSON.stringify({ applinks: { details: [{ appIDs: Array(5000).fill("ABCDE12345.com.example.app") }] } });
    const served = big.replace(/app"\]/, 'apq"]');
    const verdict = judge(res(200, json, served), { url: URL_, body: big });
    expect(!verdict.ok && verdict.message.length).toBeLessThan(600);
  });
});

describe("judgeFailure", () => {
  const cases: [string, Parameters<typeof judgeFailure>[0], boolean, RegExp][] = [
    ["timeout", { message: "timeout", timedOut: true, timeoutMs: 250 }, true, /did not answer within 250 ms \(timeout\)/],
    ["timeout in seconds", { message: "timeout", timedOut: true, timeoutMs: 10000 }, true, /within 10 s/],
    [
      "DNS",
      { code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND x", timedOut: false },
      true,
      /does not resolve \(ENOTFOUND\).*bucket name and region/,
    ],
    ["DNS again", { code: "EAI_AGAIN", message: "getaddrinfo EAI_AGAIN x", timedOut: false }, true, /does not resolve/],
    [
      "TLS altname",
      { code: "ERR_TLS_CERT_ALTNAME_INVALID", message: "Hostname/IP does not match", timedOut: false },
      false,
      /TLS handshake failed.*ERR_TLS_CERT_ALTNAME_INVALID.*bucket name containing a dot/,
    ],
    ["TLS expired", { code: "CERT_HAS_EXPIRED", message: "certificate has expired", timedOut: false }, false, /TLS handshake failed/],
    [
      "self-signed",
      { code: "DEPTH_ZERO_SELF_SIGNED_CERT", message: "self-signed certificate", timedOut: false },
      false,
      /valid certificate/,
    ],
    [
      "refused",
      { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1", timedOut: false },
      true,
      /request failed: connect ECONNREFUSED/,
    ],
    ["no code", { message: "socket hang up", timedOut: false }, true, /request failed: socket hang up\./],
  ];
  it.each(cases)("%s", (_, failure, retryable, pattern) => {
    const verdict = judgeFailure(failure, URL_);
    expect(verdict).toMatchObject({ ok: false, retryable });
    expect(!verdict.ok && verdict.message).toMatch(pattern);
    expect(!verdict.ok && verdict.message).toContain(URL_);
  });
});

describe("helpers", () => {
  it.each([
    ["application/json", true],
    ["application/json; charset=utf-8", true],
    [" APPLICATION/JSON ", true],
    ["application/ld+json", false],
    ["text/json", false],
    ["binary/octet-stream", false],
    ["", false],
    [undefined, false],
  ])("isJsonContentType(%p) = %p", (value, expected) => {
    expect(isJsonContentType(value)).toBe(expected);
  });

  it.each([
    [s3("AccessDenied"), "AccessDenied"],
    ["<Error><Code>NoSuchKey</Code></Error>", "NoSuchKey"],
    ["<html>Forbidden</html>", undefined],
    ["", undefined],
  ])("s3ErrorCode(%p) = %p", (body, code) => {
    expect(s3ErrorCode(body)).toBe(code);
  });

  it("describeDifference names sizes in bytes", () => {
    expect(describeDifference("é", "e")).toMatch(/served 2 bytes, rendered 1 bytes/);
    expect(describeDifference("[1]", "[1]")).toBe("the bodies are equal");
  });

  it("property: equal text always passes, any change always fails with a bounded message", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.string({ minLength: 1, maxLength: 2000 }), (body, extra) => {
        expect(judge(res(200, json, body), { url: URL_, body })).toEqual({ ok: true });
        const verdict = judge(res(200, json, body + extra), { url: URL_, body });
        expect(verdict.ok).toBe(false);
        expect(!verdict.ok && verdict.message.length).toBeLessThan(URL_.length + 400);
      }),
    );
  });
});

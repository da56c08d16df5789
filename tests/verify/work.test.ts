import { encodeWork, parseSettings, parseWork, settingsEnvironment } from "../../packages/alexa-linking-component/src/verify/work";
import { formatResult, withAttempts } from "../../packages/alexa-linking-component/src/verify/run";

describe("encodeWork / parseWork", () => {
  it("round-trips any text, byte for byte", () => {
    const files = [
      { url: "https://b.s3.eu-west-1.amazonaws.com/.well-known/apple-app-site-association", body: '{"applinks":{}}\n' },
      { url: "https://b.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json", body: '["é", "\\u0000", "😀"]' },
    ];
    expect(parseWork(encodeWork(files), "$X")).toEqual(files);
  });

  it("keeps a file without a body as a JSON-only check", () => {
    expect(parseWork(encodeWork([{ url: "https://h/x" }]), "$X")).toEqual([{ url: "https://h/x" }]);
  });

  it.each([
    ["not json", "{", /\$X is not JSON/],
    ["empty list", "[]", /\$X must be a non-empty JSON array/],
    ["an object", '{"url":"https://h"}', /must be a non-empty JSON array/],
    ["item not an object", "[1]", /\$X\[0\] must be an object; got 1/],
    ["missing url", '[{"expectedBodyBase64":""}]', /\$X\[0\]\.url \(missing\) is not an absolute URL; each file needs the http\(s\) URL/],
    ["ftp url", '[{"url":"ftp://h/x"}]', /\$X\[0\]\.url "ftp:\/\/h\/x" is not an http\(s\) URL; each file needs/],
    ["bad base64", '[{"url":"https://h/x","expectedBodyBase64":"not base64!"}]', /\$X\[0\]\.expectedBodyBase64 must be a base64 string/],
    ["second item", '[{"url":"https://h/x"},{"url":3}]', /\$X\[1\]\.url/],
  ])("rejects %s", (_, text, pattern) => {
    expect(() => parseWork(text, "$X")).toThrow(pattern);
  });
});

describe("parseSettings", () => {
  it.each([
    [{}, {}],
    [{ ALEXA_LINKING_VERIFY_ATTEMPTS: "3" }, { attempts: 3 }],
    [
      { ALEXA_LINKING_VERIFY_DELAY_MS: "0", ALEXA_LINKING_VERIFY_TIMEOUT_MS: "250" },
      { delayMs: 0, timeoutMs: 250 },
    ],
    [{ ALEXA_LINKING_VERIFY_ATTEMPTS: "" }, {}],
  ])("%p -> %p", (env, settings) => {
    expect(parseSettings(env)).toEqual(settings);
  });

  it.each([
    [{ ALEXA_LINKING_VERIFY_ATTEMPTS: "0" }, /ALEXA_LINKING_VERIFY_ATTEMPTS must be an integer >= 1; got "0"/],
    [{ ALEXA_LINKING_VERIFY_DELAY_MS: "-1" }, /ALEXA_LINKING_VERIFY_DELAY_MS must be an integer >= 0; got "-1"/],
    [{ ALEXA_LINKING_VERIFY_TIMEOUT_MS: "1.5" }, /ALEXA_LINKING_VERIFY_TIMEOUT_MS must be an integer >= 1; got "1.5"/],
  ])("rejects %p", (env, pattern) => {
    expect(() => parseSettings(env)).toThrow(pattern);
  });
});

describe("result lines", () => {
  it.each([
    ["m", 1, 5000, "m (1 attempt, not retried)"],
    ["m", 6, 5000, "m (gave up after 6 attempts over 25 s)"],
    ["m", 2, 250, "m (gave up after 2 attempts over 0.25 s)"],
  ])("withAttempts(%p, %p, %p)", (message, attempts, delay, expected) => {
    expect(withAttempts(message, attempts, delay)).toBe(expected);
  });

  it.each([
    [
      { url: "https://h/x", ok: true, attempts: 1, summary: "200, application/json, 9 bytes, as rendered" },
      "ok    https://h/x (200, application/json, 9 bytes, as rendered)",
    ],
    [{ url: "https://h/x", ok: false, attempts: 1, message: "https://h/x answered HTTP 404" }, "FAIL  https://h/x answered HTTP 404"],
    [{ url: "https://h/x", ok: false, attempts: 1, message: "other" }, "FAIL  https://h/x: other"],
  ])("formatResult %#", (result, line) => {
    expect(formatResult(result)).toBe(line);
  });
});

describe("settingsEnvironment", () => {
  it.each([
    [{}, {}],
    [{ attempts: 1 }, { ALEXA_LINKING_VERIFY_ATTEMPTS: "1" }],
    [
      { delayMs: 0, timeoutMs: 500 },
      { ALEXA_LINKING_VERIFY_DELAY_MS: "0", ALEXA_LINKING_VERIFY_TIMEOUT_MS: "500" },
    ],
  ])("%p", (settings, env) => {
    expect(settingsEnvironment(settings)).toEqual(env);
    expect(parseSettings(settingsEnvironment(settings))).toEqual(settings);
  });
});

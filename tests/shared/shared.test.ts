/**
 * Table tests of the shared rules: redaction, endpoints, paging, paths, and the
 * per-attempt abort of withRetry.
 */
import { withRetry } from "../../packages/alexa-linking-component/src/shared/retry";
import { endpointProblem, isLoopbackHost, showUrl } from "../../packages/alexa-linking-component/src/shared/urls";
import { nextPageToken } from "../../packages/alexa-linking-component/src/shared/paging";
import { isInside, segmentProblem } from "../../packages/alexa-linking-component/src/shared/paths";
import {
  capText,
  hasControlCharacter,
  MIN_REDACTED_LENGTH,
  redact,
  REDACTED,
  secretForms,
  serverText,
  WITHHELD,
} from "../../packages/alexa-linking-component/src/shared/secrets";
import { fakeRuntime } from "../support/retryRuntime";

const SECRET = 'Se"cr&t=+/\\value-0123';

describe("redact: every form of a long secret", () => {
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  test.each<[string, string]>([
    ["raw", `x ${SECRET} y`],
    ["URL-encoded", `x ${encodeURIComponent(SECRET)} y`],
    ["URL-encoded, lower-case escapes", `x ${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())} y`],
    ["form-encoded", `x ${new URLSearchParams({ s: SECRET }).toString().slice(2)} y`],
    ["JSON-escaped", `x ${JSON.stringify({ s: SECRET })} y`],
    ["JSON-escaped the Go way", `x ${JSON.stringify(SECRET).replace(/&/g, "\\u0026").replace(/\//g, "\\/")} y`],
    ["base64", `x ${b64(SECRET)} y`],
    ["base64 after one byte", `x ${b64(`:${SECRET}`)} y`],
    ["base64 after two bytes", `x ${b64(`id:${SECRET}`)} y`],
    ["base64url", `x ${b64(SECRET).replace(/\+/g, "-").replace(/\//g, "_")} y`],
  ])("%s", (_form, text) => {
    const out = redact(text, [SECRET]);
    expect(out).toContain(REDACTED);
    for (const form of secretForms(SECRET)) expect(out).not.toContain(form);
    expect(out).not.toContain(SECRET.slice(0, 8));
  });

  test.each<[string, string, string]>([
    ["a Bearer header", "Authorization: Bearer abcdefghijklmnop0123", "Authorization: Bearer [secret]"],
    ["an LWA access token", "token Atza|IwEBIA-xyz_123 here", "token [secret] here"],
    ["an LWA access token, URL-encoded", "token=Atza%7CIwEBIA-xyz&x=1", "token=[secret]&x=1"],
    ["an LWA refresh token", "Atzr|IwEB-refresh", "[secret]"],
    ["an LWA client secret", "secret amzn1.oa2-cs.v1.0123abc, next", "secret [secret], next"],
    ["short words after Bearer are kept", "Bearer token is invalid", "Bearer token is invalid"],
  ])("tokens by their shape: %s", (_name, text, expected) => {
    expect(redact(text, [])).toBe(expected);
  });

  test("secrets shorter than the minimum are never replaced by substring; text holding one is withheld", () => {
    expect(MIN_REDACTED_LENGTH).toBe(8);
    expect(redact("Login with Amazon said invalid_client", ["a"])).toBe(WITHHELD);
    expect(redact("Login with Amazon said invalid_client", ["zz"])).toBe("Login with Amazon said invalid_client");
    expect(redact(`quoted ${encodeURIComponent("a&b")}`, ["a&b"])).toBe(WITHHELD);
  });

  test("serverText redacts before it cuts, so a secret across the limit leaves no prefix", () => {
    const text = `${"e".repeat(290)}${SECRET} and more`;
    const out = serverText(text, [SECRET]);
    expect(out).not.toContain(SECRET.slice(0, 6));
    expect(out).toMatch(/^e{290}\[secret\]/);
    expect(serverText(`a\nb\u0000c`, [])).toBe("a b c");
    expect(capText("x".repeat(10), 4)).toBe("xxxx...(10 characters)");
  });

  test.each<[string, boolean]>([
    ["plain-value_0123", false],
    ["with\nnewline", true],
    ["with\ttab", true],
    ["nul\u0000", true],
    ["del\u007f", true],
    ["c1\u0085", true],
    ["line-separator\u2028", true],
    ["unicode é ü 漢字", false],
  ])("hasControlCharacter(%p) is %p", (value, expected) => {
    expect(hasControlCharacter(value)).toBe(expected);
  });
});

describe("endpoints: https anywhere, http only to this machine", () => {
  test.each<[string, boolean]>([
    ["localhost", true],
    ["LOCALHOST", true],
    // *.localhost goes to getaddrinfo, which may ask the network's DNS server (issue 23, point 4).
    ["emu.localhost", false],
    ["smapi.localhost.", false],
    ["localhost.", false],
    ["127.0.0.1", true],
    ["127.255.0.9", true],
    ["[::1]", true],
    ["[::ffff:7f00:1]", true],
    ["10.0.0.5", false],
    ["128.0.0.1", false],
    ["localhost.example.com", false],
    ["[::2]", false],
  ])("isLoopbackHost(%p) is %p", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  test.each<[unknown, RegExp | undefined]>([
    ["https://api.amazon.com", undefined],
    ["http://127.0.0.1:9000", undefined],
    ["http://127.1:9000", undefined],
    ["http://localhost:9000/", undefined],
    ["http://[::1]:9000", undefined],
    ["http://10.0.0.5:8080", /plain http to 10\.0\.0\.5, which is not this machine/],
    ["http://smapi.localhost:8080", /plain http to smapi\.localhost, which is not this machine/],
    ["https://smapi.localhost:8080", undefined],
    ["http://api.amazon.com", /plain http to api\.amazon\.com/],
    ["https://u:p@api.amazon.com", /user name or password/],
    ["ftp://127.0.0.1", /not an http\(s\) URL/],
    ["localhost:5000", /not an http\(s\) URL/],
    [5, /not an absolute URL/],
  ])("endpointProblem(%p)", (value, expected) => {
    const problem = endpointProblem(value);
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeUndefined();
  });

  test("a URL with a password is shown without it", () => {
    expect(showUrl("https://user:hunter2@api.amazon.com/x")).toBe('"https://***@api.amazon.com/x"');
  });

  test.each<[unknown, string]>([
    ["http://admin:hunter2@10.1.2.3/", '"http://***@10.1.2.3/"'],
    // Not parsed as a URL with a user part, but text that carries one all the same.
    ["admin:hunter2@10.1.2.3", '"***@10.1.2.3"'],
    ["http://admin:hunter2@[bad/", '"http://***@[bad/"'],
    [["http://admin:hunter2@10.1.2.3/"], '["http://***@10.1.2.3/"]'],
    [{ smapi: { url: "https://a:hunter2@h/" } }, '{"smapi":{"url":"https://***@h/"}}'],
    [5, "5"],
  ])("showUrl(%p) masks the password wherever it is", (value, shown) => {
    expect(showUrl(value)).toBe(shown);
    expect(showUrl(value)).not.toContain("hunter2");
  });
});

describe("paging", () => {
  const listing = { operation: "ListThings", where: "region r", skip: "name it" };
  test("follows new tokens, ends without one", () => {
    const seen: string[] = [];
    expect(nextPageToken(listing, seen, "a")).toBe("a");
    expect(nextPageToken(listing, seen, "b")).toBe("b");
    expect(nextPageToken(listing, seen, undefined)).toBeUndefined();
    expect(nextPageToken(listing, seen, "")).toBeUndefined();
    expect(seen).toEqual(["a", "b"]);
  });
  test("a repeated token stops the listing", () => {
    expect(() => nextPageToken(listing, ["a", "b"], "a")).toThrow(
      /ListThings in region r answered a next-page token it had given before \(after 3 pages\).*or name it to skip the listing/,
    );
  });
  test("the bound stops the listing", () => {
    const seen = ["1", "2"];
    expect(() => nextPageToken(listing, seen, "3", 3)).toThrow(/still had more after 3 pages/);
  });
});

describe("paths", () => {
  test.each<[string, string, boolean]>([
    ["/out", "/out/.well-known/a", true],
    ["/out", "/out", true],
    ["/out", "/out/../etc/passwd", false],
    ["/out", "/outside/a", false],
    ["/out", "/out/..hidden", true],
  ])("isInside(%p, %p) is %p", (dir, file, expected) => {
    expect(isInside(dir, file)).toBe(expected);
  });
  test.each<[string, boolean]>([
    ["assetlinks.json", false],
    ["..", true],
    [".", true],
    ["../x", true],
    ["a\\b", true],
    ["nul\0", true],
    ["..x", false],
  ])("segmentProblem(%p) refuses: %p", (segment, refused) => {
    expect(segmentProblem(segment) !== undefined).toBe(refused);
  });
});

describe("withRetry aborts the attempt that timed out", () => {
  test("each attempt gets a signal; a timed-out one is aborted", async () => {
    const signals: AbortSignal[] = [];
    const error = await withRetry(
      (signal) => {
        signals.push(signal);
        return new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
      },
      {
        policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 10_000, attemptTimeoutMs: 20 },
        runtime: fakeRuntime(),
        classify: () => ({ connection: true, message: "timeout" }),
        giveUp: ({ attempts }) => new Error(`gave up after ${attempts}`),
      },
    ).catch((e: Error) => e);
    expect((error as Error).message).toBe("gave up after 2");
    expect(signals).toHaveLength(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(signals[0].reason).toMatchObject({ name: "AttemptTimeout", message: "no answer within 20 ms" });
  });
});

import { fetchFile } from "../../packages/alexa-linking-component/src/verify/fetchFile";
import { verifyAll, verifyFile, VerifyOptions } from "../../packages/alexa-linking-component/src/verify/run";
import { LocalServer, s3Error, serve, startServer } from "./localServer";

const AASA = JSON.stringify(
  { applinks: { details: [{ appIDs: ["ABCDE12345.com.espressif.rainmaker"], components: [{ "/": "*" }] }] } },
  null,
  2,
);
const AASA_PATH = "/.well-known/apple-app-site-association";

let server: LocalServer;
let sleeps: number[];
// The retry delays are recorded, not slept. The request timeout is generous: on a loaded machine a
// local answer can take seconds, and a timeout would be retried; the timeout tests set their own.
const fast = (): VerifyOptions => ({ attempts: 3, delayMs: 1000, timeoutMs: 30_000, sleep: async (ms) => void sleeps.push(ms) });

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  sleeps = [];
  server.hits.clear();
});

const check = (path: string, body: string | undefined = AASA, options = fast()) =>
  verifyFile(body === undefined ? { url: server.base + path } : { url: server.base + path, body }, options);

describe("verifyFile against a local server", () => {
  it("200 with application/json and the rendered body passes on the first request", async () => {
    server.route("/ok" + AASA_PATH, serve(AASA));
    const result = await check("/ok" + AASA_PATH);
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(result.summary).toBe(`200, application/json, ${Buffer.byteLength(AASA)} bytes, as rendered`);
    expect(server.hits.get("/ok" + AASA_PATH)).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("a 301 fails at once, names the Location and is not retried", async () => {
    server.route("/moved", (_req, res) => {
      res.writeHead(301, { location: "https://elsewhere.example/.well-known/apple-app-site-association" });
      res.end();
    });
    const result = await check("/moved");
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.message).toMatch(/HTTP 301, a redirect to https:\/\/elsewhere\.example\/\.well-known\/apple-app-site-association/);
    expect(result.message).toMatch(/refuse redirects/);
    expect(server.hits.get("/moved")).toBe(1);
  });

  it("a 403 is retried the configured number of times, then names the likely causes and the attempts", async () => {
    server.route("/private", s3Error(403, "AccessDenied"));
    const result = await check("/private");
    expect(result).toMatchObject({ ok: false, attempts: 3 });
    expect(result.message).toMatch(/HTTP 403 \(S3 AccessDenied\)/);
    expect(result.message).toMatch(/account-level S3 Block Public Access/);
    expect(result.message).toMatch(/ownership/);
    expect(result.message).toMatch(/bucket policy/);
    expect(result.message).toMatch(/gave up after 3 attempts over 2 s/);
    expect(server.hits.get("/private")).toBe(3);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it("a 403 that turns into a 200 (policy propagating) passes", async () => {
    server.route("/propagating", (req, res, hit) => (hit < 3 ? s3Error(403, "AccessDenied") : serve(AASA))(req, res, hit));
    const result = await check("/propagating");
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(server.hits.get("/propagating")).toBe(3);
  });

  it("a 404 says the object is missing, after retries", async () => {
    const result = await check("/missing");
    expect(result).toMatchObject({ ok: false, attempts: 3 });
    expect(result.message).toMatch(/HTTP 404 \(S3 NoSuchKey\): the object is missing/);
    expect(server.hits.get("/missing")).toBe(3);
  });

  it("a wrong content type fails without retries and explains S3's default", async () => {
    server.route("/octet", serve(AASA, "binary/octet-stream"));
    const result = await check("/octet");
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.message).toMatch(/Content-Type is "binary\/octet-stream", expected application\/json/);
    expect(result.message).toMatch(/uploaded without a Content-Type/);
    expect(server.hits.get("/octet")).toBe(1);
  });

  it("a wrong body fails with sizes and the first difference, not the whole body", async () => {
    server.route("/stale", serve(AASA.replace("ABCDE12345", "ZZZZZ99999")));
    const result = await check("/stale");
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.message).toMatch(/body differs from what was rendered/);
    expect(result.message).toMatch(/first difference at offset \d+ \(line 6, column \d+\)/);
    expect(result.message).toContain("ZZZZZ");
    expect(result.message).not.toContain("components");
  });

  it("a server that never answers times out after the injected timeout, retried", async () => {
    server.route("/hang", () => undefined);
    const result = await check("/hang", AASA, { ...fast(), attempts: 2, timeoutMs: 150 });
    expect(result).toMatchObject({ ok: false, attempts: 2 });
    expect(result.message).toMatch(/did not answer within 150 ms \(timeout\)/);
    expect(result.message).toMatch(/gave up after 2 attempts/);
    expect(server.hits.get("/hang")).toBe(2);
  });

  it("a body that stalls half way times out too", async () => {
    server.route("/stall", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 1000 });
      res.write("{");
    });
    const result = await check("/stall", AASA, { ...fast(), attempts: 1, timeoutMs: 150 });
    expect(result.message).toMatch(/timeout/);
  });

  it("a closed port is a network failure", async () => {
    const other = await startServer();
    const url = `${other.base}/x`;
    await other.close();
    const result = await verifyFile({ url, body: "{}" }, { ...fast(), attempts: 2 });
    expect(result).toMatchObject({ ok: false, attempts: 2 });
    expect(result.message).toMatch(/request failed: .*ECONNREFUSED/);
  });

  it("without an expected body checks JSON validity only", async () => {
    server.route("/html", serve("<html></html>"));
    server.route("/json", serve('{"any": "json"}'));
    const [html, json] = await verifyAll([{ url: `${server.base}/html` }, { url: `${server.base}/json` }], fast());
    expect(html.message).toMatch(/not valid JSON/);
    expect(json).toMatchObject({ ok: true, summary: expect.stringMatching(/valid JSON$/) });
  });

  it("verifyAll checks every file and keeps their order", async () => {
    server.route("/a", serve(AASA));
    server.route("/b", s3Error(403, "AccessDenied"));
    const results = await verifyAll(
      [
        { url: `${server.base}/a`, body: AASA },
        { url: `${server.base}/b`, body: AASA },
      ],
      fast(),
    );
    expect(results.map((r) => [r.url.slice(server.base.length), r.ok])).toEqual([
      ["/a", true],
      ["/b", false],
    ]);
  });
});

describe("fetchFile", () => {
  it("does not follow redirects and returns the headers in lower case", async () => {
    server.route("/r", (_req, res) => {
      res.writeHead(307, { Location: "/target", "X-Amz-Request-Id": "abc" });
      res.end();
    });
    const outcome = await fetchFile(`${server.base}/r`);
    expect(outcome).toMatchObject({
      kind: "response",
      response: { status: 307, headers: { location: "/target", "x-amz-request-id": "abc" } },
    });
    expect(server.hits.get("/target")).toBeUndefined();
  });

  it("stops reading a body larger than the limit", async () => {
    server.route("/big", serve("x".repeat(5000)));
    const outcome = await fetchFile(`${server.base}/big`, { maxBodyBytes: 1000 });
    expect(outcome).toMatchObject({ kind: "response", response: { truncated: true } });
    expect(outcome.kind === "response" && outcome.response.body.length).toBe(1000);
  });

  it.each([
    ["ftp://example.com/x", /"ftp:\/\/example\.com\/x" is not an http\(s\) URL/],
    ["not a url", /"not a url" is not an absolute URL/],
  ])("rejects %p without a request", async (url, pattern) => {
    const outcome = await fetchFile(url);
    expect(outcome.kind).toBe("failure");
    expect(outcome.kind === "failure" && outcome.failure.message).toMatch(pattern);
  });
});

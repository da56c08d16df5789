import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { capturedIo } from "../support/cliIo";
import { expectedPathFor, parseVerifyArgs, urlsFromStackOutput, verify } from "../../packages/alexa-linking-component/src/cli/verify";
import { LocalServer, s3Error, serve, startServer } from "./localServer";

const AASA = '{"applinks":{"details":[{"appIDs":["ABCDE12345.com.espressif.rainmaker"],"components":[{"/":"*"}]}]}}';
const LINKS = '[{"relation":["delegate_permission/common.handle_all_urls"]}]';

describe("parseVerifyArgs", () => {
  it.each([
    [["--url", "https://h/a"], { urls: [{ url: "https://h/a" }], attempts: 1 }],
    [["--url", "https://h/a", "--expect-file", "a.json", "--url", "https://h/b"],
      { urls: [{ url: "https://h/a", expectFile: "a.json" }, { url: "https://h/b" }] }],
    [["--url=https://h/a", "--expect-file=a.json"], { urls: [{ url: "https://h/a", expectFile: "a.json" }] }],
    [["--stack-output", "-", "--expect-dir", "out"], { urls: [], stackOutput: "-", expectDir: "out" }],
    [["--url", "http://127.0.0.1:9/x", "--attempts", "3", "--delay-ms", "0", "--timeout-ms", "500"],
      { attempts: 3, delayMs: 0, timeoutMs: 500 }],
    [["--help"], { help: true }],
  ])("%p", (argv, expected) => {
    expect(parseVerifyArgs(argv)).toMatchObject(expected);
  });

  it.each([
    [[], /nothing to check: give --url <url> or --stack-output/],
    [["--url"], /--url needs a value/],
    [["--url", "--expect-file"], /--url needs a value/],
    [["--url", "h/a"], /--url must be an http\(s\) URL; got "h\/a"/],
    [["--expect-file", "a.json"], /--expect-file "a.json" must follow the --url it belongs to/],
    [["--url", "https://h/a", "--expect-file", "a", "--expect-file", "b"], /--expect-file "b" must follow the --url/],
    [["--url", "https://h/a", "--attempts", "0"], /--attempts must be an integer >= 1; got "0"/],
    [["--url", "https://h/a", "--timeout-ms", "soon"], /--timeout-ms must be an integer >= 1; got "soon"/],
    [["--url", "https://h/a", "--expect-dir", "x"], /--expect-dir only applies to --stack-output/],
    [["--url", "https://h/a", "--verbose"], /unknown option "--verbose"/],
  ])("rejects %p", (argv, pattern) => {
    expect(() => parseVerifyArgs(argv)).toThrow(pattern);
  });
});

describe("urlsFromStackOutput", () => {
  const ios = "https://b.s3.eu-west-1.amazonaws.com/.well-known/apple-app-site-association";
  const android = "https://b.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json";
  it.each([
    ["top-level map", { redirectURL: "x", associationFileUrls: { ios, android } }, [ios, android]],
    ["top-level list", { associationFileUrls: [android] }, [android]],
    ["nested in one output", { alexa: { redirectURL: "x", associationFileUrls: { ios } }, other: 1 }, [ios]],
  ])("%s", (_, output, urls) => {
    expect(urlsFromStackOutput(JSON.stringify(output), "out.json")).toEqual(urls);
  });

  it.each([
    ["{", /out\.json is not JSON/],
    ["[]", /must be the JSON object printed by `pulumi stack output --json`/],
    ['{"redirectURL":"x"}', /has no associationFileUrls output/],
    ['{"a":{"associationFileUrls":{}},"b":{"associationFileUrls":{}}}', /has 2 associationFileUrls outputs/],
    ['{"associationFileUrls":{}}', /must be a map or list of URLs; got \{\}/],
    ['{"associationFileUrls":["ftp://x"]}', /must be a map or list of URLs/],
  ])("rejects %p", (text, pattern) => {
    expect(() => urlsFromStackOutput(text, "out.json")).toThrow(pattern);
  });
});

describe("expectedPathFor", () => {
  const url = "https://b.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json";
  it.each([
    ["the URL path under the folder (what `render` writes)", ["/out/.well-known/assetlinks.json", "/out/assetlinks.json"], "/out/.well-known/assetlinks.json"],
    ["else the file name", ["/out/assetlinks.json"], "/out/assetlinks.json"],
    ["else nothing", [] as string[], undefined],
  ])("%s", (_, present, expected) => {
    expect(expectedPathFor(url, "/out", (f) => present.includes(f))).toBe(expected);
  });
});

describe("alexa-linking verify", () => {
  let server: LocalServer;
  let dir: string;
  beforeAll(async () => {
    server = await startServer();
    server.route("/.well-known/apple-app-site-association", serve(AASA));
    server.route("/.well-known/assetlinks.json", serve(LINKS));
    server.route("/private/.well-known/assetlinks.json", s3Error(403, "AccessDenied"));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "alexa-linking-verify-"));
    fs.mkdirSync(path.join(dir, "rendered", ".well-known"), { recursive: true });
    fs.writeFileSync(path.join(dir, "rendered", ".well-known", "apple-app-site-association"), AASA);
    fs.writeFileSync(path.join(dir, "rendered", ".well-known", "assetlinks.json"), LINKS);
    fs.writeFileSync(path.join(dir, "stale.json"), LINKS.replace("handle_all_urls", "get_login_creds"));
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => server.hits.clear());

  const io = (stdin = "") => capturedIo({ stdin, cwd: dir });

  it("--url with --expect-file: exit 0 when served as rendered", async () => {
    const cli = io();
    const code = await verify(["--url", `${server.base}/.well-known/assetlinks.json`, "--expect-file", "rendered/.well-known/assetlinks.json"], cli);
    expect(code).toBe(0);
    expect(cli.out).toMatch(/^ok {4}.*assetlinks\.json \(200, application\/json, \d+ bytes, as rendered\)\n$/);
  });

  it("--url with a stale --expect-file: exit 1 with the difference", async () => {
    const cli = io();
    const code = await verify(["--url", `${server.base}/.well-known/assetlinks.json`, "--expect-file", "stale.json"], cli);
    expect(code).toBe(1);
    expect(cli.err).toMatch(/body differs from what was rendered/);
    expect(cli.err).toMatch(/Fix the causes above and run the check again/);
  });

  it("--url alone checks status, type and JSON; a 403 is tried once by default", async () => {
    const cli = io();
    const code = await verify(["--url", `${server.base}/.well-known/apple-app-site-association`, "--url", `${server.base}/private/.well-known/assetlinks.json`], cli);
    expect(code).toBe(1);
    expect(cli.out).toMatch(/valid JSON\)/);
    expect(cli.err).toMatch(/HTTP 403 \(S3 AccessDenied\).*\(1 attempt, not retried\)/);
    expect(server.hits.get("/private/.well-known/assetlinks.json")).toBe(1);
  });

  it("--stack-output - with --expect-dir checks every associationFileUrls entry against the rendered files", async () => {
    const output = JSON.stringify({
      redirectURL: `${server.base}/`,
      associationFileUrls: { ios: `${server.base}/.well-known/apple-app-site-association`, android: `${server.base}/.well-known/assetlinks.json` },
    });
    const cli = io(output);
    const code = await verify(["--stack-output", "-", "--expect-dir", "rendered"], cli);
    expect(cli.err).toBe("");
    expect(code).toBe(0);
    expect(cli.out.trim().split("\n")).toHaveLength(2);
    expect(cli.out).not.toMatch(/valid JSON/);
  });

  it("--stack-output from a file", async () => {
    fs.writeFileSync(path.join(dir, "out.json"), JSON.stringify({ associationFileUrls: [`${server.base}/.well-known/assetlinks.json`] }));
    const cli = io();
    expect(await verify(["--stack-output", "out.json"], cli)).toBe(0);
  });

  it.each([
    [["--url", "https://h/a", "--expect-file", "missing.json"], /--expect-file: cannot read .*missing\.json: ENOENT/],
    [["--stack-output", "nope.json"], /--stack-output: cannot read .*nope\.json: ENOENT/],
    [["--bogus"], /unknown option "--bogus"/],
  ])("exit 2 with usage for %p, without any request", async (argv, pattern) => {
    const cli = io();
    expect(await verify(argv, cli)).toBe(2);
    expect(cli.err).toMatch(pattern);
    expect(cli.err).toMatch(/usage: alexa-linking verify/);
    expect(server.hits.size).toBe(0);
  });

  it("--expect-dir without a file for a URL is a usage error", async () => {
    const cli = io(JSON.stringify({ associationFileUrls: [`${server.base}/.well-known/other.json`] }));
    expect(await verify(["--stack-output", "-", "--expect-dir", "rendered"], cli)).toBe(2);
    expect(cli.err).toMatch(/--expect-dir rendered has no file for .*other\.json/);
  });

  it("--help prints the usage and exits 0", async () => {
    const cli = io();
    expect(await verify(["--help"], cli)).toBe(0);
    expect(cli.out).toMatch(/--stack-output <file\|->/);
  });
});

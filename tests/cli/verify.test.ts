import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { capturedIo } from "../support/cliIo";
import { verify as verifyVerb } from "../../packages/alexa-linking-component/src/cli/verify";
import { runVerb } from "../../packages/alexa-linking-component/src/cli/main";
import type { CliIo } from "../../packages/alexa-linking-component/src/cli/io";
import { expectedPathFor, parseVerifyArgs } from "../../packages/alexa-linking-component/src/cli/verify";
import { parseOutputsText, readVerifyUrls, StackOutputs } from "../../packages/alexa-linking-component/src/stackOutputs";
import { LocalServer, s3Error, serve, startServer } from "../verify/localServer";

/** The verb as the command line runs it: errors become exit codes. */
const verify = (argv: string[], io: CliIo) => runVerb("verify", verifyVerb, argv, io);

const AASA = '{"applinks":{"details":[{"appIDs":["ABCDE12345.com.espressif.rainmaker"],"components":[{"/":"*"}]}]}}';
const LINKS = '[{"relation":["delegate_permission/common.handle_all_urls"]}]';

describe("parseVerifyArgs", () => {
  it.each([
    [["--url", "https://h/a"], { urls: [{ url: "https://h/a" }], attempts: 1 }],
    [
      ["--url", "https://h/a", "--expect-file", "a.json", "--url", "https://h/b"],
      { urls: [{ url: "https://h/a", expectFile: "a.json" }, { url: "https://h/b" }] },
    ],
    [["--url=https://h/a", "--expect-file=a.json"], { urls: [{ url: "https://h/a", expectFile: "a.json" }] }],
    [["--stack-output", "-", "--expect-dir", "out"], { urls: [], stackOutput: "-", expectDir: "out" }],
    [
      ["--url", "http://127.0.0.1:9/x", "--attempts", "3", "--delay-ms", "0", "--timeout-ms", "500"],
      { attempts: 3, delayMs: 0, timeoutMs: 500 },
    ],
    [["--help"], { help: true }],
  ])("%p", (argv, expected) => {
    expect(parseVerifyArgs(argv)).toMatchObject(expected);
  });

  it.each([
    [[], /nothing to check: give --url <url> or --stack-output/],
    [["--url"], /--url needs a value/],
    [["--url", "--expect-file"], /--url needs a value/],
    [["--url", "h/a"], /--url "h\/a" is not an absolute URL\. Fix: /],
    [["--expect-file", "a.json"], /--expect-file "a.json" must follow the --url it belongs to/],
    [["--url", "https://h/a", "--expect-file", "a", "--expect-file", "b"], /--expect-file "b" must follow the --url/],
    [["--url", "https://h/a", "--attempts", "0"], /--attempts must be an integer >= 1; got "0"/],
    [["--url", "https://h/a", "--timeout-ms", "soon"], /--timeout-ms must be an integer >= 1; got "soon"/],
    [["--url", "https://h/a", "--expect-dir", "x"], /--expect-dir only applies to --stack-output/],
    [["--url", "https://h/a", "--verbose"], /unknown option --verbose/],
    [["--from", "links", "--url", "https://h/a"], /--from only applies to --stack-output/],
    [["--url", "https://h/a", "stray"], /unexpected argument "stray"/],
  ])("rejects %p", (argv, pattern) => {
    expect(() => parseVerifyArgs(argv)).toThrow(pattern);
  });
});

describe("the URLs verify reads from the stack outputs (src/stackOutputs.ts)", () => {
  const ios = "https://b.s3.eu-west-1.amazonaws.com/.well-known/apple-app-site-association";
  const android = "https://b.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json";
  const urlsFromStackOutput = (text: string, source: string, from?: string) =>
    readVerifyUrls(new StackOutputs(parseOutputsText({ text, source, fileOption: "--stack-output" }), from));
  it.each<[string, unknown, string | undefined, string[]]>([
    ["top-level map", { redirectURL: "x", associationFileUrls: { ios, android } }, undefined, [ios, android]],
    ["one platform", { associationFileUrls: { android } }, undefined, [android]],
    ["nested in one output, with --from", { alexa: { redirectURL: "x", associationFileUrls: { ios } }, other: 1 }, "alexa", [ios]],
  ])("%s", (_, output, from, urls) => {
    expect(urlsFromStackOutput(JSON.stringify(output), "out.json", from)).toEqual(urls);
  });

  it.each([
    ["{", /out\.json is not JSON/],
    ["", /out\.json is empty\. Fix: pipe `pulumi stack output --json` into it, or pass --stack-output <file>/],
    ["[]", /the stack outputs are \[\], not an object\. Fix: pass the output of `pulumi stack output --json`/],
    ['{"redirectURL":"x"}', /stack output associationFileUrls is missing \(found: redirectURL\)/],
    ['{"alexa":{"associationFileUrls":{"ios":"https://h/a"}}}', /associationFileUrls is missing .*with --from alexa/],
    ['{"a":{"associationFileUrls":{}},"b":{"associationFileUrls":{}}}', /from one of the outputs "a", "b" with --from <output>/],
    ['{"associationFileUrls":{}}', /associationFileUrls is \{\}; expected \{"ios"\?: URL, "android"\?: URL\}/],
    ['{"associationFileUrls":["https://h/a"]}', /associationFileUrls is \["https:\/\/h\/a"\], not \{"ios"\?/],
    ['{"associationFileUrls":{"ios":"ftp://x"}}', /associationFileUrls\.ios "ftp:\/\/x" is not an http\(s\) URL/],
    [
      '{"associationFileUrls":"[secret]"}',
      /associationFileUrls is shown as "\[secret\]"\. Fix: run `pulumi stack output --json --show-secrets`/,
    ],
  ])("rejects %p", (text, pattern) => {
    expect(() => urlsFromStackOutput(text, "out.json")).toThrow(pattern);
  });
});

describe("expectedPathFor", () => {
  const url = "https://b.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json";
  it.each([
    [
      "the URL path under the folder (what `render` writes)",
      ["/out/.well-known/assetlinks.json", "/out/assetlinks.json"],
      "/out/.well-known/assetlinks.json",
    ],
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
    const code = await verify(
      ["--url", `${server.base}/.well-known/assetlinks.json`, "--expect-file", "rendered/.well-known/assetlinks.json"],
      cli,
    );
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
    const code = await verify(
      ["--url", `${server.base}/.well-known/apple-app-site-association`, "--url", `${server.base}/private/.well-known/assetlinks.json`],
      cli,
    );
    expect(code).toBe(1);
    expect(cli.out).toMatch(/valid JSON\)/);
    expect(cli.err).toMatch(/HTTP 403 \(S3 AccessDenied\).*\(1 attempt, not retried\)/);
    expect(server.hits.get("/private/.well-known/assetlinks.json")).toBe(1);
  });

  it("--stack-output - with --expect-dir checks every associationFileUrls entry against the rendered files", async () => {
    const output = JSON.stringify({
      redirectURL: `${server.base}/`,
      associationFileUrls: {
        ios: `${server.base}/.well-known/apple-app-site-association`,
        android: `${server.base}/.well-known/assetlinks.json`,
      },
    });
    const cli = io(output);
    const code = await verify(["--stack-output", "-", "--expect-dir", "rendered"], cli);
    expect(cli.err).toBe("");
    expect(code).toBe(0);
    expect(cli.out.trim().split("\n")).toHaveLength(2);
    expect(cli.out).not.toMatch(/valid JSON/);
  });

  it("--stack-output from a file", async () => {
    fs.writeFileSync(
      path.join(dir, "out.json"),
      JSON.stringify({ associationFileUrls: { android: `${server.base}/.well-known/assetlinks.json` } }),
    );
    const cli = io();
    expect(await verify(["--stack-output", "out.json"], cli)).toBe(0);
  });

  it.each([
    [["--bogus"], /unknown option --bogus; known: --url/],
    [["--stak-output", "-"], /unknown option --stak-output; .*Fix: did you mean --stack-output\?/],
    [["--url", "https://h/a", "--attempts", "0"], /--attempts must be an integer >= 1; got "0"/],
  ])("exit 2 (usage) with the --help hint for %p, without any request", async (argv, pattern) => {
    const cli = io();
    expect(await verify(argv, cli)).toBe(2);
    expect(cli.err).toMatch(pattern);
    expect(cli.err).toMatch(/alexa-linking verify --help/);
    expect(server.hits.size).toBe(0);
  });

  it.each([
    [["--url", "https://h/a", "--expect-file", "missing.json"], /--expect-file missing\.json: ENOENT/],
    [["--stack-output", "nope.json"], /--stack-output nope\.json: ENOENT/],
  ])("exit 1 for a file that cannot be read, %p, without any request", async (argv, pattern) => {
    const cli = io();
    expect(await verify(argv, cli)).toBe(1);
    expect(cli.err).toMatch(pattern);
    expect(server.hits.size).toBe(0);
  });

  it("--expect-dir without a file for a URL fails (exit 1) before any request", async () => {
    const cli = io(JSON.stringify({ associationFileUrls: { android: `${server.base}/.well-known/other.json` } }));
    expect(await verify(["--stack-output", "-", "--expect-dir", "rendered"], cli)).toBe(1);
    expect(server.hits.size).toBe(0);
    expect(cli.err).toMatch(/--expect-dir rendered has no file for .*other\.json/);
  });

  it("--help prints the usage and exits 0", async () => {
    const cli = io();
    expect(await verify(["--help"], cli)).toBe(0);
    expect(cli.out).toMatch(/--stack-output <file\|->/);
    expect(cli.out).toMatch(/Exit code: 0 every file passes; 1 a file fails.*; 2 usage error/);
  });
});

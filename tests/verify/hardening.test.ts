/**
 * The verify command and fetch against hostile stack outputs and servers (issue 15): URLs in the
 * stack outputs that decode to paths outside --expect-dir (12), a body that trickles past the
 * timeout (6), a body larger than any association file (7).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { capturedIo } from "../support/cliIo";
import { verify as verifyVerb } from "../../packages/alexa-linking-component/src/cli/verify";
import { runVerb } from "../../packages/alexa-linking-component/src/cli/main";
import type { CliIo } from "../../packages/alexa-linking-component/src/cli/io";

/** The verb as the command line runs it: errors become exit codes. */
const verify = (argv: string[], io: CliIo) => runVerb("verify", verifyVerb, argv, io);
import { fetchFile } from "../../packages/alexa-linking-component/src/verify/fetchFile";
import { type LocalServer, serve, startServer } from "./localServer";

const LINKS = '[{"relation":["delegate_permission/common.handle_all_urls"]}]';
const PRIVATE = '{"note":"TOP SECRET content of another file"}';

let server: LocalServer;
let dir: string;
let work: string;

beforeAll(async () => {
  server = await startServer();
  server.route("/.well-known/assetlinks.json", serve(LINKS));
  // What a hostile URL in the stack outputs asks for: an answer that differs from the file read.
  server.route("/..%2Fprivate.json", serve('{"x":1}'));
  server.route("/.well-known/..%2F..%2Fprivate.json", serve('{"x":1}'));
  server.route("/.well-known/..%5C..%5Cprivate.json", serve('{"x":1}'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-hardening-"));
  work = path.join(dir, "work");
  fs.mkdirSync(path.join(work, "rendered", ".well-known"), { recursive: true });
  fs.writeFileSync(path.join(work, "rendered", ".well-known", "assetlinks.json"), LINKS);
  fs.writeFileSync(path.join(work, "private.json"), PRIVATE);
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const io = (stdin: string) => capturedIo({ stdin, cwd: work });

const outputsWith = (url: string) => JSON.stringify({ associationFileUrls: { android: url } });

describe("12. --expect-dir stays inside its folder", () => {
  it.each([
    ["an encoded ../", "/..%2Fprivate.json"],
    ["encoded ../../ under .well-known", "/.well-known/..%2F..%2Fprivate.json"],
    ["encoded backslashes", "/.well-known/..%5C..%5Cprivate.json"],
  ])("%s in a URL of the stack outputs is refused, and no other file is read", async (_name, urlPath) => {
    const cli = io(outputsWith(`${server.base}${urlPath}`));
    const code = await verify(["--stack-output", "-", "--expect-dir", "rendered"], cli);
    expect(cli.err).toMatch(
      /--expect-dir: the path of .* has a segment that (is "\.\."|holds a path separator) once decoded; it would leave --expect-dir/,
    );
    expect(code).toBe(1);
    expect(cli.err).not.toContain("TOP SECRET");
    expect(cli.out).not.toContain("TOP SECRET");
  });

  it("a symbolic link in --expect-dir that leads out of it is not followed", async () => {
    const linked = path.join(work, "linked");
    fs.mkdirSync(path.join(linked, ".well-known"), { recursive: true });
    fs.symlinkSync(path.join(work, "private.json"), path.join(linked, ".well-known", "assetlinks.json"));
    const cli = io(outputsWith(`${server.base}/.well-known/assetlinks.json`));
    const code = await verify(["--stack-output", "-", "--expect-dir", "linked"], cli);
    expect(cli.err).toMatch(/--expect-dir: the file for .* is outside the folder .*symbolic link/);
    expect(code).toBe(1);
    expect(cli.err).not.toContain("TOP SECRET");
  });

  it("the ordinary layout still works", async () => {
    const cli = io(outputsWith(`${server.base}/.well-known/assetlinks.json`));
    expect(await verify(["--stack-output", "-", "--expect-dir", "rendered"], cli)).toBe(0);
    expect(cli.err).toBe("");
  });
});

describe("6 and 7. the association file fetch", () => {
  it("a body that trickles ends at the timeout, connection closed", async () => {
    let closedAt: number | undefined;
    server.route("/trickle.json", (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 50);
      req.socket.on("close", () => {
        clearInterval(timer);
        closedAt = Date.now();
      });
    });
    const started = Date.now();
    const outcome = await fetchFile(`${server.base}/trickle.json`, { timeoutMs: 300 });
    expect(outcome).toMatchObject({ kind: "failure", failure: { timedOut: true, timeoutMs: 300 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(closedAt).toBeDefined();
    expect(closedAt! - started).toBeLessThan(1000);
  });

  it("a body larger than the limit is cut there and its transfer ended", async () => {
    let sent = 0;
    server.route("/huge.json", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, " ");
      const pump = () => {
        while (!res.destroyed && sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    const outcome = await fetchFile(`${server.base}/huge.json`, { maxBodyBytes: 1024 * 1024 });
    expect(outcome).toMatchObject({ kind: "response", response: { status: 200, truncated: true } });
    if (outcome.kind === "response") expect(Buffer.byteLength(outcome.response.body)).toBe(1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });
});

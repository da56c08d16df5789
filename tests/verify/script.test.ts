import { spawn } from "child_process";
import * as path from "path";
import { runScript, ScriptIo } from "../../packages/alexa-linking-component/src/verify/script";
import { defaultScriptInvocation } from "../../packages/alexa-linking-component/src/verify/scriptPath";
import { encodeWork } from "../../packages/alexa-linking-component/src/verify/work";
import { LocalServer, s3Error, serve, startServer } from "./localServer";
import { capturedIo } from "../support/cliIo";

const ROOT = path.resolve(__dirname, "..", "..");
const SCRIPT_TS = path.join(ROOT, "packages/alexa-linking-component/src/verify/script.ts");
const BODY =
  '[{"relation":["delegate_permission/common.handle_all_urls"],"target":{"namespace":"android_app","package_name":"com.espressif.rainmaker","sha256_cert_fingerprints":["14:6D"]}}]';

let server: LocalServer;
beforeAll(async () => {
  server = await startServer();
  server.route("/.well-known/assetlinks.json", serve(BODY));
  server.route("/private/.well-known/assetlinks.json", s3Error(403, "AccessDenied"));
});
afterAll(() => server.close());
beforeEach(() => server.hits.clear());

const good = () => ({ url: `${server.base}/.well-known/assetlinks.json`, body: BODY });
const forbidden = () => ({ url: `${server.base}/private/.well-known/assetlinks.json`, body: BODY });

/** The script's io in memory: the command line's one test io (a CliIo is a ScriptIo). */
const memoryIo = (env: Record<string, string>, stdin = ""): ScriptIo & { out: string; err: string } => capturedIo({ env, stdin });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a node program as the Command provider does: argv, extra env, optional stdin. */
function runNode(args: string[], env: Record<string, string>, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

const FAST = { ALEXA_LINKING_VERIFY_ATTEMPTS: "2", ALEXA_LINKING_VERIFY_DELAY_MS: "10", ALEXA_LINKING_VERIFY_TIMEOUT_MS: "5000" };

describe("runScript in-process", () => {
  it("exit 0 and one ok line per file when every file is served as rendered", async () => {
    const io = memoryIo({ ALEXA_LINKING_VERIFY: encodeWork([good(), good()]) });
    expect(await runScript(io)).toBe(0);
    expect(io.out.trim().split("\n")).toHaveLength(2);
    expect(io.out).toMatch(
      /^ok {4}http:\/\/127\.0\.0\.1:\d+\/\.well-known\/assetlinks\.json \(200, application\/json, \d+ bytes, as rendered\)$/m,
    );
    expect(io.err).toBe("");
  });

  it("reads the work from standard input when the variable is unset", async () => {
    const io = memoryIo({}, encodeWork([good()]));
    expect(await runScript(io)).toBe(0);
  });

  it("exit 1 with the message when a file fails, counting injected sleeps", async () => {
    const sleeps: number[] = [];
    const io = memoryIo({
      ALEXA_LINKING_VERIFY: encodeWork([good(), forbidden()]),
      ALEXA_LINKING_VERIFY_ATTEMPTS: "4",
      ALEXA_LINKING_VERIFY_DELAY_MS: "3000",
    });
    expect(await runScript(io, { sleep: async (ms) => void sleeps.push(ms) })).toBe(1);
    expect(io.out.trim().split("\n")).toHaveLength(1);
    expect(io.err).toMatch(/^FAIL {2}.*HTTP 403 \(S3 AccessDenied\).*gave up after 4 attempts over 9 s\)$/m);
    expect(io.err).toMatch(/1 of 2 association file\(s\)/);
    expect(io.err).toMatch(/verify: false/);
    expect(sleeps).toEqual([3000, 3000, 3000]);
    expect(server.hits.get("/private/.well-known/assetlinks.json")).toBe(4);
  });

  it.each([
    [{ ALEXA_LINKING_VERIFY: "nope" }, /\$ALEXA_LINKING_VERIFY is not JSON/],
    [{}, /standard input \(no \$ALEXA_LINKING_VERIFY set\) is not JSON/],
    [
      { ALEXA_LINKING_VERIFY: '[{"url":"https://h/x"}]', ALEXA_LINKING_VERIFY_ATTEMPTS: "x" },
      /ALEXA_LINKING_VERIFY_ATTEMPTS must be an integer/,
    ],
  ])("exit 2 on bad input %#", async (env, pattern) => {
    const io = memoryIo(env as Record<string, string>);
    expect(await runScript(io)).toBe(2);
    expect(io.err).toMatch(pattern);
    expect(server.hits.size).toBe(0);
  });
});

describe("the script as a child process", () => {
  it("from source through ts-node: work in the environment, exit 0", async () => {
    const run = await runNode(["--require", "ts-node/register/transpile-only", SCRIPT_TS], {
      ...FAST,
      ALEXA_LINKING_VERIFY: encodeWork([good()]),
    });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/^ok {4}.*assetlinks\.json/);
  });

  it("from source through ts-node: work on stdin, a 403 exits 1 with the causes", async () => {
    const run = await runNode(["--require", "ts-node/register/transpile-only", SCRIPT_TS], FAST, encodeWork([good(), forbidden()]));
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/HTTP 403 \(S3 AccessDenied\): the file is not public/);
    expect(run.stderr).toMatch(/gave up after 2 attempts/);
    expect(server.hits.get("/private/.well-known/assetlinks.json")).toBe(2);
  });

  it("as the component starts it (defaultScriptInvocation: the build, else ts-node), work on stdin", async () => {
    const invocation = defaultScriptInvocation();
    const [program, ...leading] = invocation.interpreter;
    expect(program).toBe(process.execPath);
    const run = await runNode([...leading, invocation.script], FAST, encodeWork([good()]));
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/^ok {4}/);
  });
});

describe("the deploy-time script stands alone", () => {
  it("nothing under src/verify imports the command line (src/cli)", () => {
    const dir = path.join(ROOT, "packages/alexa-linking-component/src/verify");
    const offenders = require("fs")
      .readdirSync(dir)
      .filter((f: string) => /from "\.\.\/cli/.test(require("fs").readFileSync(path.join(dir, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});

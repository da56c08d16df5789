import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, Mocks } from "../support/pulumiMocks";
import { contentHash, verifyAssociationFiles } from "../../packages/alexa-linking-component/src/verify/command";
import { scriptInvocation } from "../../packages/alexa-linking-component/src/verify/scriptPath";
import { parseWork } from "../../packages/alexa-linking-component/src/verify/work";
import { LocalServer, s3Error, serve, startServer } from "./localServer";

const COMMAND = "command:local:Command";
const AASA = '{"applinks":{"details":[{"appIDs":["ABCDE12345.com.espressif.rainmaker"],"components":[{"/":"*"}]}]}}';
const LINKS = '[{"relation":["delegate_permission/common.handle_all_urls"]}]';
const HOST = "https://links-dev.s3.eu-west-1.amazonaws.com";
const invocation = { interpreter: ["/usr/bin/node"], script: "/pkg/dist/verify/script.js" };

let mocks: Mocks;
beforeAll(() => {
  mocks = installMocks();
});

class Parent extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Parent", name, {}, {});
  }
}

/** Stands in for the hosting resources; the test needs their URNs, not their behaviour. */
class Fake extends pulumi.CustomResource {
  declare readonly key: pulumi.Output<string>;
  declare readonly content: pulumi.Output<string>;
  constructor(type: string, name: string, props: Record<string, pulumi.Input<string>>, opts: pulumi.CustomResourceOptions) {
    super(type, name, { key: undefined, content: undefined, ...props }, opts);
  }
}

const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";

/** A parent with a bucket, a policy and two objects, and the verify command wired as the component does. */
async function deployed(name: string, args: { bodies?: [string, string]; attempts?: number; version?: string } = {}) {
  const parent = new Parent(name);
  const bucket = new Fake(BUCKET, `${name}-bucket`, { bucket: `${name}-bucket` }, { parent });
  const policy = new Fake(POLICY, `${name}-policy`, { bucket: bucket.id, policy: "{}" }, { parent });
  const [aasaBody, linksBody] = args.bodies ?? [AASA, LINKS];
  const aasa = new Fake(
    OBJECT,
    `${name}-aasa`,
    { bucket: bucket.id, key: ".well-known/apple-app-site-association", content: aasaBody },
    { parent },
  );
  const links = new Fake(
    OBJECT,
    `${name}-links`,
    { bucket: bucket.id, key: ".well-known/assetlinks.json", content: linksBody },
    { parent },
  );
  const cmd = verifyAssociationFiles(
    `${name}-verify`,
    {
      files: [
        // URLs and bodies may be outputs of other resources.
        { url: pulumi.interpolate`${HOST}/${aasa.key}`, body: aasa.content },
        { url: `${HOST}/.well-known/assetlinks.json`, body: linksBody },
      ],
      version: args.version ?? "0.1.0",
      invocation,
      ...(args.attempts === undefined ? {} : { attempts: args.attempts, delayMs: 2000 }),
    },
    { parent, dependsOn: [aasa, links, policy] },
  );
  await mocks.settled();
  const registration = mocks.byType(COMMAND).find((r) => r.name === `${name}-verify`);
  if (!registration) throw new Error(`no ${COMMAND} named ${name}-verify`);
  return { cmd, registration, urn: (type: string, n: string) => mocks.urnOf(type, n) };
}

describe("verifyAssociationFiles under mocks", () => {
  it("registers a local Command that runs the script with node, create and update alike", async () => {
    const { registration } = await deployed("a");
    expect(registration.custom).toBe(true);
    expect(registration.inputs).toMatchObject({
      interpreter: ["/usr/bin/node"],
      create: "/pkg/dist/verify/script.js",
      update: "/pkg/dist/verify/script.js",
      addPreviousOutputInEnv: false,
      logging: "stdoutAndStderr",
    });
    expect(registration.inputs.delete).toBeUndefined();
  });

  it("passes every file, URL and exact body, on standard input", async () => {
    const { registration } = await deployed("b");
    expect(parseWork(registration.inputs.stdin, "stdin")).toEqual([
      { url: `${HOST}/.well-known/apple-app-site-association`, body: AASA },
      { url: `${HOST}/.well-known/assetlinks.json`, body: LINKS },
    ]);
  });

  it("triggers hold the content hash and the package version", async () => {
    const { registration } = await deployed("c", { version: "1.2.3" });
    expect(registration.inputs.triggers).toEqual([
      contentHash([
        { url: `${HOST}/.well-known/apple-app-site-association`, body: AASA },
        { url: `${HOST}/.well-known/assetlinks.json`, body: LINKS },
      ]),
      "1.2.3",
    ]);
  });

  it("a changed body changes the triggers (the check runs again)", async () => {
    const before = (await deployed("d1")).registration.inputs.triggers;
    const after = (await deployed("d2", { bodies: [AASA.replace("ABCDE12345", "ZZZZZ99999"), LINKS] })).registration.inputs.triggers;
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).toBe(before[1]);
  });

  it("is a child of the component and depends on the objects and the policy", async () => {
    const { registration, urn } = await deployed("e");
    expect(registration.parent).toBe(urn("test:index:Parent", "e"));
    expect(registration.urn).toBe("urn:pulumi:dev::alexa-app-linking::test:index:Parent$command:local:Command::e-verify");
    expect([...registration.dependsOn].sort()).toEqual([urn(OBJECT, "e-aasa"), urn(OBJECT, "e-links"), urn(POLICY, "e-policy")].sort());
  });

  it("carries retry settings in the environment, and nothing else", async () => {
    expect((await deployed("f")).registration.inputs.environment).toEqual({});
    expect((await deployed("g", { attempts: 3 })).registration.inputs.environment).toEqual({
      ALEXA_LINKING_VERIFY_ATTEMPTS: "3",
      ALEXA_LINKING_VERIFY_DELAY_MS: "2000",
    });
  });

  it("marks nothing secret: the association files are public", async () => {
    const { registration } = await deployed("h");
    expect(registration.additionalSecretOutputs).toEqual([]);
  });
});

describe("the registered command, run the way the command provider runs it", () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer();
    server.route("/.well-known/apple-app-site-association", serve(AASA));
    server.route("/.well-known/assetlinks.json", s3Error(403, "AccessDenied"));
  });
  afterAll(() => server.close());

  /** exec(interpreter..., create) with the environment added and stdin piped, as local.Command does. */
  // Asynchronous: the server answering the script lives in this process.
  function runRegistered(inputs: Record<string, any>): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const [program, ...args] = [...inputs.interpreter, inputs.create];
    return new Promise((resolve, reject) => {
      const child = spawn(program, args, { env: { ...process.env, ...inputs.environment } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
      child.stdin.end(inputs.stdin);
    });
  }

  async function register(name: string, files: { url: string; body: string }[]) {
    verifyAssociationFiles(`${name}-verify`, { files, version: "0.1.0", attempts: 2, delayMs: 10 }, { parent: new Parent(name) });
    await mocks.settled();
    return mocks.byType(COMMAND).find((r) => r.name === `${name}-verify`)!.inputs;
  }

  it("uses this node and a script file that exists", async () => {
    const inputs = await register("run0", [{ url: `${server.base}/.well-known/apple-app-site-association`, body: AASA }]);
    expect(inputs.interpreter[0]).toBe(process.execPath);
    expect(fs.existsSync(inputs.create)).toBe(true);
  });

  it("exits 0 when the file is served as rendered", async () => {
    const inputs = await register("run1", [{ url: `${server.base}/.well-known/apple-app-site-association`, body: AASA }]);
    const run = await runRegistered(inputs);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ok {4}.*apple-app-site-association/);
  });

  it("exits 1 with the 403 causes, which fails the deploy", async () => {
    const inputs = await register("run2", [
      { url: `${server.base}/.well-known/apple-app-site-association`, body: AASA },
      { url: `${server.base}/.well-known/assetlinks.json`, body: LINKS },
    ]);
    const run = await runRegistered(inputs);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/assetlinks\.json answered HTTP 403 \(S3 AccessDenied\).*Block Public Access.*gave up after 2 attempts/);
    expect(server.hits.get("/.well-known/assetlinks.json")).toBe(2);
  });
});

describe("contentHash", () => {
  const a = { url: "https://h/a", body: "1" };
  const b = { url: "https://h/b", body: "2" };
  it.each([
    ["same files, other order", [a, b], [b, a], true],
    ["one body changed", [a, b], [a, { ...b, body: "3" }], false],
    ["one URL changed", [a, b], [a, { ...b, url: "https://h/c" }], false],
    ["trailing newline added", [a], [{ ...a, body: "1\n" }], false],
    [
      "body moved between URLs",
      [a, b],
      [
        { ...a, body: "2" },
        { ...b, body: "1" },
      ],
      false,
    ],
  ])("%s", (_, x, y, equal) => {
    expect(contentHash(x) === contentHash(y)).toBe(equal);
  });
});

describe("scriptInvocation", () => {
  const pkg = path.join(path.sep, "ws", "packages", "alexa-linking-component");
  const dist = path.join(pkg, "dist", "verify");
  const src = path.join(pkg, "src", "verify");
  const tsNode = "/ws/node_modules/ts-node/register/transpile-only.js";
  it.each([
    ["built package (dist)", dist, [path.join(dist, "script.js")], tsNode, { interpreter: ["node"], script: path.join(dist, "script.js") }],
    [
      "installed package",
      "/app/node_modules/alexa-linking-component/dist/verify",
      ["/app/node_modules/alexa-linking-component/dist/verify/script.js"],
      undefined,
      { interpreter: ["node"], script: "/app/node_modules/alexa-linking-component/dist/verify/script.js" },
    ],
    [
      "sources with a build",
      src,
      [path.join(src, "script.ts"), path.join(dist, "script.js")],
      tsNode,
      { interpreter: ["node"], script: path.join(dist, "script.js") },
    ],
    [
      "sources without a build",
      src,
      [path.join(src, "script.ts")],
      tsNode,
      { interpreter: ["node", "--require", tsNode], script: path.join(src, "script.ts") },
    ],
  ])("%s", (_, dir, present, resolved, expected) => {
    expect(
      scriptInvocation(
        dir,
        "node",
        (f) => present.includes(f),
        () => resolved,
      ),
    ).toEqual(expected);
  });

  it("names both places and the fix when nothing is found", () => {
    expect(() =>
      scriptInvocation(
        src,
        "node",
        () => false,
        () => tsNode,
      ),
    ).toThrow(
      /verify script is missing \(looked for .*src\/verify\/script\.js and .*dist\/verify\/script\.js\).*pnpm build.*verify: false/,
    );
  });
});

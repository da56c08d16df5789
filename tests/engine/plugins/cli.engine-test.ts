/**
 * The stand-ins under the real CLI (tests/engine/toolchain/build.sh, cached): a program that
 * registers the component's resource types and invokes through Pulumi.yaml `plugins.providers`
 * runs preview, up, a no-change preview, refresh after drift, up, and destroy against moto.
 * A check failure of the stand-in reaches the CLI output naming the property.
 * Run: bash tests/engine/plugins/run-engine-tests.sh tests/engine/plugins/cli.engine-test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { DeleteBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import { MotoServer, startMoto } from "../moto/motoServer";

const repo = path.resolve(__dirname, "..", "..", "..");
let moto: MotoServer;
let work: string;
let project: string;
let env: NodeJS.ProcessEnv;

const PROGRAM = `
const aws = require("@pulumi/aws");
const command = require("@pulumi/command");
const pulumi = require("@pulumi/pulumi");
const region = aws.getRegionOutput({}).region;
const account = aws.getCallerIdentityOutput({}).accountId;
const bucket = new aws.s3.Bucket("site-bucket", { bucket: account.apply((a) => "standin-cli-" + a) });
const ownership = new aws.s3.BucketOwnershipControls("ownership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerPreferred" } });
const block = new aws.s3.BucketPublicAccessBlock("public-access", { bucket: bucket.id, blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false }, { dependsOn: [ownership] });
const after = { dependsOn: [ownership, block] };
const policy = new aws.s3.BucketPolicy("policy", {
  bucket: bucket.id,
  policy: bucket.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: arn + "/.well-known/*" }] })),
}, after);
const file = new aws.s3.BucketObjectv2("assetlinks", { bucket: bucket.id, key: ".well-known/assetlinks.json", content: new pulumi.Config().get("body") || "[]", contentType: "application/json", acl: "public-read" }, after);
const auto = new aws.s3.Bucket("auto-named", {});
const verify = new command.local.Command("verify", {
  create: "cat; echo; echo checked",
  stdin: file.etag,
  triggers: [file.etag],
  addPreviousOutputInEnv: false,
  logging: command.types.enums.local.Logging.StdoutAndStderr,
}, { dependsOn: [file, policy] });
exports.region = region;
exports.host = bucket.bucketRegionalDomainName;
exports.auto = auto.bucket;
exports.stdout = verify.stdout;
`;

function pulumiBin(): string | undefined {
  const r = spawnSync("bash", [path.join(repo, "tests/engine/toolchain/build.sh")], { encoding: "utf8" });
  if (r.status !== 0) return undefined;
  return r.stdout.trim().split("\n").pop();
}

function pulumi(args: string[], opts: { allowFailure?: boolean } = {}): { status: number; out: string; stdout: string } {
  const r = spawnSync("pulumi", [...args, "--non-interactive"], { cwd: project, env, encoding: "utf8", timeout: 300000 });
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0 && !opts.allowFailure) throw new Error(`pulumi ${args.join(" ")} failed (${r.status}):\n${out}`);
  return { status: r.status ?? -1, out, stdout: r.stdout };
}

const bin = pulumiBin();

describe("the stand-ins under the real CLI", { skip: bin ? false : "no Pulumi CLI: tests/engine/toolchain/build.sh failed" }, () => {
  before(async () => {
    moto = await startMoto();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "standin-cli-"));
    project = path.join(work, "project");
    fs.mkdirSync(project);
    fs.mkdirSync(path.join(work, "state"));
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(project, "node_modules"));
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      [
        "name: standin-cli",
        "runtime: nodejs",
        "plugins:",
        "  providers:",
        `    - { name: aws, path: ${path.join(__dirname, "aws")} }`,
        "    - name: command",
        `      path: ${path.relative(project, path.join(__dirname, "command"))}`,
        "",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(project, "package.json"), '{ "name": "standin-cli", "main": "index.js" }\n');
    fs.writeFileSync(path.join(project, "index.js"), PROGRAM);
    env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      PULUMI_HOME: path.join(work, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "standin",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    pulumi(["stack", "init", "dev"]);
    pulumi(["config", "set", "aws:region", "eu-west-1"]);
    pulumi(["config", "set", "aws:accessKey", "test"]);
    pulumi(["config", "set", "--secret", "aws:secretKey", "test"]);
    pulumi(["config", "set", "aws:s3UsePathStyle", "true"]);
    pulumi(["config", "set", "--path", "aws:endpoints[0].s3", moto.endpoint]);
    pulumi(["config", "set", "--path", "aws:endpoints[0].sts", moto.endpoint]);
  });

  after(async () => {
    if (project) pulumi(["destroy", "--yes"], { allowFailure: true });
    await moto?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("previews and deploys; the file is served; a second preview has no changes", async () => {
    const preview = pulumi(["preview"]);
    assert.match(preview.out, /\+ 8 to create/);
    const up = pulumi(["up", "--yes"]);
    assert.match(up.out, /\+ 8 created/);
    const outputs = JSON.parse(pulumi(["stack", "output", "--json", "--show-secrets"]).stdout) as Record<string, string>;
    assert.equal(outputs.region, "eu-west-1");
    assert.equal(outputs.host, "standin-cli-123456789012.s3.eu-west-1.amazonaws.com");
    assert.match(outputs.auto!, /^auto-named-[0-9a-f]{7}$/);
    assert.match(outputs.stdout!, /^[0-9a-f]{32}\nchecked$/);
    const res = await fetch(`${moto.endpoint}/standin-cli-123456789012/.well-known/assetlinks.json`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json");
    assert.equal(await res.text(), "[]");
    assert.match(pulumi(["preview"]).out, /8 unchanged/);
    assert.ok(
      !fs.existsSync(path.join(env.PULUMI_HOME!, "plugins")) || fs.readdirSync(path.join(env.PULUMI_HOME!, "plugins")).length === 0,
      "no plugin was installed",
    );
  });

  it("refresh sees a policy deleted behind its back, and up puts it back", async () => {
    const s3 = new S3Client({
      region: "eu-west-1",
      endpoint: moto.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: "standin-cli-123456789012" }));
    assert.match(pulumi(["refresh", "--yes"]).out, /- 1 deleted/);
    assert.match(pulumi(["up", "--yes"]).out, /\+ 1 created/);
  });

  it("a changed file updates the object and replaces the command (triggers)", async () => {
    pulumi(["config", "set", "body", '[{"a":1}]']);
    const up = pulumi(["up", "--yes"]);
    assert.match(up.out, /~ 1 updated/);
    assert.match(up.out, /\+-1 replaced/);
  });

  it("a property the stand-in does not implement stops the preview, named", async () => {
    fs.writeFileSync(
      path.join(project, "index.js"),
      PROGRAM.replace('new aws.s3.Bucket("auto-named", {})', 'new aws.s3.Bucket("auto-named", { versioning: { enabled: true } })'),
    );
    const preview = pulumi(["preview"], { allowFailure: true });
    fs.writeFileSync(path.join(project, "index.js"), PROGRAM);
    assert.notEqual(preview.status, 0);
    assert.match(
      preview.out,
      /"versioning" is an input of aws:s3\/bucket:Bucket \(@pulumi\/aws 7\.48\.0\) that is not implemented by the stand-in/,
    );
  });

  it("destroys everything", async () => {
    assert.match(pulumi(["destroy", "--yes"]).out, /- 8 deleted/);
    assert.equal((await fetch(`${moto.endpoint}/standin-cli-123456789012`)).status, 404);
  });
});

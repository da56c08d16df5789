/**
 * The stand-in command plugin over gRPC, started as the engine starts it.
 * Run: bash tests/engine/plugins/run-engine-tests.sh tests/engine/plugins/command.engine-test.ts
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { Plugin, startPlugin, urn } from "./harness";
import { secret, SECRET_SIG, SIG_KEY, UNKNOWN } from "./shared/wire";

const EXE = path.join(__dirname, "command", "pulumi-resource-command");
const TYPE = "command:local:Command";
const VERSION = (JSON.parse(fs.readFileSync(require.resolve("@pulumi/command/package.json"), "utf8")) as { version: string }).version;

let plugin: Plugin;
let programDir: string;

before(async () => {
  programDir = fs.mkdtempSync(path.join(os.tmpdir(), "standin-command-"));
  plugin = await startPlugin(EXE, { cwd: programDir });
  await plugin.configure({ version: VERSION }, "pulumi:providers:command");
});

after(async () => {
  await plugin?.stop();
  if (programDir) fs.rmSync(programDir, { recursive: true, force: true });
});

describe("command:local:Command", () => {
  const u = urn(TYPE, "verify-association-files");

  it("reports the @pulumi/command version as its own", async () => {
    assert.equal(await plugin.getPluginInfo(), VERSION);
  });

  it("refuses an unknown property and an unimplemented one, naming them", async () => {
    const { failures } = await plugin.check(u, { create: "true", creat: "x", assetPaths: ["*.txt"], logging: "loud" });
    const byProp = Object.fromEntries(failures.map((f) => [f.property, f.reason]));
    assert.match(byProp.creat!, /unknown property "creat"/);
    assert.match(byProp.assetPaths!, /not implemented by the stand-in/);
    assert.match(byProp.logging!, /must be one of stdout, stderr, stdoutAndStderr, none/);
    assert.deepEqual(
      (
        await plugin.check(u, {
          create: "x",
          interpreter: ["/bin/sh", "-c"],
          stdin: "",
          environment: { A: "1" },
          triggers: ["h", "0.1.0"],
          addPreviousOutputInEnv: false,
          logging: "stdoutAndStderr",
          dir: "/",
        })
      ).failures,
      [],
    );
  });

  it("runs create with interpreter, stdin, environment and the program folder as cwd; outputs stdout/stderr and the inputs", async () => {
    const inputs = {
      interpreter: ["/bin/bash", "-c"],
      create: 'read line; echo "got $line from $GREETING in $(pwd)"; echo warn >&2',
      stdin: "work\n",
      environment: { GREETING: "env" },
      triggers: ["abc", "0.1.0"],
      addPreviousOutputInEnv: false,
      logging: "stdoutAndStderr",
    };
    const { id, props } = await plugin.create(u, inputs);
    assert.match(id, /^verify-association-files[0-9a-f]{8}$/);
    assert.equal(props.stdout, `got work from env in ${fs.realpathSync(programDir)}`);
    assert.equal(props.stderr, "warn");
    assert.deepEqual(props.triggers, inputs.triggers);
    assert.equal(props.create, inputs.create);
  });

  it("does not run anything in preview", async () => {
    const marker = path.join(programDir, "ran-in-preview");
    const created = await plugin.create(u, { create: `touch ${marker}` }, true);
    assert.equal(fs.existsSync(marker), false);
    assert.equal(created.props.stdout, "");
    const updated = await plugin.update("x", u, { create: "true", stdout: "old", stderr: "" }, { create: `touch ${marker}` }, true);
    assert.equal(fs.existsSync(marker), false);
    assert.equal(updated.stdout, "old");
  });

  it("fails create with the exit status, the command and its output", async () => {
    await assert.rejects(plugin.create(u, { create: "echo out; echo 'file not served as rendered' >&2; exit 3" }), (e: Error) => {
      assert.match(e.message, /exit status 3: running "echo out; echo 'file not served as rendered' >&2; exit 3":\n/);
      assert.match(e.message, /out\n/);
      assert.match(e.message, /file not served as rendered/);
      return true;
    });
  });

  it("diffs: no change, an input change updates, a triggers change replaces, unknown triggers replace", async () => {
    const olds = { create: "a", update: "a", triggers: ["1"], stdout: "x", stderr: "" };
    assert.deepEqual(await plugin.diff("id", u, olds, { create: "a", update: "a", triggers: ["1"] }), { changes: "none", replaces: [] });
    assert.deepEqual(await plugin.diff("id", u, olds, { create: "b", update: "a", triggers: ["1"] }), { changes: "some", replaces: [] });
    assert.deepEqual(await plugin.diff("id", u, olds, { create: "a", update: "a", triggers: ["2"] }), {
      changes: "some",
      replaces: ["triggers"],
    });
    assert.deepEqual(await plugin.diff("id", u, olds, { create: "a", update: "a", triggers: [UNKNOWN] }), {
      changes: "some",
      replaces: ["triggers"],
    });
  });

  it("update runs update (else create) with the previous outputs in the environment unless addPreviousOutputInEnv is false", async () => {
    const olds = { create: "echo c", stdout: "previous", stderr: "" };
    const withEnv = await plugin.update("id", u, olds, { create: "echo c", update: 'echo "u:$PULUMI_COMMAND_STDOUT"' });
    assert.equal(withEnv.stdout, "u:previous");
    const without = await plugin.update("id", u, olds, {
      create: 'echo "c:${PULUMI_COMMAND_STDOUT:-none}"',
      addPreviousOutputInEnv: false,
    });
    assert.equal(without.stdout, "c:none");
  });

  it("delete runs delete with the state's outputs", async () => {
    const marker = path.join(programDir, "deleted");
    await plugin.delete("id", u, { delete: `echo "$PULUMI_COMMAND_STDOUT" > ${marker}`, stdout: "bye", stderr: "" });
    assert.equal(fs.readFileSync(marker, "utf8"), "bye\n");
  });

  it("a secret input is used plainly and makes every output secret", async () => {
    const { props } = await plugin.create(u, { create: "cat", stdin: secret("s3cret") });
    assert.deepEqual(props.stdout, { [SIG_KEY]: SECRET_SIG, value: "s3cret" });
    assert.deepEqual(props.stdin, { [SIG_KEY]: SECRET_SIG, value: "s3cret" });
  });
});

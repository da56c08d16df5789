/**
 * Which Pulumi CLI build.sh picks (and so `pnpm stack-up local` and `pnpm test:engine`): the
 * CLI built from Go modules is put on PATH the way an installed one is (its folder, or a symlink
 * to its binary as Homebrew makes), and build.sh must then use it without Go, say so and why,
 * while ALEXA_LINKING_PULUMI_BIN still forces either choice.
 */
import { spawnSync } from "node:child_process";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";

const repo = path.resolve(__dirname, "..", "..", "..");
const script = path.join(repo, "tests", "engine", "toolchain", "build.sh");

function buildSh(env: NodeJS.ProcessEnv): { status: number | null; bin: string; stderr: string } {
  const r = spawnSync("bash", [script], { cwd: repo, env, encoding: "utf8", timeout: 1_800_000 });
  return { status: r.status, bin: r.stdout.trim().split("\n").pop() ?? "", stderr: r.stderr };
}

/** The commands of Go and of an installed Pulumi CLI (the CLI's plugins sit beside it). */
const hiddenTool = (name: string): boolean => name === "go" || name === "gofmt" || name === "pulumi" || name.startsWith("pulumi-");

let shadowRoot: string | undefined;
const shadows = new Map<string, string>();

/**
 * PATH as on a machine without `pulumi` or `go`: a folder that holds either is replaced by a
 * folder of symlinks to everything else in it, so bash, coreutils and the rest of /usr/bin stay.
 */
function bareToolPath(): string {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir !== "")
    .map((dir) => {
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch {
        return dir;
      }
      if (!names.some(hiddenTool)) return dir;
      let shadow = shadows.get(dir);
      if (shadow === undefined) {
        shadowRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), "alexa-bare-path-"));
        shadow = path.join(shadowRoot, String(shadows.size));
        fs.mkdirSync(shadow);
        for (const name of names) if (!hiddenTool(name)) fs.symlinkSync(path.join(dir, name), path.join(shadow, name));
        shadows.set(dir, shadow);
      }
      return shadow;
    })
    .join(path.delimiter);
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.ALEXA_LINKING_PULUMI_BIN;
  return env;
};

let built: string;
let work: string;

describe("build.sh's choice of Pulumi CLI", () => {
  before(() => {
    const r = buildSh({ ...baseEnv(), ALEXA_LINKING_PULUMI_BIN: "build" });
    assert.equal(r.status, 0, r.stderr);
    built = r.bin;
    assert.ok(fs.existsSync(path.join(built, "pulumi")), `build.sh printed ${built}, which holds no pulumi`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), "alexa-cli-selection-"));
  });
  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
    if (shadowRoot) fs.rmSync(shadowRoot, { recursive: true, force: true });
  });

  it("uses a CLI on PATH, with no Go on PATH, and its first line says which and why", () => {
    const r = buildSh({ ...baseEnv(), PATH: [built, bareToolPath()].join(path.delimiter) });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.bin, built);
    const first = r.stderr.split("\n")[0];
    assert.match(first, new RegExp(`using the installed Pulumi CLI ${escape(built)}/pulumi \\(v3\\.248\\.0\\): found on PATH`));
    assert.doesNotMatch(r.stderr, /built from Go modules|go test|building/);
  });

  it("follows a symlink on PATH to the distribution's folder, where its language hosts are", () => {
    const links = path.join(work, "links");
    fs.mkdirSync(links, { recursive: true });
    fs.symlinkSync(path.join(built, "pulumi"), path.join(links, "pulumi"));
    const r = buildSh({ ...baseEnv(), PATH: [links, bareToolPath()].join(path.delimiter) });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.bin, built);
    assert.match(r.stderr, new RegExp(`found on PATH as ${escape(path.join(links, "pulumi"))}`));
  });

  it("builds from Go modules when no pulumi is on PATH, and says why", () => {
    const r = buildSh({ ...baseEnv(), PATH: (process.env.PATH ?? "").split(path.delimiter).filter((d) => d !== built).join(path.delimiter) });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.bin, built);
    assert.match(r.stderr.split("\n")[0], /using the Pulumi CLI v3\.248\.0 built from Go modules \(no pulumi on PATH\), reusing /);
    // A reused build runs no Go tests: `pnpm stack-up local` does not pay for them.
    assert.doesNotMatch(r.stderr, /languagehost|go test/);
  });

  it("builds from Go modules with ALEXA_LINKING_PULUMI_BIN=build, even with a CLI on PATH", () => {
    const r = buildSh({ ...baseEnv(), ALEXA_LINKING_PULUMI_BIN: "build", PATH: [built, process.env.PATH].join(path.delimiter) });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr.split("\n")[0], /built from Go modules \(ALEXA_LINKING_PULUMI_BIN=build\)/);
  });

  it("uses the folder ALEXA_LINKING_PULUMI_BIN names over a CLI on PATH", () => {
    const other = path.join(work, "other");
    fs.mkdirSync(other, { recursive: true });
    for (const file of fs.readdirSync(built)) fs.symlinkSync(path.join(built, file), path.join(other, file));
    const r = buildSh({ ...baseEnv(), ALEXA_LINKING_PULUMI_BIN: other, PATH: [built, bareToolPath()].join(path.delimiter) });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.bin, other);
    assert.match(r.stderr.split("\n")[0], /ALEXA_LINKING_PULUMI_BIN names it; nothing built/);
  });

  it("fails, naming both ways out, with neither a CLI nor Go", () => {
    const r = buildSh({ ...baseEnv(), PATH: bareToolPath() });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /no pulumi on PATH, and go is not on PATH to build one: install the Pulumi CLI .* or Go/);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

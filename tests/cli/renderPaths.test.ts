/**
 * `render` writes only inside its output folder (issue 15, point 12): a stack name that is a path
 * and a `.well-known` that is a symbolic link out of --out are refused.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../packages/alexa-linking-component/src/cli/main";
import { capturedIo } from "../support/cliIo";

const CONFIG = "config:\n  alexa-app-linking:iosAppIds:\n    - ABCDE12345.com.espressif.rainmaker\n";

const io = (cwd: string) => ({ io: capturedIo({ cwd }) });

/** Every file under `root`, relative to it. */
function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

describe("render keeps its writes inside --out", () => {
  let root: string;
  let project: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "render-paths-"));
    project = path.join(root, "project");
    fs.mkdirSync(path.join(project, "stacks"), { recursive: true });
    fs.writeFileSync(path.join(project, "stacks", "Pulumi.dev.yaml"), CONFIG);
    // What `--stack ../../escape` names once joined: stacks/Pulumi.../../escape.yaml -> stacks/escape.yaml.
    fs.writeFileSync(path.join(project, "stacks", "escape.yaml"), CONFIG);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("a --stack that is a path is refused before anything is read or written", async () => {
    const run = io(project);
    const code = await main(["render", "--stack", "../../escape"], run.io);
    expect(run.io.err).toMatch(/--stack "\.\.\/\.\.\/escape" is not a stack name .*Fix: give the stack's own name/);
    expect(code).toBe(2); // a bad option value: a usage error
    // Nothing outside the project, nothing inside either.
    expect(filesUnder(root).filter((f) => !f.startsWith("project/stacks/"))).toEqual([]);
  });

  it("a .well-known in --out that links elsewhere is not written through", async () => {
    const out = path.join(project, "out");
    const elsewhere = path.join(root, "elsewhere");
    fs.mkdirSync(out);
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, path.join(out, ".well-known"));
    const run = io(project);
    const code = await main(["render", "--stack", "dev", "--out", "out"], run.io);
    expect(run.io.err).toMatch(/--out .*out: refusing to write .*apple-app-site-association: .*symbolic link/);
    expect(code).toBe(1);
    expect(filesUnder(elsewhere)).toEqual([]);
  });

  it("an association file in --out that is a link elsewhere is not written through", async () => {
    const out = path.join(project, "out");
    const victim = path.join(root, "victim.txt");
    fs.writeFileSync(victim, "keep me");
    fs.mkdirSync(path.join(out, ".well-known"), { recursive: true });
    fs.symlinkSync(victim, path.join(out, ".well-known", "apple-app-site-association"));
    const run = io(project);
    expect(await main(["render", "--stack", "dev", "--out", "out"], run.io)).toBe(1);
    expect(run.io.err).toMatch(/is a symbolic link/);
    expect(fs.readFileSync(victim, "utf8")).toBe("keep me");
  });

  it("an --out that is itself a symbolic link is refused; nothing is written where it points", async () => {
    const elsewhere = path.join(root, "elsewhere");
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, path.join(project, "out"));
    const run = io(project);
    expect(await main(["render", "--stack", "dev", "--out", "out"], run.io)).toBe(1);
    expect(run.io.err).toContain(`--out ${path.join(project, "out")} is a symbolic link to ${fs.realpathSync(elsewhere)}`);
    expect(filesUnder(elsewhere)).toEqual([]);
  });

  it("an --out reached through a linked parent is resolved, and render says where the files go", async () => {
    fs.mkdirSync(path.join(root, "real-parent"));
    fs.symlinkSync(path.join(root, "real-parent"), path.join(project, "linked"));
    const run = io(project);
    expect(await main(["render", "--stack", "dev", "--out", "linked/out"], run.io)).toBe(0);
    const real = path.join(fs.realpathSync(path.join(root, "real-parent")), "out");
    expect(run.io.err).toContain(`--out ${path.join(project, "linked", "out")} is ${real} on disk`);
    expect(run.io.out).toContain(path.join(real, ".well-known", "apple-app-site-association"));
    expect(filesUnder(real)).toEqual([path.join(".well-known", "apple-app-site-association")]);
  });

  it("the ordinary case still writes under association-files/<stack>", async () => {
    const run = io(project);
    expect(await main(["render", "--stack", "dev"], run.io)).toBe(0);
    expect(filesUnder(path.join(project, "association-files"))).toEqual([path.join("dev", ".well-known", "apple-app-site-association")]);
  });
});

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { PACKAGE_DIR, REPO, manifest, pack, sourceFiles } from "./pack";
import {
  PLUGIN_FILES,
  caretSatisfies,
  declarationSpecifiers,
  isBuiltin,
  packageOf,
  runtimeSpecifiers,
  tarballProblems,
  undeclaredPackages,
} from "./rules";

let dir: string;
let files: Map<string, Buffer>;
let entries: string[];
const pkg = manifest();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "alexa-linking-pack-"));
  ({ files } = await pack(dir));
  entries = [...files.keys()].sort();
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const text = (entry: string) => files.get(entry)!.toString("utf8");
const installedVersion = (name: string): string =>
  JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8")).version;

describe("the tarball's content", () => {
  it("is package.json, README.md, LICENSE, CHANGELOG.md, dist/ and the plugin folder", () => {
    const top = [...new Set(entries.map((entry) => entry.split("/")[0]))].sort();
    expect(top).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "dist", "package.json", "plugin"]);
  });

  it("carries what `pulumi package add ./node_modules/alexa-linking-component/plugin` runs, with no build step", () => {
    for (const file of PLUGIN_FILES) expect(entries).toContain(file);
    // The plugin's entry resolves inside the tarball, and the schema it serves is the built one.
    const pluginManifest = JSON.parse(text("plugin/package.json"));
    expect(path.posix.normalize(path.posix.join("plugin", pluginManifest.main))).toBe("dist/plugin/main.js");
    expect(entries).toContain("dist/plugin/main.js");
    expect(text("dist/plugin/schema.json")).toBe(fs.readFileSync(path.join(PACKAGE_DIR, "dist", "plugin", "schema.json"), "utf8"));
    expect(JSON.parse(text("dist/plugin/schema.json")).version).toBe(pkg.version);
  });

  it("holds a .js and a .d.ts for every source file, and nothing else (no tests, maps or stale files)", () => {
    const { unexpected, missing } = tarballProblems(entries, sourceFiles());
    expect({ unexpected, missing }).toEqual({ unexpected: [], missing: [] });
  });

  it("points no source map at files it does not ship", () => {
    const mapped = entries.filter((entry) => entry.endsWith(".map") || /sourceMappingURL=/.test(text(entry)));
    expect(mapped).toEqual([]);
  });

  it("ships the CLI with its shebang and the post-deploy check script", () => {
    expect(pkg.bin).toEqual({ "alexa-linking": "dist/cli/main.js" });
    expect(text("dist/cli/main.js").startsWith("#!/usr/bin/env node\n")).toBe(true);
    // The old entry stays, a stub, for scripts that run it by path.
    expect(text("dist/cli.js").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(entries).toContain("dist/verify/script.js");
  });

  it("ships the package.json it was packed from", () => {
    expect(JSON.parse(text("package.json"))).toMatchObject({
      name: pkg.name,
      version: pkg.version,
      main: "dist/index.js",
      types: "dist/index.d.ts",
    });
  });
});

describe("dependencies", () => {
  const declared = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];

  it("declares every package the compiled code requires", () => {
    const specifiers = entries.filter((e) => e.endsWith(".js")).flatMap((e) => runtimeSpecifiers(text(e)));
    expect(specifiers.length).toBeGreaterThan(20);
    expect(undeclaredPackages(specifiers, declared)).toEqual([]);
  });

  it("requires every dependency it declares (no dead weight for users)", () => {
    const used = new Set(
      entries
        .filter((e) => e.endsWith(".js"))
        .flatMap((e) => runtimeSpecifiers(text(e)))
        .filter((s) => !isBuiltin(s))
        .map((s) => packageOf(s)),
    );
    expect(Object.keys(pkg.dependencies).filter((name) => !used.has(name))).toEqual([]);
  });

  it("declares every package its .d.ts files refer to, and each of those ships its own types", () => {
    const specifiers = entries.filter((e) => e.endsWith(".d.ts")).flatMap((e) => declarationSpecifiers(text(e)));
    expect(undeclaredPackages(specifiers, [...declared, "node"])).toEqual([]);
    const untyped = [
      ...new Set(specifiers.map(packageOf).filter((n): n is string => n !== undefined && !isBuiltin(n) && n !== "node")),
    ].filter((name) => {
      const meta = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8"));
      return !meta.types && !meta.typings && !fs.existsSync(path.join(REPO, "node_modules", name, "index.d.ts"));
    });
    // An untyped one (plist) would need @types/... among the dependencies, or a user's tsc fails.
    expect(untyped).toEqual([]);
  });

  it("has @pulumi/pulumi as a peer only, with a range that holds the tested version and later 3.x", () => {
    expect(pkg.dependencies["@pulumi/pulumi"]).toBeUndefined();
    const range = pkg.peerDependencies["@pulumi/pulumi"];
    expect(caretSatisfies(range, installedVersion("@pulumi/pulumi"))).toBe(true);
    expect(caretSatisfies(range, "3.999.0")).toBe(true);
    expect(caretSatisfies(range, "4.0.0")).toBe(false);
  });

  it.each(Object.entries(manifest().dependencies))("%s %s holds the version the tests ran against", (name, range) => {
    expect(caretSatisfies(range, installedVersion(name))).toBe(true);
    // The floor is the tested version: users never get an older, untested one.
    expect(range).toBe(`^${installedVersion(name)}`);
  });
});

describe("package.json", () => {
  it("exports dist/* so that serialized dynamic providers can require the package's modules", () => {
    expect((pkg.exports as Record<string, unknown>)["./dist/*"]).toBe("./dist/*");
    expect((pkg.exports as Record<string, unknown>)["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
  });

  it("has Node 22 as its floor, as the workspace, the README and CI's first Node do", () => {
    expect(pkg.engines).toEqual({ node: ">=22" });
    expect(JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).engines).toEqual({ node: ">=22" });
    const ci = fs.readFileSync(path.join(REPO, ".ci", "run"), "utf8");
    expect(/^readonly NODE_FLOOR="(\d+)\./m.exec(ci)?.[1]).toBe("22");
    expect(/^readonly NODE_LTS="(\d+)\./m.exec(ci)?.[1]).toBe("24");
    expect(fs.readFileSync(path.join(REPO, "README.md"), "utf8")).toMatch(/Node\.js 22 or newer/);
    expect(text("README.md")).toMatch(/Node\.js 22 or later/);
  });

  it("has a semver version and a CHANGELOG entry for it", () => {
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(text("CHANGELOG.md")).toContain(`## [${pkg.version}]`);
  });
});

describe("the provider plugin folder (plugin/)", () => {
  it("declares the nodejs runtime, for `pulumi package add <checkout>/packages/alexa-linking-component/plugin`", () => {
    const plugin = YAML.parse(fs.readFileSync(path.join(PACKAGE_DIR, "plugin", "PulumiPlugin.yaml"), "utf8"));
    expect(plugin).toEqual({ runtime: "nodejs" });
  });

  it("has no PulumiPlugin.yaml at the package root, where Pulumi's generic component host would serve dynamic resources it cannot run", () => {
    expect(fs.existsSync(path.join(PACKAGE_DIR, "PulumiPlugin.yaml"))).toBe(false);
  });

  it("runs the package's provider entry, which exports a function, under the package's name", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, "plugin", "package.json"), "utf8"));
    expect(manifest.name).toBe(pkg.name);
    const entry = require.resolve(path.join(PACKAGE_DIR, "plugin"));
    expect(path.relative(PACKAGE_DIR, entry)).toBe(path.join("dist", "plugin", "main.js"));
    expect(typeof require(entry)).toBe("function");
  });
});

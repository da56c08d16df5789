import { gzipSync } from "node:zlib";
import {
  Lockfile,
  caretSatisfies,
  declarationSpecifiers,
  packageOf,
  readTarball,
  runtimeSpecifiers,
  scratchLockfile,
  tarballProblems,
  undeclaredPackages,
} from "./rules";

/** A minimal ustar archive, as npm and pnpm write them. */
function tarOf(entries: { name: string; body: string; type?: string }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const { name, body, type = "0" } of entries) {
    const header = Buffer.alloc(512);
    header.write(name.slice(0, 100), 0, "utf8");
    header.write(Buffer.byteLength(body).toString(8).padStart(11, "0"), 124, "utf8");
    header.write(type, 156, "utf8");
    header.write("ustar\u000000", 257, "utf8");
    const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
    data.write(body, 0, "utf8");
    blocks.push(header, data);
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

describe("readTarball", () => {
  it("reads files by path without the package/ prefix, and long names from pax headers", () => {
    const long = `package/dist/${"x".repeat(120)}.js`;
    const files = readTarball(
      tarOf([
        { name: "package/package.json", body: '{"name":"a"}' },
        { name: "package/dist", body: "", type: "5" },
        { name: "pax", body: `${long.length + 9} path=${long}\n`, type: "x" },
        { name: "package/dist/truncated", body: "long one" },
        { name: "package/README.md", body: "a".repeat(600) },
      ]),
    );
    expect([...files.keys()]).toEqual(["package.json", `dist/${"x".repeat(120)}.js`, "README.md"]);
    expect(files.get("README.md")!.length).toBe(600);
  });
});

describe("module specifiers", () => {
  it.each([
    ["@pulumi/pulumi", "@pulumi/pulumi"],
    ["@pulumi/pulumi/runtime/rpc", "@pulumi/pulumi"],
    ["plist", "plist"],
    ["yaml/util", "yaml"],
    ["./args", undefined],
    ["../version", undefined],
    ["/abs/file", undefined],
  ])("packageOf(%j) is %j", (specifier, expected) => {
    expect(packageOf(specifier)).toBe(expected);
  });

  it("finds require() and import() in compiled code, not in words or comments without calls", () => {
    const js = `const a = require("@pulumi/aws"); const b = require('./x');\nconst c = () => Promise.resolve().then(() => __importStar(require("@aws-sdk/client-api-gateway")));\nawait import("yaml"); // requires nothing`;
    expect(runtimeSpecifiers(js)).toEqual(["@pulumi/aws", "./x", "@aws-sdk/client-api-gateway", "yaml"]);
  });

  it("finds from, import() and reference types in declarations", () => {
    const dts = `/// <reference types="node" />\nimport * as pulumi from "@pulumi/pulumi";\nexport { a } from './a';\nexport declare const x: import("plist").PlistValue;`;
    expect(declarationSpecifiers(dts).sort()).toEqual(["./a", "@pulumi/pulumi", "node", "plist"]);
  });

  it.each([
    [["fs", "node:path", "crypto", "./x"], [], []],
    [["@pulumi/pulumi/runtime/rpc", "@pulumi/aws"], ["@pulumi/pulumi", "@pulumi/aws"], []],
    [["plist", "left-pad", "left-pad/x", "fs/promises"], ["plist"], ["left-pad"]],
  ])("undeclaredPackages(%j, %j) is %j", (specifiers, declared, expected) => {
    expect(undeclaredPackages(specifiers, declared)).toEqual(expected);
  });
});

describe("caretSatisfies", () => {
  it.each([
    ["^3.248.0", "3.248.0", true],
    ["^3.248.0", "3.250.1", true],
    ["^3.248.0", "3.247.9", false],
    ["^3.248.0", "4.0.0", false],
    ["^1.2.1", "1.2.0", false],
    ["^1.2.1", "1.2.3", true],
    ["3.248.0", "3.248.0", false],
    ["^0.1.0", "0.1.5", false],
    [">=3", "3.248.0", false],
  ])("%s with %s: %s", (range, version, expected) => {
    expect(caretSatisfies(range, version)).toBe(expected);
  });
});

describe("tarballProblems", () => {
  const sources = ["src/index.ts", "src/cli/io.ts"];
  const complete = [
    "package.json",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    "dist/index.js",
    "dist/index.d.ts",
    "dist/cli/io.js",
    "dist/cli/io.d.ts",
    "dist/plugin/schema.json",
    "plugin/PulumiPlugin.yaml",
    "plugin/package.json",
  ];
  it.each([
    ["complete", complete, [], []],
    ["a source map", [...complete, "dist/index.js.map"], ["dist/index.js.map"], []],
    ["a stale build of a deleted source", [...complete, "dist/old.js"], ["dist/old.js"], []],
    ["a test", [...complete, "tests/x.test.ts"], ["tests/x.test.ts"], []],
    ["no declarations", complete.filter((e) => !e.endsWith(".d.ts")), [], ["dist/cli/io.d.ts", "dist/index.d.ts"]],
    ["no CHANGELOG", complete.filter((e) => e !== "CHANGELOG.md"), [], ["CHANGELOG.md"]],
    ["no plugin folder", complete.filter((e) => !e.startsWith("plugin/")), [], ["plugin/PulumiPlugin.yaml", "plugin/package.json"]],
    ["no built schema", complete.filter((e) => e !== "dist/plugin/schema.json"), [], ["dist/plugin/schema.json"]],
  ])("%s", (_case, entries, unexpected, missing) => {
    expect(tarballProblems(entries, sources)).toEqual({ unexpected, missing });
  });
});

describe("scratchLockfile", () => {
  const workspace: Lockfile = {
    lockfileVersion: "9.0",
    settings: { autoInstallPeers: true },
    importers: {
      ".": { devDependencies: { "@types/node": { specifier: "^20.19.43", version: "20.19.43" } } },
      "packages/c": {
        dependencies: { plist: { specifier: "^3.1.1", version: "3.1.1" } },
        devDependencies: { "@pulumi/pulumi": { specifier: "3.248.0", version: "3.248.0(typescript@5.9.3)" } },
      },
    },
    packages: { "plist@3.1.1": { resolution: { integrity: "sha512-p" } } },
    snapshots: { "plist@3.1.1": {} },
  };
  const pkg = {
    name: "c",
    version: "0.1.0",
    bin: { c: "dist/cli.js" },
    dependencies: { plist: "^3.1.1" },
    peerDependencies: { "@pulumi/pulumi": "^3.248.0" },
  };

  it("pins the scratch project to the workspace's resolutions and adds the tarball", () => {
    const { lockfile, dependencies } = scratchLockfile(workspace, pkg, "c-0.1.0.tgz", "sha512-t", "packages/c");
    expect(dependencies).toEqual({ "@pulumi/pulumi": "3.248.0", "@types/node": "20.19.43", c: "file:c-0.1.0.tgz" });
    expect(lockfile.importers["."].dependencies).toEqual({
      "@pulumi/pulumi": { specifier: "3.248.0", version: "3.248.0(typescript@5.9.3)" },
      "@types/node": { specifier: "20.19.43", version: "20.19.43" },
      c: { specifier: "file:c-0.1.0.tgz", version: "file:c-0.1.0.tgz(@pulumi/pulumi@3.248.0(typescript@5.9.3))" },
    });
    expect(lockfile.packages["c@file:c-0.1.0.tgz"]).toEqual({
      resolution: { integrity: "sha512-t", tarball: "file:c-0.1.0.tgz" },
      version: "0.1.0",
      hasBin: true,
      peerDependencies: { "@pulumi/pulumi": "^3.248.0" },
    });
    expect(lockfile.snapshots["c@file:c-0.1.0.tgz(@pulumi/pulumi@3.248.0(typescript@5.9.3))"]).toEqual({
      dependencies: { plist: "3.1.1", "@pulumi/pulumi": "3.248.0(typescript@5.9.3)" },
    });
    expect(lockfile.packages["plist@3.1.1"]).toEqual(workspace.packages["plist@3.1.1"]);
  });

  it("names a dependency the workspace lockfile does not resolve", () => {
    expect(() =>
      scratchLockfile(workspace, { ...pkg, dependencies: { plist: "^3.1.1", yaml: "^2.9.1" } }, "c.tgz", "sha512-t", "packages/c"),
    ).toThrow("the workspace lockfile lacks yaml: run pnpm install");
  });
});

// Pure rules about the published package, used by the package tests (table-tested in rules.test.ts).
import { builtinModules } from "node:module";
import { gunzipSync } from "node:zlib";

/** The files of a tar.gz (npm layout: every path under `package/`), by path without that prefix. */
export function readTarball(gz: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(gz);
  const files = new Map<string, Buffer>();
  let paxPath: string | undefined;
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const text = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const size = parseInt(text(124, 12).trim() || "0", 8);
    const type = text(156, 1) || "0";
    const prefix = text(345, 155);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "x") {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString("utf8"))?.[1];
      continue;
    }
    const name = paxPath ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
    paxPath = undefined;
    if (type === "0" || type === "7") files.set(name.replace(/^[^/]+\//, ""), Buffer.from(body));
  }
  return files;
}

/** The package a module specifier names (`@scope/name/sub` -> `@scope/name`), or undefined for a relative path. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

export const isBuiltin = (specifier: string): boolean =>
  specifier.startsWith("node:") || builtinModules.includes(specifier) || builtinModules.includes(specifier.split("/")[0]);

/** Module specifiers a compiled file loads at run time: `require("x")` and `import("x")`. */
export function runtimeSpecifiers(js: string): string[] {
  return [...js.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
}

/** Module specifiers a declaration file refers to: `from "x"`, `import("x")`, `/// <reference types="x" />`. */
export function declarationSpecifiers(dts: string): string[] {
  return [
    ...[...dts.matchAll(/\bfrom\s+["']([^"']+)["']/g)].map((m) => m[1]),
    ...[...dts.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]),
    ...[...dts.matchAll(/<reference\s+types=["']([^"']+)["']/g)].map((m) => m[1]),
  ];
}

/** Bare packages among `specifiers` that are neither Node built-ins nor in `declared`, sorted. */
export function undeclaredPackages(specifiers: string[], declared: string[]): string[] {
  const missing = new Set<string>();
  for (const specifier of specifiers) {
    const name = packageOf(specifier);
    if (name !== undefined && !isBuiltin(specifier) && !declared.includes(name)) missing.add(name);
  }
  return [...missing].sort();
}

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** Whether `version` (x.y.z) satisfies a caret range `^a.b.c` with a >= 1: same major, not older. */
export function caretSatisfies(range: string, version: string): boolean {
  const r = VERSION.exec(range.replace(/^\^/, ""));
  const v = VERSION.exec(version);
  if (!range.startsWith("^") || !r || !v || r[1] === "0") return false;
  const [rm, rn, rp] = r.slice(1).map(Number);
  const [vm, vn, vp] = v.slice(1).map(Number);
  return vm === rm && (vn > rn || (vn === rn && vp >= rp));
}

/**
 * What the tarball holds that it should not: anything but package.json, README.md, LICENSE,
 * CHANGELOG.md and, for each source file `src/x.ts`, `dist/x.js` and `dist/x.d.ts`. Also what it
 * lacks of those. A stale file in dist/ (its source deleted) shows as unexpected.
 */
/**
 * What a Python or YAML program's `pulumi package add ./node_modules/alexa-linking-component/plugin`
 * needs from the installed package besides the compiled code: the plugin folder and the schema
 * the build inferred (the plugin serves it; inferring needs the TypeScript sources, not shipped).
 */
export const PLUGIN_FILES = ["plugin/PulumiPlugin.yaml", "plugin/package.json", "dist/plugin/schema.json"] as const;

export function tarballProblems(entries: string[], sources: string[]): { unexpected: string[]; missing: string[] } {
  const expected = new Set(["package.json", "README.md", "LICENSE", "CHANGELOG.md", ...PLUGIN_FILES]);
  for (const source of sources) {
    const stem = source.replace(/^src\//, "dist/").replace(/\.ts$/, "");
    expected.add(`${stem}.js`);
    expected.add(`${stem}.d.ts`);
  }
  return {
    unexpected: entries.filter((entry) => !expected.has(entry)).sort(),
    missing: [...expected].filter((entry) => !entries.includes(entry)).sort(),
  };
}

/** The workspace lockfile's shape, as far as the scratch lockfile needs it. */
export interface Lockfile {
  lockfileVersion: string;
  settings?: Record<string, unknown>;
  importers: Record<
    string,
    {
      dependencies?: Record<string, { specifier: string; version: string }>;
      devDependencies?: Record<string, { specifier: string; version: string }>;
    }
  >;
  packages: Record<string, unknown>;
  snapshots: Record<string, unknown>;
}

export interface PackageManifest {
  name: string;
  version: string;
  engines?: Record<string, string>;
  bin?: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
}

/**
 * A lockfile for a scratch project that depends on the packed tarball, @pulumi/pulumi and
 * @types/node, resolved to exactly the versions of the workspace lockfile. With it, `pnpm install
 * --frozen-lockfile --offline` needs only the store that the workspace's own frozen install
 * filled: no registry metadata, which a frozen install does not cache.
 */
export function scratchLockfile(
  workspace: Lockfile,
  pkg: PackageManifest,
  tarballName: string,
  integrity: string,
  importerPath: string,
): { lockfile: Lockfile; dependencies: Record<string, string> } {
  const importer = workspace.importers[importerPath];
  const root = workspace.importers["."];
  const resolved = (name: string) =>
    importer.dependencies?.[name] ?? importer.devDependencies?.[name] ?? root.devDependencies?.[name] ?? root.dependencies?.[name];
  const pulumi = resolved("@pulumi/pulumi");
  const node = resolved("@types/node");
  if (!pulumi || !node) throw new Error(`the workspace lockfile resolves no @pulumi/pulumi or @types/node for ${importerPath}`);
  const missing = Object.keys(pkg.dependencies).filter((name) => !importer.dependencies?.[name]);
  if (missing.length > 0) throw new Error(`the workspace lockfile lacks ${missing.join(", ")}: run pnpm install`);
  const file = `file:${tarballName}`;
  const peerSuffix = `(@pulumi/pulumi@${pulumi.version})`;
  const dependencies = { "@pulumi/pulumi": pulumi.specifier, "@types/node": node.version, [pkg.name]: file };
  const lockfile: Lockfile = {
    lockfileVersion: workspace.lockfileVersion,
    ...(workspace.settings ? { settings: workspace.settings } : {}),
    importers: {
      ".": {
        dependencies: {
          "@pulumi/pulumi": { specifier: pulumi.specifier, version: pulumi.version },
          "@types/node": { specifier: node.version, version: node.version },
          [pkg.name]: { specifier: file, version: `${file}${peerSuffix}` },
        },
      },
    },
    packages: {
      ...workspace.packages,
      [`${pkg.name}@${file}`]: {
        resolution: { integrity, tarball: file },
        version: pkg.version,
        ...(pkg.engines ? { engines: pkg.engines } : {}),
        ...(pkg.bin ? { hasBin: true } : {}),
        peerDependencies: pkg.peerDependencies,
      },
    },
    snapshots: {
      ...workspace.snapshots,
      [`${pkg.name}@${file}${peerSuffix}`]: {
        dependencies: {
          ...Object.fromEntries(Object.keys(pkg.dependencies).map((name) => [name, importer.dependencies![name].version])),
          "@pulumi/pulumi": pulumi.version,
        },
      },
    },
  };
  return { lockfile, dependencies };
}

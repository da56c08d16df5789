import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { cleanEnv, manifest, pack, run } from "../../package/pack";
import { Lockfile, PackageManifest, scratchLockfile } from "../../package/rules";
import { REPO, scratchDir } from "./project";

const PACKAGE_PATH = "packages/alexa-linking-component";

export interface PackedPackage {
  tarball: string;
  manifest: PackageManifest;
}

/** The package as the working tree has it (built by `pnpm build`), packed as `pnpm publish` would. */
export async function packWorkingTree(dest: string): Promise<PackedPackage> {
  const { tarball } = await pack(dest);
  return { tarball, manifest: manifest() };
}

/**
 * The package as it was at a git revision: its sources taken from git, compiled with the
 * workspace's TypeScript and dependencies, then packed.
 */
export async function packRevision(revision: string, dest: string): Promise<PackedPackage> {
  const tree = scratchDir(`package-${revision}`);
  const archive = execFileSync("git", ["archive", revision, PACKAGE_PATH, "tsconfig.base.json"], { cwd: REPO });
  execFileSync("tar", ["-x", "-C", tree], { input: archive });
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(tree, "node_modules"));
  const dir = path.join(tree, PACKAGE_PATH);
  await run(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
    cwd: dir,
    env: cleanEnv(),
  });
  const { stdout } = await run("pnpm", ["pack", "--config.ignore-scripts=true", "--json", "--pack-destination", dest], {
    cwd: dir,
    env: cleanEnv(),
  });
  return {
    tarball: (JSON.parse(stdout) as { filename: string }).filename,
    manifest: JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")),
  };
}

/**
 * Installs a packed package into a program folder as an npm user has it: a flat node_modules
 * with the package by name (not the workspace link), offline from the store the workspace's own
 * install filled, at the workspace lockfile's resolutions.
 */
export async function installInto(program: string, packed: PackedPackage, extraDependencies: Record<string, string> = {}): Promise<void> {
  const tarballName = path.basename(packed.tarball);
  fs.copyFileSync(packed.tarball, path.join(program, tarballName));
  const workspaceLock = YAML.parse(fs.readFileSync(path.join(REPO, "pnpm-lock.yaml"), "utf8")) as Lockfile;
  const integrity = `sha512-${crypto.createHash("sha512").update(fs.readFileSync(packed.tarball)).digest("base64")}`;
  const { lockfile, dependencies } = scratchLockfile(workspaceLock, packed.manifest, tarballName, integrity, PACKAGE_PATH);
  fs.writeFileSync(
    path.join(program, "package.json"),
    JSON.stringify(
      { name: "engine-consumer", version: "1.0.0", private: true, dependencies: { ...dependencies, ...extraDependencies } },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(program, "pnpm-lock.yaml"), YAML.stringify(lockfile));
  fs.writeFileSync(path.join(program, ".npmrc"), "node-linker=hoisted\n");
  const store = (await run("pnpm", ["store", "path"], { cwd: REPO, env: cleanEnv() })).stdout.trim();
  await run("pnpm", ["install", "--frozen-lockfile", "--offline", "--store-dir", store], { cwd: program, env: cleanEnv() });
}

/** The kind of an exported value, as the manifest records it. */
export type ExportKind = "function" | "object" | "constant";

export const exportKind = (value: unknown): ExportKind | "missing" =>
  value === undefined
    ? "missing"
    : typeof value === "function"
      ? "function"
      : value !== null && typeof value === "object"
        ? "object"
        : "constant";

/**
 * FROZEN: what providers serialized into users' stack state require of this package, measured
 * from the serialized text of both providers of each revision, packed and installed from the
 * tarball into a consumer's node_modules (only there does the closure serializer require the
 * package by path: a workspace link resolves outside node_modules, so the code is inlined).
 * Module path (inside the package) -> exported name -> kind. Refresh and destroy of those stacks
 * run the text with whatever version is installed then, so each entry must keep resolving.
 * Never remove an entry; add the current entry modules' names when they gain one.
 */
export const SERIALIZED_PROVIDER_MANIFEST: Record<string, { neededBy: string; names: Record<string, ExportKind> }> = {
  // Release 0.1.0 (0a50fa0) and 0.2.0 before the entry modules (c5e5485): the same paths and names.
  "dist/cognito/inputs.js": { neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)", names: { checkCallbackUrlInputs: "function" } },
  "dist/cognito/diff.js": { neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)", names: { diffCallbackUrl: "function" } },
  "dist/cognito/operations.js": {
    neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)",
    names: { putCallbackUrl: "function", readCallbackUrl: "function", removeCallbackUrl: "function" },
  },
  "dist/alexa/validation.js": { neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)", names: { checkSkillLinkingInputs: "function" } },
  "dist/alexa/diff.js": {
    neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)",
    names: { diffSkillLinking: "function", withNewAccess: "function" },
  },
  "dist/alexa/retry.js": {
    neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)",
    names: { DEFAULT_RETRY_POLICY: "object", realRetryRuntime: "function" },
  },
  "dist/alexa/smapiClient.js": {
    neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)",
    names: { getAccountLinking: "function", putAccountLinking: "function" },
  },
  "dist/alexa/problems.js": {
    neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)",
    names: { linkingProblem: "function", liveStageMessage: "function", notConfiguredMessage: "function" },
  },
  "dist/alexa/plan.js": { neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)", names: { planDelete: "function", planWrite: "function" } },
  "dist/alexa/provider.js": { neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)", names: { skillLinkingId: "function" } },
  "dist/alexa/lwa.js": { neededBy: "0.1.0 (0a50fa0), 0.2.0 (c5e5485)", names: { isLwaRefusal: "function" } },
  // The stable entry modules (src/providers/), from the release after 0.2.0 on.
  "dist/providers/cognitoCallbackUrl.js": {
    neededBy: "every release since the entry modules",
    names: { check: "function", diff: "function", create: "function", read: "function", update: "function", remove: "function" },
  },
  "dist/providers/skillAccountLinking.js": {
    neededBy: "every release since the entry modules",
    names: { check: "function", diff: "function", create: "function", read: "function", update: "function", remove: "function" },
  },
};

/** The stable entry modules: all that a provider serialized by this package may require of it. */
export const ENTRY_MODULES = ["dist/providers/cognitoCallbackUrl.js", "dist/providers/skillAccountLinking.js"] as const;

/**
 * What a serialized provider's text requires of the package: module path (inside the package) ->
 * the names it reads off that module. The closure serializer writes `const x_1 = require("pkg/path")`
 * at the top level and binds it in the functions' `with({ ... })` scopes, maybe under another name
 * (`exports: __pulumi_closure_import_exports`); the code reads `x_1.name`.
 */
export function packageRequires(text: string, packageName = "alexa-linking-component"): Map<string, Set<string>> {
  const body = text.replace(/^exports\.handler = [\w$]+;$/m, "");
  const modules = new Map<string, string>();
  for (const m of body.matchAll(/(?:const|var|let)\s+([\w$]+)\s*=\s*require\("([^"]+)"\)/g)) {
    if (m[2] === packageName || m[2].startsWith(`${packageName}/`)) modules.set(m[1], m[2].slice(packageName.length + 1));
  }
  const names = new Map(modules);
  for (const m of body.matchAll(/([\w$]+):\s*([\w$]+)(?=[,}\s])/g)) {
    const target = modules.get(m[2]);
    if (target !== undefined) names.set(m[1], target);
  }
  const found = new Map<string, Set<string>>([...modules.values()].map((p) => [p, new Set<string>()]));
  for (const [name, modulePath] of names) {
    const escaped = name.replace(/\$/g, "\\$");
    // `x.name`, not `.x.name` (a property of something else); `...x.name` (a spread) counts.
    for (const m of body.matchAll(new RegExp(`(?<![\\w$]|[^.]\\.)${escaped}\\.([\\w$]+)`, "g"))) found.get(modulePath)!.add(m[1]);
  }
  return found;
}

/**
 * The serialized text of both providers, as a consumer's program makes it: run in `program`
 * (where the package is installed) by a script that requires the package from there and
 * serializes each default provider as pulumi.dynamic.Resource does.
 */
export async function serializeInstalledProviders(
  program: string,
  entries: { cognito: string; skill: string },
): Promise<{ cognito: string; skill: string }> {
  const script = path.join(program, "serialize-providers.js");
  const out = path.join(program, "serialized-providers.json");
  fs.writeFileSync(
    script,
    `const pulumi = require("@pulumi/pulumi");
const fs = require("fs");
(async () => {
  const providers = {
    cognito: require(${JSON.stringify(entries.cognito)}).cognitoCallbackUrlProvider(),
    skill: require(${JSON.stringify(entries.skill)}).createSkillLinkingProvider(),
  };
  const texts = {};
  for (const [key, provider] of Object.entries(providers)) texts[key] = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
  fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify(texts));
})().catch((e) => { console.error(e); process.exit(1); });
`,
  );
  await run(process.execPath, [script], { cwd: program, env: cleanEnv() });
  return JSON.parse(fs.readFileSync(out, "utf8"));
}

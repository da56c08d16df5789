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
  await run(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: dir, env: cleanEnv() });
  const { stdout } = await run("pnpm", ["pack", "--config.ignore-scripts=true", "--json", "--pack-destination", dest], { cwd: dir, env: cleanEnv() });
  return { tarball: (JSON.parse(stdout) as { filename: string }).filename, manifest: JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) };
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
  fs.writeFileSync(path.join(program, "package.json"), JSON.stringify({ name: "engine-consumer", version: "1.0.0", private: true, dependencies: { ...dependencies, ...extraDependencies } }, null, 2));
  fs.writeFileSync(path.join(program, "pnpm-lock.yaml"), YAML.stringify(lockfile));
  fs.writeFileSync(path.join(program, ".npmrc"), "node-linker=hoisted\n");
  const store = (await run("pnpm", ["store", "path"], { cwd: REPO, env: cleanEnv() })).stdout.trim();
  await run("pnpm", ["install", "--frozen-lockfile", "--offline", "--store-dir", store], { cwd: program, env: cleanEnv() });
}

// Packs the component as `pnpm publish` would, for the package tests.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { PackageManifest, readTarball } from "./rules";

export const REPO = path.resolve(__dirname, "..", "..");
export const PACKAGE_DIR = path.join(REPO, "packages", "alexa-linking-component");

const execFileAsync = promisify(execFile);

/** Runs a program; a failure carries its stdout and stderr. */
export async function run(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(file, args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(" ")} (in ${options.cwd}) failed: ${e.message}\nstdout: ${e.stdout}\nstderr: ${e.stderr}`);
  }
}

/** The environment without what `pnpm run` passes down, so child pnpm calls see only their own config. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_)/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

export const manifest = (): PackageManifest & Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"));

/** The package's TypeScript sources, relative to the package (`src/...`). */
export function sourceFiles(dir = path.join(PACKAGE_DIR, "src")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path.relative(PACKAGE_DIR, full).split(path.sep).join("/")] : [];
  });
}

/**
 * `pnpm pack` of the package into `dest`. Lifecycle scripts are off: `prepack` would recompile
 * dist/ in place while other test files read it; `pnpm test` has just built it.
 */
export async function pack(dest: string): Promise<{ tarball: string; files: Map<string, Buffer> }> {
  if (!fs.existsSync(path.join(PACKAGE_DIR, "dist", "index.js"))) {
    throw new Error(`${PACKAGE_DIR}/dist is missing: run \`pnpm build\` (pnpm test does) before these tests`);
  }
  const { stdout } = await run("pnpm", ["pack", "--config.ignore-scripts=true", "--json", "--pack-destination", dest], {
    cwd: PACKAGE_DIR,
    env: cleanEnv(),
  });
  const tarball = (JSON.parse(stdout) as { filename: string }).filename;
  return { tarball, files: readTarball(fs.readFileSync(tarball)) };
}

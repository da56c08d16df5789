import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";

export const REPO = path.resolve(__dirname, "..", "..", "..");

/** The stand-in provider plugins, by the package name the engine asks for. */
export const STAND_IN_PLUGINS = ["aws", "command"] as const;

/** A scratch folder that the scenario removes when it passes. */
export function scratchDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `alexa-engine-${label}-`));
}

/**
 * A copy of the checkout as a user has it after `git clone` (tracked and new files, nothing
 * ignored: no node_modules, dist or state), so the README's commands run from scratch in it.
 * Its Pulumi.yaml registers the stand-in providers (the user's never does), unless `standIns` is
 * false: `pnpm stack-up local` puts them on PATH itself and must run from an untouched checkout.
 */
export function copyCheckout(label: string, options: { standIns?: boolean } = {}): string {
  const dir = scratchDir(label);
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO })
    .toString("utf8")
    .split("\0")
    .filter((file) => file !== "" && fs.existsSync(path.join(REPO, file)));
  for (const file of files) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(REPO, file), target);
    fs.chmodSync(target, fs.statSync(path.join(REPO, file)).mode);
  }
  if (options.standIns !== false) registerStandIns(path.join(dir, "Pulumi.yaml"), dir);
  return dir;
}

/** Adds `plugins.providers` entries for the stand-ins, found under `root/tests/engine/plugins`. */
export function registerStandIns(pulumiYaml: string, root = REPO): void {
  const project = parse(fs.readFileSync(pulumiYaml, "utf8"));
  project.plugins = {
    ...(project.plugins ?? {}),
    providers: STAND_IN_PLUGINS.map((name) => ({ name, path: path.join(root, "tests", "engine", "plugins", name) })),
  };
  fs.writeFileSync(pulumiYaml, stringify(project));
}

/** Merges keys into a stack file's `config:`, as a user editing it would. */
export function editStackFile(file: string, config: Record<string, unknown>): void {
  const document = fs.existsSync(file) ? (parse(fs.readFileSync(file, "utf8")) ?? {}) : {};
  document.config = { ...(document.config ?? {}), ...config };
  fs.writeFileSync(file, stringify(document));
}

/** The config that points a stack at the world's emulators instead of AWS and Amazon. */
export function emulatorConfig(endpoints: {
  smapi: string;
  lwa: string;
  cognito: string;
  apiGateway: string;
  s3: string;
}): Record<string, unknown> {
  return {
    "alexa-app-linking:endpoints": endpoints,
    "aws:endpoints": [{ s3: endpoints.s3, sts: endpoints.s3, s3control: endpoints.s3 }],
    "aws:s3UsePathStyle": true,
    "aws:skipCredentialsValidation": true,
    "aws:skipRequestingAccountId": false,
  };
}

/**
 * A small program folder that uses the checkout's installed node_modules (built package
 * included), for scenarios that need the stacks/ program but not a fresh install.
 */
export function linkedProject(label: string): string {
  const dir = scratchDir(label);
  for (const file of ["Pulumi.yaml", "package.json", "tsconfig.base.json", "tsconfig.json"])
    fs.copyFileSync(path.join(REPO, file), path.join(dir, file));
  fs.mkdirSync(path.join(dir, "stacks"));
  for (const entry of fs.readdirSync(path.join(REPO, "stacks"), { withFileTypes: true })) {
    if (entry.isFile()) fs.copyFileSync(path.join(REPO, "stacks", entry.name), path.join(dir, "stacks", entry.name));
  }
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  // The workspace link to the package lives in stacks/node_modules.
  fs.symlinkSync(path.join(REPO, "stacks", "node_modules"), path.join(dir, "stacks", "node_modules"));
  registerStandIns(path.join(dir, "Pulumi.yaml"));
  return dir;
}

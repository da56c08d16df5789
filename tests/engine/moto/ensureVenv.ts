/**
 * The Python virtual environment that runs moto for the engine tests, kept outside the
 * repository in `${ALEXA_LINKING_ENGINE_CACHE:-$HOME/.cache/alexa-app-linking/engine}/
 * moto-venv-<first 16 hex of sha256(requirements.txt)>` and reused while requirements.txt is
 * unchanged. Built in a side folder and renamed into place when complete, so an interrupted
 * install or two concurrent callers never leave a half-made venv that looks usable.
 *
 *   node -r ts-node/register/transpile-only tests/engine/moto/ensureVenv.ts   # prints the venv path
 *
 * Python: `$ALEXA_LINKING_PYTHON`, else `python3` on PATH (3.9+; the pins were made with 3.11).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REQUIREMENTS = path.join(__dirname, "requirements.txt");
const COMPLETE_MARKER = ".alexa-linking-complete";

export interface MotoVenv {
  dir: string;
  python: string;
  motoServer: string;
}

export function engineCacheDir(): string {
  return process.env.ALEXA_LINKING_ENGINE_CACHE || path.join(os.homedir(), ".cache", "alexa-app-linking", "engine");
}

export function requirementsHash(): string {
  return createHash("sha256").update(fs.readFileSync(REQUIREMENTS)).digest("hex").slice(0, 16);
}

export function motoVenvDir(): string {
  return path.join(engineCacheDir(), `moto-venv-${requirementsHash()}`);
}

function venvOf(dir: string): MotoVenv {
  return { dir, python: path.join(dir, "bin", "python"), motoServer: path.join(dir, "bin", "moto_server") };
}

function run(cmd: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    const onData = (d: Buffer) => {
      const text = d.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split("\n")) if (line.trim()) log(line);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (e) => reject(new Error(`${cmd}: ${e.message}`)));
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${tail}`)),
    );
  });
}

/** Returns the venv, creating it first if needed (a few minutes the first time). */
export async function ensureMotoVenv(log: (line: string) => void = () => {}): Promise<MotoVenv> {
  const dir = motoVenvDir();
  if (fs.existsSync(path.join(dir, COMPLETE_MARKER)) && fs.existsSync(venvOf(dir).motoServer)) return venvOf(dir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const building = `${dir}.building-${process.pid}-${Date.now()}`;
  const python = process.env.ALEXA_LINKING_PYTHON || "python3";
  try {
    log(`creating ${building} with ${python} -m venv`);
    await run(python, ["-m", "venv", building], log);
    const venvPython = path.join(building, "bin", "python");
    log(`installing ${REQUIREMENTS}`);
    await run(venvPython, ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-q", "-r", REQUIREMENTS], log);
    fs.writeFileSync(path.join(building, COMPLETE_MARKER), `${requirementsHash()}\n`);
    try {
      fs.renameSync(building, dir);
    } catch (e) {
      // Someone else finished first: use theirs.
      if (!fs.existsSync(path.join(dir, COMPLETE_MARKER))) throw e;
      fs.rmSync(building, { recursive: true, force: true });
    }
  } catch (e) {
    fs.rmSync(building, { recursive: true, force: true });
    throw e;
  }
  // A venv's scripts carry the absolute path of the folder they were made in: make them again
  // for the final folder (pip's entry points and bin/python symlinks are relocatable; the
  // moto_server script's #! line is not).
  fixShebangs(venvOf(dir).dir, building);
  return venvOf(dir);
}

function fixShebangs(dir: string, builtIn: string): void {
  const bin = path.join(dir, "bin");
  for (const name of fs.readdirSync(bin)) {
    const file = path.join(bin, name);
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || stat.size > 1_000_000) continue;
    const text = fs.readFileSync(file, "utf8");
    if (text.includes(builtIn)) fs.writeFileSync(file, text.split(builtIn).join(dir));
  }
  const cfg = path.join(dir, "pyvenv.cfg");
  if (fs.existsSync(cfg)) {
    const text = fs.readFileSync(cfg, "utf8");
    if (text.includes(builtIn)) fs.writeFileSync(cfg, text.split(builtIn).join(dir));
  }
}

if (require.main === module) {
  ensureMotoVenv((line) => process.stderr.write(`${line}\n`)).then(
    (v) => process.stdout.write(`${v.dir}\n`),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}

import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The one rule for files the command line reads or writes inside a folder it was given
 * (`verify --expect-dir`, `render --out`): the file stays inside that folder, lexically (no `..`,
 * no absolute part) and on disk (no symbolic link leading out of it).
 */

/** True when `candidate` is `dir` or lies under it, judged on the names only. */
export function isInside(dir: string, candidate: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(candidate));
  return rel === "" || (!path.isAbsolute(rel) && rel.split(path.sep)[0] !== "..");
}

/**
 * Why `segment` (one decoded URL path segment, or one part of a relative name) cannot name a
 * file inside a folder, or undefined when it can.
 */
export function segmentProblem(segment: string): string | undefined {
  if (segment === "." || segment === "..") return `is "${segment}"`;
  if (/[/\\]/.test(segment)) return "holds a path separator";
  if (segment.includes("\0")) return "holds a NUL character";
  return undefined;
}

/** The real path of the deepest part of `file` that exists. */
function realExisting(file: string): string {
  let current = path.resolve(file);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(current), ...rest);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.join(current, ...rest);
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}

/**
 * Why `file` is not inside `dir` once symbolic links are followed, or undefined when it is.
 * With `forWriting`, an existing `file` must not itself be a symbolic link.
 */
export function realPathProblem(dir: string, file: string, forWriting = false): string | undefined {
  if (!isInside(dir, file)) return `${file} is not inside ${dir}`;
  if (forWriting) {
    try {
      if (fs.lstatSync(file).isSymbolicLink()) return `${file} is a symbolic link`;
    } catch {
      // Does not exist yet: its folder is checked below.
    }
  }
  const realDir = realExisting(dir);
  const real = realExisting(file);
  return isInside(realDir, real) ? undefined : `${file} leads to ${real} (through a symbolic link), outside ${realDir}`;
}

/** Where an output folder's files go: `real`, its path on disk; `moved` when that is not the path given. */
export interface OutFolder {
  real: string;
  moved: boolean;
}

/**
 * The folder an output option names (`mobile-config --out`, `render --out`), created if absent.
 * The folder itself must not be a symbolic link: its files (the mobile ones may hold the Alexa
 * client secret) would land wherever the link points, which can change between runs. A link
 * higher up the path (a home or /tmp that is one) is resolved: `real` is where the files go,
 * and the caller says so when it differs from the name given.
 */
export function outFolder(dir: string, option = "--out"): OutFolder {
  const given = path.resolve(dir);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(given);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw outFolderError(option, given, err);
  }
  if (stat?.isSymbolicLink()) {
    let target = "";
    try {
      target = ` to ${fs.realpathSync(given)}`;
    } catch {
      target = ` to ${fs.readlinkSync(given)} (which does not exist)`;
    }
    throw new Error(
      `${option} ${given} is a symbolic link${target}; files are not written through a link. ` +
        `Fix: pass the folder itself as ${option}, or remove the link`,
    );
  }
  if (stat !== undefined && !stat.isDirectory())
    throw new Error(`${option} ${given} is not a folder. Fix: pass a folder (it is created if missing)`);
  try {
    fs.mkdirSync(given, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw outFolderError(option, given, err);
  }
  if (!fs.statSync(given).isDirectory())
    throw new Error(`${option} ${given} is not a folder. Fix: pass a folder (it is created if missing)`);
  const real = fs.realpathSync(given);
  return { real, moved: real !== given };
}

/** An output folder that cannot be looked at or made: the system's code, and what to do about it. */
function outFolderError(option: string, given: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  const fix =
    code === "EACCES" || code === "EPERM" || code === "EROFS"
      ? "pass a folder you can write to (or fix the permissions of its parent folders)"
      : code === "ENOTDIR"
        ? "a part of the path is a file, not a folder: pass a path made of folders"
        : "pass a folder you can create and write to";
  return new Error(`${option} ${given}: ${code}. Fix: ${fix}`);
}

/** What a command says when an output folder's path goes through a symbolic link. */
export const outFolderMovedNote = (given: string, real: string, option = "--out"): string =>
  `${option} ${path.resolve(given)} is ${real} on disk (a folder on its path is a symbolic link); the files are written there.`;

import { showValue } from "../shared/errors";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * `name` as a file directly inside `dir`, or an error: a name with a folder part, `.` or `..`
 * would put a file (maybe holding the client secret) outside the --out folder.
 */
export function fileInFolder(dir: string, name: string, option = "--out"): string {
  if (name === "" || name === "." || name === ".." || name !== path.basename(name) || /[\\/]/.test(name)) {
    throw new Error(`${showValue(name)} is not a file name inside the ${option} folder. Fix: name a plain file`);
  }
  return path.join(dir, name);
}

/**
 * Why `target` must not be written: a symbolic link (writing would follow it, dangling or not)
 * or something else than a regular file. Undefined when it is a regular file or absent.
 */
export function unsafeTarget(target: string, option: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return `${option} ${target}: cannot look at it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  if (stat.isSymbolicLink()) {
    return (
      `${option} ${target} is a symbolic link; mobile-config does not write through links (the file may hold the Alexa client secret). ` +
      "Fix: remove the link, or pass another --out folder"
    );
  }
  if (!stat.isFile()) return `${option} ${target} is not a regular file. Fix: move it away, or pass another --out folder`;
  return undefined;
}

const CREATE = fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY | fs.constants.O_NOFOLLOW;

/**
 * Writes `content` to `target` atomically and without following links: a new temp file in the
 * same folder, created with O_CREAT|O_EXCL|O_NOFOLLOW and `mode` (set again on the open file, so
 * the umask cannot widen or narrow it), written and synced, then renamed over the target. A
 * file that existed is replaced, not written into: whoever holds it open keeps the old inode
 * and its old content. A symlink at the target is refused.
 */
export function writeFileAtomic(target: string, content: string, mode: number, option: string): void {
  const refused = unsafeTarget(target, option);
  if (refused) throw new Error(refused);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, CREATE, mode);
  } catch (err) {
    throw new Error(`${option} ${dir}: cannot create a file there (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    fs.fchmodSync(fd, mode);
    const bytes = Buffer.from(content, "utf8");
    for (let written = 0; written < bytes.length;) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw new Error(`${option} ${target}: cannot write it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

import * as fs from "node:fs";
import * as path from "node:path";
import type { OutputsText } from "../stackOutputs";
import type { CliIo } from "./io";

/**
 * The text of a file an option names, relative to the working directory. A file that cannot be
 * read fails the run (exit 1), with the option, the path and the reason.
 */
export function readOptionFile(cwd: string, file: string, option: string): string {
  try {
    return fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    throw new Error(
      `${option} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Fix: check the path (relative to ${cwd})`,
    );
  }
}

/** Stack outputs from the file an option names, or standard input when it is absent or `-`. */
export async function readInputText(io: CliIo, file: string | undefined, option: string, command: string): Promise<OutputsText> {
  if (file === undefined || file === "-") return { text: await io.readStdin(), source: "standard input", command, fileOption: option };
  return { text: readOptionFile(io.cwd, file, option), source: `${option} ${file}`, command, fileOption: option };
}

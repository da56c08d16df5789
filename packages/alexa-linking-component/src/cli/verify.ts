import * as fs from "fs";
import * as path from "path";
import { realPathProblem, segmentProblem } from "../shared/paths";
import { ExpectedFile } from "../verify/check";
import { reportResults, verifyAll, VerifyOptions } from "../verify/run";
import { CliIo, CliVerb } from "./io";

export const verifyUsage = `usage: alexa-linking verify [--url <url> [--expect-file <path>]]... [--stack-output <file|-> [--expect-dir <dir>]]
                            [--attempts <n>] [--delay-ms <ms>] [--timeout-ms <ms>]

Fetches each association file from its public URL, as Apple and Android do, and checks that it
answers 200 without a redirect, with Content-Type application/json, and with the expected body.

  --url <url>             a file to check (repeatable)
  --expect-file <path>    the exact text the preceding --url must serve; without it, only
                          status, redirect, content type and JSON validity are checked
  --stack-output <file|-> \`pulumi stack output --json\` (or - for standard input): checks every
                          URL in its associationFileUrls
  --expect-dir <dir>      with --stack-output: expected files, looked up as <dir>/<URL path>
                          (e.g. <dir>/.well-known/assetlinks.json), else <dir>/<file name>
  --attempts <n>          tries per file for 403/404/5xx/network failures (default 1)
  --delay-ms <ms>         pause between tries (default 5000)
  --timeout-ms <ms>       per-request timeout (default 10000)

Exit code: 0 all files pass, 1 a file fails, 2 bad usage.
`;

export interface VerifyCliOptions {
  /** Explicit --url entries, each with its --expect-file if one followed it. */
  urls: { url: string; expectFile?: string }[];
  stackOutput?: string;
  expectDir?: string;
  attempts: number;
  delayMs?: number;
  timeoutMs?: number;
  help: boolean;
}

export class UsageError extends Error {}

/** Parses the verb's arguments; every error names the flag and the bad value. */
export function parseVerifyArgs(argv: string[]): VerifyCliOptions {
  const options: VerifyCliOptions = { urls: [], attempts: 1, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      options.help = true;
      continue;
    }
    // `--name=value` and `--name value`, as the other verbs accept; order matters for --expect-file.
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const needValue = () => {
      if (eq !== -1) return arg.slice(eq + 1);
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value.`);
      i++;
      return value;
    };
    switch (flag) {
      case "--url": {
        const url = needValue();
        if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`--url must be an http(s) URL; got "${url}".`);
        options.urls.push({ url });
        break;
      }
      case "--expect-file": {
        const file = needValue();
        const last = options.urls[options.urls.length - 1];
        if (!last || last.expectFile !== undefined) {
          throw new UsageError(`--expect-file "${file}" must follow the --url it belongs to (one --expect-file per --url).`);
        }
        last.expectFile = file;
        break;
      }
      case "--stack-output":
        options.stackOutput = needValue();
        break;
      case "--expect-dir":
        options.expectDir = needValue();
        break;
      case "--attempts":
        options.attempts = integerFlag(flag, needValue(), 1);
        break;
      case "--delay-ms":
        options.delayMs = integerFlag(flag, needValue(), 0);
        break;
      case "--timeout-ms":
        options.timeoutMs = integerFlag(flag, needValue(), 1);
        break;
      default:
        throw new UsageError(`unknown option "${flag}".`);
    }
  }
  if (options.help) return options;
  if (options.urls.length === 0 && options.stackOutput === undefined) {
    throw new UsageError("nothing to check: give --url <url> or --stack-output <file|->.");
  }
  if (options.expectDir !== undefined && options.stackOutput === undefined) {
    throw new UsageError("--expect-dir only applies to --stack-output; use --expect-file after each --url.");
  }
  return options;
}

/**
 * The association file URLs in `pulumi stack output --json`: `associationFileUrls` at the top
 * level, or inside one top-level output (a program that exports the component's outputs as an
 * object). Accepts a map (platform -> URL) or a list of URLs.
 */
export function urlsFromStackOutput(text: string, source: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${source} is not JSON (${(err as Error).message}); pass the output of \`pulumi stack output --json\`.`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`${source} must be the JSON object printed by \`pulumi stack output --json\`.`);
  }
  const top = value as Record<string, unknown>;
  const candidates = "associationFileUrls" in top
    ? [top.associationFileUrls]
    : Object.values(top)
      .filter((v): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v))
      .filter((v) => "associationFileUrls" in v)
      .map((v) => v.associationFileUrls);
  if (candidates.length === 0) {
    throw new UsageError(`${source} has no associationFileUrls output; export the component's associationFileUrls from the stack.`);
  }
  if (candidates.length > 1) {
    throw new UsageError(`${source} has ${candidates.length} associationFileUrls outputs; use --url for each file instead.`);
  }
  const found = candidates[0];
  const urls = Array.isArray(found) ? found : found !== null && typeof found === "object" ? Object.values(found) : [];
  if (urls.length === 0 || !urls.every((u) => typeof u === "string" && /^https?:\/\//.test(u))) {
    throw new UsageError(`${source}: associationFileUrls must be a map or list of URLs; got ${JSON.stringify(found)}.`);
  }
  return urls as string[];
}

/**
 * Where a URL's expected text lies in --expect-dir: the URL path under dir, else its file name.
 * The URL comes from the stack outputs, so it is not trusted to name a file: each path segment is
 * decoded on its own, and one that would leave the folder (`..`, an encoded `/` or `\`) is a
 * usage error, never a path.
 */
export function expectedPathFor(url: string, dir: string, exists: (file: string) => boolean): string | undefined {
  const segments = new URL(url).pathname.split("/").filter(Boolean).map((raw) => {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw new UsageError(`--expect-dir: the path of ${url} is not valid percent-encoding (segment "${raw}").`);
    }
    const problem = segmentProblem(segment);
    if (problem) {
      throw new UsageError(`--expect-dir: the path of ${url} has a segment that ${problem} once decoded; it would leave --expect-dir, so it is refused.`);
    }
    return segment;
  });
  if (segments.length === 0) return undefined;
  const candidates = [path.join(dir, ...segments), path.join(dir, segments[segments.length - 1])];
  return candidates.find(exists);
}

export const verify: CliVerb = async (argv, io) => {
  let options: VerifyCliOptions;
  let files: ExpectedFile[];
  try {
    options = parseVerifyArgs(argv);
    if (options.help) {
      io.stdout(verifyUsage);
      return 0;
    }
    files = await collectFiles(options, io);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`alexa-linking verify: ${err.message}\n\n${verifyUsage}`);
    return 2;
  }
  const verifyOptions: VerifyOptions = { attempts: options.attempts };
  if (options.delayMs !== undefined) verifyOptions.delayMs = options.delayMs;
  if (options.timeoutMs !== undefined) verifyOptions.timeoutMs = options.timeoutMs;
  const results = await verifyAll(files, verifyOptions);
  return reportResults(results, io, "Fix the causes above and run the check again.");
};

async function collectFiles(options: VerifyCliOptions, io: CliIo): Promise<ExpectedFile[]> {
  const files: ExpectedFile[] = options.urls.map(({ url, expectFile }) =>
    expectFile === undefined ? { url } : { url, body: readText(path.resolve(io.cwd, expectFile), "--expect-file") });
  if (options.stackOutput !== undefined) {
    const source = options.stackOutput === "-" ? "standard input" : `--stack-output ${options.stackOutput}`;
    const text = options.stackOutput === "-"
      ? await io.readStdin()
      : readText(path.resolve(io.cwd, options.stackOutput), "--stack-output");
    const expectDir = options.expectDir === undefined ? undefined : path.resolve(io.cwd, options.expectDir);
    for (const url of urlsFromStackOutput(text, source)) {
      if (expectDir === undefined) {
        files.push({ url });
        continue;
      }
      const file = expectedPathFor(url, expectDir, fs.existsSync);
      if (!file) throw new UsageError(`--expect-dir ${options.expectDir} has no file for ${url} (looked for its URL path and its file name).`);
      const outside = realPathProblem(expectDir, file);
      if (outside) throw new UsageError(`--expect-dir: the file for ${url} is outside the folder (${outside}); it is not read.`);
      files.push({ url, body: readText(file, "--expect-dir") });
    }
  }
  return files;
}

function readText(file: string, flag: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`${flag}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
}

function integerFlag(flag: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer >= ${min}; got "${raw}".`);
  return n;
}

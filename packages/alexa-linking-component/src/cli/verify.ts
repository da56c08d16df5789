import * as fs from "fs";
import * as path from "path";
import { CHECKED_URL, showUrl, urlProblem } from "../shared/urls";
import { realPathProblem, segmentProblem } from "../shared/paths";
import { parseOutputsText, readVerifyUrls, StackOutputs, STACK_OUTPUT_COMMAND } from "../stackOutputs";
import { ExpectedFile } from "../verify/check";
import { DEFAULT_TIMEOUT_MS } from "../verify/fetchFile";
import { DEFAULT_DELAY_MS, failureSummary, formatResult, verifyAll, VerifyOptions } from "../verify/run";
import { CliIo, CliVerb } from "./io";
import { EXIT_FAILED, EXIT_OK, exitCodeHelp, integerOption, parseCommandLine, UsageError } from "./options";
import { readInputText, readOptionFile } from "./readInput";

/** Tries per file on the command line: once, unless --attempts says more (the deploy-time check retries). */
export const CLI_ATTEMPTS = 1;

export const verifyUsage = `usage: alexa-linking verify [--url <url> [--expect-file <path>]]... [--stack-output <file|-> [--from <output>] [--expect-dir <dir>]]
                            [--attempts <n>] [--delay-ms <ms>] [--timeout-ms <ms>]

Fetches each association file from its public URL, as Apple and Android do, and checks that it
answers 200 without a redirect, with Content-Type application/json, and with the expected body.

  --url <url>             a file to check (repeatable)
  --expect-file <path>    the exact text the preceding --url must serve; without it, only
                          status, redirect, content type and JSON validity are checked
  --stack-output <file|-> \`pulumi stack output --json\` (or - for standard input): checks every
                          URL in its associationFileUrls
  --from <output>         with --stack-output: read associationFileUrls from this one output, when
                          the program exports the whole component as one object
  --expect-dir <dir>      with --stack-output: expected files, looked up as <dir>/<URL path>
                          (e.g. <dir>/.well-known/assetlinks.json), else <dir>/<file name>
  --attempts <n>          tries per file for 403/404/5xx/network failures (default ${CLI_ATTEMPTS})
  --delay-ms <ms>         pause between tries (default ${DEFAULT_DELAY_MS})
  --timeout-ms <ms>       per-request timeout (default ${DEFAULT_TIMEOUT_MS})

${exitCodeHelp("every file passes", "a file fails, or the stack outputs or an expected file cannot be used")}`;

export interface VerifyCliOptions {
  /** Explicit --url entries, each with its --expect-file if one followed it. */
  urls: { url: string; expectFile?: string }[];
  stackOutput?: string;
  from?: string;
  expectDir?: string;
  attempts: number;
  delayMs: number;
  timeoutMs: number;
  help: boolean;
}

const SPECS = [
  { name: "url", repeat: true },
  { name: "expect-file", repeat: true },
  { name: "stack-output" },
  { name: "from" },
  { name: "expect-dir" },
  { name: "attempts" },
  { name: "delay-ms" },
  { name: "timeout-ms" },
];

/** Why a --url cannot be checked: it must be an absolute http(s) URL. */
export const cliUrlProblem = (url: string): string | undefined => urlProblem(url, CHECKED_URL);

/** Parses the verb's arguments and applies its defaults; every error names the option and the bad value. */
export function parseVerifyArgs(argv: string[]): VerifyCliOptions {
  const parsed = parseCommandLine(argv, SPECS);
  if (parsed.help) return { urls: [], attempts: CLI_ATTEMPTS, delayMs: DEFAULT_DELAY_MS, timeoutMs: DEFAULT_TIMEOUT_MS, help: true };
  const urls: VerifyCliOptions["urls"] = [];
  // Order matters: each --expect-file belongs to the --url before it.
  for (const { name, value } of parsed.occurrences) {
    if (name === "url") {
      const problem = cliUrlProblem(value);
      if (problem)
        throw new UsageError(
          `--url ${showUrl(value)} ${problem}. Fix: pass the file's URL, e.g. https://<bucket>.s3.<region>.amazonaws.com/.well-known/assetlinks.json`,
        );
      urls.push({ url: value });
    } else if (name === "expect-file") {
      const last = urls[urls.length - 1];
      if (!last || last.expectFile !== undefined) {
        throw new UsageError(`--expect-file "${value}" must follow the --url it belongs to (one --expect-file per --url)`);
      }
      last.expectFile = value;
    }
  }
  const options: VerifyCliOptions = {
    urls,
    attempts: integerOption("attempts", parsed.one("attempts"), 1) ?? CLI_ATTEMPTS,
    delayMs: integerOption("delay-ms", parsed.one("delay-ms"), 0) ?? DEFAULT_DELAY_MS,
    timeoutMs: integerOption("timeout-ms", parsed.one("timeout-ms"), 1) ?? DEFAULT_TIMEOUT_MS,
    help: false,
  };
  for (const [key, option] of [
    ["stackOutput", "stack-output"],
    ["from", "from"],
    ["expectDir", "expect-dir"],
  ] as const) {
    const value = parsed.one(option);
    if (value !== undefined) options[key] = value;
  }
  if (options.urls.length === 0 && options.stackOutput === undefined) {
    throw new UsageError("nothing to check: give --url <url> or --stack-output <file|->");
  }
  for (const option of ["expect-dir", "from"] as const) {
    if (parsed.has(option) && options.stackOutput === undefined) {
      throw new UsageError(
        `--${option} only applies to --stack-output${option === "expect-dir" ? "; use --expect-file after each --url" : ""}`,
      );
    }
  }
  return options;
}

/**
 * Where a URL's expected text lies in --expect-dir: the URL path under dir, else its file name.
 * The URL comes from the stack outputs, so it is not trusted to name a file: each path segment is
 * decoded on its own, and one that would leave the folder (`..`, an encoded `/` or `\`) is a
 * usage error, never a path.
 */
export function expectedPathFor(url: string, dir: string, exists: (file: string) => boolean): string | undefined {
  const segments = new URL(url).pathname
    .split("/")
    .filter(Boolean)
    .map((raw) => {
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        throw new Error(`--expect-dir: the path of ${url} is not valid percent-encoding (segment "${raw}").`);
      }
      const problem = segmentProblem(segment);
      if (problem) {
        throw new Error(
          `--expect-dir: the path of ${url} has a segment that ${problem} once decoded; it would leave --expect-dir, so it is refused.`,
        );
      }
      return segment;
    });
  if (segments.length === 0) return undefined;
  const candidates = [path.join(dir, ...segments), path.join(dir, segments[segments.length - 1])];
  return candidates.find(exists);
}

export const verify: CliVerb = async (argv, io) => {
  const options = parseVerifyArgs(argv);
  if (options.help) {
    io.stdout(verifyUsage);
    return EXIT_OK;
  }
  const files = await collectFiles(options, io);
  const verifyOptions: VerifyOptions = { attempts: options.attempts, delayMs: options.delayMs, timeoutMs: options.timeoutMs };
  const results = await verifyAll(files, verifyOptions);
  for (const result of results) (result.ok ? io.stdout : io.stderr)(`${formatResult(result)}\n`);
  const failures = failureSummary(results);
  if (failures === undefined) return EXIT_OK;
  io.stderr(`alexa-linking verify: ${failures} Fix the causes above and run the check again.\n`);
  return EXIT_FAILED;
};

async function collectFiles(options: VerifyCliOptions, io: CliIo): Promise<ExpectedFile[]> {
  const files: ExpectedFile[] = options.urls.map(({ url, expectFile }) =>
    expectFile === undefined ? { url } : { url, body: readOptionFile(io.cwd, expectFile, "--expect-file") },
  );
  if (options.stackOutput !== undefined) {
    const input = await readInputText(io, options.stackOutput, "--stack-output", STACK_OUTPUT_COMMAND);
    const expectDir = options.expectDir === undefined ? undefined : path.resolve(io.cwd, options.expectDir);
    for (const url of readVerifyUrls(new StackOutputs(parseOutputsText(input), options.from))) {
      if (expectDir === undefined) {
        files.push({ url });
        continue;
      }
      const file = expectedPathFor(url, expectDir, fs.existsSync);
      if (!file)
        throw new Error(
          `--expect-dir ${options.expectDir} has no file for ${url} (looked for its URL path and its file name). Fix: render the stack's files into it (alexa-linking render --out <dir>)`,
        );
      const outside = realPathProblem(expectDir, file);
      if (outside) throw new Error(`--expect-dir: the file for ${url} is outside the folder (${outside}); it is not read`);
      files.push({ url, body: readOptionFile(io.cwd, file, "--expect-dir") });
    }
  }
  return files;
}

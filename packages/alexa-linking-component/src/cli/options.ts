/**
 * The option toolkit every verb parses its command line with, and the one exit-code rule:
 *   0  ok
 *   1  the verb ran and failed: a check failed, or the stack outputs or a file it read or wrote
 *      could not be used
 *   2  usage error: the command line itself is wrong (an unknown option, an option without its
 *      value or given twice, a bad option value, a stray argument); nothing was read or checked
 */
import { showValue } from "../shared/errors";
import type { CliIo, CliVerb } from "./io";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** The exit-code lines every verb's help ends with; `ok` and `failed` say what they mean for it. */
export const exitCodeHelp = (ok: string, failed: string): string =>
  `Exit code: 0 ${ok}; 1 ${failed}; 2 usage error (an unknown option, a missing or bad option value).\n`;

/** A command line the verb cannot run: exit 2, with the verb's `--help` hint. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** One option a verb accepts. */
export interface OptionSpec {
  /** Without the leading `--`. */
  name: string;
  /** A bare flag takes no value (`--help`). */
  flag?: boolean;
  /** Repeatable: every value is kept, in order; otherwise a second use is a usage error. */
  repeat?: boolean;
}

/** One option as given, in command-line order (verify pairs each --expect-file with its --url). */
export interface Occurrence {
  name: string;
  value: string;
}

export interface ParsedOptions {
  /** Every option given, in order. */
  occurrences: Occurrence[];
  /** The one value of an option that is not repeatable. */
  one(name: string): string | undefined;
  /** Every value of an option, in order. */
  all(name: string): string[];
  has(name: string): boolean;
}

export type Parsed = { help: true } | ({ help: false } & ParsedOptions);

const isHelp = (arg: string): boolean => arg === "--help" || arg === "-h";

/** A verb parsed by this toolkit: `--help` prints `help` and exits 0; otherwise `run` gets the options. */
export function optionVerb(
  help: string,
  specs: readonly OptionSpec[],
  run: (parsed: ParsedOptions, io: CliIo) => Promise<number>,
): CliVerb {
  return async (argv, io) => {
    const parsed = parseCommandLine(argv, specs);
    if (parsed.help) {
      io.stdout(help);
      return EXIT_OK;
    }
    return run(parsed, io);
  };
}

/**
 * Parses `--name value`, `--name=value` and bare flags. `--help` or `-h` anywhere wins: the verb
 * prints its help and exits 0 whatever else is there. Everything else that is wrong is a
 * UsageError that names the option, its value and the fix.
 */
export function parseCommandLine(argv: readonly string[], specs: readonly OptionSpec[]): Parsed {
  if (argv.some(isHelp)) return { help: true };
  specs = specs.some((s) => s.name === "help") ? specs : [...specs, { name: "help", flag: true }];
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const occurrences: Occurrence[] = [];
  const stray: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith("--") || arg === "--") {
      stray.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = byName.get(name);
    if (spec === undefined)
      throw new UsageError(
        unknownOptionMessage(
          name,
          specs.map((s) => s.name),
        ),
      );
    let value: string;
    if (spec.flag) {
      if (eq !== -1)
        throw new UsageError(`option --${name} takes no value; got ${showValue(arg.slice(eq + 1))}. Fix: write --${name} alone`);
      value = "true";
    } else if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) {
        throw new UsageError(
          `option --${name} needs a value. Fix: --${name} <value> (or --${name}=<value> for a value that starts with --)`,
        );
      }
      value = next;
      i += 1;
    }
    occurrences.push({ name, value });
  }
  if (stray.length > 0)
    throw new UsageError(`unexpected argument ${stray.map(showValue).join(", ")}; every input is an option (--name <value>)`);
  for (const spec of specs) {
    const count = occurrences.filter((o) => o.name === spec.name).length;
    if (!spec.repeat && count > 1) throw new UsageError(`--${spec.name} is given ${count} times; give it once`);
  }
  const all = (name: string) => occurrences.filter((o) => o.name === name).map((o) => o.value);
  return { help: false, occurrences, all, one: (name) => all(name)[0], has: (name) => all(name).length > 0 };
}

/** `unknown option --stak; known: --stack, .... Fix: did you mean --stack?` */
export function unknownOptionMessage(name: string, known: readonly string[]): string {
  const closest = closestOption(name, known);
  const fix = closest === undefined ? "see --help for what each option does" : `did you mean --${closest}?`;
  return `unknown option --${name}; known: ${known.map((n) => `--${n}`).join(", ")}. Fix: ${fix}`;
}

/** The known option nearest to `name` by edit distance, when it is near enough to be a typo. */
export function closestOption(name: string, known: readonly string[]): string | undefined {
  let best: { option: string; distance: number } | undefined;
  for (const option of known) {
    const distance = editDistance(name.toLowerCase(), option);
    if (best === undefined || distance < best.distance) best = { option, distance };
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(name.length, best.option.length) / 3));
  return best.distance <= limit || (best.option.startsWith(name) && name.length >= 3) ? best.option : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * An option's value through its parser: whatever the parser throws is a usage error (the
 * parsers, like parseSkillStage, name the option, the value and the fix themselves).
 */
export function optionValue<T>(raw: string | undefined, parse: (value: string) => T): T | undefined {
  if (raw === undefined) return undefined;
  try {
    return parse(raw);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError((err as Error).message);
  }
}

/** `--name <n>`: an integer of at least `min`. */
export function integerOption(option: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n) || n < min)
    throw new UsageError(`--${option} must be an integer >= ${min}; got ${showValue(raw)}`);
  return n;
}

/** `--name <value>` that must be one of `choices`. */
export function choiceOption<T extends string>(option: string, raw: string | undefined, choices: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`--${option} ${showValue(raw)} is not one of ${choices.join(", ")}. Fix: pass one of them`);
}

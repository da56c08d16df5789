/** cli/options.ts: the option toolkit every verb parses with, and its usage errors (exit 2). */
import {
  closestOption,
  integerOption,
  optionValue,
  parseCommandLine,
  UsageError,
} from "../../packages/alexa-linking-component/src/cli/options";
import { parseSkillStage } from "../../packages/alexa-linking-component/src/shared/defaults";

const SPECS = [{ name: "url", repeat: true }, { name: "stack" }, { name: "out" }, { name: "dry-run", flag: true }];

describe("parseCommandLine", () => {
  test("--name value, --name=value, flags and repeats, in order", () => {
    const parsed = parseCommandLine(["--url", "a", "--url=b", "--stack=dev", "--dry-run"], SPECS);
    if (parsed.help) throw new Error("not help");
    expect(parsed.all("url")).toEqual(["a", "b"]);
    expect(parsed.one("stack")).toBe("dev");
    expect(parsed.has("dry-run")).toBe(true);
    expect(parsed.has("out")).toBe(false);
    expect(parsed.occurrences.map((o) => o.name)).toEqual(["url", "url", "stack", "dry-run"]);
  });

  test.each([["--help"], ["-h"], ["--bogus", "--help"], ["--stack", "--help"]])("%p is help, whatever else is there", (...argv) => {
    expect(parseCommandLine(argv, SPECS)).toEqual({ help: true });
  });

  test.each<[string[], RegExp]>([
    [["--stak", "dev"], /^unknown option --stak; known: --url, --stack, --out, --dry-run, --help\. Fix: did you mean --stack\?$/],
    [["--verbose"], /^unknown option --verbose; known: .*\. Fix: see --help for what each option does$/],
    [["--stack"], /^option --stack needs a value\. Fix: --stack <value> \(or --stack=<value> for a value that starts with --\)$/],
    [["--stack", "--out", "x"], /^option --stack needs a value/],
    [["--stack", "a", "--stack", "b"], /^--stack is given 2 times; give it once$/],
    [["--dry-run=yes"], /^option --dry-run takes no value; got "yes"/],
    [["dev"], /^unexpected argument "dev"/],
  ])("%p is a usage error", (argv, message) => {
    expect(() => parseCommandLine(argv, SPECS)).toThrow(UsageError);
    expect(() => parseCommandLine(argv, SPECS)).toThrow(message);
  });

  test("a value that starts with -- is given with =", () => {
    const parsed = parseCommandLine(["--stack=--odd"], SPECS);
    expect(!parsed.help && parsed.one("stack")).toBe("--odd");
  });
});

describe("closestOption", () => {
  test.each<[string, string | undefined]>([
    ["stak", "stack"],
    ["stack-ouput", "stack-output"],
    ["regoin", "region"],
    ["platform", undefined],
    ["x", undefined],
  ])("%s -> %s", (name, closest) => expect(closestOption(name, ["stack", "stack-output", "region", "format"])).toBe(closest));
});

describe("option values", () => {
  test.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ["3", 3],
    ["1", 1],
  ])("integerOption %p", (raw, n) => expect(integerOption("attempts", raw, 1)).toBe(n));
  test.each(["0", "two", "1.5", ""])("integerOption %p is a usage error naming the option and value", (raw) => {
    expect(() => integerOption("attempts", raw, 1)).toThrow(
      new UsageError(`--attempts must be an integer >= 1; got ${JSON.stringify(raw)}`),
    );
  });
  test("a parser's error (parseSkillStage) becomes a usage error with its message", () => {
    expect(() => optionValue("Live", (v) => parseSkillStage(v))).toThrow(UsageError);
    expect(() => optionValue("Live", (v) => parseSkillStage(v))).toThrow(/--skill-stage "Live" is not a skill stage the apps send/);
    expect(optionValue(undefined, (v) => parseSkillStage(v))).toBeUndefined();
  });
});

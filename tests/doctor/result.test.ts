import { exitCodeOf, failed, formatResults, passed, summaryLine, warned } from "../../packages/alexa-linking-component/src/doctor/result";

describe("formatResults", () => {
  test("one line per check, status then padded label then detail, in the given order", () => {
    expect(formatResults([passed("ios file", "a"), failed("cognito", "b"), passed("token URL", "c")])).toEqual([
      "ok    ios file   a",
      "FAIL  cognito    b",
      "ok    token URL  c",
    ]);
  });
  test("no checks, no lines", () => expect(formatResults([])).toEqual([]));
});

describe("exitCodeOf and summaryLine", () => {
  test.each<[string, ReturnType<typeof passed>[], number, RegExp]>([
    ["all passed", [passed("a", ""), passed("b", "")], 0, /all 2 checks passed/],
    ["one failed", [passed("a", ""), failed("b", "")], 1, /1 of 2 checks failed/],
    ["all failed", [failed("a", ""), failed("b", "")], 1, /2 of 2 checks failed/],
  ])("%s", (_name, results, code, summary) => {
    expect(exitCodeOf(results)).toBe(code);
    expect(summaryLine(results)).toMatch(summary);
  });
});

describe("warnings", () => {
  test("shown as warn, counted as passed: no exit code, the summary says how many", () => {
    const results = [passed("a", "x"), warned("apple CDN", "older")];
    expect(formatResults(results)).toEqual(["ok    a          x", "warn  apple CDN  older"]);
    expect(exitCodeOf(results)).toBe(0);
    expect(summaryLine(results)).toBe("alexa-linking doctor: all 2 checks passed (1 with a warning: read the warn line).");
    expect(exitCodeOf([...results, failed("b", "")])).toBe(1);
  });
});

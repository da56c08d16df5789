import { exitCodeOf, failed, formatResults, passed, summaryLine } from "../../packages/alexa-linking-component/src/doctor/result";

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

import { firstDifference } from "../../packages/alexa-linking-component/src/shared/text";

test.each<[string, string, number]>([
  ["abc", "abc", -1],
  ["abc", "abd", 2],
  ["ab", "abc", 2],
  ["abc", "ab", 2],
  ["", "x", 0],
  ["https://x/", "https://x", 9],
  ["http://x/", "https://x/", 4],
])("firstDifference(%j, %j) = %d", (a, b, at) => expect(firstDifference(a, b)).toBe(at));

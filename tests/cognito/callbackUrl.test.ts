import { assertCallbackUrl, callbackUrlProblem } from "../../packages/alexa-linking-component/src/cognito/callbackUrl";

describe("callbackUrlProblem", () => {
  const ok: string[] = [
    "https://my-bucket.s3.eu-west-1.amazonaws.com/",
    "https://my-bucket.s3.eu-west-1.amazonaws.com",
    "https://example.com/path?x=1",
    "http://localhost",
    "http://localhost:3000/callback",
    "https://" + "a".repeat(1024 - "https://".length),
  ];
  it.each(ok)("accepts %s", (url) => {
    expect(callbackUrlProblem(url)).toBeUndefined();
  });

  const bad: [unknown, RegExp][] = [
    [undefined, /redirectUrl must be a non-empty URL string, got \(missing\)/],
    ["", /non-empty/],
    [42, /got 42/],
    ["my-bucket.s3.amazonaws.com/", /not an absolute URL.*https:\/\/host/],
    ["/relative", /not an absolute URL/],
    [
      "http://my-bucket.s3.eu-west-1.amazonaws.com/",
      /uses http; Cognito accepts https callback URLs, and http only for http:\/\/localhost/,
    ],
    ["http://127.0.0.1/", /uses (http|ftp); Cognito accepts https/],
    ["ftp://example.com/", /uses (http|ftp); Cognito accepts https/],
    ["https://example.com/#frag", /fragment/],
    ["https://example.com/#", /fragment/],
    [" https://example.com/", /whitespace/],
    ["https://" + "a".repeat(1025 - "https://".length), /1025 characters long.*at most 1024/],
  ];
  it.each(bad)("rejects %p", (url, message) => {
    expect(callbackUrlProblem(url)).toMatch(message);
  });

  it("names the argument it is given", () => {
    expect(callbackUrlProblem("http://x/", "redirectURL")).toMatch(/^redirectURL "http:\/\/x\/"/);
  });

  it("assertCallbackUrl throws the problem", () => {
    expect(() => assertCallbackUrl("http://x/")).toThrow(/uses (http|ftp); Cognito accepts https/);
    expect(() => assertCallbackUrl("https://x/")).not.toThrow();
  });
});

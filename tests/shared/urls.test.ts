import {
  CALLBACK_URL,
  ENDPOINT_URL,
  OUTPUT_URL,
  PUBLIC_URL,
  urlForMessage,
  urlProblem,
  urlWithoutQuery,
  type UrlRule,
} from "../../packages/alexa-linking-component/src/shared/urls";

const RULES: Record<string, UrlRule> = { ENDPOINT_URL, PUBLIC_URL, CALLBACK_URL, OUTPUT_URL };

// One row per URL, one column per rule: undefined = acceptable, otherwise the problem's start.
test.each<[unknown, Record<keyof typeof RULES, string | undefined>]>([
  [
    "https://links.s3.eu-west-1.amazonaws.com/",
    { ENDPOINT_URL: undefined, PUBLIC_URL: undefined, CALLBACK_URL: undefined, OUTPUT_URL: undefined },
  ],
  [
    "http://127.0.0.1:4566/",
    { ENDPOINT_URL: undefined, PUBLIC_URL: "uses http; the apps require https", CALLBACK_URL: "uses http; Cognito", OUTPUT_URL: undefined },
  ],
  ["http://localhost/", { ENDPOINT_URL: undefined, PUBLIC_URL: "uses http;", CALLBACK_URL: undefined, OUTPUT_URL: undefined }],
  [
    "http://10.0.0.5/",
    {
      ENDPOINT_URL: "uses plain http to 10.0.0.5, which is not this machine",
      PUBLIC_URL: "uses http;",
      CALLBACK_URL: "uses http;",
      OUTPUT_URL: "uses plain http to 10.0.0.5",
    },
  ],
  ["https://h/#x", { ENDPOINT_URL: undefined, PUBLIC_URL: "has a fragment", CALLBACK_URL: "has a fragment", OUTPUT_URL: "has a fragment" }],
  [
    "https://u:p@h/",
    {
      ENDPOINT_URL: "holds a user name or password",
      PUBLIC_URL: "holds a user name or password",
      CALLBACK_URL: "holds a user name or password",
      OUTPUT_URL: "holds a user name or password",
    },
  ],
  [
    "ftp://h/",
    {
      ENDPOINT_URL: "is not an http(s) URL",
      PUBLIC_URL: "uses ftp; the apps require https",
      CALLBACK_URL: "uses ftp;",
      OUTPUT_URL: "is not an http(s) URL",
    },
  ],
  [
    " https://h/",
    {
      ENDPOINT_URL: "has leading or trailing whitespace",
      PUBLIC_URL: "has leading or trailing whitespace",
      CALLBACK_URL: "has leading or trailing whitespace",
      OUTPUT_URL: "has leading or trailing whitespace",
    },
  ],
  [
    "h/path",
    {
      ENDPOINT_URL: "is not an absolute URL",
      PUBLIC_URL: "is not an absolute URL",
      CALLBACK_URL: "is not an absolute URL",
      OUTPUT_URL: "is not an absolute URL",
    },
  ],
  [
    undefined,
    {
      ENDPOINT_URL: "is not an absolute URL",
      PUBLIC_URL: "is not an absolute URL",
      CALLBACK_URL: "is not an absolute URL",
      OUTPUT_URL: "is not an absolute URL",
    },
  ],
])("urlProblem(%p) under each rule", (value, expected) => {
  for (const [name, rule] of Object.entries(RULES)) {
    const problem = urlProblem(value, rule);
    const want = expected[name];
    if (want === undefined) expect({ name, problem }).toEqual({ name, problem: undefined });
    else expect({ name, problem: problem?.slice(0, want.length) }).toEqual({ name, problem: want });
  }
});

test.each([
  ["https://user:hunter2@api.amazon.com/x?q=1", "https://***@api.amazon.com/x", "https://api.amazon.com/x"],
  ["https://api.amazon.com/x?token=abc#f", "https://api.amazon.com/x?token=abc#f", "https://api.amazon.com/x"],
  ["not a url?token=abc", "not a url?token=abc", "not a url"],
])("%s shown as %s (a value) and %s (a request)", (url, shown, request) => {
  expect(urlForMessage(url)).toBe(shown);
  expect(urlWithoutQuery(url)).toBe(request);
});

import { classifyError, describeFailure, redact, smapiMessage } from "../../packages/alexa-linking-component/src/alexa/errors";

describe("smapiMessage", () => {
  test.each<[unknown, string | undefined]>([
    [{ message: "Rate exceeded." }, "Rate exceeded."],
    [{ message: "Bad", violations: [{ code: "X", message: "clientSecret is required." }] }, "Bad; clientSecret is required."],
    [{ error: "invalid_grant", error_description: "bad refresh token" }, "invalid_grant; bad refresh token"],
    ["plain text", "plain text"],
    [{}, undefined],
    [undefined, undefined],
    [null, undefined],
  ])("%p", (body, expected) => {
    expect(smapiMessage(body)).toBe(expected);
  });
});

describe("classifyError", () => {
  const serviceError = (statusCode: number, response: unknown) =>
    Object.assign(new Error("Unknown error"), { name: "ServiceError", statusCode, response });
  test.each<[string, unknown, { status?: number; connection: boolean; message: RegExp }]>([
    ["SDK ServiceError", serviceError(429, { message: "Rate exceeded." }), { status: 429, connection: false, message: /Rate exceeded/ }],
    ["SDK ServiceError without body", serviceError(500, undefined), { status: 500, connection: false, message: /Unknown error/ }],
    [
      "LWA HttpError",
      Object.assign(new Error("x"), { name: "HttpError", status: 400, response: { error: "invalid_grant" } }),
      { status: 400, connection: false, message: /invalid_grant/ },
    ],
    [
      "SDK socket error",
      Object.assign(new Error("Call to service failed: socket hang up"), { name: "AskSdkModelRuntime.DefaultApiClient Error" }),
      { connection: true, message: /socket hang up/ },
    ],
    [
      "fetch failed",
      Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET", message: "other side closed" } }),
      { connection: true, message: /fetch failed: other side closed/ },
    ],
    ["refused", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), { connection: true, message: /ECONNREFUSED/ }],
    ["timeout", Object.assign(new Error("no answer within 5 ms"), { name: "AttemptTimeout" }), { connection: true, message: /no answer/ }],
    ["programming error", new TypeError("x is not a function"), { connection: false, message: /not a function/ }],
  ])("%s", (_name, error, expected) => {
    const failure = classifyError(error);
    expect(failure.status).toBe(expected.status);
    expect(failure.connection).toBe(expected.connection);
    expect(failure.message).toMatch(expected.message);
  });
});

describe("redact", () => {
  // Secrets of 8 characters or more are replaced in every form; a shorter one is never replaced
  // by substring (that would mangle the text and show it), the whole text is withheld instead.
  test.each<[string, string[], string]>([
    ["secret a&b=c+d/e here", ["a&b=c+d/e"], "secret [secret] here"],
    ["encoded a%26b%3Dc%2Bd%2Fe here", ["a&b=c+d/e"], "encoded [secret] here"],
    ["lower-case escapes a%26b%3dc%2bd%2fe here", ["a&b=c+d/e"], "lower-case escapes [secret] here"],
    ["form a%26b%3Dc%2Bd%2Fe x", ["a&b=c+d/e"], "form [secret] x"],
    ["form-encoded space a+b+c+d+e", ["a b c d e"], "form-encoded space [secret]"],
    ["nothing", ["zzzzzzzz"], "nothing"],
    ["empty secret ignored", [""], "empty secret ignored"],
    ["a short secret in the text", ["ecr"], "(the server's text is withheld: it may quote a credential)"],
    ["a short secret absent", ["zq"], "a short secret absent"],
  ])("%p", (text, secrets, expected) => {
    expect(redact(text, secrets)).toBe(expected);
  });
});

test("describeFailure", () => {
  expect(describeFailure({ status: 429, connection: false, message: "Rate exceeded." })).toBe("HTTP 429: Rate exceeded.");
  expect(describeFailure({ connection: true, message: "socket hang up" })).toBe("connection error: socket hang up");
});

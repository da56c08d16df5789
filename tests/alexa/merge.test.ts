import fc from "fast-check";
import {
  mergeRedirectUrl,
  normaliseSkipOnEnablement,
  toAccountLinkingRequest,
  unmergeRedirectUrl,
  unwrapAccountLinking,
} from "../../packages/alexa-linking-component/src/alexa/merge";
import type { AccountLinking } from "../../packages/alexa-linking-component/src/alexa/types";
import { COGNITO_SECRET, OTHER_REDIRECT, REDIRECT, fullLinking, withoutSecret } from "./fixtures";

describe("unwrapAccountLinking", () => {
  const inner = { type: "AUTH_CODE", clientId: "c" };
  test.each([
    ["wrapped, as SMAPI answers", { accountLinkingResponse: inner }, inner],
    ["bare, as the SDK types it", inner, inner],
    ["empty object", {}, {}],
  ])("%s", (_name, body, expected) => {
    expect(unwrapAccountLinking(body)).toEqual(expected);
  });
  test.each([
    ["null", null],
    ["a string", "oops"],
    ["an array", []],
    ["a wrapped array", { accountLinkingResponse: [] }],
    ["a wrapped null", { accountLinkingResponse: null }],
  ])("rejects %s", (_name, body) => {
    expect(() => unwrapAccountLinking(body)).toThrow(/not an object/);
  });
});

describe("normaliseSkipOnEnablement", () => {
  test.each<[unknown, unknown]>([
    ["true", true],
    ["false", false],
    ["TRUE", true],
    [" False ", false],
    [true, true],
    [false, false],
    [undefined, undefined],
    ["yes", "yes"],
    [1, 1],
  ])("%p -> %p", (input, expected) => {
    expect(normaliseSkipOnEnablement(input)).toBe(expected);
  });
});

describe("toAccountLinkingRequest", () => {
  test("keeps every field, unknown ones too, sets the secret and a boolean skipOnEnablement", () => {
    const got = { ...withoutSecret(fullLinking()), skipOnEnablement: "true", futureField: { a: 1 } };
    expect(toAccountLinkingRequest(got, COGNITO_SECRET)).toEqual({
      ...fullLinking(),
      clientSecret: COGNITO_SECRET,
      skipOnEnablement: true,
      futureField: { a: 1 },
    });
  });
  test("does not add skipOnEnablement when it was absent", () => {
    expect("skipOnEnablement" in toAccountLinkingRequest({ type: "AUTH_CODE" }, "s")).toBe(false);
  });
  test("does not mutate its input", () => {
    const got: AccountLinking = { skipOnEnablement: "true", redirectUrls: ["https://a/"] };
    toAccountLinkingRequest(got, "s");
    expect(got).toEqual({ skipOnEnablement: "true", redirectUrls: ["https://a/"] });
  });
});

describe("mergeRedirectUrl", () => {
  test.each<[string, string[] | undefined, string[], boolean]>([
    ["no list yet", undefined, [REDIRECT], true],
    ["empty list", [], [REDIRECT], true],
    ["other URLs kept, in order", [OTHER_REDIRECT, "https://b/"], [OTHER_REDIRECT, "https://b/", REDIRECT], true],
    ["already there: no duplicate", [REDIRECT, OTHER_REDIRECT], [REDIRECT, OTHER_REDIRECT], false],
    ["trailing slash is a different URL", [REDIRECT.slice(0, -1)], [REDIRECT.slice(0, -1), REDIRECT], true],
  ])("%s", (_name, before, after, added) => {
    const result = mergeRedirectUrl({ type: "AUTH_CODE", redirectUrls: before }, REDIRECT, COGNITO_SECRET);
    expect(result.request.redirectUrls).toEqual(after);
    expect(result.added).toBe(added);
    expect(result.request.clientSecret).toBe(COGNITO_SECRET);
  });
});

describe("unmergeRedirectUrl", () => {
  test.each<[string, string[] | undefined, string[] | undefined, boolean]>([
    ["removes only that URL", [OTHER_REDIRECT, REDIRECT, "https://b/"], [OTHER_REDIRECT, "https://b/"], true],
    ["removes duplicates of it", [REDIRECT, REDIRECT], undefined, true],
    ["absent: nothing removed", [OTHER_REDIRECT], [OTHER_REDIRECT], false],
    ["no list: stays absent", undefined, undefined, false],
    ["emptied list is omitted", [REDIRECT], undefined, true],
  ])("%s", (_name, before, after, removed) => {
    const linking: AccountLinking = before === undefined ? { type: "AUTH_CODE" } : { type: "AUTH_CODE", redirectUrls: before };
    const result = unmergeRedirectUrl(linking, REDIRECT, COGNITO_SECRET);
    expect(result.request.redirectUrls).toEqual(after);
    expect("redirectUrls" in result.request).toBe(after !== undefined);
    expect(result.removed).toBe(removed);
    expect(result.request.clientSecret).toBe(COGNITO_SECRET);
  });
});

describe("merge properties", () => {
  const url = fc.webUrl({ validSchemes: ["https"] });
  const linking = fc.record(
    {
      type: fc.constantFrom("AUTH_CODE", "IMPLICIT"),
      clientId: fc.string(),
      scopes: fc.array(fc.string()),
      redirectUrls: fc.array(url, { maxLength: 5 }),
      skipOnEnablement: fc.constantFrom<boolean | string>(true, false, "true", "false"),
      defaultTokenExpirationInSeconds: fc.integer(),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<AccountLinking>;

  test("every field but redirectUrls, clientSecret and skipOnEnablement is kept as it was", () => {
    fc.assert(
      fc.property(linking, url, fc.string(), (l, u, secret) => {
        const { request } = mergeRedirectUrl(l, u, secret);
        for (const [k, v] of Object.entries(l)) {
          if (!["redirectUrls", "clientSecret", "skipOnEnablement"].includes(k)) expect(request[k]).toEqual(v);
        }
        expect(request.clientSecret).toBe(secret);
      }),
    );
  });

  test("merge keeps every existing URL in order and adds the URL once", () => {
    fc.assert(
      fc.property(linking, url, (l, u) => {
        const urls = mergeRedirectUrl(l, u, "s").request.redirectUrls ?? [];
        const before = l.redirectUrls ?? [];
        expect(urls.slice(0, before.length)).toEqual(before);
        expect(urls.filter((x) => x === u).length).toBe(Math.max(1, before.filter((x) => x === u).length));
      }),
    );
  });

  test("unmerge after merge of a new URL gives back the URLs as they were", () => {
    fc.assert(
      fc.property(linking, url, (l, u) => {
        fc.pre(!(l.redirectUrls ?? []).includes(u));
        const merged = mergeRedirectUrl(l, u, "s").request;
        const back = unmergeRedirectUrl(merged, u, "s").request;
        expect(back.redirectUrls ?? []).toEqual(l.redirectUrls ?? []);
      }),
    );
  });

  test('a request never carries skipOnEnablement as "true"/"false" text', () => {
    fc.assert(
      fc.property(linking, url, (l, u) => {
        const { request } = mergeRedirectUrl(l, u, "s");
        if ("skipOnEnablement" in l) expect(typeof request.skipOnEnablement).toBe("boolean");
      }),
    );
  });
});

import { planDelete, planWrite, type PreviousWrite } from "../../packages/alexa-linking-component/src/alexa/plan";
import type { AccountLinking } from "../../packages/alexa-linking-component/src/alexa/types";
import { addedByThisStack } from "../../packages/alexa-linking-component/src/shared/ownership";
import { COGNITO_SECRET, OTHER_REDIRECT, REDIRECT, fullLinking, withoutSecret } from "./fixtures";

const NEW_URL = "https://rainmaker-prod-app-links.s3.eu-west-1.amazonaws.com/";
const current = (urls: string[] | undefined): AccountLinking =>
  urls === undefined ? withoutSecret(fullLinking({ redirectUrls: undefined })) : withoutSecret(fullLinking({ redirectUrls: urls }));

describe("planWrite", () => {
  test.each<[string, string[] | undefined, string, PreviousWrite | undefined, string[], boolean]>([
    ["create, URL absent", [OTHER_REDIRECT], REDIRECT, undefined, [OTHER_REDIRECT, REDIRECT], false],
    ["create, no list", undefined, REDIRECT, undefined, [REDIRECT], false],
    ["create, URL already there", [REDIRECT], REDIRECT, undefined, [REDIRECT], true],
    ["update, same URL still there, ours", [REDIRECT], REDIRECT, { redirectUrl: REDIRECT, urlWasPresent: false }, [REDIRECT], false],
    ["update, same URL still there, was present", [REDIRECT], REDIRECT, { redirectUrl: REDIRECT, urlWasPresent: true }, [REDIRECT], true],
    [
      "update, same URL removed in console, ours: re-added",
      [OTHER_REDIRECT],
      REDIRECT,
      { redirectUrl: REDIRECT, urlWasPresent: false },
      [OTHER_REDIRECT, REDIRECT],
      false,
    ],
    [
      "update, same URL removed in console, was present: re-added, now ours",
      [OTHER_REDIRECT],
      REDIRECT,
      { redirectUrl: REDIRECT, urlWasPresent: true },
      [OTHER_REDIRECT, REDIRECT],
      false,
    ],
    [
      "update, URL moved, old one ours: removed",
      [OTHER_REDIRECT, REDIRECT],
      NEW_URL,
      { redirectUrl: REDIRECT, urlWasPresent: false },
      [OTHER_REDIRECT, NEW_URL],
      false,
    ],
    [
      "update, URL moved, old one was present: kept",
      [OTHER_REDIRECT, REDIRECT],
      NEW_URL,
      { redirectUrl: REDIRECT, urlWasPresent: true },
      [OTHER_REDIRECT, REDIRECT, NEW_URL],
      false,
    ],
    [
      "update, URL moved to one already there",
      [NEW_URL, REDIRECT],
      NEW_URL,
      { redirectUrl: REDIRECT, urlWasPresent: false },
      [NEW_URL],
      true,
    ],
  ])("%s", (_name, urls, redirectUrl, previous, expectedUrls, urlWasPresent) => {
    const plan = planWrite(current(urls), { redirectUrl, clientSecret: COGNITO_SECRET }, previous);
    expect(plan.request.redirectUrls).toEqual(expectedUrls);
    expect(plan.urlWasPresent).toBe(urlWasPresent);
    expect(plan.request.clientSecret).toBe(COGNITO_SECRET);
  });

  test("keeps every other field as it was", () => {
    const got = { ...withoutSecret(fullLinking()), skipOnEnablement: "true" };
    const { request } = planWrite(got, { redirectUrl: REDIRECT, clientSecret: COGNITO_SECRET });
    expect(request).toEqual(fullLinking({ clientSecret: COGNITO_SECRET, redirectUrls: [OTHER_REDIRECT, REDIRECT] }));
  });
});

describe("planDelete", () => {
  test.each<[string, string[] | undefined, boolean, string[] | undefined | "no write"]>([
    ["ours and there: removed", [OTHER_REDIRECT, REDIRECT], false, [OTHER_REDIRECT]],
    ["ours, the only one: list omitted", [REDIRECT], false, undefined],
    ["was present before: nothing written", [OTHER_REDIRECT, REDIRECT], true, "no write"],
    ["already gone: nothing written", [OTHER_REDIRECT], false, "no write"],
    ["no list: nothing written", undefined, false, "no write"],
  ])("%s", (_name, urls, urlWasPresent, expected) => {
    // As removeSkillLinking composes them: the ownership rule first, then the removal plan.
    const request = addedByThisStack({ urlWasPresent })
      ? planDelete(current(urls), { redirectUrl: REDIRECT, clientSecret: COGNITO_SECRET })
      : undefined;
    if (expected === "no write") {
      expect(request).toBeUndefined();
    } else {
      expect(request?.redirectUrls).toEqual(expected);
      expect(request?.clientSecret).toBe(COGNITO_SECRET);
      expect(request?.authorizationUrl).toBe(fullLinking().authorizationUrl);
    }
  });
});

import { planWrite } from "../../packages/alexa-linking-component/src/alexa/plan";
import { planCallbackUrlWrite } from "../../packages/alexa-linking-component/src/cognito/merge";
import {
  addedByThisStack,
  urlToRemoveOnMove,
  urlWasPresentAfterWrite,
  type UrlRecord,
} from "../../packages/alexa-linking-component/src/shared/ownership";

const A = "https://a.s3.eu-west-1.amazonaws.com/";
const B = "https://b.s3.eu-west-1.amazonaws.com/";
const OTHER = "https://other.example.com/";

describe("who owns the URL (src/shared/ownership.ts)", () => {
  test.each<[string, boolean | undefined, boolean]>([
    ["added by this stack", false, true],
    ["there before this stack", true, false],
    ["not recorded: kept, never someone else's URL removed", undefined, false],
  ])("addedByThisStack: %s", (_n, urlWasPresent, want) => {
    expect(addedByThisStack({ urlWasPresent })).toBe(want);
  });

  test.each<[string, UrlRecord | undefined, string, string | undefined]>([
    ["create", undefined, A, undefined],
    ["same URL", { url: A, urlWasPresent: false }, A, undefined],
    ["moved, old one ours", { url: A, urlWasPresent: false }, B, A],
    ["moved, old one someone else's", { url: A, urlWasPresent: true }, B, undefined],
    ["moved, ownership not recorded", { url: A }, B, undefined],
  ])("urlToRemoveOnMove: %s", (_n, previous, url, want) => {
    expect(urlToRemoveOnMove(previous, url)).toBe(want);
  });

  const afterWrite: [string, boolean, UrlRecord | undefined, boolean][] = [
    ["create, absent: ours", false, undefined, false],
    ["create, there already: someone else's", true, undefined, true],
    ["same URL, still there, ours", true, { url: A, urlWasPresent: false }, false],
    ["same URL, still there, someone else's", true, { url: A, urlWasPresent: true }, true],
    ["same URL wiped and re-added: ours now", false, { url: A, urlWasPresent: true }, false],
    ["moved to a URL someone else had", true, { url: B, urlWasPresent: false }, true],
    ["moved to a new URL", false, { url: B, urlWasPresent: true }, false],
  ];
  test.each(afterWrite)("urlWasPresentAfterWrite: %s", (_n, presentBeforeWrite, previous, want) => {
    expect(urlWasPresentAfterWrite({ presentBeforeWrite, url: A, previous })).toBe(want);
  });

  // Both providers take the rule from the one module: their planners agree row by row.
  test.each(afterWrite)("the Cognito and the skill planners follow it: %s", (_n, presentBeforeWrite, previous, want) => {
    const urls = presentBeforeWrite ? [OTHER, A] : [OTHER];
    const skill = planWrite(
      { clientId: "c", type: "AUTH_CODE", redirectUrls: urls },
      { redirectUrl: A, clientSecret: "s" },
      previous && { redirectUrl: previous.url, urlWasPresent: previous.urlWasPresent },
    );
    expect(skill.urlWasPresent).toBe(want);
    const removed = urlToRemoveOnMove(previous, A);
    const cognito = planCallbackUrlWrite(
      { UserPoolId: "p", ClientId: "c", CallbackURLs: previous ? [...urls, previous.url] : urls },
      A,
      removed,
    );
    const written = cognito.request?.CallbackURLs ?? [...urls, ...(previous ? [previous.url] : [])];
    expect(written).toContain(A);
    if (previous && previous.url !== A) expect(written.includes(previous.url)).toBe(!addedByThisStack(previous));
  });
});

import * as fc from "fast-check";
import {
  ClientConfiguration as UserPoolClientType,
  hasCallbackUrl,
  mergeCallbackUrl,
  missingSecretProblem,
  planCallbackUrlRemoval,
  planCallbackUrlWrite,
  toUpdateRequest,
  unmergeCallbackUrl,
  UPDATE_REQUEST_FIELDS,
} from "../../packages/alexa-linking-component/src/cognito/merge";
import { addedByThisStack, urlToRemoveOnMove, urlWasPresentAfterWrite } from "../../packages/alexa-linking-component/src/shared/ownership";

const URL_A = "https://bucket.s3.eu-west-1.amazonaws.com/";

/** A RainMaker-like client: every field the describe call can return. */
const rich: UserPoolClientType = {
  UserPoolId: "eu-west-1_pool",
  ClientName: "esp-rainmaker-alexa-skill",
  ClientId: "client123",
  ClientSecret: "s3cr3t",
  LastModifiedDate: new Date(0),
  CreationDate: new Date(0),
  RefreshTokenValidity: 3650,
  AccessTokenValidity: 60,
  IdTokenValidity: 60,
  TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" },
  ReadAttributes: ["email"],
  WriteAttributes: ["email"],
  ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"],
  SupportedIdentityProviders: ["COGNITO", "Google"],
  CallbackURLs: ["https://pitangui.amazon.com/api/skill/link/M1", "https://layla.amazon.com/api/skill/link/M1"],
  LogoutURLs: ["https://example.com/logout"],
  DefaultRedirectURI: "https://pitangui.amazon.com/api/skill/link/M1",
  AllowedOAuthFlows: ["code"],
  AllowedOAuthScopes: ["openid", "email", "aws.cognito.signin.user.admin"],
  AllowedOAuthFlowsUserPoolClient: true,
  AnalyticsConfiguration: { ApplicationId: "app", RoleArn: "arn:aws:iam::1:role/r", UserDataShared: false },
  PreventUserExistenceErrors: "ENABLED",
  EnableTokenRevocation: true,
  EnablePropagateAdditionalUserContextData: false,
  AuthSessionValidity: 3,
  RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 },
  ClientType: "CONFIDENTIAL" as UserPoolClientType["ClientType"],
};

describe("toUpdateRequest", () => {
  it("keeps every updatable field and drops the read-only ones", () => {
    const request = toUpdateRequest(rich) as unknown as Record<string, unknown>;
    for (const field of ["ClientSecret", "CreationDate", "LastModifiedDate", "ClientType"]) {
      expect(request).not.toHaveProperty(field);
    }
    const { ClientSecret, CreationDate, LastModifiedDate, ClientType, ...updatable } = rich;
    expect(request).toEqual(updatable);
  });

  it("leaves out fields it does not know (a newer describe answer)", () => {
    const request = toUpdateRequest({ ...rich, FutureOnlyField: "x" } as UserPoolClientType);
    expect(request).not.toHaveProperty("FutureOnlyField");
  });

  it("omits absent and null values instead of sending them", () => {
    const request = toUpdateRequest({ UserPoolId: "p", ClientId: "c", LogoutURLs: undefined, DefaultRedirectURI: null as any });
    expect(request).toEqual({ UserPoolId: "p", ClientId: "c" });
  });

  it("refuses a described client without ids", () => {
    expect(() => toUpdateRequest({ ClientName: "x" })).toThrow(/no UserPoolId or ClientId/);
  });

  it("lists each UpdateUserPoolClientRequest field once", () => {
    expect(new Set(UPDATE_REQUEST_FIELDS).size).toBe(UPDATE_REQUEST_FIELDS.length);
    expect(UPDATE_REQUEST_FIELDS).toEqual(expect.arrayContaining(["RefreshTokenRotation", "AuthSessionValidity"]));
  });
});

describe("mergeCallbackUrl / unmergeCallbackUrl", () => {
  const rows: [string, string[] | undefined, string, string[] | undefined, boolean][] = [
    ["appends to an absent list", undefined, URL_A, [URL_A], true],
    ["appends to an empty list", [], URL_A, [URL_A], true],
    ["appends after the others, order kept", ["https://b/", "https://a/"], URL_A, ["https://b/", "https://a/", URL_A], true],
    ["does not add it twice", ["https://b/", URL_A], URL_A, ["https://b/", URL_A], false],
    ["compares exactly: trailing slash differs", [URL_A.slice(0, -1)], URL_A, [URL_A.slice(0, -1), URL_A], true],
    ["leaves others' duplicates alone", ["https://b/", "https://b/"], URL_A, ["https://b/", "https://b/", URL_A], true],
  ];
  it.each(rows)("merge %s", (_n, before, url, after, added) => {
    const result = mergeCallbackUrl({ ClientId: "c", CallbackURLs: before }, url);
    expect(result.config.CallbackURLs).toEqual(after);
    expect(result.added).toBe(added);
  });

  const unrows: [string, string[] | undefined, string, string[] | undefined][] = [
    ["removes it, order kept", ["https://b/", URL_A, "https://c/"], URL_A, ["https://b/", "https://c/"]],
    ["omits the list it empties", [URL_A], URL_A, undefined],
    ["leaves a list without it", ["https://b/"], URL_A, ["https://b/"]],
    ["leaves an absent list", undefined, URL_A, undefined],
  ];
  it.each(unrows)("unmerge %s", (_n, before, url, after) => {
    const result = unmergeCallbackUrl({ ClientId: "c", CallbackURLs: before }, url);
    expect(result.CallbackURLs).toEqual(after);
  });

  it("unmerge drops the key of a list it empties", () => {
    expect(unmergeCallbackUrl({ ClientId: "c", CallbackURLs: [URL_A] }, URL_A)).toEqual({ ClientId: "c" });
    expect("CallbackURLs" in unmergeCallbackUrl({ ClientId: "c", CallbackURLs: [URL_A] }, URL_A)).toBe(false);
  });

  it("will not remove the client's DefaultRedirectURI", () => {
    expect(() => unmergeCallbackUrl({ ClientId: "c", CallbackURLs: [URL_A], DefaultRedirectURI: URL_A }, URL_A)).toThrow(
      /it is the client's DefaultRedirectURI/,
    );
  });
});

describe("planCallbackUrlWrite", () => {
  it("writes the whole configuration with the URL added", () => {
    const plan = planCallbackUrlWrite(rich, URL_A);
    const { ClientSecret, CreationDate, LastModifiedDate, ClientType, ...updatable } = rich;
    expect(plan.request).toEqual({ ...updatable, CallbackURLs: [...rich.CallbackURLs!, URL_A] });
  });

  it("writes nothing when the URL is already there", () => {
    expect(planCallbackUrlWrite({ ...rich, CallbackURLs: [URL_A] }, URL_A).request).toBeUndefined();
  });

  it("swaps an old URL of ours for the new one in one write", () => {
    const old = "https://old.example.com/";
    const plan = planCallbackUrlWrite({ ...rich, CallbackURLs: ["https://x/", old] }, URL_A, old);
    expect(plan.request?.CallbackURLs).toEqual(["https://x/", URL_A]);
  });

  it("removes the old URL even when the new one is already there", () => {
    const old = "https://old.example.com/";
    const plan = planCallbackUrlWrite({ ...rich, CallbackURLs: [URL_A, old] }, URL_A, old);
    expect(plan.request?.CallbackURLs).toEqual([URL_A]);
  });

  it("ignores removeUrl equal to the URL", () => {
    expect(planCallbackUrlWrite({ ...rich, CallbackURLs: [URL_A] }, URL_A, URL_A).request).toBeUndefined();
  });

  it("refuses a client that already has 100 callback URLs", () => {
    const full = Array.from({ length: 100 }, (_, i) => `https://h${i}.example.com/`);
    expect(() => planCallbackUrlWrite({ ...rich, CallbackURLs: full }, URL_A)).toThrow(
      /already has 100 callback URLs, Cognito's maximum is 100: cannot add redirectUrl "https:\/\/bucket/,
    );
  });

  it("accepts a full client that has the URL already, and the 100th URL", () => {
    const full = Array.from({ length: 99 }, (_, i) => `https://h${i}.example.com/`);
    expect(planCallbackUrlWrite({ ...rich, CallbackURLs: [...full, URL_A] }, URL_A).request).toBeUndefined();
    expect(planCallbackUrlWrite({ ...rich, CallbackURLs: full }, URL_A).request?.CallbackURLs).toHaveLength(100);
  });
});

describe("planCallbackUrlRemoval", () => {
  const rows: [string, string[] | undefined, boolean, string[] | undefined | "no write"][] = [
    ["removes the URL it added", ["https://x/", URL_A], false, ["https://x/"]],
    ["keeps a URL that was there before", ["https://x/", URL_A], true, "no write"],
    ["has nothing to do when the URL is gone", ["https://x/"], false, "no write"],
    ["omits an emptied list", [URL_A], false, undefined],
  ];
  it.each(rows)("%s", (_n, before, wasPresent, after) => {
    // As removeCallbackUrl composes them: the ownership rule first, then the removal plan.
    const plan = addedByThisStack({ urlWasPresent: wasPresent })
      ? planCallbackUrlRemoval({ ...rich, DefaultRedirectURI: undefined, CallbackURLs: before }, URL_A)
      : {};
    if (after === "no write") expect(plan.request).toBeUndefined();
    else expect(plan.request?.CallbackURLs).toEqual(after);
  });
});

describe("previousUrlToRemove (now urlToRemoveOnMove in src/shared/ownership.ts)", () => {
  const OLD = "https://old.example.com/";
  const rows: [string, { redirectUrl: string; urlWasPresent?: boolean } | undefined, string | undefined][] = [
    ["create: nothing to remove", undefined, undefined],
    ["same URL: nothing to remove", { redirectUrl: URL_A, urlWasPresent: false }, undefined],
    ["new URL, the old one this resource added: removed", { redirectUrl: OLD, urlWasPresent: false }, OLD],
    ["new URL, the old one was there before: kept", { redirectUrl: OLD, urlWasPresent: true }, undefined],
    ["new URL, ownership not recorded: kept", { redirectUrl: OLD }, undefined],
  ];
  it.each(rows)("%s", (_n, previous, want) => {
    expect(urlToRemoveOnMove(previous && { url: previous.redirectUrl, urlWasPresent: previous.urlWasPresent }, URL_A)).toBe(want);
  });
});

describe("nextUrlWasPresent (now urlWasPresentAfterWrite in src/shared/ownership.ts)", () => {
  const rows: [boolean, boolean, boolean | undefined, boolean][] = [
    // presentBeforeWrite, sameUrlAsBefore, previouslyPresent -> urlWasPresent
    [false, false, undefined, false], // create, we add it
    [true, false, undefined, true], // create, someone else's
    [true, true, false, false], // update, still ours
    [true, true, true, true], // update, still someone else's
    [false, true, true, false], // drift: wiped, we re-add it, now ours
    [false, true, false, false],
    [true, false, false, true], // new URL that someone else had already
    [false, false, true, false],
  ];
  it.each(rows)("present=%p same=%p previously=%p -> %p", (presentBeforeWrite, sameUrlAsBefore, previouslyPresent, want) => {
    const previous = sameUrlAsBefore
      ? { url: URL_A, urlWasPresent: previouslyPresent }
      : previouslyPresent === undefined
        ? undefined
        : { url: "https://old.example.com/", urlWasPresent: previouslyPresent };
    expect(urlWasPresentAfterWrite({ presentBeforeWrite, url: URL_A, previous })).toBe(want);
  });
});

describe("missingSecretProblem", () => {
  it("accepts a client with a secret and explains one without", () => {
    expect(missingSecretProblem(rich)).toBeUndefined();
    expect(missingSecretProblem({ ...rich, ClientSecret: undefined })).toMatch(/has no client secret; Alexa account linking needs one/);
  });
});

describe("properties", () => {
  const urlArb = fc.webUrl({ withFragments: false });
  const str = fc.string({ maxLength: 8 });
  const configArb: fc.Arbitrary<UserPoolClientType> = fc.record(
    {
      UserPoolId: fc.constant("eu-west-1_p"),
      ClientId: fc.constant("c"),
      ClientName: str,
      ClientSecret: str,
      CreationDate: fc.date({ noInvalidDate: true }),
      RefreshTokenValidity: fc.integer({ min: 1, max: 3650 }),
      AccessTokenValidity: fc.integer({ min: 1, max: 1440 }),
      IdTokenValidity: fc.integer({ min: 1, max: 1440 }),
      TokenValidityUnits: fc.record({ AccessToken: fc.constantFrom("seconds", "minutes", "hours", "days") }),
      ReadAttributes: fc.array(str, { maxLength: 3 }),
      WriteAttributes: fc.array(str, { maxLength: 3 }),
      ExplicitAuthFlows: fc.subarray(["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]),
      SupportedIdentityProviders: fc.subarray(["COGNITO", "Google", "Facebook"]),
      CallbackURLs: fc.array(urlArb, { minLength: 1, maxLength: 6 }),
      LogoutURLs: fc.array(urlArb, { maxLength: 3 }),
      AllowedOAuthFlows: fc.subarray(["code", "implicit", "client_credentials"]),
      AllowedOAuthScopes: fc.subarray(["openid", "email", "phone", "profile"]),
      AllowedOAuthFlowsUserPoolClient: fc.boolean(),
      PreventUserExistenceErrors: fc.constantFrom("ENABLED", "LEGACY"),
      EnableTokenRevocation: fc.boolean(),
      AuthSessionValidity: fc.integer({ min: 3, max: 15 }),
      RefreshTokenRotation: fc.record({ Feature: fc.constantFrom("ENABLED", "DISABLED") }),
    },
    { requiredKeys: ["UserPoolId", "ClientId"] },
  ) as fc.Arbitrary<UserPoolClientType>;

  it("merge then unmerge gives back the configuration exactly", () => {
    fc.assert(
      fc.property(configArb, urlArb, (config, url) => {
        const merged = mergeCallbackUrl(config, url);
        if (merged.added) expect(unmergeCallbackUrl(merged.config, url)).toEqual(config);
        else expect(merged.config).toEqual(config);
      }),
    );
  });

  it("merge changes no attribute but CallbackURLs, and the URL is then present once", () => {
    fc.assert(
      fc.property(configArb, urlArb, (config, url) => {
        const { config: merged } = mergeCallbackUrl(config, url);
        const { CallbackURLs: a, ...restBefore } = config;
        const { CallbackURLs: b, ...restAfter } = merged;
        expect(restAfter).toEqual(restBefore);
        expect(b!.filter((u) => u === url).length).toBeGreaterThanOrEqual(1);
        expect(b!.slice(0, a?.length ?? 0)).toEqual(a ?? []);
      }),
    );
  });

  it("the update request carries every updatable attribute unchanged but CallbackURLs", () => {
    fc.assert(
      fc.property(configArb, urlArb, (config, url) => {
        const request = planCallbackUrlWrite(config, url).request;
        const expected = toUpdateRequest(config) as unknown as Record<string, unknown>;
        if (!request) return hasCallbackUrl(config, url);
        const { CallbackURLs, ...rest } = request;
        const { CallbackURLs: _c, ...expectedRest } = expected;
        expect(rest).toEqual(expectedRest);
        expect(CallbackURLs).toEqual([...(config.CallbackURLs ?? []), url]);
        return true;
      }),
    );
  });

  it("removal after a write plan restores the original update request", () => {
    fc.assert(
      fc.property(configArb, urlArb, (config, url) => {
        fc.pre(!hasCallbackUrl(config, url));
        const written = planCallbackUrlWrite(config, url).request!;
        const back = planCallbackUrlRemoval({ ...config, CallbackURLs: written.CallbackURLs }, url).request;
        expect(back).toEqual(toUpdateRequest(config));
      }),
    );
  });
});

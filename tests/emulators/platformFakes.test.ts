import { startPlatformFakes, PlatformFakes } from "./platformFakes";

/** The fakes themselves: a host they do not serve is a 404, and a failing source is a 500, never a hang or a network request. */
describe("platform fakes", () => {
  let fakes: PlatformFakes;
  beforeAll(async () => {
    fakes = await startPlatformFakes({
      siteOf: () => undefined,
      callbackUrls: () => Promise.reject(new Error("cognito-local is down")),
    });
  });
  afterAll(() => fakes.close());

  test("Apple's CDN answers 404 for a host with no local site", async () => {
    const res = await fetch(`${fakes.appleCdn}/a/v1/links.example.com`, { signal: AbortSignal.timeout(30_000) });
    expect(res.status).toBe(404);
  });

  test("Google's statements list has no statements and an error for a host with no local site", async () => {
    const site = encodeURIComponent("https://links.example.com");
    const res = await fetch(
      `${fakes.assetLinks}/v1/statements:list?source.web.site=${site}&relation=delegate_permission/common.handle_all_urls`,
      {
        signal: AbortSignal.timeout(30_000),
      },
    );
    const body = (await res.json()) as { statements: unknown[]; debugString: string };
    expect(body.statements).toEqual([]);
    expect(body.debugString).toMatch(/HTTP 404/);
  });

  test("the hosted UI answers 500 when the callback URLs cannot be read", async () => {
    const res = await fetch(`${fakes.hostedUi}/oauth2/authorize?client_id=c&redirect_uri=https%3A%2F%2Fx`, {
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/cognito-local is down/);
  });
});

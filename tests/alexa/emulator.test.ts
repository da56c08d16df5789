import { start } from "../emulators/smapi";
import { startedForSuite } from "../support/startedForSuite";
import { COGNITO_SECRET, SKILL_A, SKILL_B, fullLinking } from "./fixtures";

const emu = startedForSuite(start);
beforeEach(() => {
  emu.clearRequests();
  emu.setSkill(SKILL_A, "development", fullLinking());
  emu.setSkill(SKILL_B, "development", undefined);
});

const path = (skillId: string, stage = "development") => `/v1/skills/${skillId}/stages/${stage}/accountLinkingClient`;

/** A form-encoded LWA token request with the emulator's credentials, `over` replacing some. */
const tokenRequest = (over: Record<string, string> = {}) =>
  fetch(`${emu.lwaUrl}/auth/O2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      client_id: emu.lwa.clientId,
      client_secret: emu.lwa.clientSecret,
      refresh_token: emu.lwa.refreshToken,
      ...over,
    }).toString(),
  });

async function token(): Promise<string> {
  const res = await tokenRequest();
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function call(method: string, p: string, body?: unknown, headers: Record<string, string> = {}, bearer?: string) {
  const res = await fetch(`${emu.url}${p}`, {
    method,
    headers: { authorization: `Bearer ${bearer ?? (await token())}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get("etag"), body: text ? JSON.parse(text) : undefined };
}

test("GET is wrapped, has no clientSecret, skipOnEnablement as a string, and an ETag", async () => {
  const res = await call("GET", path(SKILL_A));
  expect(res.status).toBe(200);
  expect(Object.keys(res.body)).toEqual(["accountLinkingResponse"]);
  expect(res.body.accountLinkingResponse.clientSecret).toBeUndefined();
  expect(res.body.accountLinkingResponse.skipOnEnablement).toBe("true");
  expect(res.body.accountLinkingResponse.redirectUrls).toEqual(fullLinking().redirectUrls);
  expect(res.etag).toMatch(/^".+"$/);
});

test("GET of a skill without account linking is 404", async () => {
  expect((await call("GET", path(SKILL_B))).status).toBe(404);
});

test("PUT is a full replace: 204 with a new ETag; a stale If-Match is 412", async () => {
  const before = await call("GET", path(SKILL_A));
  const request = { ...fullLinking(), clientSecret: COGNITO_SECRET, redirectUrls: ["https://x.example.com/"] };
  const put = await call("PUT", path(SKILL_A), { accountLinkingRequest: request }, { "if-match": before.etag! });
  expect(put.status).toBe(204);
  expect(put.etag).not.toBe(before.etag);
  expect(emu.getSkill(SKILL_A, "development")).toEqual(request);
  const stale = await call("PUT", path(SKILL_A), { accountLinkingRequest: request }, { "if-match": before.etag! });
  expect(stale.status).toBe(412);
});

test.each<[string, string, unknown, RegExp]>([
  ["no clientSecret", "development", { accountLinkingRequest: { type: "AUTH_CODE" } }, /clientSecret is required/],
  ["skipOnEnablement as text", "development", { accountLinkingRequest: { clientSecret: "s", skipOnEnablement: "true" } }, /boolean/],
  ["unwrapped body", "development", { clientSecret: "s" }, /accountLinkingRequest is required/],
  ["live stage", "live", { accountLinkingRequest: { clientSecret: "s" } }, /only the development stage/],
])("PUT with %s is 400", async (_name, stage, body, message) => {
  const res = await call("PUT", path(SKILL_A, stage), body);
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toMatch(message);
});

test("SMAPI checks the bearer token", async () => {
  expect((await call("GET", path(SKILL_A), undefined, {}, "forged")).status).toBe(401);
  const t = await token();
  emu.revokeTokens();
  expect((await call("GET", path(SKILL_A), undefined, {}, t)).status).toBe(401);
});

test("LWA checks each credential exactly, form-decoded", async () => {
  expect((await tokenRequest({})).status).toBe(200);
  expect((await tokenRequest({ client_secret: "wrong" })).status).toBe(401);
  expect((await tokenRequest({ refresh_token: "wrong" })).status).toBe(400);
  // The SDK's unencoded body: `&` and `+` in the secret break it.
  const raw = await fetch(`${emu.lwaUrl}/auth/O2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `grant_type=refresh_token&client_secret=${emu.lwa.clientSecret}&client_id=${emu.lwa.clientId}&refresh_token=${emu.lwa.refreshToken}`,
  });
  expect(raw.status).not.toBe(200);
});

test("injected bursts and resets, then normal service; every request recorded", async () => {
  const t = await token();
  emu.clearRequests();
  emu.inject({ times: 2, status: 429, method: "GET" });
  emu.inject({ times: 1, reset: true, method: "GET" });
  expect((await call("GET", path(SKILL_A), undefined, {}, t)).status).toBe(429);
  expect((await call("GET", path(SKILL_A), undefined, {}, t)).status).toBe(429);
  await expect(call("GET", path(SKILL_A), undefined, {}, t)).rejects.toThrow();
  expect((await call("GET", path(SKILL_A), undefined, {}, t)).status).toBe(200);
  expect(emu.smapiRequests("GET").map((r) => r.status)).toEqual([429, 429, 0, 200]);
});

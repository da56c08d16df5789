import { cognitoCallbackUrlProvider } from "../../packages/alexa-linking-component/src/providers/cognitoCallbackUrl";
import type { CognitoProviderOptions } from "../../packages/alexa-linking-component/src/cognito/client";
import type { CallbackUrlInputs } from "../../packages/alexa-linking-component/src/cognito/types";
import { CognitoLocal, cognitoCall, start } from "../emulators/cognitoLocal";
import { startedForSuite } from "../support/startedForSuite";
import { CLIENT_NAME, SKILL_URLS, createClient, createPool, describeClient, richClient, setCallbackUrls, stableFields } from "./fixtures";
import { RecordingProxy, startRecordingProxy } from "./recordingProxy";
import { rejectionOf as errorOf } from "../support/rejection";
import { providerPaths } from "../support/providerPaths";
import { COGNITO_CALLBACK_URL_TYPE } from "../../packages/alexa-linking-component/src/cognito/resource";

const URL_A = "https://app-links-a.s3.eu-west-1.amazonaws.com/";
const URL_B = "https://app-links-b.s3.eu-west-1.amazonaws.com/";
const options: CognitoProviderOptions = {
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
  maxAttempts: 3,
};

let cognito: CognitoLocal;
let proxy: RecordingProxy;

beforeAll(async () => {
  cognito = await start();
  proxy = await startRecordingProxy(cognito.endpoint);
});
afterAll(async () => {
  await proxy?.close();
  await cognito?.stop();
});
beforeEach(() => {
  proxy.exchanges.length = 0;
  for (const k of Object.keys(proxy.hooks)) delete (proxy.hooks as any)[k];
});

describe.each(providerPaths(COGNITO_CALLBACK_URL_TYPE, ["credentials", "clientSecret"]))("CognitoCallbackUrl $label", ({ serve }) => {
  const provider = (extra: CognitoProviderOptions = {}) => serve(cognitoCallbackUrlProvider({ ...options, ...extra }));
  const inputsFor = (patch: Partial<CallbackUrlInputs>): CallbackUrlInputs => ({
    redirectUrl: URL_A,
    region: "eu-west-1",
    endpoint: proxy.endpoint,
    clientName: CLIENT_NAME,
    version: "0.1.0",
    ...patch,
  });

  /** A pool of its own with the RainMaker-like client, so tests do not see each other. */
  async function rainmakerClient(name: string) {
    const userPoolId = await createPool(cognito.endpoint, `pool-${name}`);
    const { ClientId: clientId } = await createClient(cognito.endpoint, richClient(userPoolId));
    const before = await describeClient(cognito.endpoint, userPoolId, clientId);
    return { userPoolId, clientId, before };
  }

  describe("create, update, delete against cognito-local", () => {
    it("keeps every other attribute through the whole lifecycle and returns the secret", async () => {
      const { userPoolId, clientId, before } = await rainmakerClient("lifecycle");
      const p = provider();
      const news = inputsFor({ userPoolId });

      const created = await p.create(news);
      expect(created.id).toBe(`${userPoolId}/${clientId}`);
      expect(created.outs).toMatchObject({
        userPoolId,
        clientId,
        clientName: CLIENT_NAME,
        clientSecret: before.ClientSecret,
        urlWasPresent: false,
        callbackUrlPresent: true,
        redirectUrl: URL_A,
      });
      let now = await describeClient(cognito.endpoint, userPoolId, clientId);
      expect(now.CallbackURLs).toEqual([...SKILL_URLS, URL_A]);
      expect(stableFields(now)).toEqual(stableFields(before));

      expect((await p.diff!(created.id, created.outs!, news)).changes).toBe(false);
      const changed = inputsFor({ userPoolId, redirectUrl: URL_B });
      const diff = await p.diff!(created.id, created.outs!, changed);
      expect(diff).toMatchObject({ changes: true, replaces: [] });

      const updated = await p.update!(created.id, created.outs!, changed);
      expect(updated.outs).toMatchObject({ redirectUrl: URL_B, urlWasPresent: false, clientSecret: before.ClientSecret });
      now = await describeClient(cognito.endpoint, userPoolId, clientId);
      expect(now.CallbackURLs).toEqual([...SKILL_URLS, URL_B]);
      expect(stableFields(now)).toEqual(stableFields(before));

      await p.delete!(created.id, updated.outs!);
      now = await describeClient(cognito.endpoint, userPoolId, clientId);
      expect(now.CallbackURLs).toEqual(SKILL_URLS);
      expect(stableFields(now)).toEqual(stableFields(before));
    });

    it("finds the client by name and by client id alone", async () => {
      const { userPoolId, clientId } = await rainmakerClient("by-id");
      const byId = await provider().create(inputsFor({ clientId, clientName: undefined }));
      expect(byId.outs).toMatchObject({ userPoolId, clientId, clientName: CLIENT_NAME });
      const byName = await provider().create(inputsFor({ userPoolId, redirectUrl: URL_B }));
      expect(byName.outs).toMatchObject({ userPoolId, clientId });
      expect((await describeClient(cognito.endpoint, userPoolId, clientId)).CallbackURLs).toEqual([...SKILL_URLS, URL_A, URL_B]);
    });

    it("leaves a URL that was there before: no write on create, nothing removed on delete", async () => {
      const { userPoolId, clientId } = await rainmakerClient("present");
      await setCallbackUrls(cognito.endpoint, userPoolId, clientId, [...SKILL_URLS, URL_A]);
      proxy.exchanges.length = 0;
      const p = provider();
      const created = await p.create(inputsFor({ userPoolId }));
      expect(created.outs).toMatchObject({ urlWasPresent: true, callbackUrlPresent: true });
      expect(proxy.calls("UpdateUserPoolClient")).toHaveLength(0);

      // A new URL: the old one stays (not ours), the new one is ours.
      const updated = await p.update!(created.id, created.outs!, inputsFor({ userPoolId, redirectUrl: URL_B }));
      expect(updated.outs!.urlWasPresent).toBe(false);
      expect((await describeClient(cognito.endpoint, userPoolId, clientId)).CallbackURLs).toEqual([...SKILL_URLS, URL_A, URL_B]);

      await p.delete!(created.id, created.outs!);
      expect((await describeClient(cognito.endpoint, userPoolId, clientId)).CallbackURLs).toEqual([...SKILL_URLS, URL_A, URL_B]);
      await p.delete!(created.id, updated.outs!);
      expect((await describeClient(cognito.endpoint, userPoolId, clientId)).CallbackURLs).toEqual([...SKILL_URLS, URL_A]);
    });

    it("sends every described attribute back in UpdateUserPoolClient, and nothing read-only", async () => {
      const { userPoolId } = await rainmakerClient("full-request");
      // cognito-local keeps fewer fields than AWS and merges instead of resetting, so the describe
      // answer is widened here to what AWS returns; the update must carry all of it back.
      const extra = {
        AuthSessionValidity: 5,
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 30 },
        EnablePropagateAdditionalUserContextData: true,
        AnalyticsConfiguration: { ApplicationId: "pinpoint-app", RoleArn: "arn:aws:iam::123456789012:role/r", UserDataShared: true },
        ClientType: "CONFIDENTIAL",
      };
      proxy.hooks.rewrite = (op, body) =>
        op === "DescribeUserPoolClient" ? { UserPoolClient: { ...body.UserPoolClient, ...extra } } : body;

      await provider().create(inputsFor({ userPoolId }));

      const described = proxy.calls("DescribeUserPoolClient")[0].response.UserPoolClient;
      const [update] = proxy.calls("UpdateUserPoolClient");
      const readOnly = ["ClientSecret", "CreationDate", "LastModifiedDate", "ClientType"];
      const expected = Object.fromEntries(Object.entries(described).filter(([k]) => !readOnly.includes(k)));
      expect(Object.keys(update.request).sort()).toEqual(Object.keys(expected).sort());
      expect(update.request).toEqual({ ...expected, CallbackURLs: [...SKILL_URLS, URL_A] });
      for (const k of Object.keys(extra).filter((k) => k !== "ClientType")) expect(update.request).toHaveProperty(k);
      for (const k of readOnly) expect(update.request).not.toHaveProperty(k);
      expect(JSON.stringify(update.request)).not.toContain(described.ClientSecret);
    });

    it("sends every described attribute back on delete too", async () => {
      const { userPoolId } = await rainmakerClient("full-request-delete");
      const created = await provider().create(inputsFor({ userPoolId }));
      proxy.exchanges.length = 0;
      await provider().delete!(created.id, created.outs!);
      const described = proxy.calls("DescribeUserPoolClient")[0].response.UserPoolClient;
      const [update] = proxy.calls("UpdateUserPoolClient");
      const { ClientSecret, CreationDate, LastModifiedDate, ...expected } = described;
      expect(update.request).toEqual({ ...expected, CallbackURLs: SKILL_URLS });
    });
  });

  describe("drift", () => {
    it("a URL wiped by the owning stack reads as drift and the next update re-adds it", async () => {
      const { userPoolId, clientId } = await rainmakerClient("drift");
      const p = provider();
      const news = inputsFor({ userPoolId });
      const created = await p.create(news);

      const unchanged = await p.read!(created.id, created.outs);
      expect(unchanged.props).toMatchObject({ callbackUrlPresent: true });
      expect((await p.diff!(created.id, unchanged.props!, news)).changes).toBe(false);

      await setCallbackUrls(cognito.endpoint, userPoolId, clientId, SKILL_URLS);
      const refreshed = await p.read!(created.id, created.outs);
      expect(refreshed.id).toBe(created.id);
      expect(refreshed.props).toMatchObject({ callbackUrlPresent: false, urlWasPresent: false });
      const diff = await p.diff!(created.id, refreshed.props!, news);
      expect(diff).toMatchObject({ changes: true, replaces: [] });

      const updated = await p.update!(created.id, refreshed.props!, news);
      expect(updated.outs).toMatchObject({ callbackUrlPresent: true, urlWasPresent: false });
      expect((await describeClient(cognito.endpoint, userPoolId, clientId)).CallbackURLs).toEqual([...SKILL_URLS, URL_A]);
    });

    it("a client deleted since reads as gone", async () => {
      const { userPoolId, clientId } = await rainmakerClient("gone");
      const p = provider();
      const created = await p.create(inputsFor({ userPoolId }));
      await cognitoCall(cognito.endpoint, "DeleteUserPoolClient", { UserPoolId: userPoolId, ClientId: clientId });
      expect((await p.read!(created.id, created.outs)).id).toBe("");
    });
  });

  describe("delete when the client or pool no longer exists", () => {
    it("succeeds for a deleted client", async () => {
      const { userPoolId, clientId } = await rainmakerClient("del-client");
      const p = provider();
      const created = await p.create(inputsFor({ userPoolId }));
      await cognitoCall(cognito.endpoint, "DeleteUserPoolClient", { UserPoolId: userPoolId, ClientId: clientId });
      await expect(p.delete!(created.id, created.outs!)).resolves.toBeUndefined();
    });

    it("succeeds for a deleted pool", async () => {
      const { userPoolId } = await rainmakerClient("del-pool");
      const p = provider();
      const created = await p.create(inputsFor({ userPoolId }));
      await cognitoCall(cognito.endpoint, "DeleteUserPool", { UserPoolId: userPoolId });
      await expect(p.delete!(created.id, created.outs!)).resolves.toBeUndefined();
    });
  });

  describe("concurrent writers", () => {
    it("merges again when another writer replaced the list from a stale read", async () => {
      const { userPoolId, clientId } = await rainmakerClient("race");
      let wiped = 0;
      proxy.hooks.after = async (op) => {
        if (op === "UpdateUserPoolClient" && wiped++ === 0) {
          await setCallbackUrls(cognito.endpoint, userPoolId, clientId, [...SKILL_URLS, "https://other.example.com/"]);
        }
      };
      const created = await provider().create(inputsFor({ userPoolId }));
      expect(created.outs!.callbackUrlPresent).toBe(true);
      expect(proxy.calls("UpdateUserPoolClient")).toHaveLength(2);
      expect((await describeClient(cognito.endpoint, userPoolId, clientId)).CallbackURLs).toEqual([
        ...SKILL_URLS,
        "https://other.example.com/",
        URL_A,
      ]);
    });

    it("gives up after a bounded number of writes", async () => {
      const { userPoolId, clientId, before } = await rainmakerClient("race-forever");
      proxy.hooks.after = async (op) => {
        if (op === "UpdateUserPoolClient") await setCallbackUrls(cognito.endpoint, userPoolId, clientId, SKILL_URLS);
      };
      const err = await errorOf(provider({ writeRounds: 2 }).create(inputsFor({ userPoolId })));
      expect(err.message).toMatch(/did not stay in the callback URLs of app client .* after 2 writes: another writer/);
      expect(err.message).not.toContain(before.ClientSecret);
      expect(proxy.calls("UpdateUserPoolClient")).toHaveLength(2);
    });
  });

  describe("retries", () => {
    it("retries throttling and transient errors with the SDK's standard retry", async () => {
      const { userPoolId } = await rainmakerClient("throttle");
      const faults = [
        { status: 429, body: { __type: "TooManyRequestsException", message: "Too many requests" } },
        { status: 503, body: { __type: "InternalErrorException", message: "try again" } },
      ];
      proxy.hooks.intercept = (op) => (op === "DescribeUserPoolClient" ? faults.shift() : undefined);
      const created = await provider().create(inputsFor({ userPoolId }));
      expect(created.outs!.callbackUrlPresent).toBe(true);
      // Read, read again right before the write (the client must not have changed), read after it.
      expect(proxy.calls("DescribeUserPoolClient").map((e) => e.status)).toEqual([429, 503, 200, 200, 200]);
    });

    it("stops after maxAttempts", async () => {
      const { userPoolId } = await rainmakerClient("throttle-forever");
      proxy.hooks.intercept = (op) =>
        op === "DescribeUserPoolClient"
          ? { status: 429, body: { __type: "TooManyRequestsException", message: "Too many requests" } }
          : undefined;
      const err = await errorOf(provider({ maxAttempts: 2 }).create(inputsFor({ userPoolId })));
      expect(err.message).toMatch(/DescribeUserPoolClient of app client .* failed: TooManyRequestsException/);
      expect(proxy.calls("DescribeUserPoolClient")).toHaveLength(2);
      expect(proxy.calls("UpdateUserPoolClient")).toHaveLength(0);
    });
  });

  describe("bad input and missing things", () => {
    const bad: [string, string, RegExp][] = [
      ["http", "http://bucket.s3.eu-west-1.amazonaws.com/", /redirectUrl "http:\/\/bucket.* uses http; Cognito accepts https/],
      ["fragment", "https://bucket.s3.eu-west-1.amazonaws.com/#x", /fragment/],
      ["too long", "https://" + "a".repeat(1100), /at most 1024 characters/],
    ];
    it.each(bad)("rejects a %s URL before any call", async (_n, redirectUrl, message) => {
      const err = await errorOf(provider().create(inputsFor({ userPoolId: "local_x", redirectUrl })));
      expect(err.message).toMatch(message);
      expect(proxy.exchanges).toHaveLength(0);
    });

    it("refuses a client that already has 100 callback URLs, without writing", async () => {
      const { userPoolId, clientId, before } = await rainmakerClient("full");
      const full = Array.from({ length: 100 }, (_, i) => `https://h${i}.example.com/`);
      await setCallbackUrls(cognito.endpoint, userPoolId, clientId, full);
      proxy.exchanges.length = 0;
      const err = await errorOf(provider().create(inputsFor({ userPoolId })));
      expect(err.message).toMatch(/already has 100 callback URLs, Cognito's maximum is 100/);
      expect(err.message).not.toContain(before.ClientSecret);
      expect(proxy.calls("UpdateUserPoolClient")).toHaveLength(0);
    });

    it("names a missing client id and pool", async () => {
      const { userPoolId } = await rainmakerClient("missing");
      const noClient = await errorOf(provider().create(inputsFor({ userPoolId, clientId: "nope" })));
      expect(noClient.message).toMatch(
        /DescribeUserPoolClient of app client nope in user pool .* failed: ResourceNotFoundException.*Check cognito.userPoolId and cognito.clientId/,
      );
      const noPool = await errorOf(provider().create(inputsFor({ userPoolId: "local_nope" })));
      expect(noPool.message).toMatch(/cognito.userPoolId "local_nope" was not found in region eu-west-1 \(pools there: .*pool-missing/);
    });

    it("refuses a client without a secret, without writing", async () => {
      const userPoolId = await createPool(cognito.endpoint, "pool-nosecret");
      await createClient(cognito.endpoint, { ...richClient(userPoolId), GenerateSecret: false });
      proxy.exchanges.length = 0;
      const err = await errorOf(provider().create(inputsFor({ userPoolId })));
      expect(err.message).toMatch(/has no client secret; Alexa account linking needs one/);
      expect(proxy.calls("UpdateUserPoolClient")).toHaveLength(0);
    });
  });

  describe("lookup by name across the region", () => {
    const region = startedForSuite(start);
    const regionInputs = (patch: Partial<CallbackUrlInputs> = {}) => inputsFor({ endpoint: region.endpoint, ...patch });

    it("finds the one pool that holds the client, reports none and several", async () => {
      await createPool(region.endpoint, "rainmaker-user-pool");
      const none = await errorOf(provider().create(regionInputs()));
      expect(none.message).toMatch(/Found no app client named "esp-rainmaker-alexa-skill" in any user pool of region eu-west-1/);
      expect(none.message).toMatch(/\(rainmaker-user-pool\): no clients/);

      const mobile = await createPool(region.endpoint, "rainmaker-user-email-mobile-pool");
      const { ClientId } = await createClient(region.endpoint, richClient(mobile));
      const found = await provider().create(regionInputs());
      expect(found.outs).toMatchObject({ userPoolId: mobile, clientId: ClientId });

      const old = await createPool(region.endpoint, "old-pool");
      const { ClientId: oldClient } = await createClient(region.endpoint, richClient(old));
      const several = await errorOf(provider().create(regionInputs({ redirectUrl: URL_B })));
      expect(several.message).toMatch(/Found 2 app clients named "esp-rainmaker-alexa-skill"/);
      expect(several.message).toContain(`client ${ClientId} in pool ${mobile} (rainmaker-user-email-mobile-pool)`);
      expect(several.message).toContain(`client ${oldClient} in pool ${old} (old-pool)`);
      expect(several.message).toMatch(/Choose one with cognito.userPoolId/);
    });
  });
});

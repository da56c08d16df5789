/**
 * The Cognito callback-URL provider against hostile or concurrent servers (issue 15): static
 * credentials out of the serialized provider (3), bounded pagination (8), no silent revert of an
 * owner's change made between Describe and Update (9), plain http only to this machine (11).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CognitoProviderOptions } from "../../packages/alexa-linking-component/src/cognito/client";
import { diffCallbackUrl } from "../../packages/alexa-linking-component/src/cognito/diff";
import { checkCallbackUrlInputs } from "../../packages/alexa-linking-component/src/cognito/inputs";
import { cognitoCallbackUrlProvider } from "../../packages/alexa-linking-component/src/providers/cognitoCallbackUrl";
import { CognitoCallbackUrl } from "../../packages/alexa-linking-component/src/cognito/resource";
import type { CallbackUrlInputs, CallbackUrlOutputs } from "../../packages/alexa-linking-component/src/cognito/types";
import { cognitoCall, start, type CognitoLocal } from "../emulators/cognitoLocal";
import { isWireSecret } from "../lifecycle/secrets";
import { PROVIDER_PRELUDE, runNode } from "../support/providerLoader";
import { installMocks } from "../support/pulumiMocks";
import { rejectionOf as errorOf } from "../support/rejection";
import { CLIENT_NAME, SKILL_URLS, createClient, createPool, describeClient, richClient } from "./fixtures";
import { eventually, startHostile, trickle } from "../alexa/hostileProxy";
import { startRecordingProxy, type RecordingProxy } from "./recordingProxy";

const REPO = path.resolve(__dirname, "..", "..");
const TYPE = "pulumi-nodejs:dynamic/alexa-linking:CognitoCallbackUrl";
const URL_A = "https://app-links-h.s3.eu-west-1.amazonaws.com/";
const ACCESS_KEY = "AKIAHARDENINGTEST01";
const SECRET_KEY = "hardening/secret+access+key/0123456789abcdef";
const options: CognitoProviderOptions = { credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 2 };

let cognito: CognitoLocal;
let proxy: RecordingProxy;
let dir: string;

beforeAll(async () => {
  cognito = await start();
  proxy = await startRecordingProxy(cognito.endpoint);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-hardening-"));
});
afterAll(async () => {
  await proxy?.close();
  await cognito?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  proxy.exchanges.length = 0;
  for (const k of Object.keys(proxy.hooks)) delete (proxy.hooks as Record<string, unknown>)[k];
});

const inputsFor = (patch: Partial<CallbackUrlInputs>): CallbackUrlInputs => ({
  redirectUrl: URL_A,
  region: "eu-west-1",
  endpoint: proxy.endpoint,
  clientName: CLIENT_NAME,
  version: "0.2.0",
  ...patch,
});

async function rainmakerClient(name: string) {
  const userPoolId = await createPool(cognito.endpoint, `pool-${name}`);
  const { ClientId: clientId } = await createClient(cognito.endpoint, richClient(userPoolId));
  return { userPoolId, clientId };
}

/** The owner stack changes the client directly (not through the proxy). */
async function ownerSetsLogoutUrls(userPoolId: string, clientId: string, urls: string[]): Promise<void> {
  const { ClientSecret, CreationDate, LastModifiedDate, ...rest } = await describeClient(cognito.endpoint, userPoolId, clientId);
  await cognitoCall(cognito.endpoint, "UpdateUserPoolClient", { ...rest, LogoutURLs: urls });
}

describe("3. static credentials are a secret input, never part of the serialized provider", () => {
  const mocks = installMocks({
    state: (type) =>
      type === TYPE
        ? { userPoolId: "eu-west-1_p", clientId: "c1", clientSecret: "s", urlWasPresent: false, callbackUrlPresent: true }
        : undefined,
  });
  let providerText: string;

  it("registers the credentials as a secret input and keeps them out of __provider", async () => {
    new CognitoCallbackUrl("cb", { redirectUrl: URL_A, region: "eu-west-1", userPoolId: "eu-west-1_p" }, undefined, {
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
      maxAttempts: 2,
    });
    await mocks.settled();
    const reg = mocks.one(TYPE);
    providerText = reg.inputs.__provider;
    expect(typeof providerText).toBe("string");
    expect(providerText).toContain("exports.handler");
    for (const form of [SECRET_KEY, encodeURIComponent(SECRET_KEY), JSON.stringify(SECRET_KEY).slice(1, -1), ACCESS_KEY]) {
      expect(providerText).not.toContain(form);
    }
    expect(isWireSecret(reg.inputs.credentials)).toBe(true);
    expect(reg.additionalSecretOutputs).toEqual(expect.arrayContaining(["clientSecret", "credentials"]));
    // The other provider options still reach the provider.
    expect(providerText).toMatch(/maxAttempts: 2/);
  });

  /** Runs the serialized provider in a fresh process with no AWS credentials of its own. */
  const LIFECYCLE = `
(async () => {
  const [step, raw] = [args[0], JSON.parse(args[1])];
  const out = {};
  if (step === "lifecycle") {
    const checked = await provider.check({}, raw);
    if (checked.failures) throw new Error(JSON.stringify(checked.failures));
    const created = await provider.create(checked.inputs);
    const read = await provider.read(created.id, created.outs);
    const same = await provider.diff(created.id, read.props, checked.inputs);
    await provider.delete(created.id, read.props);
    Object.assign(out, { created: created.outs, same: same.changes });
  } else {
    const read = await provider.read(raw.userPoolId + "/" + raw.clientId, raw);
    await provider.delete(read.id, read.props);
    Object.assign(out, { read: read.props });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((err) => { process.stderr.write(String(err && err.message)); process.exitCode = 1; });
`;
  const noAwsEnv = (extra: Record<string, string> = {}) => {
    const empty = path.join(dir, "empty-aws-config");
    fs.writeFileSync(empty, "");
    return {
      PATH: process.env.PATH ?? "",
      NODE_NO_WARNINGS: "1",
      HOME: dir,
      AWS_CONFIG_FILE: empty,
      AWS_SHARED_CREDENTIALS_FILE: empty,
      AWS_EC2_METADATA_DISABLED: "true",
      ...extra,
    };
  };

  it("a fresh process runs create, read, diff and delete with the credentials from the inputs and state only", async () => {
    const file = path.join(dir, "provider.js");
    fs.writeFileSync(file, providerText);
    const { userPoolId, clientId } = await rainmakerClient("credentials");
    const inputs = inputsFor({ userPoolId, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } });
    const run = await runNode({ source: PROVIDER_PRELUDE + LIFECYCLE }, [file, "lifecycle", JSON.stringify(inputs)], {
      cwd: REPO,
      env: noAwsEnv(),
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.created).toMatchObject({ userPoolId, clientId, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } });
    expect(out.same).toBe(false);
    expect((await describeClient(cognito.endpoint, userPoolId, clientId)).CallbackURLs).toEqual(SKILL_URLS);

    // Proof that they came from the inputs: without them the same process has none.
    const bare = await runNode(
      { source: PROVIDER_PRELUDE + LIFECYCLE },
      [file, "lifecycle", JSON.stringify({ ...inputs, credentials: undefined })],
      { cwd: REPO, env: noAwsEnv() },
    );
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toMatch(/credential/i);
  });

  it("a state recorded without credentials still refreshes and deletes, with the machine's credentials", async () => {
    const file = path.join(dir, "provider.js");
    fs.writeFileSync(file, providerText);
    const { userPoolId, clientId } = await rainmakerClient("old-state");
    const created = await cognitoCallbackUrlProvider(options).create(inputsFor({ userPoolId }));
    const oldState: CallbackUrlOutputs = { ...created.outs! };
    expect(oldState).not.toHaveProperty("credentials");
    const run = await runNode({ source: PROVIDER_PRELUDE + LIFECYCLE }, [file, "old-state", JSON.stringify(oldState)], {
      cwd: REPO,
      env: noAwsEnv({ AWS_ACCESS_KEY_ID: "AKIDMACHINE", AWS_SECRET_ACCESS_KEY: "machine-secret" }),
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).read).toMatchObject({ userPoolId, clientId, callbackUrlPresent: true });
    expect((await describeClient(cognito.endpoint, userPoolId, clientId)).CallbackURLs).toEqual(SKILL_URLS);
  });

  it.each<[string, unknown, unknown, boolean]>([
    ["none on either side", undefined, undefined, false],
    ["the same", { accessKeyId: "a", secretAccessKey: "b" }, { accessKeyId: "a", secretAccessKey: "b" }, false],
    ["rotated secret", { accessKeyId: "a", secretAccessKey: "b" }, { accessKeyId: "a", secretAccessKey: "c" }, true],
    ["given now, not recorded (an older state)", undefined, { accessKeyId: "a", secretAccessKey: "b" }, true],
    [
      "a session token added",
      { accessKeyId: "a", secretAccessKey: "b" },
      { accessKeyId: "a", secretAccessKey: "b", sessionToken: "t" },
      true,
    ],
  ])("diff: %s", (_name, olds, news, changes) => {
    const base = { redirectUrl: URL_A, region: "eu-west-1", userPoolId: "p", clientId: "c", clientName: CLIENT_NAME, version: "1" };
    const diff = diffCallbackUrl(
      { ...base, credentials: olds } as Partial<CallbackUrlOutputs>,
      { ...base, credentials: news } as CallbackUrlInputs,
    );
    expect(diff.changes).toBe(changes);
    expect(diff.replaces).toEqual([]);
  });

  it("check refuses credentials with a control character, without showing them", () => {
    const result = checkCallbackUrlInputs(inputsFor({ credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: "line\nbreak-secret" } }));
    expect(result.failures).toEqual([
      {
        property: "credentials",
        reason: expect.stringMatching(/credentials\.secretAccessKey \(secret, not shown\) holds a control character/),
      },
    ]);
    expect(JSON.stringify(result.failures)).not.toContain("break-secret");
  });
});

describe("8. pagination is bounded and stops on a repeated token", () => {
  it("ListUserPools that always answers the same NextToken", async () => {
    proxy.hooks.intercept = (op) =>
      op === "ListUserPools"
        ? { status: 200, body: { UserPools: [{ Id: "eu-west-1_loop", Name: "loop" }], NextToken: "again" } }
        : undefined;
    const err = await errorOf(cognitoCallbackUrlProvider(options).create(inputsFor({})));
    expect(err.message).toMatch(
      /ListUserPools in region eu-west-1 answered a next-page token it had given before \(after 2 pages\).*Fix: .*set cognito\.userPoolId and cognito\.clientId/,
    );
    expect(proxy.calls("ListUserPools")).toHaveLength(2);
  }, 15_000);

  it("ListUserPools whose NextToken never ends", async () => {
    let n = 0;
    proxy.hooks.intercept = (op) =>
      op === "ListUserPools" ? { status: 200, body: { UserPools: [], NextToken: `token-${n++}` } } : undefined;
    const err = await errorOf(cognitoCallbackUrlProvider(options).create(inputsFor({})));
    expect(err.message).toMatch(/ListUserPools in region eu-west-1 still had more after 100 pages/);
    expect(proxy.calls("ListUserPools")).toHaveLength(100);
  }, 30_000);

  it("ListUserPoolClients that always answers the same NextToken", async () => {
    const { userPoolId } = await rainmakerClient("paging");
    proxy.hooks.intercept = (op) =>
      op === "ListUserPoolClients" ? { status: 200, body: { UserPoolClients: [], NextToken: "again" } } : undefined;
    const err = await errorOf(cognitoCallbackUrlProvider(options).create(inputsFor({ userPoolId })));
    expect(err.message).toMatch(
      new RegExp(`ListUserPoolClients in user pool ${userPoolId} answered a next-page token it had given before`),
    );
  }, 15_000);
});

describe("9. an owner's change between Describe and Update is not reverted", () => {
  const OWNER_LOGOUT = ["https://rainmaker.example.com/logout", "https://owner-added.example.com/logout"];

  it("create: the owner changes the client right after the provider read it", async () => {
    const { userPoolId, clientId } = await rainmakerClient("race-describe");
    let changed = false;
    proxy.hooks.after = async (op) => {
      if (op !== "DescribeUserPoolClient" || changed) return;
      changed = true;
      await ownerSetsLogoutUrls(userPoolId, clientId, OWNER_LOGOUT);
    };
    const created = await cognitoCallbackUrlProvider(options).create(inputsFor({ userPoolId }));
    expect(created.outs).toMatchObject({ callbackUrlPresent: true, urlWasPresent: false });
    const now = await describeClient(cognito.endpoint, userPoolId, clientId);
    expect(now.LogoutURLs).toEqual(OWNER_LOGOUT);
    expect(now.CallbackURLs).toEqual([...SKILL_URLS, URL_A]);
    // The update went out once, built from the client as the owner left it.
    const [update] = proxy.calls("UpdateUserPoolClient");
    expect(update.request.LogoutURLs).toEqual(OWNER_LOGOUT);
  });

  it("delete: the owner changes the client right after the provider read it", async () => {
    const { userPoolId, clientId } = await rainmakerClient("race-delete");
    const p = cognitoCallbackUrlProvider(options);
    const created = await p.create(inputsFor({ userPoolId }));
    proxy.exchanges.length = 0;
    let changed = false;
    proxy.hooks.after = async (op) => {
      if (op !== "DescribeUserPoolClient" || changed) return;
      changed = true;
      await ownerSetsLogoutUrls(userPoolId, clientId, OWNER_LOGOUT);
    };
    await p.delete!(created.id, created.outs!);
    const now = await describeClient(cognito.endpoint, userPoolId, clientId);
    expect(now.LogoutURLs).toEqual(OWNER_LOGOUT);
    expect(now.CallbackURLs).toEqual(SKILL_URLS);
  });

  it("an owner that keeps changing the client: nothing is written, the message says to run again", async () => {
    const { userPoolId, clientId } = await rainmakerClient("race-always");
    let n = 0;
    proxy.hooks.after = async (op) => {
      if (op === "DescribeUserPoolClient") await ownerSetsLogoutUrls(userPoolId, clientId, [`https://owner-${n++}.example.com/logout`]);
    };
    const err = await errorOf(cognitoCallbackUrlProvider({ ...options, writeRounds: 3 }).create(inputsFor({ userPoolId })));
    expect(err.message).toMatch(
      /changed between reading it and writing it 3 times in a row.*Nothing was written.*Fix: run the update again/s,
    );
    expect(proxy.calls("UpdateUserPoolClient")).toHaveLength(0);
  });
});

describe("6. a Cognito call has a deadline that ends its transfer", () => {
  it("an answer that trickles: the call fails at requestTimeoutMs and its connection closes", async () => {
    const hostile = await startHostile();
    try {
      hostile.intercept = (_req, res) => (trickle(hostile, res), true);
      const started = Date.now();
      const err = await errorOf(
        cognitoCallbackUrlProvider({ ...options, maxAttempts: 1, requestTimeoutMs: 300 }).create(
          inputsFor({ endpoint: hostile.url, userPoolId: "eu-west-1_p", clientId: "c" }),
        ),
      );
      expect(err.message).toMatch(/DescribeUserPoolClient of app client c in user pool eu-west-1_p .* failed: .*no answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await eventually(() => hostile.requests.every((r) => r.closedAt !== undefined), 1500)).toBe(true);
    } finally {
      await hostile.stop();
    }
  });
});

describe("7. Cognito answers are read up to a limit", () => {
  it("a DescribeUserPoolClient answer of 3 MB is refused and nothing is sent back", async () => {
    const { userPoolId, clientId } = await rainmakerClient("huge");
    const real = await describeClient(cognito.endpoint, userPoolId, clientId);
    proxy.hooks.intercept = (op) =>
      op === "DescribeUserPoolClient"
        ? { status: 200, body: { UserPoolClient: { ...real, LogoutURLs: [`https://x.example.com/${"p".repeat(3 * 1024 * 1024)}`] } } }
        : undefined;
    const err = await errorOf(cognitoCallbackUrlProvider(options).create(inputsFor({ userPoolId })));
    expect(err.message).toMatch(/DescribeUserPoolClient of app client .* failed: .*answered with a body larger than 1 MiB/);
    expect(err.message.length).toBeLessThan(2000);
    expect(proxy.calls("UpdateUserPoolClient")).toHaveLength(0);
  });
});

describe("11. the Cognito endpoint: plain http only to this machine", () => {
  it.each([
    ["http to another host", "http://10.0.0.5:9229", true],
    ["http with a password", "https://u:p@cognito-idp.eu-west-1.amazonaws.com", true],
    ["loopback", "http://127.0.0.1:9229", false],
    ["localhost", "http://localhost:9229", false],
    ["https", "https://cognito-idp.eu-west-1.amazonaws.com", false],
  ])("%s", (_name, endpoint, refused) => {
    const { failures } = checkCallbackUrlInputs(inputsFor({ endpoint }));
    if (refused) expect(failures).toEqual([{ property: "endpoint", reason: expect.stringMatching(/Fix: leave it unset/) }]);
    else expect(failures).toBeUndefined();
  });
});

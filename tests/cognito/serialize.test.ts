import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { start } from "../emulators/cognitoLocal";
import { PROVIDER_PRELUDE, runNode } from "../support/providerLoader";
import { startedForSuite } from "../support/startedForSuite";
import { CLIENT_NAME, SKILL_URLS, createClient, createPool, describeClient, richClient, stableFields } from "./fixtures";

const repo = path.resolve(__dirname, "..", "..");
const URL_A = "https://app-links-s.s3.eu-west-1.amazonaws.com/";
const URL_B = "https://app-links-t.s3.eu-west-1.amazonaws.com/";

/** Drives the loaded provider through its lifecycle. */
const LIFECYCLE = `
(async () => {
  const news = JSON.parse(args[0]);
  const checked = await provider.check({}, news);
  const created = await provider.create(checked.inputs);
  const same = await provider.diff(created.id, created.outs, checked.inputs);
  const read = await provider.read(created.id, created.outs);
  const changedInputs = { ...checked.inputs, redirectUrl: news.nextUrl };
  const updated = await provider.update(created.id, created.outs, changedInputs);
  const afterUpdate = await provider.read(created.id, updated.outs);
  await provider.delete(created.id, updated.outs);
  process.stdout.write(JSON.stringify({ checked, created, same, read, updated, afterUpdate }));
})().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exitCode = 1; });
`;

const cognito = startedForSuite(start);
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-provider-"));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the serialized provider", () => {
  it("serializes without capturing clients and runs its lifecycle in a fresh process", async () => {
    const file = path.join(dir, "provider.js");
    const serialized = await runNode({ file: path.join(__dirname, "serializeProvider.script.ts") }, [file], {
      cwd: repo,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
      execArgv: ["-r", "ts-node/register"],
    });
    expect(serialized).toMatchObject({ code: 0 });
    const text = fs.readFileSync(file, "utf8");
    expect(text).toContain("exports.handler");
    expect(text).not.toMatch(/CognitoIdentityProviderClient\s*\{/); // the SDK is required, not inlined

    const userPoolId = await createPool(cognito.endpoint, "rainmaker-user-email-mobile-pool");
    const { ClientId, ClientSecret } = await createClient(cognito.endpoint, richClient(userPoolId));
    const before = await describeClient(cognito.endpoint, userPoolId, ClientId);
    const inputs = { redirectUrl: URL_A, nextUrl: URL_B, region: "eu-west-1", endpoint: cognito.endpoint, version: "0.1.0" };
    const lifecycle = await runNode({ source: PROVIDER_PRELUDE + LIFECYCLE }, [file, JSON.stringify(inputs)], { cwd: repo });
    expect(lifecycle).toMatchObject({ code: 0 });
    const r = JSON.parse(lifecycle.stdout);

    expect(r.checked.failures).toBeUndefined();
    expect(r.created.outs).toMatchObject({
      userPoolId,
      clientId: ClientId,
      clientName: CLIENT_NAME,
      clientSecret: ClientSecret,
      urlWasPresent: false,
    });
    expect(r.same.changes).toBe(false);
    expect(r.read.props.callbackUrlPresent).toBe(true);
    expect(r.updated.outs.redirectUrl).toBe(URL_B);
    expect(r.afterUpdate.props.callbackUrlPresent).toBe(true);
    const after = await describeClient(cognito.endpoint, userPoolId, ClientId);
    expect(after.CallbackURLs).toEqual(SKILL_URLS);
    expect(stableFields(after)).toEqual(stableFields(before));
  });
});

/**
 * The component's dynamic resources through a whole stack lifecycle, the way the engine runs
 * them: the program runs under mocks, each resource's `__provider` text is loaded by a fresh
 * dynamic-provider host process per deployment, and preview, up, up with nothing changed, up with
 * a new redirect URL, refresh and destroy run against cognito-local and the SMAPI/LWA and API
 * Gateway emulators. Then everything the lifecycle produced is searched for the secrets.
 */
import { OTHER_REDIRECT, SKILL_A, SKILL_B, SKILL_C } from "../alexa/fixtures";
import { SKILL_URLS } from "../cognito/fixtures";
import { COGNITO_TYPE, SKILL_TYPE } from "./capture";
import { destroy, mustSucceed, opsOf, refresh, up, type Deployment, type StackState } from "./engine";
import { startHost, type HostRun } from "./hostClient";
import { componentProgram, programArgs, runProgram, type ProgramRun } from "./program";
import { findLeaks, plainOutputs, textOf, withoutSecrets, type Haystack } from "./secrets";
import { ACCESS_TOKEN_URL, COGNITO_SECRET, LWA, redirectUrlOf, startWorld, type World, type WorldSnapshot } from "./world";

jest.setTimeout(120_000);

const BUCKET_A = "rainmaker-lifecycle-links";
const BUCKET_B = "rainmaker-lifecycle-links-b";
const URL_A = redirectUrlOf(BUCKET_A);
const URL_B = redirectUrlOf(BUCKET_B);
const SKILLS = [SKILL_A, SKILL_B, SKILL_C];
const SECRETS = [
  { name: "LWA client secret", value: LWA.clientSecret },
  { name: "LWA refresh token", value: LWA.refreshToken },
  { name: "LWA client id", value: LWA.clientId },
  { name: "Cognito client secret", value: COGNITO_SECRET },
];

let world: World;
let before: WorldSnapshot;
let first: ProgramRun;
let second: ProgramRun;
const stack: StackState = new Map();
/** Everything the lifecycle produced that is not marked secret. */
const audit: Haystack[] = [];

/** One deployment in a fresh host process; its output and state go to the audit. */
async function deploy(
  what: string,
  run: (host: ReturnType<typeof startHost>) => Promise<Deployment>,
): Promise<{ d: Deployment; host: HostRun }> {
  const host = startHost();
  const d = await run(host).finally(() => undefined);
  const ended = await host.close();
  audit.push({ where: `stdout of ${what}`, text: ended.stdout }, { where: `stderr of ${what}`, text: ended.stderr });
  audit.push({ where: `steps of ${what}`, text: textOf(d.steps) });
  for (const [key, state] of stack) {
    audit.push({ where: `plain outputs of ${key} after ${what}`, text: textOf(plainOutputs(state.outputs, state.secretOutputs)) });
    audit.push({ where: `inputs of ${key} after ${what}`, text: textOf(plainOutputs(state.inputs, state.secretOutputs)) });
  }
  return { d, host: ended };
}

function auditProgram(what: string, run: ProgramRun): void {
  expect(run.errors).toEqual([]);
  audit.push({ where: `${what}: stdout`, text: run.stdout }, { where: `${what}: stderr`, text: run.stderr });
  for (const r of run.registrations)
    audit.push({ where: `${what}: inputs of ${r.type} ${r.name} not marked secret`, text: textOf(withoutSecrets(r.inputs)) });
  for (const r of run.resources) audit.push({ where: `${what}: serialized provider of ${r.name}`, text: r.provider });
}

const cognitoCalls = (op: string) => world.cognito.calls(op).length;
const skill = (id: string) => world.smapi.getSkill(id, "development") as Record<string, unknown>;
const callbackUrls = async () => ((await world.snapshot()).cognitoClient.CallbackURLs as string[]) ?? [];
function resetCounts(): void {
  world.cognito.exchanges.length = 0;
  world.smapi.clearRequests();
}

beforeAll(async () => {
  // Skill C already had the redirect URL: it is not this stack's to remove.
  world = await startWorld([{ skillId: SKILL_A }, { skillId: SKILL_B }, { skillId: SKILL_C, extraRedirectUrls: [URL_A] }]);
  before = await world.snapshot();
});

afterAll(async () => {
  await world?.stop();
});

test("the program registers one Cognito callback URL and one account linking per skill, each carrying its serialized provider", async () => {
  first = await runProgram(componentProgram("links", programArgs(world, BUCKET_A, SKILLS)));
  auditProgram("first program run", first);
  expect((first.outputs as Record<string, { alexaAccessTokenURL: string }>).links.alexaAccessTokenURL).toBe(ACCESS_TOKEN_URL);
  expect(first.resources.map((r) => [r.type, r.key])).toEqual([[COGNITO_TYPE, "cognito"], ...SKILLS.map((id) => [SKILL_TYPE, id])]);
  const [cognito, ...skills] = first.resources;
  expect(cognito.secretInputs).toEqual([]);
  expect(cognito.additionalSecretOutputs).toEqual(["clientSecret"]);
  for (const r of skills) {
    expect(r.secretInputs.sort()).toEqual(["clientSecret", "lwa"]);
    // One provider object for every skill: the engine loads its text once per process.
    expect(r.provider).toBe(skills[0].provider);
  }
  expect(cognito.provider).toMatch(/require\("@aws-sdk\/client-cognito-identity-provider[^"]*"\)/);
  expect(skills[0].provider).toMatch(/require\("ask-smapi-sdk[^"]*"\)/);
});

test("preview checks every resource, the skills with the Cognito outputs unknown, and calls no service", async () => {
  resetCounts();
  const { d, host } = await deploy("preview", (h) => up(h, first.resources, stack, { preview: true }));
  expect(d.errors).toEqual([]);
  expect(opsOf(d)).toEqual({ cognito: "create", [SKILL_A]: "create", [SKILL_B]: "create", [SKILL_C]: "create" });
  expect(stack.size).toBe(0);
  expect(world.cognito.exchanges).toHaveLength(0);
  expect(world.smapi.requests).toHaveLength(0);
  expect(host.code).toBe(0);
});

test("up creates: the URL joins the Cognito callback URLs and each skill's redirect URLs, one LWA token for the whole run", async () => {
  resetCounts();
  const { d, host } = await deploy("first up", (h) => up(h, first.resources, stack));
  mustSucceed(d);
  expect(host.code).toBe(0);
  expect(opsOf(d)).toEqual({ cognito: "create", [SKILL_A]: "create", [SKILL_B]: "create", [SKILL_C]: "create" });

  expect(await callbackUrls()).toEqual([...SKILL_URLS, URL_A]);
  expect(skill(SKILL_A).redirectUrls).toEqual([OTHER_REDIRECT, URL_A]);
  expect(skill(SKILL_B).redirectUrls).toEqual([OTHER_REDIRECT, URL_A]);
  expect(skill(SKILL_C).redirectUrls).toEqual([OTHER_REDIRECT, URL_A]);
  for (const id of SKILLS) expect(skill(id).clientSecret).toBe(COGNITO_SECRET);

  const cognito = stack.get("cognito")!;
  expect(cognito.outputs).toMatchObject({
    userPoolId: world.userPoolId,
    clientId: world.clientId,
    clientSecret: COGNITO_SECRET,
    urlWasPresent: false,
    callbackUrlPresent: true,
  });
  expect(cognito.secretOutputs).toEqual(["clientSecret"]);
  // The skills got the real client id and secret from the Cognito resource's outputs.
  for (const id of SKILLS) {
    const s = stack.get(id)!;
    expect(s.inputs).toMatchObject({ cognitoClientId: world.clientId, clientSecret: COGNITO_SECRET, redirectUrl: URL_A });
    expect(s.secretOutputs.sort()).toEqual(["clientSecret", "lwa"]);
    expect(s.outputs.urlWasPresent).toBe(id === SKILL_C);
  }
  expect(world.smapi.tokensIssued()).toBe(1);
  expect(cognitoCalls("UpdateUserPoolClient")).toBe(1);
  expect(world.smapi.smapiRequests("GET")).toHaveLength(3);
  expect(world.smapi.smapiRequests("DELETE")).toHaveLength(0);
});

test("up with the same inputs: every diff says no change, so nothing is read or written", async () => {
  resetCounts();
  const { d } = await deploy("up with no change", (h) => up(h, first.resources, stack));
  mustSucceed(d);
  expect(opsOf(d)).toEqual({ cognito: "same", [SKILL_A]: "same", [SKILL_B]: "same", [SKILL_C]: "same" });
  expect(world.cognito.exchanges).toHaveLength(0);
  expect(world.smapi.requests).toHaveLength(0);
});

test("up with a new package version updates every resource: each reads, none writes", async () => {
  resetCounts();
  const bumped = first.resources.map((r) => ({ ...r, inputs: { ...r.inputs, version: `${String(r.inputs.version)}-next` } }));
  const { d } = await deploy("up with a new version", (h) => up(h, bumped, stack));
  mustSucceed(d);
  expect(opsOf(d)).toEqual({ cognito: "update", [SKILL_A]: "update", [SKILL_B]: "update", [SKILL_C]: "update" });
  expect(cognitoCalls("DescribeUserPoolClient")).toBe(1);
  expect(cognitoCalls("UpdateUserPoolClient")).toBe(0);
  expect(world.smapi.smapiRequests("GET")).toHaveLength(3);
  expect(world.smapi.smapiRequests("PUT")).toHaveLength(0);
  expect(await world.snapshot()).toMatchObject({ cognitoClient: { CallbackURLs: [...SKILL_URLS, URL_A] } });
  // Back to the program's version, again without a write.
  mustSucceed((await deploy("up back to the version", (h) => up(h, first.resources, stack))).d);
  expect(world.smapi.smapiRequests("PUT")).toHaveLength(0);
  expect(cognitoCalls("UpdateUserPoolClient")).toBe(0);
});

test("refresh reads the services back and records no drift", async () => {
  resetCounts();
  const { d } = await deploy("refresh", (h) => refresh(h, stack));
  mustSucceed(d);
  expect(stack.size).toBe(4);
  expect(stack.get("cognito")!.outputs.callbackUrlPresent).toBe(true);
  for (const id of SKILLS) expect(stack.get(id)!.outputs.redirectUrls).toEqual([OTHER_REDIRECT, URL_A]);
  expect(cognitoCalls("UpdateUserPoolClient")).toBe(0);
  expect(world.smapi.smapiRequests("PUT")).toHaveLength(0);

  const again = await deploy("up after refresh", (h) => up(h, first.resources, stack));
  expect(Object.values(opsOf(mustSucceed(again.d)))).toEqual(["same", "same", "same", "same"]);
});

test("up with a new redirect URL updates in place: the old URL leaves where this stack added it, stays where it was before", async () => {
  second = await runProgram(componentProgram("links", programArgs(world, BUCKET_B, SKILLS)));
  auditProgram("second program run", second);
  expect(second.resources.map((r) => r.provider)).toEqual(first.resources.map((r) => r.provider));
  resetCounts();
  const tokens = world.smapi.tokensIssued();

  const previewed = await deploy("preview of the new URL", (h) => up(h, second.resources, stack, { preview: true }));
  expect(opsOf(previewed.d)).toEqual({ cognito: "update", [SKILL_A]: "update", [SKILL_B]: "update", [SKILL_C]: "update" });
  expect(world.smapi.requests).toHaveLength(0);

  const { d } = await deploy("up with the new URL", (h) => up(h, second.resources, stack));
  mustSucceed(d);
  expect(opsOf(d)).toEqual({ cognito: "update", [SKILL_A]: "update", [SKILL_B]: "update", [SKILL_C]: "update" });
  expect(await callbackUrls()).toEqual([...SKILL_URLS, URL_B]);
  expect(skill(SKILL_A).redirectUrls).toEqual([OTHER_REDIRECT, URL_B]);
  expect(skill(SKILL_B).redirectUrls).toEqual([OTHER_REDIRECT, URL_B]);
  expect(skill(SKILL_C).redirectUrls).toEqual([OTHER_REDIRECT, URL_A, URL_B]);
  expect(world.smapi.tokensIssued()).toBe(tokens + 1);

  resetCounts();
  const same = await deploy("up after the new URL", (h) => up(h, second.resources, stack));
  expect(Object.values(opsOf(mustSucceed(same.d)))).toEqual(["same", "same", "same", "same"]);
  expect(world.smapi.requests).toHaveLength(0);
  expect(world.cognito.exchanges).toHaveLength(0);
});

test("the component's outputs, from the providers' real outputs, name the client and skills and hold no secret", async () => {
  const deployed = Object.fromEntries([...stack].map(([key, state]) => [key, state.outputs]));
  const third = await runProgram(componentProgram("links", programArgs(world, BUCKET_B, SKILLS), deployed));
  auditProgram("program run on the deployed state", third);
  const outputs = (third.outputs as Record<string, Record<string, unknown>>).links;
  audit.push({ where: "the component's outputs", text: textOf(outputs) });
  expect(outputs).toMatchObject({
    redirectURL: URL_B,
    cognitoClientId: world.clientId,
    cognitoUserPoolId: world.userPoolId,
    alexaAccessTokenURL: ACCESS_TOKEN_URL,
  });
  expect(outputs.skills).toEqual([
    { skillId: SKILL_A, stage: "development", redirectUrls: [OTHER_REDIRECT, URL_B] },
    { skillId: SKILL_B, stage: "development", redirectUrls: [OTHER_REDIRECT, URL_B] },
    { skillId: SKILL_C, stage: "development", redirectUrls: [OTHER_REDIRECT, URL_A, URL_B] },
  ]);
});

test("destroy leaves the services exactly as they were before the first up", async () => {
  resetCounts();
  const { d } = await deploy("destroy", (h) => destroy(h, stack));
  mustSucceed(d);
  expect(opsOf(d)).toEqual({ cognito: "delete", [SKILL_A]: "delete", [SKILL_B]: "delete", [SKILL_C]: "delete" });
  expect(stack.size).toBe(0);
  expect(await world.snapshot()).toEqual(before);
  // The account linking is edited, never deleted: URL_B leaves each skill, URL_A stays on skill C.
  expect(world.smapi.smapiRequests("DELETE")).toHaveLength(0);
  expect(world.smapi.smapiRequests("PUT")).toHaveLength(3);
});

test("service errors that quote the request back reach the engine with the secrets taken out", async () => {
  // An LWA that echoes the form body in its error, and a SMAPI that echoes the client secret.
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: LWA.refreshToken,
    client_id: LWA.clientId,
    client_secret: LWA.clientSecret,
  }).toString();
  world.smapi.inject({
    times: 1,
    status: 400,
    path: "/auth/O2/token",
    body: { error: "invalid_request", error_description: `cannot parse ${form}` },
  });
  const failed = await deploy("up with LWA refusing", (h) => up(h, first.resources, stack));
  expect(failed.d.errors.length).toBeGreaterThan(0);
  expect(failed.d.errors.join("\n")).toMatch(/Login with Amazon .* did not issue a SMAPI access token: HTTP 400/);
  audit.push({ where: "errors of the up with LWA refusing", text: failed.d.errors.join("\n") });

  world.smapi.inject({
    times: 1,
    status: 400,
    method: "PUT",
    body: { message: `clientSecret ${COGNITO_SECRET} (${encodeURIComponent(COGNITO_SECRET)}) is not valid` },
  });
  const again = await deploy("up with SMAPI refusing one PUT", (h) => up(h, first.resources, stack));
  expect(again.d.errors).toHaveLength(1);
  expect(again.d.errors[0]).toMatch(
    /SMAPI PUT account linking of skill amzn1\.ask\.skill\.\S+ \(stage development\) failed: HTTP 400: clientSecret \[secret\] \(\[secret\]\) is not valid/,
  );
  audit.push({ where: "errors of the up with SMAPI refusing", text: again.d.errors.join("\n") });

  const cleanup = await deploy("destroy after the errors", (h) => destroy(h, stack));
  mustSucceed(cleanup.d);
  expect(await world.snapshot()).toEqual(before);
});

test("secrets audit: no secret in clear in providers, plain inputs and outputs, host output, logs or errors", () => {
  const where = new Set(audit.map((h) => h.where.replace(/ of [^ ]+ after .*/, "")));
  // The audit saw every kind of text it is meant to search.
  expect(audit.filter((h) => h.where.startsWith("stderr of")).length).toBeGreaterThan(5);
  expect([...where].some((w) => w.includes("serialized provider"))).toBe(true);
  expect(audit.some((h) => h.where.startsWith("errors of"))).toBe(true);
  expect(findLeaks(audit, SECRETS)).toEqual([]);
  // Control: the same search finds each secret where it must be, in the secret outputs.
  const secretState = [{ where: "secret outputs", text: textOf({ lwa: LWA, clientSecret: COGNITO_SECRET }) }];
  expect(
    findLeaks(secretState, SECRETS)
      .map((l) => l.secret)
      .sort(),
  ).toEqual(SECRETS.map((s) => s.name).sort());
});

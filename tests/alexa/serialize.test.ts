/**
 * The engine serializes a dynamic provider as a closure, loads the text in another process and
 * calls `.handler()`. This does the same with the skill-linking provider and runs a whole
 * lifecycle in a fresh node process against the emulator.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createSkillLinkingProvider } from "../../packages/alexa-linking-component/src/providers/skillAccountLinking";
import { start } from "../emulators/smapi";
import { PROVIDER_PRELUDE, runNode, writeSerializedProvider } from "../support/providerLoader";
import { startedForSuite } from "../support/startedForSuite";
import { COGNITO_SECRET, OTHER_REDIRECT, REDIRECT, SKILL_A, SKILL_B, fullLinking, skillInputs } from "./fixtures";

const REPO = path.resolve(__dirname, "../..");
const emu = startedForSuite(start);
let dir: string;
let providerFile: string;
let serializedText: string;

// Run inside the child: the provider as the engine would drive it, one step after another.
const LIFECYCLE = `
const inputs = JSON.parse(process.env.SKILL_INPUTS);
(async () => {
  const steps = [];
  const outs = [];
  for (const news of inputs) {
    const checked = await provider.check({}, news);
    if (checked.failures.length) throw new Error(JSON.stringify(checked.failures));
    const created = await provider.create(checked.inputs);
    outs.push(created.outs);
    steps.push({ step: "create", id: created.id, urlWasPresent: created.outs.urlWasPresent, redirectUrls: created.outs.redirectUrls });
  }
  for (const [i, news] of inputs.entries()) {
    const read = await provider.read(outs[i].skillId + "/" + outs[i].stage, outs[i]);
    const diff = await provider.diff("id", read.props, news);
    steps.push({ step: "diff", changes: diff.changes });
  }
  const rotated = { ...inputs[0], clientSecret: process.env.ROTATED_SECRET };
  const diff = await provider.diff("id", outs[0], rotated);
  steps.push({ step: "diff rotated", changes: diff.changes });
  const updated = await provider.update("id", outs[0], rotated);
  outs[0] = updated.outs;
  steps.push({ step: "update", redirectUrls: updated.outs.redirectUrls });
  for (const o of outs) await provider.delete(o.skillId + "/" + o.stage, o);
  steps.push({ step: "delete" });
  process.stdout.write(JSON.stringify(steps));
})().catch((e) => {
  process.stderr.write(String(e && e.message));
  process.exitCode = 1;
});
`;

const runChild = (env: Record<string, string>) =>
  runNode({ source: PROVIDER_PRELUDE + LIFECYCLE }, [providerFile], { cwd: REPO, env: { PATH: process.env.PATH ?? "", ...env } });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "alexa-provider-"));
  providerFile = path.join(dir, "provider.js");
  serializedText = await writeSerializedProvider(createSkillLinkingProvider({ retry: { baseDelayMs: 1, maxDelayMs: 5 } }), providerFile);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const inputsFor = (skillId: string) => skillInputs(emu, skillId);

test("the serialized provider requires the SDK and captures no secret or client", () => {
  expect(serializedText).toMatch(/exports\.handler = /);
  expect(serializedText).toMatch(/require\("[^"]*ask-smapi-sdk[^"]*"\)/);
  expect(serializedText).not.toContain(COGNITO_SECRET);
  expect(serializedText).not.toMatch(/SkillManagementServiceClient\s*\(/);
});

test("a fresh process runs check, create, read, diff, update, delete; one LWA token per process", async () => {
  for (const id of [SKILL_A, SKILL_B]) emu.setSkill(id, "development", fullLinking());
  emu.clearRequests();
  // A reset and a throttle on the way exercise the error classification in its serialized form.
  emu.inject({ times: 1, reset: true, method: "GET" });
  emu.inject({ times: 1, status: 429, method: "PUT" });
  const env = { SKILL_INPUTS: JSON.stringify([inputsFor(SKILL_A), inputsFor(SKILL_B)]), ROTATED_SECRET: "rotated&=+" };

  const first = await runChild(env);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(JSON.parse(first.stdout)).toEqual([
    { step: "create", id: `${SKILL_A}/development`, urlWasPresent: false, redirectUrls: [OTHER_REDIRECT, REDIRECT] },
    { step: "create", id: `${SKILL_B}/development`, urlWasPresent: false, redirectUrls: [OTHER_REDIRECT, REDIRECT] },
    { step: "diff", changes: false },
    { step: "diff", changes: false },
    { step: "diff rotated", changes: true },
    { step: "update", redirectUrls: [OTHER_REDIRECT, REDIRECT] },
    { step: "delete" },
  ]);
  expect(emu.tokensIssued()).toBe(1);
  // create 2x(GET+PUT), read 2 GET, update GET+PUT, delete 2x(GET+PUT), plus the two retried;
  // never DELETE.
  expect(emu.smapiRequests("GET").map((r) => r.status)).toEqual([0, ...Array(7).fill(200)]);
  expect(emu.smapiRequests("PUT").map((r) => r.status)).toEqual([429, ...Array(5).fill(204)]);
  expect(emu.smapiRequests("DELETE")).toHaveLength(0);
  expect(emu.getSkill(SKILL_A, "development")).toEqual(fullLinking({ clientSecret: "rotated&=+" }));
  expect(emu.getSkill(SKILL_B, "development")).toEqual(fullLinking({ clientSecret: COGNITO_SECRET }));
  for (const secret of [COGNITO_SECRET, emu.lwa.clientSecret, emu.lwa.refreshToken]) {
    expect(first.stdout).not.toContain(secret);
  }

  const second = await runChild(env);
  expect(second.code).toBe(0);
  expect(emu.tokensIssued()).toBe(2);
});

test("errors reach the engine with their message and no secret", async () => {
  emu.setSkill(SKILL_A, "development", undefined);
  const result = await runChild({ SKILL_INPUTS: JSON.stringify([inputsFor(SKILL_A)]), ROTATED_SECRET: "x" });
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(/no account linking configured.*deploy the RainMaker Alexa skills/s);
  expect(result.stderr).not.toContain(COGNITO_SECRET);
});

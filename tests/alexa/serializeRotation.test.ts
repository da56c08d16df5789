/**
 * LWA credential rotation through the provider as the engine runs it: serialized, loaded in a
 * fresh process per engine operation. `up` records the rotated credentials without a call; after
 * the old ones are revoked, `destroy` (another process, the recorded outputs) still succeeds.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createSkillLinkingProvider } from "../../packages/alexa-linking-component/src/providers/skillAccountLinking";
import { start } from "../emulators/smapi";
import { PROVIDER_PRELUDE, runNode, writeSerializedProvider } from "../support/providerLoader";
import { startedForSuite } from "../support/startedForSuite";
import { COGNITO_SECRET, OTHER_REDIRECT, REDIRECT, SKILL_A, fullLinking, skillInputs } from "./fixtures";

const REPO = path.resolve(__dirname, "../..");
const ROTATED = { clientId: "amzn1.application-oa2-client.rotated", clientSecret: "rotated&=+", refreshToken: "Atzr|rotated&=+" };

// One engine operation per process: `up` (check, create, then diff and update with the rotated
// credentials) or `destroy` (refresh, then delete with the recorded outputs).
const SCRIPT = `
const mode = args[0];
const input = JSON.parse(process.env.STEP_INPUT);
(async () => {
  if (mode === "up") {
    const checked = await provider.check({}, input.inputs);
    const created = await provider.create(checked.inputs);
    const rotated = (await provider.check(created.outs, { ...input.inputs, lwa: input.rotated })).inputs;
    const diff = await provider.diff(created.id, created.outs, rotated);
    const updated = await provider.update(created.id, created.outs, rotated);
    process.stdout.write(JSON.stringify({ diff, outs: updated.outs }));
  } else {
    const read = await provider.read(input.id, input.outs);
    await provider.delete(read.id, read.props);
    process.stdout.write(JSON.stringify({ deleted: true }));
  }
})().catch((e) => {
  process.stderr.write(String(e && e.message));
  process.exitCode = 1;
});
`;

const emu = startedForSuite(start);
let dir: string;
let providerFile: string;

const runChild = (mode: string, input: unknown) =>
  runNode({ source: PROVIDER_PRELUDE + SCRIPT }, [providerFile, mode], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? "", STEP_INPUT: JSON.stringify(input) },
  });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "alexa-rotation-"));
  providerFile = path.join(dir, "provider.js");
  await writeSerializedProvider(createSkillLinkingProvider({ retry: { baseDelayMs: 1, maxDelayMs: 5 } }), providerFile);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test("rotate, revoke the old credentials, destroy: the serialized provider deletes with the new ones", async () => {
  emu.setSkill(SKILL_A, "development", fullLinking());
  const inputs = skillInputs(emu, SKILL_A);
  const up = await runChild("up", { inputs, rotated: ROTATED });
  expect(up.stderr).toBe("");
  const { diff, outs } = JSON.parse(up.stdout);
  expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  expect(outs.lwa).toEqual(ROTATED);
  // The create's GET + PUT and one token; the update made none.
  expect([emu.tokensIssued(), emu.smapiRequests("GET").length, emu.smapiRequests("PUT").length]).toEqual([1, 1, 1]);
  expect(emu.getSkill(SKILL_A, "development")!.redirectUrls).toEqual([OTHER_REDIRECT, REDIRECT]);

  emu.setLwa(ROTATED);
  emu.revokeTokens();
  const destroy = await runChild("destroy", { id: `${SKILL_A}/development`, outs });
  expect(destroy.stderr).toBe("");
  expect(destroy.code).toBe(0);
  expect(emu.getSkill(SKILL_A, "development")).toEqual(fullLinking({ clientSecret: COGNITO_SECRET }));
  expect(emu.smapiRequests("DELETE")).toEqual([]);
});

/**
 * Drift through the engine's path: `pulumi refresh` (read) records what others changed, and the
 * next `pulumi up` repairs it. Outputs cross the host's protobuf Struct, which refuses undefined.
 */
import { OTHER_REDIRECT, SKILL_A, SKILL_B } from "../alexa/fixtures";
import { SKILL_URLS, setCallbackUrls } from "../cognito/fixtures";
import { destroy, mustSucceed, opsOf, refresh, up, type StackState } from "./engine";
import { startHost, type ProviderHost } from "./hostClient";
import { componentProgram, programArgs, runProgram, type ProgramRun } from "./program";
import { redirectUrlOf, startWorld, type World } from "./world";

jest.setTimeout(120_000);

const URL = redirectUrlOf("rainmaker-drift-links");
let world: World;
let program: ProgramRun;

beforeAll(async () => {
  world = await startWorld([{ skillId: SKILL_A }, { skillId: SKILL_B }]);
  program = await runProgram(componentProgram("drift", programArgs(world, "rainmaker-drift-links", [SKILL_A, SKILL_B])));
  expect(program.errors).toEqual([]);
});
afterAll(async () => {
  await world?.stop();
});

async function inHost<T>(run: (host: ProviderHost) => Promise<T>): Promise<T> {
  const host = startHost();
  try {
    return await run(host);
  } finally {
    await host.close();
  }
}

test("a URL removed by others shows on refresh and comes back on the next up", async () => {
  const stack: StackState = new Map();
  mustSucceed(await inHost((h) => up(h, program.resources, stack)));
  const skillLinking = world.smapi.getSkill(SKILL_A, "development")!;

  // The owner stack rewrites the client; someone edits skill A in the console.
  await setCallbackUrls(world.cognitoLocal.endpoint, world.userPoolId, world.clientId, SKILL_URLS);
  world.smapi.setSkill(SKILL_A, "development", { ...skillLinking, redirectUrls: [OTHER_REDIRECT] });

  mustSucceed(await inHost((h) => refresh(h, stack)));
  expect(stack.get("cognito")!.outputs.callbackUrlPresent).toBe(false);
  expect(stack.get(SKILL_A)!.outputs.redirectUrls).toEqual([OTHER_REDIRECT]);

  const repaired = mustSucceed(await inHost((h) => up(h, program.resources, stack)));
  expect(opsOf(repaired)).toEqual({ cognito: "update", [SKILL_A]: "update", [SKILL_B]: "same" });
  const client = (await world.snapshot()).cognitoClient;
  expect(client.CallbackURLs).toEqual([...SKILL_URLS, URL]);
  expect(world.smapi.getSkill(SKILL_A, "development")!.redirectUrls).toEqual([OTHER_REDIRECT, URL]);

  mustSucceed(await inHost((h) => destroy(h, stack)));
});

test("a skill whose account linking was removed refreshes without breaking the state, and up says what to fix", async () => {
  const stack: StackState = new Map();
  mustSucceed(await inHost((h) => up(h, program.resources, stack)));
  const linkingB = world.smapi.getSkill(SKILL_B, "development");
  world.smapi.setSkill(SKILL_B, "development", undefined);

  const refreshed = await inHost((h) => refresh(h, stack));
  expect(refreshed.errors).toEqual([]);
  expect(stack.get(SKILL_B)!.outputs.redirectUrls).toEqual([]);

  const next = await inHost((h) => up(h, program.resources, stack));
  expect(opsOf(next)).toEqual({ cognito: "same", [SKILL_A]: "same", [SKILL_B]: "failed" });
  expect(next.errors.join("\n")).toMatch(
    /skill amzn1\.ask\.skill\.aaaaaaaa-\S+ \(stage development\) has no account linking configured \(SMAPI answered 404\)/,
  );

  world.smapi.setSkill(SKILL_B, "development", linkingB);
  mustSucceed(await inHost((h) => destroy(h, stack)));
});

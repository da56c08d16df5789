/**
 * A throttling burst longer than the retry budget fails the create with a clear error; the next
 * `pulumi up` converges to what a clean run leaves, with nothing written twice. The providers run
 * with their default retry policy, as the component serializes them: this takes seconds.
 */
import { SKILL_A, SKILL_B } from "../alexa/fixtures";
import { destroy, mustSucceed, opsOf, up, type Deployment, type StackState } from "./engine";
import { startHost, type ProviderHost } from "./hostClient";
import { assertProgramOk, componentProgram, programArgs, runProgram, type ProgramRun } from "./program";
import { findLeaks } from "./secrets";
import { COGNITO_SECRET, LWA, startWorld, type World, type WorldSnapshot } from "./world";

jest.setTimeout(180_000);

let world: World;
let program: ProgramRun;
let before: WorldSnapshot;

beforeAll(async () => {
  world = await startWorld([{ skillId: SKILL_A }, { skillId: SKILL_B }]);
  program = assertProgramOk(await runProgram(componentProgram("flaky", programArgs(world, "rainmaker-flaky-links", [SKILL_A, SKILL_B]))));
  before = await world.snapshot();
});
afterAll(async () => {
  await world?.stop();
});

async function inHost(run: (host: ProviderHost) => Promise<Deployment>): Promise<Deployment> {
  const host = startHost();
  const d = await run(host);
  await host.close();
  return d;
}

const noDuplicates = (list: unknown) => expect(new Set(list as string[]).size).toBe((list as string[]).length);

test("a 429 burst longer than the retry budget fails that skill's create; the next up creates only it and ends where a clean run ends", async () => {
  // A clean run: its final state is the reference.
  const clean: StackState = new Map();
  mustSucceed(await inHost((h) => up(h, program.resources, clean)));
  const cleanSnapshot = await world.snapshot();
  const cleanOutputs = Object.fromEntries([...clean].map(([k, s]) => [k, s.outputs]));
  mustSucceed(await inHost((h) => destroy(h, clean)));
  expect(await world.snapshot()).toEqual(before);

  // SMAPI throttles every PUT to skill B.
  world.smapi.clearRequests();
  world.smapi.inject({ times: 1000, status: 429, method: "PUT", path: SKILL_B });
  const stack: StackState = new Map();
  const failed = await inHost((h) => up(h, program.resources, stack));
  expect(opsOf(failed)).toEqual({ cognito: "create", [SKILL_A]: "create", [SKILL_B]: "failed" });
  expect(failed.errors).toEqual([
    `SMAPI PUT account linking of skill ${SKILL_B} (stage development) failed: HTTP 429: Rate exceeded. (6 attempts, attempts exhausted).`,
  ]);
  const putsToB = world.smapi.smapiRequests("PUT").filter((r) => r.path.includes(SKILL_B));
  expect(putsToB.map((r) => r.status)).toEqual(Array(6).fill(429));
  expect(
    findLeaks(
      [{ where: "error", text: failed.errors.join("\n") }],
      [
        { name: "Cognito client secret", value: COGNITO_SECRET },
        { name: "LWA client secret", value: LWA.clientSecret },
        { name: "LWA refresh token", value: LWA.refreshToken },
      ],
    ),
  ).toEqual([]);
  // The engine records nothing for a failed create.
  expect([...stack.keys()].sort()).toEqual(["cognito", SKILL_A].sort());

  // The throttling is over: the next up creates skill B only.
  world.smapi.clearFailures();
  world.smapi.clearRequests();
  world.cognito.exchanges.length = 0;
  const rerun = mustSucceed(await inHost((h) => up(h, program.resources, stack)));
  expect(opsOf(rerun)).toEqual({ cognito: "same", [SKILL_A]: "same", [SKILL_B]: "create" });
  expect(world.cognito.calls("UpdateUserPoolClient")).toHaveLength(0);
  expect(world.smapi.smapiRequests("PUT").map((r) => r.path)).toEqual([expect.stringContaining(SKILL_B)]);

  const after = await world.snapshot();
  expect(after).toEqual(cleanSnapshot);
  noDuplicates(after.cognitoClient.CallbackURLs);
  for (const linking of Object.values(after.skills)) noDuplicates((linking as { redirectUrls: string[] }).redirectUrls);
  expect(Object.fromEntries([...stack].map(([k, s]) => [k, s.outputs]))).toEqual(cleanOutputs);

  mustSucceed(await inHost((h) => destroy(h, stack)));
  expect(await world.snapshot()).toEqual(before);
});

// Run by program.ts in a fresh node process (ts-node), as the engine runs a Pulumi program:
// installs the mocks, runs one program module and writes what it registered as JSON. Not under
// jest: jest's globals (describe, test, expect...) would make the closure serializer take a
// function of the same name for a built-in and leave it out of the provider text.
import * as fs from "node:fs";
import * as path from "node:path";
import { installMocks } from "../support/pulumiMocks";
import { dynamicMockState } from "./capture";
import type { ProgramRequest, ProgramResult } from "./program";

async function main(requestFile: string, resultFile: string): Promise<void> {
  const request = JSON.parse(fs.readFileSync(requestFile, "utf8")) as ProgramRequest;
  const errors: string[] = [];
  let failed: (e: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  const record = (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    if (!errors.includes(message)) errors.push(message);
    failed(e);
  };
  process.on("unhandledRejection", record);
  process.on("uncaughtException", record);

  const mocks = installMocks({ region: "eu-west-1", state: dynamicMockState(new Map(Object.entries(request.outputs ?? {}))) });
  const mod = require(path.join(__dirname, "programs", request.module)) as { program: (r: ProgramRequest) => Promise<unknown> };
  let outputs: unknown;
  try {
    outputs = await Promise.race([mod.program(request), failure]);
    await Promise.race([mocks.settled(), failure]);
  } catch (e) {
    if (!errors.includes((e as Error).message)) errors.push((e as Error).message);
  }
  const result: ProgramResult = { registrations: mocks.registrations, outputs, errors };
  fs.writeFileSync(resultFile, JSON.stringify(result));
  // Pending registrations of a failed program would keep the process alive.
  process.exit(0);
}

main(process.argv[2], process.argv[3]).catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});

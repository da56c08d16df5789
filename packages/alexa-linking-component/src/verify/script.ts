#!/usr/bin/env node
/**
 * The post-deploy check that the component runs through @pulumi/command:
 * `node dist/verify/script.js`, with the work in $ALEXA_LINKING_VERIFY or on standard input
 * (see work.ts). Prints one line per file; exits 0 when all pass, 1 when any fails, 2 on bad input.
 * It needs only node: no curl, no AWS credentials.
 */
import { CliIo, processIo } from "../cli/io";
import { reportResults, verifyAll, VerifyOptions } from "./run";
import { parseSettings, parseWork, WORK_ENV } from "./work";

export type ScriptIo = Pick<CliIo, "env" | "readStdin" | "stdout" | "stderr">;

export async function runScript(
  io: ScriptIo,
  overrides: Pick<VerifyOptions, "sleep" | "fetchOutcome"> = {},
): Promise<number> {
  let files;
  let settings;
  try {
    const fromEnv = io.env[WORK_ENV];
    files = fromEnv
      ? parseWork(fromEnv, `$${WORK_ENV}`)
      : parseWork(await io.readStdin(), `standard input (no $${WORK_ENV} set)`);
    settings = parseSettings(io.env);
  } catch (err) {
    io.stderr(`alexa-linking verify: ${(err as Error).message}\n`);
    return 2;
  }
  const results = await verifyAll(files, { ...settings, ...overrides });
  return reportResults(results, io, "Fix the causes above, or set verify: false to skip this check.");
}

if (require.main === module) {
  runScript(processIo()).then((code) => {
    process.exitCode = code;
  });
}

#!/usr/bin/env node
/**
 * The post-deploy check that the component runs through @pulumi/command:
 * `node dist/verify/script.js`, with the work in $ALEXA_LINKING_VERIFY or on standard input
 * (see work.ts). Prints one line per file; exits 0 when all pass, 1 when any fails, 2 on bad input.
 * It needs only node: no curl, no AWS credentials, and nothing of the command line (src/cli/).
 * Its path is in users' stack state (scriptPath.ts): it never moves.
 */
import { failureSummary, formatResult, verifyAll, VerifyOptions } from "./run";
import { parseSettings, parseWork, WORK_ENV } from "./work";

/** What the script touches: its environment, standard input and output. */
export interface ScriptIo {
  env: NodeJS.ProcessEnv;
  readStdin: () => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function runScript(io: ScriptIo, overrides: Pick<VerifyOptions, "sleep" | "fetchOutcome"> = {}): Promise<number> {
  let files;
  let settings;
  try {
    const fromEnv = io.env[WORK_ENV];
    files = fromEnv ? parseWork(fromEnv, `$${WORK_ENV}`) : parseWork(await io.readStdin(), `standard input (no $${WORK_ENV} set)`);
    settings = parseSettings(io.env);
  } catch (err) {
    io.stderr(`alexa-linking verify: ${(err as Error).message}\n`);
    return 2;
  }
  const results = await verifyAll(files, { ...settings, ...overrides });
  for (const result of results) (result.ok ? io.stdout : io.stderr)(`${formatResult(result)}\n`);
  const failures = failureSummary(results);
  if (failures === undefined) return 0;
  io.stderr(`alexa-linking verify: ${failures} Fix the causes above, or set verify: false to skip this check.\n`);
  return 1;
}

/** This process's environment and standard streams. */
export const processScriptIo = (): ScriptIo => ({
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});

if (require.main === module) {
  runScript(processScriptIo()).then((code) => {
    process.exitCode = code;
  });
}

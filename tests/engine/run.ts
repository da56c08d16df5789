// `pnpm test:engine`: the real Pulumi engine drives the stacks/ program, and Python and YAML
// programs that use the package's plugin, against the emulators.
// Ends with `engine: N scenarios passed, M failed` and their names; exits non-zero on any failure,
// including an engine that cannot be built (never a skip).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { engineBinDir, engineVersion } from "./harness/engine";
import { runGroup, type ScenarioGroup, type ScenarioResult } from "./harness/scenario";
import { awsConfig } from "./scenarios/awsConfig";
import { badConfig } from "./scenarios/badConfig";
import { cloudFront } from "./scenarios/cloudFront";
import { localStack } from "./scenarios/localStack";
import { optionalConfig } from "./scenarios/optionalConfig";
import { pluginConsumer, pythonConsumer, yamlConsumer } from "./scenarios/pluginConsumers";
import { publicAccessModes } from "./scenarios/publicAccessModes";
import { stackLifecycle } from "./scenarios/stackLifecycle";
import { upgrade } from "./scenarios/upgrade";

const GROUPS: [string, ScenarioGroup<any>][] = [
  ["stacks", stackLifecycle],
  ["bad-config", badConfig],
  ["optional-config", optionalConfig],
  ["upgrade", upgrade],
  ["local", localStack],
  ["python", pluginConsumer(pythonConsumer)],
  ["yaml", pluginConsumer(yamlConsumer)],
  ["cloudfront", cloudFront],
  ["modes", publicAccessModes],
  ["aws-config", awsConfig],
];

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const logFile = path.join(os.tmpdir(), `alexa-engine-${Date.now()}.log`);
  const log = (line: string) => fs.appendFileSync(logFile, `${line}\n`);
  const binDir = engineBinDir();
  console.log(`engine: ${engineVersion(binDir)} from ${binDir}; command log ${logFile}`);
  const results: ScenarioResult[] = [];
  for (const [name, group] of GROUPS) {
    if (only.length > 0 && !only.includes(name)) continue;
    for (const result of await runGroup(group, binDir, log)) {
      results.push(result);
      console.log(`${result.passed ? "PASS" : "FAIL"} ${result.name} (${result.seconds.toFixed(0)} s)`);
      if (result.error) console.log(indent(result.error));
    }
  }
  const failed = results.filter((r) => !r.passed);
  console.log(`engine: ${results.length - failed.length} scenarios passed, ${failed.length} failed`);
  for (const result of results) console.log(`  ${result.passed ? "passed" : "failed"}: ${result.name}`);
  return failed.length === 0 && results.length > 0 ? 0 : 1;
}

const indent = (text: string) =>
  text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`engine: the engine layer could not run: ${(err as Error).stack ?? err}`);
    console.log("engine: 0 scenarios passed, 1 failed");
    process.exit(1);
  },
);

// The real engine's part of `pnpm bench`: wall time of `pulumi up` and `pulumi destroy` of the
// stacks/ program for 1, 10 and 50 skills against the emulators, as ratios to the 1-skill run
// (the machines are shared: ratios and counts are what stays comparable).
import * as fs from "node:fs";
import * as path from "node:path";
import { engineBinDir, terminalEnv } from "../engine/harness/engine";
import { editStackFile, emulatorConfig, linkedProject } from "../engine/harness/project";
import { Shell } from "../engine/harness/shell";
import { LWA, startEngineWorld } from "../engine/harness/world";

export interface EngineTiming {
  skills: number;
  upSeconds: number;
  destroySeconds: number;
  smapiCalls: number;
}

const skillId = (i: number) => `amzn1.ask.skill.00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

export async function timeEngine(counts: readonly number[]): Promise<EngineTiming[]> {
  const binDir = engineBinDir();
  const timings: EngineTiming[] = [];
  for (const skills of counts) {
    const ids = Array.from({ length: skills }, (_, i) => skillId(i + 1));
    const world = await startEngineWorld(ids, "eu-west-1");
    try {
      const dir = linkedProject(`bench-${skills}`);
      fs.mkdirSync(path.join(dir, ".state"));
      const shell = new Shell(
        dir,
        terminalEnv(binDir, { PULUMI_BACKEND_URL: `file://${dir}/.state`, PULUMI_CONFIG_PASSPHRASE: "bench", ...asEnv() }),
      );
      await shell.run("pulumi", ["stack", "init", "bench"]);
      editStackFile(path.join(dir, "stacks", "Pulumi.bench.yaml"), {
        "aws:region": world.region,
        "alexa-app-linking:bucketName": `bench-links-${skills}`,
        "alexa-app-linking:iosAppIds": ["ABCDE12345.com.espressif.rainmaker"],
        "alexa-app-linking:skillIds": ids,
        ...emulatorConfig(world.endpoints),
      });
      const up = await timed(() => shell.run("pulumi", ["up", "--yes", "--skip-preview", "--stack", "bench", "--non-interactive"]));
      const smapiCalls = world.smapi.smapiRequests().length;
      const destroy = await timed(() =>
        shell.run("pulumi", ["destroy", "--yes", "--skip-preview", "--stack", "bench", "--non-interactive"]),
      );
      timings.push({ skills, upSeconds: up, destroySeconds: destroy, smapiCalls });
      fs.rmSync(dir, { recursive: true, force: true });
    } finally {
      await world.stop();
    }
  }
  return timings;
}

/** The SMAPI credentials through the ASK CLI's variables, as a CI deploy would pass them. */
const asEnv = () => ({
  ASK_LWA_CLIENT_ID: LWA.clientId,
  ASK_LWA_CLIENT_CONFIRMATION: LWA.clientSecret,
  ASK_REFRESH_TOKEN: LWA.refreshToken,
});

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function engineTable(timings: readonly EngineTiming[]): string {
  const base = timings.find((t) => t.skills === 1) ?? timings[0];
  const rows = timings.map(
    (t) =>
      `| ${t.skills} | ${t.smapiCalls} | ${(t.upSeconds / base.upSeconds).toFixed(2)} | ${(t.destroySeconds / base.destroySeconds).toFixed(2)} |`,
  );
  return [
    "| skills | SMAPI calls during up | `pulumi up` time / 1 skill | `pulumi destroy` time / 1 skill |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
}

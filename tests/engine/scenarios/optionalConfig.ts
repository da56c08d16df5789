import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { OTHER_REDIRECT } from "../../alexa/fixtures";
import { terminalEnv } from "../harness/engine";
import { editStackFile, emulatorConfig, linkedProject } from "../harness/project";
import type { ScenarioGroup } from "../harness/scenario";
import { Shell } from "../harness/shell";
import { LWA, startEngineWorld, type EngineWorld } from "../harness/world";

const SKILL = "amzn1.ask.skill.00000000-0000-4000-8000-0000000000c1";
/** moto's account id, which the default bucket name carries. */
const MOTO_ACCOUNT = "123456789012";

interface Optional {
  world: EngineWorld;
  shell: Shell;
  stackFile: string;
}

/** The keys a user leaves out, under the real CLI: what its config rules let through. */
export const optionalConfig: ScenarioGroup<Optional> = {
  async setUp(binDir, log) {
    const dir = linkedProject("optional-config");
    fs.mkdirSync(path.join(dir, ".state"));
    const world = await startEngineWorld([SKILL], "eu-west-1");
    const shell = new Shell(
      dir,
      terminalEnv(binDir, { PULUMI_BACKEND_URL: `file://${dir}/.state`, PULUMI_CONFIG_PASSPHRASE: "optional" }),
      log,
    );
    await shell.run("pulumi", ["stack", "init", "ios-only"]);
    return { world, shell, stackFile: path.join(dir, "stacks", "Pulumi.ios-only.yaml") };
  },
  async tearDown(ctx) {
    if (ctx) await ctx.shell.run("pulumi", ["destroy", "--yes", "--stack", "ios-only", "--non-interactive"]).catch(() => undefined);
    await ctx?.world.stop();
  },
  scenarios: [
    {
      name: "defaults: an iOS-only stack without bucket name, skills or SMAPI credentials deploys",
      async run({ world, shell, stackFile }) {
        editStackFile(stackFile, {
          "aws:region": world.region,
          "alexa-app-linking:iosAppIds": ["ABCDE12345.com.espressif.rainmaker"],
          ...emulatorConfig(world.endpoints),
        });
        await shell.run("pulumi", ["up", "--yes", "--stack", "ios-only", "--non-interactive"]);
        const outputs = JSON.parse((await shell.run("pulumi", ["stack", "output", "--json", "--stack", "ios-only"])).stdout);
        assert.equal(outputs.bucketName, `alexa-links-ios-only-${MOTO_ACCOUNT}`);
        assert.deepEqual(Object.keys(outputs.associationFileUrls), ["ios"]);
        assert.deepEqual(outputs.skills, []);
        assert.equal(world.smapi.smapiRequests().length, 0);
      },
    },
    {
      name: "SMAPI credentials from the ASK CLI's environment variables, no secret in the stack",
      async run({ world, shell, stackFile }) {
        editStackFile(stackFile, { "alexa-app-linking:skillIds": [SKILL] });
        const ask = { ASK_LWA_CLIENT_ID: LWA.clientId, ASK_LWA_CLIENT_CONFIRMATION: LWA.clientSecret, ASK_REFRESH_TOKEN: LWA.refreshToken };
        const missing = await shell.run("pulumi", ["preview", "--stack", "ios-only", "--non-interactive"], { expectFailure: true });
        assert.match(
          missing.stdout + missing.stderr,
          /alexa-app-linking:smapiClientId is not set and neither is ASK_LWA_CLIENT_ID, and skillIds needs it/,
        );
        await shell.run("pulumi", ["up", "--yes", "--stack", "ios-only", "--non-interactive"], { env: ask });
        const redirectURL = JSON.parse(
          (await shell.run("pulumi", ["stack", "output", "--json", "--stack", "ios-only"])).stdout,
        ).redirectURL;
        assert.deepEqual(world.smapi.getSkill(SKILL, "development")!.redirectUrls, [OTHER_REDIRECT, redirectURL]);
        assert.doesNotMatch(fs.readFileSync(stackFile, "utf8"), /smapiClientId|smapiClientSecret|smapiRefreshToken|secure:/);
        await shell.run("pulumi", ["destroy", "--yes", "--stack", "ios-only", "--non-interactive"], { env: ask });
        assert.deepEqual(world.smapi.getSkill(SKILL, "development")!.redirectUrls, [OTHER_REDIRECT]);
      },
    },
  ],
};

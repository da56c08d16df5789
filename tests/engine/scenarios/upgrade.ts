import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { OTHER_REDIRECT } from "../../alexa/fixtures";
import { describeClient } from "../../cognito/fixtures";
import { terminalEnv } from "../harness/engine";
import { installInto, packRevision, packWorkingTree, type PackedPackage } from "../harness/packages";
import { editStackFile, emulatorConfig, registerStandIns, scratchDir } from "../harness/project";
import type { ScenarioGroup } from "../harness/scenario";
import { Shell } from "../harness/shell";
import { LWA, startEngineWorld, type EngineWorld } from "../harness/world";

/**
 * The release users have deployed: the package as it landed on main before this layer existed
 * (0.1.0). Move it forward when a new release is published.
 */
export const PREVIOUS_RELEASE = "0a50fa0";

const SKILLS = ["amzn1.ask.skill.00000000-0000-4000-8000-0000000000a1", "amzn1.ask.skill.00000000-0000-4000-8000-0000000000a2"];
const BUCKET = "engine-upgrade-links";

interface Upgrade {
  world: EngineWorld;
  shell: Shell;
  dir: string;
  previous: PackedPackage;
  current: PackedPackage;
  before: Awaited<ReturnType<EngineWorld["snapshot"]>>;
}

export const upgrade: ScenarioGroup<Upgrade> = {
  async setUp(binDir, log) {
    const dir = scratchDir("upgrade");
    const tarballs = scratchDir("tarballs");
    const [previous, current] = [await packRevision(PREVIOUS_RELEASE, tarballs), await packWorkingTree(tarballs)];
    for (const file of fs.readdirSync(path.join(__dirname, "..", "fixtures", "consumer"))) fs.copyFileSync(path.join(__dirname, "..", "fixtures", "consumer", file), path.join(dir, file));
    registerStandIns(path.join(dir, "Pulumi.yaml"));
    fs.mkdirSync(path.join(dir, ".state"));
    const world = await startEngineWorld(SKILLS, "eu-west-1");
    const shell = new Shell(dir, terminalEnv(binDir, { PULUMI_BACKEND_URL: `file://${dir}/.state`, PULUMI_CONFIG_PASSPHRASE: "upgrade" }), log);
    return { world, shell, dir, previous, current, before: await world.snapshot() };
  },
  async tearDown(ctx) {
    await ctx?.world.stop();
  },
  scenarios: [
    {
      name: "upgrade: a stack deployed with the previous release is refreshed, updated and destroyed by this one",
      async run({ world, shell, dir, previous, current, before }) {
        assert.notEqual(previous.manifest.version, current.manifest.version, "bump the package version: the dynamic resources record it");
        await installInto(dir, previous);
        await shell.run("pulumi", ["stack", "init", "prod"]);
        editStackFile(path.join(dir, "Pulumi.prod.yaml"), {
          "aws:region": world.region,
          "engine-consumer:bucketName": BUCKET,
          "engine-consumer:skillIds": SKILLS,
          "engine-consumer:verify": false,
          ...Object.fromEntries(Object.entries(emulatorConfig(world.endpoints)).map(([k, v]) => [k.replace("alexa-app-linking:", "engine-consumer:"), v])),
        });
        for (const [key, value] of Object.entries({ smapiClientId: LWA.clientId, smapiClientSecret: LWA.clientSecret, smapiRefreshToken: LWA.refreshToken })) {
          await shell.run("pulumi", ["config", "set", "--secret", key, "--stack", "prod", "--", value]);
        }
        await shell.run("pulumi", ["up", "--yes", "--stack", "prod", "--non-interactive"]);
        const redirectURL = `https://${BUCKET}.s3.${world.region}.amazonaws.com/`;
        assert.deepEqual(world.smapi.getSkill(SKILLS[0], "development")!.redirectUrls, [OTHER_REDIRECT, redirectURL]);
        const stateBefore = (await shell.run("pulumi", ["stack", "export", "--stack", "prod"])).stdout;
        assert.match(stateBefore, new RegExp(`"version": "${previous.manifest.version.replace(/\./g, "\\.")}"`));

        await installInto(dir, current);
        const installed = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", "alexa-linking-component", "package.json"), "utf8"));
        assert.equal(installed.version, current.manifest.version);
        // Refresh and destroy run the providers serialized in state by the previous release, which
        // require package modules by path: those paths must still exist in this one.
        await shell.run("pulumi", ["refresh", "--yes", "--stack", "prod", "--non-interactive"]);
        await shell.run("pulumi", ["up", "--yes", "--stack", "prod", "--non-interactive"]);
        const stateAfter = (await shell.run("pulumi", ["stack", "export", "--stack", "prod"])).stdout;
        assert.match(stateAfter, new RegExp(`"version": "${current.manifest.version.replace(/\./g, "\\.")}"`));
        await shell.run("pulumi", ["preview", "--expect-no-changes", "--stack", "prod", "--non-interactive"]);
        const client = await describeClient(world.cognitoLocal.endpoint, world.userPoolId, world.clientId);
        assert.ok(client.CallbackURLs.includes(redirectURL));

        await shell.run("pulumi", ["destroy", "--yes", "--stack", "prod", "--non-interactive"]);
        assert.deepEqual(await world.snapshot(), before);
        assert.deepEqual(world.smapi.smapiRequests("DELETE"), []);
      },
    },
  ],
};

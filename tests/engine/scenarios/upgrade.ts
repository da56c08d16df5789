import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { OTHER_REDIRECT } from "../../alexa/fixtures";
import { describeClient } from "../../cognito/fixtures";
import { terminalEnv } from "../harness/engine";
import {
  ENTRY_MODULES,
  installInto,
  packageRequires,
  packRevision,
  packWorkingTree,
  SERIALIZED_PROVIDER_MANIFEST,
  type PackedPackage,
} from "../harness/packages";
import { editStackFile, emulatorConfig, registerStandIns, scratchDir } from "../harness/project";
import type { ScenarioGroup } from "../harness/scenario";
import { Shell } from "../harness/shell";
import { LWA, startEngineWorld, type EngineWorld } from "../harness/world";

/**
 * The release users have deployed: the package as it landed on main before this layer existed
 * (0.1.0). Move it forward when a new release is published.
 */
export const PREVIOUS_RELEASE = "0a50fa0";
/**
 * main before the providers got their stable entry modules: still 0.2.0 (unreleased), but its
 * providers require other module paths, and stacks deployed from a checkout carry them.
 */
export const BEFORE_ENTRY_MODULES = "c5e5485";

const SKILLS = ["amzn1.ask.skill.00000000-0000-4000-8000-0000000000a1", "amzn1.ask.skill.00000000-0000-4000-8000-0000000000a2"];
const BUCKET = "engine-upgrade-links";
const DYNAMIC_TYPES = ["pulumi-nodejs:dynamic"];

interface Upgrade {
  world: EngineWorld;
  binDir: string;
  log: (line: string) => void;
  packed: Record<string, PackedPackage>;
  current: PackedPackage;
  before: Awaited<ReturnType<EngineWorld["snapshot"]>>;
}

interface StateResource {
  type: string;
  urn: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The dynamic resources of an exported state, with the package paths their provider texts require. */
function providerTexts(exported: string): { urn: string; inputs: string[]; outputs: string[] }[] {
  const resources = (JSON.parse(exported).deployment.resources ?? []) as StateResource[];
  const paths = (text: unknown) => (typeof text === "string" ? [...packageRequires(text).keys()].sort() : []);
  return resources
    .filter((r) => DYNAMIC_TYPES.some((t) => r.type.startsWith(t)))
    .map((r) => ({ urn: r.urn, inputs: paths(r.inputs?.__provider), outputs: paths(r.outputs?.__provider) }));
}

/** Every path an old state's providers require is one the manifest freezes (and the package test checks). */
function assertInManifest(texts: ReturnType<typeof providerTexts>, revision: string): void {
  assert.ok(texts.length >= 3, `the stack holds the callback URL and the two skills' dynamic resources (found ${texts.length})`);
  for (const { urn, inputs, outputs } of texts) {
    assert.ok(outputs.length > 0, `${urn}: the provider text of ${revision} requires the package by path`);
    for (const p of [...inputs, ...outputs])
      assert.ok(
        p in SERIALIZED_PROVIDER_MANIFEST,
        `${urn}: ${revision}'s provider requires ${p}, missing from SERIALIZED_PROVIDER_MANIFEST`,
      );
  }
}

const onlyEntryModules = (paths: string[]) => paths.length > 0 && paths.every((p) => (ENTRY_MODULES as readonly string[]).includes(p));

interface UpgradeCheck {
  previous: PackedPackage;
  current: PackedPackage;
  before: ReturnType<typeof providerTexts>;
  after: ReturnType<typeof providerTexts>;
  stateAfter: string;
}

/**
 * Deploys with `revision`, then refreshes, updates and destroys with the working tree's package.
 * `check` asserts what the update must do to the version and to the provider text in state.
 */
async function upgradeFrom(ctx: Upgrade, revision: string, check: (state: UpgradeCheck) => void): Promise<void> {
  const { world, current, before } = ctx;
  const previous = ctx.packed[revision];
  const dir = scratchDir(`upgrade-${revision}`);
  for (const file of fs.readdirSync(path.join(__dirname, "..", "fixtures", "consumer")))
    fs.copyFileSync(path.join(__dirname, "..", "fixtures", "consumer", file), path.join(dir, file));
  registerStandIns(path.join(dir, "Pulumi.yaml"));
  fs.mkdirSync(path.join(dir, ".state"));
  const shell = new Shell(
    dir,
    terminalEnv(ctx.binDir, { PULUMI_BACKEND_URL: `file://${dir}/.state`, PULUMI_CONFIG_PASSPHRASE: "upgrade" }),
    ctx.log,
  );

  await installInto(dir, previous);
  await shell.run("pulumi", ["stack", "init", "prod"]);
  editStackFile(path.join(dir, "Pulumi.prod.yaml"), {
    "aws:region": world.region,
    "engine-consumer:bucketName": BUCKET,
    "engine-consumer:skillIds": SKILLS,
    "engine-consumer:verify": false,
    ...Object.fromEntries(
      Object.entries(emulatorConfig(world.endpoints)).map(([k, v]) => [k.replace("alexa-app-linking:", "engine-consumer:"), v]),
    ),
  });
  for (const [key, value] of Object.entries({
    smapiClientId: LWA.clientId,
    smapiClientSecret: LWA.clientSecret,
    smapiRefreshToken: LWA.refreshToken,
  })) {
    await shell.run("pulumi", ["config", "set", "--secret", key, "--stack", "prod", "--", value]);
  }
  await shell.run("pulumi", ["up", "--yes", "--stack", "prod", "--non-interactive"]);
  const redirectURL = `https://${BUCKET}.s3.${world.region}.amazonaws.com/`;
  assert.deepEqual(world.smapi.getSkill(SKILLS[0], "development")!.redirectUrls, [OTHER_REDIRECT, redirectURL]);
  const stateBefore = (await shell.run("pulumi", ["stack", "export", "--stack", "prod"])).stdout;
  assert.match(stateBefore, new RegExp(`"version": "${previous.manifest.version.replace(/\./g, "\\.")}"`));
  const textsBefore = providerTexts(stateBefore);
  assertInManifest(textsBefore, revision);

  await installInto(dir, current);
  const installed = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", "alexa-linking-component", "package.json"), "utf8"));
  assert.equal(installed.version, current.manifest.version);
  // Refresh and destroy run the providers serialized in state by the previous revision, which
  // require package modules by path: those paths must still exist in this one.
  await shell.run("pulumi", ["refresh", "--yes", "--stack", "prod", "--non-interactive"]);
  await shell.run("pulumi", ["up", "--yes", "--stack", "prod", "--non-interactive"]);
  const stateAfter = (await shell.run("pulumi", ["stack", "export", "--stack", "prod"])).stdout;
  check({ previous, current, before: textsBefore, after: providerTexts(stateAfter), stateAfter });
  // The previous revision's objects had no ACL in state: the update replaced them with the
  // explicit one (the CHANGELOG's one-time replacement), and they are still served.
  const objects = ((JSON.parse(stateAfter).deployment.resources ?? []) as StateResource[]).filter(
    (r) => r.type === "aws:s3/bucketObjectv2:BucketObjectv2",
  );
  assert.ok(objects.length > 0, "the stack holds the association files");
  for (const object of objects) assert.equal(object.outputs?.acl, "bucket-owner-full-control", `${object.urn}: the object's ACL in state`);
  for (const object of objects) {
    const response = await fetch(`${world.moto.endpoint}/${BUCKET}/${String(object.outputs?.key)}`);
    assert.equal(response.status, 200, `${String(object.outputs?.key)} is not served after the upgrade`);
  }
  await shell.run("pulumi", ["preview", "--expect-no-changes", "--stack", "prod", "--non-interactive"]);
  const client = await describeClient(world.cognitoLocal.endpoint, world.userPoolId, world.clientId);
  assert.ok(client.CallbackURLs.includes(redirectURL));

  await shell.run("pulumi", ["destroy", "--yes", "--stack", "prod", "--non-interactive"]);
  assert.deepEqual(await world.snapshot(), before);
  assert.deepEqual(world.smapi.smapiRequests("DELETE"), []);
  fs.rmSync(dir, { recursive: true, force: true });
}

const versionPattern = (version: string) => new RegExp(`"version": "${version.replace(/\./g, "\\.")}"`);

export const upgrade: ScenarioGroup<Upgrade> = {
  async setUp(binDir, log) {
    // One folder per pack: c5e5485 and the working tree are both 0.2.0, so their tarballs have
    // the same file name, and in one folder the last pack would replace the other.
    const packed: Record<string, PackedPackage> = {};
    for (const revision of [PREVIOUS_RELEASE, BEFORE_ENTRY_MODULES])
      packed[revision] = await packRevision(revision, scratchDir(`tarballs-${revision}`));
    const current = await packWorkingTree(scratchDir("tarballs-current"));
    for (const [revision, previous] of Object.entries(packed)) {
      assert.notEqual(previous.tarball, current.tarball, `the ${revision} tarball must not be the working tree's`);
    }
    // The previous releases write the bucket's ownership controls and access block at the same
    // moment; S3 may refuse one of them (OperationAborted), and serve.py's S3 always does. What
    // this group proves is that their state upgrades, so its S3 does not answer OperationAborted;
    // every other group's does.
    const world = await startEngineWorld(SKILLS, "eu-west-1", { motoEnv: { MOTO_S3_CONTROL_WRITE_SECONDS: "0" } });
    return { world, binDir, log, packed, current, before: await world.snapshot() };
  },
  async tearDown(ctx) {
    await ctx?.world.stop();
  },
  scenarios: [
    {
      name: "upgrade: a stack deployed with the previous release (0.1.0) is refreshed, updated and destroyed by this one",
      async run(ctx) {
        await upgradeFrom(ctx, PREVIOUS_RELEASE, movesToEntryModules);
      },
    },
    {
      name: "upgrade: a stack deployed from main before the entry modules (c5e5485, 0.2.0) is refreshed, updated and destroyed by this one",
      async run(ctx) {
        // Refresh runs c5e5485's provider text from the state (its module paths are in the
        // manifest); the version bump then makes the update record the entry modules.
        await upgradeFrom(ctx, BEFORE_ENTRY_MODULES, movesToEntryModules);
      },
    },
  ],
};

/**
 * A new version is an update of each dynamic resource, and the engine records the new provider
 * text (only the entry modules) in its inputs and in the outputs that refresh and destroy run.
 */
function movesToEntryModules({ previous, current, after, stateAfter }: UpgradeCheck): void {
  assert.notEqual(previous.manifest.version, current.manifest.version, "bump the package version: the dynamic resources record it");
  assert.match(stateAfter, versionPattern(current.manifest.version));
  for (const { urn, inputs, outputs } of after) {
    assert.ok(onlyEntryModules(inputs), `${urn}: the new inputs' provider requires only the entry modules, got ${inputs.join(", ")}`);
    assert.ok(onlyEntryModules(outputs), `${urn}: the updated state's provider requires only the entry modules, got ${outputs.join(", ")}`);
  }
}

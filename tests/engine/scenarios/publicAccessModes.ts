import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { GetObjectAclCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { terminalEnv } from "../harness/engine";
import { editStackFile, emulatorConfig, linkedProject } from "../harness/project";
import type { Scenario, ScenarioGroup } from "../harness/scenario";
import { Shell } from "../harness/shell";
import { AWS_CREDENTIALS, LWA, startEngineWorld, type EngineWorld } from "../harness/world";

const SKILLS = ["amzn1.ask.skill.00000000-0000-4000-8000-0000000000c1"];
const STACK = "modes";
const BUCKET = "rainmaker-alexa-links-modes";
const KEYS = { ios: ".well-known/apple-app-site-association", android: ".well-known/assetlinks.json" } as const;
type Mode = "policy" | "acl" | "cloudfront";
/** Every transition among the three modes, each with new file content. */
const CYCLE: Mode[] = ["policy", "acl", "policy", "cloudfront", "acl", "cloudfront", "policy"];

interface Context {
  world: EngineWorld;
  shell: Shell;
  stackFile: string;
  seeded: Awaited<ReturnType<EngineWorld["snapshot"]>>;
}

const ask = { ASK_LWA_CLIENT_ID: LWA.clientId, ASK_LWA_CLIENT_CONFIRMATION: LWA.clientSecret, ASK_REFRESH_TOKEN: LWA.refreshToken };
const credentials = { accessKeyId: AWS_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: AWS_CREDENTIALS.AWS_SECRET_ACCESS_KEY };

/** The app of step `step`: its id is in both files, so each step changes their content. */
const bundle = (step: number) => `com.espressif.rainmaker.step${step}`;

/**
 * publicAccess policy -> acl -> policy -> cloudfront -> acl -> cloudfront -> policy under the real
 * engine, against moto's S3 as it behaves since April 2023 (serve.py 9-13: Block Public Access on
 * and ACLs disabled on a new bucket, AccessControlListNotSupported, public policies and ACLs refused
 * while blocked, anonymous reads only as the block allows, OperationAborted on overlapping control
 * writes) and the stand-in's `BucketObjectv2.acl` as the real provider has it. Each step changes
 * the files' content; after it, the files are readable anonymously as the mode intends (not at all
 * from S3 in cloudfront mode), carry the mode's ACL, and a preview finds nothing to change.
 */
export const publicAccessModes: ScenarioGroup<Context> = {
  async setUp(binDir, log) {
    const dir = linkedProject("modes");
    fs.mkdirSync(path.join(dir, ".state"));
    const world = await startEngineWorld(SKILLS, "eu-west-1");
    const shell = new Shell(
      dir,
      terminalEnv(binDir, { PULUMI_BACKEND_URL: `file://${dir}/.state`, PULUMI_CONFIG_PASSPHRASE: "modes", ...ask }),
      log,
    );
    await shell.run("pulumi", ["stack", "init", STACK]);
    const stackFile = path.join(dir, "stacks", `Pulumi.${STACK}.yaml`);
    const e = world.endpoints.s3;
    editStackFile(stackFile, {
      "aws:region": world.region,
      "alexa-app-linking:bucketName": BUCKET,
      "alexa-app-linking:androidSha256CertFingerprints": [
        "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5",
      ],
      "alexa-app-linking:skillIds": SKILLS,
      ...emulatorConfig(world.endpoints),
      "aws:endpoints": [{ s3: e, sts: e, cloudfront: e, acm: e, route53: e }],
    });
    return { world, shell, stackFile, seeded: await world.snapshot() };
  },
  async tearDown(ctx) {
    if (ctx) await ctx.shell.run("pulumi", ["destroy", "--yes", "--stack", STACK, "--non-interactive"]).catch(() => undefined);
    await ctx?.world.stop();
  },
  scenarios: [
    ...CYCLE.map((mode, step): Scenario<Context> => ({
      name: `step ${step + 1}/${CYCLE.length}: ${step === 0 ? "deploy in" : `${CYCLE[step - 1]} ->`} ${mode} with new file content, readable as ${mode} intends, no changes after`,
      async run(ctx) {
        editStackFile(ctx.stackFile, {
          "alexa-app-linking:publicAccess": mode,
          "alexa-app-linking:iosAppIds": [`ABCDE12345.${bundle(step)}`],
          "alexa-app-linking:androidPackageName": bundle(step),
          // moto serves nothing over CloudFront: the distribution's host does not resolve.
          "alexa-app-linking:verify": mode !== "cloudfront",
        });
        const up = await ctx.shell.run("pulumi", ["up", "--yes", "--stack", STACK, "--non-interactive"]);
        if (step > 0) {
          // Into or out of "acl" the object's ACL changes: the object is replaced (deleted, uploaded
          // again after the new ownership and access block), never given a PutObjectAcl.
          const replaced = /BucketObjectv2 alexa-links-assetlinks (replaced|created replacement)/.test(up.stdout);
          const aclChanged = (mode === "acl") !== (CYCLE[step - 1] === "acl");
          assert.equal(replaced, aclChanged, `${CYCLE[step - 1]} -> ${mode}: the object was${replaced ? "" : " not"} replaced`);
          if (!aclChanged) assert.match(up.stdout, /BucketObjectv2 alexa-links-assetlinks updated/);
        }
        await assertServedAs(ctx, mode, step);
        await ctx.shell.run("pulumi", ["preview", "--stack", STACK, "--non-interactive", "--expect-no-changes"]);
      },
    })),
    {
      name: "destroy after the cycle: the bucket gone, the Cognito client and the skill as seeded",
      async run(ctx) {
        await ctx.shell.run("pulumi", ["destroy", "--yes", "--stack", STACK, "--non-interactive"]);
        assert.deepEqual(await ctx.world.snapshot(), ctx.seeded);
        const listed = await fetch(`${ctx.world.moto.endpoint}/`);
        assert.doesNotMatch(await listed.text(), new RegExp(BUCKET));
      },
    },
  ],
};

/** The files hold this step's content; anonymous reads as the mode intends; the mode's object ACL. */
async function assertServedAs(ctx: Context, mode: Mode, step: number): Promise<void> {
  const s3 = new S3Client({ endpoint: ctx.world.moto.endpoint, region: ctx.world.region, forcePathStyle: true, credentials });
  try {
    for (const key of Object.values(KEYS)) {
      const stored = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString();
      assert.ok(stored.includes(bundle(step)), `${key} does not hold step ${step + 1}'s content: ${stored}`);
      const anonymous = await fetch(`${ctx.world.moto.endpoint}/${BUCKET}/${key}`);
      const body = await anonymous.text();
      if (mode === "cloudfront") {
        assert.equal(anonymous.status, 403, `${mode}: an anonymous GET of ${key} from S3 answered ${anonymous.status}`);
      } else {
        assert.equal(anonymous.status, 200, `${mode}: an anonymous GET of ${key} answered ${anonymous.status}: ${body}`);
        assert.equal(anonymous.headers.get("content-type"), "application/json");
        assert.equal(body, stored);
      }
      const grants = (await s3.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: key }))).Grants ?? [];
      const everyone = grants.some((g) => g.Grantee?.URI === "http://acs.amazonaws.com/groups/global/AllUsers" && g.Permission === "READ");
      assert.equal(everyone, mode === "acl", `${mode}: ${key} ${everyone ? "has" : "lacks"} a public-read ACL`);
    }
  } finally {
    s3.destroy();
  }
}

import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ACMClient, ListCertificatesCommand, ListTagsForCertificateCommand } from "@aws-sdk/client-acm";
import { CreateHostedZoneCommand, Route53Client } from "@aws-sdk/client-route-53";
import { terminalEnv } from "../harness/engine";
import { editStackFile, emulatorConfig, linkedProject } from "../harness/project";
import type { ScenarioGroup } from "../harness/scenario";
import { Shell } from "../harness/shell";
import { AWS_CREDENTIALS, LWA, startEngineWorld, type EngineWorld } from "../harness/world";

const SKILLS = ["amzn1.ask.skill.00000000-0000-4000-8000-0000000000c1"];
const STACK = "awscfg";
const BUCKET = "rainmaker-alexa-links-awscfg";
const DOMAIN = "links.example.com";
const ROLE = "arn:aws:iam::123456789012:role/deploy";
const EXTERNAL_ID = "ext-engine-7c1d9e0b5a";
const ROLES = JSON.stringify([{ roleArn: ROLE, externalId: EXTERNAL_ID, sessionName: "engine" }]);
const SECRET_MARK = "4dabf18193072939515e22adb298388d";

interface Context {
  world: EngineWorld;
  shell: Shell;
  dir: string;
  stackFile: string;
  log: string;
}

const credentials = { accessKeyId: AWS_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: AWS_CREDENTIALS.AWS_SECRET_ACCESS_KEY };
const ask = { ASK_LWA_CLIENT_ID: LWA.clientId, ASK_LWA_CLIENT_CONFIRMATION: LWA.clientSecret, ASK_REFRESH_TOKEN: LWA.refreshToken };

/**
 * The stack's `aws:` settings under the real engine (issue 22 item 4, issue 23 items 3 and 6): a
 * terminal with no AWS credentials at all, whose stack holds them as secret keys, a plain
 * aws:profile (a profile without credentials of its own), a secret aws:assumeRoles with an
 * external id, aws:allowedAccountIds and aws:defaultTags, and a project key stored with --secret.
 * CloudFront on a custom domain without a certificate ARN, so the component makes its us-east-1
 * provider from those settings. Then the same with aws:assumeRoleWithWebIdentity.
 */
export const awsConfig: ScenarioGroup<Context> = {
  async setUp(binDir, log) {
    const dir = linkedProject("awsconfig");
    fs.mkdirSync(path.join(dir, ".state"));
    const world = await startEngineWorld(SKILLS, "eu-west-1");
    // A profile with a region and no credentials: the stack's secret keys are the only ones.
    const awsDir = path.join(dir, "aws-files");
    fs.mkdirSync(awsDir);
    fs.writeFileSync(path.join(awsDir, "config"), "[profile rainmaker-admin]\nregion = eu-west-1\n");
    fs.writeFileSync(path.join(awsDir, "credentials"), "");
    const configureLog = path.join(dir, "configure.log");
    const env = terminalEnv(binDir, {
      PULUMI_BACKEND_URL: `file://${dir}/.state`,
      PULUMI_CONFIG_PASSPHRASE: "awsconfig",
      AWS_CONFIG_FILE: path.join(awsDir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(awsDir, "credentials"),
      ALEXA_STANDIN_CONFIGURE_LOG: configureLog,
      ...ask,
    });
    for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"]) delete env[key];
    const shell = new Shell(dir, env, log);
    await shell.run("pulumi", ["stack", "init", STACK]);
    const stackFile = path.join(dir, "stacks", `Pulumi.${STACK}.yaml`);

    const zones = new Route53Client({ endpoint: world.moto.endpoint, region: "us-east-1", credentials });
    const zone = await zones.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: `awscfg-${Date.now()}` }));
    zones.destroy();
    const e = world.endpoints.s3;
    editStackFile(stackFile, {
      ...emulatorConfig(world.endpoints),
      "aws:region": world.region,
      "aws:profile": "rainmaker-admin",
      "aws:endpoints": [{ s3: e, sts: e, cloudfront: e, acm: e, route53: e, s3control: e }],
      "aws:allowedAccountIds": ["123456789012"],
      "aws:defaultTags": { tags: { team: "iot-links" } },
      "alexa-app-linking:bucketName": BUCKET,
      "alexa-app-linking:iosAppIds": ["ABCDE12345.com.espressif.rainmaker"],
      "alexa-app-linking:skillIds": SKILLS,
      "alexa-app-linking:publicAccess": "cloudfront",
      "alexa-app-linking:cloudFrontDomainName": DOMAIN,
      "alexa-app-linking:cloudFrontHostedZoneId": zone.HostedZone!.Id!.replace(/^\/hostedzone\//, ""),
      // moto serves nothing over CloudFront.
      "alexa-app-linking:verify": false,
    });
    for (const [key, value] of [
      ["aws:accessKey", AWS_CREDENTIALS.AWS_ACCESS_KEY_ID],
      ["aws:secretKey", AWS_CREDENTIALS.AWS_SECRET_ACCESS_KEY],
      ["aws:assumeRoles", ROLES],
      ["alexa-app-linking:cognitoClientName", "esp-rainmaker-alexa-skill"],
    ]) {
      await shell.run("pulumi", ["config", "set", "--secret", "--stack", STACK, key, value]);
    }
    return { world, shell, dir, stackFile, log: configureLog };
  },
  async tearDown(ctx) {
    if (ctx) await ctx.shell.run("pulumi", ["destroy", "--yes", "--stack", STACK, "--non-interactive"]).catch(() => undefined);
    await ctx?.world.stop();
  },
  scenarios: [
    {
      name: "only secret stack keys as credentials, a plain aws:profile, a secret aws:assumeRoles, allowedAccountIds, defaultTags: the us-east-1 certificate is made with them, the access token URL is found, the secrets stay secret in state",
      async run(ctx) {
        await up(ctx);
        const outputs = await stackOutputs(ctx);
        assert.equal(outputs.alexaAccessTokenURL, ctx.world.accessTokenUrl);
        assert.equal(outputs.redirectURL, `https://${DOMAIN}/`);

        const state = await exportState(ctx);
        const text = JSON.stringify(state);
        assert.ok(!text.includes(EXTERNAL_ID), "the external id of aws:assumeRoles is in the state in clear");
        const provider = resource(state, "pulumi:providers:aws", "alexa-links-us-east-1");
        assert.equal(provider.inputs.region, "us-east-1");
        assert.equal(provider.inputs.profile, "rainmaker-admin");
        for (const key of ["assumeRoles", "accessKey", "secretKey"])
          assert.ok(isSecret(provider.inputs[key]), `${key} is not a secret in the state`);
        assert.deepEqual(JSON.parse(provider.inputs.allowedAccountIds as string), ["123456789012"]);
        assert.deepEqual(JSON.parse(provider.inputs.defaultTags as string), { tags: { team: "iot-links" } });
        // issue 23 item 6: a project key stored with --secret stays secret where it lands.
        const callback = resource(state, "pulumi-nodejs:dynamic/alexa-linking:CognitoCallbackUrl", "alexa-links-cognito-callback-url");
        assert.ok(isSecret(callback.inputs.clientName), "cognitoClientName (stored with --secret) is plain in the state");
        assert.ok(isSecret(callback.inputs.credentials), "the stack's static keys are plain in the Cognito resource");

        // What the us-east-1 provider was configured with, as the stand-in recorded it.
        const configured = configureLines(ctx).filter((line) => String(line.urn).endsWith("::alexa-links-us-east-1"));
        assert.ok(configured.length > 0, "the us-east-1 provider was never configured");
        const keys = configured[configured.length - 1].keys;
        assert.deepEqual(keys.profile, { secret: false, value: "rainmaker-admin" });
        assert.deepEqual(keys.region, { secret: false, value: "us-east-1" });
        assert.equal(keys.assumeRoles.secret, true);
        assert.equal(keys.assumeRoles.sha256, sha256(ROLES));
        assert.deepEqual(JSON.parse(String(keys.allowedAccountIds.value)), ["123456789012"]);
        assert.deepEqual(JSON.parse(String(keys.defaultTags.value)), { tags: { team: "iot-links" } });
        // The certificate was requested under the default tags.
        assert.deepEqual(await certificateTags(ctx), { team: "iot-links" });

        await ctx.shell.run("pulumi", ["preview", "--stack", STACK, "--non-interactive", "--expect-no-changes"]);
      },
    },
    {
      name: "aws:assumeRoleWithWebIdentity: it reaches the us-east-1 provider, and the access token URL is still found",
      async run(ctx) {
        const tokenFile = path.join(ctx.dir, "oidc-token");
        fs.writeFileSync(tokenFile, "eyJhbGciOiJSUzI1NiJ9.engine-ci.signature\n");
        const web = { roleArn: "arn:aws:iam::123456789012:role/ci", webIdentityTokenFile: tokenFile, sessionName: "ci" };
        editStackFile(ctx.stackFile, { "aws:assumeRoleWithWebIdentity": web });
        await up(ctx);
        const outputs = await stackOutputs(ctx);
        assert.equal(outputs.alexaAccessTokenURL, ctx.world.accessTokenUrl);
        const configured = configureLines(ctx).filter((line) => String(line.urn).endsWith("::alexa-links-us-east-1"));
        const keys = configured[configured.length - 1].keys;
        assert.deepEqual(JSON.parse(String(keys.assumeRoleWithWebIdentity.value)), web);
        const provider = resource(await exportState(ctx), "pulumi:providers:aws", "alexa-links-us-east-1");
        assert.deepEqual(JSON.parse(provider.inputs.assumeRoleWithWebIdentity as string), web);
      },
    },
    {
      name: "destroy with the same settings",
      async run(ctx) {
        await ctx.shell.run("pulumi", ["destroy", "--yes", "--stack", STACK, "--non-interactive"]);
        const types = (await exportState(ctx)).deployment.resources?.map((r) => r.type) ?? [];
        assert.deepEqual(
          types.filter((t) => !t.startsWith("pulumi:")),
          [],
        );
      },
    },
    {
      name: "account-level Block Public Access on: policy mode is refused before any resource, naming publicAccess cloudfront; without it the preview passes",
      async run(ctx) {
        await accountBlock(ctx, "PUT", {
          BlockPublicAcls: false,
          IgnorePublicAcls: false,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        });
        try {
          editStackFile(ctx.stackFile, {
            "alexa-app-linking:publicAccess": "policy",
            "alexa-app-linking:cloudFrontDomainName": "",
            "alexa-app-linking:cloudFrontHostedZoneId": "",
          });
          const refused = await ctx.shell.run("pulumi", ["up", "--yes", "--stack", STACK, "--non-interactive"], { expectFailure: true });
          const said = `${refused.stdout}\n${refused.stderr}`;
          assert.match(said, /account-level S3 Block Public Access BlockPublicPolicy, RestrictPublicBuckets on/);
          assert.match(said, /pulumi config set publicAccess cloudfront/);
          const types = (await exportState(ctx)).deployment.resources?.map((r) => r.type) ?? [];
          assert.deepEqual(
            types.filter((t) => t.startsWith("aws:")),
            [],
            "a resource was created although the account setting defeats the mode",
          );
        } finally {
          await accountBlock(ctx, "DELETE");
        }
        await ctx.shell.run("pulumi", ["preview", "--stack", STACK, "--non-interactive"]);
      },
    },
  ],
};

function up(ctx: Context) {
  return ctx.shell.run("pulumi", ["up", "--yes", "--stack", STACK, "--non-interactive"]);
}

async function stackOutputs(ctx: Context): Promise<Record<string, unknown>> {
  return JSON.parse((await ctx.shell.run("pulumi", ["stack", "output", "--json", "--stack", STACK])).stdout);
}

interface StateResource {
  type: string;
  urn: string;
  inputs: Record<string, unknown>;
}

async function exportState(ctx: Context): Promise<{ deployment: { resources?: StateResource[] } }> {
  return JSON.parse((await ctx.shell.run("pulumi", ["stack", "export", "--stack", STACK])).stdout);
}

function resource(state: { deployment: { resources?: StateResource[] } }, type: string, name: string): StateResource {
  const found = (state.deployment.resources ?? []).find((r) => r.type === type && r.urn.endsWith(`::${name}`));
  assert.ok(found, `no ${type} named ${name} in the state`);
  return found;
}

const isSecret = (value: unknown) => typeof value === "object" && value !== null && SECRET_MARK in value && "ciphertext" in value;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function configureLines(
  ctx: Context,
): { urn: string | null; keys: Record<string, { secret: boolean; value?: unknown; sha256?: string }> }[] {
  return fs
    .readFileSync(ctx.log, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

async function certificateTags(ctx: Context): Promise<Record<string, string | undefined>> {
  const acm = new ACMClient({ endpoint: ctx.world.moto.endpoint, region: "us-east-1", credentials });
  try {
    const list = await acm.send(new ListCertificatesCommand({}));
    const cert = (list.CertificateSummaryList ?? []).find((c) => c.DomainName === DOMAIN);
    assert.ok(cert, `no certificate of ${DOMAIN}`);
    const tags = await acm.send(new ListTagsForCertificateCommand({ CertificateArn: cert.CertificateArn }));
    return Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key!, t.Value]));
  } finally {
    acm.destroy();
  }
}

/** The account's S3 Block Public Access in moto (s3control), as an administrator sets it. */
async function accountBlock(ctx: Context, method: "PUT" | "DELETE", flags?: Record<string, boolean>): Promise<void> {
  const body = flags
    ? `<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">${Object.entries(flags)
        .map(([k, v]) => `<${k}>${v}</${k}>`)
        .join("")}</PublicAccessBlockConfiguration>`
    : undefined;
  const response = await fetch(`${ctx.world.moto.endpoint}/v20180820/configuration/publicAccessBlock`, {
    method,
    headers: {
      "x-amz-account-id": "123456789012",
      "content-type": "application/xml",
      authorization: "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0",
    },
    body,
  });
  assert.ok(response.status < 300, `moto s3control ${method} answered ${response.status}: ${await response.text()}`);
}

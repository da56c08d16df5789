import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  ACMClient,
  DescribeCertificateCommand,
  ListCertificatesCommand,
  RequestCertificateCommand,
  type ResourceRecord,
} from "@aws-sdk/client-acm";
import { CloudFrontClient, ListDistributionsCommand } from "@aws-sdk/client-cloudfront";
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { GetBucketPolicyCommand, GetPublicAccessBlockCommand, S3Client } from "@aws-sdk/client-s3";
import { OTHER_REDIRECT } from "../../alexa/fixtures";
import { describeClient } from "../../cognito/fixtures";
import { terminalEnv } from "../harness/engine";
import { editStackFile, emulatorConfig, linkedProject } from "../harness/project";
import type { ScenarioGroup } from "../harness/scenario";
import { Shell } from "../harness/shell";
import { AWS_CREDENTIALS, LWA, startEngineWorld, type EngineWorld } from "../harness/world";

const SKILLS = ["amzn1.ask.skill.00000000-0000-4000-8000-0000000000f1", "amzn1.ask.skill.00000000-0000-4000-8000-0000000000f2"];
const STACK = "cf";
const BUCKET = "rainmaker-alexa-links-cf";
const DOMAIN = "links.example.com";
/** A certificate the user already has; the DNS is not in a zone the stack is given. */
const OWN_CERTIFICATE_DOMAIN = "links.example.org";
/** A certificate the component requests; the user creates every record by hand. */
const HAND_MADE_DNS_DOMAIN = "links.example.net";

interface Context {
  world: EngineWorld;
  shell: Shell;
  stackFile: string;
  s3Url: string;
  zoneId?: string;
  seeded: Awaited<ReturnType<EngineWorld["snapshot"]>>;
}

const ask = { ASK_LWA_CLIENT_ID: LWA.clientId, ASK_LWA_CLIENT_CONFIRMATION: LWA.clientSecret, ASK_REFRESH_TOKEN: LWA.refreshToken };
const credentials = { accessKeyId: AWS_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: AWS_CREDENTIALS.AWS_SECRET_ACCESS_KEY };

/**
 * publicAccess "cloudfront" under the real engine, against moto: the private bucket behind a
 * distribution, refresh with no changes, the three custom-domain paths (a Route 53 zone; an
 * existing certificate and the user's own DNS; a requested certificate whose validation record
 * the user creates while the deploy waits), and the URL move S3 -> CloudFront -> S3 in the
 * Cognito client and every skill. moto serves nothing over CloudFront (the distribution's host
 * does not resolve), so `verify` is off on the distribution's host and the zone's domain; on a
 * domain without a zone the component leaves the check out itself, which the scenarios assert.
 */
export const cloudFront: ScenarioGroup<Context> = {
  async setUp(binDir, log) {
    const dir = linkedProject("cloudfront");
    fs.mkdirSync(path.join(dir, ".state"));
    const world = await startEngineWorld(SKILLS, "eu-west-1");
    const shell = new Shell(
      dir,
      terminalEnv(binDir, { PULUMI_BACKEND_URL: `file://${dir}/.state`, PULUMI_CONFIG_PASSPHRASE: "cloudfront", ...ask }),
      log,
    );
    await shell.run("pulumi", ["stack", "init", STACK]);
    const stackFile = path.join(dir, "stacks", `Pulumi.${STACK}.yaml`);
    const e = world.endpoints.s3;
    editStackFile(stackFile, {
      "aws:region": world.region,
      "alexa-app-linking:bucketName": BUCKET,
      "alexa-app-linking:iosAppIds": ["ABCDE12345.com.espressif.rainmaker"],
      "alexa-app-linking:androidPackageName": "com.espressif.rainmaker",
      "alexa-app-linking:androidSha256CertFingerprints": [
        "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5",
      ],
      "alexa-app-linking:skillIds": SKILLS,
      ...emulatorConfig(world.endpoints),
      "aws:endpoints": [{ s3: e, sts: e, cloudfront: e, acm: e, route53: e, s3control: e }],
    });
    return {
      world,
      shell,
      stackFile,
      s3Url: `https://${BUCKET}.s3.${world.region}.amazonaws.com/`,
      seeded: await world.snapshot(),
    };
  },
  async tearDown(ctx) {
    if (ctx) await ctx.shell.run("pulumi", ["destroy", "--yes", "--stack", STACK, "--non-interactive"]).catch(() => undefined);
    await ctx?.world.stop();
  },
  scenarios: [
    {
      name: "S3 URL first: the policy mode deploys with both skills",
      async run(ctx) {
        await up(ctx);
        const outputs = await stackOutputs(ctx);
        assert.equal(outputs.redirectURL, ctx.s3Url);
        await assertUrlEverywhere(ctx, ctx.s3Url, []);
      },
    },
    {
      name: "move to CloudFront: private bucket, distribution URL in Cognito and every skill, old URL gone, refresh without changes",
      async run(ctx) {
        editStackFile(ctx.stackFile, { "alexa-app-linking:publicAccess": "cloudfront", "alexa-app-linking:verify": false });
        await up(ctx);
        const outputs = await stackOutputs(ctx);
        const url = outputs.redirectURL as string;
        assert.match(url, /^https:\/\/[a-z0-9]+\.cloudfront\.net\/$/);
        assert.equal(outputs.redirectHost, new URL(url).host);
        assert.deepEqual(outputs.associationFileUrls, {
          ios: `${url}.well-known/apple-app-site-association`,
          android: `${url}.well-known/assetlinks.json`,
        });
        assert.deepEqual(outputs.dnsRecords, []);
        await assertUrlEverywhere(ctx, url, [ctx.s3Url]);
        await assertPrivate(ctx);
        await ctx.shell.run("pulumi", ["refresh", "--yes", "--stack", STACK, "--non-interactive", "--expect-no-changes"]);
        await ctx.shell.run("pulumi", ["preview", "--stack", STACK, "--non-interactive", "--expect-no-changes"]);
      },
    },
    {
      name: "custom domain on a Route 53 zone: us-east-1 certificate validated in the zone, alias records, the domain URL everywhere",
      async run(ctx) {
        const before = (await stackOutputs(ctx)).redirectURL as string;
        const zones = route53(ctx);
        const zone = await zones.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: `cf-${Date.now()}` }));
        zones.destroy();
        ctx.zoneId = zone.HostedZone!.Id!.replace(/^\/hostedzone\//, "");
        editStackFile(ctx.stackFile, {
          "alexa-app-linking:cloudFrontDomainName": DOMAIN,
          "alexa-app-linking:cloudFrontHostedZoneId": ctx.zoneId,
        });
        await up(ctx);
        const outputs = await stackOutputs(ctx);
        assert.equal(outputs.redirectURL, `https://${DOMAIN}/`);
        assert.equal(outputs.redirectHost, DOMAIN);
        assert.deepEqual(outputs.dnsRecords, []);
        await assertUrlEverywhere(ctx, `https://${DOMAIN}/`, [ctx.s3Url, before]);
        const ours = (await recordSets(ctx, ctx.zoneId)).filter((r) => r.Type !== "NS" && r.Type !== "SOA");
        assert.deepEqual(
          ours
            .filter((r) => r.Name === `${DOMAIN}.`)
            .map((r) => r.Type)
            .sort(),
          ["A", "AAAA"],
        );
        assert.ok(
          ours.some((r) => r.Type === "CNAME" && r.Name!.endsWith(`${DOMAIN}.`)),
          "no certificate validation CNAME in the zone",
        );
        const [distribution] = await distributions(ctx);
        assert.deepEqual(distribution.Aliases?.Items, [DOMAIN]);
        assert.match(distribution.ViewerCertificate?.ACMCertificateArn ?? "", /^arn:aws:acm:us-east-1:/);
        assert.equal(distribution.ViewerCertificate?.MinimumProtocolVersion, "TLSv1.2_2021");
        await assertPrivate(ctx);
        await ctx.shell.run("pulumi", ["refresh", "--yes", "--stack", STACK, "--non-interactive", "--expect-no-changes"]);
      },
    },
    {
      name: "an existing us-east-1 certificate and no zone: no certificate requested, the old one and the aliases gone, dnsRecords has the CNAME, the check left out",
      async run(ctx) {
        const certificateArn = await userIssuedCertificate(ctx, OWN_CERTIFICATE_DOMAIN);
        editStackFile(ctx.stackFile, {
          "alexa-app-linking:cloudFrontDomainName": OWN_CERTIFICATE_DOMAIN,
          "alexa-app-linking:cloudFrontHostedZoneId": "",
          "alexa-app-linking:cloudFrontCertificateArn": certificateArn,
          // The default: the component leaves the check out itself, since the domain does not resolve yet.
          "alexa-app-linking:verify": true,
        });
        const run = await up(ctx);
        assert.match(run.stdout, /the post-deploy check is left out: links\.example\.org resolves only once you have created the records/);
        const outputs = await stackOutputs(ctx);
        const [distribution] = await distributions(ctx);
        assert.equal(distribution.ViewerCertificate?.ACMCertificateArn, certificateArn);
        assert.deepEqual(distribution.Aliases?.Items, [OWN_CERTIFICATE_DOMAIN]);
        assert.deepEqual(outputs.dnsRecords, [
          { purpose: "the links' host", name: OWN_CERTIFICATE_DOMAIN, type: "CNAME", value: distribution.DomainName },
        ]);
        await assertUrlEverywhere(ctx, `https://${OWN_CERTIFICATE_DOMAIN}/`, [ctx.s3Url, `https://${DOMAIN}/`]);
        const types = await stateTypes(ctx);
        for (const gone of ["aws:acm/certificate:Certificate", "aws:route53/record:Record", "command:local:Command"]) {
          assert.ok(!types.includes(gone), `the state still has a ${gone}`);
        }
        // The certificate the component requested for the zone's domain is deleted; the user's stays.
        assert.deepEqual((await certificates(ctx)).map((c) => c.DomainName).sort(), [OWN_CERTIFICATE_DOMAIN]);
        const zoneRecords = await recordSets(ctx, ctx.zoneId!);
        assert.deepEqual(zoneRecords.map((r) => r.Type).sort(), ["NS", "SOA"], "the zone still has this stack's records");
        await assertPrivate(ctx);
        await ctx.shell.run("pulumi", ["refresh", "--yes", "--stack", STACK, "--non-interactive", "--expect-no-changes"]);
      },
    },
    {
      name: "a requested certificate and no zone: the deploy names the validation record and waits until it exists, dnsRecords lists it and the CNAME",
      async run(ctx) {
        editStackFile(ctx.stackFile, {
          "alexa-app-linking:cloudFrontDomainName": HAND_MADE_DNS_DOMAIN,
          "alexa-app-linking:cloudFrontCertificateArn": "",
        });
        const running = up(ctx);
        // The user reads the record from the deploy's warning and creates it at their DNS host.
        const record = await pendingValidationRecord(ctx, HAND_MADE_DNS_DOMAIN, running);
        await userCreatesRecord(ctx, "example.net", record);
        const run = await running;
        assert.ok(
          run.stdout.includes(
            `create the DNS record ${record.Name} ${record.Type} ${record.Value} to validate the certificate of ${HAND_MADE_DNS_DOMAIN}`,
          ),
          "the deploy did not name the validation record",
        );
        const outputs = await stackOutputs(ctx);
        const [distribution] = await distributions(ctx);
        assert.deepEqual(outputs.dnsRecords, [
          { purpose: "certificate validation", name: record.Name, type: record.Type, value: record.Value },
          { purpose: "the links' host", name: HAND_MADE_DNS_DOMAIN, type: "CNAME", value: distribution.DomainName },
        ]);
        assert.deepEqual(distribution.Aliases?.Items, [HAND_MADE_DNS_DOMAIN]);
        const requested = (await certificates(ctx)).find((c) => c.DomainName === HAND_MADE_DNS_DOMAIN);
        assert.equal(distribution.ViewerCertificate?.ACMCertificateArn, requested?.CertificateArn);
        assert.match(requested?.CertificateArn ?? "", /^arn:aws:acm:us-east-1:/);
        await assertUrlEverywhere(ctx, `https://${HAND_MADE_DNS_DOMAIN}/`, [ctx.s3Url, `https://${OWN_CERTIFICATE_DOMAIN}/`]);
        await ctx.shell.run("pulumi", ["refresh", "--yes", "--stack", STACK, "--non-interactive", "--expect-no-changes"]);
      },
    },
    {
      name: "back to the S3 URL: the distribution goes, the S3 URL is the only one of this stack in Cognito and every skill",
      async run(ctx) {
        editStackFile(ctx.stackFile, {
          "alexa-app-linking:publicAccess": "policy",
          "alexa-app-linking:cloudFrontDomainName": "",
          "alexa-app-linking:cloudFrontHostedZoneId": "",
          "alexa-app-linking:cloudFrontCertificateArn": "",
          "alexa-app-linking:verify": true,
        });
        await up(ctx);
        const outputs = await stackOutputs(ctx);
        assert.equal(outputs.redirectURL, ctx.s3Url);
        await assertUrlEverywhere(ctx, ctx.s3Url, [`https://${HAND_MADE_DNS_DOMAIN}/`]);
        // The component's certificate goes with the distribution; the user's own stays.
        assert.deepEqual(
          (await certificates(ctx)).map((c) => c.DomainName),
          [OWN_CERTIFICATE_DOMAIN],
        );
        assert.deepEqual(await distributions(ctx), []);
        // The files are public again, as the policy mode makes them.
        const response = await fetch(`${ctx.world.moto.endpoint}/${BUCKET}/.well-known/assetlinks.json`);
        assert.equal(response.status, 200);
      },
    },
    {
      name: "destroy: the Cognito client and every skill as seeded, the bucket gone",
      async run(ctx) {
        await ctx.shell.run("pulumi", ["destroy", "--yes", "--stack", STACK, "--non-interactive"]);
        assert.deepEqual(await ctx.world.snapshot(), ctx.seeded);
        const listed = await fetch(`${ctx.world.moto.endpoint}/`);
        assert.doesNotMatch(await listed.text(), new RegExp(BUCKET));
      },
    },
  ],
};

function up(ctx: Context) {
  return ctx.shell.run("pulumi", ["up", "--yes", "--stack", STACK, "--non-interactive"]);
}

async function stateTypes(ctx: Context): Promise<string[]> {
  const state = JSON.parse((await ctx.shell.run("pulumi", ["stack", "export", "--stack", STACK])).stdout);
  return (state.deployment.resources ?? []).map((r: { type: string }) => r.type);
}

const acm = (ctx: Context) => new ACMClient({ endpoint: ctx.world.moto.endpoint, region: "us-east-1", credentials });
const route53 = (ctx: Context) => new Route53Client({ endpoint: ctx.world.moto.endpoint, region: "us-east-1", credentials });

async function certificates(ctx: Context) {
  const client = acm(ctx);
  const list = await client.send(new ListCertificatesCommand({}));
  client.destroy();
  return list.CertificateSummaryList ?? [];
}

async function recordSets(ctx: Context, zoneId: string) {
  const client = route53(ctx);
  const sets = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
  client.destroy();
  return sets.ResourceRecordSets ?? [];
}

/** What the user does at their DNS host (a moto zone of the same account, where ACM looks). */
async function userCreatesRecord(ctx: Context, zoneName: string, record: ResourceRecord): Promise<void> {
  const client = route53(ctx);
  const zone = await client.send(new CreateHostedZoneCommand({ Name: zoneName, CallerReference: `user-${zoneName}-${Date.now()}` }));
  await client.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zone.HostedZone!.Id!,
      ChangeBatch: {
        Changes: [
          {
            Action: "UPSERT",
            ResourceRecordSet: { Name: record.Name!, Type: record.Type!, TTL: 300, ResourceRecords: [{ Value: record.Value! }] },
          },
        ],
      },
    }),
  );
  client.destroy();
}

/** Polls until a certificate of the domain waits for validation and shows its record; fails if `running` ends first. */
async function pendingValidationRecord(ctx: Context, domain: string, running?: Promise<unknown>): Promise<ResourceRecord> {
  let ended = false;
  void running?.then(
    () => (ended = true),
    () => (ended = true),
  );
  const client = acm(ctx);
  try {
    for (let i = 0; i < 600; i++) {
      assert.ok(!ended, `the deploy ended before a certificate of ${domain} waited for validation`);
      const list = await client.send(new ListCertificatesCommand({ CertificateStatuses: ["PENDING_VALIDATION"] }));
      const summary = (list.CertificateSummaryList ?? []).find((c) => c.DomainName === domain);
      if (summary) {
        const detail = await client.send(new DescribeCertificateCommand({ CertificateArn: summary.CertificateArn }));
        const record = detail.Certificate?.DomainValidationOptions?.[0]?.ResourceRecord;
        if (record) return record;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`no certificate of ${domain} waited for validation within 5 minutes`);
  } finally {
    client.destroy();
  }
}

/** A certificate the user requested and validated themselves, before the stack knows of it. */
async function userIssuedCertificate(ctx: Context, domain: string): Promise<string> {
  const client = acm(ctx);
  const { CertificateArn } = await client.send(new RequestCertificateCommand({ DomainName: domain, ValidationMethod: "DNS" }));
  await userCreatesRecord(ctx, domain.split(".").slice(1).join("."), await pendingValidationRecord(ctx, domain));
  for (let i = 0; i < 120; i++) {
    const detail = await client.send(new DescribeCertificateCommand({ CertificateArn }));
    if (detail.Certificate?.Status === "ISSUED") {
      client.destroy();
      return CertificateArn!;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  client.destroy();
  throw new Error(`the certificate of ${domain} was not issued within a minute of its validation record`);
}

async function stackOutputs(ctx: Context): Promise<Record<string, unknown>> {
  return JSON.parse((await ctx.shell.run("pulumi", ["stack", "output", "--json", "--stack", STACK])).stdout);
}

/** The URL on the Cognito client and on every skill (after the seeded one), none of `gone`. */
async function assertUrlEverywhere(ctx: Context, url: string, gone: string[]): Promise<void> {
  const client = await describeClient(ctx.world.cognitoLocal.endpoint, ctx.world.userPoolId, ctx.world.clientId);
  const seededUrls = ctx.seeded.cognitoClient.CallbackURLs as string[];
  assert.deepEqual(client.CallbackURLs, [...seededUrls, url], "the Cognito callback URLs");
  for (const old of gone) assert.ok(!client.CallbackURLs.includes(old), `the Cognito client still has ${old}`);
  for (const skillId of SKILLS) {
    assert.deepEqual(ctx.world.smapi.getSkill(skillId, "development")!.redirectUrls, [OTHER_REDIRECT, url], `skill ${skillId}`);
  }
}

/** Nothing public reads the bucket: all four Block Public Access flags on, the policy only for the distribution, anonymous GET 403. */
async function assertPrivate(ctx: Context): Promise<void> {
  const s3 = new S3Client({ endpoint: ctx.world.moto.endpoint, region: ctx.world.region, forcePathStyle: true, credentials });
  const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }));
  assert.deepEqual(block.PublicAccessBlockConfiguration, {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  });
  const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy!);
  const [distribution] = await distributions(ctx);
  const allows = policy.Statement.filter((s: { Effect: string }) => s.Effect === "Allow");
  assert.deepEqual(
    allows.map((s: { Principal: unknown; Condition: unknown }) => [s.Principal, s.Condition]),
    [[{ Service: "cloudfront.amazonaws.com" }, { StringEquals: { "AWS:SourceArn": distribution.ARN } }]],
  );
  for (const key of [".well-known/apple-app-site-association", ".well-known/assetlinks.json"]) {
    const response = await fetch(`${ctx.world.moto.endpoint}/${BUCKET}/${key}`);
    assert.equal(response.status, 403, `an anonymous GET of ${key} answered ${response.status}`);
  }
  s3.destroy();
}

async function distributions(ctx: Context) {
  const cloudfront = new CloudFrontClient({ endpoint: ctx.world.moto.endpoint, region: "us-east-1", credentials });
  const list = await cloudfront.send(new ListDistributionsCommand({}));
  cloudfront.destroy();
  return list.DistributionList?.Items ?? [];
}

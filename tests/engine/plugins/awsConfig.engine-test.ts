/**
 * The stand-in aws plugin's credential chain and account checks (the settings the component now
 * passes to its us-east-1 provider: issue 22, item 4), against moto's STS and ACM, as
 * terraform-provider-aws (aws-sdk-go-base) applies them: web identity or static keys, then each
 * role in order, then the account lists; the profile must exist; default tags reach tagsAll.
 * Run: bash tests/engine/plugins/run-engine-tests.sh tests/engine/plugins/awsConfig.engine-test.ts
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { ACMClient, ListTagsForCertificateCommand } from "@aws-sdk/client-acm";
import { startMoto, MotoServer } from "../moto/motoServer";
import { Plugin, startPlugin, urn } from "./harness";
import { secret } from "./shared/wire";

const EXE = path.join(__dirname, "aws", "pulumi-resource-aws");
const ROLE = "arn:aws:iam::123456789012:role/deploy";

let moto: MotoServer;
let dir: string;
let log: string;
const started: Plugin[] = [];

function base(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const e = moto.endpoint;
  return {
    region: "us-east-1",
    skipCredentialsValidation: "false",
    skipRequestingAccountId: "false",
    endpoints: JSON.stringify([{ sts: e, acm: e }]),
    ...extra,
  };
}

async function plugin(env: NodeJS.ProcessEnv = {}): Promise<Plugin> {
  const p = await startPlugin(EXE, {
    cwd: dir,
    env: { ...process.env, AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_PROFILE: "", ALEXA_STANDIN_CONFIGURE_LOG: log, ...env },
  });
  started.push(p);
  return p;
}

const lastLog = () =>
  JSON.parse(fs.readFileSync(log, "utf8").trim().split("\n").pop()!) as {
    keys: Record<string, { secret: boolean; value?: unknown; sha256?: string }>;
  };

before(async () => {
  moto = await startMoto();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "standin-awsconfig-"));
  fs.symlinkSync(path.resolve(__dirname, "..", "..", "..", "node_modules"), path.join(dir, "node_modules"));
  log = path.join(dir, "configure.log");
});

after(async () => {
  for (const p of started) await p.stop().catch(() => undefined);
  await moto?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("Configure: the credential chain", () => {
  it("records what arrived, a secret as its hash only", async () => {
    const p = await plugin();
    const roles = JSON.stringify([{ roleArn: ROLE, externalId: "ext-9f8e7d", sessionName: "s" }]);
    await p.configure(base({ accessKey: "test", secretKey: secret("test"), assumeRoles: secret(roles) }));
    const got = lastLog().keys;
    assert.deepEqual(got.assumeRoles, { secret: true, sha256: createHash("sha256").update(roles).digest("hex") });
    assert.equal(got.secretKey.secret, true);
    assert.deepEqual(got.region, { secret: false, value: "us-east-1" });
    assert.ok(!fs.readFileSync(log, "utf8").includes("ext-9f8e7d"));
  });

  it("assumeRoles: the provider works as the assumed role (moto's caller identity is the role)", async () => {
    const p = await plugin();
    await p.configure(
      base({
        accessKey: "test",
        secretKey: secret("test"),
        assumeRoles: JSON.stringify([{ roleArn: ROLE, externalId: "x" }]),
        allowedAccountIds: '["123456789012"]',
      }),
    );
    const created = await p.create(urn("aws:acm/certificate:Certificate", "c"), {
      domainName: "chain.example.com",
      validationMethod: "DNS",
    });
    assert.match(String(created.id), /^arn:aws:acm:us-east-1:123456789012:certificate\//);
  });

  it("allowedAccountIds / forbiddenAccountIds: Configure fails as the real provider does", async () => {
    const p = await plugin();
    await assert.rejects(
      p.configure(base({ accessKey: "test", secretKey: secret("test"), allowedAccountIds: '["210987654321"]' })),
      /AWS account ID not allowed: 123456789012/,
    );
    const q = await plugin();
    await assert.rejects(
      q.configure(base({ accessKey: "test", secretKey: secret("test"), forbiddenAccountIds: '["123456789012"]' })),
      /AWS account ID not allowed: 123456789012/,
    );
  });

  it("assumeRoleWithWebIdentity: the token file is exchanged at STS, without other credentials", async () => {
    const tokenFile = path.join(dir, "token");
    fs.writeFileSync(tokenFile, "eyJhbGciOiJSUzI1NiJ9.ci.sig\n");
    const p = await plugin();
    await p.configure(
      base({ assumeRoleWithWebIdentity: JSON.stringify({ roleArn: ROLE, webIdentityTokenFile: tokenFile, sessionName: "ci" }) }),
    );
    const created = await p.create(urn("aws:acm/certificate:Certificate", "w"), { domainName: "web.example.com", validationMethod: "DNS" });
    assert.ok(String(created.id).startsWith("arn:aws:acm:us-east-1:"));
  });

  it("a profile that the shared files do not hold fails Configure; one they hold is used", async () => {
    const p = await plugin({ AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none"), AWS_CONFIG_FILE: path.join(dir, "none") });
    await assert.rejects(p.configure(base({ profile: "rainmaker-admin" })), /failed to get shared config profile, rainmaker-admin/);
    const creds = path.join(dir, "credentials");
    fs.writeFileSync(creds, "[rainmaker-admin]\naws_access_key_id = test\naws_secret_access_key = test\n");
    const q = await plugin({ AWS_SHARED_CREDENTIALS_FILE: creds, AWS_CONFIG_FILE: path.join(dir, "none") });
    await q.configure(base({ profile: "rainmaker-admin" }));
  });

  it("CheckConfig refuses a field the SDK's input type does not have", async () => {
    const p = await plugin();
    const bad = await p.checkConfig(
      base({ assumeRoles: JSON.stringify([{ role: ROLE }]), defaultTags: JSON.stringify({ tag: { a: "b" } }) }),
    );
    assert.deepEqual(bad.failures.map((f) => f.reason).sort(), [
      'aws:assumeRoles: "role" is not a field of ProviderAssumeRole',
      'aws:defaultTags: "tag" is not a field of ProviderDefaultTags',
    ]);
  });
});

describe("defaultTags", () => {
  it("reach the certificate in ACM and its tagsAll, under its own tags", async () => {
    const p = await plugin();
    await p.configure(
      base({ accessKey: "test", secretKey: secret("test"), defaultTags: JSON.stringify({ tags: { team: "iot", env: "default" } }) }),
    );
    const created = await p.create(urn("aws:acm/certificate:Certificate", "t"), {
      domainName: "tags.example.com",
      validationMethod: "DNS",
      tags: { env: "prod" },
    });
    assert.deepEqual(created.props.tags, { env: "prod" });
    assert.deepEqual(created.props.tagsAll, { team: "iot", env: "prod" });
    const acm = new ACMClient({
      region: "us-east-1",
      endpoint: moto.endpoint,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    const live = await acm.send(new ListTagsForCertificateCommand({ CertificateArn: String(created.id) }));
    acm.destroy();
    assert.deepEqual(Object.fromEntries((live.Tags ?? []).map((t) => [t.Key, t.Value])), { team: "iot", env: "prod" });
  });
});

describe("invoke aws:s3/getAccountPublicAccessBlock", () => {
  const TOKEN = "aws:s3/getAccountPublicAccessBlock:getAccountPublicAccessBlock";
  const put = (method: "PUT" | "DELETE", body?: string) =>
    fetch(`${moto.endpoint}/v20180820/configuration/publicAccessBlock`, {
      method,
      headers: {
        "x-amz-account-id": "123456789012",
        "content-type": "application/xml",
        authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0",
      },
      body,
    });

  it("no account setting: fails as the real data source does; a setting: its four flags", async () => {
    const p = await plugin();
    await p.configure(
      base({ accessKey: "test", secretKey: secret("test"), endpoints: JSON.stringify([{ sts: moto.endpoint, s3control: moto.endpoint }]) }),
    );
    await assert.rejects(p.invoke(TOKEN, {}), /reading S3 Account Public Access Block \(123456789012\): couldn't find resource/);
    await put(
      "PUT",
      '<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><BlockPublicAcls>false</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>',
    );
    try {
      const { outputs } = await p.invoke(TOKEN, { accountId: "123456789012" });
      assert.deepEqual(outputs, {
        accountId: "123456789012",
        id: "123456789012",
        blockPublicAcls: false,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: false,
      });
      const bad = await p.invoke(TOKEN, { account: "1" });
      assert.match(bad.failures[0]!.reason, /account/);
    } finally {
      await put("DELETE");
    }
  });

  it("without an s3control endpoint the stand-in refuses rather than reach AWS", async () => {
    const p = await plugin();
    await p.configure(base({ accessKey: "test", secretKey: secret("test") }));
    await assert.rejects(p.invoke(TOKEN, {}), /no aws:endpoints s3control and never reaches AWS/);
  });
});

import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { ACMClient, ListCertificatesCommand } from "@aws-sdk/client-acm";
import { CreateHostedZoneCommand, Route53Client } from "@aws-sdk/client-route-53";
import { OTHER_REDIRECT } from "../../alexa/fixtures";
import { describeClient, setCallbackUrls } from "../../cognito/fixtures";
import { findLeaks } from "../../lifecycle/secrets";
import { terminalEnv } from "../harness/engine";
import { startLocalRegistry, type LocalRegistry } from "../harness/localRegistry";
import { packWorkingTree } from "../harness/packages";
import { REPO, editStackFile, emulatorConfig, registerStandIns, scratchDir } from "../harness/project";
import { codeBlockUnder, withValues } from "../harness/readme";
import type { ScenarioGroup } from "../harness/scenario";
import { Shell } from "../harness/shell";
import { readVerifyUrls, StackOutputs } from "../../../packages/alexa-linking-component/src/stackOutputs";
import { assertLinked, AWS_CREDENTIALS, COGNITO_SECRET, LWA, startEngineWorld, type EngineWorld } from "../harness/world";

/** The plugin folder a user's `pulumi package add` names: the installed package's, as the README types it. */
export const PLUGIN_DIR = "./node_modules/alexa-linking-component/plugin";
const PACKAGE_README = path.join(REPO, "packages", "alexa-linking-component", "README.md");
/** Where the package README's install line has the packed tarball. */
const README_TARBALL = "/path/to/alexa-linking-component-0.3.0.tgz";
const SKILLS = ["amzn1.ask.skill.00000000-0000-4000-8000-0000000000c1", "amzn1.ask.skill.00000000-0000-4000-8000-0000000000c2"];
const REGION = "eu-west-1";

interface Consumer {
  language: string;
  /** How the program gets the package: `pulumi package add`, or the README's packages: entry. */
  packageAdd: boolean;
  /** Writes the program into `dir` from the package README; returns the project name. */
  write(dir: string): string;
  /** The stack config beyond the region, the endpoints and the secrets. */
  config(project: string, skillIds: readonly string[]): Record<string, unknown>;
  skillIds: readonly string[];
}

/** The Python example of the package README, in a project as `pulumi new python` lays it out. */
export const pythonConsumer: Consumer = {
  language: "python",
  packageAdd: true,
  skillIds: SKILLS,
  write(dir) {
    fs.writeFileSync(path.join(dir, "__main__.py"), codeBlockUnder(PACKAGE_README, "### Python", "python"));
    fs.writeFileSync(path.join(dir, "requirements.txt"), "pulumi>=3.248.0,<4\n");
    const project = "rainmaker-alexa-links-py";
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      stringify({ name: project, runtime: { name: "python", options: { toolchain: "pip", virtualenv: "venv" } } }),
    );
    return project;
  },
  config: (project, skillIds) => ({ [`${project}:skillIds`]: skillIds }),
};

/** The YAML example of the package README: the whole Pulumi.yaml. */
export const yamlConsumer: Consumer = {
  language: "yaml",
  packageAdd: false,
  // The YAML example lists one skill.
  skillIds: SKILLS.slice(0, 1),
  write(dir) {
    const text = codeBlockUnder(PACKAGE_README, "### YAML", "yaml");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), text);
    return parse(text).name;
  },
  config: (project, skillIds) => ({ [`${project}:skillId`]: skillIds[0] }),
};

const gitStatus = (): string => execFileSync("git", ["status", "--porcelain", "--ignored=no"], { cwd: REPO }).toString("utf8");

interface Deployed {
  registry: LocalRegistry;
  world: EngineWorld;
  shell: Shell;
  dir: string;
  project: string;
  before: Awaited<ReturnType<EngineWorld["snapshot"]>>;
}

/**
 * The package README's install lines (npm install of the packed tarball, then `pulumi package
 * add` of the installed plugin folder), run as they stand in the program's folder.
 */
function installCommands(tarball: string, withPackageAdd: boolean): string[] {
  const lines = codeBlockUnder(PACKAGE_README, "## Python and YAML programs", "sh")
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("cd "));
  const commands = withValues(lines, { [README_TARBALL]: tarball });
  assert.deepEqual(
    commands.map((c) => c.split(" ").slice(0, 2).join(" ")),
    ["npm install", "pulumi package"],
    "the README's Python and YAML install lines changed; update this scenario",
  );
  return withPackageAdd ? commands : commands.slice(0, 1);
}

/**
 * A program in another language that installs the package from `pnpm pack`'s tarball with npm
 * (its dependencies from a registry on 127.0.0.1 that serves what the workspace installed: no
 * internet), `pulumi package add`s the installed plugin folder and deploys the README's example against the emulators: up, a no-change preview, drift put back,
 * refresh, the secrets audit and destroy, checked as for the TypeScript stack.
 */
export function pluginConsumer(consumer: Consumer): ScenarioGroup<Deployed> {
  const label = `${consumer.language} program`;
  const run = (shell: Shell, args: string[]) => shell.run("pulumi", [...args, "--stack", "dev", "--non-interactive"]);
  const outputs = async (shell: Shell) => JSON.parse((await run(shell, ["stack", "output", "--json"])).stdout) as Record<string, unknown>;
  return {
    async setUp(binDir, log) {
      const dir = scratchDir(`consumer-${consumer.language}`);
      const project = consumer.write(dir);
      registerStandIns(path.join(dir, "Pulumi.yaml"));
      fs.mkdirSync(path.join(dir, ".state"));
      const registry = await startLocalRegistry();
      const world = await startEngineWorld(consumer.skillIds, REGION);
      const shell = new Shell(
        dir,
        terminalEnv(binDir, {
          PULUMI_BACKEND_URL: `file://${dir}/.state`,
          PULUMI_CONFIG_PASSPHRASE: "consumer",
          // npm (the user's, and the one `pulumi package add` runs in the plugin folder) asks the
          // local registry only, with an empty cache of its own.
          npm_config_registry: registry.url,
          npm_config_cache: scratchDir(`npm-cache-${consumer.language}`),
          npm_config_audit: "false",
          npm_config_fund: "false",
          npm_config_update_notifier: "false",
          // The workspace's install has @opentelemetry/api 1.10.0, outside a peer range of
          // @pulumi/pulumi's OpenTelemetry packages (pnpm allows it; npm would take 1.9.x from the
          // real registry, which the local one does not have). Without peer resolution the README's
          // line names @pulumi/pulumi itself, as it does.
          npm_config_legacy_peer_deps: "true",
          NO_PROXY: "127.0.0.1",
          no_proxy: "127.0.0.1",
        }),
        log,
      );
      return { registry, world, shell, dir, project, before: await world.snapshot() };
    },
    async tearDown(ctx) {
      await ctx?.world.stop();
      await ctx?.registry.stop();
    },
    scenarios: [
      {
        name: `${label}: npm install of the packed tarball, ${consumer.packageAdd ? "pulumi package add of the installed plugin" : "the installed plugin in packages:"}, up, preview --expect-no-changes, mobile-config`,
        async run({ registry, world, shell, dir, project }) {
          await shell.run("pulumi", ["stack", "init", "dev"]);
          // The tarball `pnpm pack` makes of the built package, downloaded somewhere else.
          const { tarball } = await packWorkingTree(scratchDir("tarball"));
          const checkoutBefore = gitStatus();
          for (const command of installCommands(tarball, consumer.packageAdd)) await shell.bash(command);
          // The user's checkout must come out of the install as it went in; nothing is built.
          assert.equal(gitStatus(), checkoutBefore, "installing the package changed the checkout");
          assert.ok(!registry.requests.some((r) => r.startsWith("alexa-linking-component")), "npm asked the registry for the package");
          assert.ok(
            fs.existsSync(path.join(dir, "node_modules", "@pulumi", "aws", "package.json")),
            "npm did not install the dependencies",
          );
          assert.equal(
            fs.realpathSync(path.join(dir, "node_modules", "alexa-linking-component")),
            path.join(fs.realpathSync(dir), "node_modules", "alexa-linking-component"),
          );
          const packages = parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")).packages;
          assert.equal(packages?.["alexa-linking-component"], PLUGIN_DIR, "Pulumi.yaml does not name the installed plugin folder");
          if (consumer.language === "python") await assertPythonHelp(shell, dir);
          const endpoints = emulatorConfig(world.endpoints);
          editStackFile(path.join(dir, "Pulumi.dev.yaml"), {
            "aws:region": REGION,
            ...consumer.config(project, consumer.skillIds),
            ...Object.fromEntries(
              Object.entries(endpoints).map(([key, value]) => [key.replace("alexa-app-linking:", `${project}:`), value]),
            ),
          });
          for (const [key, value] of Object.entries({
            smapiClientId: LWA.clientId,
            smapiClientSecret: LWA.clientSecret,
            smapiRefreshToken: LWA.refreshToken,
          })) {
            await shell.run("pulumi", ["config", "set", "--secret", "--stack", "dev", key, "--", value]);
          }
          await run(shell, ["up", "--yes"]);

          const out = await outputs(shell);
          const bucket = `links-dev-123456789012`;
          const redirectURL = `https://${bucket}.s3.${REGION}.amazonaws.com/`;
          assert.equal(out.redirectURL, redirectURL);
          assert.equal(out.alexaAccessTokenURL, world.accessTokenUrl);
          // The README's program exports what the package's tools read: doctor and verify --stack-output too.
          for (const key of ["associationFileUrls", "cognitoUserPoolId", "bucketName"])
            assert.ok(out[key] !== undefined, `no output ${key}`);
          assert.equal(readVerifyUrls(new StackOutputs(out)).length, 2);
          await assertLinked(world, bucket, redirectURL);
          // No Node dynamic resource: the plugin's own types carry the Cognito URL and the skills.
          const state = (await run(shell, ["stack", "export"])).stdout;
          assert.doesNotMatch(state, /pulumi-nodejs:dynamic/);
          assert.match(state, /alexa-linking-component:index:CognitoCallbackUrl/);
          assert.match(state, /alexa-linking-component:index:SkillAccountLinking/);
          // The post-deploy check ran, through the command provider, against moto.
          assert.match(shell.printed(), /links-verify/);

          await run(shell, ["preview", "--expect-no-changes"]);

          // The hand-off works from this program's outputs as from the TypeScript stack's: the README's line.
          const mobileLine = withValues([codeBlockUnder(PACKAGE_README, "### The app settings from a Python or YAML stack", "sh")], {
            "amzn1.ask.skill.<id>": consumer.skillIds[0],
          })[0];
          const values = JSON.parse((await shell.bash(mobileLine)).stdout);
          assert.deepEqual(
            [
              values.redirectURL,
              values.redirectHost,
              values.alexaAccessTokenURL,
              values.alexaRMClientId,
              values.skillId,
              values.skillStage,
            ],
            [
              redirectURL,
              `${bucket}.s3.${REGION}.amazonaws.com`,
              world.accessTokenUrl,
              world.clientId,
              consumer.skillIds[0],
              "development",
            ],
          );
        },
      },
      {
        name: `${label}: refresh sees a removed callback URL and skill redirect URL, up puts them back`,
        async run({ world, shell }) {
          const redirectURL = (await outputs(shell)).redirectURL as string;
          const client = await describeClient(world.cognitoLocal.endpoint, world.userPoolId, world.clientId);
          await setCallbackUrls(
            world.cognitoLocal.endpoint,
            world.userPoolId,
            world.clientId,
            client.CallbackURLs.filter((u: string) => u !== redirectURL),
          );
          const [skillId] = world.skillIds;
          world.smapi.setSkill(skillId, "development", {
            ...world.smapi.getSkill(skillId, "development")!,
            redirectUrls: [OTHER_REDIRECT],
          });

          await run(shell, ["refresh", "--yes"]);
          await run(shell, ["up", "--yes"]);
          const after = await describeClient(world.cognitoLocal.endpoint, world.userPoolId, world.clientId);
          assert.ok(after.CallbackURLs.includes(redirectURL), "the callback URL was not put back");
          assert.deepEqual(world.smapi.getSkill(skillId, "development")!.redirectUrls, [OTHER_REDIRECT, redirectURL]);
          await run(shell, ["refresh", "--yes", "--expect-no-changes"]);
        },
      },
      {
        name: `${label}: stack export, the stack file and every CLI line hold no LWA credential or Cognito client secret`,
        async run({ shell, dir }) {
          const exported = (await run(shell, ["stack", "export"])).stdout;
          const stackFile = fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8");
          const places = { "pulumi stack export": exported, "Pulumi.dev.yaml": stackFile, "everything the CLI printed": shell.printed() };
          assert.deepEqual(
            findLeaks(
              Object.entries(places).map(([where, text]) => ({ where, text })),
              Object.entries({ ...LWA, cognitoClientSecret: COGNITO_SECRET }).map(([name, value]) => ({ name, value })),
            ),
            [],
          );
          assert.match(exported, /"ciphertext"/);
        },
      },
      // The plugin builds the CloudFront mode as the TypeScript component does, its us-east-1
      // certificate provider made inside Construct from the stack's aws: config.
      ...(consumer.language === "yaml" ? [cloudFrontThroughThePlugin(label, run, outputs)] : []),
      {
        name: `${label}: destroy leaves the Cognito client and every skill as before, nothing DELETEd`,
        async run({ world, shell, before }) {
          await run(shell, ["destroy", "--yes"]);
          assert.deepEqual(await world.snapshot(), before);
          assert.deepEqual(world.smapi.smapiRequests("DELETE"), []);
        },
      },
      {
        name: `${label}: a malformed skill id fails the preview with the component's message, nothing created`,
        async run({ shell, dir, project }) {
          editStackFile(path.join(dir, "Pulumi.dev.yaml"), consumer.config(project, ["skill-1"]));
          const preview = await shell.run("pulumi", ["preview", "--stack", "dev", "--non-interactive"], { expectFailure: true });
          const printed = `${preview.stdout}${preview.stderr}`;
          assert.match(printed, /args\.skills\[0\]\.skillId "skill-1" is not an Alexa skill id\. Fix: /);
          assert.doesNotMatch(printed, / {4}at .*\.js:\d+/, "the error shows a stack trace");
          const state = JSON.parse((await run(shell, ["stack", "export"])).stdout);
          assert.deepEqual(
            (state.deployment.resources ?? []).filter((r: { type: string }) => !r.type.startsWith("pulumi:")),
            [],
          );
        },
      },
    ],
  };
}

/**
 * Python's help() in the SDK that `pulumi package add` generated: `help(AlexaAppLinkingArgs)`
 * shows every argument by its Python name with its description from the schema, and
 * `help(AlexaAppLinking)` every output. (Pulumi's Python code generator puts the arguments of
 * AlexaAppLinking itself only in @overload docstrings, which help() does not show; the README
 * points Python users to AlexaAppLinkingArgs.)
 */
async function assertPythonHelp(shell: Shell, dir: string): Promise<void> {
  const python = path.join(dir, "venv", "bin", "python");
  const help = async (name: string) => {
    const script = `import pydoc, pulumi_alexa_linking_component as alexa; print(pydoc.render_doc(alexa.${name}, renderer=pydoc.plaintext))`;
    return (await shell.run(python, ["-c", script])).stdout.replace(/[\s|]+/g, " ");
  };
  const schemaFile = path.join(dir, "node_modules", "alexa-linking-component", "dist", "plugin", "schema.json");
  const component = JSON.parse(fs.readFileSync(schemaFile, "utf8")).resources["alexa-linking-component:index:AlexaAppLinking"];
  const snake = (name: string) => name.replace(/[A-Z]+/g, (c) => `_${c.toLowerCase()}`);
  const firstWords = (description: string) =>
    description
      .replace(/\s+/g, " ")
      .split(" ")
      .slice(0, 6)
      .join(" ")
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const lacking = (text: string, properties: Record<string, { description: string }>, pattern: (name: string, words: string) => string) =>
    Object.entries(properties)
      .filter(([name, { description }]) => !new RegExp(pattern(snake(name), firstWords(description))).test(text))
      .map(([name]) => name);

  const argsHelp = await help("AlexaAppLinkingArgs");
  assert.ok(Object.keys(component.inputProperties).length >= 10);
  assert.deepEqual(
    lacking(argsHelp, component.inputProperties, (name, words) => `:param [^:]*? ${name}: ${words}`),
    [],
    "help(AlexaAppLinkingArgs) lacks these arguments' descriptions",
  );
  const componentHelp = await help("AlexaAppLinking");
  assert.deepEqual(
    lacking(componentHelp, component.properties, (name, words) => ` ${name} ${words}`),
    [],
    "help(AlexaAppLinking) lacks these outputs' descriptions",
  );
  assert.doesNotMatch(`${argsHelp}${componentHelp}`, /ArgsArgs/);
}

/**
 * The YAML program moved to publicAccess "cloudfront" on a custom domain in a moto Route 53 zone,
 * then back to the S3 URL: a private bucket, the certificate in us-east-1, the domain's URL in
 * the Cognito client and the skill (the S3 URL gone), refresh with no changes.
 */
function cloudFrontThroughThePlugin(
  label: string,
  run: (shell: Shell, args: string[]) => Promise<unknown>,
  outputs: (shell: Shell) => Promise<Record<string, unknown>>,
) {
  return {
    name: `${label}: publicAccess cloudfront on a custom domain through the plugin: private bucket, us-east-1 certificate, the domain's URL everywhere; back to the S3 URL`,
    async run({ world, shell, dir }: Deployed) {
      const domain = "links.example.com";
      const credentials = { accessKeyId: AWS_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: AWS_CREDENTIALS.AWS_SECRET_ACCESS_KEY };
      const route53 = new Route53Client({ endpoint: world.moto.endpoint, region: "us-east-1", credentials });
      const zone = await route53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: `yaml-${Date.now()}` }));
      route53.destroy();
      const programFile = path.join(dir, "Pulumi.yaml");
      const original = fs.readFileSync(programFile, "utf8");
      const program = parse(original);
      Object.assign(program.resources.links.properties, {
        publicAccess: "cloudfront",
        cloudFront: { domainName: domain, hostedZoneId: zone.HostedZone!.Id!.replace(/^\/hostedzone\//, "") },
        // moto serves nothing over CloudFront.
        verify: false,
      });
      program.outputs.dnsRecords = "${links.dnsRecords}";
      fs.writeFileSync(programFile, stringify(program));
      const e = world.endpoints.s3;
      editStackFile(path.join(dir, "Pulumi.dev.yaml"), {
        "aws:endpoints": [{ s3: e, sts: e, cloudfront: e, acm: e, route53: e, s3control: e }],
      });
      const s3Url = (await outputs(shell)).redirectURL as string;
      const bucket = new URL(s3Url).hostname.split(".s3.")[0];
      try {
        await run(shell, ["up", "--yes"]);
        const out = await outputs(shell);
        assert.equal(out.redirectURL, `https://${domain}/`);
        assert.equal(out.redirectHost, domain);
        assert.deepEqual(out.dnsRecords, []);
        const client = await describeClient(world.cognitoLocal.endpoint, world.userPoolId, world.clientId);
        assert.ok(client.CallbackURLs.includes(`https://${domain}/`), "the Cognito client lacks the domain's URL");
        assert.ok(!client.CallbackURLs.includes(s3Url), "the Cognito client still has the S3 URL");
        for (const skillId of world.skillIds) {
          assert.deepEqual(world.smapi.getSkill(skillId, "development")!.redirectUrls, [OTHER_REDIRECT, `https://${domain}/`]);
        }
        for (const key of [".well-known/apple-app-site-association", ".well-known/assetlinks.json"]) {
          const response = await fetch(`${world.moto.endpoint}/${bucket}/${key}`);
          assert.equal(response.status, 403, `an anonymous GET of ${key} answered ${response.status}`);
        }
        const acm = new ACMClient({ endpoint: world.moto.endpoint, region: "us-east-1", credentials });
        const certificates = (await acm.send(new ListCertificatesCommand({}))).CertificateSummaryList ?? [];
        acm.destroy();
        assert.deepEqual(
          certificates.map((c) => [c.DomainName, c.Status]),
          [[domain, "ISSUED"]],
        );
        await run(shell, ["refresh", "--yes", "--expect-no-changes"]);
      } finally {
        fs.writeFileSync(programFile, original);
      }
      await run(shell, ["up", "--yes"]);
      assert.equal((await outputs(shell)).redirectURL, s3Url);
      await assertLinked(world, bucket, s3Url);
    },
  };
}

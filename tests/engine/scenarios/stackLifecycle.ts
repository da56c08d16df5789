import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { findLeaks } from "../../lifecycle/secrets";
import { OTHER_REDIRECT } from "../../alexa/fixtures";
import { describeClient, setCallbackUrls } from "../../cognito/fixtures";
import { terminalEnv } from "../harness/engine";
import { startLocalEnvironment, type LocalEnvironment } from "../harness/localEnvironment";
import { copyCheckout, editStackFile } from "../harness/project";
import { firstDeployCommands, shellQuote, withValues } from "../harness/readme";
import type { ScenarioGroup } from "../harness/scenario";
import { Shell } from "../harness/shell";
import { assertLinked, COGNITO_SECRET, LWA, type EngineWorld } from "../harness/world";

const PASSPHRASE = "engine-scenario-passphrase";

interface Deployed {
  /** The same set-up as `pnpm stack-up local`, seeded from stacks/Pulumi.dev.yaml. */
  local: LocalEnvironment;
  world: EngineWorld;
  shell: Shell;
  dir: string;
  before: Awaited<ReturnType<EngineWorld["snapshot"]>>;
}

/**
 * stacks/ as a user deploys it: the README's first-deploy commands, word for word, in a fresh copy
 * of the checkout, against the emulators; then drift, the secrets audit and destroy on that stack.
 */
export const stackLifecycle: ScenarioGroup<Deployed> = {
  async setUp(binDir, log) {
    const dir = copyCheckout("stacks");
    const local = await startLocalEnvironment(path.join(dir, "stacks", "Pulumi.dev.yaml"));
    return { local, world: local.world, dir, shell: new Shell(dir, terminalEnv(binDir), log), before: local.seeded };
  },

  async tearDown(ctx) {
    await ctx?.local.stop();
  },

  scenarios: [
    {
      name: "README first deploy, then preview --expect-no-changes",
      async run({ local, world, shell, dir }) {
        // Step 1 of the README: the user's values in the stack file; here, the emulators.
        editStackFile(path.join(dir, "stacks", "Pulumi.dev.yaml"), local.config);
        const commands = withValues(firstDeployCommands(), {
          "'<a passphrase you keep>'": shellQuote(PASSPHRASE),
          "'amzn1.application-oa2-client.xxxx'": shellQuote(LWA.clientId),
          "'xxxx'": shellQuote(LWA.clientSecret),
          "'Atzr|xxxx'": shellQuote(LWA.refreshToken),
        });
        await shell.bash(commands.join("\n"));

        const outputs = await stackOutputs(shell);
        const bucket = "rainmaker-alexa-links-dev";
        const redirectURL = `https://${bucket}.s3.${world.region}.amazonaws.com/`;
        assert.equal(outputs.redirectURL, redirectURL);
        assert.equal(outputs.alexaAccessTokenURL, world.accessTokenUrl);
        assert.equal(outputs.cognitoClientId, world.clientId);
        assert.equal(outputs.cognitoUserPoolId, world.userPoolId);
        assert.deepEqual(Object.keys(outputs.associationFileUrls as object).sort(), ["android", "ios"]);

        await assertLinked(world, bucket, redirectURL);
        // The post-deploy check ran for real, through the command provider, against moto.
        assert.match(shell.printed(), /alexa-links-verify/);

        await shell.run("pulumi", ["preview", "--stack", "dev", "--expect-no-changes", "--non-interactive"], { env: backendEnv(dir) });
      },
    },
    {
      name: "drift: pnpm stack-up puts back the callback URL and a skill's redirect URL",
      async run({ world, shell, dir }) {
        const redirectURL = (await stackOutputs(shell)).redirectURL as string;
        const client = await describeClient(world.cognitoLocal.endpoint, world.userPoolId, world.clientId);
        await setCallbackUrls(
          world.cognitoLocal.endpoint,
          world.userPoolId,
          world.clientId,
          client.CallbackURLs.filter((u: string) => u !== redirectURL),
        );
        const [skillId] = world.skillIds;
        const linking = world.smapi.getSkill(skillId, "development")!;
        world.smapi.setSkill(skillId, "development", { ...linking, redirectUrls: [OTHER_REDIRECT] });

        await shell.run("pnpm", ["stack-up", "dev"], { env: backendEnv(dir) });

        const after = await describeClient(world.cognitoLocal.endpoint, world.userPoolId, world.clientId);
        assert.ok(after.CallbackURLs.includes(redirectURL), "the callback URL was not put back");
        assert.deepEqual(world.smapi.getSkill(skillId, "development")!.redirectUrls, [OTHER_REDIRECT, redirectURL]);
      },
    },
    {
      name: "secrets: stack export and every CLI line hold no LWA credential or Cognito client secret",
      async run({ shell, dir }) {
        const exported = (await shell.run("pulumi", ["stack", "export", "--stack", "dev"], { env: backendEnv(dir) })).stdout;
        const stackFile = fs.readFileSync(path.join(dir, "stacks", "Pulumi.dev.yaml"), "utf8");
        const places = {
          "pulumi stack export": exported,
          "stacks/Pulumi.dev.yaml": stackFile,
          "everything the CLI printed": shell.printed(),
        };
        assert.deepEqual(
          findLeaks(
            Object.entries(places).map(([where, text]) => ({ where, text })),
            Object.entries({ ...LWA, cognitoClientSecret: COGNITO_SECRET }).map(([name, value]) => ({ name, value })),
          ),
          [],
        );
        // Control: the state does hold the secrets, encrypted.
        assert.match(exported, /"ciphertext"/);
        assert.match(stackFile, /secure: /);
      },
    },
    {
      name: "destroy: the Cognito client and every skill as before the first up, nothing DELETEd",
      async run({ world, shell, dir, before }) {
        await shell.run("pulumi", ["destroy", "--stack", "dev", "--yes", "--non-interactive"], { env: backendEnv(dir) });
        assert.deepEqual(await world.snapshot(), before);
        assert.deepEqual(world.smapi.smapiRequests("DELETE"), []);
        const listed = await fetch(`${world.moto.endpoint}/`);
        assert.doesNotMatch(await listed.text(), /rainmaker-alexa-links-dev/, "the bucket is still in moto");
      },
    },
  ],
};

/** The backend the README's step 2 exports, for commands run after its script. */
export const backendEnv = (dir: string): NodeJS.ProcessEnv => ({
  PULUMI_BACKEND_URL: `file://${dir}/.pulumi-state`,
  PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
});

async function stackOutputs(shell: Shell): Promise<Record<string, unknown>> {
  const run = await shell.run("pulumi", ["stack", "output", "--stack", "dev", "--json"], { env: backendEnv(shell.cwd) });
  return JSON.parse(run.stdout);
}

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { terminalEnv } from "../harness/engine";
import { linkedProject } from "../harness/project";
import type { ScenarioGroup } from "../harness/scenario";
import { Shell } from "../harness/shell";

/** A stack file with four mistakes, as a new user writes one. */
const MISTAKES = {
  "aws:region": "eu-west-1",
  "alexa-app-linking:skillID": ["amzn1.ask.skill.00000000-0000-4000-8000-000000000001"],
  "alexa-app-linking:bucketName": ["rainmaker-links"],
  "alexa-app-linking:iosAppIds": ["abcde12345.com.espressif.rainmaker"],
  "alexa-app-linking:verify": "maybe",
};

export const badConfig: ScenarioGroup<{ shell: Shell }> = {
  async setUp(binDir, log) {
    const dir = linkedProject("bad-config");
    fs.mkdirSync(path.join(dir, ".state"));
    const shell = new Shell(
      dir,
      terminalEnv(binDir, { PULUMI_BACKEND_URL: `file://${dir}/.state`, PULUMI_CONFIG_PASSPHRASE: "bad-config" }),
      log,
    );
    await shell.run("pulumi", ["stack", "init", "bad"]);
    fs.writeFileSync(path.join(dir, "stacks", "Pulumi.bad.yaml"), stringify({ ...parseStackFile(dir), config: MISTAKES }));
    return { shell };
  },
  async tearDown() {},
  scenarios: [
    {
      name: "bad config: a misspelled key and wrong types fail preview, all at once, by stack key with a fix",
      async run({ shell }) {
        const run = await shell.run("pulumi", ["preview", "--stack", "bad", "--non-interactive"], { expectFailure: true });
        const printed = `${run.stdout}\n${run.stderr}`;
        assert.match(printed, /The stack config has 4 problems \(stacks\/Pulumi\.bad\.yaml\)/);
        assert.match(
          printed,
          /alexa-app-linking:skillID is not a key of this project, so it would be ignored\. Fix: did you mean alexa-app-linking:skillIds\?/,
        );
        assert.match(printed, /alexa-app-linking:bucketName \["rainmaker-links"\] is not a string\. Fix: /);
        assert.match(printed, /alexa-app-linking:iosAppIds\[0\] "abcde12345\.com\.espressif\.rainmaker" has Team ID "abcde12345".* Fix: /);
        assert.match(printed, /alexa-app-linking:verify "maybe" is not true or false\. Fix: /);
        // A clean message: no stack trace, no component arg names.
        assert.doesNotMatch(printed, /\n\s+at .+\(.+:\d+:\d+\)/);
        assert.doesNotMatch(printed, /args\./);
      },
    },
  ],
};

/** The stack file `pulumi stack init` wrote (the passphrase salt), to keep it. */
function parseStackFile(dir: string): Record<string, unknown> {
  const file = path.join(dir, "stacks", "Pulumi.bad.yaml");
  if (!fs.existsSync(file)) return {};
  return parse(fs.readFileSync(file, "utf8")) ?? {};
}

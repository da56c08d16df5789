/**
 * Issue 12, point 1: the stage an app build talks to. A store build needs `live`; the stack
 * links the development stage. `--skill-stage` picks it, verbatim and lowercase.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadPlist } from "../../packages/alexa-linking-component/src/mobile/plistLib";
import { parseSkillStage } from "../../packages/alexa-linking-component/src/shared/defaults";
import { runMobileConfig } from "./cliHarness";

const FIXTURES = path.join(__dirname, "fixtures");
const ONE = fs.readFileSync(path.join(FIXTURES, "stack-output.json"), "utf8");
const TWO = path.join(FIXTURES, "stack-output-two-skills.json");
const LIVE_SKILL = "amzn1.ask.skill.66666666-7777-8888-9999-000000000000";

/** `key=value` lines of the android output, comments left out. */
const androidProps = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
const iosStage = (text: string): unknown =>
  (loadPlist().parse(text) as Record<string, Record<string, unknown>>)["ESP Alexa Configuration"]["Skill Stage"];

describe("parseSkillStage", () => {
  test.each([
    [undefined, undefined],
    ["development", "development"],
    ["live", "live"],
  ])("%j -> %j", (value, stage) => expect(parseSkillStage(value)).toBe(stage));

  test.each(["Live", "LIVE", "Development", "prod", "production", "certification", "", " live", "live "])(
    "%j is refused, naming the option and the fix",
    (value) => {
      expect(() => parseSkillStage(value)).toThrow(
        new RegExp(
          `^--skill-stage ${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not a skill stage the apps send; they send "development" or "live", lowercase\\. Fix: pass --skill-stage development .*or --skill-stage live`,
        ),
      );
    },
  );
});

describe("mobile-config --skill-stage", () => {
  test.each(["development", "live"])("--skill-stage %s is written verbatim to iOS Skill Stage and Android skillStage", async (stage) => {
    const ios = await runMobileConfig(["--format", "ios", "--skill-stage", stage], { stdin: ONE });
    expect(ios.code).toBe(0);
    expect(iosStage(ios.stdout)).toBe(stage);
    const android = await runMobileConfig(["--format", "android", "--skill-stage", stage], { stdin: ONE });
    expect(android.code).toBe(0);
    expect(androidProps(android.stdout).skillStage).toBe(stage);
    const json = await runMobileConfig(["--format", "json", "--skill-stage", stage], { stdin: ONE });
    expect(JSON.parse(json.stdout).skillStage).toBe(stage);
  });

  test("without it, the stage of the chosen skill in the stack's skills output", async () => {
    expect(iosStage((await runMobileConfig(["--format", "ios"], { stdin: ONE })).stdout)).toBe("development");
    const live = await runMobileConfig(["--input", TWO, "--skill-id", LIVE_SKILL, "--format", "android"]);
    expect(androidProps(live.stdout).skillStage).toBe("live");
  });

  test("--skill-stage live says on stderr that the live stage gets the redirect URL only through certification", async () => {
    const run = await runMobileConfig(["--format", "android", "--skill-stage", "live"], { stdin: ONE });
    expect(run.stderr).toMatch(/Skill Stage "live".*certification.*doctor --skill-stage live/s);
    const dev = await runMobileConfig(["--format", "android", "--skill-stage", "development"], {
      stdin: ONE,
      env: { ALEXA_CLIENT_ID: "id", ALEXA_CLIENT_SECRET: "secret" },
    });
    expect(dev.stderr).toBe("");
  });

  test.each(["Live", "prod", "LIVE"])("--skill-stage %s is a usage error (exit 2) before any output", async (value) => {
    const run = await runMobileConfig(["--format", "ios", "--skill-stage", value], { stdin: ONE });
    expect(run.code).toBe(2);
    expect(run.stdinReads).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/--skill-stage ".*" is not a skill stage the apps send.*Fix: pass --skill-stage development/);
  });

  test("--help names the option and its values", async () => {
    const run = await runMobileConfig(["--help"]);
    expect(run.stdout).toMatch(/--skill-stage <stage>\s+development or live/);
  });
});

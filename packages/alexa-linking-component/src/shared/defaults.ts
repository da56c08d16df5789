import { showValue } from "./errors";

/**
 * Every default the package applies, in one place. They are applied once, where input enters
 * the package (the component's args, stack config, a CLI option), never again further in.
 */

/** The RainMaker stack's Cognito app client for the Alexa skill. */
export const DEFAULT_CLIENT_NAME = "esp-rainmaker-alexa-skill";

/** The skill stages the apps send as `Skill Stage` / `skillStage`, exactly and lowercase. */
export const SKILL_STAGES = ["development", "live"] as const;
export type SkillStage = (typeof SKILL_STAGES)[number];

/** The stage the component links: SMAPI cannot write the live stage's account linking. */
export const DEFAULT_SKILL_STAGE: SkillStage = "development";

/**
 * `--skill-stage <stage>` of mobile-config and doctor: `development` or `live`, exactly; the apps
 * send it verbatim, so `Live` or `prod` would reach SMAPI as a stage that does not exist. The
 * error names the option, the value and the fix; the command line reports it as a usage error.
 */
export function parseSkillStage(value: string | undefined, option = "--skill-stage"): SkillStage | undefined {
  if (value === undefined) return undefined;
  if ((SKILL_STAGES as readonly string[]).includes(value)) return value as SkillStage;
  throw new RangeError(
    `${option} ${showValue(value)} is not a skill stage the apps send; they send "development" or "live", lowercase. ` +
      `Fix: pass ${option} development (a build against the skill's development stage, which the stack links) ` +
      `or ${option} live (a store build, once the skill has passed certification)`,
  );
}

/** The RainMaker REST API whose POST method the apps call for the Alexa access token. */
export const DEFAULT_ACCESS_TOKEN_API_NAME = "AlexaSkillLinking";
export const DEFAULT_ACCESS_TOKEN_STAGE = "dev";

/** SMAPI and Login with Amazon base URLs. */
export const DEFAULT_SMAPI_ENDPOINT = "https://api.amazonalexa.com";
export const DEFAULT_LWA_ENDPOINT = "https://api.amazon.com";

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

/** The RainMaker REST API whose POST method the apps call for the Alexa access token. */
export const DEFAULT_ACCESS_TOKEN_API_NAME = "AlexaSkillLinking";
export const DEFAULT_ACCESS_TOKEN_STAGE = "dev";

/** SMAPI and Login with Amazon base URLs. */
export const DEFAULT_SMAPI_ENDPOINT = "https://api.amazonalexa.com";
export const DEFAULT_LWA_ENDPOINT = "https://api.amazon.com";

import { SKILL_STAGES } from "../stackOutputReader";

/** The stage an app build talks to: what the apps send as `Skill Stage` / `skillStage`. */
export type SkillStage = (typeof SKILL_STAGES)[number];

/**
 * `--skill-stage <stage>` of mobile-config and doctor: `development` or `live`, exactly; the apps
 * send it verbatim, so `Live` or `prod` would reach SMAPI as a stage that does not exist.
 */
export function parseSkillStage(value: string | undefined, option = "--skill-stage"): SkillStage | undefined {
  if (value === undefined) return undefined;
  if ((SKILL_STAGES as readonly string[]).includes(value)) return value as SkillStage;
  throw new Error(
    `${option} ${JSON.stringify(value)} is not a skill stage the apps send; they send "development" or "live", lowercase. ` +
      `Fix: pass ${option} development (a build against the skill's development stage, which the stack links) ` +
      `or ${option} live (a store build, once the skill has passed certification)`,
  );
}

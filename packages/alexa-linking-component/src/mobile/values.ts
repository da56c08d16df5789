import { hasControlCharacter } from "../shared/secrets";
import { PLACEHOLDERS, PlaceholderKey, isPlaceholder } from "./placeholders";
import type { SkillStage } from "../shared/defaults";
import type { MobileStackOutputs, StackSkill } from "../stackOutputs";

/** What the ESP RainMaker apps read, whatever the platform. */
export interface MobileValues {
  redirectURL: string;
  redirectHost: string;
  alexaAccessTokenURL: string;
  /** The Cognito app client id: the apps' "Alexa RM Client Id". */
  alexaRMClientId: string;
  skillId: string;
  skillStage: string;
  alexaClientId: string;
  alexaClientSecret: string;
  /** Keys left as placeholders, in a fixed order. */
  placeholders: PlaceholderKey[];
}

export interface MobileOptions {
  alexaClientId?: string;
  alexaClientSecret?: string;
  /** Which skill, when the stack links several. */
  skillId?: string;
  /** The stage the build talks to (`--skill-stage`); default: the skill's stage in the stack. */
  skillStage?: SkillStage;
}

export function mobileValues(outputs: MobileStackOutputs, options: MobileOptions = {}): MobileValues {
  const skill = chooseSkill(outputs.skills, options.skillId);
  const given = {
    alexaClientId: parseClientValue("--alexa-client-id", options.alexaClientId),
    alexaClientSecret: parseClientValue("--alexa-client-secret", options.alexaClientSecret),
  };
  const placeholders = (Object.keys(PLACEHOLDERS) as PlaceholderKey[]).filter((key) => given[key] === undefined);
  return {
    redirectURL: outputs.redirectURL,
    redirectHost: outputs.redirectHost,
    alexaAccessTokenURL: outputs.alexaAccessTokenURL,
    alexaRMClientId: outputs.cognitoClientId,
    skillId: skill.skillId,
    skillStage: options.skillStage ?? skill.stage,
    alexaClientId: given.alexaClientId ?? PLACEHOLDERS.alexaClientId,
    alexaClientSecret: given.alexaClientSecret ?? PLACEHOLDERS.alexaClientSecret,
    placeholders,
  };
}

/** The one skill, or the one asked for; one app build talks to one skill. */
export function chooseSkill(skills: StackSkill[], skillId?: string): StackSkill {
  const list = () => skills.map((s) => `${s.skillId} (${s.stage})`).join(", ");
  if (skillId !== undefined) {
    const found = skills.filter((s) => s.skillId === skillId);
    if (found.length === 0) throw new Error(`--skill-id "${skillId}" is not among the stack's skills: ${list()}. Fix: pass one of them`);
    if (found.length > 1)
      throw new Error(
        `--skill-id "${skillId}" is linked on several stages (${list()}); an app build uses one. Fix: export one stage per skill`,
      );
    return found[0];
  }
  if (skills.length > 1)
    throw new Error(`the stack links ${skills.length} skills: ${list()}. Fix: pass --skill-id <id> for the one this app build uses`);
  return skills[0];
}

/** A value the user passed: used verbatim, so it must look like one. The error never shows it. */
export function parseClientValue(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === "") throw new Error(`${option} is empty. Fix: pass the value, or leave the option out to get a placeholder`);
  if (value.trim() !== value || hasControlCharacter(value)) {
    throw new Error(`${option} has surrounding spaces or control characters (${value.length} characters). Fix: pass the value alone`);
  }
  if (isPlaceholder(value)) throw new Error(`${option} is still the placeholder text. Fix: pass the real value`);
  return value;
}

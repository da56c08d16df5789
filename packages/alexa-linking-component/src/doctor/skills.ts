import { redact } from "../alexa/errors";
import { linkingProblem, notConfiguredMessage } from "../alexa/problems";
import type { RetryPolicy, RetryRuntime } from "../alexa/retry";
import { getAccountLinking } from "../alexa/smapiClient";
import type { AccountLinking, LwaCredentials, SmapiEndpoints } from "../alexa/types";
import { redeployFix } from "./fixes";
import { CheckResult, failed, passed } from "./result";

export const SKILL_CHECK = "skill";

export interface DoctorSkill {
  skillId: string;
  stage: string;
}

const label = (skill: DoctorSkill): string => `${skill.skillId} (${skill.stage})`;

/**
 * Whether the skill, as SMAPI has it now, links from the app: account linking configured, its
 * client the stack's Cognito client, and the redirect URL among its redirect URLs.
 */
export function judgeSkillLinking(
  linking: AccountLinking | undefined,
  skill: DoctorSkill,
  redirectURL: string,
  cognitoClientId: string,
  stack: string | undefined,
): CheckResult {
  if (!linking) return failed(SKILL_CHECK, `${label(skill)}: ${notConfiguredMessage(skill)}`);
  const problem = linkingProblem(linking, { ...skill, cognitoClientId });
  if (problem) return failed(SKILL_CHECK, `${label(skill)}: ${problem}`);
  const urls = linking.redirectUrls ?? [];
  if (urls.includes(redirectURL)) return passed(SKILL_CHECK, `${label(skill)}: redirect URLs include ${redirectURL}`);
  return failed(
    SKILL_CHECK,
    `${label(skill)}: redirect URLs lack ${redirectURL} (${urls.length === 0 ? "none set, so linking from the app is off" : `has ${urls.join(", ")}`}). ` +
      `Someone may have edited the skill's account linking. Fix: ${redeployFix(stack)}`,
  );
}

export interface SkillCheckSettings {
  /** Undefined when no credentials were found; `missing` says where they may come from. */
  lwa: LwaCredentials | undefined;
  missing: string[];
  endpoints: SmapiEndpoints;
  policy: RetryPolicy;
  runtime: RetryRuntime;
  stack?: string;
}

/** GETs the skill's account linking through the provider's SMAPI shell and judges it. */
export async function checkSkill(skill: DoctorSkill, redirectURL: string, cognitoClientId: string, settings: SkillCheckSettings): Promise<CheckResult> {
  if (!settings.lwa) {
    return failed(SKILL_CHECK, `${label(skill)}: no SMAPI credentials to read the skill. Fix: set ${settings.missing.join("; ")}`);
  }
  try {
    const current = await getAccountLinking({
      skillId: skill.skillId,
      stage: skill.stage,
      lwa: settings.lwa,
      endpoints: settings.endpoints,
      secrets: [],
      policy: settings.policy,
      runtime: settings.runtime,
    });
    return judgeSkillLinking(current?.linking, skill, redirectURL, cognitoClientId, settings.stack);
  } catch (error) {
    const message = redact((error as Error).message ?? String(error), [settings.lwa.clientId, settings.lwa.clientSecret, settings.lwa.refreshToken]);
    return failed(SKILL_CHECK, `${label(skill)}: ${message}`);
  }
}

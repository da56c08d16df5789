import { showValue } from "../shared/errors";
import { redact } from "../alexa/errors";
import { linkingProblem, notConfiguredMessage } from "../alexa/problems";
import type { RetryPolicy, RetryRuntime } from "../shared/retry";
import { getAccountLinking } from "../alexa/smapiClient";
import type { AccountLinking, LwaCredentials, SmapiEndpoints } from "../alexa/types";
import type { SkillStage } from "../shared/defaults";
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

/** The line of each skill's live stage, which a store build (Skill Stage "live") talks to. */
export const LIVE_CHECK = "skill live";

/** How the live stage gets the development stage's account linking: certification. */
const certify = (skillId: string): string =>
  `Alexa developer console > Certification > Submission, or \`ask smapi submit-skill-for-certification --skill-id ${skillId}\``;

/**
 * Why the live stage's account linking cannot serve the app, apart from the redirect URL:
 * another client id or another grant type. Undefined when it can.
 */
export function liveLinkingMismatch(linking: AccountLinking, cognitoClientId: string): string | undefined {
  if (linking.clientId !== cognitoClientId) {
    return `the live stage's account linking uses client id ${showValue(linking.clientId ?? null)}, not the Cognito client ${showValue(cognitoClientId)}`;
  }
  if (linking.type !== undefined && linking.type !== "AUTH_CODE")
    return `the live stage's account linking has type ${showValue(linking.type)}, not "AUTH_CODE"`;
  return undefined;
}

/**
 * Whether the live stage already carries the redirect URL. A live stage changes only through
 * certification, which copies the development stage (the one the stack writes). So a live stage
 * without the URL is what every environment has until the skill is certified again: for a build
 * with Skill Stage "development" that is news, not a failure; for a build asked for with
 * `--skill-stage live` it is a failure, because that build cannot link from the app.
 */
export function judgeLiveStage(
  linking: AccountLinking | undefined,
  skill: DoctorSkill,
  redirectURL: string,
  cognitoClientId: string,
  buildStage: string,
): CheckResult {
  const id = skill.skillId;
  const liveBuild = buildStage === "live";
  const notYet = (what: string): CheckResult =>
    liveBuild
      ? failed(
          LIVE_CHECK,
          `${id}: ${what}: this build (Skill Stage "live") cannot link from the app until the skill passes certification with the development stage's account linking. ` +
            `Fix: submit the skill for certification (${certify(id)}) and ship this build once the skill is live, or build with --skill-stage development meanwhile`,
        )
      : passed(
          LIVE_CHECK,
          `${id}: ${what}: a certification is still needed before a build with Skill Stage "live" can link; this build (Skill Stage "${buildStage}") does not need it. ` +
            `Before a store build, submit the skill for certification (${certify(id)})`,
        );
  if (!linking) return notYet("no account linking on the live stage (SMAPI 404: not certified with it yet)");
  const mismatch = liveLinkingMismatch(linking, cognitoClientId);
  if (mismatch) {
    return liveBuild
      ? failed(
          LIVE_CHECK,
          `${id}: ${mismatch}: this build (Skill Stage "live") cannot link. Fix: get the skill line right, then submit the skill for certification (${certify(id)})`,
        )
      : passed(
          LIVE_CHECK,
          `${id}: ${mismatch}: a build with Skill Stage "live" cannot link until the certification of the development stage replaces it (${certify(id)})`,
        );
  }
  const urls = linking.redirectUrls ?? [];
  if (urls.includes(redirectURL))
    return passed(LIVE_CHECK, `${id}: live stage already lists ${redirectURL}: a build with Skill Stage "live" can link from the app`);
  return notYet(`live stage lacks ${redirectURL} (${urls.length === 0 ? "none set" : `it has ${urls.join(", ")}`})`);
}

export interface SkillCheckSettings {
  /** Undefined when no credentials were found; `missing` says where they may come from. */
  lwa: LwaCredentials | undefined;
  missing: string[];
  endpoints: SmapiEndpoints;
  policy: RetryPolicy;
  runtime: RetryRuntime;
  stack?: string;
  /** The Skill Stage of the app build (`--skill-stage`); default: the skill's stage in the stack. */
  buildStage?: SkillStage;
}

/**
 * GETs the skill's account linking through the provider's SMAPI shell and judges it: one line
 * for the stage the stack linked, and one for the live stage unless that is the same.
 */
export async function checkSkill(
  skill: DoctorSkill,
  redirectURL: string,
  cognitoClientId: string,
  settings: SkillCheckSettings,
): Promise<CheckResult[]> {
  const stageLine = readStage(skill, skill.stage, SKILL_CHECK, `${label(skill)}: `, settings, (linking) =>
    judgeSkillLinking(linking, skill, redirectURL, cognitoClientId, settings.stack),
  );
  if (skill.stage === "live") return Promise.all([stageLine]);
  const buildStage = settings.buildStage ?? skill.stage;
  const liveLine = readStage(skill, "live", LIVE_CHECK, `${skill.skillId}: `, settings, (linking) =>
    judgeLiveStage(linking, skill, redirectURL, cognitoClientId, buildStage),
  );
  return Promise.all([stageLine, liveLine]);
}

async function readStage(
  skill: DoctorSkill,
  stage: string,
  check: string,
  prefix: string,
  settings: SkillCheckSettings,
  judge: (linking: AccountLinking | undefined) => CheckResult,
): Promise<CheckResult> {
  if (!settings.lwa) {
    return failed(check, `${prefix}no SMAPI credentials to read the skill's ${stage} stage. Fix: set ${settings.missing.join("; ")}`);
  }
  try {
    const current = await getAccountLinking({
      skillId: skill.skillId,
      stage,
      lwa: settings.lwa,
      endpoints: settings.endpoints,
      secrets: [],
      policy: settings.policy,
      runtime: settings.runtime,
    });
    return judge(current?.linking);
  } catch (error) {
    const message = redact((error as Error).message ?? String(error), [
      settings.lwa.clientId,
      settings.lwa.clientSecret,
      settings.lwa.refreshToken,
    ]);
    return failed(check, `${prefix}${message}`);
  }
}

import { DEFAULT_STAGE, type SkillLinkingInputs, type SkillLinkingOutputs } from "./types";

export interface SkillLinkingDiff {
  changes: boolean;
  /** Properties whose change needs a new resource (another skill is another resource). */
  replaces: string[];
  /** Why there is a change, for tests and debugging; names properties, never values. */
  reasons: string[];
}

/**
 * What an update must do, decided from the recorded outputs and the new inputs.
 *
 * - skillId or stage: replace.
 * - redirectUrl, cognitoClientId, version: update.
 * - clientSecret (the Cognito client's): update. GET never returns the secret, so comparing
 *   inputs is the only way to learn it rotated, and the skill needs the current one: with a
 *   stale secret every token exchange, and so every linking, fails.
 * - redirectUrl missing from the redirect URLs last read (someone removed it in the console;
 *   `refresh` records that): update, which re-adds it.
 * - lwa, endpoints: no change. They say how to reach SMAPI, not what the skill holds, so a
 *   rotated LWA credential makes no PUT and shows no diff. The state keeps the credentials of
 *   the last write; delete uses those.
 */
export function diffSkillLinking(olds: Partial<SkillLinkingOutputs>, news: SkillLinkingInputs): SkillLinkingDiff {
  const replaces: string[] = [];
  if (olds.skillId !== news.skillId) replaces.push("skillId");
  if ((olds.stage ?? DEFAULT_STAGE) !== (news.stage ?? DEFAULT_STAGE)) replaces.push("stage");

  const reasons: string[] = [...replaces];
  for (const key of ["redirectUrl", "cognitoClientId", "clientSecret", "version"] as const) {
    if (olds[key] !== news[key]) reasons.push(key);
  }
  if (!(olds.redirectUrls ?? []).includes(news.redirectUrl) && !reasons.includes("redirectUrl")) {
    reasons.push("redirectUrls");
  }
  return { changes: reasons.length > 0, replaces, reasons };
}

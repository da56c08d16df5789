import { type LwaCredentials, type SkillLinkingInputs, type SkillLinkingOutputs, type SmapiEndpoints } from "./types";

export interface SkillLinkingDiff {
  changes: boolean;
  /** Properties whose change needs a new resource (another skill is another resource). */
  replaces: string[];
  /** Why there is a change, for tests and debugging; names properties, never values. */
  reasons: string[];
  /**
   * The skill itself must be written (GET, merge, PUT). False when only `lwa` or `endpoints`
   * changed: the update then records them and makes no call.
   */
  writesSkill: boolean;
}

/** Inputs that say how to reach SMAPI, not what the skill holds. */
export const ACCESS_ONLY_REASONS: readonly string[] = ["lwa", "endpoints"];

/**
 * What an update must do, decided from the recorded outputs and the new inputs.
 *
 * - skillId or stage: replace.
 * - redirectUrl, cognitoClientId, version: update, which writes the skill.
 * - clientSecret (the Cognito client's): update, which writes the skill. GET never returns the
 *   secret, so comparing inputs is the only way to learn it rotated, and the skill needs the
 *   current one: with a stale secret every token exchange, and so every linking, fails.
 * - redirectUrl missing from the redirect URLs last read (someone removed it in the console;
 *   `refresh` records that): update, which re-adds it.
 * - lwa, endpoints: an update that writes nothing to the skill and makes no call; it only records
 *   them. They say how to reach SMAPI, not what the skill holds, but `delete` runs with the
 *   recorded outputs: a state still holding rotated-out (and since revoked) LWA credentials
 *   would make `pulumi destroy` fail.
 */
export function diffSkillLinking(olds: Partial<SkillLinkingOutputs>, news: SkillLinkingInputs): SkillLinkingDiff {
  const replaces: string[] = [];
  if (olds.skillId !== news.skillId) replaces.push("skillId");
  // Both sides carry the stage: check fills in the default, and the provider's entry module
  // applies it to state recorded without one (src/providers/skillAccountLinking.ts).
  if (olds.stage !== news.stage) replaces.push("stage");

  const reasons: string[] = [...replaces];
  for (const key of ["redirectUrl", "cognitoClientId", "clientSecret", "version"] as const) {
    if (olds[key] !== news[key]) reasons.push(key);
  }
  if (!(olds.redirectUrls ?? []).includes(news.redirectUrl) && !reasons.includes("redirectUrl")) {
    reasons.push("redirectUrls");
  }
  if (!sameLwa(olds.lwa, news.lwa)) reasons.push("lwa");
  if (!sameEndpoints(olds.endpoints, news.endpoints)) reasons.push("endpoints");
  return {
    changes: reasons.length > 0,
    replaces,
    reasons,
    writesSkill: reasons.some((reason) => !ACCESS_ONLY_REASONS.includes(reason)),
  };
}

export function sameLwa(a: Partial<LwaCredentials> | undefined, b: Partial<LwaCredentials> | undefined): boolean {
  return a?.clientId === b?.clientId && a?.clientSecret === b?.clientSecret && a?.refreshToken === b?.refreshToken;
}

/** Unset and empty mean the default endpoint, so they are the same. */
export function sameEndpoints(a: SmapiEndpoints | undefined, b: SmapiEndpoints | undefined): boolean {
  return (a?.smapi || "") === (b?.smapi || "") && (a?.lwa || "") === (b?.lwa || "");
}

/**
 * The outputs of an update that writes nothing to the skill: the recorded outputs with the new
 * `lwa` and `endpoints` (an unset endpoints input leaves none recorded).
 */
export function withNewAccess(olds: SkillLinkingOutputs, news: SkillLinkingInputs): SkillLinkingOutputs {
  const outs: SkillLinkingOutputs = { ...olds, lwa: news.lwa, endpoints: news.endpoints };
  if (news.endpoints === undefined) delete outs.endpoints;
  return outs;
}

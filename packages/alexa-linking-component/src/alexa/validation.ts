import type * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { showValue } from "../shared/errors";
import { ENDPOINT_FIX, PUBLIC_URL, endpointProblem, showUrl, urlProblem } from "../shared/urls";
import { hasControlCharacter } from "../shared/secrets";
import { liveStageMessage } from "./problems";
import { DEFAULT_STAGE, withSkillLinkingDefaults, type SkillLinkingInputs } from "./types";

/**
 * One unusable input: which argument, why, and how to fix it (the engine's CheckFailure, the one
 * shape every provider check reports in). Never carries a secret value.
 */
export type InputIssue = pulumi.dynamic.CheckFailure;

const SKILL_ID = /^amzn1\.ask\.skill\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function skillIdIssue(property: string, value: unknown): InputIssue | undefined {
  if (typeof value === "string" && SKILL_ID.test(value)) return undefined;
  return {
    property,
    reason:
      `${property} ${showValue(value)} is not an Alexa skill id. Fix: copy the id of the RainMaker skill from ` +
      `the Alexa developer console; it looks like amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef.`,
  };
}

export function stageIssue(property: string, value: unknown, skillId: unknown): InputIssue | undefined {
  if (value === undefined || value === DEFAULT_STAGE) return undefined;
  if (value === "live") return { property, reason: liveStageMessage(String(skillId), property) };
  return {
    property,
    reason: `${property} ${showValue(value)} is not a stage SMAPI can write. Fix: use "development" (the default).`,
  };
}

export function redirectUrlIssue(property: string, value: unknown): InputIssue | undefined {
  const problem = urlProblem(value, PUBLIC_URL);
  if (!problem) return undefined;
  return {
    property,
    reason: `${property} ${showUrl(value)} ${problem}. Fix: pass the redirectURL of the hosting bucket, e.g. https://BUCKET.s3.REGION.amazonaws.com/.`,
  };
}

/**
 * An endpoint override (endpoints.smapi, .lwa, and through the stack config and the component
 * every other one): https, or http to this machine only (src/shared/urls.ts, ENDPOINT_URL).
 */
export function endpointIssue(property: string, value: unknown): InputIssue | undefined {
  if (value === undefined) return undefined;
  const problem = endpointProblem(value);
  if (!problem) return undefined;
  return { property, reason: `${property} ${showUrl(value)} ${problem}. Fix: ${ENDPOINT_FIX}` };
}

/**
 * Secrets are checked for presence and for control characters only; their value never appears
 * in a message. No credential holds a newline, tab or NUL: one that does was pasted with a line
 * break, and would also let two different credential sets look alike.
 */
export function requiredTextIssue(property: string, value: unknown, secret: boolean, fix: string): InputIssue | undefined {
  if (typeof value === "string" && value.trim() !== "") {
    if (!secret || !hasControlCharacter(value)) return undefined;
    return {
      property,
      reason:
        `${property} (secret, not shown) holds a control character (a newline, tab or similar); no credential ` +
        `does. Fix: set it again with the value alone, without a trailing newline (\`pulumi config set --secret <key>\`, then paste it).`,
    };
  }
  const shown = secret ? (value === undefined ? "(missing)" : "(empty or not text)") : showValue(value);
  return { property, reason: `${property} ${shown} must be a non-empty string. Fix: ${fix}` };
}

const LWA_FIX =
  "pass smapi.clientId, smapi.clientSecret and smapi.refreshToken (the stack reads secret config smapiClientId, " +
  "smapiClientSecret, smapiRefreshToken, or env ASK_LWA_CLIENT_ID, ASK_LWA_CLIENT_CONFIRMATION, ASK_REFRESH_TOKEN); " +
  "`ask util generate-lwa-tokens --client-id ... --client-confirmation ...` prints a refresh token for your security profile.";

/**
 * The resource's inputs with defaults applied, and every issue found. Runs in the provider's
 * check, so bad input fails at preview before any SMAPI call.
 */
export function checkSkillLinkingInputs(raw: Record<string, unknown>): {
  inputs: SkillLinkingInputs;
  issues: InputIssue[];
} {
  const lwa = objectOrUnknown(raw.lwa);
  const endpoints = objectOrUnknown(raw.endpoints);
  const stage = raw.stage === undefined || raw.stage === "" ? undefined : raw.stage;
  const checks: [unknown, () => InputIssue | undefined][] = [
    [raw.skillId, () => skillIdIssue("skillId", raw.skillId)],
    [stage, () => stageIssue("stage", stage, raw.skillId)],
    [raw.redirectUrl, () => redirectUrlIssue("redirectUrl", raw.redirectUrl)],
    [raw.cognitoClientId, () => requiredTextIssue("cognitoClientId", raw.cognitoClientId, false, COGNITO_ID_FIX)],
    [raw.clientSecret, () => requiredTextIssue("clientSecret", raw.clientSecret, true, COGNITO_SECRET_FIX)],
    [lwa?.clientId, () => requiredTextIssue("lwa.clientId", lwa?.clientId, true, LWA_FIX)],
    [lwa?.clientSecret, () => requiredTextIssue("lwa.clientSecret", lwa?.clientSecret, true, LWA_FIX)],
    [lwa?.refreshToken, () => requiredTextIssue("lwa.refreshToken", lwa?.refreshToken, true, LWA_FIX)],
    [endpoints?.smapi, () => endpointIssue("endpoints.smapi", endpoints?.smapi)],
    [endpoints?.lwa, () => endpointIssue("endpoints.lwa", endpoints?.lwa)],
    [raw.version, () => requiredTextIssue("version", raw.version, false, "pass the component package version.")],
  ];
  const issues = checks
    // The engine's placeholder for a value not known during preview (such as the Cognito client
    // secret before the client is read): it is checked once it is known.
    .filter(([value]) => value !== unknownValue)
    .map(([, issue]) => issue())
    .filter((issue): issue is InputIssue => issue !== undefined);
  const inputs = withSkillLinkingDefaults(raw) as unknown as SkillLinkingInputs;
  return { inputs, issues };
}

/** An object input, or unknown-valued fields when the whole object is unknown. */
function objectOrUnknown(value: unknown): Record<string, unknown> | undefined {
  if (value === unknownValue) {
    return { clientId: unknownValue, clientSecret: unknownValue, refreshToken: unknownValue, smapi: unknownValue, lwa: unknownValue };
  }
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
}

const COGNITO_ID_FIX = "pass the id of the esp-rainmaker-alexa-skill Cognito app client.";
const COGNITO_SECRET_FIX = "pass the secret of the esp-rainmaker-alexa-skill Cognito app client.";

/**
 * Issues in the component's `skills` list: each entry's id and stage, and no skill twice (two
 * resources on one skill would each remove the URL the other relies on).
 */
export function skillsIssues(skills: readonly { skillId?: unknown; stage?: unknown }[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Map<string, number>();
  skills.forEach((skill, i) => {
    const idIssue = skillIdIssue(`skills[${i}].skillId`, skill.skillId);
    if (idIssue) issues.push(idIssue);
    const stage = skill.stage === undefined || skill.stage === "" ? undefined : skill.stage;
    const stIssue = stageIssue(`skills[${i}].stage`, stage, skill.skillId);
    if (stIssue) issues.push(stIssue);
    const key = `${String(skill.skillId)}/${String(withSkillLinkingDefaults({ stage }).stage)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        property: `skills[${i}]`,
        reason: `skills[${i}] repeats skill ${String(skill.skillId)} of skills[${first}]. Fix: list each skill once.`,
      });
    } else {
      seen.set(key, i);
    }
  });
  return issues;
}

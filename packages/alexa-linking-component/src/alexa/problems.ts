import type { AccountLinking } from "./types";

export interface SkillRef {
  skillId: string;
  stage: string;
}

const skillName = ({ skillId, stage }: SkillRef): string => `skill ${skillId} (stage ${stage})`;

/**
 * Why the skill's current account linking must not be written with this Cognito client's
 * secret, or undefined when it may. The secret belongs to one client id; sending it under
 * another would make every token exchange of the skill fail.
 */
export function linkingProblem(linking: AccountLinking, skill: SkillRef & { cognitoClientId: string }): string | undefined {
  if (linking.clientId !== skill.cognitoClientId) {
    return (
      `The account linking of ${skillName(skill)} uses client id ${JSON.stringify(linking.clientId ?? null)}, ` +
      `but the Cognito app client is ${JSON.stringify(skill.cognitoClientId)}. Writing this client's secret ` +
      `under another client id would break account linking for every user of the skill. Fix: set the skill's ` +
      `account-linking client id to ${JSON.stringify(skill.cognitoClientId)} (Alexa developer console > ` +
      `Account Linking), or point cognito.clientId at the client the skill uses.`
    );
  }
  if (linking.type !== undefined && linking.type !== "AUTH_CODE") {
    return (
      `The account linking of ${skillName(skill)} has type ${JSON.stringify(linking.type)}; linking from ` +
      `within an app works with "AUTH_CODE" only. Fix: switch the skill to the auth code grant ` +
      `(Alexa developer console > Account Linking) or redeploy the RainMaker skill.`
    );
  }
  return undefined;
}

/** The message for a GET answering 404: the skill has no account linking on that stage. */
export const notConfiguredMessage = (skill: SkillRef): string =>
  `${skillName(skill)} has no account linking configured (SMAPI answered 404). Fix: deploy the ` +
  `RainMaker Alexa skills and set up their account linking first, then run this again; check that ` +
  `skills[].skillId names a skill of the account that owns the SMAPI credentials.`;

export const liveStageMessage = (skillId: string, property = "skills[].stage"): string =>
  `${property} "live" for skill ${skillId} cannot be changed through SMAPI: account linking of a ` +
  `live skill changes through certification. Fix: use stage "development" (the default), then ` +
  `submit the skill for certification to carry the change to live.`;

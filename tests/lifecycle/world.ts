import { startApiGatewayEmulator, type ApiGatewayEmulator } from "../emulators/apiGateway";
import { start as startCognitoLocal, type CognitoLocal } from "../emulators/cognitoLocal";
import { start as startSmapi, type SmapiEmulator } from "../emulators/smapi";
import { fullLinking, OTHER_REDIRECT } from "../alexa/fixtures";
import { createClient, createPool, describeClient, richClient } from "../cognito/fixtures";
import { startRecordingProxy, type RecordingProxy } from "../cognito/recordingProxy";

/**
 * The services a deployment talks to, on loopback: cognito-local behind a recording proxy, the
 * SMAPI + LWA emulator and the API Gateway emulator, seeded like a RainMaker deployment whose
 * skills already link against the Cognito client.
 */

/** Distinctive secrets: each holds `&`, `=` and `+`, which break naive form or query encoding. */
export const LWA = {
  clientId: "amzn1.application-oa2-client.lifecycle&id=+7Q",
  clientSecret: "amzn1.oa2-cs.v1.lifecycle&s3cr=t+A/b==",
  refreshToken: "Atzr|IwEB-lifecycle&refresh=tok+en/Z==",
};
/**
 * The Cognito client secret as DescribeUserPoolClient shows it. cognito-local makes random
 * alphanumeric secrets, so the proxy puts this one in its answers.
 */
export const COGNITO_SECRET = "rm-cognito&s3cret=+q9/Xyz==";

export const REGION = "eu-west-1";
export const ACCESS_TOKEN_API_ID = "lcyc1e0api";
export const ACCESS_TOKEN_URL = `https://${ACCESS_TOKEN_API_ID}.execute-api.${REGION}.amazonaws.com/dev/token`;

export const redirectUrlOf = (bucket: string): string => `https://${bucket}.s3.${REGION}.amazonaws.com/`;

export interface SeededSkill {
  skillId: string;
  /** Redirect URLs the skill has before any deployment, besides OTHER_REDIRECT. */
  extraRedirectUrls?: string[];
}

export interface World {
  cognitoLocal: CognitoLocal;
  /** The endpoint the providers use: cognito-local behind the proxy. */
  cognito: RecordingProxy;
  smapi: SmapiEmulator;
  apiGateway: ApiGatewayEmulator;
  userPoolId: string;
  clientId: string;
  /** What the services hold, minus what every write changes (timestamps, ETags). */
  snapshot(): Promise<WorldSnapshot>;
  stop(): Promise<void>;
}

export interface WorldSnapshot {
  cognitoClient: Record<string, unknown>;
  skills: Record<string, unknown>;
}

export async function startWorld(skills: readonly SeededSkill[]): Promise<World> {
  const cognitoLocal = await startCognitoLocal();
  const cognito = await startRecordingProxy(cognitoLocal.endpoint);
  cognito.hooks.rewrite = (op, body) =>
    op === "DescribeUserPoolClient" && body?.UserPoolClient?.ClientSecret
      ? { ...body, UserPoolClient: { ...body.UserPoolClient, ClientSecret: COGNITO_SECRET } }
      : body;
  const userPoolId = await createPool(cognitoLocal.endpoint, "rainmaker-user-email-mobile-pool");
  const { ClientId: clientId } = await createClient(cognitoLocal.endpoint, richClient(userPoolId));

  const smapi = await startSmapi({ lwa: LWA });
  for (const skill of skills) {
    smapi.setSkill(
      skill.skillId,
      "development",
      fullLinking({ clientId, clientSecret: COGNITO_SECRET, redirectUrls: [OTHER_REDIRECT, ...(skill.extraRedirectUrls ?? [])] }),
    );
  }
  const apiGateway = await startApiGatewayEmulator({
    apis: [
      { id: "other00001", name: "RainMakerAdmin", stages: ["dev"], resources: [{ path: "/", methods: [] }] },
      {
        id: ACCESS_TOKEN_API_ID,
        name: "AlexaSkillLinking",
        stages: ["dev"],
        resources: [
          { path: "/", methods: [] },
          { path: "/token", methods: ["POST", "OPTIONS"] },
        ],
      },
    ],
  });

  return {
    cognitoLocal,
    cognito,
    smapi,
    apiGateway,
    userPoolId,
    clientId,
    async snapshot() {
      const { LastModifiedDate: _changes, ...cognitoClient } = await describeClient(cognitoLocal.endpoint, userPoolId, clientId);
      void _changes;
      return {
        cognitoClient,
        skills: Object.fromEntries(skills.map((s) => [s.skillId, smapi.getSkill(s.skillId, "development")])),
      };
    },
    async stop() {
      await Promise.allSettled([cognito.close(), smapi.stop(), apiGateway.close()]);
      await cognitoLocal.stop();
    },
  };
}

import * as assert from "node:assert/strict";
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from "@aws-sdk/client-api-gateway";
import { start as startCognitoLocal, type CognitoLocal } from "../../emulators/cognitoLocal";
import { start as startSmapi, type SmapiEmulator } from "../../emulators/smapi";
import { fullLinking, OTHER_REDIRECT } from "../../alexa/fixtures";
import { createClient, createPool, describeClient, richClient } from "../../cognito/fixtures";
import { startRecordingProxy, type RecordingProxy } from "../../cognito/recordingProxy";
import { startApiGatewayFront, type ApiGatewayFront } from "../../emulators/apiGatewayFront";
import { startMoto, type MotoServer } from "../moto/motoServer";

/**
 * What a RainMaker deployment looks like from the stack's side, on loopback: moto for S3, STS and
 * API Gateway; cognito-local (behind a proxy that records calls and shows a distinctive client
 * secret) with the two RainMaker pools and the esp-rainmaker-alexa-skill client; the SMAPI + LWA
 * emulator with the skills linked to that client; RainMaker's AlexaSkillLinking API in moto, behind
 * a front that answers its invoke URL (moto's server does not) as the token exchange does.
 */

/** Distinctive credentials: the secrets audit searches every output for them. */
export const LWA = {
  clientId: "amzn1.application-oa2-client.engine&id=+E1",
  clientSecret: "amzn1.oa2-cs.v1.engine&s3cr=t+E/b==",
  refreshToken: "Atzr|IwEB-engine&refresh=tok+E/Z==",
};
export const COGNITO_SECRET = "rm-engine-cognito&s3cret=+E9/Xyz==";

export const AWS_CREDENTIALS = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" };

export interface EngineWorld {
  region: string;
  moto: MotoServer;
  cognitoLocal: CognitoLocal;
  /** The endpoint the stack uses: cognito-local behind the recording proxy. */
  cognito: RecordingProxy;
  smapi: SmapiEmulator;
  /** API Gateway: moto's management API, and the invoke of its deployed methods. */
  apiGateway: ApiGatewayFront;
  /** The child processes it started, by name (the rest runs in this process). */
  pids: { moto: number; cognitoLocal: number };
  userPoolId: string;
  clientId: string;
  skillIds: string[];
  /** The invoke URL the lookup should find in moto's API Gateway. */
  accessTokenUrl: string;
  /** The endpoint overrides a stack needs to talk to this world. */
  endpoints: { smapi: string; lwa: string; cognito: string; apiGateway: string; s3: string };
  /** What the RainMaker side holds now, minus what every write changes. */
  snapshot(): Promise<{ cognitoClient: Record<string, unknown>; skills: Record<string, unknown> }>;
  stop(): Promise<void>;
}

export interface EngineWorldOptions {
  /**
   * Start moto and cognito-local in process groups of their own, so a Ctrl-C in the terminal
   * reaches only the command, which tears down the stack before it stops them.
   */
  detached?: boolean;
  /** Extra environment for moto (serve.py's switches, e.g. MOTO_S3_CONTROL_WRITE_SECONDS). */
  motoEnv?: Record<string, string>;
}

export async function startEngineWorld(
  skillIds: readonly string[],
  region: string,
  options: EngineWorldOptions = {},
): Promise<EngineWorld> {
  const stops: (() => Promise<void>)[] = [];
  try {
    const moto = await startMoto({ detached: options.detached, env: options.motoEnv });
    stops.push(() => moto.stop());
    const cognitoLocal = await startCognitoLocal({ detached: options.detached });
    stops.push(() => cognitoLocal.stop());
    const cognito = await startRecordingProxy(cognitoLocal.endpoint);
    stops.push(() => cognito.close());
    cognito.hooks.rewrite = (op, body) =>
      op === "DescribeUserPoolClient" && body?.UserPoolClient?.ClientSecret
        ? { ...body, UserPoolClient: { ...body.UserPoolClient, ClientSecret: COGNITO_SECRET } }
        : body;
    await createPool(cognitoLocal.endpoint, "rainmaker-user-pool");
    const userPoolId = await createPool(cognitoLocal.endpoint, "rainmaker-user-email-mobile-pool");
    const { ClientId: clientId } = await createClient(cognitoLocal.endpoint, richClient(userPoolId));

    const smapi = await startSmapi({ lwa: LWA });
    stops.push(() => smapi.stop());
    for (const skillId of skillIds) {
      smapi.setSkill(skillId, "development", fullLinking({ clientId, clientSecret: COGNITO_SECRET, redirectUrls: [OTHER_REDIRECT] }));
    }
    const apiId = await seedAccessTokenApi(moto.endpoint, region);
    const apiGateway = await startApiGatewayFront(moto.endpoint, region, {
      accessKeyId: AWS_CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: AWS_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    });
    stops.push(() => apiGateway.close());

    return {
      region,
      moto,
      cognitoLocal,
      cognito,
      smapi,
      apiGateway,
      pids: { moto: moto.pid, cognitoLocal: cognitoLocal.pid },
      userPoolId,
      clientId,
      skillIds: [...skillIds],
      accessTokenUrl: `https://${apiId}.execute-api.${region}.amazonaws.com/dev/token`,
      endpoints: { smapi: smapi.url, lwa: smapi.lwaUrl, cognito: cognito.endpoint, apiGateway: apiGateway.url, s3: moto.endpoint },
      async snapshot() {
        const { LastModifiedDate: _changes, ...cognitoClient } = await describeClient(cognitoLocal.endpoint, userPoolId, clientId);
        void _changes;
        return { cognitoClient, skills: Object.fromEntries(skillIds.map((id) => [id, smapi.getSkill(id, "development")])) };
      },
      async stop() {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw err;
  }
}

/** RainMaker's AlexaSkillLinking REST API with POST /token deployed to stage dev, and another API beside it. */
async function seedAccessTokenApi(endpoint: string, region: string): Promise<string> {
  const client = new APIGatewayClient({
    endpoint,
    region,
    credentials: { accessKeyId: AWS_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: AWS_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
  });
  await client.send(new CreateRestApiCommand({ name: "RainMakerAdmin" }));
  const api = await client.send(new CreateRestApiCommand({ name: "AlexaSkillLinking" }));
  const resources = await client.send(new GetResourcesCommand({ restApiId: api.id! }));
  const root = resources.items!.find((r) => r.path === "/")!;
  const token = await client.send(new CreateResourceCommand({ restApiId: api.id!, parentId: root.id!, pathPart: "token" }));
  for (const httpMethod of ["POST", "OPTIONS"]) {
    await client.send(new PutMethodCommand({ restApiId: api.id!, resourceId: token.id!, httpMethod, authorizationType: "NONE" }));
    await client.send(new PutIntegrationCommand({ restApiId: api.id!, resourceId: token.id!, httpMethod, type: "MOCK" }));
  }
  await client.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: "dev" }));
  client.destroy();
  return api.id!;
}

/**
 * What a deploy must leave in the world: both association files in the moto bucket as JSON, the
 * redirect URL on the Cognito client, and on every skill (after the URL it had) with the client
 * secret.
 */
export async function assertLinked(world: EngineWorld, bucket: string, redirectURL: string): Promise<void> {
  for (const key of [".well-known/apple-app-site-association", ".well-known/assetlinks.json"]) {
    const response = await fetch(`${world.moto.endpoint}/${bucket}/${key}`);
    assert.equal(response.status, 200, `${key} is not in the moto bucket`);
    assert.equal(response.headers.get("content-type"), "application/json");
    JSON.parse(await response.text());
  }
  const client = await describeClient(world.cognitoLocal.endpoint, world.userPoolId, world.clientId);
  assert.ok(client.CallbackURLs.includes(redirectURL), "the Cognito client lacks the redirect URL");
  for (const skillId of world.skillIds) {
    const linking = world.smapi.getSkill(skillId, "development")!;
    assert.deepEqual(linking.redirectUrls, [OTHER_REDIRECT, redirectURL]);
    assert.equal(linking.clientSecret, COGNITO_SECRET);
  }
}

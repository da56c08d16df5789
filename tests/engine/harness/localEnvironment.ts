import * as fs from "node:fs";
import { parse } from "yaml";
import { emulatorConfig } from "./project";
import { LWA, startEngineWorld, type EngineWorld, type EngineWorldOptions } from "./world";
import { cognitoCall } from "../../emulators/cognitoLocal";
import { startPlatformFakes, type PlatformFakes } from "../../emulators/platformFakes";

/**
 * The one set-up of "a RainMaker deployment on this machine" for a stack file: the emulator world
 * seeded with that file's region and skills, the stack config that points the stack at it, and
 * the credentials and doctor flags that reach it. `pnpm stack-up local` (scripts/local) and the
 * engine scenarios that deploy stacks/ both start it here, so what a newcomer runs and what CI
 * proves are the same emulators, seeded the same way.
 */
export interface LocalEnvironment {
  world: EngineWorld;
  /** The stack file the world was seeded from. */
  stackFile: string;
  region: string;
  skillIds: string[];
  /** Stack config keys that point the stack at the world's emulators (endpoints, path-style S3). */
  config: Record<string, unknown>;
  /** The SMAPI (LWA) credentials the emulator accepts, under the ASK CLI's variable names. */
  askEnv: Record<string, string>;
  /** `alexa-linking doctor` flags that send every check to the world. */
  doctorFlags: string[];
  /** The Cognito client and skills as seeded, before any deploy. */
  seeded: Awaited<ReturnType<EngineWorld["snapshot"]>>;
  stop(): Promise<void>;
}

/** The region and skill ids of a stack file: what the world must hold for that stack to deploy. */
export function worldSpecOf(stackFileText: string, stackFile = "the stack file"): { region: string; skillIds: string[] } {
  const config = (parse(stackFileText) ?? {}).config ?? {};
  const region = config["aws:region"];
  const skillIds = config["alexa-app-linking:skillIds"] ?? [];
  if (typeof region !== "string" || region === "")
    throw new Error(`${stackFile} sets no aws:region; the emulators are seeded in the stack's region`);
  if (!Array.isArray(skillIds) || !skillIds.every((id) => typeof id === "string"))
    throw new Error(`${stackFile}: alexa-app-linking:skillIds is not a list of skill ids`);
  return { region, skillIds };
}

/** The doctor flags for a world's endpoints, one per service. */
export function doctorEndpointFlags(endpoints: EngineWorld["endpoints"]): string[] {
  return [
    "--cognito-endpoint",
    endpoints.cognito,
    "--smapi-endpoint",
    endpoints.smapi,
    "--lwa-endpoint",
    endpoints.lwa,
    "--s3-endpoint",
    endpoints.s3,
    "--api-gateway-endpoint",
    endpoints.apiGateway,
    // moto answers STS GetCallerIdentity and s3control GetPublicAccessBlock on its one endpoint.
    "--s3-control-endpoint",
    endpoints.s3,
  ];
}

export const ASK_ENV: Record<string, string> = {
  ASK_LWA_CLIENT_ID: LWA.clientId,
  ASK_LWA_CLIENT_CONFIRMATION: LWA.clientSecret,
  ASK_REFRESH_TOKEN: LWA.refreshToken,
};

export async function startLocalEnvironment(stackFile: string, options: EngineWorldOptions = {}): Promise<LocalEnvironment> {
  const { region, skillIds } = worldSpecOf(fs.readFileSync(stackFile, "utf8"), stackFile);
  const world = await startEngineWorld(skillIds, region, options);
  let fakes: PlatformFakes | undefined;
  const stop = async () => {
    await fakes?.close();
    await world.stop();
  };
  try {
    fakes = await startWorldPlatformFakes(world.endpoints);
    return {
      world,
      stackFile,
      region,
      skillIds,
      config: emulatorConfig(world.endpoints),
      askEnv: { ...ASK_ENV },
      doctorFlags: [...doctorEndpointFlags(world.endpoints), ...platformFakeFlags(fakes)],
      seeded: await world.snapshot(),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * What Apple, Google and the hosted UI see of a stack deployed to the world (issue 28), for
 * doctor's platform probes: Apple's CDN and Google's Digital Asset Links read the files from the
 * bucket in the S3 emulator (path-style, as doctor's --s3-endpoint does), and the hosted UI
 * enforces the client's callback URLs in cognito-local exactly. They run in this process.
 */
export function startWorldPlatformFakes(endpoints: EngineWorld["endpoints"]): Promise<PlatformFakes> {
  return startPlatformFakes({
    siteOf: (host) => {
      const bucket = /^([a-z0-9-]+)\.s3[.-]/.exec(host)?.[1];
      return bucket === undefined ? undefined : `${endpoints.s3}/${bucket}`;
    },
    callbackUrls: async (clientId) => {
      const { UserPools = [] } = await cognitoCall<{ UserPools?: { Id: string }[] }>(endpoints.cognito, "ListUserPools", {
        MaxResults: 60,
      });
      for (const pool of UserPools) {
        const { UserPoolClients = [] } = await cognitoCall<{ UserPoolClients?: { ClientId: string }[] }>(
          endpoints.cognito,
          "ListUserPoolClients",
          {
            UserPoolId: pool.Id,
            MaxResults: 60,
          },
        );
        if (!UserPoolClients.some((c) => c.ClientId === clientId)) continue;
        const { UserPoolClient } = await cognitoCall<{ UserPoolClient?: { CallbackURLs?: string[] } }>(
          endpoints.cognito,
          "DescribeUserPoolClient",
          {
            UserPoolId: pool.Id,
            ClientId: clientId,
          },
        );
        return UserPoolClient?.CallbackURLs ?? [];
      }
      return undefined;
    },
  });
}

/** The doctor flags that send the platform probes to the fakes. */
export const platformFakeFlags = (fakes: Pick<PlatformFakes, "appleCdn" | "assetLinks" | "hostedUi">): string[] => [
  "--apple-cdn-endpoint",
  fakes.appleCdn,
  "--asset-links-endpoint",
  fakes.assetLinks,
  "--cognito-domain-endpoint",
  fakes.hostedUi,
];

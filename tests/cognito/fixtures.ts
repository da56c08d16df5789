import { cognitoCall } from "../emulators/cognitoLocal";

export const CLIENT_NAME = "esp-rainmaker-alexa-skill";
export const SKILL_URLS = [
  "https://pitangui.amazon.com/api/skill/link/M2AAAAAAAAAAAA",
  "https://layla.amazon.com/api/skill/link/M2AAAAAAAAAAAA",
  "https://alexa.amazon.co.jp/api/skill/link/M2AAAAAAAAAAAA",
];

/** A configuration like the RainMaker deployment's Alexa client. */
export const richClient = (UserPoolId: string, ClientName = CLIENT_NAME) => ({
  UserPoolId,
  ClientName,
  GenerateSecret: true,
  RefreshTokenValidity: 3650,
  AccessTokenValidity: 60,
  IdTokenValidity: 60,
  TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" },
  ReadAttributes: ["email", "name"],
  WriteAttributes: ["name"],
  ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"],
  SupportedIdentityProviders: ["COGNITO", "Google"],
  CallbackURLs: SKILL_URLS,
  LogoutURLs: ["https://rainmaker.example.com/logout"],
  DefaultRedirectURI: SKILL_URLS[0],
  AllowedOAuthFlows: ["code"],
  AllowedOAuthScopes: ["openid", "email", "aws.cognito.signin.user.admin"],
  AllowedOAuthFlowsUserPoolClient: true,
  PreventUserExistenceErrors: "ENABLED",
  EnableTokenRevocation: true,
});

/** Everything of a described client but what any write changes. */
export const stableFields = (client: any) => {
  const { LastModifiedDate, CallbackURLs, ...rest } = client;
  return rest;
};

export async function createPool(endpoint: string, PoolName: string): Promise<string> {
  const out = await cognitoCall(endpoint, "CreateUserPool", { PoolName });
  return out.UserPool.Id;
}

export async function createClient(endpoint: string, body: object): Promise<{ ClientId: string; ClientSecret?: string }> {
  const out = await cognitoCall(endpoint, "CreateUserPoolClient", body);
  return out.UserPoolClient;
}

export async function describeClient(endpoint: string, UserPoolId: string, ClientId: string): Promise<any> {
  const out = await cognitoCall(endpoint, "DescribeUserPoolClient", { UserPoolId, ClientId });
  return out.UserPoolClient;
}

export async function setCallbackUrls(endpoint: string, UserPoolId: string, ClientId: string, urls: string[]) {
  const current = await describeClient(endpoint, UserPoolId, ClientId);
  const { ClientSecret, CreationDate, LastModifiedDate, ...rest } = current;
  await cognitoCall(endpoint, "UpdateUserPoolClient", { ...rest, CallbackURLs: urls });
}

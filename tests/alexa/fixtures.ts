import type { AccountLinking, SkillLinkingInputs } from "../../packages/alexa-linking-component/src/alexa/types";
import type { SmapiEmulator } from "../emulators/smapi";

export const SKILL_A = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555";
export const SKILL_B = "amzn1.ask.skill.aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
export const SKILL_C = "amzn1.ask.skill.01234567-89ab-cdef-0123-456789abcdef";

export const REDIRECT = "https://rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com/";
export const OTHER_REDIRECT = "https://partner.example.com/alexa";
export const COGNITO_CLIENT_ID = "5v2ixs1b8ikvmkmhtfgp8lnd9q";
/** Characters that break an unencoded form body or a naive query string. */
export const COGNITO_SECRET = "s3cr&t=a+b/c==";

/** An account linking with every documented field, as stored (secret included, boolean skip). */
export function fullLinking(overrides: AccountLinking = {}): AccountLinking {
  return {
    type: "AUTH_CODE",
    authorizationUrl: "https://rainmaker.auth.eu-west-1.amazoncognito.com/oauth2/authorize",
    domains: ["rainmaker.example.com"],
    clientId: COGNITO_CLIENT_ID,
    scopes: ["openid", "email", "aws.cognito.signin.user.admin"],
    accessTokenUrl: "https://rainmaker.auth.eu-west-1.amazoncognito.com/oauth2/token",
    clientSecret: "old-secret",
    accessTokenScheme: "HTTP_BASIC",
    defaultTokenExpirationInSeconds: 3600,
    reciprocalAccessTokenUrl: "https://api.rainmaker.example.com/reciprocal",
    redirectUrls: [OTHER_REDIRECT],
    authorizationUrlsByPlatform: [{ platformType: "iOS", platformAuthorizationUrl: "https://rainmaker.example.com/ios" }],
    skipOnEnablement: true,
    voiceForwardAccountLinking: "ENABLED",
    ...overrides,
  };
}

/** One skill's resource inputs against the SMAPI emulator, with its LWA credentials. */
export function skillInputs(emu: SmapiEmulator, skillId: string, over: Partial<SkillLinkingInputs> = {}): SkillLinkingInputs {
  return {
    skillId,
    stage: "development",
    redirectUrl: REDIRECT,
    cognitoClientId: COGNITO_CLIENT_ID,
    clientSecret: COGNITO_SECRET,
    lwa: { ...emu.lwa },
    endpoints: { smapi: emu.url, lwa: emu.lwaUrl },
    version: "0.1.0",
    ...over,
  };
}

/** The same without the secret, the way a GET shows it (before the string quirk). */
export function withoutSecret(linking: AccountLinking): AccountLinking {
  const { clientSecret: _s, ...rest } = linking;
  void _s;
  return rest;
}

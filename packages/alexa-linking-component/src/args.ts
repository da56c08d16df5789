import * as pulumi from "@pulumi/pulumi";

/**
 * Inputs of AlexaAppLinking. Interfaces of `pulumi.Input<T>` without union types, so the same
 * class can be served to Python, Go, .NET and YAML programs as a multi-language component.
 */
export interface AlexaAppLinkingArgs {
  /** S3 bucket that serves the association files (no dots). Default: `<name>-<stack>-<AWS account id>`. */
  bucketName?: pulumi.Input<string>;
  /**
   * How the association files become public: "policy" (default; ACLs disabled, a bucket policy
   * grants s3:GetObject on .well-known/* only), "acl" (the manual guide's way: ACLs enabled,
   * public-read objects, plus the policy) or "cloudfront" (the bucket stays private, with all of
   * Block Public Access on; a CloudFront distribution reads it through an Origin Access Control
   * and serves the files over HTTPS, on its own host or on `cloudFront.domainName`). A plain
   * value, not an Output: it decides which resources exist.
   */
  publicAccess?: pulumi.Input<string>;
  /** Settings of the "cloudfront" mode (a custom domain); only with publicAccess "cloudfront". A plain value, not an Output. */
  cloudFront?: pulumi.Input<CloudFront>;
  /** iOS universal links: renders .well-known/apple-app-site-association. */
  ios?: pulumi.Input<Ios>;
  /** Android app links: renders .well-known/assetlinks.json, one statement per app. */
  android?: pulumi.Input<pulumi.Input<AndroidApp>[]>;
  /** The RainMaker Cognito app client that receives redirectURL as a callback URL. */
  cognito?: pulumi.Input<Cognito>;
  /**
   * The RainMaker Alexa skills whose account linking gets redirectURL, one resource each. A plain
   * list, not an Output: it decides which resources exist.
   */
  skills?: pulumi.Input<pulumi.Input<Skill>[]>;
  /** Login with Amazon credentials for SMAPI, made secret. Required when `skills` is not empty. */
  smapi?: pulumi.Input<SmapiCredentials>;
  /** Where alexaAccessTokenURL comes from. */
  accessToken?: pulumi.Input<AccessToken>;
  /**
   * Fetch each association file from its public URL after deploy. Default: true. Left out with
   * `cloudFront.domainName` and no `hostedZoneId`, where the domain resolves only once you have
   * created the records in `dnsRecords` (the deploy warns; run `alexa-linking verify` then). A
   * plain value, not an Output.
   */
  verify?: pulumi.Input<boolean>;
  /** Endpoint overrides for emulators and LocalStack. */
  endpoints?: pulumi.Input<Endpoints>;
}

export interface CloudFront {
  /**
   * The host the links use, e.g. `links.example.com`: redirectURL becomes `https://<domainName>/`.
   * Default: the distribution's `<id>.cloudfront.net`.
   */
  domainName?: pulumi.Input<string>;
  /**
   * Route 53 public hosted zone of domainName: the component validates the certificate with DNS
   * records in it and adds A/AAAA alias records to the distribution. Without it, the output
   * dnsRecords lists the records to create by hand.
   */
  hostedZoneId?: pulumi.Input<string>;
  /**
   * An existing ACM certificate in us-east-1 that covers domainName. Default: the component
   * requests one in us-east-1 (through an explicit us-east-1 provider) and validates it by DNS.
   */
  certificateArn?: pulumi.Input<string>;
}

export interface Ios {
  /** App IDs, `TEAMID.bundle.id` (Team ID: 10 uppercase letters or digits). */
  appIds: pulumi.Input<pulumi.Input<string>[]>;
  /** applinks components. Default: every path (`[{"/": "*"}]`), which covers the redirect URL. */
  components?: pulumi.Input<pulumi.Input<IosComponent>[]>;
  /** App IDs for the webcredentials section (shared web credentials). Omitted when empty. */
  webcredentials?: pulumi.Input<pulumi.Input<string>[]>;
}

/** One applinks component; keys as Apple documents them. */
export interface IosComponent {
  /** Path pattern (`/`). */
  path?: pulumi.Input<string>;
  /** Query pattern (`?`) matched against the whole query string. */
  query?: pulumi.Input<string>;
  /** Query item patterns (`?` as a dictionary): item name to value pattern. Not with `query`. */
  queryItems?: pulumi.Input<{ [name: string]: pulumi.Input<string> }>;
  /** Fragment pattern (`#`). */
  fragment?: pulumi.Input<string>;
  /** True to exclude matching URLs. */
  exclude?: pulumi.Input<boolean>;
  /** Free text kept in the file. */
  comment?: pulumi.Input<string>;
  /** Pattern matching is case-sensitive (Apple's default: true). */
  caseSensitive?: pulumi.Input<boolean>;
  /** Patterns are percent-encoded (Apple's default: true). */
  percentEncoded?: pulumi.Input<boolean>;
}

export interface AndroidApp {
  /** Application id, e.g. `com.espressif.rainmaker`. */
  packageName: pulumi.Input<string>;
  /** SHA-256 signing certificate fingerprints; bare or colon-separated hex, any case. */
  sha256CertFingerprints: pulumi.Input<pulumi.Input<string>[]>;
}

export interface Cognito {
  /** User pool id. Default: the one pool in the region that has a client named `clientName`. */
  userPoolId?: pulumi.Input<string>;
  /** App client name. Default: `esp-rainmaker-alexa-skill`. */
  clientName?: pulumi.Input<string>;
  /** App client id; skips the lookup by name. */
  clientId?: pulumi.Input<string>;
}

export interface Skill {
  /** Alexa skill id, `amzn1.ask.skill.<uuid>`. */
  skillId: pulumi.Input<string>;
  /** Skill stage. Only `development` can be changed through SMAPI. Default: `development`. */
  stage?: pulumi.Input<string>;
}

export interface SmapiCredentials {
  /** Login with Amazon client id of the security profile used for SMAPI. */
  clientId: pulumi.Input<string>;
  /** Login with Amazon client secret. */
  clientSecret: pulumi.Input<string>;
  /** Login with Amazon refresh token (from `ask util generate-lwa-tokens`). */
  refreshToken: pulumi.Input<string>;
}

export interface AccessToken {
  /** REST API name. Default: `AlexaSkillLinking`. */
  apiName?: pulumi.Input<string>;
  /** Stage name. Default: `dev`. */
  stage?: pulumi.Input<string>;
  /** The invoke URL itself; skips the lookup. */
  url?: pulumi.Input<string>;
}

export interface Endpoints {
  /** SMAPI base URL. Default: https://api.amazonalexa.com */
  smapi?: pulumi.Input<string>;
  /** Login with Amazon base URL. Default: https://api.amazon.com */
  lwa?: pulumi.Input<string>;
  /** Cognito Identity Provider endpoint. Default: the regional AWS endpoint. */
  cognito?: pulumi.Input<string>;
  /** API Gateway endpoint. Default: the regional AWS endpoint. */
  apiGateway?: pulumi.Input<string>;
  /**
   * S3 endpoint that the post-deploy check fetches the association files from, path-style
   * (`<s3>/<bucket>/.well-known/...`), for an S3 emulator such as moto. The outputs keep the
   * public URLs. Default: the public bucket URL, as Apple and Google fetch it.
   */
  s3?: pulumi.Input<string>;
}

// The argument types are named as the multi-language schema should name them: Python's and Go's
// SDKs add "Args" to every input type (`alexa.IosArgs`), so `IosArgs` here would become
// `IosArgsArgs` there. TypeScript programs keep the names they have always used:
/** The TypeScript name of `IosComponent`. */
export type IosComponentArgs = IosComponent;
/** The TypeScript name of `CloudFront`. */
export type CloudFrontArgs = CloudFront;
/** The TypeScript name of `Ios`. */
export type IosArgs = Ios;
/** The TypeScript name of `AndroidApp`. */
export type AndroidAppArgs = AndroidApp;
/** The TypeScript name of `Cognito`. */
export type CognitoArgs = Cognito;
/** The TypeScript name of `Skill`. */
export type SkillArgs = Skill;
/** The TypeScript name of `SmapiCredentials`. */
export type SmapiCredentialsArgs = SmapiCredentials;
/** The TypeScript name of `AccessToken`. */
export type AccessTokenArgs = AccessToken;
/** The TypeScript name of `Endpoints`. */
export type EndpointsArgs = Endpoints;

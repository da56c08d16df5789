import * as pulumi from "@pulumi/pulumi";
import { AlexaAppLinking, argsFromConfig, PLAIN_CONFIG_KEYS } from "alexa-linking-component";
import { smapiCredentials } from "./smapiCredentials";

const config = new pulumi.Config();
const args = argsFromConfig(Object.fromEntries(PLAIN_CONFIG_KEYS.map((key) => [key, config.get(key)])));
const hasSkills = Array.isArray(args.skills) && args.skills.length > 0;

const links = new AlexaAppLinking("alexa-links", {
  ...args,
  ...(hasSkills ? { smapi: smapiCredentials(config, process.env) } : {}),
});

// What the mobile builds consume (`alexa-linking mobile-config` reads these).
export const redirectURL = links.redirectURL;
export const redirectHost = links.redirectHost;
export const bucketName = links.bucketName;
export const associationFileUrls = links.associationFileUrls;
export const alexaAccessTokenURL = links.alexaAccessTokenURL;
export const cognitoClientId = links.cognitoClientId;
export const cognitoUserPoolId = links.cognitoUserPoolId;
export const skills = links.skills;

import * as pulumi from "@pulumi/pulumi";
import { AlexaAppLinking, programConfig, stackArgs } from "alexa-linking-component";

// Every mistake in the stack file is reported at once, by stack key, before any resource exists.
const { values, isSecret } = programConfig();
const args = stackArgs(values, { isSecret, env: process.env, stackFile: `stacks/Pulumi.${pulumi.getStack()}.yaml` });

const links = new AlexaAppLinking("alexa-links", args);

// What the mobile builds consume (`alexa-linking mobile-config` reads these).
export const redirectURL = links.redirectURL;
export const redirectHost = links.redirectHost;
export const bucketName = links.bucketName;
export const associationFileUrls = links.associationFileUrls;
export const alexaAccessTokenURL = links.alexaAccessTokenURL;
export const cognitoClientId = links.cognitoClientId;
export const cognitoUserPoolId = links.cognitoUserPoolId;
export const skills = links.skills;
export const dnsRecords = links.dnsRecords;

import * as pulumi from "@pulumi/pulumi";
import { AlexaAppLinking } from "../../../packages/alexa-linking-component/src/alexaAppLinking";
import type { AlexaAppLinkingArgs } from "../../../packages/alexa-linking-component/src/args";
import { promiseOf } from "../../support/pulumiMocks";

/** The stack program: one AlexaAppLinking per entry; answers each component's outputs. */
export async function program(request: { components?: { name: string; args: AlexaAppLinkingArgs }[] }) {
  const outputs: Record<string, unknown> = {};
  for (const { name, args } of request.components ?? []) {
    const c = new AlexaAppLinking(name, args);
    outputs[name] = await promiseOf(
      pulumi.output({
        redirectURL: c.redirectURL,
        redirectHost: c.redirectHost,
        bucketName: c.bucketName,
        associationFileUrls: c.associationFileUrls,
        cognitoClientId: c.cognitoClientId,
        cognitoUserPoolId: c.cognitoUserPoolId,
        alexaAccessTokenURL: c.alexaAccessTokenURL,
        skills: c.skills,
      }),
    );
  }
  return outputs;
}

import * as pulumi from "@pulumi/pulumi";
import { fromEnvironment, SECRET_CONFIG_KEYS, SMAPI_ENVIRONMENT, SmapiCredentialsArgs } from "alexa-linking-component";

/**
 * The Login with Amazon credentials for SMAPI: secret stack config first, then the ASK CLI's
 * environment variables. Either way the values are Pulumi secrets. A missing one fails the
 * program at once (at preview), naming the key and the variables, never a value.
 */
export function smapiCredentials(config: pulumi.Config, env: NodeJS.ProcessEnv): SmapiCredentialsArgs {
  const read = (part: keyof typeof SECRET_CONFIG_KEYS): pulumi.Output<string> => {
    const key = SECRET_CONFIG_KEYS[part];
    // runtime.getConfig reads the decrypted value without Config.get's "use getSecret" warning.
    const value = pulumi.runtime.getConfig(`${config.name}:${key}`) ?? fromEnvironment(SMAPI_ENVIRONMENT[part], env);
    if (value === undefined) {
      throw new Error(
        `config ${config.name}:${key} is not set and neither is ${SMAPI_ENVIRONMENT[part].join(" or ")}. ` +
          `Fix: \`pulumi config set --secret ${key} <value>\` (see the README, "SMAPI credentials").`,
      );
    }
    return pulumi.secret(value);
  };
  return { clientId: read("clientId"), clientSecret: read("clientSecret"), refreshToken: read("refreshToken") };
}

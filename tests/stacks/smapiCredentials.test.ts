import * as pulumi from "@pulumi/pulumi";
import { installMocks } from "../support/pulumiMocks";

installMocks();

import { smapiCredentials } from "../../stacks/smapiCredentials";

/** The value and the secretness of an output. */
async function settle(output: pulumi.Output<string>): Promise<{ value: string; secret: boolean }> {
  const value = await new Promise<string>((resolve) => output.apply(resolve));
  return { value, secret: await pulumi.isSecret(output) };
}

function withConfig(values: Record<string, string>) {
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(values).map(([k, v]) => [`alexa-app-linking:${k}`, v])),
    Object.keys(values).map((k) => `alexa-app-linking:${k}`),
  );
  return new pulumi.Config("alexa-app-linking");
}

describe("SMAPI credentials for the stack", () => {
  it("come from secret stack config and stay secret", async () => {
    const creds = smapiCredentials(withConfig({ smapiClientId: "cfg-id", smapiClientSecret: "cfg-secret", smapiRefreshToken: "cfg-token" }), {});
    expect(await settle(pulumi.output(creds.clientId))).toEqual({ value: "cfg-id", secret: true });
    expect(await settle(pulumi.output(creds.clientSecret))).toEqual({ value: "cfg-secret", secret: true });
    expect(await settle(pulumi.output(creds.refreshToken))).toEqual({ value: "cfg-token", secret: true });
  });

  it("fall back to the ASK CLI environment variables, still secret", async () => {
    const env = { ASK_LWA_CLIENT_ID: "env-id", ASK_LWA_CLIENT_CONFIRMATION: "env-secret", ASK_REFRESH_TOKEN: "env-token" };
    const creds = smapiCredentials(withConfig({}), env);
    expect(await settle(pulumi.output(creds.clientId))).toEqual({ value: "env-id", secret: true });
    expect(await settle(pulumi.output(creds.clientSecret))).toEqual({ value: "env-secret", secret: true });
    expect(await settle(pulumi.output(creds.refreshToken))).toEqual({ value: "env-token", secret: true });
  });

  it("prefer config over the environment, and accept ASK_LWA_CLIENT_SECRET", async () => {
    const creds = smapiCredentials(withConfig({ smapiClientId: "cfg-id" }), { ASK_LWA_CLIENT_ID: "env-id", ASK_LWA_CLIENT_SECRET: "alt-secret", ASK_REFRESH_TOKEN: "env-token" });
    expect((await settle(pulumi.output(creds.clientId))).value).toBe("cfg-id");
    expect((await settle(pulumi.output(creds.clientSecret))).value).toBe("alt-secret");
  });
});

describe("missing SMAPI credentials", () => {
  it("fail at once with the config key, the environment variables and the fix", () => {
    expect(() => smapiCredentials(withConfig({ smapiClientId: "cfg-id", smapiClientSecret: "cfg-secret" }), {})).toThrow(
      /^config alexa-app-linking:smapiRefreshToken is not set and neither is ASK_REFRESH_TOKEN\. Fix: `pulumi config set --secret smapiRefreshToken <value>`/,
    );
  });

  it("never show a value in that message", () => {
    let message = "";
    try {
      smapiCredentials(withConfig({ smapiClientId: "cfg-id-123", smapiClientSecret: "cfg-secret-456" }), { ASK_LWA_CLIENT_ID: "env-id-789" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/smapiRefreshToken/);
    for (const secret of ["cfg-id-123", "cfg-secret-456", "env-id-789"]) expect(message).not.toContain(secret);
  });
});

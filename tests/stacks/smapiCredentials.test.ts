import * as pulumi from "@pulumi/pulumi";
import { installMocks } from "../support/pulumiMocks";
import { stackArgs, StackConfigSources } from "../../packages/alexa-linking-component/src/stackConfig";
import type { SmapiCredentialsArgs } from "../../packages/alexa-linking-component/src/args";

installMocks();

const skillIds = ["amzn1.ask.skill.00000000-0000-4000-8000-000000000001"];
const iosAppIds = ["ABCDE12345.com.espressif.rainmaker"];

/** The value and the secretness of an output. */
async function settle(output: pulumi.Input<string>): Promise<{ value: string; secret: boolean }> {
  const value = await new Promise<string>((resolve) => pulumi.output(output).apply(resolve));
  return { value, secret: await pulumi.isSecret(pulumi.output(output)) };
}

/** The stack's credentials, as stackArgs reads them from secret config and the environment. */
function credentials(secrets: Record<string, string>, env: NodeJS.ProcessEnv, sources: StackConfigSources = {}) {
  const args = stackArgs({ skillIds, iosAppIds, ...secrets }, { isSecret: (key) => key in secrets, env, ...sources });
  return args.smapi as SmapiCredentialsArgs;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected a failure");
}

describe("SMAPI credentials for the stack", () => {
  it("come from secret stack config and stay secret", async () => {
    const creds = credentials({ smapiClientId: "cfg-id", smapiClientSecret: "cfg-secret", smapiRefreshToken: "cfg-token" }, {});
    expect(await settle(creds.clientId)).toEqual({ value: "cfg-id", secret: true });
    expect(await settle(creds.clientSecret)).toEqual({ value: "cfg-secret", secret: true });
    expect(await settle(creds.refreshToken)).toEqual({ value: "cfg-token", secret: true });
  });

  it("fall back to the ASK CLI environment variables, still secret", async () => {
    const creds = credentials(
      {},
      { ASK_LWA_CLIENT_ID: "env-id", ASK_LWA_CLIENT_CONFIRMATION: "env-secret", ASK_REFRESH_TOKEN: "env-token" },
    );
    expect(await settle(creds.clientId)).toEqual({ value: "env-id", secret: true });
    expect(await settle(creds.clientSecret)).toEqual({ value: "env-secret", secret: true });
    expect(await settle(creds.refreshToken)).toEqual({ value: "env-token", secret: true });
  });

  it("prefer config over the environment, and accept ASK_LWA_CLIENT_SECRET", async () => {
    const creds = credentials(
      { smapiClientId: "cfg-id" },
      { ASK_LWA_CLIENT_ID: "env-id", ASK_LWA_CLIENT_SECRET: "alt-secret", ASK_REFRESH_TOKEN: "env-token" },
    );
    expect((await settle(creds.clientId)).value).toBe("cfg-id");
    expect((await settle(creds.clientSecret)).value).toBe("alt-secret");
  });

  it("are not needed without skills: the project default empty string means unset", () => {
    const args = stackArgs(
      {
        iosAppIds: '["ABCDE12345.com.espressif.rainmaker"]',
        skillIds: "[]",
        smapiClientId: "",
        smapiClientSecret: "",
        smapiRefreshToken: "",
      },
      { env: {} },
    );
    expect(args.smapi).toBeUndefined();
  });
});

describe("missing or exposed SMAPI credentials", () => {
  it("fail at once with the config key, the environment variables and the fix", () => {
    expect(messageOf(() => credentials({ smapiClientId: "cfg-id", smapiClientSecret: "cfg-secret" }, {}))).toMatch(
      /config alexa-app-linking:smapiRefreshToken is not set and neither is ASK_REFRESH_TOKEN, and skillIds needs it\. Fix: `pulumi config set --secret smapiRefreshToken <value>`/,
    );
  });

  it("list every missing credential in one error", () => {
    const message = messageOf(() => credentials({}, {}));
    expect(message).toMatch(/^The stack config has 3 problems/);
    for (const key of ["smapiClientId", "smapiClientSecret", "smapiRefreshToken"])
      expect(message).toContain(`alexa-app-linking:${key} is not set`);
  });

  it("refuse a credential stored in plain text, without showing it", () => {
    const message = messageOf(() =>
      stackArgs(
        { skillIds, iosAppIds, smapiClientId: "plain-id-123", smapiClientSecret: "s", smapiRefreshToken: "t" },
        { isSecret: (key) => key !== "smapiClientId", env: {} },
      ),
    );
    expect(message).toMatch(
      /smapiClientId is stored in plain text in the stack file\. Fix: `pulumi config rm smapiClientId`, then `pulumi config set --secret smapiClientId <value>`/,
    );
    expect(message).not.toContain("plain-id-123");
  });

  it("never show a value in that message", () => {
    const message = messageOf(() =>
      credentials({ smapiClientId: "cfg-id-123", smapiClientSecret: "cfg-secret-456" }, { ASK_LWA_CLIENT_ID: "env-id-789" }),
    );
    expect(message).toMatch(/smapiRefreshToken/);
    for (const secret of ["cfg-id-123", "cfg-secret-456", "env-id-789"]) expect(message).not.toContain(secret);
  });
});

import { createCognitoClient } from "../../packages/alexa-linking-component/src/cognito/client";

describe("createCognitoClient", () => {
  it("uses the stack's AWS profile when one is given", async () => {
    const client = createCognitoClient({ region: "eu-west-1", profile: "rainmaker-admin" });
    expect(client.config.profile).toBe("rainmaker-admin");
    expect(await client.config.region()).toBe("eu-west-1");
  });

  it("lets static credentials (emulators) win over a profile", () => {
    const client = createCognitoClient(
      { region: "eu-west-1", profile: "rainmaker-admin" },
      { credentials: { accessKeyId: "a", secretAccessKey: "b" } },
    );
    expect(client.config.profile).toBeUndefined();
  });

  it("uses the SDK's chain without a profile, with the standard retry mode", async () => {
    const client = createCognitoClient({ region: "eu-west-1", endpoint: "http://127.0.0.1:9229" });
    expect(client.config.profile).toBeUndefined();
    expect(await client.config.maxAttempts()).toBe(5);
    expect(client.config.retryMode).toBe("standard");
  });
});

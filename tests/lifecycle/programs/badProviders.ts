import * as pulumi from "@pulumi/pulumi";
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from "@aws-sdk/client-cognito-identity-provider";
import { promiseOf } from "../../support/pulumiMocks";

/*
 * Dynamic providers written the way ours must never be, for the tests that prove the harness
 * catches them: each works when a test calls the object directly, in the process that built it.
 */

// An SDK client built once at module level and captured by the provider.
const client = new CognitoIdentityProviderClient({
  region: "eu-west-1",
  endpoint: "http://127.0.0.1:9",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});

export const sdkClientProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    const out = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: inputs.userPoolId, ClientId: inputs.clientId }));
    return { id: inputs.clientId, outs: { clientName: out.UserPoolClient?.ClientName ?? "" } };
  },
};

// A module-level Map: the serializer copies it as a plain object holding Map's methods.
const written = new Map<string, string>();

export const mapProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    written.set(inputs.key, inputs.value);
    return { id: inputs.key, outs: { value: written.get(inputs.key) } };
  },
};

class Fixture extends pulumi.dynamic.Resource {}

export async function program(request: { variant?: string }): Promise<unknown> {
  const resource =
    request.variant === "sdk-client"
      ? new Fixture(
          sdkClientProvider,
          "captures-sdk-client",
          { userPoolId: "eu-west-1_pool", clientId: "client" },
          {},
          "lifecycle-fixtures",
          "CapturesSdkClient",
        )
      : new Fixture(mapProvider, "captures-map", { key: "k", value: "v" }, {}, "lifecycle-fixtures", "CapturesMap");
  return { id: await promiseOf(resource.id) };
}

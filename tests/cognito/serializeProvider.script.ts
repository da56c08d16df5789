// Run by serialize.test.ts in a child process (ts-node), as the Pulumi engine's program would:
// serializes the provider the way pulumi.dynamic.Resource does and writes the module text.
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { cognitoCallbackUrlProvider } from "../../packages/alexa-linking-component/src/providers/cognitoCallbackUrl";

async function main(out: string): Promise<void> {
  const provider = cognitoCallbackUrlProvider({
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 2,
  });
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  fs.writeFileSync(out, sf.text);
}

main(process.argv[2]).catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exitCode = 1;
});

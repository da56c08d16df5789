import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { checkCognito } from "../../packages/alexa-linking-component/src/doctor/cognito";

/** A Cognito endpoint that accepts the request and never answers. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer(() => undefined);
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe("doctor's Cognito check", () => {
  it("ends at --timeout-ms when Cognito never answers, and says it timed out", async () => {
    const server = await silentServer();
    try {
      const result = await checkCognito({ userPoolId: "eu-west-1_pool", clientId: "client" }, "https://links.s3.eu-west-1.amazonaws.com/", {
        endpoint: server.url,
        region: "eu-west-1",
        credentials: { accessKeyId: "k", secretAccessKey: "s" },
        maxAttempts: 1,
        timeoutMs: 300,
      });
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).toMatch(/no answer within 300 ms/);
    } finally {
      await server.close();
    }
  }, 20_000);
});

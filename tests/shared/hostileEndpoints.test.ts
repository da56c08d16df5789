/**
 * Endpoint overrides against a server on 127.0.0.1 that records every request (issue 23, points 4
 * and 7): a `*.localhost` name is not "this machine" for plain http (the name would go to
 * getaddrinfo, and from there to the network's DNS server), and a refused URL is never echoed
 * with its password.
 */
const dns = require("node:dns") as typeof import("node:dns");
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { assertSafeEndpoint } from "../../packages/alexa-linking-component/src/shared/urls";
import { runDoctorCli } from "../doctor/harness";

const REDIRECT = "https://links.s3.eu-west-1.amazonaws.com/";
const OUTPUTS = JSON.stringify({
  redirectURL: REDIRECT,
  associationFileUrls: { ios: `${REDIRECT}.well-known/apple-app-site-association` },
  cognitoClientId: "client",
  cognitoUserPoolId: "eu-west-1_AbC123",
  alexaAccessTokenURL: "https://abcdefghij.execute-api.eu-west-1.amazonaws.com/dev/token",
  skills: [],
});

let server: http.Server;
let port: number;
const requests: string[] = [];
const looked: string[] = [];
let lookup: jest.SpyInstance;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests.length = 0;
  looked.length = 0;
  // Any name resolution is recorded (and answered with this server, as a hostile resolver would).
  lookup = jest.spyOn(dns, "lookup").mockImplementation(((hostname: string, ...rest: unknown[]) => {
    looked.push(hostname);
    const callback = rest[rest.length - 1] as (err: null, address: string, family: number) => void;
    callback(null, "127.0.0.1", 4);
  }) as unknown as typeof dns.lookup);
});
afterEach(() => lookup.mockRestore());

describe("*.localhost is not this machine for plain http", () => {
  test.each(["--smapi-endpoint", "--lwa-endpoint", "--cognito-endpoint", "--s3-endpoint", "--api-gateway-endpoint"])(
    "doctor %s http://smapi.localhost:<port> is a usage error; no name is looked up, no request sent",
    async (flag) => {
      const url = `http://smapi.localhost:${port}`;
      const run = await runDoctorCli([flag, url], { stdin: OUTPUTS, env: {} });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${flag} "${url}" uses plain http to smapi.localhost, which is not this machine`);
      expect(looked).toEqual([]);
      expect(requests).toEqual([]);
    },
  );

  test("a request with credentials to http://smapi.localhost is refused before any lookup", () => {
    expect(() => assertSafeEndpoint(`http://smapi.localhost:${port}/v1/skills`, "SMAPI")).toThrow(
      /uses plain http to smapi\.localhost, which is not this machine: .*; no request was sent/,
    );
    expect(looked).toEqual([]);
    expect(requests).toEqual([]);
  });
});

describe("a refused endpoint is shown with its password masked", () => {
  test.each([
    ["--lwa-endpoint", "http://admin:hunter2@10.1.2.3/", '"http://***@10.1.2.3/"'],
    ["--smapi-endpoint", `http://admin:hunter2@127.0.0.1:0/`, '"http://***@127.0.0.1:0/"'],
    ["--cognito-endpoint", "admin:hunter2@10.1.2.3", '"***@10.1.2.3"'],
  ])("doctor %s %s", async (flag, url, shown) => {
    const run = await runDoctorCli([flag, url], { stdin: OUTPUTS, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${flag} ${shown} `);
    expect(`${run.stdout}${run.stderr}`).not.toContain("hunter2");
    expect(requests).toEqual([]);
  });
});

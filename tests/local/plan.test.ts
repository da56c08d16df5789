import * as path from "node:path";
import { parse } from "yaml";
import {
  BANNER,
  commandEnv,
  doctorCommand,
  LOCAL_PASSPHRASE,
  mobileConfigCommand,
  parseArgs,
  readRecord,
  runConfigText,
  runPaths,
  shellQuote,
  stillOurs,
  UsageError,
  type RunRecord,
} from "../../scripts/local/plan";
import { doctorEndpointFlags, worldSpecOf } from "../engine/harness/localEnvironment";

describe("parseArgs", () => {
  test.each<[string[], string]>([
    [[], "up"],
    [["--keep"], "keep"],
    [["--destroy"], "destroy"],
  ])("%j -> %s", (argv, mode) => expect(parseArgs(argv)).toBe(mode));

  test.each<[string[], RegExp]>([
    [
      ["--yes"],
      /"--yes" is not an option of `pnpm stack-up local`\. Fix: run it with no option, --keep or --destroy; pulumi up options are for real stacks \(pnpm stack-up dev --yes\)/,
    ],
    [["--keep", "--destroy"], /--keep and --destroy were both given\. Fix: give one of them/],
    [["--help"], /^usage: pnpm stack-up local/],
  ])("%j is refused", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe("runPaths", () => {
  test("everything a run writes is under .pulumi-state/local (gitignored)", () => {
    const paths = runPaths("/repo");
    for (const [name, file] of Object.entries(paths)) {
      expect([name, file.startsWith(path.join("/repo", ".pulumi-state", "local"))]).toEqual([name, true]);
    }
  });
});

describe("runConfigText", () => {
  const TRACKED = "# tracked\nconfig:\n  aws:region: eu-west-1\n  alexa-app-linking:skillIds:\n    - a\nencryptionsalt: v1:salt\n";
  test("the tracked keys and salt, plus the emulators' keys", () => {
    const doc = parse(
      runConfigText(TRACKED, { "alexa-app-linking:endpoints": { smapi: "http://127.0.0.1:1" }, "aws:s3UsePathStyle": true }),
    );
    expect(doc).toEqual({
      config: {
        "aws:region": "eu-west-1",
        "alexa-app-linking:skillIds": ["a"],
        "alexa-app-linking:endpoints": { smapi: "http://127.0.0.1:1" },
        "aws:s3UsePathStyle": true,
      },
      encryptionsalt: "v1:salt",
    });
  });
  test("an emulator key replaces the tracked one", () => {
    expect(parse(runConfigText(TRACKED, { "aws:region": "us-east-1" })).config["aws:region"]).toBe("us-east-1");
  });
});

describe("commandEnv", () => {
  const paths = runPaths("/repo");
  const env = commandEnv(
    {
      PATH: "/usr/bin",
      HOME: "/home/me",
      AWS_PROFILE: "prod",
      AWS_SECRET_ACCESS_KEY: "real",
      ASK_REFRESH_TOKEN: "real",
      PULUMI_ACCESS_TOKEN: "pul-real",
      pulumi_backend_url: "s3://x",
    },
    {
      binDir: "/engine",
      pluginDirs: ["/p/aws", "/p/command"],
      paths,
      motoEndpoint: "http://127.0.0.1:5",
      credentials: { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" },
    },
  );
  test("none of your AWS, ASK or Pulumi variables; emulator credentials and the local backend", () => {
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.ASK_REFRESH_TOKEN).toBeUndefined();
    expect(env.PULUMI_ACCESS_TOKEN).toBeUndefined();
    expect(env.pulumi_backend_url).toBeUndefined();
    expect(env.AWS_SECRET_ACCESS_KEY).toBe("testing");
    expect(env.PULUMI_BACKEND_URL).toBe(`file://${paths.backend}`);
    expect(env.PULUMI_HOME).toBe(paths.home);
    expect(env.PULUMI_CONFIG_PASSPHRASE).toBe(LOCAL_PASSPHRASE);
    expect(env.AWS_CONFIG_FILE).toBe(paths.awsConfig);
    expect(env.AWS_SHARED_CREDENTIALS_FILE).toBe(paths.awsConfig);
    expect(env.AWS_ENDPOINT_URL).toBe("http://127.0.0.1:5");
    expect(env.HOME).toBe("/home/me");
  });
  test("the stand-in providers, then the engine, then your PATH", () => {
    expect(env.PATH).toBe(["/p/aws", "/p/command", "/engine", "/usr/bin"].join(path.delimiter));
  });
});

describe("the commands a run shows", () => {
  test("mobile-config for one skill, into the run's folder", () => {
    expect(mobileConfigCommand("amzn1.ask.skill.1", ".pulumi-state/local/mobile-config")).toBe(
      "pulumi stack output --stack local --json | pnpm -s alexa-linking mobile-config --skill-id amzn1.ask.skill.1 --out .pulumi-state/local/mobile-config",
    );
  });
  test("doctor with every endpoint flag of the world", () => {
    const flags = doctorEndpointFlags({
      cognito: "http://127.0.0.1:1",
      smapi: "http://127.0.0.1:2",
      lwa: "http://127.0.0.1:2",
      s3: "http://127.0.0.1:3",
      apiGateway: "http://127.0.0.1:4",
    });
    expect(doctorCommand(flags)).toBe(
      "pulumi stack output --stack local --json --show-secrets | pnpm -s alexa-linking doctor --stack local " +
        "--cognito-endpoint http://127.0.0.1:1 --smapi-endpoint http://127.0.0.1:2 --lwa-endpoint http://127.0.0.1:2 --s3-endpoint http://127.0.0.1:3 --api-gateway-endpoint http://127.0.0.1:4",
    );
  });
  test("shellQuote leaves plain words alone and quotes the rest", () => {
    expect(shellQuote("a/b-c.d:1")).toBe("a/b-c.d:1");
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
  });
  test("the banner says where everything ran", () => {
    expect(BANNER).toBe("LOCAL EMULATORS — nothing in AWS or Amazon was touched");
  });
});

describe("an earlier run's record", () => {
  const record: RunRecord = {
    command: { name: "pnpm stack-up local", pid: 100, match: "scripts/local/stackUpLocal", group: false },
    processes: [
      { name: "moto", pid: 101, match: "serve.py", group: true },
      { name: "cognito-local", pid: 102, match: "cognito-local/lib/bin/start.js", group: true },
    ],
  };
  test("only live processes whose command line is still the recorded one are ours", () => {
    const lines: Record<number, string> = { 100: "vim notes.txt", 101: "/venv/bin/python /repo/tests/engine/moto/serve.py -p 5" };
    expect(stillOurs(record, (pid) => lines[pid]).map((p) => p.name)).toEqual(["moto"]);
  });
  test.each<[string, string | undefined]>([
    ["no record", undefined],
    ["not JSON", "{"],
    ["a pid that is not a number", JSON.stringify({ ...record, command: { ...record.command, pid: "100" } })],
    ["pid 1", JSON.stringify({ ...record, processes: [{ ...record.processes[0], pid: 1 }] })],
    ["an empty match", JSON.stringify({ ...record, processes: [{ ...record.processes[0], match: "" }] })],
  ])("%s: nothing to stop", (_name, text) => expect(readRecord(text)).toBeUndefined());
  test("a good record reads back", () => expect(readRecord(JSON.stringify(record))).toEqual(record));
});

describe("worldSpecOf", () => {
  test("the region and skills the emulators are seeded with", () => {
    expect(worldSpecOf("config:\n  aws:region: eu-west-1\n  alexa-app-linking:skillIds: [a, b]\n")).toEqual({
      region: "eu-west-1",
      skillIds: ["a", "b"],
    });
    expect(worldSpecOf("config:\n  aws:region: us-east-1\n")).toEqual({ region: "us-east-1", skillIds: [] });
  });
  test("a stack file without a region is refused by name", () => {
    expect(() => worldSpecOf("config: {}\n", "stacks/Pulumi.x.yaml")).toThrow(/stacks\/Pulumi\.x\.yaml sets no aws:region/);
  });
});

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import {
  argvOf,
  BANNER,
  commandEnv,
  doctorCommand,
  isStackRmHint,
  LOCAL_ALEXA_CLIENT,
  LOCAL_PASSPHRASE,
  mobileConfigCommand,
  NEXT_STEP,
  nodeWarningText,
  parseOptions,
  procIdentity,
  pulumiSummary,
  readRecord,
  runConfigText,
  runPaths,
  shellQuote,
  startTimeOf,
  stillOurs,
  UsageError,
  warningsIn,
  WarningsShown,
  type RunRecord,
} from "../../scripts/local/plan";
import { doctorEndpointFlags, worldSpecOf } from "../engine/harness/localEnvironment";

describe("parseOptions", () => {
  test.each<[string[], string]>([
    [[], "up"],
    [["--keep"], "keep"],
    [["--destroy"], "destroy"],
  ])("%j -> %s", (argv, mode) => expect(parseOptions(argv).mode).toBe(mode));
  test("--verbose goes with any mode", () => {
    expect(parseOptions(["--keep", "--verbose"])).toEqual({ mode: "keep", verbose: true });
    expect(parseOptions([])).toEqual({ mode: "up", verbose: false });
  });

  test.each<[string[], RegExp]>([
    [
      ["--yes"],
      /"--yes" is not an option of `pnpm stack-up local`\. Fix: run it with no option, --keep, --destroy or --verbose; pulumi up options are for real stacks \(pnpm stack-up dev --yes\)/,
    ],
    [["--keep", "--destroy"], /--keep and --destroy were both given\. Fix: give one of them/],
    [["--help"], /^usage: pnpm stack-up local/],
  ])("%j is refused", (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(UsageError);
    expect(() => parseOptions(argv)).toThrow(message);
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
      // The README has you keep the app's real client values here for releases (issue 23, point 1).
      ALEXA_CLIENT_ID: "amzn1.application-oa2-client.REAL",
      ALEXA_CLIENT_SECRET: "amzn1.oa2-cs.v1.REAL-SECRET",
      alexa_linking_anything: "real",
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
  test("none of your ALEXA_ variables: the mobile files get the run's made-up client values", () => {
    expect(env.ALEXA_CLIENT_ID).toBe(LOCAL_ALEXA_CLIENT.ALEXA_CLIENT_ID);
    expect(env.ALEXA_CLIENT_SECRET).toBe(LOCAL_ALEXA_CLIENT.ALEXA_CLIENT_SECRET);
    expect(env.alexa_linking_anything).toBeUndefined();
    expect(JSON.stringify(env)).not.toMatch(/REAL/);
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
        "--cognito-endpoint http://127.0.0.1:1 --smapi-endpoint http://127.0.0.1:2 --lwa-endpoint http://127.0.0.1:2 --s3-endpoint http://127.0.0.1:3 --api-gateway-endpoint http://127.0.0.1:4 --s3-control-endpoint http://127.0.0.1:3",
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

describe("an earlier run's record: a process is ours only with its recorded start time and exact argv", () => {
  const MOTO_ARGV = ["/repo/.venv/bin/python", "/repo/tests/engine/moto/serve.py", "-H", "127.0.0.1", "-p", "5"];
  const record: RunRecord = {
    command: { name: "pnpm stack-up local", pid: 100, group: false, startTime: "9000", argv: ["node", "scripts/local/stackUpLocal.ts"] },
    processes: [
      { name: "moto", pid: 101, group: true, startTime: "9001", argv: MOTO_ARGV },
      {
        name: "cognito-local",
        pid: 102,
        group: true,
        startTime: "9002",
        argv: ["node", "/repo/node_modules/cognito-local/lib/bin/start.js"],
      },
    ],
  };
  /** A hostile /proc: files an attacker or chance put at the recorded pids. */
  let proc: string;
  beforeEach(() => {
    proc = fs.mkdtempSync(path.join(os.tmpdir(), "fake-proc-"));
  });
  afterEach(() => fs.rmSync(proc, { recursive: true, force: true }));
  const put = (pid: number, startTime: string, argv: string[], comm = "python3") => {
    fs.mkdirSync(path.join(proc, String(pid)));
    // Fields 3.. after the command name; field 22 is the start time.
    const fields = ["S", ...Array.from({ length: 18 }, (_, i) => String(i + 1)), startTime, "0", "0"];
    fs.writeFileSync(path.join(proc, String(pid), "stat"), `${pid} (${comm}) ${fields.join(" ")}\n`);
    fs.writeFileSync(path.join(proc, String(pid), "cmdline"), `${argv.join("\0")}\0`);
  };
  const identity = (pid: number) => procIdentity(pid, proc);

  test("the recorded process itself is ours", () => {
    put(101, "9001", MOTO_ARGV);
    expect(stillOurs(record, identity).map((p) => p.name)).toEqual(["moto"]);
  });
  test("a decoy `python3 /home/other/project/serve.py` at the pid is not moto", () => {
    put(101, "9001", ["python3", "/home/other/project/serve.py"]);
    expect(stillOurs(record, identity)).toEqual([]);
  });
  test("the same argv with another start time is a reused pid, not ours", () => {
    put(101, "12345", MOTO_ARGV);
    expect(stillOurs(record, identity)).toEqual([]);
  });
  test("a command line that only contains the recorded one is not ours (no substring match)", () => {
    put(101, "9001", [...MOTO_ARGV, "--extra"]);
    put(100, "9000", ["vim", "scripts/local/stackUpLocal.ts"]);
    expect(stillOurs(record, identity)).toEqual([]);
  });
  test("a command name with spaces and parentheses does not shift the start time", () => {
    put(102, "9002", record.processes[1].argv, "node) (x y");
    expect(stillOurs(record, identity).map((p) => p.name)).toEqual(["cognito-local"]);
  });
  test("a zombie (empty cmdline) or a missing pid is not ours", () => {
    put(101, "9001", [""]);
    expect(procIdentity(101, proc)).toBeUndefined();
    expect(procIdentity(4242, proc)).toBeUndefined();
  });
  test("startTimeOf reads field 22", () => {
    expect(startTimeOf("7 (a) b) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 777 19 20")).toBe("777");
    expect(startTimeOf("garbage")).toBeUndefined();
    expect(argvOf("a\0b c\0")).toEqual(["a", "b c"]);
  });
  test.each<[string, string | undefined]>([
    ["no record", undefined],
    ["not JSON", "{"],
    ["null", "null"],
    ["a pid that is not a number", JSON.stringify({ ...record, command: { ...record.command, pid: "100" } })],
    ["pid 1", JSON.stringify({ ...record, processes: [{ ...record.processes[0], pid: 1 }] })],
    ["no start time", JSON.stringify({ ...record, processes: [{ ...record.processes[0], startTime: "" }] })],
    ["an empty argv", JSON.stringify({ ...record, processes: [{ ...record.processes[0], argv: [] }] })],
    [
      "the old format (a substring to match)",
      JSON.stringify({ command: { name: "x", pid: 100, match: "stackUpLocal", group: false }, processes: [] }),
    ],
  ])("%s: nothing to stop", (_name, text) => expect(readRecord(text)).toBeUndefined());
  test("a good record reads back", () => expect(readRecord(JSON.stringify(record))).toEqual(record));
});

describe("the screen: each warning once, Pulumi's output summarised", () => {
  const NODE_WARNING = [
    "(node:19292) Warning: NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)",
    "versions published after the first week of January 2027",
    "will require node >=22. You are running node v20.20.2.",
    "",
    "To continue receiving updates to AWS services, bug fixes,",
    "and security updates please upgrade to node >=22.",
    "",
    "More information can be found at: https://a.co/c895JFp",
    "(Use `node --trace-warnings ...` to show where the warning was created)",
  ];
  const TEXT =
    "Warning: NodeVersionSupportWarning: The AWS SDK for JavaScript (v3) versions published after the first week of January 2027 " +
    "will require node >=22. You are running node v20.20.2. To continue receiving updates to AWS services, bug fixes, " +
    "and security updates please upgrade to node >=22. More information can be found at: https://a.co/c895JFp";
  test("Node's warning block, from stderr, a progress line or Diagnostics, is one text without its pid", () => {
    const progress = NODE_WARNING.filter((l) => l !== "").map((l) =>
      l.replace("19292", "20988").replace(/^/, " +  pulumi:pulumi:Stack alexa-app-linking-local creating (9s) "),
    );
    const diagnostics = NODE_WARNING.filter((l) => l !== "").map((l) => `    ${l.replace("19292", "21626")}`);
    expect(warningsIn(NODE_WARNING.join("\n"))).toEqual([TEXT]);
    expect(warningsIn(progress.join("\n"))).toEqual([TEXT]);
    expect(warningsIn(["Diagnostics:", "  pulumi:pulumi:Stack (x):", ...diagnostics, "", "Outputs:"].join("\n"))).toEqual([TEXT]);
    const ownProcess = Object.assign(new Error(NODE_WARNING.slice(0, 8).join("\n").replace("(node:19292) Warning: ", "")), {
      name: "Warning",
    });
    expect(nodeWarningText(ownProcess)).toBe(TEXT);
  });
  test("Pulumi's warning lines; each warning is shown once", () => {
    const out = [
      " +  pulumi:pulumi:Stack alexa-app-linking-local create warning: using pulumi-resource-aws from $PATH at /p/aws/pulumi-resource-aws",
      "    warning: using pulumi-resource-aws from $PATH at /p/aws/pulumi-resource-aws",
      "    warning: using pulumi-resource-command from $PATH at /p/command/pulumi-resource-command",
    ].join("\n");
    const shown = new WarningsShown();
    expect(shown.fresh(warningsIn(out))).toEqual([
      "using pulumi-resource-aws from $PATH at /p/aws/pulumi-resource-aws",
      "using pulumi-resource-command from $PATH at /p/command/pulumi-resource-command",
    ]);
    expect(shown.fresh(warningsIn(`${out}\n${NODE_WARNING.join("\n")}`))).toEqual([TEXT]);
    expect(shown.fresh(warningsIn(NODE_WARNING.join("\n").replace("19292", "1")))).toEqual([]);
  });
  test("a summary of up and destroy", () => {
    expect(pulumiSummary("Outputs:\n  x: 1\n\nResources:\n    + 12 created\n\nDuration: 12s\n")).toBe("+ 12 created in 12s");
    expect(
      pulumiSummary("Resources:\n    - 12 to delete\n\nDestroying (local):\nResources:\n    - 12 deleted\n\nDuration: 4s\n\nThe resources"),
    ).toBe("- 12 deleted in 4s");
    expect(pulumiSummary("Created stack 'local'\n")).toBeUndefined();
  });
  test("Pulumi's `pulumi stack rm` hint is recognised (the teardown removes the whole local backend)", () => {
    expect(
      isStackRmHint(
        "The resources in the stack have been deleted, but the history and configuration associated with the stack are still maintained. ",
      ),
    ).toBe(true);
    expect(isStackRmHint("If you want to remove the stack completely, run `pulumi stack rm local`.")).toBe(true);
    expect(isStackRmHint("Resources:")).toBe(false);
  });
  test("the last line sends you to stacks/Pulumi.dev.yaml before pnpm stack-up dev", () => {
    expect(NEXT_STEP).toMatch(/fill in stacks\/Pulumi\.dev\.yaml \(its values are examples, not yours.*then run pnpm stack-up dev/);
  });
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

/**
 * Stand-in `command` resource plugin: `command:local:Command` as pulumi-command v1.2.1 implements
 * it (provider/pkg/provider/local/{commandController,commandOutputs,base,logging}.go, read, not
 * copied), limited to the inputs the component uses (src/verify/command.ts). Input names are
 * checked against `CommandArgs` in node_modules/@pulumi/command/local/command.d.ts.
 *
 * - create: runs `create` (unless preview); id = resource name + 8 random hex characters.
 * - update: runs `update`, else `create`; PULUMI_COMMAND_STDOUT/STDERR hold the previous outputs
 *   unless addPreviousOutputInEnv is false; no command leaves the old stdout/stderr.
 * - delete: runs `delete` with the state's inputs and outputs.
 * - diff: old state vs new inputs, per input; a change of `triggers` replaces.
 * - run: interpreter (default /bin/sh -c) + command, cwd = dir or the plugin's cwd (the engine
 *   starts plugins in the program's folder), environment = the plugin's + `environment`, stdin;
 *   stdout/stderr captured with one trailing newline trimmed; lines logged to the engine as
 *   ephemeral info per `logging` (default both); failure = `<exit error>: running "<cmd>":\n
 *   <stdout and stderr as they came>`, and the resource is not created.
 * - secrets: every output depends on every input (pulumi-go-provider's default), so a secret
 *   input makes every output secret.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { checkInputs } from "../shared/honesty";
import { packageFile, packageVersion, readInterface, readResourceToken } from "../shared/sdkSchema";
import { CheckFailure, engineLog, ResourceImpl, serve } from "../shared/serve";
import { containsSecret, containsUnknown, jsonEqual, Props, reveal, secret } from "../shared/wire";

const SDK = "@pulumi/command";
const VERSION = packageVersion(SDK);
const TOKEN = readResourceToken(packageFile(SDK, "local/command.js"));
const ARGS = readInterface(packageFile(SDK, "local/command.d.ts"), "CommandArgs");
const IMPLEMENTED = new Set([
  "create",
  "update",
  "delete",
  "interpreter",
  "stdin",
  "environment",
  "triggers",
  "addPreviousOutputInEnv",
  "logging",
  "dir",
]);
const LOGGING = ["stdout", "stderr", "stdoutAndStderr", "none"];

interface Inputs {
  create?: string;
  update?: string;
  delete?: string;
  interpreter?: string[];
  stdin?: string;
  environment?: Record<string, string>;
  addPreviousOutputInEnv?: boolean;
  logging?: string;
  dir?: string;
}

interface Outputs {
  stdout: string;
  stderr: string;
}

function inputKeys(props: Props): Props {
  const out: Props = {};
  for (const k of IMPLEMENTED) if (props[k] !== undefined) out[k] = props[k];
  return out;
}

/** Outputs = inputs + stdout/stderr; all secret if any input was (see above). */
function outputsOf(inputs: Props, out: Outputs): Props {
  const secretAll = Object.values(inputs).some(containsSecret);
  const plain = { ...(reveal(inputKeys(inputs)) as Props), stdout: out.stdout, stderr: out.stderr };
  if (!secretAll) return plain;
  const wrapped: Props = {};
  for (const [k, v] of Object.entries(plain)) wrapped[k] = secret(v);
  return wrapped;
}

function quote(s: string): string {
  return JSON.stringify(s);
}

async function run(command: string, inputs: Inputs, previous: Outputs, urn: string): Promise<Outputs> {
  const args = inputs.interpreter && inputs.interpreter.length > 0 ? [...inputs.interpreter] : ["/bin/sh", "-c"];
  args.push(command);
  const cwd = inputs.dir ?? process.cwd();
  if (inputs.dir !== undefined && !fs.existsSync(inputs.dir)) throw new Error(`chdir ${inputs.dir}: no such file or directory`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...(inputs.environment ?? {}) };
  if (inputs.addPreviousOutputInEnv !== false) {
    if (previous.stdout !== "") env.PULUMI_COMMAND_STDOUT = previous.stdout;
    if (previous.stderr !== "") env.PULUMI_COMMAND_STDERR = previous.stderr;
  }
  const logStdout = inputs.logging === undefined || inputs.logging === "stdout" || inputs.logging === "stdoutAndStderr";
  const logStderr = inputs.logging === undefined || inputs.logging === "stderr" || inputs.logging === "stdoutAndStderr";
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const combined: Buffer[] = [];
  let pendingLog = "";
  const logs: Promise<void>[] = [];
  const log = (chunk: Buffer) => {
    pendingLog += chunk.toString();
    const lines = pendingLog.split("\n");
    pendingLog = lines.pop() ?? "";
    for (const line of lines) logs.push(engineLog("info", line, urn, true));
  };
  const result = await new Promise<{ error?: string }>((resolve) => {
    const child = spawn(args[0]!, args.slice(1), { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    child.on("error", (e: NodeJS.ErrnoException) => {
      resolve({ error: e.code === "ENOENT" ? `exec: ${quote(args[0]!)}: executable file not found in $PATH` : e.message });
    });
    child.stdout.on("data", (d: Buffer) => {
      stdout.push(d);
      combined.push(d);
      if (logStdout) log(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr.push(d);
      combined.push(d);
      if (logStderr) log(d);
    });
    child.stdin.on("error", () => {
      /* the command may exit without reading its stdin */
    });
    if (inputs.stdin !== undefined && inputs.stdin.length > 0) child.stdin.end(inputs.stdin);
    else child.stdin.end();
    child.on("close", (code, signal) => {
      if (signal) resolve({ error: `signal: ${signal === "SIGKILL" ? "killed" : signal.replace(/^SIG/, "").toLowerCase()}` });
      else if (code !== 0) resolve({ error: `exit status ${code}` });
      else resolve({});
    });
  });
  if (pendingLog !== "") logs.push(engineLog("info", pendingLog, urn, true));
  await Promise.all(logs);
  if (result.error !== undefined) {
    throw new Error(`${result.error}: running ${quote(command)}:\n${Buffer.concat(combined).toString()}`);
  }
  const trim = (b: Buffer[]) => Buffer.concat(b).toString().replace(/\n$/, "");
  return { stdout: trim(stdout), stderr: trim(stderr) };
}

function previousOutputs(props: Props): Outputs {
  const p = reveal(props) as Props;
  return { stdout: typeof p.stdout === "string" ? p.stdout : "", stderr: typeof p.stderr === "string" ? p.stderr : "" };
}

const commandResource: ResourceImpl = {
  async check({ news }) {
    const failures: CheckFailure[] = checkInputs(news, { token: TOKEN, sdkPackage: SDK, args: ARGS, implemented: IMPLEMENTED });
    const logging = reveal(news.logging);
    if (typeof logging === "string" && !containsUnknown(logging) && !LOGGING.includes(logging)) {
      failures.push({ property: "logging", reason: `"logging" must be one of ${LOGGING.join(", ")}, got ${JSON.stringify(logging)}` });
    }
    const env = reveal(news.environment);
    if (env && typeof env === "object" && !Array.isArray(env)) {
      for (const [k, v] of Object.entries(env)) {
        if (typeof v !== "string" && !containsUnknown(v))
          failures.push({ property: `environment.${k}`, reason: `"environment.${k}" must be a string, got ${JSON.stringify(v)}` });
      }
    }
    return { inputs: news, failures };
  },
  async diff({ olds, news }) {
    let changes = false;
    const replaces: string[] = [];
    for (const key of IMPLEMENTED) {
      const n = news[key];
      const o = olds[key];
      const differs = containsUnknown(n) || !jsonEqual(reveal(n), reveal(o));
      if (differs) {
        changes = true;
        if (key === "triggers") replaces.push(key);
      }
    }
    return { changes, replaces };
  },
  async create({ urn, name, inputs, preview }) {
    const id = `${name}${randomBytes(4).toString("hex")}`;
    const v = reveal(inputs) as Inputs;
    let out: Outputs = { stdout: "", stderr: "" };
    if (!preview && v.create !== undefined) out = await run(v.create, v, out, urn);
    return { id, outs: outputsOf(inputs, out) };
  },
  async read({ id, props, inputs }) {
    // pulumi-command has no custom Read: refresh keeps the state as it is.
    return { id, props, ...(inputs ? { inputs } : {}) };
  },
  async update({ urn, olds, news, preview }) {
    const v = reveal(news) as Inputs;
    let out = previousOutputs(olds);
    const command = v.update ?? v.create;
    if (!preview && command !== undefined) out = await run(command, v, out, urn);
    return { outs: outputsOf(news, out) };
  },
  async delete({ urn, props }) {
    const v = reveal(props) as Inputs;
    if (v.delete === undefined) return;
    await run(v.delete, v, previousOutputs(props), urn);
  },
};

serve({ name: "command", version: VERSION, resources: { [TOKEN]: commandResource } }, process.argv.slice(2)).catch((e) => {
  process.stderr.write(`stand-in command provider failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { AlexaAppLinkingArgs } from "../../packages/alexa-linking-component/src/args";
import type { Registration } from "../support/pulumiMocks";
import { capturedDynamicResources, type CapturedResource } from "./capture";
import { REPO } from "./hostClient";
import { LWA, type World } from "./world";

/** What program.script.ts runs: a module of ./programs and its request. */
export interface ProgramRequest {
  /** File name under tests/lifecycle/programs, e.g. "component". */
  module: string;
  /** For the component program: the components to declare. */
  components?: { name: string; args: AlexaAppLinkingArgs }[];
  /** Outputs of deployed resources by key: the mocks answer them (the program's next run). */
  outputs?: Record<string, Record<string, unknown>>;
  /** For fixture programs: which one. */
  variant?: string;
}

export interface ProgramResult {
  registrations: Registration[];
  /** What the program module answered (the component program: each component's outputs). */
  outputs: unknown;
  /** Errors of the program run: serialization failures, rejected outputs. */
  errors: string[];
}

export interface ProgramRun extends ProgramResult {
  /** Its dynamic resources, with their serialized providers. */
  resources: CapturedResource[];
  /** What the program printed (pulumi.log and console under mocks). */
  stdout: string;
  stderr: string;
}

/** The stack program's args: one AlexaAppLinking on the emulators. */
export function programArgs(world: World, bucketName: string, skillIds: readonly string[]): AlexaAppLinkingArgs {
  return {
    bucketName,
    ios: { appIds: ["ABCDE12345.com.espressif.rainmaker"] },
    android: [
      {
        packageName: "com.espressif.rainmaker",
        sha256CertFingerprints: ["146de983c5730650d8eeb9952f34fc6416a08342e61dbea88a0496b23fcf44e5"],
      },
    ],
    cognito: { userPoolId: world.userPoolId },
    skills: skillIds.map((skillId) => ({ skillId })),
    smapi: LWA,
    verify: false,
    endpoints: { cognito: world.cognito.endpoint, smapi: world.smapi.url, lwa: world.smapi.lwaUrl, apiGateway: world.apiGateway.url },
  };
}

/**
 * Runs a program under mocks in a fresh node process, as `pulumi up` runs the stack program, and
 * captures what it registered: each dynamic resource's `__provider` is the text the engine
 * would store and hand to its dynamic-provider host.
 */
export async function runProgram(request: ProgramRequest): Promise<ProgramRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-program-"));
  try {
    const requestFile = path.join(dir, "request.json");
    const resultFile = path.join(dir, "result.json");
    const emptyAwsConfig = path.join(dir, "aws-config");
    fs.writeFileSync(requestFile, JSON.stringify(request));
    fs.writeFileSync(emptyAwsConfig, "");
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(__dirname, "program.script.ts"), requestFile, resultFile],
        {
          cwd: REPO,
          timeout: 120_000,
          maxBuffer: 64 * 1024 * 1024,
          env: {
            PATH: process.env.PATH ?? "",
            // The access token lookup uses the AWS SDK's credential chain: dummies for the emulator.
            AWS_ACCESS_KEY_ID: "AKIDLOCAL",
            AWS_SECRET_ACCESS_KEY: "local-dummy",
            AWS_CONFIG_FILE: emptyAwsConfig,
            AWS_SHARED_CREDENTIALS_FILE: emptyAwsConfig,
            AWS_EC2_METADATA_DISABLED: "true",
          },
        },
        // Pulumi's exit hook may set a failing code after a failed program; the result file says what happened.
        (error, out, err) =>
          fs.existsSync(resultFile)
            ? resolve({ stdout: out, stderr: err })
            : reject(new Error(`the program ${request.module} failed: ${error?.message}\n${err}`)),
      );
    });
    const result = JSON.parse(fs.readFileSync(resultFile, "utf8")) as ProgramResult;
    const resources = result.errors.length > 0 ? [] : capturedDynamicResources(result.registrations);
    return { ...result, resources, stdout, stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The component program with one component. */
export const componentProgram = (name: string, args: AlexaAppLinkingArgs, outputs?: ProgramRequest["outputs"]): ProgramRequest => ({
  module: "component",
  components: [{ name, args }],
  outputs,
});

/** Throws with the program's errors unless it ran clean. */
export function assertProgramOk(run: ProgramRun): ProgramRun {
  if (run.errors.length > 0) throw new Error(`the program failed:\n${run.errors.join("\n")}`);
  return run;
}

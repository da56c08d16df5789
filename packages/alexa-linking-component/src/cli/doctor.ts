import * as fs from "node:fs";
import * as path from "node:path";
import { emulatorInvokeUrl } from "../accessTokenUrl";
import { endpointProblem } from "../shared/endpoints";
import { realRetryRuntime, type RetryPolicy, type RetryRuntime } from "../shared/retry";
import type { Platform } from "../doctor/associationShape";
import { awsCredentialsFrom, LWA_FLAGS, lwaCredentialsFrom } from "../doctor/credentials";
import { exitCodeOf, formatResults, summaryLine } from "../doctor/result";
import { DoctorSettings, runDoctor } from "../doctor/run";
import { parseDoctorOutputs } from "../doctor/stackOutputs";
import { parseSkillStage } from "../mobile/skillStage";
import { SMAPI_ENVIRONMENT } from "../stackConfig";
import { assertKnownOptions, parseOptions } from "./args";
import { CliIo, CliVerb } from "./io";
import { findStackFile, renderStackFiles, stackNameOfFile } from "./render";

const HELP = `usage: pulumi stack output --json --show-secrets | alexa-linking doctor [options]

Checks a deployed environment end to end from its stack outputs, one line per check:
  ios file / android file  public at https://<redirect host>/.well-known/..., 200, no redirect,
                           application/json, the right shape (with --stack: exactly as rendered)
  cognito                  the app client's callback URLs include redirectURL (DescribeUserPoolClient)
  skill                    each skill's account linking lists redirectURL and uses the Cognito client (SMAPI GET)
  skill live               each skill's live stage (what a store build, Skill Stage "live", talks to)
                           already lists redirectURL, which it gets only through certification;
                           a failure only with --skill-stage live (SMAPI GET)
  token URL (iOS)          alexaAccessTokenURL answers a POST of a dummy code, sent as the iOS app
                           sends it (Content-Type: text/plain, charset: UTF-8), with a 4xx (not a
                           415, a 5xx, a redirect or no answer), and as it answers the Android way
  token URL (Android)      the same POST sent as the Android app sends it (application/json)

  --input <file|->            \`pulumi stack output --json --show-secrets\` saved to a file (default: standard input)
  --from <output>             read the values from this one output, when the program exports the
                              whole component as one object
  --stack <name>              render the stack's association files (stacks/Pulumi.<name>.yaml) and
                              compare the served files with them exactly
  --config-file <file>        the same from a stack settings file
  --region <region>           the user pool's region (default: from cognitoUserPoolId)
  --cognito-endpoint <url>    Cognito endpoint (emulators); AWS credentials come from the environment
  --smapi-endpoint <url>      SMAPI base URL (default https://api.amazonalexa.com)
  --lwa-endpoint <url>        Login with Amazon base URL (default https://api.amazon.com)
  --s3-endpoint <url>         S3 endpoint (emulators): fetch each file path-style from
                              <url>/<bucketName>/.well-known/... instead of its public URL (needs
                              the bucketName output); the public URL is still checked for its host
  --api-gateway-endpoint <url>
                              API Gateway endpoint (emulators): send the token URL probes to
                              <url>/restapis/<api id>/<stage>/_user_request_/<path> of
                              alexaAccessTokenURL, where LocalStack and the project's emulators
                              answer an invoke URL
  --${LWA_FLAGS.clientId} <id>        SMAPI (Login with Amazon) credentials; better in the environment,
  --${LWA_FLAGS.clientSecret} <s>     out of the shell history and process list: ${SMAPI_ENVIRONMENT.clientId[0]},
  --${LWA_FLAGS.refreshToken} <t>     ${SMAPI_ENVIRONMENT.clientSecret.join(" (or ")}), ${SMAPI_ENVIRONMENT.refreshToken[0]}
  --skill-stage <stage>       development or live: the Skill Stage of the app build to check for
                              (default: each skill's stage in the stack). With live, a live stage
                              that lacks redirectURL fails: that build cannot link until certification
  --timeout-ms <ms>           per-request timeout (default 10000)
  --attempts <n>              tries per association file for 403/404/5xx/network failures (default 1)
  --delay-ms <ms>             pause between those tries (default 5000)

No secret is printed. Exit code: 0 every check passed, 1 a check failed, 2 bad input.
`;

const KNOWN = [
  "input",
  "from",
  "stack",
  "config-file",
  "region",
  "cognito-endpoint",
  "smapi-endpoint",
  "lwa-endpoint",
  "s3-endpoint",
  "api-gateway-endpoint",
  LWA_FLAGS.clientId,
  LWA_FLAGS.clientSecret,
  LWA_FLAGS.refreshToken,
  "skill-stage",
  "timeout-ms",
  "attempts",
  "delay-ms",
  "help",
] as const;

export const DOCTOR_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 5_000,
  maxTotalMs: 30_000,
  attemptTimeoutMs: 10_000,
};

/** What tests replace: time for the SMAPI retries, and the HTTP client of the file and token checks. */
export interface DoctorOverrides {
  retry?: Partial<RetryPolicy>;
  runtime?: Partial<RetryRuntime>;
  fetchImpl?: typeof fetch;
  cognitoMaxAttempts?: number;
}

class BadInput extends Error {}

export function createDoctor(overrides: DoctorOverrides = {}): CliVerb {
  return async (argv, io) => {
    let prepared: { outputs: ReturnType<typeof parseDoctorOutputs>; settings: DoctorSettings };
    try {
      const parsed = (() => {
        try {
          return parseOptions(argv, ["help"]);
        } catch (err) {
          throw new BadInput((err as Error).message);
        }
      })();
      if (parsed.options.has("help")) {
        io.stdout(HELP);
        return 0;
      }
      prepared = await prepare(parsed, io, overrides);
    } catch (err) {
      io.stderr(`alexa-linking doctor: ${(err as Error).message}\n`);
      if (err instanceof BadInput) io.stderr("Run `alexa-linking doctor --help` for the options.\n");
      return 2;
    }
    const results = await runDoctor(prepared.outputs, prepared.settings);
    io.stdout(formatResults(results).map((line) => `${line}\n`).join(""));
    const code = exitCodeOf(results);
    (code === 0 ? io.stdout : io.stderr)(`${summaryLine(results)}\n`);
    return code;
  };
}

export const doctor: CliVerb = createDoctor();

async function prepare(
  { options, positional }: ReturnType<typeof parseOptions>,
  io: CliIo,
  overrides: DoctorOverrides,
): Promise<{ outputs: ReturnType<typeof parseDoctorOutputs>; settings: DoctorSettings }> {
  try {
    assertKnownOptions(options, KNOWN);
  } catch (err) {
    throw new BadInput((err as Error).message);
  }
  if (positional.length > 0) throw new BadInput(`unexpected argument ${positional.map((p) => `"${p}"`).join(", ")}`);
  const one = (name: (typeof KNOWN)[number]): string | undefined => {
    const values = options.get(name);
    if (values && values.length > 1) throw new BadInput(`--${name} is given ${values.length} times; give it once`);
    return values?.[0];
  };
  const endpoint = (name: (typeof KNOWN)[number]): string | undefined => {
    const value = one(name);
    const problem = value === undefined ? undefined : endpointProblem(value);
    if (problem !== undefined) throw new BadInput(`--${name} "${value}" ${problem}. Fix: give the service's https base URL (plain http only on this machine), or leave it out for the real endpoint`);
    return value;
  };
  const integer = (name: (typeof KNOWN)[number], min: number): number | undefined => {
    const raw = one(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new BadInput(`--${name} must be an integer >= ${min}; got "${raw}"`);
    return n;
  };

  const input = one("input");
  const source = input === undefined || input === "-" ? "standard input" : `--input ${input}`;
  const text = input === undefined || input === "-" ? await io.readStdin() : readText(io.cwd, input, "--input");
  const s3Endpoint = endpoint("s3-endpoint");
  const apiGatewayEndpoint = endpoint("api-gateway-endpoint");
  const outputs = parseDoctorOutputs(text, source, one("from"), s3Endpoint === undefined ? {} : { bucketName: "--s3-endpoint" });
  const tokenSendTo = apiGatewayEndpoint === undefined ? undefined : emulatorInvokeUrl(apiGatewayEndpoint, outputs.alexaAccessTokenURL);
  if (apiGatewayEndpoint !== undefined && tokenSendTo === undefined) {
    throw new BadInput(
      `--api-gateway-endpoint "${apiGatewayEndpoint}" is given, but alexaAccessTokenURL "${outputs.alexaAccessTokenURL}" is not a default invoke URL ` +
        "(https://<api id>.execute-api.<region>.amazonaws.com/<stage>/<path>), so it has no address on an emulator. " +
        "Fix: leave --api-gateway-endpoint out, and doctor posts to alexaAccessTokenURL itself",
    );
  }

  const stackName = one("stack");
  const configFlag = one("config-file");
  if (stackName !== undefined && configFlag !== undefined) throw new BadInput("give --stack or --config-file, not both");
  const configFile = configFlag ?? (stackName !== undefined ? findStackFile(io.cwd, stackName) : undefined);
  const stack = stackName ?? (configFile === undefined ? undefined : stackNameOfFile(configFile));
  const expected = configFile === undefined ? undefined : renderedBodies(path.resolve(io.cwd, configFile));

  const timeoutMs = integer("timeout-ms", 1);
  const attempts = integer("attempts", 1) ?? 1;
  const delayMs = integer("delay-ms", 0);
  const lwa = lwaCredentialsFrom(
    { clientId: one(LWA_FLAGS.clientId), clientSecret: one(LWA_FLAGS.clientSecret), refreshToken: one(LWA_FLAGS.refreshToken) },
    io.env,
  );
  const buildStage = (() => {
    try {
      return parseSkillStage(one("skill-stage"));
    } catch (err) {
      throw new BadInput((err as Error).message);
    }
  })();
  const smapiEndpoint = endpoint("smapi-endpoint");
  const lwaEndpoint = endpoint("lwa-endpoint");
  const settings: DoctorSettings = {
    files: {
      attempts,
      ...(delayMs === undefined ? {} : { delayMs }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(overrides.fetchImpl ? { fetchImpl: overrides.fetchImpl } : {}),
    },
    cognito: {
      region: one("region"),
      endpoint: endpoint("cognito-endpoint"),
      credentials: awsCredentialsFrom(io.env),
      maxAttempts: overrides.cognitoMaxAttempts,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      stack,
    },
    skills: {
      lwa: "credentials" in lwa ? lwa.credentials : undefined,
      missing: "missing" in lwa ? lwa.missing : [],
      endpoints: { ...(smapiEndpoint ? { smapi: smapiEndpoint } : {}), ...(lwaEndpoint ? { lwa: lwaEndpoint } : {}) },
      policy: { ...DOCTOR_RETRY_POLICY, ...(timeoutMs === undefined ? {} : { attemptTimeoutMs: timeoutMs }), ...overrides.retry },
      runtime: { ...realRetryRuntime(), ...overrides.runtime },
      stack,
      ...(buildStage === undefined ? {} : { buildStage }),
    },
    token: {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(overrides.fetchImpl ? { fetchImpl: overrides.fetchImpl } : {}),
      ...(tokenSendTo === undefined ? {} : { sendTo: tokenSendTo }),
    },
  };
  if (s3Endpoint !== undefined && outputs.bucketName !== undefined) settings.s3 = { endpoint: s3Endpoint, bucket: outputs.bucketName };
  if (expected !== undefined) {
    settings.expectedBodies = expected;
    settings.expectedSource = configFile;
  }
  return { outputs, settings };
}

/** The association files the stack's config renders, by platform. */
function renderedBodies(file: string): Partial<Record<Platform, string>> {
  const bodies: Partial<Record<Platform, string>> = {};
  for (const f of renderStackFiles(file)) bodies[f.platform] = f.body;
  return bodies;
}

function readText(cwd: string, file: string, option: string): string {
  try {
    return fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    throw new BadInput(`${option} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

import * as fs from "node:fs";
import * as path from "node:path";
import { IOS_DICTIONARY } from "../mobile/ios";
import { APP_FILE_OPTIONS, type AppFiles } from "../doctor/redirectTable";
import type { Platform } from "../doctor/associationShape";
import { LWA_FLAGS } from "../doctor/credentials";
import { exitCodeOf, formatResults, summaryLine } from "../doctor/result";
import { runDoctor } from "../doctor/run";
import { DoctorOverrides, DoctorRequest, doctorSettings, outputNeeds } from "../doctor/settings";
import { showValue } from "../shared/errors";
import { endpointProblem, showUrl } from "../shared/urls";
import { APPLE_CDN_ENDPOINT, ASSET_LINKS_ENDPOINT, PLATFORM_FLAGS } from "../doctor/platforms";
import { DEFAULT_LWA_ENDPOINT, DEFAULT_SMAPI_ENDPOINT, parseSkillStage } from "../shared/defaults";
import { parseOutputsText, readDoctorOutputs, StackOutputs, STACK_OUTPUT_SECRETS_COMMAND } from "../stackOutputs";
import { SMAPI_ENVIRONMENT } from "../stackConfig";
import { DEFAULT_TIMEOUT_MS } from "../verify/fetchFile";
import { DEFAULT_DELAY_MS } from "../verify/run";
import { CliVerb } from "./io";
import { exitCodeHelp, integerOption, optionValue, optionVerb, ParsedOptions, UsageError } from "./options";
import { readInputText } from "./readInput";
import { findStackFile, readStackFile, renderStackFiles, stackNameOfFile } from "./render";
import { parsePublicAccess } from "../hosting/publicAccess";
import { CLI_ATTEMPTS } from "./verify";

export { DOCTOR_RETRY_POLICY, type DoctorOverrides } from "../doctor/settings";

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
  account block            the account-level S3 Block Public Access (s3control GetPublicAccessBlock, the
                           account from STS GetCallerIdentity) does not defeat publicAccess (from --stack,
                           else the files' URLs: S3 host = policy or acl); FAIL names the flags and the fix;
                           warn when it cannot be read (the credentials need s3:GetAccountPublicAccessBlock)
  apple CDN                Apple's copy of the iOS file, which devices read (<CDN>/a/v1/<redirect host>):
                           ok when iOS acts on it as on ours; warn when it is older or different
                           (Apple refreshes it on its own schedule); FAIL when it has none (404)
                           although the bucket serves ours
  google asset links       every package and SHA-256 fingerprint of the stack is among the statements
                           Google's Digital Asset Links API lists for the redirect URL's site
                           (statements:list, what Android's verifier reads); FAIL names each missing one
  cognito authorize        the hosted UI's /oauth2/authorize, opened as the apps open it (response_type=code,
                           client_id=cognitoClientId, redirect_uri=redirectURL, scope=aws.cognito.signin.user.admin),
                           redirects to the login page; FAIL on Cognito's redirect_mismatch (showing both strings).
                           The domain: DescribeUserPool (CustomDomain or Domain), else the skills' authorizationUrl
  redirect URL             one table of redirectURL as each place holds it (the Cognito client, each skill's
                           stage and live stage, the files' host, redirectHost, and the apps' files given
                           below), each difference shown at its character (a trailing slash, http vs https,
                           the legacy s3.amazonaws.com host); FAIL when a place differs (the live stage is
                           shown, judged on its own line)

A warn line does not set the exit code. The platform probes (apple CDN, google asset links, cognito authorize) need Apple's and
Google's services: a probe this machine cannot reach warns.

  --input <file|->            \`pulumi stack output --json --show-secrets\` saved to a file (default: standard input)
  --from <output>             read the values from this one output, when the program exports the
                              whole component as one object
  --stack <name>              render the stack's association files (stacks/Pulumi.<name>.yaml) and
                              compare the served files with them exactly
  --config-file <file>        the same from a stack settings file
  --region <region>           the user pool's region (default: from cognitoUserPoolId)
  --cognito-endpoint <url>    Cognito endpoint (emulators); AWS credentials come from the environment
  --s3-control-endpoint <url> S3 Control endpoint (emulators), used as it is; STS GetCallerIdentity goes
                              there too
  --smapi-endpoint <url>      SMAPI base URL (default ${DEFAULT_SMAPI_ENDPOINT})
  --lwa-endpoint <url>        Login with Amazon base URL (default ${DEFAULT_LWA_ENDPOINT})
  --s3-endpoint <url>         S3 endpoint (emulators): fetch each file on the bucket's S3 host
                              path-style from <url>/<bucketName>/.well-known/... (needs the
                              bucketName output); the public URL is still checked for its host. A
                              CloudFront URL is fetched as it is (its bucket is private)
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
  --${PLATFORM_FLAGS.appleCdn} <url>
                              Apple's CDN base URL (default ${APPLE_CDN_ENDPOINT}; emulators, tests)
  --${PLATFORM_FLAGS.assetLinks} <url>
                              Digital Asset Links API base URL (default ${ASSET_LINKS_ENDPOINT})
  --${PLATFORM_FLAGS.cognitoDomain} <url>
                              the hosted UI's base URL (default: the user pool's domain)
  --ios-plist <file>          the iOS app's Configuration.plist: its ${IOS_DICTIONARY} > Redirect URL joins the table
  --ios-entitlements <file>   the iOS app's .entitlements: its applinks: host joins the table
  --android-properties <file> the Android app's local.properties: alexaRedirectUrl and alexaRedirectHost join the table
                              (only these values are read from the apps' files; nothing else is printed)
  --${PLATFORM_FLAGS.skip}      leave the probes of Apple's CDN, Google's Digital Asset Links and the
                              Cognito hosted UI out (machines that cannot reach Apple or Google), and the
                              redirect URL table unless an app's file is given (not with a probe's endpoint)
  --timeout-ms <ms>           per-request timeout (default ${DEFAULT_TIMEOUT_MS})
  --attempts <n>              tries per association file for 403/404/5xx/network failures (default ${CLI_ATTEMPTS})
  --delay-ms <ms>             pause between those tries (default ${DEFAULT_DELAY_MS})

No secret is printed.

${exitCodeHelp("every check passed", "a check failed, or the stack outputs or the stack settings file cannot be used")}`;

const KNOWN = [
  "input",
  "from",
  "stack",
  "config-file",
  "region",
  "cognito-endpoint",
  "s3-control-endpoint",
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
  PLATFORM_FLAGS.appleCdn,
  PLATFORM_FLAGS.assetLinks,
  PLATFORM_FLAGS.cognitoDomain,
  ...APP_FILE_OPTIONS,
  PLATFORM_FLAGS.skip,
];

/** The verb: options parsed, outputs read, settings decided in src/doctor, checks run, lines printed. */
export function createDoctor(overrides: DoctorOverrides = {}): CliVerb {
  return optionVerb(
    HELP,
    KNOWN.map((name) => ({ name, flag: name === PLATFORM_FLAGS.skip })),
    async (parsed, io) => {
      const request = parseRequest(parsed);
      const input = await readInputText(io, parsed.one("input"), "--input", STACK_OUTPUT_SECRETS_COMMAND);
      const read = new StackOutputs(parseOutputsText(input), parsed.one("from"), STACK_OUTPUT_SECRETS_COMMAND);
      const outputs = readDoctorOutputs(read, outputNeeds(request));
      // The stack's files render through the stack program's checks, whose SMAPI credentials may come as options here.
      const renderEnv = { ...io.env, ...lwaEnvironment(request.lwa) };
      const settings = doctorSettings(
        { ...request, ...expectedFiles(parsed, io.cwd, renderEnv), ...appFiles(parsed, io.cwd) },
        outputs,
        io.env,
        overrides,
      );
      const results = await runDoctor(outputs, settings);
      io.stdout(
        formatResults(results)
          .map((line) => `${line}\n`)
          .join(""),
      );
      const code = exitCodeOf(results);
      (code === 0 ? io.stdout : io.stderr)(`${summaryLine(results)}\n`);
      return code;
    },
  );
}

export const doctor: CliVerb = createDoctor();

/** Every option checked, and each default applied, before anything is read. */
function parseRequest(parsed: ParsedOptions): DoctorRequest & { stack?: string } {
  const { one } = parsed;
  const endpoint = (name: string): string | undefined => {
    const value = one(name);
    const problem = value === undefined ? undefined : endpointProblem(value);
    if (problem !== undefined)
      throw new UsageError(
        `--${name} ${showUrl(value)} ${problem}. Fix: give the service's https base URL (plain http only on this machine), or leave it out for the real endpoint`,
      );
    return value;
  };
  const stack = one("stack");
  const configFile = one("config-file");
  if (stack !== undefined && configFile !== undefined) throw new UsageError("give --stack or --config-file, not both");
  return {
    region: one("region"),
    endpoints: {
      cognito: endpoint("cognito-endpoint"),
      smapi: endpoint("smapi-endpoint") ?? DEFAULT_SMAPI_ENDPOINT,
      lwa: endpoint("lwa-endpoint") ?? DEFAULT_LWA_ENDPOINT,
      s3: endpoint("s3-endpoint"),
      apiGateway: endpoint("api-gateway-endpoint"),
      s3Control: endpoint("s3-control-endpoint"),
    },
    lwa: { clientId: one(LWA_FLAGS.clientId), clientSecret: one(LWA_FLAGS.clientSecret), refreshToken: one(LWA_FLAGS.refreshToken) },
    buildStage: optionValue(one("skill-stage"), (v) => parseSkillStage(v)),
    timeoutMs: integerOption("timeout-ms", one("timeout-ms"), 1),
    attempts: integerOption("attempts", one("attempts"), 1) ?? CLI_ATTEMPTS,
    delayMs: integerOption("delay-ms", one("delay-ms"), 0) ?? DEFAULT_DELAY_MS,
    platforms: platformOptions(parsed, endpoint),
    stack: stack ?? (configFile === undefined ? undefined : stackNameOfFile(configFile)),
  };
}

/** The platform probes' options: an endpoint for a probe that --skip-platform-probes leaves out is a usage error. */
function platformOptions(parsed: ParsedOptions, endpoint: (name: string) => string | undefined): DoctorRequest["platforms"] {
  const skip = parsed.has(PLATFORM_FLAGS.skip);
  const endpoints = [PLATFORM_FLAGS.appleCdn, PLATFORM_FLAGS.assetLinks, PLATFORM_FLAGS.cognitoDomain] as const;
  const given = endpoints.filter((name) => parsed.one(name) !== undefined);
  if (skip && given.length > 0)
    throw new UsageError(
      `--${PLATFORM_FLAGS.skip} leaves the platform probes out, so ${given.map((name) => `--${name}`).join(" and ")} would be ignored. ` +
        `Fix: drop --${PLATFORM_FLAGS.skip} to probe ${given.length === 1 ? "that endpoint" : "those endpoints"}, or drop ${given.map((name) => `--${name}`).join(" and ")}`,
    );
  return {
    skip,
    appleCdn: endpoint(PLATFORM_FLAGS.appleCdn),
    assetLinks: endpoint(PLATFORM_FLAGS.assetLinks),
    cognitoDomain: endpoint(PLATFORM_FLAGS.cognitoDomain),
  };
}

/** The apps' files given for the redirect URL table, read now (a path that cannot be read is a usage error). */
function appFiles(parsed: ParsedOptions, cwd: string): Pick<DoctorRequest, "appFiles"> {
  const files: AppFiles = {};
  const keys = { "ios-plist": "iosPlist", "ios-entitlements": "iosEntitlements", "android-properties": "androidProperties" } as const;
  for (const option of APP_FILE_OPTIONS) {
    const file = parsed.one(option);
    if (file === undefined) continue;
    try {
      files[keys[option]] = { path: file, text: fs.readFileSync(path.resolve(cwd, file), "utf8") };
    } catch (error) {
      throw new UsageError(
        `--${option} ${showValue(file)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Fix: give the path of the app's file`,
      );
    }
  }
  return { appFiles: files };
}

/** The SMAPI credentials given as options, under the environment names the stack program reads. */
function lwaEnvironment(lwa: DoctorRequest["lwa"]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const part of ["clientId", "clientSecret", "refreshToken"] as const) {
    const value = lwa[part];
    if (value !== undefined) env[SMAPI_ENVIRONMENT[part][0]] = value;
  }
  return env;
}

/** With --stack or --config-file: the files the stack's config renders, to compare exactly. */
function expectedFiles(parsed: ParsedOptions, cwd: string, env: NodeJS.ProcessEnv): Pick<DoctorRequest, "expected"> {
  const stack = parsed.one("stack");
  const configFile = parsed.one("config-file") ?? (stack !== undefined ? findStackFile(cwd, stack) : undefined);
  if (configFile === undefined) return {};
  const bodies: Partial<Record<Platform, string>> = {};
  for (const f of renderStackFiles(path.resolve(cwd, configFile), env)) bodies[f.platform] = f.body;
  // renderStackFiles ran the program's checks: publicAccess is valid and plain (never secret).
  const mode = readStackFile(path.resolve(cwd, configFile)).values.publicAccess;
  const publicAccess = parsePublicAccess(typeof mode === "string" ? mode : undefined);
  return { expected: { bodies, source: configFile, publicAccess } };
}

import { fetchUrlFor } from "../hosting/bucketName";
import type { VerifyOptions } from "../verify/run";
import { fetchFile } from "../verify/fetchFile";
import type { Platform } from "./associationShape";
import { AccountBlockCheckSettings, checkAccountBlock, deployedModes } from "./accountBlock";
import { checkCognito, CognitoCheckSettings } from "./cognito";
import type { PublicAccessMode } from "../hosting/publicAccess";
import { checkAssociationFile, fileCheckName } from "./files";
import { CheckResult, failed } from "./result";
import { checkPlatforms } from "./platformChecks";
import type { PlatformProbeSettings } from "./platforms";
import { AppFiles, checkRedirectTable } from "./redirectTable";
import { loadPlist } from "../mobile/plistLib";
import { checkSkill, SkillCheckSettings } from "./skills";
import type { DoctorOutputs } from "../stackOutputs";
import { checkTokenUrl, TokenCheckSettings } from "./tokenUrl";

export interface DoctorSettings {
  /** The rendered files of the stack's config (`--stack`), for an exact comparison. */
  expectedBodies?: Partial<Record<Platform, string>>;
  /** Where the expected bodies came from, for messages. */
  expectedSource?: string;
  /** An S3 emulator (`--s3-endpoint`): each file is fetched from it path-style, <endpoint>/<bucket>/<key>. */
  s3?: { endpoint: string; bucket: string };
  files: VerifyOptions;
  cognito: CognitoCheckSettings;
  skills: SkillCheckSettings;
  token: TokenCheckSettings;
  /** The account-level S3 Block Public Access read (kept with --skip-platform-probes: it is AWS). */
  accountBlock: AccountBlockCheckSettings;
  /** The publicAccess mode of the stack's settings (--stack / --config-file); else it is told from the outputs. */
  publicAccess?: PublicAccessMode;
  /** The probes of Apple's CDN, Google's Digital Asset Links and the hosted UI; undefined with --skip-platform-probes. */
  platforms?: PlatformProbeSettings;
  /** The table of the redirect URL in every place (with the apps' files given); undefined leaves it out. */
  redirectTable?: { appFiles: AppFiles };
}

/**
 * Which association files to check: every URL in the outputs, and, with the rendered files, a
 * failure for a platform the config and the outputs disagree on.
 */
export function filePlan(
  urls: DoctorOutputs["associationFileUrls"],
  expected: Partial<Record<Platform, string>> | undefined,
  source = "the stack config",
): { platform: Platform; url?: string; body?: string; problem?: string }[] {
  const plan: { platform: Platform; url?: string; body?: string; problem?: string }[] = [];
  for (const platform of ["ios", "android"] as const) {
    const url = urls[platform];
    const body = expected?.[platform];
    if (url === undefined && body === undefined) continue;
    if (url === undefined) {
      plan.push({
        platform,
        problem: `${source} renders an ${platform} file, but associationFileUrls has no ${platform} URL: the stack was deployed from another config. Fix: deploy this config`,
      });
    } else if (expected !== undefined && body === undefined) {
      plan.push({
        platform,
        url,
        problem: `associationFileUrls.${platform} is ${url}, but ${source} renders no ${platform} file: the stack was deployed from another config. Fix: deploy this config`,
      });
    } else {
      plan.push(body === undefined ? { platform, url } : { platform, url, body });
    }
  }
  return plan;
}

/**
 * Runs every check at once; the results come back in a fixed order: files, Cognito, each skill
 * (its stage, then its live stage), the token URL the iOS way, then the Android way, the account's
 * S3 Block Public Access; then the
 * platform probes (apple CDN, google asset links, cognito authorize) and the redirect URL table.
 */
export async function runDoctor(outputs: DoctorOutputs, settings: DoctorSettings): Promise<CheckResult[]> {
  const served: Partial<Record<Platform, string>> = {};
  const plan = filePlan(outputs.associationFileUrls, settings.expectedBodies, settings.expectedSource);
  const files = plan.map((item) =>
    item.problem !== undefined || item.url === undefined
      ? Promise.resolve(failed(fileCheckName(item.platform), item.problem ?? ""))
      : checkAssociationFile(
          item.platform,
          item.url,
          outputs.redirectURL,
          item.body,
          settings.platforms === undefined ? settings.files : keepBody(settings.files, (body) => (served[item.platform] = body)),
          settings.s3 === undefined ? item.url : fetchUrlFor(item.url, settings.s3.bucket, settings.s3.endpoint),
        ),
  );
  const cognito = checkCognito(
    { userPoolId: outputs.cognitoUserPoolId, clientId: outputs.cognitoClientId },
    outputs.redirectURL,
    settings.cognito,
  );
  const skills = outputs.skills.map((skill) => checkSkill(skill, outputs.redirectURL, outputs.cognitoClientId, settings.skills));
  const token = checkTokenUrl(outputs.alexaAccessTokenURL, outputs.redirectURL, settings.token);
  const configured =
    settings.publicAccess === undefined
      ? undefined
      : { mode: settings.publicAccess, source: settings.expectedSource ?? "the stack config" };
  const accountBlock = checkAccountBlock(outputs, deployedModes(outputs, configured), settings.accountBlock);
  const platforms =
    settings.platforms === undefined
      ? Promise.resolve([])
      : checkPlatforms(
          outputs,
          plan,
          Promise.all(files),
          served,
          settings.expectedBodies ?? {},
          settings.platforms,
          settings.cognito,
          settings.skills,
        );
  const table =
    settings.redirectTable === undefined
      ? Promise.resolve([])
      : checkRedirectTable(outputs, settings.cognito, settings.skills, settings.redirectTable.appFiles, loadPlist()).then((line) => [line]);
  const lines = await Promise.all([...files, cognito, ...skills, token, accountBlock, platforms, table]);
  return lines.flat();
}

/** The file check's options, keeping the last body it fetched (for the platform probes to compare with). */
function keepBody(options: VerifyOptions, keep: (body: string) => void): VerifyOptions {
  const fetchOutcome = options.fetchOutcome ?? fetchFile;
  return {
    ...options,
    fetchOutcome: async (url, o) => {
      const outcome = await fetchOutcome(url, o);
      if (outcome.kind === "response") keep(outcome.response.body);
      return outcome;
    },
  };
}

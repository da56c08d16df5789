import type { DoctorOutputs } from "../stackOutputs";
import type { Platform } from "./associationShape";
import { checkAppleCdn } from "./appleCdn";
import { checkAssetLinks } from "./assetLinks";
import { checkCognitoAuthorize } from "./cognitoAuthorize";
import type { CognitoCheckSettings } from "./cognito";
import type { OurFile, OurFiles, PlatformProbeSettings } from "./platforms";
import type { CheckResult } from "./result";
import type { SkillCheckSettings } from "./skills";

/**
 * The platform probes, started at once with the other checks; each judges once the file lines
 * have run (what the bucket serves is what the platforms' copies are compared with). Lines:
 * Apple's CDN (when the stack has an iOS file), Google's Digital Asset Links (an Android file),
 * the Cognito hosted UI's authorize endpoint as the apps open it.
 */
export async function checkPlatforms(
  outputs: DoctorOutputs,
  plan: readonly { platform: Platform }[],
  fileLines: Promise<CheckResult[]>,
  served: Partial<Record<Platform, string>>,
  expected: Partial<Record<Platform, string>>,
  settings: PlatformProbeSettings,
  cognito: CognitoCheckSettings,
  skills?: SkillCheckSettings,
): Promise<CheckResult[]> {
  const ours: Promise<OurFiles> = fileLines.then((lines) => {
    const files: OurFiles = {};
    plan.forEach((item, i) => {
      const ok = lines[i]?.ok === true;
      const body = expected[item.platform] ?? (ok ? served[item.platform] : undefined);
      files[item.platform] = body === undefined ? { served: ok } : { body, served: ok };
    });
    return files;
  });
  const has = (platform: Platform) => plan.some((item) => item.platform === platform);
  const lines: Promise<CheckResult>[] = [];
  if (has("ios"))
    lines.push(
      checkAppleCdn(
        outputs.redirectHost,
        ours.then((o): OurFile | undefined => o.ios),
        settings,
      ),
    );
  if (has("android"))
    lines.push(
      checkAssetLinks(
        outputs.redirectURL,
        ours.then((o): OurFile | undefined => o.android),
        settings,
      ),
    );
  lines.push(
    checkCognitoAuthorize(
      { userPoolId: outputs.cognitoUserPoolId, clientId: outputs.cognitoClientId },
      outputs.redirectURL,
      outputs.skills,
      settings,
      cognito,
      skills,
    ),
  );
  return Promise.all(lines);
}

import { InvalidArgumentError, showValue } from "../shared/errors";

const TEAM_ID = /^[A-Z0-9]{10}$/;
const BUNDLE_ID = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

/** `TEAMID.bundle.id`: a 10-character Team ID, a dot, then the bundle ID. */
export function validateAppId(appId: string, argument: string): string {
  const fix =
    'write it as "<Team ID>.<bundle ID>", e.g. "ABCDE12345.com.espressif.rainmaker"; the Team ID is in the Apple developer account under Membership details';
  if (typeof appId !== "string" || !appId.includes(".")) {
    throw new InvalidArgumentError(argument, appId, "is not an App ID", fix);
  }
  const dot = appId.indexOf(".");
  const teamId = appId.slice(0, dot);
  const bundleId = appId.slice(dot + 1);
  if (!TEAM_ID.test(teamId)) {
    throw new InvalidArgumentError(argument, appId, `has Team ID ${showValue(teamId)}, which is not 10 uppercase letters or digits`, fix);
  }
  if (!BUNDLE_ID.test(bundleId)) {
    throw new InvalidArgumentError(
      argument,
      appId,
      `has bundle ID ${showValue(bundleId)}; a bundle ID is letters, digits, hyphens and dots, with no empty part`,
      fix,
    );
  }
  return appId;
}

/** An Android application id such as `com.espressif.rainmaker`. */
export function validatePackageName(name: string, argument: string): string {
  if (typeof name !== "string" || !PACKAGE_NAME.test(name)) {
    throw new InvalidArgumentError(
      argument,
      name,
      "is not an Android package name (two or more dot-separated parts, each starting with a letter, then letters, digits or underscores)",
      'use the applicationId from the app\'s build.gradle, e.g. "com.espressif.rainmaker"',
    );
  }
  return name;
}

/** Whether `appId` is `<Team ID>.<bundle ID>` by the rules of validateAppId (for files read back, e.g. by doctor). */
export function isAppId(appId: string): boolean {
  const dot = appId.indexOf(".");
  return dot !== -1 && TEAM_ID.test(appId.slice(0, dot)) && BUNDLE_ID.test(appId.slice(dot + 1));
}

/** Whether `name` is an Android package name by the rules of validatePackageName. */
export const isPackageName = (name: string): boolean => PACKAGE_NAME.test(name);

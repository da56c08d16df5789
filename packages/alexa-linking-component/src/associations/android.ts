import * as pulumi from "@pulumi/pulumi";
import { AndroidAppArgs } from "../args";
import { InvalidArgumentError } from "../shared/errors";
import { normalizeFingerprint } from "./fingerprint";
import { validatePackageName } from "./ids";

export type AndroidAppConfig = pulumi.Unwrap<AndroidAppArgs>;

export const HANDLE_ALL_URLS = "delegate_permission/common.handle_all_urls";

export interface AssetLinksStatement {
  relation: string[];
  target: { namespace: "android_app"; package_name: string; sha256_cert_fingerprints: string[] };
}

/** Validates the Android args and returns the assetlinks.json statements, one per app. */
export function buildAssetLinks(apps: AndroidAppConfig[]): AssetLinksStatement[] {
  if (!Array.isArray(apps) || apps.length === 0) {
    throw new InvalidArgumentError(
      "args.android",
      apps,
      "is empty",
      "list at least one { packageName, sha256CertFingerprints }, or leave out args.android",
    );
  }
  const seen = new Set<string>();
  return apps.map((app, i) => {
    const packageName = validatePackageName(app.packageName, `args.android[${i}].packageName`);
    if (seen.has(packageName)) {
      throw new InvalidArgumentError(
        `args.android[${i}].packageName`,
        packageName,
        "appears twice",
        "list each app once, with all of its fingerprints in sha256CertFingerprints",
      );
    }
    seen.add(packageName);
    const fingerprints = app.sha256CertFingerprints;
    if (!Array.isArray(fingerprints) || fingerprints.length === 0) {
      throw new InvalidArgumentError(
        `args.android[${i}].sha256CertFingerprints`,
        fingerprints,
        "is empty",
        "add the SHA-256 fingerprint of the signing certificate (with Play App Signing, the one from Play Console)",
      );
    }
    const normalized = fingerprints.map((f, j) => normalizeFingerprint(f, `args.android[${i}].sha256CertFingerprints[${j}]`));
    return {
      relation: [HANDLE_ALL_URLS],
      target: { namespace: "android_app", package_name: packageName, sha256_cert_fingerprints: [...new Set(normalized)] },
    };
  });
}

/** The file's text: deterministic key order, two-space indent, trailing newline. */
export function renderAssetLinks(apps: AndroidAppConfig[]): string {
  return `${JSON.stringify(buildAssetLinks(apps), null, 2)}\n`;
}

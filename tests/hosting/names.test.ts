import {
  distributionComment,
  originAccessControlName,
  ORIGIN_ACCESS_CONTROL_NAME_MAX,
} from "../../packages/alexa-linking-component/src/hosting/cloudFrontNames";
import { accessSettings, objectAclFor, PUBLIC_ACCESS_MODES } from "../../packages/alexa-linking-component/src/hosting/publicAccess";

describe("objectAclFor / accessSettings: an explicit object ACL in every mode", () => {
  it.each([
    ["policy", "bucket-owner-full-control", "BucketOwnerEnforced"],
    ["cloudfront", "bucket-owner-full-control", "BucketOwnerEnforced"],
    ["acl", "public-read", "BucketOwnerPreferred"],
  ] as const)("%s: %s on a bucket with ownership %s", (mode, acl, ownership) => {
    expect(objectAclFor(mode)).toBe(acl);
    expect(accessSettings(mode)).toMatchObject({ objectAcl: acl, objectOwnership: ownership });
  });

  it("only public-read needs ACLs enabled: every mode with BucketOwnerEnforced uploads bucket-owner-full-control", () => {
    for (const mode of PUBLIC_ACCESS_MODES) {
      const settings = accessSettings(mode);
      if (settings.objectOwnership === "BucketOwnerEnforced") expect(settings.objectAcl).toBe("bucket-owner-full-control");
      if (settings.objectAcl === "public-read") expect(settings.block).toMatchObject({ blockPublicAcls: false, ignorePublicAcls: false });
    }
  });
});

describe("originAccessControlName", () => {
  it.each([
    ["alexa-links-oac", undefined],
    [`${"a".repeat(52)}-oac`.slice(0, 56), undefined],
  ])("%s: auto-named by pulumi-aws (fits in 64 with -<7 random>)", (resourceName, expected) => {
    expect(originAccessControlName(resourceName, "p", "dev")).toBe(expected);
  });

  it("names a resource too long for the auto-name with at most 64 characters, the same at every call", () => {
    for (const length of [57, 60, 64, 65, 200]) {
      const resourceName = "n".repeat(length - 4) + "-oac";
      const name = originAccessControlName(resourceName, "alexa-app-linking", "prod")!;
      expect(name.length).toBeLessThanOrEqual(ORIGIN_ACCESS_CONTROL_NAME_MAX);
      expect(name).toMatch(new RegExp(`^${resourceName.slice(0, 56)}-[0-9a-f]{7}$`));
      expect(originAccessControlName(resourceName, "alexa-app-linking", "prod")).toBe(name);
    }
  });

  it("tells two stacks (or projects) with the same long component name apart: OAC names are unique per account", () => {
    const resourceName = `${"x".repeat(60)}-oac`;
    const names = new Set([
      originAccessControlName(resourceName, "p", "dev"),
      originAccessControlName(resourceName, "p", "prod"),
      originAccessControlName(resourceName, "q", "dev"),
    ]);
    expect(names.size).toBe(3);
  });
});

describe("distributionComment", () => {
  it.each([
    ["links", "Alexa app-linking association files (links)"],
    ["y".repeat(90), `Alexa app-linking association files (${"y".repeat(90)})`],
  ])("%s: whole when it fits in 128", (name, expected) => {
    expect(distributionComment(name)).toBe(expected);
    expect(expected.length).toBeLessThanOrEqual(128);
  });

  it("cuts a longer name to fit in 128 characters", () => {
    const comment = distributionComment("z".repeat(91));
    expect(comment).toHaveLength(128);
    expect(comment.endsWith("z...)")).toBe(true);
  });
});

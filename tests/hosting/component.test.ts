import { installMocks, promiseOf } from "../support/pulumiMocks";

const mocks = installMocks({ region: "eu-west-1", accountId: "123456789012" });

import { AlexaAppLinking, AASA_KEY, ASSETLINKS_KEY } from "../../packages/alexa-linking-component/src";

const T = {
  component: "alexa-linking-component:index:AlexaAppLinking",
  bucket: "aws:s3/bucket:Bucket",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  block: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  object: "aws:s3/bucketObjectv2:BucketObjectv2",
};

const ios = { appIds: ["ABCDE12345.com.espressif.rainmaker"] };
const android = [
  {
    packageName: "com.espressif.rainmaker",
    sha256CertFingerprints: ["14:6d:e9:83:c5:73:06:50:d8:ee:b9:95:2f:34:fc:64:16:a0:83:42:e6:1d:be:a8:8a:04:96:b2:3f:cf:44:e5"],
  },
];

// A given access token URL keeps the API Gateway lookup (an AWS SDK call) out of these tests.
const accessToken = { url: "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/token" };

/** Builds one component in its own slice of the recorded registrations. */
async function build(name: string, args: ConstructorParameters<typeof AlexaAppLinking>[1]) {
  const start = mocks.registrations.length;
  const component = new AlexaAppLinking(name, { accessToken, ...args });
  const outputs = {
    redirectURL: await promiseOf(component.redirectURL),
    redirectHost: await promiseOf(component.redirectHost),
    bucketName: await promiseOf(component.bucketName),
    associationFileUrls: await promiseOf(component.associationFileUrls),
  };
  await mocks.settled();
  const mine = mocks.registrations.slice(start).filter((r) => r.urn.includes(`::${name}`) || r.name.startsWith(name));
  const of = (type: string) => mine.filter((r) => r.type === type);
  const one = (type: string) => {
    const found = of(type);
    expect(found).toHaveLength(1);
    return found[0];
  };
  return { component, outputs, mine, of, one };
}

describe("AlexaAppLinking hosting, publicAccess: policy (default)", () => {
  let built: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    built = await build("links", { bucketName: "rainmaker-alexa-links", ios, android });
  });

  it("registers the component with its package type token and every child parented to it", () => {
    const component = built.one(T.component);
    const children = built.mine.filter((r) => r.type !== T.component);
    const hosting = [T.bucket, T.object, T.object, T.ownership, T.policy, T.block];
    expect(
      children
        .map((r) => r.type)
        .filter((t) => hosting.includes(t))
        .sort(),
    ).toEqual(hosting.sort());
    for (const child of children) expect(child.parent).toBe(component.urn);
  });

  it("keeps the hosting resource names that existing stacks hold (a new name would replace the resource)", () => {
    const hosting = [T.bucket, T.object, T.ownership, T.policy, T.block];
    expect(
      built.mine
        .filter((r) => hosting.includes(r.type))
        .map((r) => r.name)
        .sort(),
    ).toEqual([
      "links-apple-app-site-association",
      "links-assetlinks",
      "links-bucket",
      "links-ownership",
      "links-policy",
      "links-public-access",
    ]);
  });

  it("keeps ACLs disabled and lifts only the policy side of Block Public Access", () => {
    expect(built.one(T.bucket).inputs.bucket).toBe("rainmaker-alexa-links");
    expect(built.one(T.ownership).inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    const block = built.one(T.block).inputs;
    expect([block.blockPublicAcls, block.ignorePublicAcls, block.blockPublicPolicy, block.restrictPublicBuckets]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it("grants s3:GetObject on .well-known/* only and denies requests without TLS", () => {
    const policy = JSON.parse(built.one(T.policy).inputs.policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "PublicReadOfAssociationFiles",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::rainmaker-alexa-links/.well-known/*",
      },
      {
        Sid: "DenyRequestsWithoutTls",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::rainmaker-alexa-links", "arn:aws:s3:::rainmaker-alexa-links/*"],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  });

  it("uploads both association files as application/json with the one ACL a bucket with ACLs disabled accepts", () => {
    const objects = built.of(T.object);
    expect(objects.map((o) => o.inputs.key).sort()).toEqual([AASA_KEY, ASSETLINKS_KEY].sort());
    for (const object of objects) {
      expect(object.inputs.contentType).toBe("application/json");
      // Explicit: the real provider keeps a removed acl (public-read from an "acl" deploy) in state.
      expect(object.inputs.acl).toBe("bucket-owner-full-control");
      expect(() => JSON.parse(object.inputs.content)).not.toThrow();
    }
    const assetlinks = JSON.parse(objects.find((o) => o.inputs.key === ASSETLINKS_KEY)!.inputs.content);
    expect(assetlinks[0].target.sha256_cert_fingerprints[0]).toBe(
      "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5",
    );
  });

  it("makes the policy and the objects depend on the ownership controls and the access block", () => {
    const needed = [built.one(T.ownership).urn, built.one(T.block).urn].sort();
    for (const dependent of [built.one(T.policy), ...built.of(T.object)]) {
      expect([...dependent.dependsOn].sort()).toEqual(expect.arrayContaining(needed));
    }
  });

  it("writes the access block only after the ownership controls: no two control writes on the bucket overlap", () => {
    expect(built.one(T.block).dependsOn).toContain(built.one(T.ownership).urn);
    expect(built.one(T.ownership).dependsOn).not.toContain(built.one(T.block).urn);
  });

  it("replaces an object whose ACL changes, deleting it first (same bucket and key), instead of a PutObjectAcl", () => {
    for (const object of built.of(T.object)) {
      expect(object.replaceOnChanges).toEqual(["acl"]);
      expect(object.deleteBeforeReplace).toBe(true);
    }
  });

  it("outputs the regional bucket URL with a trailing slash, its host and the file URLs", () => {
    expect(built.outputs).toEqual({
      redirectURL: "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/",
      redirectHost: "rainmaker-alexa-links.s3.eu-west-1.amazonaws.com",
      bucketName: "rainmaker-alexa-links",
      associationFileUrls: {
        ios: "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/.well-known/apple-app-site-association",
        android: "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json",
      },
    });
  });
});

describe("AlexaAppLinking hosting, publicAccess: acl (the guide's way)", () => {
  let built: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    built = await build("guide", { bucketName: "rainmaker-alexa-guide", publicAccess: "acl", ios });
  });

  it("enables ACLs and lifts all four Block Public Access flags", () => {
    expect(built.one(T.ownership).inputs.rule).toEqual({ objectOwnership: "BucketOwnerPreferred" });
    const block = built.one(T.block).inputs;
    expect([block.blockPublicAcls, block.ignorePublicAcls, block.blockPublicPolicy, block.restrictPublicBuckets]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("puts public-read on the objects and still adds the policy", () => {
    const object = built.one(T.object);
    expect(object.inputs).toMatchObject({ key: AASA_KEY, acl: "public-read", contentType: "application/json" });
    expect(object.replaceOnChanges).toEqual(["acl"]);
    expect(object.deleteBeforeReplace).toBe(true);
    expect(built.one(T.block).dependsOn).toContain(built.one(T.ownership).urn);
    expect(JSON.parse(built.one(T.policy).inputs.policy).Statement[0].Resource).toBe("arn:aws:s3:::rainmaker-alexa-guide/.well-known/*");
    const needed = [built.one(T.ownership).urn, built.one(T.block).urn];
    expect(object.dependsOn).toEqual(expect.arrayContaining(needed));
    expect(built.one(T.policy).dependsOn).toEqual(expect.arrayContaining(needed));
  });

  it("hosts only the iOS file when only iOS is configured", () => {
    expect(built.outputs.associationFileUrls).toEqual({
      ios: "https://rainmaker-alexa-guide.s3.eu-west-1.amazonaws.com/.well-known/apple-app-site-association",
    });
  });
});

describe("AlexaAppLinking hosting defaults", () => {
  it("derives the bucket name from the component name, the stack and the account id", async () => {
    const built = await build("Alexa_Links", { android });
    expect(built.outputs.bucketName).toBe("alexa-links-dev-123456789012");
    expect(built.outputs.redirectURL).toBe("https://alexa-links-dev-123456789012.s3.eu-west-1.amazonaws.com/");
    expect(built.of(T.object).map((o) => o.inputs.key)).toEqual([ASSETLINKS_KEY]);
  });
});

import { installMocks } from "../support/pulumiMocks";

const mocks = installMocks();

import { AlexaAppLinking, AlexaAppLinkingArgs } from "../../packages/alexa-linking-component/src";

const ios = { appIds: ["ABCDE12345.com.espressif.rainmaker"] };
const fingerprint = "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5";
const android = (overrides: Record<string, unknown> = {}) => [
  { packageName: "com.espressif.rainmaker", sha256CertFingerprints: [fingerprint], ...overrides },
];
const bucket = (bucketName: string): AlexaAppLinkingArgs => ({ bucketName, ios });

/** [what is wrong, args, the argument the message names, what else it must say] */
const cases: [string, AlexaAppLinkingArgs, string, RegExp][] = [
  ["bucket name too short", bucket("ab"), "args.bucketName", /2 characters long.*3 to 63/],
  ["bucket name too long", bucket("a".repeat(64)), "args.bucketName", /64 characters long/],
  ["bucket name with a dot", bucket("links.example.com"), "args.bucketName", /contains a dot.*HTTPS.*"links-example-com"/],
  ["bucket name with uppercase", bucket("Rainmaker-Links"), "args.bucketName", /uppercase.*"rainmaker-links"/],
  ["bucket name with underscore", bucket("rainmaker_links"), "args.bucketName", /contains "_"/],
  ["bucket name starting with a hyphen", bucket("-rainmaker"), "args.bucketName", /start and end with a letter or digit/],
  ["bucket name ending with a hyphen", bucket("rainmaker-"), "args.bucketName", /start and end with a letter or digit/],
  ["bucket name that is an IP address", bucket("192.168.5.4"), "args.bucketName", /IP address/],
  ["bucket name with the xn-- prefix", bucket("xn--rainmaker"), "args.bucketName", /reserved prefix "xn--"/],
  ["bucket name with the sthree- prefix", bucket("sthree-links"), "args.bucketName", /reserved prefix "sthree-"/],
  ["bucket name with the amzn-s3-demo- prefix", bucket("amzn-s3-demo-links"), "args.bucketName", /reserved prefix "amzn-s3-demo-"/],
  ["bucket name with the -s3alias suffix", bucket("links-s3alias"), "args.bucketName", /reserved suffix "-s3alias"/],
  ["bucket name with the --ol-s3 suffix", bucket("links--ol-s3"), "args.bucketName", /reserved suffix "--ol-s3"/],
  ["bucket name with the .mrap suffix", bucket("links.mrap"), "args.bucketName", /contains a dot/],
  ["bucket name with the --x-s3 suffix", bucket("links--x-s3"), "args.bucketName", /reserved suffix "--x-s3"/],
  [
    "unknown publicAccess mode",
    { ...bucket("rainmaker-links"), publicAccess: "public" },
    "args.publicAccess",
    /not "policy", "acl" or "cloudfront".*"cloudfront" \(the bucket stays private/,
  ],
  [
    "cloudFront settings without the cloudfront mode",
    { ...bucket("rainmaker-links"), cloudFront: { domainName: "links.example.com" } },
    "args.cloudFront.domainName",
    /args.publicAccess is "policy".*set args.publicAccess to "cloudfront"/,
  ],
  [
    "hosted zone without a domain",
    { ...bucket("rainmaker-links"), publicAccess: "cloudfront", cloudFront: { hostedZoneId: "Z0123456789EXAMPLE" } },
    "args.cloudFront.hostedZoneId",
    /without args.cloudFront.domainName/,
  ],
  [
    "certificate outside us-east-1",
    {
      ...bucket("rainmaker-links"),
      publicAccess: "cloudfront",
      cloudFront: { domainName: "links.example.com", certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc-123" },
    },
    "args.cloudFront.certificateArn",
    /is in eu-west-1, and CloudFront takes certificates from us-east-1 only/,
  ],
  [
    "certificate that is not an ACM ARN",
    { ...bucket("rainmaker-links"), publicAccess: "cloudfront", cloudFront: { domainName: "links.example.com", certificateArn: "abc" } },
    "args.cloudFront.certificateArn",
    /not an ACM certificate ARN/,
  ],
  [
    "domain with a scheme",
    { ...bucket("rainmaker-links"), publicAccess: "cloudfront", cloudFront: { domainName: "https://links.example.com/" } },
    "args.cloudFront.domainName",
    /not a host name.*links.example.com/,
  ],
  [
    "domain with uppercase",
    { ...bucket("rainmaker-links"), publicAccess: "cloudfront", cloudFront: { domainName: "Links.example.com" } },
    "args.cloudFront.domainName",
    /uppercase.*"links.example.com"/,
  ],
  [
    "domain with a single label",
    { ...bucket("rainmaker-links"), publicAccess: "cloudfront", cloudFront: { domainName: "links" } },
    "args.cloudFront.domainName",
    /single label/,
  ],
  [
    "domain with a bad label",
    { ...bucket("rainmaker-links"), publicAccess: "cloudfront", cloudFront: { domainName: "links_.example.com" } },
    "args.cloudFront.domainName",
    /label "links_"/,
  ],
  [
    "hosted zone id with the /hostedzone/ prefix",
    {
      ...bucket("rainmaker-links"),
      publicAccess: "cloudfront",
      cloudFront: { domainName: "links.example.com", hostedZoneId: "/hostedzone/Z0123456789EXAMPLE" },
    },
    "args.cloudFront.hostedZoneId",
    /not a Route 53 hosted zone id.*use "Z0123456789EXAMPLE"/,
  ],
  ["neither platform", { bucketName: "rainmaker-links" }, "args.ios and args.android", /no association file.*set args.ios/],
  ["empty iOS app ids", { ios: { appIds: [] } }, "args.ios.appIds", /is empty/],
  [
    "lowercase Team ID",
    { ios: { appIds: ["abcde12345.com.espressif.rainmaker"] } },
    "args.ios.appIds[0]",
    /Team ID "abcde12345".*10 uppercase/,
  ],
  ["short Team ID", { ios: { appIds: ["ABCDE1234.com.espressif.rainmaker"] } }, "args.ios.appIds[0]", /Team ID "ABCDE1234"/],
  ["App ID without a bundle ID", { ios: { appIds: ["ABCDE12345"] } }, "args.ios.appIds[0]", /is not an App ID/],
  [
    "bundle ID with an underscore",
    { ios: { appIds: ["ABCDE12345.com.espressif.rain_maker"] } },
    "args.ios.appIds[0]",
    /bundle ID "com.espressif.rain_maker"/,
  ],
  ["bundle ID with an empty part", { ios: { appIds: ["ABCDE12345.com..rainmaker"] } }, "args.ios.appIds[0]", /no empty part/],
  ["bad webcredentials App ID", { ios: { ...ios, webcredentials: ["nope"] } }, "args.ios.webcredentials[0]", /is not an App ID/],
  [
    "query and queryItems together",
    { ios: { ...ios, components: [{ path: "/", query: "a=1", queryItems: { a: "1" } }] } },
    "args.ios.components[0]",
    /both query and queryItems/,
  ],
  [
    "apple-app-site-association over 128 KB",
    { ios: { ...ios, components: Array.from({ length: 3000 }, (_, i) => ({ path: `/path/number/${i}/*`, comment: "x".repeat(20) })) } },
    "args.ios",
    /bytes; Apple ignores files over 131072 bytes/,
  ],
  ["empty Android list", { android: [] }, "args.android", /is empty/],
  [
    "package name with one part",
    { android: android({ packageName: "rainmaker" }) },
    "args.android[0].packageName",
    /not an Android package name/,
  ],
  [
    "package name starting with a digit",
    { android: android({ packageName: "com.1espressif.app" }) },
    "args.android[0].packageName",
    /not an Android package name/,
  ],
  ["package name listed twice", { android: [...android(), ...android()] }, "args.android[1].packageName", /appears twice/],
  [
    "no fingerprints",
    { android: android({ sha256CertFingerprints: [] }) },
    "args.android[0].sha256CertFingerprints",
    /is empty.*Play Console/,
  ],
  [
    "SHA-1 fingerprint",
    { android: android({ sha256CertFingerprints: ["14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42"] }) },
    "args.android[0].sha256CertFingerprints[0]",
    /20 bytes.*SHA-1/,
  ],
  [
    "fingerprint with non-hex digits",
    { android: android({ sha256CertFingerprints: ["ZZ".repeat(32)] }) },
    "args.android[0].sha256CertFingerprints[0]",
    /not hexadecimal/,
  ],
  [
    "fingerprint with broken colon pairs",
    { android: android({ sha256CertFingerprints: ["146:DE9" + ":00".repeat(30)] }) },
    "args.android[0].sha256CertFingerprints[0]",
    /hex pairs separated by colons/,
  ],
  [
    "access token URL over http",
    { ...bucket("rainmaker-links"), accessToken: { url: "http://abc123.execute-api.eu-west-1.amazonaws.com/dev/token" } },
    "accessToken.url",
    /http/,
  ],
  [
    "access token URL with a fragment",
    { ...bucket("rainmaker-links"), accessToken: { url: "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/token#x" } },
    "accessToken.url",
    /fragment/,
  ],
  [
    "access token stage with a space",
    { ...bucket("rainmaker-links"), accessToken: { stage: "my stage" } },
    "accessToken.stage",
    /letters, digits/,
  ],
];

describe("bad input is rejected before any resource is registered", () => {
  it("has a table of at least 20 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)("%s", async (_what, args, argument, detail) => {
    const before = mocks.registrations.length;
    let error: Error | undefined;
    try {
      new AlexaAppLinking("links", args);
    } catch (err) {
      error = err as Error;
    }
    await mocks.settled();
    expect(error).toBeDefined();
    expect(error!.message).toContain(`AlexaAppLinking: ${argument} `);
    expect(error!.message).toMatch(detail);
    expect(error!.message).toMatch(/Fix: \S/);
    expect(mocks.registrations.length).toBe(before);
  });
});

describe("good input after bad input", () => {
  it("registers resources, so the zero counts above are not vacuous", async () => {
    const before = mocks.registrations.length;
    new AlexaAppLinking("links", {
      ...bucket("rainmaker-links"),
      accessToken: { url: "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/token" },
    });
    await mocks.settled();
    expect(mocks.registrations.length).toBeGreaterThan(before);
  });
});

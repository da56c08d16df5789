import * as fs from "node:fs";
import * as path from "node:path";
import { renderAssociationFiles } from "../../packages/alexa-linking-component/src";
import { renderAssetLinks } from "../../packages/alexa-linking-component/src/associations/android";
import { buildAppleAppSiteAssociation, renderAppleAppSiteAssociation } from "../../packages/alexa-linking-component/src/associations/apple";
import { normalizeFingerprint } from "../../packages/alexa-linking-component/src/associations/fingerprint";

const golden = (name: string) => fs.readFileSync(path.join(__dirname, "golden", name), "utf8");

const ios = {
  appIds: ["ABCDE12345.com.espressif.rainmaker", "ABCDE12345.com.espressif.rainmaker.beta"],
  webcredentials: ["ABCDE12345.com.espressif.rainmaker"],
};
const android = [
  {
    packageName: "com.espressif.rainmaker",
    sha256CertFingerprints: [
      "146de983c5730650d8eeb9952f34fc6416a08342e61dbea88a0496b23fcf44e5",
      "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5",
    ],
  },
  {
    packageName: "com.espressif.rainmaker.debug",
    sha256CertFingerprints: ["AA:bb:CC:dd:EE:ff:00:11:22:33:44:55:66:77:88:99:aa:BB:cc:DD:ee:FF:00:11:22:33:44:55:66:77:88:99"],
  },
];

describe("golden association files", () => {
  it("renders apple-app-site-association byte for byte", () => {
    expect(renderAppleAppSiteAssociation(ios)).toBe(golden("apple-app-site-association"));
  });

  it("renders assetlinks.json byte for byte, fingerprints normalised and deduplicated", () => {
    expect(renderAssetLinks(android)).toBe(golden("assetlinks.json"));
  });

  it("is deterministic: the same args give the same bytes, whatever the key order of the args", () => {
    const reordered = { webcredentials: [...ios.webcredentials], appIds: [...ios.appIds] };
    expect(renderAppleAppSiteAssociation(reordered)).toBe(renderAppleAppSiteAssociation(ios));
    expect(renderAssetLinks(android.map((a) => ({ sha256CertFingerprints: a.sha256CertFingerprints, packageName: a.packageName })))).toBe(
      renderAssetLinks(android),
    );
  });

  it("defaults to every path, which matches the bucket-root redirect URL", () => {
    const doc = buildAppleAppSiteAssociation({ appIds: ["ABCDE12345.com.espressif.rainmaker"] });
    expect(doc.applinks.details[0].components).toEqual([{ "/": "*" }]);
    expect(doc.webcredentials).toBeUndefined();
  });

  it("renders only the platforms that are configured", () => {
    expect(renderAssociationFiles(ios, undefined).map((f) => f.key)).toEqual([".well-known/apple-app-site-association"]);
    expect(renderAssociationFiles(undefined, android).map((f) => f.key)).toEqual([".well-known/assetlinks.json"]);
  });
});

describe("fingerprints", () => {
  it.each([
    ["146de983c5730650d8eeb9952f34fc6416a08342e61dbea88a0496b23fcf44e5"],
    ["146DE983C5730650D8EEB9952F34FC6416A08342E61DBEA88A0496B23FCF44E5"],
    ["14:6d:e9:83:c5:73:06:50:d8:ee:b9:95:2f:34:fc:64:16:a0:83:42:e6:1d:be:a8:8a:04:96:b2:3f:cf:44:e5"],
    ["  14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5\n"],
  ])("normalises %j to uppercase colon pairs", (raw) => {
    expect(normalizeFingerprint(raw, "x")).toBe(
      "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5",
    );
  });
});

describe("the documented examples", () => {
  // developer.apple.com, "Supporting associated domains": the modern applinks example.
  const appleExample = {
    applinks: {
      details: [
        {
          appIDs: ["ABCDE12345.com.example.app", "ABCDE12345.com.example.app2"],
          components: [
            {
              "#": "no_universal_links",
              exclude: true,
              comment:
                "Matches any URL with a fragment that equals no_universal_links and instructs the system not to open it as a universal link.",
            },
            { "/": "/buy/*", comment: "Matches any URL with a path that starts with /buy/." },
            {
              "/": "/help/website/*",
              exclude: true,
              comment:
                "Matches any URL with a path that starts with /help/website/ and instructs the system not to open it as a universal link.",
            },
            {
              "/": "/help/*",
              "?": { articleNumber: "????" },
              comment:
                "Matches any URL with a path that starts with /help/ and that has a query item with name 'articleNumber' and a value of exactly four characters.",
            },
          ],
        },
      ],
    },
    webcredentials: { apps: ["ABCDE12345.com.example.app"] },
  };

  it("reproduces Apple's example from typed args", () => {
    const [details] = appleExample.applinks.details;
    const components = details.components.map((c: Record<string, unknown>) => ({
      ...(c["/"] !== undefined ? { path: c["/"] as string } : {}),
      ...(c["?"] !== undefined ? { queryItems: c["?"] as Record<string, string> } : {}),
      ...(c["#"] !== undefined ? { fragment: c["#"] as string } : {}),
      ...(c.exclude !== undefined ? { exclude: c.exclude as boolean } : {}),
      ...(c.comment !== undefined ? { comment: c.comment as string } : {}),
    }));
    const rendered = JSON.parse(
      renderAppleAppSiteAssociation({ appIds: details.appIDs, components, webcredentials: appleExample.webcredentials.apps }),
    );
    expect(rendered).toEqual(appleExample);
  });

  it("accepts a query string pattern, caseSensitive and percentEncoded", () => {
    const doc = buildAppleAppSiteAssociation({
      appIds: ["ABCDE12345.com.example.app"],
      components: [{ path: "/", query: "code=*", caseSensitive: false, percentEncoded: false }],
    });
    expect(doc.applinks.details[0].components).toEqual([{ "/": "/", "?": "code=*", caseSensitive: false, percentEncoded: false }]);
  });

  // developers.google.com/digital-asset-links and developer.android.com "Verify Android App Links".
  const googleExample = [
    {
      relation: ["delegate_permission/common.handle_all_urls"],
      target: {
        namespace: "android_app",
        package_name: "com.example",
        sha256_cert_fingerprints: ["14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5"],
      },
    },
  ];

  it("reproduces Google's single-app example", () => {
    const [statement] = googleExample;
    const rendered = JSON.parse(
      renderAssetLinks([{ packageName: statement.target.package_name, sha256CertFingerprints: statement.target.sha256_cert_fingerprints }]),
    );
    expect(rendered).toEqual(googleExample);
  });

  it("reproduces Google's two-apps example (an app and its variant)", () => {
    const twoApps = [
      { ...googleExample[0] },
      { relation: googleExample[0].relation, target: { ...googleExample[0].target, package_name: "com.example.puppies.app" } },
    ];
    const rendered = JSON.parse(
      renderAssetLinks(
        twoApps.map((s) => ({ packageName: s.target.package_name, sha256CertFingerprints: s.target.sha256_cert_fingerprints })),
      ),
    );
    expect(rendered).toEqual(twoApps);
  });
});

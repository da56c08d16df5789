// The guard that lets the package's inside be rearranged: what providers serialized into users'
// stack state require must keep resolving (SERIALIZED_PROVIDER_MANIFEST), and a provider
// serialized by this package requires only the stable entry modules (src/providers/).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ENTRY_MODULES,
  exportKind,
  installInto,
  packageRequires,
  packWorkingTree,
  SERIALIZED_PROVIDER_MANIFEST,
  serializeInstalledProviders,
} from "../engine/harness/packages";
import { PACKAGE_DIR } from "./pack";

describe("paths that serialized providers in stack state require", () => {
  test.each(Object.entries(SERIALIZED_PROVIDER_MANIFEST))("%s resolves in the built package with its names", (modulePath, { names }) => {
    const file = path.join(PACKAGE_DIR, modulePath);
    expect(fs.existsSync(file)).toBe(true);

    const mod = require(file) as Record<string, unknown>;
    const kinds = Object.fromEntries(Object.keys(names).map((name) => [name, exportKind(mod[name])]));
    expect(kinds).toEqual(names);
  });

  test("the manifest's paths are inside the package's published files and its exports map", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"));
    expect(manifest.files).toContain("dist/**/*.js");
    expect(manifest.exports["./dist/*"]).toBe("./dist/*");
  });

  test("packageRequires reads the names off the required modules, aliases and spreads included", () => {
    const text = [
      "exports.handler = __f0;",
      'const diff_1 = require("alexa-linking-component/dist/alexa/diff.js");',
      'const retry_1 = require("alexa-linking-component/dist/alexa/retry.js");',
      'const __pulumi_closure_import_exports = require("alexa-linking-component/dist/alexa/provider.js");',
      'const other = require("ask-smapi-sdk/dist/index.js");',
      "with({ exports: __pulumi_closure_import_exports, this: undefined }) { (0, exports.skillLinkingId)(a); }",
      "(0, diff_1.diffSkillLinking)(o, n); x.diff_1.notThis; ({ ...retry_1.DEFAULT_RETRY_POLICY });",
    ].join("\n");
    const found = Object.fromEntries([...packageRequires(text)].map(([p, n]) => [p, [...n].sort()]));
    expect(found).toEqual({
      "dist/alexa/diff.js": ["diffSkillLinking"],
      "dist/alexa/retry.js": ["DEFAULT_RETRY_POLICY"],
      "dist/alexa/provider.js": ["skillLinkingId"],
    });
  });
});

describe("a provider serialized by this package, installed from its tarball", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-entry-"));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("requires only the stable entry modules of the package, and only names the manifest freezes", async () => {
    const packed = await packWorkingTree(dir);
    const program = path.join(dir, "program");
    fs.mkdirSync(program);
    await installInto(program, packed, { "@pulumi/pulumi": "3.248.0" });
    const texts = await serializeInstalledProviders(program, {
      cognito: "alexa-linking-component/dist/providers/cognitoCallbackUrl.js",
      skill: "alexa-linking-component/dist/providers/skillAccountLinking.js",
    });
    const cognito = packageRequires(texts.cognito);
    const skill = packageRequires(texts.skill);
    expect([...cognito.keys()]).toEqual([ENTRY_MODULES[0]]);
    expect([...skill.keys()]).toEqual([ENTRY_MODULES[1]]);
    for (const [modulePath, names] of [...cognito, ...skill]) {
      expect([...names].sort()).toEqual(Object.keys(SERIALIZED_PROVIDER_MANIFEST[modulePath].names).sort());
    }
    // Nothing else of the package is inlined either: the code behind the entry modules stays behind them.
    expect(texts.cognito).not.toMatch(/UPDATE_REQUEST_FIELDS|sameClientConfiguration/);
    expect(texts.skill).not.toMatch(/planWrite\(|getAccountLinking\(/);
  }, 240_000);
});

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../packages/alexa-linking-component/src/cli/main";
import { capturedIo } from "../support/cliIo";
import { renderAssociationFiles } from "../../packages/alexa-linking-component/src";

const io = (cwd: string, env: NodeJS.ProcessEnv = {}) => ({ io: capturedIo({ cwd, env }) });
/** The SMAPI credentials of the deploy's shell: a stack with skills needs them, as `pulumi preview` does. */
const ASK_ENV = { ASK_LWA_CLIENT_ID: "amzn1.application-oa2-client.x", ASK_LWA_CLIENT_CONFIRMATION: "s", ASK_REFRESH_TOKEN: "Atzr|t" };

describe("alexa-linking render", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes the files of the dev stack with the component's renderer", async () => {
    const root = path.join(__dirname, "..", "..");
    const run = io(root, ASK_ENV);
    const code = await main(["render", "--stack", "dev", "--out", dir], run.io);
    expect(run.io.err).toBe("");
    expect(code).toBe(0);
    const aasa = fs.readFileSync(path.join(dir, ".well-known", "apple-app-site-association"), "utf8");
    const assetlinks = fs.readFileSync(path.join(dir, ".well-known", "assetlinks.json"), "utf8");
    const expected = renderAssociationFiles({ appIds: ["ABCDE12345.com.espressif.rainmaker"] }, [
      {
        packageName: "com.espressif.rainmaker",
        sha256CertFingerprints: ["14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5"],
      },
    ]);
    expect([aasa, assetlinks]).toEqual(expected.map((f) => f.body));
    expect(run.io.out).toContain(path.join(dir, ".well-known", "assetlinks.json"));
  });

  it("reads structured and JSON-text values, skips secure values, and ignores other namespaces", async () => {
    const file = path.join(dir, "Pulumi.test.yaml");
    fs.writeFileSync(
      file,
      [
        "config:",
        "  aws:region: eu-west-1",
        "  alexa-app-linking:smapiClientSecret:",
        "    secure: AAABAExampleCipherText",
        `  alexa-app-linking:iosAppIds: '["ABCDE12345.com.espressif.rainmaker"]'`,
        "",
      ].join("\n"),
    );
    const run = io(dir);
    expect(await main(["render", "--config-file", file], run.io)).toBe(0);
    expect(fs.existsSync(path.join(dir, "association-files", "test", ".well-known", "apple-app-site-association"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "association-files", "test", ".well-known", "assetlinks.json"))).toBe(false);
  });

  it("reports bad config with the stack key, the value and the fix, exit code 1", async () => {
    const file = path.join(dir, "Pulumi.bad.yaml");
    fs.writeFileSync(file, "config:\n  alexa-app-linking:iosAppIds:\n    - abcde12345.com.espressif.rainmaker\n");
    const run = io(dir);
    expect(await main(["render", "--config-file", file], run.io)).toBe(1);
    expect(run.io.err).toMatch(
      /Pulumi\.bad\.yaml\):\n {2}- config alexa-app-linking:iosAppIds\[0\] "abcde12345.com.espressif.rainmaker" has Team ID .* Fix: /,
    );
  });

  it("asks for a stack when none is named, and rejects unknown options", async () => {
    const run = io(dir);
    expect(await main(["render"], run.io)).toBe(2);
    expect(run.io.err).toMatch(/--stack <name> or --config-file/);
    expect(await main(["render", "--stak", "dev"], run.io)).toBe(2);
    expect(run.io.err).toMatch(/unknown option --stak; known: --stack, --config-file, --out, --help\. Fix: did you mean --stack\?/);
  });

  describe("runs the stack program's checks (stackArgs), in stack keys", () => {
    const write = (lines: string[]) => {
      const file = path.join(dir, "Pulumi.x.yaml");
      fs.writeFileSync(file, ["config:", ...lines, ""].join("\n"));
      return file;
    };
    const ios = ["  alexa-app-linking:iosAppIds:", "    - ABCDE12345.com.espressif.rainmaker"];

    it.each<[string, string[], NodeJS.ProcessEnv, RegExp]>([
      [
        "a skill id the program refuses",
        [...ios, "  alexa-app-linking:skillIds:", "    - amzn1.ask.skill.nope"],
        ASK_ENV,
        /config alexa-app-linking:skillIds\[0\] "amzn1\.ask\.skill\.nope" is not an Alexa skill id\. Fix: /,
      ],
      [
        "no platform: stack keys, not args.ios",
        ["  alexa-app-linking:bucketName: rainmaker-links"],
        {},
        /config alexa-app-linking:iosAppIds and alexa-app-linking:androidPackageName are both unset.* Fix: `pulumi config set --path 'iosAppIds\[0\]'/,
      ],
      ["an unknown key", [...ios, "  alexa-app-linking:skilIds: []"], {}, /did you mean alexa-app-linking:skillIds\?/],
      [
        "a bad access token URL",
        [...ios, "  alexa-app-linking:accessTokenUrl: http://x.example.com/token"],
        {},
        /accessTokenUrl .* uses http/,
      ],
      ["a bad endpoint", [...ios, "  alexa-app-linking:endpoints:", "    smapi: http://example.com"], {}, /endpoints\.smapi/],
      [
        "skills without SMAPI credentials",
        [...ios, "  alexa-app-linking:skillIds:", "    - amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef"],
        {},
        /smapiClientId is not set and neither is ASK_LWA_CLIENT_ID/,
      ],
    ])("%s", async (_what, lines, env, expected) => {
      const run = io(dir, env);
      expect(await main(["render", "--config-file", write(lines)], run.io)).toBe(1);
      expect(run.io.err).toMatch(expected);
      expect(run.io.err).not.toMatch(/args\./);
      expect(fs.existsSync(path.join(dir, "association-files"))).toBe(false);
    });

    it("counts the stack file's secure values as set, without reading them", async () => {
      const secure = ["smapiClientId", "smapiClientSecret", "smapiRefreshToken"].flatMap((key) => [
        `  alexa-app-linking:${key}:`,
        "    secure: AAABAExampleCipherText",
      ]);
      const file = write([
        ...ios,
        "  alexa-app-linking:skillIds:",
        "    - amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef",
        ...secure,
      ]);
      const run = io(dir);
      expect(await main(["render", "--config-file", file], run.io)).toBe(0);
      expect(run.io.err).toBe("");
    });

    it("renders a stack that stores keys it does not write with --secret, as the stack program accepts them", async () => {
      const secure = ["accessTokenUrl", "accessTokenStage", "bucketName", "cognitoUserPoolId", "endpoints"].flatMap((key) => [
        `  alexa-app-linking:${key}:`,
        "    secure: AAABAExampleCipherText",
      ]);
      const run = io(dir);
      expect(await main(["render", "--config-file", write([...ios, ...secure]), "--out", path.join(dir, "out")], run.io)).toBe(0);
      expect(run.io.err).toBe("");
      expect(fs.existsSync(path.join(dir, "out", ".well-known", "apple-app-site-association"))).toBe(true);
    });

    it("refuses structural keys and the keys it writes when stored with --secret, each once, by name", async () => {
      const secure = ["publicAccess", "iosAppIds"].flatMap((key) => [`  alexa-app-linking:${key}:`, "    secure: AAABAExampleCipherText"]);
      const run = io(dir);
      expect(await main(["render", "--config-file", write(secure)], run.io)).toBe(1);
      expect(run.io.err).toMatch(/publicAccess is stored as a secret, but it decides which resources exist/);
      expect(run.io.err).toMatch(/iosAppIds is stored as a secret, and render never decrypts/);
      expect(run.io.err).toMatch(/has 2 problems/);
      expect(run.io.err).not.toMatch(/secure value of the stack file|not valid/);
    });
  });
});

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../packages/alexa-linking-component/src/cli/main";
import { capturedIo } from "../support/cliIo";
import { renderAssociationFiles } from "../../packages/alexa-linking-component/src";

const io = (cwd: string) => ({ io: capturedIo({ cwd }) });

describe("alexa-linking render", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes the files of the dev stack with the component's renderer", async () => {
    const root = path.join(__dirname, "..", "..");
    const run = io(root);
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
});

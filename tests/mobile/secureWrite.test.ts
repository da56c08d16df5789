/**
 * Files that may hold the Alexa client secret are created atomically, without following links:
 * a temp file made with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 in the same folder, renamed
 * over the target. A link planted at the target is refused and its target left alone; a file
 * another process holds open keeps its old content (its inode never receives the secret).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MOBILE_FILES } from "../../packages/alexa-linking-component/src/cli/mobileConfig";
import { fileInFolder, writeFileAtomic } from "../../packages/alexa-linking-component/src/mobile/secureWrite";
import { runMobileConfig } from "./cliHarness";

const ONE = fs.readFileSync(path.join(__dirname, "fixtures", "stack-output.json"), "utf8");
const SECRET = "amzn1.oa2-cs.v1.never0in0the0wrong0file000000000000000000000000000";
const ENV = { ALEXA_CLIENT_ID: "amzn1.application-oa2-client.x", ALEXA_CLIENT_SECRET: SECRET };
const SECRET_FILES = [MOBILE_FILES.ios.file, MOBILE_FILES.android.file, MOBILE_FILES.json.file];

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "secure-write-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("mobile-config --out", () => {
  test.each(SECRET_FILES)("a symlink planted at %s is refused and the file it points to is unchanged", async (name) => {
    const out = path.join(tmp, "out");
    fs.mkdirSync(out);
    const victim = path.join(tmp, "victim.txt");
    fs.writeFileSync(victim, "precious\n", { mode: 0o644 });
    fs.symlinkSync(victim, path.join(out, name));
    const run = await runMobileConfig(["--out", out], { stdin: ONE, env: ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `--out .*${name.replace(/\./g, "\\.")} is a symbolic link; mobile-config does not write through links.*Fix: remove the link`,
      ),
    );
    expect(fs.readFileSync(victim, "utf8")).toBe("precious\n");
    expect(fs.statSync(victim).mode & 0o777).toBe(0o644);
    expect(fs.lstatSync(path.join(out, name)).isSymbolicLink()).toBe(true);
    // Refused before anything was written.
    expect(fs.readdirSync(out)).toEqual([name]);
  });

  test("an --out folder that is itself a symbolic link is refused; nothing is written where it points", async () => {
    const elsewhere = path.join(tmp, "shared-with-others");
    fs.mkdirSync(elsewhere);
    const out = path.join(tmp, "out");
    fs.symlinkSync(elsewhere, out);
    const run = await runMobileConfig(["--out", out], { stdin: ONE, env: ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `--out ${out} is a symbolic link to ${fs.realpathSync(elsewhere)}; files are not written through a link. Fix: `,
    );
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
  });

  test("a dangling --out link is refused too (mkdir would not create its target, but the files must not go there)", async () => {
    const out = path.join(tmp, "out");
    fs.symlinkSync(path.join(tmp, "not-yet"), out);
    const run = await runMobileConfig(["--out", out], { stdin: ONE, env: ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is a symbolic link to .*not-yet \(which does not exist\)/);
    expect(fs.existsSync(path.join(tmp, "not-yet"))).toBe(false);
  });

  test("an --out reached through a linked parent folder is resolved, and the command says where the files go", async () => {
    const realParent = path.join(tmp, "real-parent");
    fs.mkdirSync(realParent);
    fs.symlinkSync(realParent, path.join(tmp, "linked-parent"));
    const out = path.join(tmp, "linked-parent", "out");
    const real = path.join(fs.realpathSync(realParent), "out");
    const run = await runMobileConfig(["--out", out, "--format", "android"], { stdin: ONE, env: ENV });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`--out ${out} is ${real} on disk (a folder on its path is a symbolic link); the files are written there.`);
    expect(run.stdout).toContain(path.join(real, MOBILE_FILES.android.file));
    expect(fs.readdirSync(real)).toEqual([MOBILE_FILES.android.file]);
  });

  test("a dangling symlink is refused too (it would create the file where it points)", async () => {
    const out = path.join(tmp, "out");
    fs.mkdirSync(out);
    const target = path.join(tmp, "created-through-link");
    fs.symlinkSync(target, path.join(out, MOBILE_FILES.android.file));
    const run = await runMobileConfig(["--out", out, "--format", "android"], { stdin: ONE, env: ENV });
    expect(run.code).toBe(1);
    expect(fs.existsSync(target)).toBe(false);
  });

  test("a file another handle holds open does not receive the secret: the old inode keeps the old content", async () => {
    const out = path.join(tmp, "out");
    fs.mkdirSync(out);
    const file = path.join(out, MOBILE_FILES.android.file);
    fs.writeFileSync(file, "old content\n", { mode: 0o644 });
    const before = fs.statSync(file).ino;
    const held = fs.openSync(file, "r");
    try {
      const run = await runMobileConfig(["--out", out, "--format", "android"], { stdin: ONE, env: ENV });
      expect(run.code).toBe(0);
      const buffer = Buffer.alloc(4096);
      const read = fs.readSync(held, buffer, 0, buffer.length, 0);
      expect(buffer.subarray(0, read).toString("utf8")).toBe("old content\n");
      expect(fs.fstatSync(held).mode & 0o777).toBe(0o644);
    } finally {
      fs.closeSync(held);
    }
    expect(fs.statSync(file).ino).not.toBe(before);
    expect(fs.readFileSync(file, "utf8")).toContain(`alexaClientSecret=${SECRET}`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  test("files with the secret are 0600 whatever the umask, and no temp file is left behind", async () => {
    const out = path.join(tmp, "out");
    const umask = process.umask(0);
    try {
      const run = await runMobileConfig(["--out", out], { stdin: ONE, env: ENV });
      expect(run.code).toBe(0);
    } finally {
      process.umask(umask);
    }
    for (const name of SECRET_FILES) expect([name, fs.statSync(path.join(out, name)).mode & 0o777]).toEqual([name, 0o600]);
    expect(fs.statSync(path.join(out, MOBILE_FILES["ios-entitlements"].file)).mode & 0o777).toBe(0o644);
    expect(fs.readdirSync(out).sort()).toEqual(
      Object.values(MOBILE_FILES)
        .map((f) => f.file)
        .sort(),
    );
  });

  test("--out that is a file is refused", async () => {
    const out = path.join(tmp, "a-file");
    fs.writeFileSync(out, "x");
    const run = await runMobileConfig(["--out", out], { stdin: ONE, env: ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--out .*a-file is not a folder/);
  });
});

describe("writeFileAtomic", () => {
  test("creates the file with the mode, replacing an ordinary file by rename", () => {
    const file = path.join(tmp, "f");
    fs.writeFileSync(file, "old", { mode: 0o666 });
    writeFileAtomic(file, "new", 0o600, "--out");
    expect(fs.readFileSync(file, "utf8")).toBe("new");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(tmp)).toEqual(["f"]);
  });

  test.each<[string, (file: string) => void, RegExp]>([
    ["a symlink", (file) => fs.symlinkSync(path.join(tmp, "elsewhere"), file), /is a symbolic link/],
    ["a folder", (file) => fs.mkdirSync(file), /is not a regular file/],
  ])("refuses %s at the target", (_case, plant, message) => {
    const file = path.join(tmp, "target");
    plant(file);
    expect(() => writeFileAtomic(file, SECRET, 0o600, "--out")).toThrow(message);
    expect(fs.existsSync(path.join(tmp, "elsewhere"))).toBe(false);
    expect(fs.readdirSync(tmp)).toEqual(["target"]);
  });

  test("a failed write leaves no temp file", () => {
    const missing = path.join(tmp, "no-such-folder", "f");
    expect(() => writeFileAtomic(missing, "x", 0o600, "--out")).toThrow(/--out .*no-such-folder/);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

describe("fileInFolder", () => {
  test.each(["android-local.properties", "Configuration.plist", "ESPRainMaker.entitlements"])("%s stays in the folder", (name) => {
    expect(fileInFolder("/out", name)).toBe(path.join("/out", name));
  });
  test.each(["../x", "a/b", "..", ".", "", "/etc/passwd"])("%j is refused", (name) => {
    expect(() => fileInFolder("/out", name)).toThrow(/not a file name inside the --out folder/);
  });
});

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { runCli } from "../support/cliIo";

const REPO = path.resolve(__dirname, "..", "..");
const PACKAGE = path.join(REPO, "packages", "alexa-linking-component");
const VERSION = (JSON.parse(fs.readFileSync(path.join(PACKAGE, "package.json"), "utf8")) as { version: string }).version;

describe("alexa-linking --version", () => {
  it.each([["--version"], ["-V"]])("%s prints the package version and exits 0", async (flag) => {
    const run = await runCli([flag]);
    expect(run).toMatchObject({ code: 0, stdout: `alexa-linking ${VERSION}\n`, stderr: "" });
  });

  it("is in the usage", async () => {
    expect((await runCli(["--help"])).stdout).toContain("alexa-linking --version");
  });
});

describe("the README's `pnpm -s alexa-linking` from any folder of the repository", () => {
  const main = path.join(PACKAGE, "dist", "cli", "main.js");

  it("the built command line is executable (pnpm runs the bin directly outside the root)", () => {
    expect(fs.statSync(main).mode & 0o111).toBe(0o111);
  });

  it.each([["."], ["stacks"], ["packages/alexa-linking-component"], ["tests"]])(
    "works from %s",
    async (folder) => {
      const { stdout } = await promisify(execFile)("pnpm", ["-s", "alexa-linking", "--version"], { cwd: path.join(REPO, folder) });
      expect(stdout).toBe(`alexa-linking ${VERSION}\n`);
    },
    30_000,
  );

  it.each([["stacks"], ["tests"]])(
    "pnpm stack-up runs from %s (without a stack it prints its usage, exit 2)",
    async (folder) => {
      const result = await promisify(execFile)("pnpm", ["-s", "stack-up"], { cwd: path.join(REPO, folder) }).catch(
        (err: { code: number; stderr: string }) => err,
      );
      expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining("usage: pnpm stack-up <stack>") });
    },
    30_000,
  );
});

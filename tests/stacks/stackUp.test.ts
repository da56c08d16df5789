import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.join(__dirname, "..", "..");

/** Runs scripts/stack-up.sh with fake `pulumi` and `pnpm` that record their arguments. */
function stackUp(args: string[], env: Record<string, string> = {}) {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "stack-up-"));
  const log = path.join(bin, "calls.log");
  for (const tool of ["pulumi", "pnpm"]) {
    fs.writeFileSync(path.join(bin, tool), `#!/usr/bin/env bash\necho "${tool} $* [backend=\${PULUMI_BACKEND_URL:-}]" >> "${log}"\n`, {
      mode: 0o755,
    });
  }
  const result = spawnSync("bash", [path.join(root, "scripts", "stack-up.sh"), ...args], {
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: bin, ...env },
    encoding: "utf8",
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
  fs.rmSync(bin, { recursive: true, force: true });
  return { ...result, calls };
}

describe("pnpm stack-up", () => {
  it("builds, selects or creates the stack on the in-repo file backend, then runs pulumi up", () => {
    const run = stackUp(["dev", "--yes"]);
    expect(run.status).toBe(0);
    const backend = `file://${root}/.pulumi-state`;
    expect(run.calls).toEqual([
      `pnpm install --frozen-lockfile [backend=${backend}]`,
      `pnpm build [backend=${backend}]`,
      `pulumi stack select --create dev [backend=${backend}]`,
      `pulumi up --stack dev --yes [backend=${backend}]`,
    ]);
  });

  it("keeps a backend named by PULUMI_BACKEND_URL", () => {
    const run = stackUp(["prod"], { PULUMI_BACKEND_URL: "s3://team-pulumi-state" });
    expect(run.calls.at(-1)).toBe("pulumi up --stack prod [backend=s3://team-pulumi-state]");
  });

  it("explains a missing stack file and a missing stack name", () => {
    expect(stackUp(["staging"]).stderr).toMatch(/stacks\/Pulumi.staging.yaml does not exist/);
    const noName = stackUp([]);
    expect(noName.status).toBe(2);
    expect(noName.stderr).toMatch(/usage: pnpm stack-up <stack>/);
  });
});

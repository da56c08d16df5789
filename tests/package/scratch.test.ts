/**
 * What a user of the published package gets: the tarball installed into a fresh TypeScript
 * Pulumi project outside the workspace, its program type-checked against the installed
 * declarations and run under mocks, and the serialized dynamic providers loaded from there.
 *
 * The install is offline: a lockfile pinned to the workspace lockfile's resolutions (see
 * scratchLockfile) lets `pnpm install --frozen-lockfile --offline` take every package from the
 * store that the workspace's own `pnpm install --frozen-lockfile` filled. No registry metadata
 * is needed, which a frozen install does not cache.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { PROVIDER_PRELUDE, runNode } from "../support/providerLoader";
import { REPO, cleanEnv, manifest, pack, run } from "./pack";
import { Lockfile, scratchLockfile } from "./rules";

const FIXTURE = path.join(__dirname, "fixtures", "scratch");
const COGNITO = "pulumi-nodejs:dynamic/alexa-linking:CognitoCallbackUrl";
const SKILL = "pulumi-nodejs:dynamic/alexa-linking:SkillAccountLinking";
const pkg = manifest();

/** Drives a loaded provider: its methods, diff on the version, check of a bad URL. */
const PROBE = `
(async () => {
  const inputs = JSON.parse(args[0]);
  const methods = Object.keys(provider).filter((k) => typeof provider[k] === "function").sort();
  const same = await provider.diff("id", { ...inputs, version: "${pkg.version}" }, { ...inputs, version: "${pkg.version}" });
  const older = await provider.diff("id", { ...inputs, version: "0.0.0-older" }, { ...inputs, version: "${pkg.version}" });
  const bad = await provider.check({}, { ...inputs, redirectUrl: "http://example.com/#fragment", version: "${pkg.version}" });
  process.stdout.write(JSON.stringify({ methods, same: same.changes, older: older.changes, failures: bad.failures }));
})().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exitCode = 1; });
`;

interface RunResult {
  outputs: Record<string, unknown>;
  registered: { type: string; name: string; inputs: Record<string, any> }[];
  providers: Record<string, string>;
  resolved: { pulumi: string; component: string };
}

let tmp: string;
let scratch: string;
let result: RunResult;

beforeAll(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "alexa-linking-scratch-")));
  const { tarball } = await pack(tmp);
  scratch = path.join(tmp, "project");
  fs.mkdirSync(scratch);
  for (const file of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, file), path.join(scratch, file));
  const tarballName = path.basename(tarball);
  fs.copyFileSync(tarball, path.join(scratch, tarballName));

  const workspaceLock = YAML.parse(fs.readFileSync(path.join(REPO, "pnpm-lock.yaml"), "utf8")) as Lockfile;
  const integrity = `sha512-${crypto.createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`;
  const { lockfile, dependencies } = scratchLockfile(workspaceLock, pkg, tarballName, integrity, "packages/alexa-linking-component");
  fs.writeFileSync(
    path.join(scratch, "package.json"),
    JSON.stringify({ name: "scratch-program", version: "1.0.0", private: true, dependencies }, null, 2),
  );
  fs.writeFileSync(path.join(scratch, "pnpm-lock.yaml"), YAML.stringify(lockfile));
  // A flat node_modules, as npm users have: the serialized providers then require the package by name.
  fs.writeFileSync(path.join(scratch, ".npmrc"), "node-linker=hoisted\n");

  const store = (await run("pnpm", ["store", "path"], { cwd: REPO, env: cleanEnv() })).stdout.trim();
  await run("pnpm", ["install", "--frozen-lockfile", "--offline", "--store-dir", store], { cwd: scratch, env: cleanEnv() });
  await run(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", scratch], {
    cwd: scratch,
    env: cleanEnv(),
  });
  const { stdout } = await run(process.execPath, [path.join(scratch, "bin", "run.js")], { cwd: scratch, env: cleanEnv() });
  result = JSON.parse(stdout);
}, 120_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the scratch project", () => {
  it("lies outside the workspace, with no node_modules above it", () => {
    expect(scratch.startsWith(REPO + path.sep)).toBe(false);
    const above: string[] = [];
    for (let dir = path.dirname(scratch); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, "node_modules"))) above.push(dir);
    }
    expect(above).toEqual([]);
  });

  it("resolves @pulumi/pulumi and the component from its own node_modules, the component at the packed version", () => {
    expect(result.resolved.pulumi).toBe(path.join(scratch, "node_modules", "@pulumi", "pulumi", "index.js"));
    expect(result.resolved.component).toBe(path.join(scratch, "node_modules", "alexa-linking-component", "dist", "index.js"));
    const installed = JSON.parse(fs.readFileSync(path.join(scratch, "node_modules", "alexa-linking-component", "package.json"), "utf8"));
    expect(installed.version).toBe(pkg.version);
    expect(fs.existsSync(path.join(scratch, "node_modules", "alexa-linking-component", "src"))).toBe(false);
  });
});

describe("the program, type-checked against the installed declarations and run under mocks", () => {
  it("gets every output", () => {
    expect(result.outputs).toEqual({
      redirectURL: "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/",
      redirectHost: "rainmaker-alexa-links.s3.eu-west-1.amazonaws.com",
      bucketName: "rainmaker-alexa-links",
      associationFileUrls: {
        ios: "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/.well-known/apple-app-site-association",
        android: "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/.well-known/assetlinks.json",
      },
      cognitoClientId: "rm-client-id",
      cognitoUserPoolId: "eu-west-1_AbCdEfGhI",
      alexaAccessTokenURL: "https://abc123defg.execute-api.eu-west-1.amazonaws.com/dev/token",
      skills: [
        {
          skillId: "amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef",
          stage: "development",
          redirectUrls: ["https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/"],
        },
      ],
      minimalRedirectURL: "https://minimal-dev-123456789012.s3.eu-west-1.amazonaws.com/",
    });
  });

  it("registers the component's resources under its type token", () => {
    const count = (type: string) => result.registered.filter((r) => r.type === type).length;
    expect(count("alexa-linking-component:index:AlexaAppLinking")).toBe(2);
    expect(count("aws:s3/bucket:Bucket")).toBe(2);
    expect(count("aws:s3/bucketObjectv2:BucketObjectv2")).toBe(3);
    expect(count(COGNITO)).toBe(2);
    expect(count(SKILL)).toBe(1);
    expect(count("command:local:Command")).toBe(1); // the minimal example keeps verify on
  });

  it("records the package version on every dynamic resource, so a provider change shows as an update", () => {
    const dynamic = result.registered.filter((r) => r.type === COGNITO || r.type === SKILL);
    expect(dynamic.map((r) => r.inputs.version)).toEqual(dynamic.map(() => pkg.version));
  });

  it("runs the post-deploy check with the script shipped in the installed package", () => {
    const command = result.registered.find((r) => r.type === "command:local:Command")!;
    const script = path.join(scratch, "node_modules", "alexa-linking-component", "dist", "verify", "script.js");
    expect(command.inputs.create).toBe(script);
    expect(fs.existsSync(script)).toBe(true);
  });
});

describe("the serialized dynamic providers, loaded in a fresh process from the scratch project", () => {
  const inputs = {
    CognitoCallbackUrl: {
      redirectUrl: "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/",
      region: "eu-west-1",
      userPoolId: "eu-west-1_AbCdEfGhI",
      clientName: "esp-rainmaker-alexa-skill",
    },
    SkillAccountLinking: {
      skillId: "amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef",
      stage: "development",
      redirectUrl: "https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/",
      redirectUrls: ["https://rainmaker-alexa-links.s3.eu-west-1.amazonaws.com/"],
      cognitoClientId: "rm-client-id",
      clientSecret: "rm-client-secret",
      lwa: { clientId: "lwa-id", clientSecret: "lwa-secret", refreshToken: "lwa-refresh" },
    },
  };

  it.each(Object.keys(inputs) as (keyof typeof inputs)[])("%s requires the package's own modules through its exports map", (kind) => {
    const text = fs.readFileSync(result.providers[kind], "utf8");
    const required = [...text.matchAll(/require\("(alexa-linking-component[^"]*)"\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const specifier of required) expect(specifier).toMatch(/^alexa-linking-component\/dist\/[\w/]+\.js$/);
    expect(text).not.toContain(REPO);
  });

  it.each(Object.keys(inputs) as (keyof typeof inputs)[])(
    "%s loads, has every method, diffs on a version change and checks its inputs",
    async (kind) => {
      // Run in the scratch project, so the provider resolves the installed package from there.
      const probe = await runNode({ source: PROVIDER_PRELUDE + PROBE }, [result.providers[kind], JSON.stringify(inputs[kind])], {
        cwd: scratch,
        env: cleanEnv(),
      });
      expect(probe).toMatchObject({ code: 0 });
      const r = JSON.parse(probe.stdout);
      expect(r.methods).toEqual(["check", "create", "delete", "diff", "read", "update"]);
      expect(r.same).toBe(false);
      expect(r.older).toBe(true);
      expect(r.failures).toEqual([expect.objectContaining({ property: "redirectUrl" })]);
    },
  );
});

describe("the CLI of the installed package", () => {
  it("runs from node_modules/.bin", async () => {
    const { stdout } = await run(path.join(scratch, "node_modules", ".bin", "alexa-linking"), ["--help"], {
      cwd: scratch,
      env: cleanEnv(),
    });
    expect(stdout).toContain("usage: alexa-linking <verb>");
    expect(stdout).toContain("mobile-config");
  });
});

import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { argsFromConfig, PLAIN_CONFIG_KEYS, SECRET_CONFIG_KEYS } from "../../packages/alexa-linking-component/src";
import { readStackConfig } from "../../packages/alexa-linking-component/src/cli/render";

const root = path.join(__dirname, "..", "..");
const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));

describe("Pulumi.yaml", () => {
  it("runs the stacks/ program with pnpm and keeps stack files in stacks/", () => {
    expect(project.runtime).toEqual({ name: "nodejs", options: { packagemanager: "pnpm" } });
    expect(project.main).toBe("stacks/");
    expect(project.stackConfigDir).toBe("stacks");
    expect(project.options.refresh).toBe("always");
  });

  it("declares every key the program reads, each with a description", () => {
    const declared = Object.keys(project.config).sort();
    expect(declared).toEqual([...PLAIN_CONFIG_KEYS, ...Object.values(SECRET_CONFIG_KEYS)].sort());
    for (const spec of Object.values<any>(project.config)) expect(typeof spec.description).toBe("string");
  });

  // The CLI's rules (sdk/go/common/workspace/config.go, mergeConfig and validateStackConfigValue):
  // a project key without a default is required, and a secret key with a plain default is refused.
  it("makes every key optional: each has a default, and none is a secret key with a plain default", () => {
    for (const [key, spec] of Object.entries<any>(project.config)) {
      expect([key, spec.default !== undefined || spec.value !== undefined]).toEqual([key, true]);
      expect([key, spec.secret === true && spec.default !== undefined]).toEqual([key, false]);
    }
  });

  // A typed key is checked by the CLI before the program runs, which reports only the first
  // mistake; the program checks untyped keys itself and reports all of them.
  it("leaves value checks to the program", () => {
    for (const [key, spec] of Object.entries<any>(project.config)) expect([key, spec.type]).toEqual([key, undefined]);
  });

  it("maps the defaults to no args, so an empty stack file deploys the component's defaults", () => {
    const defaults = Object.fromEntries(Object.entries<any>(project.config).map(([key, spec]) => [key, spec.default]));
    expect(argsFromConfig(defaults)).toEqual({
      publicAccess: "policy",
      cognito: { clientName: "esp-rainmaker-alexa-skill" },
      skills: [],
      accessToken: { apiName: "AlexaSkillLinking", stage: "dev" },
      verify: true,
    });
  });
});

describe.each(["dev", "prod", "local"])("stacks/Pulumi.%s.yaml", (stack) => {
  const file = path.join(root, "stacks", `Pulumi.${stack}.yaml`);

  it("uses only declared keys and holds no secret in plain text", () => {
    const config = parse(fs.readFileSync(file, "utf8")).config as Record<string, unknown>;
    for (const key of Object.keys(config)) {
      if (key.startsWith("aws:")) continue;
      const name = key.replace(/^alexa-app-linking:/, "");
      expect(Object.keys(project.config)).toContain(name);
      expect(Object.values(SECRET_CONFIG_KEYS) as string[]).not.toContain(name);
    }
  });

  it("maps to component args that the component accepts", () => {
    const args = argsFromConfig(readStackConfig(file));
    expect(args.ios).toBeDefined();
    expect(args.android).toBeDefined();
    expect((args.skills as unknown[]).length).toBeGreaterThan(0);
  });
});

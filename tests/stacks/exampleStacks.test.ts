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

  it("declares every key the program reads, each with a description; the credentials are secret", () => {
    const declared = Object.keys(project.config).sort();
    expect(declared).toEqual([...PLAIN_CONFIG_KEYS, ...Object.values(SECRET_CONFIG_KEYS)].sort());
    for (const [key, spec] of Object.entries<any>(project.config)) {
      expect(typeof spec.description).toBe("string");
      expect(spec.secret === true).toBe((Object.values(SECRET_CONFIG_KEYS) as string[]).includes(key));
      if (spec.secret) expect(spec.default).toBeUndefined();
    }
  });
});

describe.each(["dev", "prod"])("stacks/Pulumi.%s.yaml", (stack) => {
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

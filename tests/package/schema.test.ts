import * as fs from "node:fs";
import * as path from "node:path";
import { PACKAGE_DIR } from "./pack";
import { COMPONENT_TOKEN, PROVIDER, Schema, buildSchema, classOutputs, interfaceMembers, propertyPaths, refOf } from "./schema";

const ARGS = path.join(PACKAGE_DIR, "src", "args.ts");
const COMPONENT = path.join(PACKAGE_DIR, "src", "alexaAppLinking.ts");
const declared = interfaceMembers(ARGS);
const outputs = classOutputs(COMPONENT, "AlexaAppLinking");
const outputTypes = interfaceMembers(COMPONENT);

let schema: Schema;
beforeAll(async () => {
  schema = await buildSchema(PACKAGE_DIR);
}, 60_000);

const component = () => schema.resources[COMPONENT_TOKEN];
const names = (members: { name: string }[]) => members.map((m) => m.name).sort();
const required = (members: { name: string; optional: boolean }[]) =>
  members
    .filter((m) => !m.optional)
    .map((m) => m.name)
    .sort();

describe("the schema built from the sources", () => {
  it("names the package and the component as the multi-language SDKs will", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"));
    expect(schema.name).toBe(PROVIDER);
    expect(schema.version).toBe(pkg.version);
    expect(Object.keys(schema.resources)).toEqual([COMPONENT_TOKEN]);
    expect(component().description).toMatch(/Alexa app-to-app account linking/);
  });

  it("has every arg of AlexaAppLinkingArgs, each with a description, none required", () => {
    expect(Object.keys(component().inputProperties).sort()).toEqual(names(declared.AlexaAppLinkingArgs));
    expect(component().requiredInputs).toEqual(required(declared.AlexaAppLinkingArgs));
    const undocumented = Object.entries(component().inputProperties)
      .filter(([, p]) => !p.description?.trim())
      .map(([n]) => n);
    expect(undocumented).toEqual([]);
  });

  it.each(Object.keys(declared).filter((name) => name !== "AlexaAppLinkingArgs"))(
    "has the nested type %s with every property, described",
    (name) => {
      const type = schema.types[`${PROVIDER}:index:${name}`];
      expect(type).toBeDefined();
      expect(Object.keys(type.properties).sort()).toEqual(names(declared[name]));
      expect((type.required ?? []).slice().sort()).toEqual(required(declared[name]));
      const undocumented = Object.entries(type.properties)
        .filter(([, p]) => !p.description?.trim())
        .map(([n]) => n);
      expect(undocumented).toEqual([]);
    },
  );

  it("has every output (public readonly field) of AlexaAppLinking, each with a description", () => {
    expect(outputs.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(component().properties).sort()).toEqual(names(outputs));
    const undocumented = Object.entries(component().properties)
      .filter(([, p]) => !p.description?.trim())
      .map(([n]) => n);
    expect(undocumented).toEqual([]);
  });

  it("describes the output types (skills[]) field by field", () => {
    const ref = refOf(component().properties.skills);
    expect(ref).toBe("SkillLinkingStatus");
    const type = schema.types[`${PROVIDER}:index:SkillLinkingStatus`];
    expect(Object.keys(type.properties).sort()).toEqual(names(outputTypes.SkillLinkingStatus));
  });

  it("describes every field of every type, which the Python SDK's help() shows", () => {
    const undocumented = Object.entries(schema.types).flatMap(([token, type]) =>
      Object.entries(type.properties)
        .filter(([, p]) => !p.description?.trim())
        .map(([n]) => `${token.split(":").pop()}.${n}`),
    );
    expect(undocumented).toEqual([]);
  });

  it("names no type *Args, which Python's generated input classes would double (IosArgsArgs)", () => {
    const doubled = Object.keys(schema.types)
      .map((token) => token.split(":").pop()!)
      .filter((name) => /Args$/.test(name));
    expect(doubled).toEqual([]);
  });

  it("has no type the sources do not declare", () => {
    const known = [...Object.keys(declared), ...Object.keys(outputTypes)];
    const extra = Object.keys(schema.types)
      .map((token) => token.split(":").pop()!)
      .filter((name) => !known.includes(name));
    expect(extra).toEqual([]);
  });
});

describe("secrets in the schema", () => {
  it("marks the SMAPI credentials secret, so every generated SDK wraps them before they leave the program", () => {
    expect(component().inputProperties.smapi.secret).toBe(true);
    const credentials = schema.types[`${PROVIDER}:index:SmapiCredentials`].properties;
    expect(credentials.clientSecret.secret).toBe(true);
    expect(credentials.refreshToken.secret).toBe(true);
  });

  it("marks nothing else secret", () => {
    const marked = [
      ...Object.entries(component().inputProperties)
        .filter(([, p]) => p.secret)
        .map(([n]) => `AlexaAppLinking.${n}`),
      ...Object.entries(schema.types).flatMap(([token, type]) =>
        Object.entries(type.properties)
          .filter(([, p]) => p.secret)
          .map(([n]) => `${token.split(":").pop()}.${n}`),
      ),
    ];
    expect(marked.sort()).toEqual(["AlexaAppLinking.smapi", "SmapiCredentials.clientSecret", "SmapiCredentials.refreshToken"]);
  });

  it("is what the build wrote to dist/plugin/schema.json, which the plugin serves", () => {
    const built = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, "dist", "plugin", "schema.json"), "utf8"));
    expect(built).toEqual(schema);
  });
});

describe("the package README", () => {
  const readme = fs.readFileSync(path.join(PACKAGE_DIR, "README.md"), "utf8");
  const row = (name: string) => new RegExp(`^\\| \`${name.replace(/[.[\]]/g, (c) => `\\${c}`)}\``, "m");

  it("has a table row for every arg, nested ones included", () => {
    const missing = propertyPaths(schema, component().inputProperties)
      .map((p) => p.path)
      .filter((p) => !row(p).test(readme));
    expect(missing).toEqual([]);
  });

  it("has a table row for every output", () => {
    const missing = propertyPaths(schema, component().properties)
      .map((p) => p.path)
      .filter((p) => !row(p).test(readme));
    expect(missing).toEqual([]);
  });
});

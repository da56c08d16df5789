/**
 * Why AlexaAppLinkingArgs holds no union types: the multi-language schema analyzer refuses them,
 * so `pulumi package add` would fail for every Python, Go, .NET and YAML user. Each case copies
 * the package sources, makes one arg a union, and builds the schema from the copy.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PACKAGE_DIR, REPO } from "./pack";
import { buildSchema } from "./schema";

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "alexa-linking-schema-"));
});
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** A copy of package.json and src/ whose args.ts has `from` replaced by `to`. */
function copyWith(name: string, from: string, to: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(PACKAGE_DIR, "package.json"), path.join(dir, "package.json"));
  fs.cpSync(path.join(PACKAGE_DIR, "src"), path.join(dir, "src"), { recursive: true });
  // The analyzer resolves @pulumi/pulumi's types as the package itself does.
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
  const args = path.join(dir, "src", "args.ts");
  const text = fs.readFileSync(args, "utf8");
  expect(text.split(from)).toHaveLength(2); // the anchor is there, once
  fs.writeFileSync(args, text.replace(from, to));
  return dir;
}

it("the unchanged copy builds (so a failure below is the union's doing)", async () => {
  const schema = await buildSchema(copyWith("unchanged", "publicAccess?: pulumi.Input<string>;", "publicAccess?: pulumi.Input<string>;"));
  expect(schema.resources["alexa-linking-component:index:AlexaAppLinking"].inputProperties.publicAccess.type).toBe("string");
});

it.each([
  [
    "an existing arg made a union of literals and number",
    "publicAccess?: pulumi.Input<string>;",
    'publicAccess?: pulumi.Input<"policy" | "acl" | number>;',
    "Union types are not supported for component 'AlexaAppLinking' input 'AlexaAppLinkingArgs.publicAccess': type 'number | \"policy\" | \"acl\"'",
  ],
  [
    "a new arg typed string | number",
    "verify?: pulumi.Input<boolean>;",
    "verify?: pulumi.Input<boolean>;\n  retries?: pulumi.Input<string | number>;",
    "Union types are not supported for component 'AlexaAppLinking' input 'AlexaAppLinkingArgs.retries': type 'string | number'",
  ],
  [
    "a nested arg (ios.appIds) that also takes a single string",
    "appIds: pulumi.Input<pulumi.Input<string>[]>;",
    "appIds: pulumi.Input<pulumi.Input<string>[] | string>;",
    "Union types are not supported for component 'AlexaAppLinking' input 'Ios.appIds': type 'string | Input<string>[]'",
  ],
])("%s makes the schema build fail", async (name, from, to, message) => {
  const dir = copyWith(name.replace(/\W+/g, "-"), from, to);
  await expect(buildSchema(dir)).rejects.toThrow(message);
});

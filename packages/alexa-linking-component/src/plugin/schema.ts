import * as fs from "node:fs";
import * as path from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { AlexaAppLinking } from "../alexaAppLinking";

/**
 * The package's multi-language schema: what `pulumi package add` generates SDKs from and what
 * YAML programs are checked against. Pulumi infers it from the TypeScript sources (so args stay
 * interfaces without union types and their doc comments become descriptions); the build writes
 * it next to this module, since inferring takes seconds that every plugin start would pay.
 */

export const PACKAGE_NAME = "alexa-linking-component";
export const SCHEMA_FILE = path.join(__dirname, "schema.json");
const PACKAGE_DIR = path.join(__dirname, "..", "..");

export interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
  description?: string;
  secret?: boolean;
}
export interface SchemaObject {
  type?: string;
  properties: Record<string, SchemaProperty>;
  required?: string[];
  description?: string;
}
export interface SchemaResource {
  isComponent?: boolean;
  description?: string;
  inputProperties: Record<string, SchemaProperty>;
  requiredInputs?: string[];
  properties: Record<string, SchemaProperty>;
  required?: string[];
}
export interface PackageSchema {
  name: string;
  version: string;
  description?: string;
  resources: Record<string, SchemaResource>;
  types: Record<string, SchemaObject>;
  [key: string]: unknown;
}

/** Properties that SDKs must wrap as secrets: `[resource or type name, property]`. */
export const SECRET_PROPERTIES: readonly (readonly [string, string])[] = [
  ["AlexaAppLinking", "smapi"],
  ["SmapiCredentials", "clientSecret"],
  ["SmapiCredentials", "refreshToken"],
];

/** The schema with SECRET_PROPERTIES marked; a listed property the schema lacks is an error (a rename). */
export function markSecrets(schema: PackageSchema): PackageSchema {
  const marked: PackageSchema = JSON.parse(JSON.stringify(schema));
  for (const [owner, property] of SECRET_PROPERTIES) {
    const token = `${marked.name}:index:${owner}`;
    const properties = marked.resources[token]?.inputProperties ?? marked.types[token]?.properties;
    if (!properties?.[property])
      throw new Error(
        `SECRET_PROPERTIES names ${owner}.${property}, which the schema does not have: update the list in src/plugin/schema.ts.`,
      );
    properties[property] = { ...properties[property], secret: true };
  }
  return marked;
}

/** Infers the schema from the TypeScript sources of the package in `dir` (package.json and src/). */
export async function inferSchema(dir: string = PACKAGE_DIR): Promise<PackageSchema> {
  const provider = new ComponentProvider({ components: [AlexaAppLinking], dirname: dir, name: PACKAGE_NAME });
  return markSecrets(JSON.parse(await provider.getSchema()) as PackageSchema);
}

/** The schema the build wrote. */
export function readPackageSchema(): string {
  if (!fs.existsSync(SCHEMA_FILE)) {
    throw new Error(`${SCHEMA_FILE} is missing: build the package first (pnpm build in the checkout), then run pulumi again.`);
  }
  return fs.readFileSync(SCHEMA_FILE, "utf8");
}

if (require.main === module) {
  inferSchema().then(
    (schema) => fs.writeFileSync(SCHEMA_FILE, `${JSON.stringify(schema, null, 2)}\n`),
    (error: Error) => {
      console.error(`Writing ${SCHEMA_FILE} failed: ${error.message}`);
      process.exit(1);
    },
  );
}

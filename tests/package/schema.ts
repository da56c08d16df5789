// The multi-language schema, built offline as `pulumi package add` builds it from the sources.
import * as fs from "node:fs";
import * as ts from "typescript";
import { inferSchema } from "../../packages/alexa-linking-component/src/plugin/schema";

export const PROVIDER = "alexa-linking-component";
export const COMPONENT_TOKEN = `${PROVIDER}:index:AlexaAppLinking`;

export interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
  description?: string;
  secret?: boolean;
}

export interface SchemaObject {
  properties: Record<string, SchemaProperty>;
  required?: string[];
  description?: string;
}

export interface Schema {
  name: string;
  version: string;
  resources: Record<string, { inputProperties: Record<string, SchemaProperty>; requiredInputs: string[]; properties: Record<string, SchemaProperty>; required: string[]; description?: string }>;
  types: Record<string, SchemaObject>;
}

/** The schema of the package in `dir` (package.json plus src/), inferred as the build infers it. */
export async function buildSchema(dir: string): Promise<Schema> {
  return (await inferSchema(dir)) as unknown as Schema;
}

export interface Member {
  name: string;
  optional: boolean;
}

/** The properties each interface of a source file declares, with their optionality. */
export function interfaceMembers(file: string): Record<string, Member[]> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const result: Record<string, Member[]> = {};
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    result[node.name.text] = node.members.filter(ts.isPropertySignature).map((member) => ({
      name: member.name.getText(source),
      optional: member.questionToken !== undefined,
    }));
  });
  return result;
}

/** The `public readonly` fields of a class: the component's outputs. */
export function classOutputs(file: string, className: string): Member[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const members: Member[] = [];
  source.forEachChild((node) => {
    if (!ts.isClassDeclaration(node) || node.name?.text !== className) return;
    for (const member of node.members) {
      const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []).map((m) => m.kind) : [];
      if (ts.isPropertyDeclaration(member) && modifiers.includes(ts.SyntaxKind.PublicKeyword) && modifiers.includes(ts.SyntaxKind.ReadonlyKeyword)) {
        members.push({ name: member.name.getText(source), optional: false });
      }
    }
  });
  return members;
}

/** The type name a property refers to (through arrays and maps), if it is one of the package's types. */
export function refOf(property: SchemaProperty): string | undefined {
  const ref = property.$ref ?? property.items?.$ref ?? property.additionalProperties?.$ref;
  return ref?.startsWith(`#/types/${PROVIDER}:index:`) ? ref.slice(`#/types/${PROVIDER}:index:`.length) : undefined;
}

/**
 * Every property reachable from `properties`, as dotted paths (`ios.appIds`, `android[].packageName`),
 * with its description.
 */
export function propertyPaths(schema: Schema, properties: Record<string, SchemaProperty>, prefix = ""): { path: string; description?: string }[] {
  return Object.entries(properties).flatMap(([name, property]) => {
    const here = `${prefix}${name}`;
    const ref = refOf(property);
    const nested = ref ? propertyPaths(schema, schema.types[`${PROVIDER}:index:${ref}`].properties, `${here}${property.items ? "[]" : ""}.`) : [];
    return [{ path: here, description: property.description }, ...nested];
  });
}

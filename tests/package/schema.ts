// The multi-language schema, built offline as `pulumi package add` builds it from the sources.
import * as fs from "node:fs";
import * as ts from "typescript";
import { inferSchema, type PackageSchema, type SchemaProperty } from "../../packages/alexa-linking-component/src/plugin/schema";

import { PACKAGE_NAME as PROVIDER } from "../../packages/alexa-linking-component/src/plugin/schema";
export { PACKAGE_NAME as PROVIDER } from "../../packages/alexa-linking-component/src/plugin/schema";
export { ALEXA_APP_LINKING_TYPE as COMPONENT_TOKEN } from "../../packages/alexa-linking-component/src/alexaAppLinking";

export type { SchemaProperty, SchemaObject, PackageSchema as Schema } from "../../packages/alexa-linking-component/src/plugin/schema";

/** The schema of the package in `dir` (package.json plus src/), inferred as the build infers it. */
export const buildSchema = (dir: string): Promise<PackageSchema> => inferSchema(dir);

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
      if (
        ts.isPropertyDeclaration(member) &&
        modifiers.includes(ts.SyntaxKind.PublicKeyword) &&
        modifiers.includes(ts.SyntaxKind.ReadonlyKeyword)
      ) {
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
export function propertyPaths(
  schema: PackageSchema,
  properties: Record<string, SchemaProperty>,
  prefix = "",
): { path: string; description?: string }[] {
  return Object.entries(properties).flatMap(([name, property]) => {
    const here = `${prefix}${name}`;
    const ref = refOf(property);
    const nested = ref
      ? propertyPaths(schema, schema.types[`${PROVIDER}:index:${ref}`].properties, `${here}${property.items ? "[]" : ""}.`)
      : [];
    return [{ path: here, description: property.description }, ...nested];
  });
}

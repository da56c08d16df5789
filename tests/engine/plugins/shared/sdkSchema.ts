/**
 * Reads a provider's property names from the real Node SDK's own declarations (`*.d.ts` in
 * node_modules), with the TypeScript compiler API (syntax only, no type checker), so a stand-in's
 * list of allowed properties cannot drift from the SDK the program is built against.
 *
 * The Node SDKs of bridged and native providers declare, per resource, `<Name>Args` (the inputs;
 * the wire uses the same camelCase names) and `<Name>State` (inputs plus outputs).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

export interface SdkProperty {
  name: string;
  /** Declared with `?`. */
  optional: boolean;
  /** The declared type as written, e.g. `pulumi.Input<boolean | undefined>`. */
  typeText: string;
}

export interface SdkInterface {
  file: string;
  name: string;
  properties: Map<string, SdkProperty>;
}

const cache = new Map<string, ts.SourceFile>();

function sourceFile(file: string): ts.SourceFile {
  let sf = cache.get(file);
  if (!sf) {
    sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    cache.set(file, sf);
  }
  return sf;
}

/** `require.resolve` a file of an installed package, e.g. ("@pulumi/aws", "s3/bucket.d.ts"). */
export function packageFile(pkg: string, relative: string): string {
  const pkgJson = require.resolve(`${pkg}/package.json`);
  return path.join(path.dirname(pkgJson), relative);
}

export function packageVersion(pkg: string): string {
  return (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as { version: string }).version;
}

/**
 * The members of `export interface <name>` in `file`; `name` may be dotted for an interface
 * inside `export declare namespace` blocks (e.g. "s3.BucketOwnershipControlsRule" in
 * types/input.d.ts). Throws if the interface is not there.
 */
export function readInterface(file: string, name: string): SdkInterface {
  const sf = sourceFile(file);
  const parts = name.split(".");
  let statements: readonly ts.Statement[] = sf.statements;
  for (const ns of parts.slice(0, -1)) {
    const decl = statements.find((s): s is ts.ModuleDeclaration => ts.isModuleDeclaration(s) && s.name.text === ns);
    const body = decl?.body;
    if (!body || !ts.isModuleBlock(body))
      throw new Error(`namespace ${ns} not found in ${file}: the SDK layout changed, update the stand-in`);
    statements = body.statements;
  }
  const last = parts[parts.length - 1];
  for (const statement of statements) {
    if (ts.isInterfaceDeclaration(statement) && statement.name.text === last) {
      const properties = new Map<string, SdkProperty>();
      for (const member of statement.members) {
        if (!ts.isPropertySignature(member) || !member.name) continue;
        const memberName = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(sf);
        properties.set(memberName, {
          name: memberName,
          optional: member.questionToken !== undefined,
          typeText: member.type ? member.type.getText(sf) : "any",
        });
      }
      return { file, name, properties };
    }
  }
  throw new Error(`interface ${name} not found in ${file}: the SDK layout changed, update the stand-in`);
}

/** The `__pulumiType` token declared by a resource class's JS file (e.g. "aws:s3/bucket:Bucket"). */
export function readResourceToken(jsFile: string): string {
  const text = fs.readFileSync(jsFile, "utf8");
  const match = /__pulumiType\s*=\s*'([^']+)'|__pulumiType\s*=\s*"([^"]+)"/.exec(text);
  if (!match) throw new Error(`no __pulumiType in ${jsFile}`);
  return match[1] ?? match[2]!;
}

/** The invoke token a function's JS file passes to `pulumi.runtime.invoke`. */
export function readInvokeToken(jsFile: string): string {
  const match = /runtime\.invoke(?:Output|SingleOutput)?\("([^"]+)"/.exec(fs.readFileSync(jsFile, "utf8"));
  if (!match) throw new Error(`no runtime.invoke token in ${jsFile}`);
  return match[1]!;
}

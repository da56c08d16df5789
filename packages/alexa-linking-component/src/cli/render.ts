import { showValue } from "../shared/errors";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { outFolder, outFolderMovedNote, realPathProblem } from "../shared/paths";
import { AssociationFile, renderAssociationFiles } from "../associations";
import { AndroidAppConfig } from "../associations/android";
import { IosConfig } from "../associations/apple";
import {
  CONFIG_NAMESPACE,
  ConfigProblem,
  PLAIN_CONFIG_KEYS,
  secretStructuralKeyProblem,
  stackArgs,
  StackConfigError,
  StackConfigValues,
  STRUCTURAL_CONFIG_KEYS,
} from "../stackConfig";
import { CliVerb } from "./io";
import { exitCodeHelp, optionVerb, UsageError } from "./options";

const HELP = `usage: alexa-linking render (--stack <name> | --config-file <Pulumi.<stack>.yaml>) [--out <dir>]

Renders the association files of a stack's config with the code the component deploys, so
you can look at them before \`pulumi up\`. The config goes through the stack program's own
checks first, so render refuses what \`pulumi preview\` refuses, by stack key; with skillIds the
SMAPI credentials must be in the stack file (--secret) or in ASK_LWA_CLIENT_ID,
ASK_LWA_CLIENT_CONFIRMATION and ASK_REFRESH_TOKEN, as for the deploy (they are only looked for). Writes <out>/.well-known/apple-app-site-association
and/or <out>/.well-known/assetlinks.json (default out: ./association-files/<stack>).
--stack looks for stacks/Pulumi.<name>.yaml, then Pulumi.<name>.yaml, under the current directory.

${exitCodeHelp("written", "the stack settings file is missing or invalid, or a file cannot be written")}`;

export const render: CliVerb = optionVerb(HELP, [{ name: "stack" }, { name: "config-file" }, { name: "out" }], async (parsed, io) => {
  const stack = parsed.one("stack");
  if (stack !== undefined) assertStackName(stack, "--stack");
  const configFlag = parsed.one("config-file");
  if (stack === undefined && configFlag === undefined) throw new UsageError("say which stack, with --stack <name> or --config-file <file>");
  const name = stack ?? stackNameOfFile(configFlag as string);
  const outFlag = parsed.one("out");
  if (outFlag === undefined) assertStackName(name, "the stack name of --config-file");
  const configFile = configFlag ?? findStackFile(io.cwd, name);
  const files = renderStackFiles(path.resolve(io.cwd, configFile), io.env);
  const given = path.resolve(io.cwd, outFlag ?? path.join("association-files", name));
  // A --out that is a link is refused; one reached through a link is written on disk where it is, and said so.
  const folder = outFolder(given);
  if (folder.moved) io.stderr(`alexa-linking render: ${outFolderMovedNote(given, folder.real)}\n`);
  const out = folder.real;
  for (const file of files) {
    const target = path.join(out, file.key);
    assertInsideOut(out, target);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Checked again now that the folders exist: a .well-known that is a link out of --out is refused.
    assertInsideOut(out, target);
    fs.writeFileSync(target, file.body);
    io.stdout(`${file.platform.padEnd(8)}${target}\n`);
  }
  return 0;
});

/**
 * The association files a stack settings file renders: its config through the stack program's
 * own checks (stackArgs: every key, the SMAPI credentials from the file's secure values or
 * `env`, as `pulumi preview` would), then the component's renderer.
 */
export function renderStackFiles(file: string, env: NodeJS.ProcessEnv = {}): AssociationFile[] {
  const { values, secure } = readStackFile(file);
  // A secure value is never decrypted here. The SMAPI credentials (and keys of no use to the
  // project, reported as such) stand in as present; the other keys stored secure are left out of
  // the checks, which cannot see their values, except those render would need to read.
  const checked: StackConfigValues = { ...values };
  const refused: ConfigProblem[] = [];
  for (const key of secure) {
    if (!(PLAIN_CONFIG_KEYS as readonly string[]).includes(key)) continue;
    delete checked[key];
    if ((STRUCTURAL_CONFIG_KEYS as readonly string[]).includes(key)) refused.push(secretStructuralKeyProblem(key));
    else if (ASSOCIATION_CONFIG_KEYS.includes(key)) refused.push(secretAssociationKeyProblem(key));
  }
  let args: ReturnType<typeof stackArgs>;
  try {
    args = stackArgs(checked, { isSecret: (key) => secure.has(key), env, stackFile: file });
  } catch (error) {
    if (!(error instanceof StackConfigError) || refused.length === 0) throw error;
    // A refused key is reported once, for being stored as a secret, not again as missing.
    const others = error.problems.filter((problem) => !refused.some((r) => problem.key === r.key || problem.key.startsWith(`${r.key}[`)));
    throw new StackConfigError([...refused, ...others], file);
  }
  if (refused.length > 0) throw new StackConfigError(refused, file);
  return renderAssociationFiles(args.ios as IosConfig | undefined, args.android as AndroidAppConfig[] | undefined);
}

/** The keys whose values render writes into the association files. */
const ASSOCIATION_CONFIG_KEYS: readonly string[] = [
  "iosAppIds",
  "iosWebcredentials",
  "androidPackageName",
  "androidSha256CertFingerprints",
];

function secretAssociationKeyProblem(key: string): ConfigProblem {
  return {
    key,
    message:
      `config ${CONFIG_NAMESPACE}:${key} is stored as a secret, and render never decrypts the stack file, so it cannot write the ` +
      `association files (which publish this value to anyone anyway). Fix: \`pulumi config rm ${key}\`, then ` +
      `\`pulumi config set ${key} <value>\` (or --path for a list) without --secret`,
  };
}

/** A stack name as render uses it in a file name: letters, digits, `-`, `_`, `.`, never a path (a usage error). */
export function assertStackName(name: string, what: string): void {
  if (/^[A-Za-z0-9_.-]+$/.test(name) && name !== "." && name !== "..") return;
  throw new UsageError(
    `${what} ${showValue(name)} is not a stack name (letters, digits, "-", "_", "."; no "/" or ".."): it names ` +
      `Pulumi.<stack>.yaml and the default output folder. Fix: give the stack's own name, e.g. dev, or --config-file <path> with --out <dir>.`,
  );
}

/** Writes stay inside --out, also through symbolic links. */
function assertInsideOut(out: string, target: string): void {
  const problem = realPathProblem(out, target, true);
  if (problem)
    throw new Error(`--out ${out}: refusing to write ${target}: ${problem}. Fix: remove the link, or choose another --out folder.`);
}

/** `stacks/Pulumi.dev.yaml` -> `dev`. */
export const stackNameOfFile = (file: string): string => path.basename(file).replace(/^Pulumi\.|\.ya?ml$/g, "");

export function findStackFile(cwd: string, stack: string): string {
  assertStackName(stack, "--stack");
  const candidates = [path.join(cwd, "stacks", `Pulumi.${stack}.yaml`), path.join(cwd, `Pulumi.${stack}.yaml`)];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`no stack file for "${stack}": looked for ${candidates.join(" and ")}. Pass --config-file <path>.`);
  return found;
}

/** The project's keys of a stack settings file, without the namespace; secure values are skipped. */
export function readStackConfig(file: string): StackConfigValues {
  return readStackFile(file).plain;
}

/**
 * The project's keys of a stack settings file: `plain` without the secure values, `values` with
 * each secure value standing in as present (its ciphertext is never decrypted here), `secure`
 * the keys stored encrypted.
 */
export function readStackFile(file: string): { plain: StackConfigValues; values: StackConfigValues; secure: Set<string> } {
  const document = parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  const plain: StackConfigValues = {};
  const values: StackConfigValues = {};
  const secure = new Set<string>();
  for (const [key, value] of Object.entries(document?.config ?? {})) {
    if (!key.startsWith(`${CONFIG_NAMESPACE}:`)) continue;
    const name = key.slice(CONFIG_NAMESPACE.length + 1);
    if (value !== null && typeof value === "object" && "secure" in value) {
      secure.add(name);
      values[name] = SECURE_STAND_IN;
      continue;
    }
    plain[name] = value;
    values[name] = value;
  }
  return { plain, values, secure };
}

/** What a secure value of the stack file stands as: present, never read. */
const SECURE_STAND_IN = "(secure value of the stack file)";

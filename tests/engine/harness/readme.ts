import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "./project";

export const FIRST_DEPLOY_HEADING = "### Deploy an environment";
export const SET_UP_HEADING = "## Set-up";

/**
 * The commands of the README's set-up pair: the first `sh` block of the "## Set-up" section that
 * runs `pnpm stack-up local`, each command without its trailing comment: what a newcomer types,
 * in order.
 */
export function setUpCommands(readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8")): string[] {
  const start = readme.search(/^## Set-up/m);
  if (start < 0) throw new Error(`README.md has no "${SET_UP_HEADING}" section; CI and the engine scenarios run its commands`);
  const rest = readme.slice(start + SET_UP_HEADING.length);
  const end = rest.search(/^## /m);
  const lines = (end < 0 ? rest : rest.slice(0, end)).split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "```sh") continue;
    const commands: string[] = [];
    for (i++; i < lines.length && lines[i].trim() !== "```"; i++) {
      const command = lines[i].replace(/\s+#.*$/, "").trim();
      if (command !== "") commands.push(command);
    }
    if (commands.some((c) => c.startsWith("pnpm stack-up local"))) return commands;
  }
  throw new Error(`README.md's "${SET_UP_HEADING}" section has no sh block with \`pnpm stack-up local\``);
}

/**
 * The shell commands of the README's first-deploy steps, in their order: each `sh` block, then
 * the command of the step that says "Deploy:". The engine scenario runs exactly these, so a
 * README that drifts from what works fails CI.
 */
export function firstDeployCommands(readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8")): string[] {
  const start = readme.indexOf(FIRST_DEPLOY_HEADING);
  if (start < 0) throw new Error(`README.md has no "${FIRST_DEPLOY_HEADING}" section; the engine scenario runs its commands`);
  const rest = readme.slice(start + FIRST_DEPLOY_HEADING.length);
  const end = rest.search(/^#{2,3} /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  const commands: string[] = [];
  const lines = section.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "```sh") {
      for (i++; i < lines.length && lines[i].trim() !== "```"; i++) {
        if (lines[i].trim() !== "") commands.push(lines[i].trim());
      }
      continue;
    }
    const deploy = /Deploy: `([^`]+)`/.exec(line);
    if (deploy) commands.push(deploy[1]);
  }
  if (!commands.some((c) => c.startsWith("pnpm stack-up")))
    throw new Error(`README.md's "${FIRST_DEPLOY_HEADING}" has no "Deploy: \`pnpm stack-up ...\`" step`);
  return commands;
}

/**
 * The commands with the README's placeholders replaced by the test's values. Every placeholder
 * must be found, or the README changed and the scenario must change with it.
 */
export function withValues(commands: string[], values: Record<string, string>): string[] {
  const script = commands.join("\n");
  for (const placeholder of Object.keys(values)) {
    if (!script.includes(placeholder))
      throw new Error(`README.md's first-deploy commands no longer contain ${placeholder}; update the engine scenario`);
  }
  return commands.map((command) => Object.entries(values).reduce((text, [from, to]) => text.split(from).join(to), command));
}

/** Quotes a value for bash, whatever it holds. */
export const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * The first ```<language> block under a heading of a README (the package README's Python and
 * YAML examples): the engine scenarios run it as it stands.
 */
export function codeBlockUnder(readmeFile: string, heading: string, language: string): string {
  const readme = fs.readFileSync(readmeFile, "utf8");
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0)
    throw new Error(`${path.relative(REPO, readmeFile)} has no "${heading}" section; an engine scenario runs its ${language} example`);
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(/^#{2,3} /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  const block = new RegExp("^```" + language + "\\n([\\s\\S]*?)^```$", "m").exec(section);
  if (!block) throw new Error(`${path.relative(REPO, readmeFile)}'s "${heading}" has no \`\`\`${language} block`);
  return block[1];
}

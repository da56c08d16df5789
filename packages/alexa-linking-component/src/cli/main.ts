#!/usr/bin/env node
import { CliIo, CliVerb, processIo } from "./io";
import { closestOption, EXIT_FAILED, EXIT_USAGE, UsageError } from "./options";
import { packageVersion } from "../version";

/** Verbs are loaded on demand so `render` does not pay for the AWS SDK. */
const verbs: Record<string, { summary: string; load: () => CliVerb }> = {
  render: { summary: "write a stack's association files to a folder, to look at before deploying", load: () => require("./render").render },
  verify: {
    summary: "check the association files at their public URLs (200, no redirect, application/json, exact body)",
    load: () => require("./verify").verify,
  },
  "mobile-config": {
    summary: "write the mobile builds' Alexa settings (iOS plist, Android local.properties, JSON) from `pulumi stack output --json`",
    load: () => require("./mobileConfig").mobileConfig,
  },
  doctor: {
    summary: "check a deployed environment end to end from `pulumi stack output --json --show-secrets`: files, Cognito, skills, token URL",
    load: () => require("./doctor").doctor,
  },
};

export const usage = (): string =>
  [
    "usage: alexa-linking <verb> [options]",
    "       alexa-linking --version",
    "",
    ...Object.entries(verbs).map(([name, verb]) => `  ${name.padEnd(14)}${verb.summary}`),
    "",
    "Run `alexa-linking <verb> --help` for a verb's options.",
    "Exit code, every verb: 0 ok; 1 the verb ran and failed (a check, the stack outputs, a file); 2 usage error.",
    "",
  ].join("\n");

/**
 * Runs one verb and turns what it throws into the exit code: a UsageError is 2 (with the help
 * hint), any other error 1; the message is printed once, prefixed with the verb.
 */
export async function runVerb(name: string, verb: CliVerb, argv: string[], io: CliIo): Promise<number> {
  try {
    return await verb(argv, io);
  } catch (err) {
    io.stderr(`alexa-linking ${name}: ${(err as Error).message}\n`);
    if (!(err instanceof UsageError)) return EXIT_FAILED;
    io.stderr(`Run \`alexa-linking ${name} --help\` for the options.\n`);
    return EXIT_USAGE;
  }
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === "--help" || verb === "-h") {
    io.stdout(usage());
    return 0;
  }
  if (verb === "--version" || verb === "-V") {
    io.stdout(`alexa-linking ${packageVersion()}\n`);
    return 0;
  }
  if (!verb) {
    io.stderr(usage());
    return EXIT_USAGE;
  }
  const entry = verbs[verb];
  if (!entry) {
    const closest = closestOption(verb, Object.keys(verbs));
    io.stderr(`alexa-linking: unknown verb "${verb}"${closest ? `; did you mean ${closest}?` : ""}\n${usage()}`);
    return EXIT_USAGE;
  }
  return runVerb(verb, entry.load(), rest, io);
}

/** The command line of this process: `alexa-linking <verb> ...`. */
export function runCommandLine(): void {
  main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runCommandLine();

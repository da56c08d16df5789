#!/usr/bin/env node
import { CliIo, CliVerb, processIo } from "./cli/io";

/** Verbs are loaded on demand so `render` does not pay for the AWS SDK. */
const verbs: Record<string, { summary: string; load: () => CliVerb }> = {
  render: { summary: "write a stack's association files to a folder, to look at before deploying", load: () => require("./cli/render").render },
  verify: { summary: "check the association files at their public URLs (200, no redirect, application/json, exact body)", load: () => require("./cli/verify").verify },
  "mobile-config": {
    summary: "write the mobile builds' Alexa settings (iOS plist, Android local.properties, JSON) from `pulumi stack output --json`",
    load: () => require("./cli/mobileConfig").mobileConfig,
  },
  doctor: {
    summary: "check a deployed environment end to end from `pulumi stack output --json --show-secrets`: files, Cognito, skills, token URL",
    load: () => require("./cli/doctor").doctor,
  },
};

export const usage = (): string =>
  [
    "usage: alexa-linking <verb> [options]",
    "",
    ...Object.entries(verbs).map(([name, verb]) => `  ${name.padEnd(14)}${verb.summary}`),
    "",
    "Run `alexa-linking <verb> --help` for a verb's options.",
    "",
  ].join("\n");

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === "--help" || verb === "-h") {
    io.stdout(usage());
    return verb ? 0 : 2;
  }
  const entry = verbs[verb];
  if (!entry) {
    io.stderr(`alexa-linking: unknown verb "${verb}".\n${usage()}`);
    return 2;
  }
  try {
    return await entry.load()(rest, io);
  } catch (err) {
    io.stderr(`alexa-linking ${verb}: ${(err as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}

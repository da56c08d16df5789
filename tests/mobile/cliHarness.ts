import { mobileConfig } from "../../packages/alexa-linking-component/src/cli/mobileConfig";
import { CliRun, IoOptions, runVerbIn } from "../support/cliIo";

export type Run = CliRun;

/** Runs the verb in-process, as cli/main.ts would, errors included. */
export const runMobileConfig = (argv: string[], options: IoOptions = {}): Promise<Run> =>
  runVerbIn("mobile-config", mobileConfig, argv, options);

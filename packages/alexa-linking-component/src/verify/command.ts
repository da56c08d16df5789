import { createHash } from "crypto";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { packageVersion } from "../version";
import { defaultScriptInvocation, ScriptInvocation } from "./scriptPath";
import { encodeWork, settingsEnvironment } from "./work";

/** One association file: its public URL and the exact text that was rendered and uploaded. */
export interface VerifyFileInput {
  url: pulumi.Input<string>;
  body: pulumi.Input<string>;
}

export interface VerifyAssociationFilesArgs {
  files: pulumi.Input<pulumi.Input<VerifyFileInput>[]>;
  /** The package version; a new version re-runs the check. Default: this package's version. */
  version?: pulumi.Input<string>;
  /** Tries per file for 403/404/5xx/network failures (default 6). */
  attempts?: number;
  /** Pause between tries, ms (default 5000). */
  delayMs?: number;
  /** Per-request timeout, ms (default 10000). */
  timeoutMs?: number;
  /** How to start the script; default: found beside this module (see scriptPath.ts). */
  invocation?: ScriptInvocation;
}

/**
 * A local Command that runs the verify script after the objects and the policy exist, and fails
 * the deploy with the script's message when a file is not served as rendered.
 *
 * The work goes on standard input, not in an environment variable: Linux caps one variable at
 * 128 KiB and an apple-app-site-association may itself be 128 KB. The association files are
 * public, so the stdin input and the logged output are not secret.
 *
 * The script path and node path are absolute, so a deploy from another machine shows an update
 * of this resource; that only runs the check again.
 *
 * `opts` must carry `parent` (the component) and `dependsOn` (the objects and the bucket policy).
 */
export function verifyAssociationFiles(
  name: string,
  args: VerifyAssociationFilesArgs,
  opts: pulumi.CustomResourceOptions,
): command.local.Command {
  const invocation = args.invocation ?? defaultScriptInvocation();
  const files = pulumi.output(args.files).apply((list) => list.map(({ url, body }) => ({ url, body })));
  return new command.local.Command(
    name,
    {
      interpreter: invocation.interpreter,
      create: invocation.script,
      update: invocation.script,
      stdin: files.apply(encodeWork),
      environment: settingsEnvironment(args),
      triggers: [files.apply(contentHash), args.version ?? packageVersion()],
      addPreviousOutputInEnv: false,
      logging: command.types.enums.local.Logging.StdoutAndStderr,
    },
    opts,
  );
}

/** A stable hash of the URLs and bodies, independent of order. */
export function contentHash(files: { url: string; body: string }[]): string {
  const sorted = [...files].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return createHash("sha256")
    .update(JSON.stringify(sorted.map((f) => [f.url, f.body])))
    .digest("hex");
}

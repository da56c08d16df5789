/** Entry of the stand-in `aws` resource plugin (see ../README.md). */
import { serve } from "../shared/serve";
import { checkConfig, configure, VERSION } from "./config";
import { invokes } from "./invokes";
import { resources } from "./s3";

serve({ name: "aws", version: VERSION, resources, invokes, checkConfig, configure }, process.argv.slice(2)).catch((e) => {
  process.stderr.write(`stand-in aws provider failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});

/** Entry of the stand-in `aws` resource plugin (see ../README.md). */
import { serve } from "../shared/serve";
import { checkConfig, configure, VERSION } from "./config";
import * as acm from "./acm";
import * as cloudfront from "./cloudfront";
import { invokes } from "./invokes";
import * as route53 from "./route53";
import { resources as s3 } from "./s3";

const resources = { ...s3, ...cloudfront.resources, ...acm.resources, ...route53.resources };

serve(
  { name: "aws", version: VERSION, resources, invokes: { ...invokes, ...route53.invokes }, checkConfig, configure },
  process.argv.slice(2),
).catch((e) => {
  process.stderr.write(`stand-in aws provider failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});

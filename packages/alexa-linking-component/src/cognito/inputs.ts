import type * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { callbackUrlProblem } from "./callbackUrl";
import { DEFAULT_CLIENT_NAME } from "./lookup";
import type { CallbackUrlInputs } from "./types";

/** The engine's placeholder for a value not known yet (preview): checked once it is known. */
const isUnknown = (v: unknown): boolean => v === unknownValue;

/** Validates the provider inputs before any call; fills in the default client name. */
export function checkCallbackUrlInputs(news: Partial<CallbackUrlInputs>): pulumi.dynamic.CheckResult<CallbackUrlInputs> {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  if (!isUnknown(news.redirectUrl)) {
    const problem = callbackUrlProblem(news.redirectUrl, "redirectUrl");
    if (problem) failures.push({ property: "redirectUrl", reason: problem });
  }
  if (!isUnknown(news.region) && (typeof news.region !== "string" || news.region === "")) {
    failures.push({
      property: "region",
      reason: `region must be the AWS region of the RainMaker user pool, got ${JSON.stringify(news.region)}. ` +
        `Set it on the AWS provider (aws:region) or pass it explicitly.`,
    });
  }
  for (const key of ["userPoolId", "clientName", "clientId", "endpoint", "profile"] as const) {
    const v = news[key];
    if (v !== undefined && v !== null && !isUnknown(v) && typeof v !== "string") {
      failures.push({ property: key, reason: `${key} must be a string, got ${JSON.stringify(v)}.` });
    }
  }
  const inputs = { ...news, clientName: news.clientName || DEFAULT_CLIENT_NAME } as CallbackUrlInputs;
  return failures.length > 0 ? { inputs, failures } : { inputs };
}

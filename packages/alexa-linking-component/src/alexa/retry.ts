// Old path, kept for stack state: providers serialized by 0.1.0 and 0.2.0 (up to c5e5485) require dist/alexa/retry.js for these.
export { DEFAULT_RETRY_POLICY, realRetryRuntime } from "../shared/retry";

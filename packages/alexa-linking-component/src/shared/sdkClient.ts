import { Transform } from "node:stream";
import { tooLargeError } from "./http";
import { MAX_FAILURE_TEXT, serverText } from "./secrets";

/**
 * The one way this package bounds an AWS SDK v3 client (Cognito, API Gateway, STS): every call
 * has a deadline (the SDK has none, so a server that trickles its answer would hold a deploy
 * forever), every answer's body is read up to a limit, and an error's text is shown redacted
 * with whatever credentials the client signed with (static, or resolved from the default
 * chain: environment, profile, role) and cut.
 *
 * No Set, Map or class at module level: serialized providers carry a copy of this code.
 */

/** The parts of an SDK client this module uses. */
export interface BoundableClient {
  send(command: unknown, options?: unknown): Promise<unknown>;
  middlewareStack: { add(middleware: unknown, options: unknown): void };
  config?: { credentials?: unknown };
}

/** The whole text of withDeadline's error; nothing else matches it, so it holds no secret. */
const OWN_TIMEOUT_TEXT = /^no answer within \d+ ms \(the call and its retries\); the request was aborted$/;

/** The name of the error a call that ran out of time fails with. */
export const SDK_TIMEOUT_ERROR_NAME = "TimeoutError";

/**
 * Every `send` gets an abort signal that fires after `ms`, unless the caller gave its own; an
 * aborted call fails as a TimeoutError that says so.
 */
export function withDeadline(client: BoundableClient, ms: number): void {
  if (!(ms > 0) || !Number.isFinite(ms)) return;
  type Send = (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;
  const send = client.send.bind(client) as Send;
  const bounded: Send = async (command, options) => {
    if (options?.abortSignal) return send(command, options);
    const abortSignal = AbortSignal.timeout(ms);
    try {
      return await send(command, { ...options, abortSignal });
    } catch (error) {
      if (!abortSignal.aborted) throw error;
      throw Object.assign(new Error(`no answer within ${ms} ms (the call and its retries); the request was aborted`), {
        name: SDK_TIMEOUT_ERROR_NAME,
      });
    }
  };
  (client as { send: unknown }).send = bounded;
}

/**
 * Every answer's body is read through a counter that fails the call past `limit` bytes and ends
 * the transfer: the SDK would read any size. Innermost in the deserialize step, so it sees the
 * raw body before it is parsed.
 */
export function limitResponseBodies(client: BoundableClient, limit: number, service: string): void {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<{ response: unknown }>) => async (args: { request?: unknown }) => {
      const result = await next(args);
      const response = result.response as { body?: unknown };
      const body = response?.body as (NodeJS.ReadableStream & { destroy?: (e?: Error) => void }) | undefined;
      if (body && typeof body.pipe === "function") {
        const request = args.request as { protocol?: string; hostname?: string; port?: number; path?: string } | undefined;
        const url = request?.hostname
          ? `${request.protocol ?? "https:"}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path ?? "/"}`
          : `the ${service} endpoint`;
        let size = 0;
        const counter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            size += chunk.length;
            if (size <= limit) return done(null, chunk);
            body.destroy?.();
            done(tooLargeError(url, limit));
          },
        });
        body.on("error", (error: Error) => counter.destroy(error));
        response.body = body.pipe(counter);
      }
      return result;
    },
    { step: "deserialize", priority: "low", name: "alexaLinkingResponseBodyLimit" },
  );
}

/** Deadline and body cap on one client. */
export function boundClient<C extends BoundableClient>(client: C, limits: { timeoutMs: number; maxBodyBytes: number; service: string }): C {
  limitResponseBodies(client, limits.maxBodyBytes, limits.service);
  withDeadline(client, limits.timeoutMs);
  return client;
}

/**
 * The secret parts of the credentials the client signs with, wherever they came from: the
 * client's resolved identity (the SDK caches it, so no new request is made after the first
 * call), plus any given ones. Empty when none could be resolved.
 */
export async function signingSecrets(client: BoundableClient | undefined, given: readonly (string | undefined)[] = []): Promise<string[]> {
  const found: (string | undefined)[] = [...given];
  const provider = client?.config?.credentials;
  if (typeof provider === "function") {
    try {
      const identity = (await Promise.race([
        (provider as () => Promise<unknown>)(),
        new Promise((resolve) => setTimeout(resolve, 2_000).unref?.()),
      ])) as { secretAccessKey?: string; sessionToken?: string } | undefined;
      found.push(identity?.secretAccessKey, identity?.sessionToken);
    } catch {
      // No credentials: nothing of theirs can be in the text.
    }
  }
  return found.filter((s): s is string => typeof s === "string" && s !== "");
}

/**
 * An SDK error's text as a message may show it: the SDK's deserialization hint dropped (it quotes
 * the raw answer), redacted with `secrets`, control characters dropped, cut at `max`.
 */
export function sdkErrorText(error: unknown, secrets: readonly string[], max = MAX_FAILURE_TEXT): string {
  const e = error as { name?: string; message?: string } | undefined;
  const message = String(e?.message ?? error).replace(/\s*Deserialization error: to see the raw response[\s\S]*$/, "");
  // withDeadline's own words hold no secret whoever wrote them: shown even when a short secret would withhold the text.
  if (OWN_TIMEOUT_TEXT.test(message)) return message;
  return serverText(message, secrets, max);
}

/**
 * An SDK error's name as code and messages may use it: the SDK takes it from the answer (the
 * error code), so it is redacted too, and anything but a short identifier becomes "Error".
 */
export function safeErrorName(error: unknown, secrets: readonly string[]): string {
  const name = String((error as { name?: unknown } | undefined)?.name ?? "Error");
  const shown = serverText(name, secrets, 80);
  return /^[A-Za-z][A-Za-z0-9_.:-]{0,79}$/.test(shown) ? shown : "Error";
}

/** `Name: text`: the error's safe name and its redacted, cut text. */
export function sdkErrorSummary(error: unknown, secrets: readonly string[], max = MAX_FAILURE_TEXT): string {
  return `${safeErrorName(error, secrets)}: ${sdkErrorText(error, secrets, max)}`;
}

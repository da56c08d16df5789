/**
 * Serves a stand-in provider over the engine's ResourceProvider gRPC protocol with
 * `@pulumi/pulumi/provider`'s `main` (which binds 127.0.0.1:0 and prints the port, as the engine
 * expects of a plugin), plus what that server leaves out and a faithful stand-in needs:
 *
 * - the raw request of every call (AsyncLocalStorage): Check's random seed, Create/Update's
 *   `preview`, Diff/Delete's old inputs, Read's inputs. The Node server passes none of these on.
 * - CheckConfig (the Node server answers UNIMPLEMENTED, and the engine then accepts any config)
 *   and the provider configuration itself (the Node server's Configure drops it).
 * - dispatch by resource type / invoke token, and a clear error for anything not implemented.
 *
 * The patch is to the grpc-js `Server.addService` of the very grpc-js instance that
 * `@pulumi/pulumi` loads, applied before `main` registers the service; nothing else changes.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import * as pulumiProvider from "@pulumi/pulumi/provider";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { Props, urnName, urnType } from "./wire";

// The grpc-js that @pulumi/pulumi itself requires (hoisted to the same place today; resolved from
// @pulumi/pulumi's folder so a nested copy could never be missed).
const grpc: typeof grpcTypes = require(
  require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] }),
);

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckArgs {
  urn: string;
  name: string;
  type: string;
  /** Raw wire values (secrets wrapped, unknowns as the sentinel). */
  olds: Props;
  news: Props;
  randomSeed: Uint8Array;
}

export interface DiffArgs {
  id: string;
  urn: string;
  /** The old state (outputs). */
  olds: Props;
  /** The old inputs, when the engine sends them (it does: ConfigureRequest.sendsOldInputs). */
  oldInputs: Props | undefined;
  news: Props;
}

export interface DiffResult {
  changes: boolean;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
  /**
   * The changed top-level properties (DiffResponse.diffs), as the bridged provider reports them:
   * the engine applies a resource's `replaceOnChanges` to these keys only.
   */
  diffs?: string[];
}

export interface CreateArgs {
  urn: string;
  name: string;
  inputs: Props;
  preview: boolean;
  /** CreateRequest.timeout: seconds from the resource's customTimeouts.create, 0 when not set. */
  timeout?: number;
}

export interface ReadArgs {
  id: string;
  urn: string;
  /** The current state. */
  props: Props;
  /** The current inputs (refresh); empty on import. */
  inputs: Props | undefined;
}

export interface ReadResult {
  /** "" when the resource is gone: the engine then drops it from the state. */
  id: string;
  props?: Props;
  inputs?: Props;
}

export interface UpdateArgs {
  id: string;
  urn: string;
  olds: Props;
  oldInputs: Props | undefined;
  news: Props;
  preview: boolean;
  /** UpdateRequest.timeout: seconds from customTimeouts.update, 0 when not set. */
  timeout?: number;
}

export interface DeleteArgs {
  id: string;
  urn: string;
  props: Props;
  oldInputs: Props | undefined;
}

export interface ResourceImpl {
  check(args: CheckArgs): Promise<{ inputs: Props; failures: CheckFailure[] }>;
  diff(args: DiffArgs): Promise<DiffResult>;
  create(args: CreateArgs): Promise<{ id: string; outs: Props }>;
  read(args: ReadArgs): Promise<ReadResult>;
  update(args: UpdateArgs): Promise<{ outs: Props }>;
  delete(args: DeleteArgs): Promise<void>;
}

export interface StandIn {
  /** The package name (`aws`, `command`): used in messages. */
  name: string;
  version: string;
  resources: Record<string, ResourceImpl>;
  invokes?: Record<string, (args: Props) => Promise<{ outputs: Props; failures?: CheckFailure[] }>>;
  /** Validates the provider configuration (engine CheckConfig); values as sent, strings for stack config. */
  checkConfig?: (news: Props) => CheckFailure[];
  /** Receives the provider configuration (ConfigureRequest.args, camelCase keys) and the provider's URN, when sent. */
  configure?: (args: Props, urn?: string) => Promise<void>;
}

interface RequestContext {
  method: string;
  request: any;
  /** The diff's changed keys, which `@pulumi/pulumi/provider`'s server does not pass on. */
  diffs?: string[];
}

const requests = new AsyncLocalStorage<RequestContext>();

function current(): RequestContext {
  const ctx = requests.getStore();
  if (!ctx) throw new Error("stand-in: no request context");
  return ctx;
}

function toJs(struct: structproto.Struct | undefined): Props | undefined {
  return struct ? (struct.toJavaScript() as Props) : undefined;
}

let engineClient: engrpc.EngineClient | undefined;

/**
 * Sends a log message to the engine (as the real providers do through their host), tied to a URN.
 * `ephemeral` is a status message (pulumi-go-provider's InfoStatus). Without an engine address
 * (tests that drive the plugin directly) the message goes to stderr.
 */
export function engineLog(
  severity: "debug" | "info" | "warning" | "error",
  message: string,
  urn: string,
  ephemeral: boolean,
): Promise<void> {
  const address = engineAddress;
  if (!address) {
    process.stderr.write(`${severity}: ${message}\n`);
    return Promise.resolve();
  }
  engineClient ??= new engrpc.EngineClient(address, grpc.credentials.createInsecure());
  const req = new engproto.LogRequest();
  req.setSeverity(
    {
      debug: engproto.LogSeverity.DEBUG,
      info: engproto.LogSeverity.INFO,
      warning: engproto.LogSeverity.WARNING,
      error: engproto.LogSeverity.ERROR,
    }[severity],
  );
  req.setMessage(message);
  req.setUrn(urn);
  req.setEphemeral(ephemeral);
  return new Promise((resolve) => engineClient!.log(req, () => resolve()));
}

let engineAddress: string | undefined;

function grpcError(message: string, code: grpcTypes.status = grpc.status.UNKNOWN): grpcTypes.ServiceError {
  return Object.assign(new Error(message), { code, details: message, metadata: new grpc.Metadata() }) as grpcTypes.ServiceError;
}

function wrapImplementation(impl: any, standIn: StandIn): any {
  const wrapped: any = {};
  for (const name of Object.keys(provrpc.ResourceProviderService)) {
    const method = (provrpc.ResourceProviderService as any)[name].originalName ?? name;
    const original = impl[method] ?? impl[name];
    if (typeof original !== "function") continue;
    wrapped[method] = (call: any, callback: any) => {
      const context: RequestContext = { method, request: call.request };
      const answer =
        method === "diff"
          ? (err: unknown, resp: provproto.DiffResponse | undefined) => {
              if (resp && context.diffs) resp.setDiffsList(context.diffs);
              callback(err, resp);
            }
          : callback;
      return requests.run(context, () => original.call(impl, call, answer));
    };
  }
  wrapped.checkConfig = (call: any, callback: any) => {
    try {
      const news = toJs(call.request.getNews()) ?? {};
      const failures = standIn.checkConfig ? standIn.checkConfig(news) : [];
      const resp = new provproto.CheckResponse();
      resp.setInputs(structproto.Struct.fromJavaScript(news as any));
      resp.setFailuresList(
        failures.map((f) => {
          const failure = new provproto.CheckFailure();
          failure.setProperty(f.property);
          failure.setReason(f.reason);
          return failure;
        }),
      );
      callback(null, resp);
    } catch (e) {
      callback(grpcError(String((e as Error).message ?? e)));
    }
  };
  const originalConfigure = impl.configure;
  wrapped.configure = (call: any, callback: any) => {
    const req = call.request as provproto.ConfigureRequest;
    let args = toJs(req.getArgs());
    if (!args) {
      // Older engines: only `variables`, keyed `<pkg>:config:<key>`.
      args = {};
      for (const [k, v] of req.getVariablesMap().entries()) args[k.slice(k.lastIndexOf(":") + 1)] = v;
    }
    (standIn.configure ? standIn.configure(args, req.getUrn?.() || undefined) : Promise.resolve()).then(
      () => originalConfigure.call(impl, call, callback),
      (e: unknown) => callback(grpcError(e instanceof Error ? e.message : String(e))),
    );
  };
  return wrapped;
}

function patchAddService(standIn: StandIn): void {
  const original = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (this: grpcTypes.Server, service: any, implementation: any) {
    if (service === provrpc.ResourceProviderService) implementation = wrapImplementation(implementation, standIn);
    return original.call(this, service, implementation);
  };
}

function resourceFor(standIn: StandIn, urn: string): ResourceImpl {
  const type = urnType(urn);
  const impl = standIn.resources[type];
  if (!impl) {
    throw new Error(
      `the stand-in ${standIn.name} provider does not implement resource type ${type}; it implements only ${Object.keys(standIn.resources).join(", ")}`,
    );
  }
  return impl;
}

/** Builds the `@pulumi/pulumi/provider` Provider that dispatches to the stand-in's types. */
export function asProvider(standIn: StandIn): pulumiProvider.Provider {
  return {
    version: standIn.version,
    async check(urn, olds, news) {
      const req = current().request as provproto.CheckRequest;
      const seed = req.getRandomseed_asU8();
      const result = await resourceFor(standIn, urn).check({
        urn,
        name: req.getName() || urnName(urn),
        type: urnType(urn),
        olds: olds ?? {},
        news: news ?? {},
        randomSeed: seed,
      });
      return { inputs: result.inputs, failures: result.failures };
    },
    async diff(id, urn, olds, news) {
      const context = current();
      const req = context.request as provproto.DiffRequest;
      const result = await resourceFor(standIn, urn).diff({
        id,
        urn,
        olds: olds ?? {},
        oldInputs: toJs(req.getOldInputs()),
        news: news ?? {},
      });
      context.diffs = result.diffs;
      return result;
    },
    async create(urn, inputs) {
      const req = current().request as provproto.CreateRequest;
      return resourceFor(standIn, urn).create({
        urn,
        name: req.getName() || urnName(urn),
        inputs: inputs ?? {},
        preview: req.getPreview(),
        timeout: req.getTimeout(),
      });
    },
    async read(id, urn, props) {
      const req = current().request as provproto.ReadRequest;
      return resourceFor(standIn, urn).read({ id, urn, props: props ?? {}, inputs: toJs(req.getInputs()) });
    },
    async update(id, urn, olds, news) {
      const req = current().request as provproto.UpdateRequest;
      return resourceFor(standIn, urn).update({
        id,
        urn,
        olds: olds ?? {},
        oldInputs: toJs(req.getOldInputs()),
        news: news ?? {},
        preview: req.getPreview(),
        timeout: req.getTimeout(),
      });
    },
    async delete(id, urn, props) {
      const req = current().request as provproto.DeleteRequest;
      return resourceFor(standIn, urn).delete({ id, urn, props: props ?? {}, oldInputs: toJs(req.getOldInputs()) });
    },
    async invoke(token, args) {
      const fn = standIn.invokes?.[token];
      if (!fn) {
        throw new Error(
          `the stand-in ${standIn.name} provider does not implement function ${token}; it implements only ${Object.keys(standIn.invokes ?? {}).join(", ") || "none"}`,
        );
      }
      return fn(args ?? {});
    },
  };
}

/** Starts the plugin: `args` are the engine's arguments (its address last). */
export function serve(standIn: StandIn, args: string[]): Promise<void> {
  // Same rule as @pulumi/pulumi/provider/internals parseArgs: flags first, then the engine address.
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--logtostderr" || a.startsWith("-v=")) continue;
    if (a === "--tracing") {
      i++;
      continue;
    }
    positional.push(a);
  }
  engineAddress = positional[0];
  patchAddService(standIn);
  return pulumiProvider.main(asProvider(standIn), args);
}

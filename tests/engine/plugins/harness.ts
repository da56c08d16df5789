/**
 * Drives a provider plugin executable the way the engine does: starts it with an engine address
 * argument in a given working directory, reads the port it prints, and calls the
 * ResourceProvider gRPC service with `@pulumi/pulumi/proto/provider_grpc_pb`.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";

const grpc: typeof grpcTypes = require(
  require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] }),
);

export type Props = Record<string, unknown>;

export interface Failure {
  property: string;
  reason: string;
}

export interface Plugin {
  pid: number;
  port: number;
  stderr(): string;
  getPluginInfo(): Promise<string>;
  checkConfig(news: Props, urn?: string): Promise<{ inputs: Props; failures: Failure[] }>;
  configure(args: Props, type?: string): Promise<void>;
  check(urn: string, news: Props, olds?: Props, seed?: Uint8Array): Promise<{ inputs: Props; failures: Failure[] }>;
  diff(
    id: string,
    urn: string,
    olds: Props,
    news: Props,
    oldInputs?: Props,
  ): Promise<{ changes: "none" | "some" | "unknown"; replaces: string[] }>;
  /** DiffResponse.diffs: the changed top-level keys, which the engine matches `replaceOnChanges` against. */
  changedKeys(id: string, urn: string, olds: Props, news: Props): Promise<string[]>;
  create(urn: string, props: Props, preview?: boolean): Promise<{ id: string; props: Props }>;
  read(id: string, urn: string, props: Props, inputs?: Props): Promise<{ id: string; props: Props; inputs: Props | undefined }>;
  update(id: string, urn: string, olds: Props, news: Props, preview?: boolean): Promise<Props>;
  delete(id: string, urn: string, props: Props): Promise<void>;
  invoke(token: string, args: Props): Promise<{ outputs: Props; failures: Failure[] }>;
  stop(): Promise<void>;
}

function struct(props: Props): structproto.Struct {
  return structproto.Struct.fromJavaScript(props as any);
}

function js(s: structproto.Struct | undefined): Props {
  return (s?.toJavaScript() ?? {}) as Props;
}

function failures(list: provproto.CheckFailure[]): Failure[] {
  return list.map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
}

export function urn(type: string, name: string, stack = "test", project = "standin"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Passed as the engine address (nothing listens there unless a test starts an engine). */
  engineAddress?: string;
}

/** Starts `executable` as the engine would (`<exe> <engine address>`), waits for its port line. */
export async function startPlugin(executable: string, opts: StartOptions = {}): Promise<Plugin> {
  const child: ChildProcess = spawn(executable, [opts.engineAddress ?? "127.0.0.1:1"], {
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) {
        child.stdout!.off("data", onData);
        const n = Number(out.slice(0, nl).trim());
        if (Number.isInteger(n) && n > 0) resolve(n);
        else reject(new Error(`plugin printed ${JSON.stringify(out)} instead of a port; stderr:\n${err}`));
      }
    };
    child.stdout!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`plugin exited (${code}) before printing its port; stderr:\n${err}`)));
    setTimeout(() => reject(new Error(`plugin printed no port in 60 s; stderr:\n${err}`)), 60000).unref();
  });
  child.stdout!.resume();
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const unary = <Req, Res>(method: (req: Req, cb: (e: grpcTypes.ServiceError | null, r: Res) => void) => unknown, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => method.call(client, req, (e, r) => (e ? reject(e) : resolve(r))));

  return {
    pid: child.pid!,
    port,
    stderr: () => err,
    async getPluginInfo() {
      const info = await unary<emptyproto.Empty, plugproto.PluginInfo>(client.getPluginInfo, new emptyproto.Empty());
      return info.getVersion();
    },
    async checkConfig(news, u = urn("pulumi:providers:aws", "default")) {
      const req = new provproto.CheckRequest();
      req.setUrn(u);
      req.setOlds(struct({}));
      req.setNews(struct(news));
      const res = await unary<provproto.CheckRequest, provproto.CheckResponse>(client.checkConfig, req);
      return { inputs: js(res.getInputs()), failures: failures(res.getFailuresList()) };
    },
    async configure(args, type = "pulumi:providers:aws") {
      const req = new provproto.ConfigureRequest();
      req.setArgs(struct(args));
      for (const [k, v] of Object.entries(args))
        req.getVariablesMap().set(`${type.split(":").pop()}:config:${k}`, typeof v === "string" ? v : JSON.stringify(v));
      req.setAcceptsecrets(true);
      req.setAcceptresources(true);
      req.setSendsOldInputs(true);
      req.setSendsOldInputsToDelete(true);
      req.setType(type);
      await unary<provproto.ConfigureRequest, provproto.ConfigureResponse>(client.configure, req);
    },
    async check(u, news, olds = {}, seed = new Uint8Array([1, 2, 3, 4])) {
      const req = new provproto.CheckRequest();
      req.setUrn(u);
      req.setName(u.slice(u.lastIndexOf("::") + 2));
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      req.setRandomseed(seed);
      const res = await unary<provproto.CheckRequest, provproto.CheckResponse>(client.check, req);
      return { inputs: js(res.getInputs()), failures: failures(res.getFailuresList()) };
    },
    async diff(id, u, olds, news, oldInputs) {
      const req = new provproto.DiffRequest();
      req.setId(id);
      req.setUrn(u);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      req.setOldInputs(struct(oldInputs ?? {}));
      const res = await unary<provproto.DiffRequest, provproto.DiffResponse>(client.diff, req);
      const c = res.getChanges();
      return {
        changes:
          c === provproto.DiffResponse.DiffChanges.DIFF_NONE
            ? "none"
            : c === provproto.DiffResponse.DiffChanges.DIFF_SOME
              ? "some"
              : "unknown",
        replaces: res.getReplacesList(),
      };
    },
    async changedKeys(id, u, olds, news) {
      const req = new provproto.DiffRequest();
      req.setId(id);
      req.setUrn(u);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      req.setOldInputs(struct({}));
      return (await unary<provproto.DiffRequest, provproto.DiffResponse>(client.diff, req)).getDiffsList();
    },
    async create(u, props, preview = false) {
      const req = new provproto.CreateRequest();
      req.setUrn(u);
      req.setName(u.slice(u.lastIndexOf("::") + 2));
      req.setProperties(struct(props));
      req.setPreview(preview);
      const res = await unary<provproto.CreateRequest, provproto.CreateResponse>(client.create, req);
      return { id: res.getId(), props: js(res.getProperties()) };
    },
    async read(id, u, props, inputs) {
      const req = new provproto.ReadRequest();
      req.setId(id);
      req.setUrn(u);
      req.setProperties(struct(props));
      if (inputs) req.setInputs(struct(inputs));
      const res = await unary<provproto.ReadRequest, provproto.ReadResponse>(client.read, req);
      return { id: res.getId(), props: js(res.getProperties()), inputs: res.getInputs() ? js(res.getInputs()) : undefined };
    },
    async update(id, u, olds, news, preview = false) {
      const req = new provproto.UpdateRequest();
      req.setId(id);
      req.setUrn(u);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      req.setPreview(preview);
      const res = await unary<provproto.UpdateRequest, provproto.UpdateResponse>(client.update, req);
      return js(res.getProperties());
    },
    async delete(id, u, props) {
      const req = new provproto.DeleteRequest();
      req.setId(id);
      req.setUrn(u);
      req.setProperties(struct(props));
      await unary<provproto.DeleteRequest, emptyproto.Empty>(client.delete, req);
    },
    async invoke(token, args) {
      const req = new provproto.InvokeRequest();
      req.setTok(token);
      req.setArgs(struct(args));
      const res = await unary<provproto.InvokeRequest, provproto.InvokeResponse>(client.invoke, req);
      return { outputs: js(res.getReturn()), failures: failures(res.getFailuresList()) };
    },
    async stop() {
      client.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      process.kill(child.pid!, "SIGTERM");
      await done;
    },
  };
}

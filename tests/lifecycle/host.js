"use strict";
/**
 * A stand-in for the Pulumi engine's dynamic-provider host
 * (@pulumi/pulumi/cmd/dynamic-provider/index.js), run with plain `node` in a fresh process whose
 * working directory is the project, as the engine runs it. What it keeps from the real host:
 * - the provider comes from the `__provider` property: `requireFromString(text).handler()`, once
 *   per text and process (require-from-string resolved from @pulumi/pulumi, module paths from the cwd);
 * - properties cross a protobuf Struct both ways, so an output the engine cannot hold (undefined,
 *   a function) fails here as it fails there;
 * - check/diff/read/delete errors are printed with their stack on stderr; create/update errors
 *   are answered with their message only;
 * - `__provider` is put back into check's inputs and into create/read/update outputs.
 * What it changes: requests arrive as JSON lines on stdin and answers leave as JSON lines on
 * fd 3 instead of gRPC, so stdout and stderr stay the providers' own, as in the engine.
 */
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [process.cwd()] }));
const requireFromString = require(require.resolve("require-from-string", { paths: [pulumiDir] }));
const structproto = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }));

const providerKey = "__provider";
// @pulumi/pulumi/runtime/rpc unknownValue: what a property not known at preview holds.
const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const providerCache = {};
function getProvider(props) {
  const providerString = props[providerKey];
  let provider = providerCache[providerString];
  if (!provider) {
    provider = requireFromString(providerString).handler();
    providerCache[providerString] = provider;
  }
  return provider;
}

/** What crosses the wire: a protobuf Struct, as the engine sends and stores properties. */
const struct = (obj) => structproto.Struct.fromJavaScript(obj).toJavaScript();
const resultIncludingProvider = (result, props) => Object.assign(result || {}, { [providerKey]: props[providerKey] });
const logged = (e) => {
  console.error(`${e}: ${e && e.stack}`);
  return e;
};

const methods = {
  async check(req) {
    const olds = struct(req.olds);
    const news = struct(req.news);
    try {
      const provider = getProvider(news[providerKey] === unknownValue ? olds : news);
      let inputs = news;
      let failures = [];
      if (provider.check) {
        const result = await provider.check(olds, news);
        if (result.inputs) inputs = result.inputs;
        if (result.failures) failures = result.failures;
      }
      inputs[providerKey] = news[providerKey];
      return { inputs: struct(inputs), failures: failures.map((f) => ({ property: f.property, reason: f.reason })) };
    } catch (e) {
      throw logged(e);
    }
  },
  async diff(req) {
    const olds = struct(req.olds);
    const news = struct(req.news);
    try {
      const provider = getProvider(news[providerKey] === unknownValue ? olds : news);
      const answer = { changes: "UNKNOWN", replaces: [], deleteBeforeReplace: false };
      if (provider.diff) {
        const result = await provider.diff(req.id, olds, news);
        answer.changes = result.changes === true ? "SOME" : result.changes === false ? "NONE" : "UNKNOWN";
        answer.replaces = result.replaces || [];
        answer.deleteBeforeReplace = !!result.deleteBeforeReplace;
      }
      return answer;
    } catch (e) {
      throw logged(e);
    }
  },
  async create(req) {
    const props = struct(req.props);
    const provider = getProvider(props);
    const result = await provider.create(props);
    return { id: result.id, properties: struct(resultIncludingProvider(result.outs, props)) };
  },
  async read(req) {
    const props = struct(req.props);
    try {
      const provider = getProvider(props);
      if (!provider.read) return { id: req.id, properties: props };
      const result = await provider.read(req.id, props);
      const answer = { id: result.id, properties: struct(resultIncludingProvider(result.props, props)) };
      if (result.inputs) answer.inputs = struct(resultIncludingProvider(result.inputs, props));
      return answer;
    } catch (e) {
      throw logged(e);
    }
  },
  async update(req) {
    const olds = struct(req.olds);
    const news = struct(req.news);
    const provider = getProvider(news);
    const result = provider.update ? (await provider.update(req.id, olds, news)) || {} : {};
    return { properties: struct(resultIncludingProvider(result.outs, news)) };
  },
  async delete(req) {
    const props = struct(req.props);
    try {
      const provider = getProvider(props);
      if (provider.delete) await provider.delete(req.id, props);
      return {};
    } catch (e) {
      throw logged(e);
    }
  },
};

const answers = fs.createWriteStream(null, { fd: 3 });
const answer = (message) => answers.write(`${JSON.stringify(message)}\n`);

let uncaught = 0;
process.on("uncaughtException", (e) => {
  uncaught += 1;
  console.error(`uncaught error: ${e && e.stack}`);
});
process.on("unhandledRejection", (e) => {
  uncaught += 1;
  console.error(`unhandled rejection: ${e && e.stack}`);
});

const pending = new Set();
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (!line.trim()) return;
  const req = JSON.parse(line);
  const run = (async () => {
    try {
      const method = methods[req.method];
      if (!method) throw new Error(`unknown method ${req.method}`);
      answer({ seq: req.seq, ok: true, result: await method(req) });
    } catch (e) {
      answer({ seq: req.seq, ok: false, message: e && e.message !== undefined ? String(e.message) : String(e) });
    }
  })();
  pending.add(run);
  run.finally(() => pending.delete(run));
});
// The engine ends its host when the deployment is over: exit once every request was answered,
// without waiting for keep-alive sockets.
lines.on("close", async () => {
  while (pending.size > 0) await Promise.all([...pending]);
  answers.end(() => process.exit(uncaught > 0 ? 1 : 0));
});

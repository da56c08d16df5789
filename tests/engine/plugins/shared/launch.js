// Runs a stand-in provider's TypeScript entry with ts-node (transpile only), independent of the
// working directory the engine starts the plugin in (the program's folder, maybe a temp dir):
// ts-node and the tsconfig are resolved from this repository, not from the cwd.
//   node launch.js <entry.ts> <engine args...>
"use strict";
const path = require("path");
const entry = process.argv[2];
if (!entry) {
  process.stderr.write("usage: node launch.js <entry.ts> [engine address]\n");
  process.exit(2);
}
process.argv.splice(2, 1);
const repo = path.resolve(__dirname, "..", "..", "..", "..");
require(require.resolve("ts-node", { paths: [repo] })).register({
  transpileOnly: true,
  project: path.join(repo, "tsconfig.json"),
  // Only these files are compiled; the project's include list is irrelevant here.
  skipProject: false,
});
require(path.resolve(entry));

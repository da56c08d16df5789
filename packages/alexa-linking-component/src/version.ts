import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The package version. Dynamic resources record it as an input, so a provider code change shows
 * as an update. src/ and dist/ both sit one level below package.json.
 */
export function packageVersion(): string {
  const file = path.join(__dirname, "..", "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

import { main } from "@pulumi/pulumi/provider";
import { packageProvider } from "./provider";

/**
 * The plugin's entry (plugin/package.json `main`). `@pulumi/pulumi/cmd/run-plugin` calls a
 * module that exports a function; a module that exported the component class instead would get
 * Pulumi's generic component host, which cannot serve the custom resources.
 */
export = function servePackageProvider(): Promise<void> {
  return main(packageProvider(), process.argv.slice(2));
};

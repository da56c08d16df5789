import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO } from "./project";

const execFileAsync = promisify(execFile);

/**
 * An npm registry on 127.0.0.1 that serves the packages the workspace's own install put in
 * node_modules (the flat, hoisted layout: every name and version the lockfile resolved), so that
 * `npm install <the packed tarball>` in a program folder runs as a user's would, resolving the
 * package's dependencies and its @pulumi/pulumi peer with npm's own rules, with no internet.
 * A name or version the workspace did not install answers 404, as a registry without it would.
 */
export interface LocalRegistry {
  url: string;
  /** Every packument and tarball requested, `<name>` or `<name>@<version>.tgz`. */
  requests: string[];
  stop(): Promise<void>;
}

interface Installed {
  dir: string;
  manifest: Record<string, unknown>;
}

/** name -> version -> where it is installed, from node_modules and every nested node_modules. */
export function installedPackages(root = path.join(REPO, "node_modules")): Map<string, Map<string, Installed>> {
  const found = new Map<string, Map<string, Installed>>();
  const visit = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || !entry.isDirectory()) continue;
      const dirs = entry.name.startsWith("@")
        ? fs
            .readdirSync(path.join(modules, entry.name), { withFileTypes: true })
            .filter((e) => e.isDirectory())
            .map((e) => path.join(modules, entry.name, e.name))
        : [path.join(modules, entry.name)];
      for (const dir of dirs) {
        const file = path.join(dir, "package.json");
        if (!fs.existsSync(file)) continue;
        const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
        const name = manifest.name as string;
        const version = manifest.version as string;
        if (!found.has(name)) found.set(name, new Map());
        if (!found.get(name)!.has(version)) found.get(name)!.set(version, { dir, manifest });
        visit(path.join(dir, "node_modules"));
      }
    }
  };
  visit(root);
  return found;
}

/** The fields of a manifest that npm's resolver reads from a packument version. */
const PACKUMENT_FIELDS = [
  "name",
  "version",
  "dependencies",
  "optionalDependencies",
  "peerDependencies",
  "peerDependenciesMeta",
  "bundleDependencies",
  "bin",
  "engines",
  "os",
  "cpu",
  "scripts",
] as const;

export function packument(name: string, versions: Map<string, Installed>, base: string): Record<string, unknown> {
  const entries = [...versions.entries()].map(([version, { manifest }]) => {
    const fields = Object.fromEntries(PACKUMENT_FIELDS.filter((f) => manifest[f] !== undefined).map((f) => [f, manifest[f]]));
    // Installed manifests have no node_modules: a package that bundles some would ship them.
    delete (fields as Record<string, unknown>).bundleDependencies;
    return [version, { ...fields, dist: { tarball: `${base}/${encodeURIComponent(name)}/-/${version}.tgz` } }];
  });
  const latest = entries
    .map(([v]) => v as string)
    .sort(compareVersions)
    .pop();
  return { name, "dist-tags": { latest }, versions: Object.fromEntries(entries) };
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    if (x[i] === undefined) return -1;
    if (y[i] === undefined) return 1;
    return typeof x[i] === "number" && typeof y[i] === "number"
      ? (x[i] as number) - (y[i] as number)
      : String(x[i]) < String(y[i])
        ? -1
        : 1;
  }
  return 0;
}

export async function startLocalRegistry(root?: string): Promise<LocalRegistry> {
  const packages = installedPackages(root);
  const requests: string[] = [];
  const tarballs = new Map<string, Promise<Buffer>>();
  const packuments = new Map<string, Buffer>();
  const tarball = (dir: string): Promise<Buffer> => {
    if (!tarballs.has(dir)) {
      tarballs.set(
        dir,
        execFileAsync("tar", ["-cz", "--exclude=./node_modules", "--transform", "s,^\\.,package,", "-C", dir, "."], {
          encoding: "buffer",
          maxBuffer: 1024 * 1024 * 1024,
        }).then((r) => r.stdout as Buffer),
      );
    }
    return tarballs.get(dir)!;
  };
  let base = "";
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? "/").split("?")[0]);
    const tgz = /^\/(.+)\/-\/([^/]+)\.tgz$/.exec(url);
    const name = tgz ? tgz[1] : url.slice(1);
    const versions = packages.get(name);
    requests.push(tgz ? `${name}@${tgz[2]}.tgz` : name);
    if (!versions || (tgz && !versions.has(tgz[2]))) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "Not found" }));
      return;
    }
    if (!tgz) {
      if (!packuments.has(name)) packuments.set(name, Buffer.from(JSON.stringify(packument(name, versions, base))));
      const body = packuments.get(name)!;
      // npm keeps a packument in its memory cache only when it knows the length.
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body);
      return;
    }
    tarball(versions.get(tgz[2])!.dir).then(
      (body) => res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length }).end(body),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Local fakes of what the platforms see, for doctor's platform probes (issue 28), each answering
 * as the real service documents it:
 * - Apple's CDN: `GET /a/v1/<host>` answers 200 with the host's apple-app-site-association as
 *   the bucket serves it now (or the copy a test pins), 404 when it has none.
 * - Google's Digital Asset Links API: `GET /v1/statements:list?source.web.site=<site>&relation=<r>`
 *   reads the site's assetlinks.json and lists one statement per package and fingerprint as
 *   `statements[].target.androidApp.{packageName, certificate.sha256Fingerprint}`; 400 with
 *   Google's error shape without source.web.site.
 * - Cognito's hosted UI: `GET /oauth2/authorize` compares redirect_uri byte for byte with the
 *   client's callback URLs: a match is a 302 to `/login` with the same parameters, a mismatch a
 *   302 to `/error?error=redirect_mismatch&client_id=<id>`, an unknown client a 400.
 * All on 127.0.0.1, random ports.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface PlatformFakeSources {
  /**
   * The local origin where a host's files are served, e.g. the bucket's URL in the emulator;
   * undefined for a host it does not serve (answered as a 404: a fake never reaches the network).
   */
  siteOf(host: string): string | undefined;
  /** The client's callback URLs as Cognito has them, or undefined for an unknown client. */
  callbackUrls(clientId: string): Promise<string[] | undefined>;
}

export interface PlatformFakes {
  appleCdn: string;
  assetLinks: string;
  hostedUi: string;
  /** Pins Apple's copy for a host: a body, null for none (404); undefined goes back to the bucket's. */
  pinAppleCopy(host: string, body: string | null | undefined): void;
  /** Pins the assetlinks.json Google read for a site (its cache); undefined goes back to the bucket's. */
  pinGoogleCopy(site: string, body: string | undefined): void;
  /** Requests seen, by fake. */
  requests: { appleCdn: string[]; assetLinks: string[]; hostedUi: string[] };
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const json = (res: http.ServerResponse, status: number, value: unknown): void => {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
};

async function getText(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: await res.text() };
}

export async function startPlatformFakes(sources: PlatformFakeSources): Promise<PlatformFakes> {
  const pinned = new Map<string, string | null>();
  const pinnedGoogle = new Map<string, string>();
  const requests = { appleCdn: [] as string[], assetLinks: [] as string[], hostedUi: [] as string[] };

  const apple = await listen((req, res) => {
    requests.appleCdn.push(req.url ?? "");
    const match = /^\/a\/v1\/([^/?]+)$/.exec(req.url ?? "");
    if (req.method !== "GET" || !match) return void res.writeHead(404).end();
    const host = decodeURIComponent(match[1]);
    const copy = pinned.get(host);
    if (copy === null) return void res.writeHead(404).end();
    if (copy !== undefined) return void res.writeHead(200, { "content-type": "application/json" }).end(copy);
    const site = sources.siteOf(host);
    if (site === undefined) return void res.writeHead(404).end();
    getText(`${site}/.well-known/apple-app-site-association`).then(
      ({ status, body }) =>
        status === 200 ? res.writeHead(200, { "content-type": "application/json" }).end(body) : res.writeHead(404).end(),
      () => res.writeHead(404).end(),
    );
  });

  const google = await listen((req, res) => {
    requests.assetLinks.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method !== "GET" || url.pathname !== "/v1/statements:list")
      return json(res, 404, { error: { code: 404, message: "Not Found", status: "NOT_FOUND" } });
    const site = url.searchParams.get("source.web.site");
    const relation = url.searchParams.get("relation");
    if (!site) return json(res, 400, { error: { code: 400, message: "Source asset is required.", status: "INVALID_ARGUMENT" } });
    const host = new URL(site).host;
    const copy = pinnedGoogle.get(site);
    const origin = sources.siteOf(host);
    const read =
      copy !== undefined
        ? Promise.resolve({ status: 200, body: copy })
        : origin === undefined
          ? Promise.resolve({ status: 404, body: "" })
          : getText(`${origin}/.well-known/assetlinks.json`);
    read.then(
      ({ status, body }) => {
        const statements: unknown[] = [];
        let debugString = "";
        try {
          if (status !== 200) throw new Error(`HTTP ${status}`);
          for (const s of JSON.parse(body) as {
            relation: string[];
            target: { package_name: string; sha256_cert_fingerprints: string[] };
          }[]) {
            for (const r of s.relation) {
              if (relation && r !== relation) continue;
              for (const fingerprint of s.target.sha256_cert_fingerprints) {
                statements.push({
                  source: { web: { site } },
                  relation: r,
                  target: { androidApp: { packageName: s.target.package_name, certificate: { sha256Fingerprint: fingerprint } } },
                });
              }
            }
          }
        } catch (err) {
          debugString = `********************* ERRORS *********************\nError: could not fetch statements (${(err as Error).message})`;
        }
        json(res, 200, { statements, maxAge: "599.999s", debugString });
      },
      () => json(res, 200, { statements: [], maxAge: "599.999s", debugString: "Error: fetch failed" }),
    );
  });

  const hostedUi = await listen((req, res) => {
    requests.hostedUi.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method !== "GET" || url.pathname !== "/oauth2/authorize") return void res.writeHead(404).end();
    const clientId = url.searchParams.get("client_id") ?? "";
    const redirectUri = url.searchParams.get("redirect_uri") ?? "";
    void sources.callbackUrls(clientId).then(
      (urls) => {
        if (urls === undefined)
          return void res
            .writeHead(400, { "content-type": "text/html" })
            .end("<html>An error was encountered with the requested page.</html>");
        if (!urls.includes(redirectUri)) {
          return void res
            .writeHead(302, { location: `${hostedUiBase}/error?error=redirect_mismatch&client_id=${encodeURIComponent(clientId)}` })
            .end();
        }
        res.writeHead(302, { location: `${hostedUiBase}/login?${url.searchParams.toString()}` }).end();
      },
      (err: unknown) => {
        // Cognito's hosted UI answers its own failures with a 500 page; the request never hangs.
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(`callback URLs could not be read: ${(err as Error).message}`);
      },
    );
  });
  const hostedUiBase = hostedUi.base;

  return {
    appleCdn: apple.base,
    assetLinks: google.base,
    hostedUi: hostedUi.base,
    pinAppleCopy: (host, body) => (body === undefined ? pinned.delete(host) : pinned.set(host, body), undefined),
    pinGoogleCopy: (site, body) => (body === undefined ? pinnedGoogle.delete(site) : pinnedGoogle.set(site, body), undefined),
    requests,
    close: async () => {
      await Promise.all(
        [apple.server, google.server, hostedUi.server].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

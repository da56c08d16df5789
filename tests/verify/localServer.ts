import * as http from "http";
import { AddressInfo } from "net";

export type Route = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void;

export interface LocalServer {
  /** http://127.0.0.1:<port> */
  base: string;
  /** Requests seen per path. */
  hits: Map<string, number>;
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

/** A loopback HTTP server on a random port; unknown paths answer 404 with an S3-style body. */
export async function startServer(): Promise<LocalServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const handler = routes.get(path);
    if (handler) return handler(req, res, hit);
    res.writeHead(404, { "content-type": "application/xml" });
    res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    route: (path, handler) => void routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers like S3 serving a public object. */
export const serve =
  (body: string, contentType = "application/json"): Route =>
  (_req, res) => {
    res.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
    res.end(body);
  };

export const s3Error =
  (status: number, code: string): Route =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/xml" });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>...</Message><RequestId>R</RequestId></Error>`);
  };

/**
 * A stand-in for the two AWS calls doctor's `account block` line makes, on 127.0.0.1: STS
 * GetCallerIdentity (query protocol, POST /) and S3 Control GetPublicAccessBlock
 * (GET /v20180820/configuration/publicAccessBlock, the account in x-amz-account-id). As strict as
 * AWS for what doctor sends: an unsigned request is refused, an x-amz-account-id other than the
 * caller's account is AccessDenied, "none set" is AWS's 404 NoSuchPublicAccessBlockConfiguration.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface AccountBlockFlags {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

/** What GetPublicAccessBlock answers. */
export type S3ControlBehaviour =
  | { kind: "set"; flags: AccountBlockFlags }
  | { kind: "none" }
  | { kind: "denied" }
  /** Hostile: a 403 whose message echoes every request header (session token included). */
  | { kind: "echo" }
  /** Hostile: a 200 with a body of this many bytes. */
  | { kind: "huge"; bytes: number };

export interface S3ControlFake {
  endpoint: string;
  accountId: string;
  behaviour: S3ControlBehaviour;
  /** Requests seen: "sts" or "s3control". */
  seen: string[];
  close(): Promise<void>;
}

export const FAKE_ACCOUNT_ID = "123456789012";

const xml = (res: http.ServerResponse, status: number, body: string) => {
  res.writeHead(status, { "content-type": "text/xml", "content-length": Buffer.byteLength(body) });
  res.end(body);
};

const s3ControlError = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>R1</RequestId><HostId>H1</HostId></Error>`;

export async function startS3ControlFake(
  behaviour: S3ControlBehaviour = { kind: "none" },
  accountId = FAKE_ACCOUNT_ID,
): Promise<S3ControlFake> {
  const fake = { behaviour, accountId, seen: [] as string[] } as S3ControlFake;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const signed = /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/(sts|s3)\/aws4_request/.test(req.headers.authorization ?? "");
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "POST" && path === "/" && /(^|&)Action=GetCallerIdentity(&|$)/.test(body)) {
        fake.seen.push("sts");
        if (!signed)
          return xml(
            res,
            403,
            `<ErrorResponse><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>unsigned</Message></Error></ErrorResponse>`,
          );
        return xml(
          res,
          200,
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
            `<Arn>arn:aws:iam::${fake.accountId}:user/doctor</Arn><UserId>AIDAEXAMPLE</UserId><Account>${fake.accountId}</Account>` +
            `</GetCallerIdentityResult><ResponseMetadata><RequestId>R0</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      }
      if (req.method === "GET" && path === "/v20180820/configuration/publicAccessBlock") {
        fake.seen.push("s3control");
        if (!signed) return xml(res, 403, s3ControlError("AccessDenied", "Anonymous access is not allowed"));
        if (req.headers["x-amz-account-id"] !== fake.accountId) return xml(res, 403, s3ControlError("AccessDenied", "Access Denied"));
        const b = fake.behaviour;
        if (b.kind === "none")
          return xml(
            res,
            404,
            s3ControlError("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found"),
          );
        if (b.kind === "denied") return xml(res, 403, s3ControlError("AccessDenied", "Access Denied"));
        if (b.kind === "echo")
          return xml(
            res,
            403,
            s3ControlError("AccessDenied", `you sent token ${req.headers["x-amz-security-token"]} with ${JSON.stringify(req.headers)}`),
          );
        if (b.kind === "huge") {
          res.writeHead(200, { "content-type": "text/xml", "content-length": b.bytes });
          const chunk = Buffer.alloc(64 * 1024, "A");
          let left = b.bytes;
          const pump = () => {
            while (left > 0) {
              const n = Math.min(left, chunk.length);
              left -= n;
              if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once("drain", pump);
            }
            res.end();
          };
          res.on("error", () => undefined);
          return pump();
        }
        const f = b.flags;
        return xml(
          res,
          200,
          `<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">` +
            `<BlockPublicAcls>${f.BlockPublicAcls}</BlockPublicAcls><IgnorePublicAcls>${f.IgnorePublicAcls}</IgnorePublicAcls>` +
            `<BlockPublicPolicy>${f.BlockPublicPolicy}</BlockPublicPolicy><RestrictPublicBuckets>${f.RestrictPublicBuckets}</RestrictPublicBuckets>` +
            `</PublicAccessBlockConfiguration>`,
        );
      }
      xml(
        res,
        400,
        s3ControlError("InvalidRequest", `the fake answers GetCallerIdentity and GetPublicAccessBlock, not ${req.method} ${path}`),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

export const flags = (on: Partial<AccountBlockFlags>): AccountBlockFlags => ({
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
  ...on,
});

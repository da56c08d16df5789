/**
 * aws:acm/certificate:Certificate (requested, DNS validation) and
 * aws:acm/certificateValidation:CertificateValidation against the ACM API (moto in tests) with AWS
 * SDK v3, following terraform-provider-aws 6. ACM is regional: a certificate for CloudFront is
 * created through a provider with region us-east-1. moto reports one DNS validation CNAME per
 * domain (a fixed token, not AWS's per-certificate one); with serve.py's correction it issues the
 * certificate once those CNAMEs are record sets in a moto hosted zone (AWS asks the public DNS).
 */
import {
  AddTagsToCertificateCommand,
  CertificateDetail,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  KeyAlgorithm,
  ListTagsForCertificateCommand,
  RemoveTagsFromCertificateCommand,
  RequestCertificateCommand,
} from "@aws-sdk/client-acm";
import { checkInputs, oneOf } from "../shared/honesty";
import { packageFile, readInterface, readResourceToken } from "../shared/sdkSchema";
import { CheckFailure, DiffResult, ResourceImpl } from "../shared/serve";
import { containsUnknown, defined, jsonEqual, Props, revealProps, rewrapSecrets } from "../shared/wire";
import { waitUntil } from "./cloudfront";
import { acmClient, awsError, config, errorCode, SDK, withDefaultTags, withoutDefaultTags } from "./config";

const CERT_TOKEN = readResourceToken(packageFile(SDK, "acm/certificate.js"));
const CERT_ARGS = readInterface(packageFile(SDK, "acm/certificate.d.ts"), "CertificateArgs");
const VALIDATION_TOKEN = readResourceToken(packageFile(SDK, "acm/certificateValidation.js"));
const VALIDATION_ARGS = readInterface(packageFile(SDK, "acm/certificateValidation.d.ts"), "CertificateValidationArgs");

function plain(props: Props): Props {
  return revealProps(props).values;
}

const trimDot = (s: unknown) =>
  String(s ?? "")
    .replace(/\.$/, "")
    .toLowerCase();

async function describe(arn: string): Promise<CertificateDetail | undefined> {
  try {
    return (await acmClient().send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate;
  } catch (e) {
    if (errorCode(e) === "ResourceNotFoundException") return undefined;
    throw e;
  }
}

async function certTags(arn: string): Promise<Props> {
  const out = await acmClient().send(new ListTagsForCertificateCommand({ CertificateArn: arn }));
  const tags: Props = {};
  for (const t of out.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? "";
  return tags;
}

/** terraform-provider-aws cleanUpSubjectAlternativeNames: the SANs without the domain name. */
function sansOf(c: CertificateDetail): string[] {
  return (c.SubjectAlternativeNames ?? []).filter((s) => s !== c.DomainName);
}

function certOutputs(c: CertificateDetail, tags: Props, tagsAll: Props = withDefaultTags(tags)): Props {
  const options = (c.DomainValidationOptions ?? []).filter((o) => o.ResourceRecord);
  return defined({
    arn: c.CertificateArn,
    domainName: c.DomainName,
    subjectAlternativeNames: sansOf(c),
    validationMethod: "DNS",
    keyAlgorithm: c.KeyAlgorithm,
    domainValidationOptions: options.map((o) => ({
      domainName: o.DomainName,
      resourceRecordName: o.ResourceRecord!.Name,
      resourceRecordType: o.ResourceRecord!.Type,
      resourceRecordValue: o.ResourceRecord!.Value,
    })),
    validationEmails: [],
    status: c.Status,
    type: c.Type,
    notAfter: c.NotAfter ? new Date(c.NotAfter).toISOString().replace(/\.\d{3}Z$/, "Z") : "",
    notBefore: c.NotBefore ? new Date(c.NotBefore).toISOString().replace(/\.\d{3}Z$/, "Z") : "",
    pendingRenewal: false,
    renewalEligibility: c.RenewalEligibility ?? "",
    renewalSummaries: [],
    earlyRenewalDuration: "",
    options: {
      certificateTransparencyLoggingPreference: c.Options?.CertificateTransparencyLoggingPreference ?? "ENABLED",
      export: c.Options?.Export ?? "DISABLED",
    },
    tags,
    tagsAll,
    region: config().region,
  });
}

function normalizedCert(v: Props): Props {
  const domain = v.domainName;
  return {
    domainName: domain,
    subjectAlternativeNames: (Array.isArray(v.subjectAlternativeNames) ? (v.subjectAlternativeNames as string[]) : [])
      .filter((s) => s !== domain)
      .sort(),
    validationMethod: v.validationMethod ?? "DNS",
    keyAlgorithm: v.keyAlgorithm ?? "RSA_2048",
  };
}

export const certificate: ResourceImpl = {
  async check({ news }) {
    const failures: CheckFailure[] = checkInputs(news, {
      token: CERT_TOKEN,
      sdkPackage: SDK,
      args: CERT_ARGS,
      implemented: new Set(["domainName", "subjectAlternativeNames", "validationMethod", "keyAlgorithm", "tags"]),
    });
    const v = plain(news);
    if (news.domainName === undefined)
      failures.push({
        property: "domainName",
        reason: '"domainName" is required by the stand-in: only requested (Amazon-issued) certificates are implemented, not imported ones',
      });
    // terraform-provider-aws: domain_name is 1-253 characters without a trailing dot.
    if (typeof v.domainName === "string" && (v.domainName.length > 253 || v.domainName.endsWith(".")))
      failures.push({
        property: "domainName",
        reason: `expected length of domain_name to be in the range (1 - 253) and no trailing period, got ${v.domainName}`,
      });
    if (v.validationMethod === undefined)
      failures.push({
        property: "validationMethod",
        reason: 'a requested certificate needs validationMethod ("DNS"; the real provider: one of certificateBody or validationMethod)',
      });
    else if (!containsUnknown(v.validationMethod) && v.validationMethod !== "DNS") {
      failures.push({
        property: "validationMethod",
        reason: `validationMethod ${JSON.stringify(v.validationMethod)} is not implemented by the stand-in aws provider: only "DNS" (moto reports DNS validation whatever is asked)`,
      });
    }
    failures.push(...oneOf(v.keyAlgorithm, "keyAlgorithm", Object.values(KeyAlgorithm)));
    return { inputs: news, failures };
  },
  async diff({ olds, news }): Promise<DiffResult> {
    const n = normalizedCert(plain(news));
    const o = normalizedCert(plain(olds));
    const replaces = Object.keys(n).filter((k) => containsUnknown(news[k]) || !jsonEqual(n[k], o[k]));
    // A changed aws:defaultTags changes tagsAll: an update, as the real provider plans it.
    const tagsChanged =
      containsUnknown(news.tags) ||
      !jsonEqual(plain(news).tags ?? {}, plain(olds).tags ?? {}) ||
      !jsonEqual(withDefaultTags((plain(news).tags ?? {}) as Props), plain(olds).tagsAll ?? plain(olds).tags ?? {});
    return { changes: replaces.length > 0 || tagsChanged, replaces };
  },
  async create({ inputs, preview }) {
    if (preview) return { id: "", outs: inputs };
    const { values, secretKeys } = revealProps(inputs);
    const n = normalizedCert(values);
    const tags = (values.tags ?? {}) as Props;
    const tagsAll = withDefaultTags(tags);
    let arn: string;
    try {
      arn = (
        await acmClient().send(
          new RequestCertificateCommand({
            DomainName: String(n.domainName),
            ValidationMethod: "DNS",
            KeyAlgorithm: n.keyAlgorithm as KeyAlgorithm,
            ...((n.subjectAlternativeNames as string[]).length > 0
              ? { SubjectAlternativeNames: [String(n.domainName), ...(n.subjectAlternativeNames as string[])] }
              : {}),
            ...(Object.keys(tagsAll).length > 0
              ? { Tags: Object.entries(tagsAll).map(([Key, Value]) => ({ Key, Value: String(Value) })) }
              : {}),
          }),
        )
      ).CertificateArn!;
    } catch (e) {
      throw awsError(`requesting ACM Certificate (${String(n.domainName)})`, e);
    }
    // terraform-provider-aws waitCertificateDomainValidationsKnown: the validation records appear asynchronously in AWS.
    let detail: CertificateDetail | undefined;
    await waitUntil(`ACM Certificate (${arn}) domain validation options`, 0, 5 * 60, async () => {
      detail = await describe(arn);
      return (detail?.DomainValidationOptions ?? []).length > 0 && detail!.DomainValidationOptions!.every((o) => o.ResourceRecord);
    });
    return { id: arn, outs: rewrapSecrets(certOutputs(detail!, tags), secretKeys) };
  },
  async read({ id, inputs }) {
    const c = await describe(id);
    if (!c) return { id: "" };
    const all = await certTags(id);
    return { id, props: certOutputs(c, withoutDefaultTags(all), all), ...(inputs ? { inputs } : {}) };
  },
  async update({ id, olds, news }) {
    const { values, secretKeys } = revealProps(news);
    const oldTags = (plain(olds).tagsAll ?? plain(olds).tags ?? {}) as Props;
    const ownTags = (values.tags ?? {}) as Props;
    const newTags = withDefaultTags(ownTags);
    try {
      const removed = Object.keys(oldTags).filter((k) => !(k in newTags));
      if (removed.length > 0)
        await acmClient().send(
          new RemoveTagsFromCertificateCommand({ CertificateArn: id, Tags: removed.map((Key) => ({ Key, Value: String(oldTags[Key]) })) }),
        );
      const changed = Object.entries(newTags).filter(([k, v]) => oldTags[k] !== v);
      if (changed.length > 0)
        await acmClient().send(
          new AddTagsToCertificateCommand({ CertificateArn: id, Tags: changed.map(([Key, Value]) => ({ Key, Value: String(Value) })) }),
        );
      const c = await describe(id);
      return { outs: rewrapSecrets(certOutputs(c!, ownTags, newTags), secretKeys) };
    } catch (e) {
      throw awsError(`updating ACM Certificate (${id}) tags`, e);
    }
  },
  async delete({ id }) {
    try {
      await acmClient().send(new DeleteCertificateCommand({ CertificateArn: id }));
    } catch (e) {
      if (errorCode(e) === "ResourceNotFoundException") return;
      throw awsError(`deleting ACM Certificate (${id})`, e);
    }
  },
};

/** Go's time.Time.String() in UTC, the id terraform-provider-aws gives a validation (the certificate's IssuedAt). */
function goTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 UTC`;
}

export const certificateValidation: ResourceImpl = {
  async check({ news }) {
    return {
      inputs: news,
      failures: checkInputs(news, {
        token: VALIDATION_TOKEN,
        sdkPackage: SDK,
        args: VALIDATION_ARGS,
        implemented: new Set(["certificateArn", "validationRecordFqdns"]),
      }),
    };
  },
  async diff({ olds, news }): Promise<DiffResult> {
    const replaces: string[] = [];
    const n = plain(news);
    const o = plain(olds);
    if (containsUnknown(news.certificateArn) || n.certificateArn !== o.certificateArn) replaces.push("certificateArn");
    const set = (v: unknown) => (Array.isArray(v) ? (v as string[]).map(trimDot).sort() : []);
    if (containsUnknown(news.validationRecordFqdns) || !jsonEqual(set(n.validationRecordFqdns), set(o.validationRecordFqdns)))
      replaces.push("validationRecordFqdns");
    return { changes: replaces.length > 0, replaces };
  },
  async create({ inputs, preview, timeout }) {
    if (preview) return { id: "", outs: inputs };
    const { values, secretKeys } = revealProps(inputs);
    const arn = String(values.certificateArn);
    const c = await describe(arn).catch((e) => {
      throw awsError(`reading ACM Certificate (${arn})`, e);
    });
    if (!c) throw new Error(`reading ACM Certificate (${arn}): couldn't find resource`);
    if (Array.isArray(values.validationRecordFqdns)) {
      // terraform-provider-aws: every DNS validation record of the certificate must be among validationRecordFqdns.
      const given = new Set((values.validationRecordFqdns as string[]).map(trimDot));
      for (const o of c.DomainValidationOptions ?? []) {
        if (o.ResourceRecord && !given.has(trimDot(o.ResourceRecord.Name))) {
          throw new Error(`validating ACM Certificate (${arn}): missing ${o.DomainName} DNS validation record: ${o.ResourceRecord.Name}`);
        }
      }
    }
    let issued: CertificateDetail | undefined;
    // terraform-provider-aws: waits for ISSUED, 75 minutes unless customTimeouts.create says otherwise.
    await waitUntil(`ACM Certificate (${arn}) to be issued`, timeout ?? 0, 75 * 60, async () => {
      issued = await describe(arn);
      if (!issued) throw new Error(`ACM Certificate (${arn}) not found while waiting for it to be issued`);
      if (issued.Status && !["PENDING_VALIDATION", "ISSUED"].includes(issued.Status))
        throw new Error(`ACM Certificate (${arn}): unexpected state '${issued.Status}', wanted target 'ISSUED'`);
      return issued.Status === "ISSUED";
    });
    const id = goTime(issued!.IssuedAt ? new Date(issued!.IssuedAt) : new Date());
    return {
      id,
      outs: rewrapSecrets(
        defined({ certificateArn: arn, validationRecordFqdns: values.validationRecordFqdns, region: config().region }),
        secretKeys,
      ),
    };
  },
  async read({ id, props, inputs }) {
    const state = plain(props);
    const c = await describe(String(state.certificateArn));
    // terraform-provider-aws: a certificate that is gone or no longer ISSUED removes the validation from the state.
    if (!c || c.Status !== "ISSUED") return { id: "" };
    return { id, props: { ...state, region: config().region }, ...(inputs ? { inputs } : {}) };
  },
  async update({ olds }) {
    // Both inputs are force-new: the engine never updates a validation.
    return { outs: olds };
  },
  async delete() {
    // Nothing in AWS to delete (the real provider only forgets it).
  },
};

export const resources: Record<string, ResourceImpl> = {
  [CERT_TOKEN]: certificate,
  [VALIDATION_TOKEN]: certificateValidation,
};

/**
 * aws:route53/record:Record (simple routing: records+ttl or one alias) and the
 * aws:route53/getZone:getZone invoke, against the Route 53 API (moto in tests) with AWS SDK v3,
 * following terraform-provider-aws 6 internal/service/route53/record.go: name and zoneId force-new,
 * name stored lowercased without a trailing dot and expanded with the zone's name when it does not
 * end in it, CREATE unless allowOverwrite (UPSERT), UPSERT on update, DELETE+CREATE in one batch
 * when the type changes, id `<zoneId>_<name>_<type>`.
 */
import {
  Change,
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  ResourceRecordSet,
  RRType,
} from "@aws-sdk/client-route-53";
import { checkInputs, checkNested, oneOf } from "../shared/honesty";
import { packageFile, readInterface, readInvokeToken, readResourceToken } from "../shared/sdkSchema";
import { CheckFailure, DiffResult, ResourceImpl } from "../shared/serve";
import { containsUnknown, defined, jsonEqual, Props, reveal, revealProps, rewrapSecrets } from "../shared/wire";
import { waitUntil } from "./cloudfront";
import { awsError, errorCode, route53Client, SDK } from "./config";

const RECORD_TOKEN = readResourceToken(packageFile(SDK, "route53/record.js"));
const RECORD_ARGS = readInterface(packageFile(SDK, "route53/record.d.ts"), "RecordArgs");
const ALIAS_ARGS = readInterface(packageFile(SDK, "types/input.d.ts"), "route53.RecordAlias");
const ZONE_TOKEN = readInvokeToken(packageFile(SDK, "route53/getZone.js"));
const ZONE_ARGS = readInterface(packageFile(SDK, "route53/getZone.d.ts"), "GetZoneArgs");

function plain(props: Props): Props {
  return revealProps(props).values;
}

/** The name as the state keeps it (the schema's StateFunc): no trailing dot, lowercased. */
const stateName = (s: unknown) =>
  String(s ?? "")
    .replace(/\.$/, "")
    .toLowerCase();
/** terraform-provider-aws cleanZoneID. */
const cleanZoneId = (s: unknown) => String(s ?? "").replace(/^\/hostedzone\//, "");

/** terraform-provider-aws expandRecordName: a name not ending in the zone's gets the zone appended. */
function expandRecordName(name: string, zoneName: string): string {
  const rn = stateName(name);
  const zone = stateName(zoneName);
  if (rn === "") return zone;
  return rn.endsWith(zone) ? rn : `${rn}.${zone}`;
}

function normalizeRecord(v: Props): Props {
  const alias = Array.isArray(v.aliases) && v.aliases.length > 0 ? (v.aliases[0] as Props) : undefined;
  return {
    zoneId: cleanZoneId(v.zoneId),
    name: stateName(v.name),
    type: v.type,
    ttl: alias ? undefined : v.ttl,
    records: Array.isArray(v.records) ? [...(v.records as string[])].sort() : undefined,
    aliases: alias
      ? [{ name: stateName(alias.name), zoneId: alias.zoneId, evaluateTargetHealth: alias.evaluateTargetHealth === true }]
      : undefined,
  };
}

async function zoneName(zoneId: string): Promise<string> {
  try {
    return (await route53Client().send(new GetHostedZoneCommand({ Id: zoneId }))).HostedZone!.Name!;
  } catch (e) {
    throw awsError(`reading Route 53 Hosted Zone (${zoneId})`, e);
  }
}

/** terraform-provider-aws expandResourceRecords: TXT/SPF values are quoted unless they already are. */
function recordValue(type: string, value: string): string {
  return (type === "TXT" || type === "SPF") && !/^".*"$/.test(value) ? `"${value}"` : value;
}

function toRrset(n: Props, zone: string): ResourceRecordSet {
  const alias = (n.aliases as Props[] | undefined)?.[0];
  return {
    Name: expandRecordName(String(n.name), zone),
    Type: n.type as RRType,
    ...(alias
      ? {
          AliasTarget: {
            DNSName: String(alias.name),
            HostedZoneId: String(alias.zoneId),
            EvaluateTargetHealth: alias.evaluateTargetHealth === true,
          },
        }
      : { TTL: n.ttl as number, ResourceRecords: ((n.records as string[]) ?? []).map((r) => ({ Value: recordValue(String(n.type), r) })) }),
  };
}

async function change(zoneId: string, changes: Change[], what: string): Promise<void> {
  let id: string | undefined;
  try {
    id = (
      await route53Client().send(
        new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes, Comment: "Managed by Pulumi" } }),
      )
    ).ChangeInfo?.Id;
  } catch (e) {
    throw awsError(what, e);
  }
  // terraform-provider-aws waitChangeInsync (30 minutes).
  if (id)
    await waitUntil(
      `Route 53 change (${id}) INSYNC`,
      0,
      30 * 60,
      async () => (await route53Client().send(new GetChangeCommand({ Id: id }))).ChangeInfo?.Status === "INSYNC",
    );
}

async function findRecord(zoneId: string, fqdn: string, type: string): Promise<ResourceRecordSet | undefined> {
  try {
    const out = await route53Client().send(
      new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: fqdn, StartRecordType: type as RRType, MaxItems: 1 }),
    );
    return (out.ResourceRecordSets ?? []).find((r) => stateName(r.Name) === stateName(fqdn) && r.Type === type && !r.SetIdentifier);
  } catch (e) {
    if (errorCode(e) === "NoSuchHostedZone") return undefined;
    throw e;
  }
}

function recordOutputs(n: Props, fqdn: string, allowOverwrite: boolean): Props {
  return defined({ ...n, fqdn, allowOverwrite, multivalueAnswerRoutingPolicy: false, healthCheckId: "", setIdentifier: "" });
}

export const record: ResourceImpl = {
  async check({ news }) {
    const failures: CheckFailure[] = checkInputs(news, {
      token: RECORD_TOKEN,
      sdkPackage: SDK,
      args: RECORD_ARGS,
      implemented: new Set(["zoneId", "name", "type", "ttl", "records", "aliases", "allowOverwrite"]),
    });
    failures.push(
      ...checkNested(
        news.aliases,
        "aliases",
        { args: ALIAS_ARGS, implemented: new Set(["name", "zoneId", "evaluateTargetHealth"]) },
        RECORD_TOKEN,
        SDK,
      ),
    );
    const v = plain(news);
    failures.push(...oneOf(v.type, "type", Object.values(RRType)));
    const hasAlias = Array.isArray(v.aliases) && v.aliases.length > 0;
    const hasRecords = v.records !== undefined;
    if (hasAlias === hasRecords)
      failures.push({
        property: hasAlias ? "aliases" : "records",
        reason: '"aliases": one of `aliases,records` must be specified (exactly one)',
      });
    if (Array.isArray(v.aliases) && v.aliases.length > 1)
      failures.push({ property: "aliases", reason: "aliases: too many list items (at most 1)" });
    if (hasAlias && v.ttl !== undefined) failures.push({ property: "ttl", reason: '"ttl": conflicts with aliases' });
    if (hasRecords && v.ttl === undefined)
      failures.push({ property: "ttl", reason: '"ttl" is required with records (Route 53: all of [TTL, and ResourceRecords])' });
    return { inputs: news, failures };
  },
  async diff({ olds, news }): Promise<DiffResult> {
    const n = normalizeRecord(plain(news));
    const o = normalizeRecord(plain(olds));
    const replaces: string[] = [];
    let changes = false;
    for (const k of Object.keys(n)) {
      if (containsUnknown(news[k]) || !jsonEqual(n[k], o[k])) {
        changes = true;
        if (k === "zoneId" || k === "name") replaces.push(k);
      }
    }
    if ((plain(news).allowOverwrite === true) !== (plain(olds).allowOverwrite === true)) changes = true;
    return { changes, replaces };
  },
  async create({ inputs, preview }) {
    if (preview) return { id: "", outs: inputs };
    const { values, secretKeys } = revealProps(inputs);
    const n = normalizeRecord(values);
    const zoneId = String(n.zoneId);
    const zone = await zoneName(zoneId);
    const rrset = toRrset(n, zone);
    const allowOverwrite = values.allowOverwrite === true;
    await change(zoneId, [{ Action: allowOverwrite ? "UPSERT" : "CREATE", ResourceRecordSet: rrset }], "creating Route53 Record");
    return {
      id: `${zoneId}_${String(n.name)}_${String(n.type)}`,
      outs: rewrapSecrets(recordOutputs(n, String(rrset.Name), allowOverwrite), secretKeys),
    };
  },
  async read({ id, props, inputs }) {
    const state = plain(props);
    const zoneId = cleanZoneId(state.zoneId);
    let zone: string;
    try {
      zone = (await route53Client().send(new GetHostedZoneCommand({ Id: zoneId }))).HostedZone!.Name!;
    } catch (e) {
      if (errorCode(e) === "NoSuchHostedZone") return { id: "" };
      throw awsError(`reading Route 53 Hosted Zone (${zoneId})`, e);
    }
    const fqdn = expandRecordName(String(state.name), zone);
    const live = await findRecord(zoneId, fqdn, String(state.type));
    if (!live) return { id: "" };
    const n: Props = {
      zoneId,
      name: stateName(state.name),
      type: live.Type,
      ttl: live.AliasTarget ? undefined : live.TTL,
      records: live.ResourceRecords
        ? live.ResourceRecords.map((r) =>
            live.Type === "TXT" || live.Type === "SPF" ? String(r.Value).replace(/^"(.*)"$/, "$1") : String(r.Value),
          ).sort()
        : undefined,
      aliases: live.AliasTarget
        ? [
            {
              name: stateName(live.AliasTarget.DNSName),
              zoneId: live.AliasTarget.HostedZoneId,
              evaluateTargetHealth: live.AliasTarget.EvaluateTargetHealth === true,
            },
          ]
        : undefined,
    };
    return { id, props: recordOutputs(n, fqdn, state.allowOverwrite === true), ...(inputs ? { inputs } : {}) };
  },
  async update({ olds, news }) {
    const { values, secretKeys } = revealProps(news);
    const n = normalizeRecord(values);
    const o = normalizeRecord(plain(olds));
    const zoneId = String(n.zoneId);
    const zone = await zoneName(zoneId);
    const rrset = toRrset(n, zone);
    const allowOverwrite = values.allowOverwrite === true;
    if (n.type === o.type)
      await change(
        zoneId,
        [{ Action: "UPSERT", ResourceRecordSet: rrset }],
        `updating Route53 Record (${zoneId}_${String(o.name)}_${String(o.type)})`,
      );
    else {
      await change(
        zoneId,
        [
          { Action: "DELETE", ResourceRecordSet: toRrset(o, zone) },
          { Action: allowOverwrite ? "UPSERT" : "CREATE", ResourceRecordSet: rrset },
        ],
        `updating Route53 Record (${zoneId}_${String(o.name)}_${String(o.type)})`,
      );
    }
    return { outs: rewrapSecrets(recordOutputs(n, String(rrset.Name), allowOverwrite), secretKeys) };
  },
  async delete({ id, props }) {
    const state = plain(props);
    const zoneId = cleanZoneId(state.zoneId);
    let zone: string;
    try {
      zone = (await route53Client().send(new GetHostedZoneCommand({ Id: zoneId }))).HostedZone!.Name!;
    } catch (e) {
      if (errorCode(e) === "NoSuchHostedZone") return;
      throw awsError(`reading Route 53 Hosted Zone (${zoneId})`, e);
    }
    const live = await findRecord(zoneId, expandRecordName(String(state.name), zone), String(state.type));
    if (!live) return;
    try {
      await change(zoneId, [{ Action: "DELETE", ResourceRecordSet: live }], `deleting Route53 Record (${id})`);
    } catch (e) {
      // terraform-provider-aws: InvalidChangeBatch on delete (already gone) is success.
      if (/InvalidChangeBatch/.test((e as Error).message)) return;
      throw e;
    }
  },
};

async function getZone(args: Props): Promise<{ outputs: Props; failures?: CheckFailure[] }> {
  const failures = checkInputs(args, {
    token: ZONE_TOKEN,
    sdkPackage: SDK,
    args: ZONE_ARGS,
    implemented: new Set(["name", "zoneId", "privateZone"]),
  });
  const v = reveal(args) as Props;
  if (v.name === undefined && v.zoneId === undefined) failures.push({ property: "name", reason: "one of name or zoneId must be given" });
  if (v.name !== undefined && v.zoneId !== undefined) failures.push({ property: "zoneId", reason: '"zoneId": conflicts with name' });
  if (failures.length > 0) return { outputs: {}, failures };
  const privateZone = v.privateZone === true;
  let id: string;
  try {
    if (v.zoneId !== undefined) id = cleanZoneId(v.zoneId);
    else {
      const want = `${stateName(v.name)}.`;
      const out = await route53Client().send(new ListHostedZonesByNameCommand({ DNSName: want }));
      const matches = (out.HostedZones ?? []).filter(
        (z) => String(z.Name).toLowerCase() === want && (z.Config?.PrivateZone === true) === privateZone,
      );
      if (matches.length === 0) throw new Error("no matching Route 53 Hosted Zone found");
      if (matches.length > 1)
        throw new Error(
          "multiple Route 53 Hosted Zones matched; use additional constraints to reduce matches to a single Route 53 Hosted Zone",
        );
      id = cleanZoneId(matches[0]!.Id);
    }
    const zone = await route53Client().send(new GetHostedZoneCommand({ Id: id }));
    const z = zone.HostedZone!;
    const nameServers = zone.DelegationSet?.NameServers ?? [];
    return {
      outputs: {
        id,
        zoneId: id,
        arn: `arn:aws:route53:::hostedzone/${id}`,
        name: stateName(z.Name),
        callerReference: z.CallerReference ?? "",
        comment: z.Config?.Comment ?? "",
        privateZone: z.Config?.PrivateZone === true,
        resourceRecordSetCount: z.ResourceRecordSetCount ?? 0,
        nameServers,
        primaryNameServer: nameServers[0] ?? "",
        linkedServiceDescription: z.LinkedService?.Description ?? "",
        linkedServicePrincipal: z.LinkedService?.ServicePrincipal ?? "",
        tags: {},
      },
    };
  } catch (e) {
    if (errorCode(e)) throw awsError("reading Route 53 Hosted Zone", e);
    throw e;
  }
}

export const resources: Record<string, ResourceImpl> = {
  [RECORD_TOKEN]: record,
};

export const invokes = {
  [ZONE_TOKEN]: getZone,
};

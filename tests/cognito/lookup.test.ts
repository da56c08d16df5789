import { chooseClient, listPools, PoolListing } from "../../packages/alexa-linking-component/src/cognito/lookup";
import { DEFAULT_CLIENT_NAME } from "../../packages/alexa-linking-component/src/shared/defaults";

const NAME = "esp-rainmaker-alexa-skill";
const pools: PoolListing[] = [
  {
    userPoolId: "eu-west-1_users",
    userPoolName: "rainmaker-user-pool",
    clients: [{ clientId: "web1", clientName: "web" }],
  },
  {
    userPoolId: "eu-west-1_mobile",
    userPoolName: "rainmaker-user-email-mobile-pool",
    clients: [
      { clientId: "alexa1", clientName: NAME },
      { clientId: "app1", clientName: "mobile-app" },
    ],
  },
];
const twice: PoolListing[] = [
  ...pools,
  { userPoolId: "eu-west-1_old", userPoolName: "old", clients: [{ clientId: "alexa0", clientName: NAME }] },
];
const twiceInOnePool: PoolListing[] = [
  {
    userPoolId: "eu-west-1_mobile",
    clients: [
      { clientId: "a", clientName: NAME },
      { clientId: "b", clientName: NAME },
    ],
  },
];

describe("chooseClient", () => {
  const found: [string, PoolListing[], Partial<Parameters<typeof chooseClient>[1]>, { userPoolId: string; clientId: string }][] = [
    ["the default name in any pool", pools, {}, { userPoolId: "eu-west-1_mobile", clientId: "alexa1" }],
    ["a given name", pools, { clientName: "web" }, { userPoolId: "eu-west-1_users", clientId: "web1" }],
    ["the name within the given pool", twice, { userPoolId: "eu-west-1_old" }, { userPoolId: "eu-west-1_old", clientId: "alexa0" }],
    ["a client id without pool", twice, { clientId: "alexa0" }, { userPoolId: "eu-west-1_old", clientId: "alexa0" }],
    ["a client id over the name", pools, { clientId: "app1", clientName: NAME }, { userPoolId: "eu-west-1_mobile", clientId: "app1" }],
    ["a client id among same-named ones", twiceInOnePool, { clientId: "b" }, { userPoolId: "eu-west-1_mobile", clientId: "b" }],
  ];
  it.each(found)("finds %s", (_n, listing, wanted, want) => {
    expect(chooseClient(listing, { clientName: DEFAULT_CLIENT_NAME, ...wanted }, "eu-west-1")).toEqual(want);
  });

  const errors: [string, PoolListing[], Partial<Parameters<typeof chooseClient>[1]>, RegExp[]][] = [
    [
      "no client of that name",
      pools.slice(0, 1),
      {},
      [
        /Found no app client named "esp-rainmaker-alexa-skill"/,
        /any user pool of region eu-west-1/,
        /eu-west-1_users \(rainmaker-user-pool\): web/,
        /Set cognito.clientName or cognito.clientId/,
      ],
    ],
    ["no pools at all", [], {}, [/Found: no user pools/, /region eu-west-1/]],
    [
      "several pools with the name",
      twice,
      {},
      [
        /Found 2 app clients named "esp-rainmaker-alexa-skill" in any user pool of region eu-west-1/,
        /client alexa1 in pool eu-west-1_mobile \(rainmaker-user-email-mobile-pool\)/,
        /client alexa0 in pool eu-west-1_old \(old\)/,
        /Choose one with cognito.userPoolId/,
      ],
    ],
    [
      "several in the given pool",
      twiceInOnePool,
      { userPoolId: "eu-west-1_mobile" },
      [/Found 2 app clients .* in user pool eu-west-1_mobile: client a .*client b/, /Choose one with cognito.clientId\./],
    ],
    [
      "an unknown pool id",
      pools,
      { userPoolId: "eu-west-1_nope" },
      [
        /cognito.userPoolId "eu-west-1_nope" was not found in region eu-west-1/,
        /pools there: eu-west-1_users \(rainmaker-user-pool\), eu-west-1_mobile/,
        /AWS provider's region/,
      ],
    ],
    ["an unknown client id", pools, { clientId: "zzz" }, [/Found no app client with cognito.clientId "zzz"/]],
  ];
  it.each(errors)("explains %s", (_n, listing, wanted, messages) => {
    let message = "";
    try {
      chooseClient(listing, { clientName: DEFAULT_CLIENT_NAME, ...wanted }, "eu-west-1");
    } catch (err) {
      message = (err as Error).message;
    }
    for (const m of messages) expect(message).toMatch(m);
  });
});

describe("listPools", () => {
  /** A client stub that serves pools and clients two per page. */
  function pagedClient(data: Record<string, string[]>) {
    const sent: string[] = [];
    const page = <T>(items: T[], token?: string) => {
      const start = token ? Number(token) : 0;
      const next = start + 2 < items.length ? String(start + 2) : undefined;
      return { items: items.slice(start, start + 2), next };
    };
    return {
      sent,
      send: async (command: { constructor: { name: string }; input: any }) => {
        const name = command.constructor.name;
        sent.push(`${name}:${command.input.UserPoolId ?? ""}:${command.input.NextToken ?? ""}`);
        if (name === "ListUserPoolsCommand") {
          const { items, next } = page(Object.keys(data), command.input.NextToken);
          return { UserPools: items.map((Id) => ({ Id, Name: `name-${Id}` })), NextToken: next };
        }
        const { items, next } = page(data[command.input.UserPoolId], command.input.NextToken);
        return { UserPoolClients: items.map((ClientId) => ({ ClientId, ClientName: `n-${ClientId}` })), NextToken: next };
      },
    };
  }
  const data = { p1: ["a", "b", "c"], p2: [], p3: ["d"] };

  it("reads every page of pools and of clients", async () => {
    const client = pagedClient(data);
    const pools = await listPools(client as any);
    expect(pools.map((p) => [p.userPoolId, p.clients.map((c) => c.clientId)])).toEqual([
      ["p1", ["a", "b", "c"]],
      ["p2", []],
      ["p3", ["d"]],
    ]);
    expect(client.sent.filter((s) => s.startsWith("ListUserPoolsCommand"))).toHaveLength(2);
    expect(client.sent.filter((s) => s.startsWith("ListUserPoolClientsCommand:p1"))).toHaveLength(2);
  });

  it("lists the clients of the given pool only", async () => {
    const client = pagedClient(data);
    const pools = await listPools(client as any, "p3");
    expect(pools.find((p) => p.userPoolId === "p3")?.clients).toEqual([{ clientId: "d", clientName: "n-d" }]);
    expect(client.sent.filter((s) => s.startsWith("ListUserPoolClientsCommand"))).toEqual(["ListUserPoolClientsCommand:p3:"]);
  });
});

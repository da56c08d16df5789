import * as pulumi from "@pulumi/pulumi";

/** One registerResource call as the engine would receive it. */
export interface Registration {
  type: string;
  name: string;
  urn: string;
  custom: boolean;
  inputs: Record<string, any>;
  /** URN of the parent resource. */
  parent: string;
  /** URNs of the explicit dependsOn resources. */
  dependsOn: string[];
  additionalSecretOutputs: string[];
  /** The explicit provider reference (`<urn>::<id>`), "" for the default provider. */
  provider: string;
  /** The resource options `replaceOnChanges` and `deleteBeforeReplace`. */
  replaceOnChanges: string[];
  deleteBeforeReplace: boolean;
}

export interface MockOptions {
  region?: string;
  accountId?: string;
  /** Answers for invokes other than getRegion and getCallerIdentity. */
  call?: (token: string, inputs: Record<string, any>) => Record<string, any> | undefined;
  /** Extra state for a registered resource (merged over its inputs). */
  state?: (type: string, name: string, inputs: Record<string, any>) => Record<string, any> | undefined;
}

export interface Mocks {
  registrations: Registration[];
  invokes: { token: string; inputs: Record<string, any> }[];
  /** Waits until every registration started so far has been answered. */
  settled(): Promise<void>;
  byType(type: string): Registration[];
  one(type: string): Registration;
  urnOf(type: string, name?: string): string;
}

/**
 * Installs Pulumi mocks and records every registration with its parent and dependsOn, which
 * `setMocks` alone does not expose: the monitor's registerResource is wrapped to read them off
 * the request the SDK built.
 */
export function installMocks(options: MockOptions = {}): Mocks {
  const region = options.region ?? "eu-west-1";
  const accountId = options.accountId ?? "123456789012";
  const registrations: Registration[] = [];
  const invokes: Mocks["invokes"] = [];
  let pending = 0;
  const idle: (() => void)[] = [];
  const done = () => {
    pending -= 1;
    if (pending === 0) idle.splice(0).forEach((resolve) => setImmediate(resolve));
  };

  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const extra = options.state?.(args.type, args.name, args.inputs) ?? {};
        const state = { ...args.inputs, ...defaultState(args.type, args.inputs), ...extra };
        return { id: state.bucket ?? `${args.name}-id`, state };
      },
      call: (args) => {
        invokes.push({ token: args.token, inputs: args.inputs });
        const answer = options.call?.(args.token, args.inputs);
        if (answer) return answer;
        if (args.token === "aws:index/getRegion:getRegion") return { region, name: region, id: region };
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") {
          return { accountId, arn: `arn:aws:iam::${accountId}:user/test`, userId: "AIDTEST", id: accountId };
        }
        return {};
      },
    },
    "alexa-app-linking",
    "dev",
    false,
  );

  const monitor = pulumi.runtime.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: unknown, resp: any) => void) => {
    pending += 1;
    register(req, (err: unknown, resp: any) => {
      if (!err) {
        registrations.push({
          type: req.getType(),
          name: req.getName(),
          urn: resp.getUrn(),
          custom: req.getCustom(),
          inputs: pulumi.runtime.deserializeProperties(req.getObject()),
          parent: req.getParent(),
          dependsOn: req.getDependenciesList(),
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          provider: req.getProvider(),
          replaceOnChanges: req.getReplaceonchangesList(),
          deleteBeforeReplace: req.getDeletebeforereplace(),
        });
      }
      callback(err, resp);
      done();
    });
  };

  const byType = (type: string) => registrations.filter((r) => r.type === type);
  return {
    registrations,
    invokes,
    byType,
    one(type) {
      const found = byType(type);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
      return found[0];
    },
    urnOf(type, name) {
      const found = byType(type).filter((r) => name === undefined || r.name === name);
      if (found.length !== 1) throw new Error(`expected one ${type} ${name ?? ""}, found ${found.length}`);
      return found[0].urn;
    },
    async settled() {
      // Registrations are started from promise callbacks; let them start, then wait for answers.
      for (let round = 0; round < 50; round += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        if (pending > 0) await new Promise<void>((resolve) => idle.push(resolve));
      }
    },
  };
}

function defaultState(type: string, inputs: Record<string, any>): Record<string, any> {
  if (type === "aws:s3/bucket:Bucket") {
    return { arn: `arn:aws:s3:::${inputs.bucket}`, bucket: inputs.bucket };
  }
  return {};
}

/** The value of an output, under mocks. */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/**
 * The value of an output, or its failure as a rejection: the failure is handled, as the engine's
 * own reporting would, so it is not an unhandled rejection.
 */
export function settledOutput<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let failed = false;
    pulumi
      .recover(output, (err) => {
        failed = true;
        reject(err);
        return undefined as unknown as T;
      })
      .apply((value) => (failed ? undefined : resolve(value)));
  });
}

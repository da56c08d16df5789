import * as pulumi from "@pulumi/pulumi";
import { IosArgs, IosComponentArgs } from "../args";
import { InvalidArgumentError } from "../shared/errors";
import { validateAppId } from "./ids";

export type IosConfig = pulumi.Unwrap<IosArgs>;
export type IosComponentConfig = pulumi.Unwrap<IosComponentArgs>;

/** Apple's limit on the uncompressed file. */
export const AASA_MAX_BYTES = 128 * 1024;

/** Every path: covers the bucket-root redirect URL `https://<host>/?code=...&state=...`. */
export const DEFAULT_COMPONENTS: IosComponentConfig[] = [{ path: "*" }];

type AasaComponent = Record<string, string | boolean | Record<string, string>>;

export interface AppleAppSiteAssociation {
  applinks: { details: { appIDs: string[]; components: AasaComponent[] }[] };
  webcredentials?: { apps: string[] };
}

/** Validates the iOS args and returns the apple-app-site-association document. */
export function buildAppleAppSiteAssociation(ios: IosConfig): AppleAppSiteAssociation {
  const appIds = ios.appIds;
  if (!Array.isArray(appIds) || appIds.length === 0) {
    throw new InvalidArgumentError(
      "args.ios.appIds",
      appIds,
      "is empty",
      'list at least one App ID, e.g. ["ABCDE12345.com.espressif.rainmaker"], or leave out args.ios',
    );
  }
  const ids = unique(appIds.map((id, i) => validateAppId(id, `args.ios.appIds[${i}]`)));
  const components = (ios.components ?? DEFAULT_COMPONENTS).map(renderComponent);
  const doc: AppleAppSiteAssociation = { applinks: { details: [{ appIDs: ids, components }] } };
  const webcredentials = ios.webcredentials ?? [];
  if (webcredentials.length > 0) {
    doc.webcredentials = { apps: unique(webcredentials.map((id, i) => validateAppId(id, `args.ios.webcredentials[${i}]`))) };
  }
  return doc;
}

/** The file's text: deterministic key order, two-space indent, trailing newline. */
export function renderAppleAppSiteAssociation(ios: IosConfig): string {
  const text = `${JSON.stringify(buildAppleAppSiteAssociation(ios), null, 2)}\n`;
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > AASA_MAX_BYTES) {
    throw new InvalidArgumentError(
      "args.ios",
      `${ios.appIds.length} app IDs, ${(ios.components ?? []).length} components`,
      `renders an apple-app-site-association of ${bytes} bytes; Apple ignores files over ${AASA_MAX_BYTES} bytes`,
      'use fewer components (wildcards such as {path: "*"} cover many paths) or fewer app IDs',
    );
  }
  return text;
}

function renderComponent(component: IosComponentConfig, index: number): AasaComponent {
  const argument = `args.ios.components[${index}]`;
  if (component.query !== undefined && component.queryItems !== undefined) {
    throw new InvalidArgumentError(
      argument,
      component,
      "sets both query and queryItems",
      "keep one: query matches the whole query string, queryItems matches named items",
    );
  }
  const rendered: AasaComponent = {};
  const put = (key: string, value: string | boolean | Record<string, string> | undefined, type: string) => {
    if (value === undefined) return;
    const ok =
      type === "object"
        ? typeof value === "object" && value !== null && Object.values(value).every((v) => typeof v === "string")
        : typeof value === type;
    if (!ok) {
      throw new InvalidArgumentError(
        `${argument}.${key}`,
        value,
        `is not a ${type === "object" ? "map of strings" : type}`,
        `pass a ${type === "object" ? "map of query item names to patterns" : type}`,
      );
    }
    rendered[KEYS[key]] = value;
  };
  put("path", component.path, "string");
  put("query", component.query, "string");
  put("queryItems", component.queryItems as Record<string, string> | undefined, "object");
  put("fragment", component.fragment, "string");
  put("exclude", component.exclude, "boolean");
  put("comment", component.comment, "string");
  put("caseSensitive", component.caseSensitive, "boolean");
  put("percentEncoded", component.percentEncoded, "boolean");
  return rendered;
}

/** Our arg names mapped to Apple's keys, in the order they are written. */
const KEYS: Record<string, string> = {
  path: "/",
  query: "?",
  queryItems: "?",
  fragment: "#",
  exclude: "exclude",
  comment: "comment",
  caseSensitive: "caseSensitive",
  percentEncoded: "percentEncoded",
};

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

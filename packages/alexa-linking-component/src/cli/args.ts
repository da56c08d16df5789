/** Parses `--name value`, `--name=value` and bare `--flag` options; repeated options collect. */
export function parseOptions(argv: string[], flags: readonly string[] = []): { options: Map<string, string[]>; positional: string[] } {
  const options = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (flags.includes(name)) value = "true";
    else {
      if (i + 1 >= argv.length) throw new Error(`option --${name} needs a value`);
      value = argv[++i];
    }
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { options, positional };
}

/** Rejects options a verb does not know, naming them and the ones it does. */
export function assertKnownOptions(options: Map<string, string[]>, known: readonly string[]): void {
  const unknown = [...options.keys()].filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown option ${unknown.map((n) => `--${n}`).join(", ")}; known: ${known.map((n) => `--${n}`).join(", ")}`);
  }
}

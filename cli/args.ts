/**
 * A small argv parser for attnc's commands: positional arguments, `--flag value`, `--flag=value`,
 * repeatable flags, and boolean switches. Unknown flags and missing values are usage errors
 * (exit code 2), reported with the command's usage line.
 */

export class UsageError extends Error {}

export interface FlagSpec {
  /** takes a value */
  value?: boolean;
  /** may be given several times */
  repeat?: boolean;
  /** short alias, e.g. "-o" */
  alias?: string;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
  has(name: string): boolean;
  get(name: string): string | undefined;
  all(name: string): string[];
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const alias = new Map(Object.entries(spec).filter(([, s]) => s.alias).map(([n, s]) => [s.alias!, n]));
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    let inline: string | undefined;
    const eqAt = arg.indexOf("=");
    if (arg.startsWith("--") && eqAt > 0) {
      inline = arg.slice(eqAt + 1);
      arg = arg.slice(0, eqAt);
    }
    const name = arg.startsWith("--") ? arg.slice(2) : alias.get(arg);
    const s = name !== undefined && Object.hasOwn(spec, name) ? spec[name] : undefined; // not `--constructor`
    if (name === undefined || !s) throw new UsageError(`unknown option ${arg}`);
    let val = "true";
    if (s.value) {
      if (inline !== undefined) val = inline;
      else if (i + 1 < argv.length) val = argv[++i]!;
      else throw new UsageError(`option --${name} needs a value`);
    } else if (inline !== undefined) throw new UsageError(`option --${name} takes no value`);
    const prev = flags.get(name);
    if (prev && !s.repeat) throw new UsageError(`option --${name} given twice`);
    flags.set(name, [...(prev ?? []), val]);
  }
  return {
    positional,
    flags,
    has: (n) => flags.has(n),
    get: (n) => flags.get(n)?.[0],
    all: (n) => flags.get(n) ?? [],
  };
}

/**
 * `--param K=V` values to an overrides record. It has no prototype, so every name is an own
 * property (`--param __proto__=1` is an override like any other, never the object's prototype).
 */
export function paramOverrides(values: string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const kv of values) {
    const at = kv.indexOf("=");
    if (at <= 0) throw new UsageError(`--param takes NAME=VALUE, got \`${kv}\``);
    out[kv.slice(0, at).trim()] = kv.slice(at + 1).trim();
  }
  return out;
}

export function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} takes a positive integer, got \`${v}\``);
  return Number(v);
}

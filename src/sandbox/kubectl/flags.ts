/**
 * Command-line parsing with pflag's rules, as kubectl (cobra) applies them: flags anywhere among
 * the arguments, `--name=value` or `--name value`, `-n value`, `-nvalue`, grouped boolean
 * shorthands (`-it`), `--` ending the flags, and pflag's own error texts.
 */
import { usageError } from "./errors.ts";

export type FlagType = "bool" | "string" | "int" | "strings";

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
}

export interface ParsedArgs {
  /** Arguments that are not flags, in order. */
  positional: string[];
  /** How many positional arguments came before `--` (cobra's ArgsLenAtDash), or -1. */
  dashAt: number;
  values: Map<string, string[]>;
}

/** Flags every kubectl command accepts (kubectl's persistent flags). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: "namespace", short: "n", type: "string" },
  { name: "context", type: "string" },
  { name: "cluster", type: "string" },
  { name: "user", type: "string" },
  { name: "kubeconfig", type: "string" },
  { name: "server", short: "s", type: "string" },
  { name: "token", type: "string" },
  { name: "as", type: "string" },
  { name: "request-timeout", type: "string" },
  { name: "insecure-skip-tls-verify", type: "bool" },
  { name: "match-server-version", type: "bool" },
  { name: "cache-dir", type: "string" },
  { name: "warnings-as-errors", type: "bool" },
  { name: "v", short: "v", type: "int" },
  { name: "help", short: "h", type: "bool" },
];

const BOOL_WORDS: Record<string, boolean> = {
  "1": true,
  t: true,
  T: true,
  true: true,
  TRUE: true,
  True: true,
  "0": false,
  f: false,
  F: false,
  false: false,
  FALSE: false,
  False: false,
};

function checkValue(command: string, spec: FlagSpec, value: string, shown: string): void {
  if (spec.type === "bool" && !(value in BOOL_WORDS)) {
    throw usageError(
      command,
      `invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
    );
  }
  if (spec.type === "int" && !/^[+-]?\d+$/.test(value)) {
    throw usageError(
      command,
      `invalid argument "${value}" for "${shown}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
    );
  }
}

export function parseArgs(
  command: string,
  argv: readonly string[],
  specs: readonly FlagSpec[],
): ParsedArgs {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short !== undefined).map((s) => [s.short ?? "", s]));
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  let dashAt = -1;
  const set = (spec: FlagSpec, value: string, shown: string): void => {
    checkValue(command, spec, value, shown);
    const list = values.get(spec.name) ?? [];
    if (spec.type === "strings") list.push(...value.split(","));
    else list.push(value);
    values.set(spec.name, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      dashAt = positional.length;
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--") && arg.length > 2) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw usageError(command, `unknown flag: --${name}`);
      if (eq !== -1) set(spec, arg.slice(eq + 1), `--${name}`);
      else if (spec.type === "bool") set(spec, "true", `--${name}`);
      else {
        const next = argv[i + 1];
        if (next === undefined) throw usageError(command, `flag needs an argument: --${name}`);
        set(spec, next, `--${name}`);
        i++;
      }
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      const shorts = arg.slice(1);
      for (let j = 0; j < shorts.length; j++) {
        const ch = shorts[j] ?? "";
        const spec = byShort.get(ch);
        if (!spec) throw usageError(command, `unknown shorthand flag: '${ch}' in ${arg}`);
        const rest = shorts.slice(j + 1);
        if (spec.type === "bool") {
          if (rest.startsWith("=")) {
            set(spec, rest.slice(1), `-${ch}, --${spec.name}`);
            break;
          }
          set(spec, "true", `-${ch}, --${spec.name}`);
          continue;
        }
        if (rest.length > 0)
          set(spec, rest.startsWith("=") ? rest.slice(1) : rest, `-${ch}, --${spec.name}`);
        else {
          const next = argv[i + 1];
          if (next === undefined)
            throw usageError(command, `flag needs an argument: '${ch}' in -${ch}`);
          set(spec, next, `-${ch}, --${spec.name}`);
          i++;
        }
        break;
      }
      continue;
    }
    positional.push(arg);
  }
  return { positional, dashAt, values };
}

/**
 * Index of the first argument from `from` on that is a word, not a flag, skipping the values of
 * global flags written before it (`-n prod create`, `--namespace prod`), as cobra finds a
 * subcommand; -1 when there is none.
 */
export function positionalIndex(argv: readonly string[], from: number): number {
  for (let i = from; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("-")) return i;
    const name = arg.replace(/^-+/, "").split("=")[0] ?? "";
    const spec = GLOBAL_FLAGS.find((f) => f.name === name || f.short === name);
    const attached = arg.includes("=") || (!arg.startsWith("--") && arg.length > 2);
    if (spec && spec.type !== "bool" && !attached) i++;
  }
  return -1;
}

/** Typed access to parsed flags: the last value given wins, as with pflag. */
export class Flags {
  readonly #values: Map<string, string[]>;

  constructor(parsed: ParsedArgs) {
    this.#values = parsed.values;
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  string(name: string, fallback = ""): string {
    return this.#values.get(name)?.at(-1) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.#values.get(name)?.at(-1);
  }

  bool(name: string): boolean {
    const value = this.#values.get(name)?.at(-1);
    return value === undefined ? false : (BOOL_WORDS[value] ?? false);
  }

  int(name: string, fallback: number): number {
    const value = this.#values.get(name)?.at(-1);
    return value === undefined ? fallback : Number.parseInt(value, 10);
  }

  strings(name: string): string[] {
    return this.#values.get(name) ?? [];
  }
}

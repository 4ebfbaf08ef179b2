/**
 * Go values as kubectl's go-template printer sees them, and Go's fmt printing of them. kubectl
 * marshals the object to JSON and unmarshals it with apimachinery's json package into
 * map[string]interface{}: whole numbers become int64 (a bigint here), other numbers float64 (a
 * number), null a nil interface (null). NO_VALUE is text/template's invalid reflect.Value (a
 * missing map key), printed "<no value>".
 */

export const NO_VALUE: unique symbol = Symbol("no value");

export type GoValue =
  | string
  | bigint
  | number
  | boolean
  | null
  | typeof NO_VALUE
  | readonly GoValue[]
  | { readonly [key: string]: GoValue };

export function isMap(value: GoValue): value is { readonly [key: string]: GoValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isSlice(value: GoValue): value is readonly GoValue[] {
  return Array.isArray(value);
}

/** JSON data as apimachinery's json.Unmarshal into interface{} produces it. */
export function fromJson(value: unknown): GoValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === "object") {
    const out: Record<string, GoValue> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = fromJson(v);
    return out;
  }
  return null;
}

/** The Go type name fmt and text/template put in their messages. */
export function goTypeName(value: GoValue): string {
  if (typeof value === "string") return "string";
  if (typeof value === "bigint") return "int64";
  if (typeof value === "number") return "float64";
  if (typeof value === "boolean") return "bool";
  if (isSlice(value)) return "[]interface {}";
  if (isMap(value)) return "map[string]interface {}";
  return "interface {}";
}

/**
 * strconv.FormatFloat(f, 'g', precision, 64): exponent form below 1e-4 or from 10^exponentFrom,
 * which is 6 for the shortest precision (so %v prints 1000000.0 as 1e+06).
 */
export function formatFloat(value: number, exponentFrom = 6): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const [mantissa = "", exponentText = "0"] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= exponentFrom) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return String(value);
}

function sortedKeys(map: { readonly [key: string]: GoValue }): string[] {
  return Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** fmt's %v: maps with sorted keys as map[k:v], slices as [a b], nil as <nil>, floats as %g. */
export function formatValue(value: GoValue): string {
  if (value === NO_VALUE) return "<no value>";
  if (value === null) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value === "number") return formatFloat(value);
  if (isSlice(value)) return `[${value.map(formatValue).join(" ")}]`;
  return `map[${sortedKeys(value)
    .map((k) => `${k}:${formatValue(value[k] ?? null)}`)
    .join(" ")}]`;
}

/** fmt's %#v (Go syntax), as kubectl's JSONPath printer dumps the object it was given. */
export function goSyntax(value: GoValue): string {
  if (value === NO_VALUE) return "<invalid reflect.Value>";
  if (value === null) return "interface {}(nil)";
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value === "number") return formatFloat(value);
  if (isSlice(value)) return `[]interface {}{${value.map(goSyntax).join(", ")}}`;
  return `map[string]interface {}{${sortedKeys(value)
    .map((k) => `${goQuote(k)}:${goSyntax(value[k] ?? null)}`)
    .join(", ")}}`;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'",
};

/**
 * strconv.Unquote of a quoted literal's inside (\n, \x41, \u00e9, \101, ...); undefined for an
 * escape Go rejects ("invalid syntax").
 */
export function goUnescape(body: string): string | undefined {
  const escape = /\\(x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|[0-7]{3}|.)/g;
  const decode = (code: string): string | undefined => {
    const simple = SIMPLE_ESCAPES[code];
    if (simple !== undefined) return simple;
    if (/^[xuU]/.test(code)) return String.fromCodePoint(Number.parseInt(code.slice(1), 16));
    if (/^[0-7]{3}$/.test(code)) return String.fromCodePoint(Number.parseInt(code, 8));
    return undefined;
  };
  if ([...body.matchAll(escape)].some(([, code = ""]) => decode(code) === undefined))
    return undefined;
  return body.replace(escape, (_, code: string) => decode(code) ?? "");
}

/** Go's %#U, as parsers name a character they reject: U+007D '}'. */
export function goUnicodeName(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return /\p{L}|\p{N}|\p{P}|\p{S}/u.test(ch) ? `${hex} '${ch}'` : hex;
}

/** strconv.Quote: Go escapes, printable Unicode kept as is. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\x07") out += "\\a";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\v") out += "\\v";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** fmt.Sprint: operands joined, with a space between two operands when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = "";
  args.forEach((arg, i) => {
    const previous = args[i - 1];
    if (i > 0 && typeof arg !== "string" && typeof previous !== "string") out += " ";
    out += formatValue(arg);
  });
  return out;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width: number | undefined;
  precision: number | undefined;
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined || text.length >= spec.width) return text;
  if (spec.minus) return text.padEnd(spec.width);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(text) ? (text[0] ?? "") : "";
    return sign + text.slice(sign.length).padStart(spec.width - sign.length, "0");
  }
  return text.padStart(spec.width);
}

function badVerb(verb: string, arg: GoValue): string {
  return `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
}

function signed(text: string, negative: boolean, spec: Spec): string {
  if (negative) return `-${text}`;
  return spec.plus ? `+${text}` : spec.space ? ` ${text}` : text;
}

function formatVerb(verb: string, arg: GoValue, spec: Spec): string {
  switch (verb) {
    case "v":
      return pad(
        typeof arg === "string" && spec.sharp ? goQuote(arg) : formatValue(arg),
        spec,
        false,
      );
    case "s":
      if (typeof arg !== "string") {
        if (typeof arg === "bigint" || typeof arg === "number" || typeof arg === "boolean")
          return badVerb(verb, arg);
        return pad(formatValue(arg), spec, false);
      }
      return pad(spec.precision === undefined ? arg : arg.slice(0, spec.precision), spec, false);
    case "q":
      return typeof arg === "string" ? pad(goQuote(arg), spec, false) : badVerb(verb, arg);
    case "t":
      return typeof arg === "boolean" ? pad(String(arg), spec, false) : badVerb(verb, arg);
    case "d":
    case "x":
    case "X":
    case "o":
    case "b": {
      if (typeof arg === "string" && verb !== "d" && verb !== "o" && verb !== "b") {
        const hex = [...new TextEncoder().encode(arg)]
          .map((b) => b.toString(16).padStart(2, "0"))
          .join("");
        return pad(verb === "X" ? hex.toUpperCase() : hex, spec, false);
      }
      if (typeof arg !== "bigint") return badVerb(verb, arg);
      const radix = { d: 10, x: 16, X: 16, o: 8, b: 2 }[verb];
      let digits = (arg < 0n ? -arg : arg).toString(radix);
      if (verb === "X") digits = digits.toUpperCase();
      if (spec.precision !== undefined) digits = digits.padStart(spec.precision, "0");
      return pad(signed(digits, arg < 0n, spec), spec, spec.precision === undefined);
    }
    case "f":
    case "F":
    case "e":
    case "E":
    case "g":
    case "G": {
      if (typeof arg !== "number") return badVerb(verb, arg);
      const magnitude = Math.abs(arg);
      let text: string;
      if (verb === "f" || verb === "F") text = magnitude.toFixed(spec.precision ?? 6);
      else if (verb === "e" || verb === "E") {
        const [m = "", e = "0"] = magnitude.toExponential(spec.precision ?? 6).split("e");
        const exponent = Number(e);
        text = `${m}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
      } else
        text =
          spec.precision === undefined
            ? formatFloat(magnitude)
            : formatFloat(
                Number(magnitude.toPrecision(Math.max(1, spec.precision))),
                spec.precision,
              );
      if (verb === "E" || verb === "G") text = text.toUpperCase();
      return pad(signed(text, arg < 0 || Object.is(arg, -0), spec), spec, true);
    }
    case "c":
      return typeof arg === "bigint" ? String.fromCodePoint(Number(arg)) : badVerb(verb, arg);
    default:
      return badVerb(verb, arg);
  }
}

/** fmt.Sprintf with Go's verbs, flags, width and precision, and its %!verb(...) complaints. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = "";
  let next = 0;
  for (let i = 0; i < format.length; i++) {
    const ch = format.charAt(i);
    if (ch !== "%") {
      out += ch;
      continue;
    }
    const spec: Spec = {
      minus: false,
      plus: false,
      zero: false,
      space: false,
      sharp: false,
      width: undefined,
      precision: undefined,
    };
    i++;
    for (; i < format.length; i++) {
      const flag = format[i];
      if (flag === "-") spec.minus = true;
      else if (flag === "+") spec.plus = true;
      else if (flag === "0") spec.zero = true;
      else if (flag === " ") spec.space = true;
      else if (flag === "#") spec.sharp = true;
      else break;
    }
    const width = /^\d+/.exec(format.slice(i))?.[0];
    if (width !== undefined) {
      spec.width = Number(width);
      i += width.length;
    }
    if (format[i] === ".") {
      const precision = /^\d*/.exec(format.slice(i + 1))?.[0] ?? "";
      spec.precision = Number(precision || "0");
      i += 1 + precision.length;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += "%!(NOVERB)";
      break;
    }
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatVerb(verb, args[next++] ?? null, spec);
  }
  if (next < args.length) {
    out += `%!(EXTRA ${args
      .slice(next)
      .map((a) => `${goTypeName(a)}=${formatValue(a)}`)
      .join(", ")})`;
  }
  return out;
}

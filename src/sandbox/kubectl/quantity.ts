/**
 * resource.Quantity kept exact (numerator / denominator), for what kubectl computes with it:
 * kubectl top's sums and roundings (MilliValue and Value round up) and --sort-by's comparison of
 * two strings that both parse as quantities.
 */

export interface ExactQuantity {
  numerator: bigint;
  denominator: bigint;
}

const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/** resource.ParseQuantity: a signed decimal number and a binary, decimal or e-notation suffix. */
export function parseExactQuantity(text: string): ExactQuantity | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?([a-zA-Z]*|[eE][+-]?\d+)$/.exec(text);
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = "", suffix = ""] = match;
  if (whole === "" && fraction === "") return undefined;
  const binary = BINARY_SUFFIX[suffix];
  const exponent = /^[eE]\d|^[eE][+-]/.test(suffix)
    ? Number(suffix.slice(1))
    : DECIMAL_SUFFIX[suffix];
  if (binary === undefined && exponent === undefined) return undefined;
  let numerator = BigInt(`${sign}${whole || "0"}${fraction}`);
  let denominator = 10n ** BigInt(fraction.length);
  if (binary !== undefined) numerator *= 2n ** BigInt(binary);
  else if (exponent !== undefined && exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else if (exponent !== undefined) denominator *= 10n ** BigInt(-exponent);
  return { numerator, denominator };
}

/** A quantity from metrics-server or a node's status; zero when it does not parse. */
export function exactQuantity(text: string | undefined): ExactQuantity {
  return parseExactQuantity(text ?? "0") ?? { numerator: 0n, denominator: 1n };
}

export function addQuantities(a: ExactQuantity, b: ExactQuantity): ExactQuantity {
  return {
    numerator: a.numerator * b.denominator + b.numerator * a.denominator,
    denominator: a.denominator * b.denominator,
  };
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: ExactQuantity, b: ExactQuantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Quantity.ScaledValue: the value times `scale`, rounded up to an integer. */
export function scaledCeil(quantity: ExactQuantity, scale: bigint): bigint {
  const product = quantity.numerator * scale;
  const quotient = product / quantity.denominator;
  return product % quantity.denominator > 0n ? quotient + 1n : quotient;
}

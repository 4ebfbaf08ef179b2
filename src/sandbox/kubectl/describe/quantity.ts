/**
 * Just enough of resource.Quantity for describe's requests and limits: parse "100m", "2",
 * "128Mi", "1G" into base units and print sums the way Quantity.String() does for them.
 */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

export function parseQuantity(text: string | number | undefined): number {
  if (text === undefined) return 0;
  if (typeof text === "number") return text;
  const match = /^([+-]?[0-9.]+)([a-zA-Z]*)$/.exec(text.trim());
  if (!match) return 0;
  const value = Number(match[1]);
  const suffix = match[2] ?? "";
  return value * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

export function formatCpu(cores: number): string {
  const millis = Math.round(cores * 1000);
  if (millis === 0) return "0";
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

export function formatBytes(bytes: number): string {
  if (bytes === 0) return "0";
  for (const [suffix, size] of Object.entries(BINARY).reverse()) {
    if (bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}

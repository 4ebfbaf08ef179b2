/**
 * How a process's end becomes Kubernetes' terminated state: the kernel keeps the exit value modulo
 * 256 (sys.exit(-128) is 128); a signal death is 128 + N; the kubelet's reason is Completed for 0,
 * OOMKilled when the memory cgroup killed it, otherwise Error.
 */
export function wrapExitValue(value: number): number {
  return ((value % 256) + 256) % 256;
}

export function terminatedReason(
  exitCode: number,
  oomKilled: boolean,
): "Completed" | "Error" | "OOMKilled" {
  if (oomKilled) return "OOMKilled";
  return exitCode === 0 ? "Completed" : "Error";
}

/** Parses a memory quantity (128Mi, 1Gi, 512M, 8145440Ki, plain bytes) into MiB. */
export function memoryMi(quantity: string | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)([KMGT]i?|k)?$/.exec(quantity);
  if (!match) return undefined;
  const value = Number(match[1]);
  const factors: Readonly<Record<string, number>> = {
    "": 1 / 1048576,
    k: 1000 / 1048576,
    K: 1000 / 1048576,
    Ki: 1 / 1024,
    M: 1e6 / 1048576,
    Mi: 1,
    G: 1e9 / 1048576,
    Gi: 1024,
    T: 1e12 / 1048576,
    Ti: 1048576,
  };
  return value * (factors[match[2] ?? ""] ?? 1);
}

/** Parses a CPU quantity (500m, 2) into millicores. */
export function cpuMillis(quantity: string | undefined): number {
  if (quantity === undefined) return 0;
  if (quantity.endsWith("m")) return Number(quantity.slice(0, -1));
  return Math.round(Number(quantity) * 1000);
}

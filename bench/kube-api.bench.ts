/**
 * The same kubectl commands two ways: the built-in kubectl on the simulated cluster, and the real
 * kubectl binary (KUBECTL or /usr/bin/kubectl; a process start, discovery from its cache, HTTP)
 * against the API facade serving an identical cluster. Printed side by side with the ratio.
 * Medians, because on a shared machine the tail mostly measures other processes.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  buildCluster,
  placeholders,
  runBuiltin,
  runReal,
} from "../src/server/kube-api/conformance.ts";
import { metricsSourceOf } from "../src/server/kube-api/metrics-source.ts";
import { startKubeApi } from "../src/server/kube-api/serve.ts";

const KUBECTL = process.env["KUBECTL"] ?? "/usr/bin/kubectl";
const BUILTIN_RUNS = 200;
const REAL_RUNS = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

async function time(runs: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const builtinCluster = buildCluster("runbook", 1);
const apiCluster = buildCluster("runbook", 1);
const pod = placeholders(builtinCluster)["{pod}"] ?? "";
const commands = [
  ["describe", "pod", pod],
  ["get", "pods", "-o", "wide"],
  ["top", "pods", "-A"],
];

const home = mkdtempSync(join(tmpdir(), "kube-api-bench-"));
const metrics = metricsSourceOf(apiCluster);
const api = existsSync(KUBECTL)
  ? await startKubeApi(apiCluster, { tickMs: 0, kubeconfigDir: home, metrics })
  : undefined;
// The same API over HTTPS (its own kubeconfig and discovery cache), for the TLS cost.
const tlsHome = mkdtempSync(join(tmpdir(), "kube-api-bench-tls-"));
const tlsApi = api
  ? await startKubeApi(apiCluster, { tickMs: 0, kubeconfigDir: tlsHome, metrics, tls: true })
  : undefined;
try {
  for (const args of commands) {
    const builtin = await time(BUILTIN_RUNS, () => runBuiltin(builtinCluster, args));
    const label = `kubectl ${args.join(" ")}`.padEnd(56);
    if (!api) {
      console.log(
        `kube-api: ${label} built-in ${builtin.toFixed(2)} ms  (no kubectl at ${KUBECTL})`,
      );
      continue;
    }
    const real = await time(REAL_RUNS, () => runReal(KUBECTL, args, api.kubeconfigPath, home));
    console.log(
      `kube-api: ${label} built-in ${builtin.toFixed(2)} ms  real kubectl via API ${real.toFixed(1)} ms  ratio ${(real / builtin).toFixed(0)}x`,
    );
  }
  if (tlsApi) {
    const args = ["get", "pods", "-o", "wide"];
    const real = await time(REAL_RUNS, () =>
      runReal(KUBECTL, args, tlsApi.kubeconfigPath, tlsHome),
    );
    console.log(
      `kube-api: ${`kubectl ${args.join(" ")} (HTTPS)`.padEnd(56)} real kubectl via API ${real.toFixed(1)} ms`,
    );
  }
} finally {
  await api?.close();
  await tlsApi?.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(tlsHome, { recursive: true, force: true });
}

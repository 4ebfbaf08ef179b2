/**
 * Built-in kubectl: time per command on the runbook scenario after 10 simulated minutes (four
 * webapp pods, two crash-looping, their events): `kubectl get pods`, `describe pod`,
 * `get pods -o wide`, plus `get events -A` and `-o yaml` for scale, `top pod -A` (metrics-server
 * quantities), `events -A` (Go's sort), a go-template and JSONPath over the pod list, a Secret built
 * from literals and the logs of every pod of a selector. CPU time is printed beside
 * wall time because on a shared machine the wall-time tail mostly measures other processes.
 */
import { performance } from "node:perf_hooks";
import { runKubectl } from "../src/sandbox/kubectl/index.ts";
import { createCluster, scenario } from "../src/sandbox/scenarios/index.ts";

const cluster = createCluster(scenario("runbook"), 1);
cluster.advance(10 * 60 * 1000);
const crashing = cluster.store
  .list<{
    metadata?: { name?: string };
    status?: { containerStatuses?: { restartCount: number }[] };
  }>("pods", { namespace: "default" })
  .find((p) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0);
const pod = crashing?.metadata?.name ?? "";

/** One command line; `argv` when an argument holds spaces (a template). */
async function run(line: string, argv = line.split(" ").slice(1)): Promise<number> {
  let bytes = 0;
  const status = await runKubectl(argv, {
    cluster,
    stdout: (t) => (bytes += t.length),
    stderr: (t) => (bytes += t.length),
    readFile: () => undefined,
    namespace: "default",
    columns: 120,
    isTTY: false,
    signal: AbortSignal.abort(),
  });
  if (status !== 0) throw new Error(`${line} exited ${status}`);
  return bytes;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.floor(fraction * (sorted.length - 1))] ?? Number.NaN;
}

async function measure(line: string, iterations: number, argv?: string[]): Promise<void> {
  for (let i = 0; i < 20; i++) await run(line, argv);
  const wall: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    bytes = await run(line, argv);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const shown = line.replace(pod, "POD");
  console.log(
    `kubectl: ${shown.padEnd(34)} median ${percentile(wall, 0.5).toFixed(3)} ms  p99 ${percentile(wall, 0.99).toFixed(3)} ms  (cpu median ${percentile(cpu, 0.5).toFixed(3)} ms, ${bytes} bytes)`,
  );
}

await measure("kubectl get pods", 500);
await measure(`kubectl describe pod ${pod}`, 500);
await measure("kubectl get pods -o wide", 500);
await measure("kubectl get events -A", 200);
await measure(`kubectl get pod ${pod} -o yaml`, 200);
await measure("kubectl top pod -A --containers", 200);
await measure("kubectl events -A", 200);
const template = '{{range .items}}{{.metadata.name}} {{.status.phase}}{{"\\n"}}{{end}}';
await measure("kubectl get pods -o go-template=...", 200, [
  "get",
  "pods",
  "-o",
  `go-template=${template}`,
]);
const path =
  '{range .items[*]}{.metadata.name}{"\\t"}{.status.containerStatuses[0].restartCount}{"\\n"}{end}';
await measure("kubectl get pods -o jsonpath=...", 200, ["get", "pods", "-o", `jsonpath=${path}`]);
await measure("kubectl create secret generic --dry-run", 200, [
  "create",
  "secret",
  "generic",
  "db",
  "--from-literal=user=admin",
  "--from-literal=password=s3cr3t",
  "--dry-run=client",
  "-o",
  "yaml",
]);
await measure("kubectl logs -l app=webapp --prefix", 200);

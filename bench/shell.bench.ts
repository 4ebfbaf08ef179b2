/**
 * The sandbox shell: time per command line through the whole TerminalSession (parse, alias and
 * `$?` rewriting, just-bash, the built-in kubectl, output capture) on the runbook scenario:
 * `kubectl get pods`, `kubectl describe pod`, a pipeline with grep, and a node debug round trip
 * (`kubectl debug node/N -it --image=ubuntu -- chroot /host journalctl -u containerd -n 20`).
 * Also the memory of an idle session and of one after the round trip. CPU time is printed beside
 * wall time because on a shared machine the wall-time tail mostly measures other processes.
 */
import { performance } from "node:perf_hooks";
import { TerminalSession } from "../src/sandbox/shell/terminal-session.ts";

const session = new TerminalSession({ scenario: "runbook", seed: 1, cols: 120, rows: 40 });
const pod = (
  await session.runLine("kubectl get pods | awk '/CrashLoopBackOff/ {print $1; exit}'")
).output.trim();
const node = session.cluster.faultNodes[0] ?? "node-2";

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.floor(fraction * (sorted.length - 1))] ?? Number.NaN;
}

async function measure(label: string, line: string, iterations: number): Promise<void> {
  for (let i = 0; i < 10; i++) await session.runLine(line);
  const wall: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { output, exitCode } = await session.runLine(line);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (exitCode !== 0) throw new Error(`${line} exited ${exitCode}: ${output}`);
    bytes = output.length;
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `shell: ${label.padEnd(26)} median ${percentile(wall, 0.5).toFixed(2)} ms  p99 ${percentile(wall, 0.99).toFixed(2)} ms  (cpu median ${percentile(cpu, 0.5).toFixed(2)} ms, ${bytes} bytes)`,
  );
}

await measure("kubectl get pods", "kubectl get pods", 200);
await measure("kubectl describe pod", `kubectl describe pod ${pod}`, 200);
await measure(
  "pipeline with grep",
  "kubectl get pods -o wide | grep -i 'crash\\|error' | wc -l",
  200,
);
await measure(
  "debug node round trip",
  `kubectl debug node/${node} -it --image=ubuntu -- chroot /host journalctl -u containerd -n 20`,
  50,
);

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage().heapUsed;
const idle = Array.from(
  { length: 20 },
  () => new TerminalSession({ scenario: "runbook", seed: 1, cols: 80, rows: 24 }),
);
gc?.();
const perSession = (process.memoryUsage().heapUsed - before) / idle.length;
console.log(
  `shell: idle session (with its runbook cluster) ${(perSession / 1024).toFixed(0)} KiB heap`,
);

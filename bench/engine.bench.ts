/**
 * Sandbox engine: time to build a lab's cluster (the runbook scenario and one scenario per fault,
 * 10 minutes of warm-up included) and time per simulated minute of a crash-looping cluster.
 * Target (issue 3): a lab cluster ready in well under 20 ms. CPU time is printed beside wall time
 * because on a shared machine the wall-time tail mostly measures other processes.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { ScenarioInput } from "../src/schemas/scenario.ts";
import { createCluster, scenario } from "../src/sandbox/scenarios/index.ts";

const WEB = "registry.example.com/webapp:1.4.2";

function faultScenario(faults: ScenarioInput["faults"]): ScenarioInput {
  const base = scenario("runbook");
  return { ...base, name: "bench", faults };
}

const scenarios: [string, ScenarioInput][] = [
  ["runbook", scenario("runbook")],
  ["invalid-exit-value", faultScenario([{ type: "invalid-exit-value", image: WEB }])],
  [
    "exec-failure",
    faultScenario([{ type: "exec-failure", image: WEB, mode: "permission-denied" }]),
  ],
  ["runtime-failure", faultScenario([{ type: "runtime-failure" }])],
  ["pid-limit", faultScenario([{ type: "pid-limit" }])],
  ["cgroup-failure", faultScenario([{ type: "cgroup-failure" }])],
  ["resource-pressure", faultScenario([{ type: "resource-pressure" }])],
  ["git-init-container", faultScenario([{ type: "git-init-container" }])],
  ["oom-killed", faultScenario([{ type: "oom-killed", image: WEB }])],
];

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.floor(fraction * (sorted.length - 1))] ?? Number.NaN;
}

function measure(label: string, iterations: number, run: (i: number) => void): void {
  for (let i = 0; i < 5; i++) run(i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run(i);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `engine: ${label.padEnd(40)} median ${percentile(wall, 0.5).toFixed(2)} ms  p99 ${percentile(wall, 0.99).toFixed(2)} ms  (cpu median ${percentile(cpu, 0.5).toFixed(2)} ms)`,
  );
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
for (const [name, spec] of scenarios)
  measure(`build ${name} cluster`, 60, (i) => createCluster(spec, i));

const cluster = createCluster(scenario("runbook"), 1);
measure("simulate 1 minute (runbook)", 200, () => cluster.advance(60_000));
const idle = createCluster({ ...scenario("runbook"), faults: [] }, 1);
measure("simulate 1 minute (healthy runbook)", 200, () => idle.advance(60_000));

/** A session is a small in-memory object: heap held per live runbook cluster (needs --expose-gc, as npm run bench gives). */
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = Array.from({ length: 40 }, (_, i) => createCluster(scenario("runbook"), 100 + i));
  gc();
  const perCluster = (process.memoryUsage().heapUsed - before) / held.length;
  console.log(
    `engine: heap per live runbook cluster              ${(perCluster / 1024).toFixed(0)} KB`,
  );
}

/**
 * journalctl's priority filter (journalctl.c: `-p LEVEL` is that level and more important, `-p
 * FROM..TO` a range either way round; "Unknown log level X", "Failed to parse log level range X")
 * over the priorities the node's journal really stores (systemd.exec(5) SyslogLevel=info for a
 * service's own output), and the node's `ps aux` with kernel threads as procps shows them.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import {
  journalPriority,
  kernelPriority,
  parsePriorities,
} from "../../../../src/sandbox/shell/node-tools/journal-priority.ts";
import { dmesg } from "../../../../src/sandbox/shell/node-tools/dmesg.ts";
import { journalctl } from "../../../../src/sandbox/shell/node-tools/journalctl.ts";
import { ps } from "../../../../src/sandbox/shell/node-tools/procps.ts";
import type { NodeToolContext } from "../../../../src/sandbox/shell/node-tools/tool-context.ts";

function brokenNode(): NodeToolContext {
  const cluster = createCluster(scenario("runbook"), 1);
  cluster.advance(10 * 60_000);
  const node = cluster.faultNodes[0] ?? "";
  const host = cluster.nodeHost(node);
  assert.ok(host, "the runbook has a broken node");
  return { cluster, host, privileged: true, waitForInterrupt: () => Promise.resolve() };
}

test("-p takes a name or a number and keeps that level and the more important ones", () => {
  assert.deepEqual([...(parsePriorities("err") as Set<number>)], [0, 1, 2, 3]);
  assert.deepEqual([...(parsePriorities("3") as Set<number>)], [0, 1, 2, 3]);
  assert.deepEqual([...(parsePriorities("warning..err") as Set<number>)], [3, 4]);
  assert.deepEqual([...(parsePriorities("err..warning") as Set<number>)], [3, 4]);
  assert.equal(parsePriorities("error"), "Unknown log level error");
  assert.equal(parsePriorities("8"), "Unknown log level 8");
  assert.equal(parsePriorities("err..loud"), "Failed to parse log level range err..loud");
});

test("a service's own lines are info in the journal, whatever their text says", async () => {
  const context = brokenNode();
  const errors = context.host
    .journal()
    .filter((entry) => entry.unit === "containerd.service" && /level=error/.test(entry.message));
  assert.ok(errors.length > 0, "containerd logged level=error lines on the broken node");
  assert.ok(errors.every((entry) => journalPriority(entry) === 6));
  const filtered = await journalctl(["-u", "containerd", "-p", "err", "--no-pager"], context);
  assert.deepEqual(filtered, { stdout: "-- No entries --\n", stderr: "", exitCode: 0 });
  const info = await journalctl(["-u", "containerd", "-p", "info", "--no-pager"], context);
  const all = await journalctl(["-u", "containerd", "--no-pager"], context);
  assert.equal(info.stdout, all.stdout);
  assert.deepEqual(await journalctl(["-p", "loud"], context), {
    stdout: "",
    stderr: "Unknown log level loud\n",
    exitCode: 1,
  });
});

test("systemd's own lines and the kernel's carry their logged levels", () => {
  const line = (message: string): number =>
    journalPriority({
      timeMs: 0,
      unit: "containerd.service",
      identifier: "systemd",
      pid: 1,
      message,
    });
  assert.equal(line("Failed to start containerd.service - containerd container runtime."), 3);
  assert.equal(line("containerd.service: Failed with result 'exit-code'."), 4);
  assert.equal(line("containerd.service: Main process exited, code=exited, status=1/FAILURE"), 5);
  assert.equal(line("Started containerd.service - containerd container runtime."), 6);
  assert.equal(
    kernelPriority(
      "Memory cgroup out of memory: Killed process 4242 (java) total-vm:1400kB, anon-rss:1024kB",
    ),
    3,
  );
  assert.equal(kernelPriority("Out of memory: Killed process 17 (runc:[2:INIT])"), 3);
  assert.equal(kernelPriority("java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0"), 4);
  assert.equal(kernelPriority("cgroup: fork rejected by pids controller in /kubepods.slice"), 6);
});

test("ps aux: kernel threads have no memory and sleep (S, I<), daemons their own sizes", () => {
  const { stdout } = ps(["aux"], brokenNode());
  const [header, ...lines] = stdout.trimEnd().split("\n");
  assert.equal(
    header,
    "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND",
  );
  const byCommand = new Map(
    lines.map((line) => {
      const cells = line.split(/ +/);
      return [cells.slice(10).join(" "), cells] as const;
    }),
  );
  const kthreadd = byCommand.get("[kthreadd]");
  assert.deepEqual(kthreadd?.slice(1, 8), ["2", "0.0", "0.0", "0", "0", "?", "S"]);
  assert.equal(byCommand.get("[rcu_gp]")?.[7], "I<");
  const containerd = byCommand.get("/usr/bin/containerd");
  assert.ok(containerd);
  assert.equal(containerd[7], "Ssl");
  assert.ok(Number(containerd[4]) > 1_000_000, "a Go daemon's virtual size is in GiB");
  const init = byCommand.get("/sbin/init");
  assert.ok(init);
  assert.equal(init[1], "1");
  assert.equal(init[7], "Ss");
});

test("dmesg -l/--level keeps the listed printk levels; LEVEL+ adds the more important ones", () => {
  const context = brokenNode();
  const notice = dmesg(["-l", "notice"], context).stdout.split("\n").slice(0, -1);
  assert.equal(notice.length, 1);
  assert.match(notice[0] ?? "", /^\[ +\d+\.\d{6}\] Linux version /);
  const all = dmesg([], context).stdout.split("\n").slice(0, -1);
  const upToInfo = dmesg(["--level=info+"], context).stdout.split("\n").slice(0, -1);
  assert.deepEqual(upToInfo, all);
  assert.ok(dmesg(["-l", "err,warn"], context).stdout.split("\n").length < all.length);
  assert.deepEqual(dmesg(["-l", "loud"], context), {
    stdout: "",
    stderr: "dmesg: unknown level 'loud'\n",
    exitCode: 1,
  });
});

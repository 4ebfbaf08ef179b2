import assert from "node:assert/strict";
import { test } from "node:test";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import type { Cluster } from "../../../../src/sandbox/scenarios/index.ts";
import type { AttachSpec } from "../../../../src/sandbox/kubectl/index.ts";
import {
  containerShell,
  runContainerCommand,
} from "../../../../src/sandbox/shell/container-shell.ts";
import { session, typeInto } from "./helpers.ts";

/** The runbook's broken worker, as `kubectl get pod -o jsonpath='{.spec.nodeName}'` would name it. */
function runbook(): { cluster: Cluster; node: string } {
  const cluster = createCluster(scenario("runbook"), 1);
  const node = cluster.faultNodes[0];
  if (node === undefined) throw new Error("the runbook scenario has a faulty node");
  return { cluster, node };
}

/** What `kubectl debug node/NODE -it --image=ubuntu [--profile=P] -- CMD...` prints. */
async function debugNode(
  cluster: Cluster,
  node: string,
  command: string[],
  profile = "legacy",
): Promise<{ output: string; exitCode: number }> {
  const spec: AttachSpec = {
    kind: "node-debug",
    namespace: "default",
    pod: `node-debugger-${node}-abcde`,
    container: "debugger",
    node,
    image: "ubuntu",
    profile,
    interactive: true,
  };
  const shell = containerShell(spec, {
    cluster,
    clock: { now: () => cluster.clock.now(), advance: (ms) => cluster.advance(ms) },
    random: () => 0.5,
    openShell: () => Promise.resolve(0),
    waitForInterrupt: () => Promise.resolve(),
  });
  assert.ok(shell, "a shell for the debug pod");
  return await runContainerCommand(shell, command, new AbortController().signal, () => undefined);
}

const ESC = "\u001b";
const COACH = new RegExp(`^${ESC}\\[2m\\[coach\\] .*chroot /host journalctl.*${ESC}\\[22m$`, "m");

test("the guide's journalctl line fails in the ubuntu image as on a real cluster, with one coach line", async () => {
  const { cluster, node } = runbook();
  const { output, exitCode } = await debugNode(cluster, node, [
    "bash",
    "-c",
    "journalctl -u containerd --since '30 minutes ago' | grep -i 'error\\|exit\\|kill'",
  ]);
  assert.equal(exitCode, 1, "grep found nothing");
  const lines = output.trimEnd().split("\n");
  assert.equal(lines[0], "bash: line 1: journalctl: command not found");
  assert.match(output, COACH);
  assert.equal(lines.length, 2, "exactly one coach line");
});

test("chroot /host journalctl reads the node's journal in journalctl's short format", async () => {
  const { cluster, node } = runbook();
  const { output, exitCode } = await debugNode(cluster, node, [
    "bash",
    "-c",
    "chroot /host journalctl -u containerd --since '30 minutes ago' --no-pager | grep -i 'error\\|exit\\|kill'",
  ]);
  assert.equal(exitCode, 0);
  const lines = output.trimEnd().split("\n");
  assert.ok(lines.length > 0);
  for (const line of lines) {
    assert.match(
      line,
      new RegExp(
        `^[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2} ${node} containerd\\[\\d+\\]: time="[^"]+Z" level=\\w+ msg=`,
      ),
    );
  }
  assert.ok(lines.some((line) => line.includes("level=error")));
});

test("journalctl says -- No entries -- when nothing matches, and honours -n", async () => {
  const { cluster, node } = runbook();
  assert.deepEqual(
    await debugNode(cluster, node, ["chroot", "/host", "journalctl", "-u", "nonexistent"]),
    {
      output: "-- No entries --\n",
      exitCode: 0,
    },
  );
  const { output } = await debugNode(cluster, node, [
    "chroot",
    "/host",
    "journalctl",
    "-u",
    "kubelet",
    "-n",
    "3",
    "--no-pager",
  ]);
  assert.equal(output.trimEnd().split("\n").length, 3);
  assert.match(
    output,
    new RegExp(
      `${node} kubelet\\[\\d+\\]: [IWE]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} +\\d+ [\\w.]+:\\d+\\] `,
    ),
  );
});

test("dmesg needs a privileged debug pod where the kernel restricts its log", async () => {
  const { cluster, node } = runbook();
  assert.deepEqual(await debugNode(cluster, node, ["dmesg"]), {
    output: "dmesg: read kernel buffer failed: Operation not permitted\n",
    exitCode: 1,
  });
  const plain = await debugNode(cluster, node, ["bash", "-c", "dmesg | head -1"], "sysadmin");
  assert.match(plain.output, /^\[ {4}0\.\d{6}\] Linux version /);
  const wall = await debugNode(cluster, node, ["chroot", "/host", "dmesg", "-T"], "sysadmin");
  assert.match(
    wall.output,
    /^\[(Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}\] Linux version /,
  );
});

test("systemctl status, is-active and restart act on the node's real units", async () => {
  const { cluster, node } = runbook();
  const status = await debugNode(cluster, node, [
    "chroot",
    "/host",
    "systemctl",
    "status",
    "containerd",
  ]);
  assert.match(
    status.output,
    /^● containerd\.service - containerd container runtime\n {5}Loaded: loaded \(/,
  );
  assert.match(
    status.output,
    /\n {5}Active: active \(running\) since \w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC; /,
  );
  assert.deepEqual(
    await debugNode(cluster, node, ["chroot", "/host", "systemctl", "is-active", "containerd"]),
    {
      output: "active\n",
      exitCode: 0,
    },
  );
  const before = cluster.nodeHost(node)?.unit("containerd")?.mainPid;
  assert.deepEqual(
    await debugNode(cluster, node, ["chroot", "/host", "systemctl", "restart", "containerd"]),
    {
      output: "",
      exitCode: 0,
    },
  );
  assert.notEqual(cluster.nodeHost(node)?.unit("containerd")?.mainPid, before);
  assert.deepEqual(
    await debugNode(cluster, node, ["chroot", "/host", "systemctl", "status", "nope"]),
    {
      output: "Unit nope.service could not be found.\n",
      exitCode: 4,
    },
  );
});

test("the ubuntu image lacks systemctl too; the guide's restart line fails there", async () => {
  const { cluster, node } = runbook();
  const { output, exitCode } = await debugNode(cluster, node, [
    "bash",
    "-c",
    "systemctl restart containerd",
  ]);
  assert.equal(exitCode, 127);
  assert.match(
    output,
    new RegExp(
      `^bash: line 1: systemctl: command not found\n${ESC}\\[2m\\[coach\\] .*chroot /host systemctl`,
    ),
  );
});

test("crictl lists containers in its tabwriter table once the runtime answers", async () => {
  const { cluster, node } = runbook();
  const host = cluster.nodeHost(node);
  const wedged = host?.criResponding() === false;
  const first = await debugNode(cluster, node, ["chroot", "/host", "crictl", "ps", "-a"]);
  if (wedged) {
    assert.equal(first.exitCode, 1);
    assert.match(
      first.output,
      /level=fatal msg="listing containers: rpc error: code = DeadlineExceeded desc = context deadline exceeded"/,
    );
    await debugNode(cluster, node, ["chroot", "/host", "systemctl", "restart", "containerd"]);
  }
  const { output, exitCode } = await debugNode(cluster, node, [
    "chroot",
    "/host",
    "crictl",
    "ps",
    "-a",
  ]);
  assert.equal(exitCode, 0);
  const [header] = output.split("\n");
  // crictl v1.32's columns, tabwriter minwidth 20 and padding 3 (cri-tools cmd/crictl/display.go).
  assert.match(
    header ?? "",
    /^CONTAINER {11}IMAGE {15}CREATED {13}STATE {15}NAME {16}ATTEMPT {13}POD ID {14}POD {17,}NAMESPACE$/,
  );
});

test("the node's root filesystem is at /host, and the node's tools only through chroot", async () => {
  const { cluster, node } = runbook();
  const { output } = await debugNode(cluster, node, [
    "bash",
    "-c",
    "ls /host | head -3; cat /host/etc/hostname",
  ]);
  assert.equal(output, `bin\nboot\ndev\n${node}\n`);
  const free = await debugNode(cluster, node, ["chroot", "/host", "free", "-m"]);
  assert.match(
    free.output,
    /^ {15}total {8}used {8}free {6}shared {2}buff\/cache {3}available\nMem: +\d+ +\d+/,
  );
  assert.deepEqual(await debugNode(cluster, node, ["chroot", "/nowhere"]), {
    output: "chroot: cannot change root directory to '/nowhere': No such file or directory\n",
    exitCode: 125,
  });
});

test("kubectl debug node -it opens root@NODE, chroot /host nests the node's shell, exit returns", async () => {
  const terminal = session();
  const node = terminal.cluster.faultNodes[0] ?? "";
  const records: { line: string; host: string }[] = [];
  terminal.onCommand(({ line, host }) => records.push({ line, host }));
  const screen = await typeInto(
    terminal,
    `kubectl debug node/${node} -it --image=ubuntu\r`,
    "journalctl -u containerd -n 1\r",
    "chroot /host\r",
    "systemctl is-active containerd\r",
    "exit\r",
    "exit\r",
    "hostname\r",
  );
  // Each record says where its line ran; a line that opened a shell is recorded when it ends.
  assert.deepEqual(records, [
    { line: "journalctl -u containerd -n 1", host: `debug-pod:${node}` },
    { line: "systemctl is-active containerd", host: `node:${node}` },
    { line: "chroot /host", host: `debug-pod:${node}` },
    { line: `kubectl debug node/${node} -it --image=ubuntu`, host: "workstation" },
    { line: "hostname", host: "workstation" },
  ]);
  const lines = screen.split("\r\n");
  assert.ok(
    lines.includes(
      `Creating debugging pod ${lines.find((l) => l.startsWith("Creating"))?.split(" ")[3] ?? ""} with container debugger on node ${node}.`,
    ),
  );
  assert.ok(lines.includes(`root@${node}:/# journalctl -u containerd -n 1`), screen);
  assert.ok(lines.includes("bash: journalctl: command not found"));
  assert.ok(lines.includes(`root@${node}:/# systemctl is-active containerd`));
  assert.ok(lines.includes("active"));
  assert.equal(lines.filter((line) => line === "exit").length, 2);
  assert.ok(lines.includes("workstation"));
  assert.ok(screen.endsWith("\x1b[01;32mlearner@workstation\x1b[00m:\x1b[01;34m~\x1b[00m$ "));
});

test("stat -f tells cgroup v2 on the node, in the debug pod and through chroot, as GNU stat does", async () => {
  const { cluster, node } = runbook();
  // GNU stat -f names ext4 "ext2/ext3" (magic ef53) and the v2 hierarchy "cgroup2fs"; a debug
  // pod's root is the image's overlay, and /host is the node's root bound recursively.
  const { output, exitCode } = await debugNode(cluster, node, [
    "bash",
    "-c",
    "stat -fc %T /host/sys/fs/cgroup /sys/fs/cgroup / /host /host/proc; chroot /host stat -fc %T /sys/fs/cgroup; stat -f -c '%n %t' /host",
  ]);
  assert.equal(exitCode, 0);
  assert.equal(output, "cgroup2fs\ncgroup2fs\noverlayfs\next2/ext3\nproc\ncgroup2fs\n/host ef53\n");
  const missing = await debugNode(cluster, node, ["stat", "-fc", "%T", "/nope"]);
  assert.equal(missing.exitCode, 1);
  assert.equal(
    missing.output,
    "stat: cannot read file system information for '/nope': No such file or directory\n",
  );
});

test("the node's /proc/mounts and kubelet config answer the lessons' greps", async () => {
  const { cluster, node } = runbook();
  const mounts = await debugNode(cluster, node, ["bash", "-c", "grep cgroup /host/proc/mounts"]);
  assert.equal(
    mounts.output,
    "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0\n",
    "only the unified hierarchy: no cgroup v1 controller mounts",
  );
  const root = await debugNode(cluster, node, ["bash", "-c", "grep ' / ' /host/proc/mounts"]);
  assert.match(root.output, /^\/dev\/root \/ ext4 rw,/);
  const driver = await debugNode(cluster, node, [
    "bash",
    "-c",
    "grep -i cgroupDriver /host/var/lib/kubelet/config.yaml; grep -A4 evictionHard /host/var/lib/kubelet/config.yaml",
  ]);
  // The kubelet's default hard eviction thresholds (kubelet configuration reference).
  assert.equal(
    driver.output,
    "cgroupDriver: systemd\nevictionHard:\n  imagefs.available: 15%\n  memory.available: 100Mi\n  nodefs.available: 10%\n  nodefs.inodesFree: 5%\n",
  );
  const pods = await debugNode(cluster, node, [
    "bash",
    "-c",
    "grep -c podPidsLimit /host/var/lib/kubelet/config.yaml; grep -i staticpod /host/var/lib/kubelet/config.yaml",
  ]);
  assert.equal(
    pods.output,
    "0\nstaticPodPath: /etc/kubernetes/manifests\n",
    "kubeadm sets no podPidsLimit",
  );
});

test("a node that sets podPidsLimit shows it in the kubelet config", async () => {
  const spec = scenario("runbook");
  const cluster = createCluster(
    { ...spec, nodes: spec.nodes.map((n) => ({ ...n, podPidsLimit: 1024 })) },
    1,
  );
  const node = cluster.faultNodes[0] ?? "";
  const { output } = await debugNode(cluster, node, [
    "bash",
    "-c",
    "grep -i pidslimit /host/var/lib/kubelet/config.yaml",
  ]);
  assert.equal(output, "podPidsLimit: 1024\n");
});

test("df with FILE operands prints the filesystem holding each, where this shell mounts it", async () => {
  const { cluster, node } = runbook();
  // GNU df: one line per operand (repeated when two share a filesystem), under the header; the
  // debug pod sees the node's root at /host (the lesson's df -h /host /host/var/lib/containerd).
  const pod = await debugNode(cluster, node, [
    "df",
    "-h",
    "/host",
    "/host/var/lib/containerd",
    "/",
  ]);
  const mountedOn = pod.output
    .trimEnd()
    .split("\n")
    .map((line) => line.split(/\s+/));
  assert.deepEqual(
    mountedOn.map((cells) => [cells[0], cells.at(-1)]),
    [
      ["Filesystem", "on"],
      ["/dev/root", "/host"],
      ["/dev/root", "/host"],
      ["overlay", "/"],
    ],
  );
  const onNode = await debugNode(cluster, node, [
    "chroot",
    "/host",
    "df",
    "/var/lib/containerd",
    "/run/containerd",
  ]);
  assert.deepEqual(
    onNode.output
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((line) => line.split(/\s+/).at(-1)),
    ["/", "/run"],
  );
});

/**
 * crictl's filters and image list as cri-tools v1.32 implements them (cmd/crictl/container.go
 * ListContainers/getContainersList, image.go listImageCommand): `--name` and `--namespace` are
 * unanchored regular expressions on the container's and its pod's namespace names, `--state` is
 * matched in any case and replaces the running-only default, the list is newest first, `-q`
 * prints full IDs, and `images` prints IMAGE TAG IMAGE ID SIZE.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { crictl } from "../../../../src/sandbox/shell/node-tools/crictl.ts";
import type { NodeToolContext } from "../../../../src/sandbox/shell/node-tools/tool-context.ts";

/** The runbook's broken node after ten minutes of crash-looping webapp containers. */
function brokenNode(): NodeToolContext {
  const cluster = createCluster(scenario("runbook"), 1);
  cluster.advance(10 * 60_000);
  const node = cluster.faultNodes[0] ?? "";
  const host = cluster.nodeHost(node);
  assert.ok(host, "the runbook has a broken node");
  return { cluster, host, privileged: false, waitForInterrupt: () => Promise.resolve() };
}

/** The NAME (5th) and STATE (4th) columns of a crictl ps table, without the header. */
function rows(stdout: string): { state: string; name: string }[] {
  return stdout
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => {
      const cells = line.split(/ {2,}/);
      return { state: cells[3] ?? "", name: cells[4] ?? "" };
    });
}

test("ps --name is a regular expression on the container name", () => {
  const context = brokenNode();
  const all = rows(crictl(["ps", "-a"], context).stdout);
  assert.ok(all.some((row) => row.name === "kube-proxy"));
  const webapp = rows(crictl(["ps", "-a", "--name", "webapp"], context).stdout);
  assert.ok(webapp.length > 0);
  assert.ok(webapp.every((row) => row.name === "webapp"));
  assert.equal(webapp.length, all.filter((row) => row.name === "webapp").length);
  assert.deepEqual(
    rows(crictl(["ps", "-a", "--name=^kube-"], context).stdout).map((row) => row.name),
    ["kube-proxy"],
  );
  assert.deepEqual(rows(crictl(["ps", "-a", "--name", "^proxy"], context).stdout), []);
});

test("ps --state filters in any case and includes what -a alone would show", () => {
  const context = brokenNode();
  const exited = rows(crictl(["ps", "--state", "exited"], context).stdout);
  assert.ok(exited.length > 1);
  assert.ok(exited.every((row) => row.state === "Exited"));
  assert.deepEqual(rows(crictl(["ps", "-s", "EXITED"], context).stdout), exited);
  const running = rows(crictl(["ps", "--state=Running"], context).stdout);
  assert.deepEqual(running, rows(crictl(["ps"], context).stdout));
  const bad = crictl(["ps", "--state", "stopped"], context);
  assert.equal(bad.exitCode, 1);
  // Go's log.Fatalf: the standard logger's "YYYY/MM/DD HH:MM:SS " prefix.
  assert.match(
    bad.stderr,
    /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} --state should be one of created, running, exited or unknown\n$/,
  );
});

test("ps lists newest first; -q prints full IDs; -l and -n N the newest", () => {
  const context = brokenNode();
  const newestFirst = [...context.host.criContainers()].sort(
    (a, b) => b.createdMs - a.createdMs || b.id.localeCompare(a.id),
  );
  const quiet = crictl(["ps", "-aq"], context).stdout.trimEnd().split("\n");
  assert.equal(quiet.length, newestFirst.length);
  assert.ok(quiet.every((id) => /^[0-9a-f]{64}$/.test(id)));
  assert.equal(quiet[0], newestFirst[0]?.id);
  assert.deepEqual(
    crictl(["ps", "-q", "--name", "webapp", "--state", "exited", "-n", "2"], context)
      .stdout.trimEnd()
      .split("\n"),
    newestFirst
      .filter((c) => c.name === "webapp")
      .slice(0, 2)
      .map((c) => c.id),
  );
  assert.equal(crictl(["ps", "-l", "-q"], context).stdout, `${newestFirst[0]?.id ?? ""}\n`);
});

test("images: IMAGE TAG IMAGE ID SIZE, containerd's references, the pause image", () => {
  const context = brokenNode();
  const { stdout, exitCode } = crictl(["images"], context);
  assert.equal(exitCode, 0);
  const [header, ...lines] = stdout.trimEnd().split("\n");
  // Go tabwriter, min width 20, padding 3.
  assert.equal(header, `${"IMAGE".padEnd(30)}${"TAG".padEnd(20)}${"IMAGE ID".padEnd(20)}SIZE`);
  const images = lines.map((line) => line.split(/ +/));
  assert.ok(images.some(([image, tag]) => image === "registry.k8s.io/pause" && tag === "3.10"));
  assert.ok(images.some(([image]) => image === "registry.example.com/webapp"));
  for (const [, , id, size] of images) {
    assert.match(id ?? "", /^[0-9a-f]{13}$/);
    // units.HumanSizeWithPrecision(size, 3): decimal units, three significant digits.
    assert.match(size ?? "", /^\d+(?:\.\d+)?(?:B|kB|MB|GB)$/);
  }
  // The IMAGE column of crictl ps is the same truncated image ID.
  const webappId = images.find(([image]) => image === "registry.example.com/webapp")?.[2];
  assert.match(
    crictl(["ps", "-a", "--name", "webapp"], context).stdout,
    new RegExp(`  ${webappId ?? "x"}  `),
  );
  assert.equal(
    crictl(["images"], context).stdout,
    crictl(["img"], context).stdout,
    "crictl's images has the aliases image and img",
  );
});

test("logs: --tail N in either form (its value is no container ID), -t timestamps", () => {
  const { cluster } = brokenNode();
  const node = cluster.nodeNames().find((name) =>
    cluster
      .nodeHost(name)
      ?.criContainers()
      .some((c) => c.name === "webapp" && c.state === "CONTAINER_RUNNING"),
  );
  const host = cluster.nodeHost(node ?? "");
  assert.ok(host, "a healthy node runs webapp");
  const context = { cluster, host, privileged: false, waitForInterrupt: () => Promise.resolve() };
  const id = crictl(["ps", "-q", "--name", "webapp"], context).stdout.split("\n")[0] ?? "";
  const all = crictl(["logs", id.slice(0, 8)], context)
    .stdout.split("\n")
    .slice(0, -1);
  assert.ok(all.length >= 2);
  const lastTwo = `${all.slice(-2).join("\n")}\n`;
  assert.equal(crictl(["logs", "--tail", "2", id.slice(0, 8)], context).stdout, lastTwo);
  assert.equal(crictl(["logs", "--tail=2", id], context).stdout, lastTwo);
  assert.match(
    crictl(["logs", "-t", "--tail=1", id], context).stdout,
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z \S/,
  );
});

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { lessonCommands, root } from "./lesson-files.ts";

const guide = readFileSync(
  resolve(root, "..", "shared", "seed", "exit-code-128-guide.txt"),
  "utf8",
);

/** The shell commands of the guide's troubleshooting steps (its Python and Go snippets are not commands). */
function guideCommands(): string[] {
  const steps = guide.slice(
    guide.indexOf("Step-by-Step Troubleshooting"),
    guide.indexOf("How to Explain"),
  );
  return steps
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^(?:kubectl |docker |echo |NODE=)/.test(line));
}

/** Placeholders aside: <pod-name>, <same-image>, $NODE and the like all stand for "some value". */
function normalise(command: string): string {
  return command
    .replace(/<[a-z-]+>|\$NODE\b/g, "<>")
    .replace(/\s+/g, " ")
    .trim();
}

test("the guide's troubleshooting steps hold the commands this test expects to find", () => {
  const commands = guideCommands();
  assert.equal(commands.length, 25);
  assert.ok(commands.includes("kubectl get pods -w"));
  assert.ok(commands.some((command) => command.startsWith("NODE=$(kubectl get pod")));
});

test("every command of the guide appears in the troubleshooting procedure lesson", () => {
  const lesson = new Set(lessonCommands("troubleshooting-procedure").map(normalise));
  const missing = guideCommands().filter((command) => !lesson.has(normalise(command)));
  assert.deepEqual(missing, []);
});

test("node commands in the procedure use chroot /host or a privileged profile where the guide's form fails", () => {
  const commands = lessonCommands("troubleshooting-procedure");
  const working = commands.filter(
    (command) => command.includes("debug node/<node-name>") && command.includes("--profile="),
  );
  assert.ok(working.some((command) => command.includes("chroot /host journalctl -u containerd")));
  assert.ok(working.some((command) => command.includes("chroot /host journalctl -u kubelet")));
  assert.ok(
    working.some((command) => command.includes("--profile=sysadmin") && command.includes("dmesg")),
  );
  assert.ok(
    working.some((command) => command.includes("chroot /host systemctl restart containerd")),
  );
  assert.ok(
    working.some((command) => command.includes("chroot /host systemctl is-active containerd")),
  );
  assert.ok(
    commands.some(
      (command) => command.startsWith("kubectl run test-pod") && command.includes('"nodeName"'),
    ),
  );
});

test("step 10 keeps the order drain, restart, verify, uncordon", () => {
  const commands = lessonCommands("troubleshooting-procedure");
  // The last occurrence of each: the guide's failing form comes first, the working order after it.
  const at = (needle: string): number =>
    commands.findLastIndex((command) => command.includes(needle));
  const drain = at("kubectl drain");
  const restart = at("chroot /host systemctl restart containerd");
  const verify = at("chroot /host crictl info");
  const uncordon = at("kubectl uncordon");
  assert.ok(
    drain < restart && restart < verify && verify < uncordon,
    `${drain} ${restart} ${verify} ${uncordon}`,
  );
});

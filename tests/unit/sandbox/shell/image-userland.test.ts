/**
 * A container's shell is its image's: BusyBox ash in busybox and alpine images (prompt from PS1
 * `\w \$ `, `sh: X: not found`, nothing printed on `exit`, a newline at Ctrl-D, ash.c), Ubuntu's
 * bash in ubuntu (`root@HOST:/# `, `exit`). Expected strings are BusyBox 1.36 ash's and alpine
 * 3.20's own.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { imageUserland } from "../../../../src/sandbox/shell/userland.ts";
import { imageSpecSchema } from "../../../../src/schemas/scenario.ts";
import { session, typeInto } from "./helpers.ts";

/** The runbook's node-3 fails every new container; cordoned, a new pod lands on a healthy node. */
async function screen(...keys: string[]): Promise<string[]> {
  const terminal = session();
  const output = await typeInto(terminal, "kubectl cordon node-3\r", ...keys);
  // eslint-disable-next-line no-control-regex
  return output.replace(/\x1b\[[0-9;]*m/g, "").split("\r\n");
}

test("kubectl run -it --image=busybox -- sh: ash's prompt, its not-found wording, and a silent exit", async () => {
  const lines = await screen(
    "kubectl run bb -it --rm --restart=Never --image=busybox -- sh\r",
    "cd ~\r",
    "bash\r",
    "echo $?\r",
    "cd /tmp\r",
    "exit 0\r",
  );
  const start = lines.indexOf("If you don't see a command prompt, try pressing enter.");
  assert.ok(start > 0, lines.join("\n"));
  assert.deepEqual(lines.slice(start + 1, start + 8), [
    "/ # cd ~",
    "~ # bash",
    "sh: bash: not found",
    "~ # echo $?",
    "127",
    "~ # cd /tmp",
    "/tmp # exit 0",
  ]);
  // ash prints nothing of its own as it leaves: kubectl's line follows at once.
  assert.equal(lines[start + 8], 'pod "bb" deleted');
});

test("Ctrl-D in ash ends the line and leaves; bash still says exit", async () => {
  const lines = await screen(
    "kubectl run bb -it --rm --restart=Never --image=busybox\r",
    "\u0004",
    "kubectl debug node/node-2 -it --image=ubuntu --profile=general\r",
    "\u0004",
  );
  const ash = lines.indexOf("/ # ");
  assert.ok(ash > 0, lines.join("\n"));
  assert.equal(lines[ash + 1], 'pod "bb" deleted');
  const bash = lines.indexOf("root@node-2:/# exit");
  assert.ok(bash > ash, lines.join("\n"));
});

test("sh -c in busybox names ash, without a line number; busybox has no /etc/os-release", async () => {
  const lines = await screen(
    "kubectl run bb -it --rm --restart=Never --image=busybox -- sh -c 'foo; echo $?; cat /etc/os-release'\r",
  );
  assert.ok(lines.includes("sh: foo: not found"), lines.join("\n"));
  assert.ok(lines.includes("127"), lines.join("\n"));
  assert.ok(!lines.some((line) => line.includes("command not found")), lines.join("\n"));
  assert.ok(
    lines.includes("cat: can't open '/etc/os-release': No such file or directory"),
    lines.join("\n"),
  );
});

test("an alpine image: ash started as /bin/sh says so, and /etc/os-release is Alpine's", async () => {
  const lines = await screen(
    "kubectl run al -it --rm --restart=Never --image=alpine/git --command -- /bin/sh\r",
    "nope\r",
    "grep PRETTY_NAME /etc/os-release\r",
    "exit\r",
  );
  const start = lines.indexOf("/ # nope");
  assert.ok(start > 0, lines.join("\n"));
  assert.deepEqual(lines.slice(start + 1, start + 4), [
    "/bin/sh: nope: not found",
    "/ # grep PRETTY_NAME /etc/os-release",
    'PRETTY_NAME="Alpine Linux v3.20"',
  ]);
});

test("the userland comes from the catalogue, else from the image's name", () => {
  assert.equal(imageUserland("busybox:1.36", undefined), "busybox");
  assert.equal(imageUserland("docker.io/library/busybox@sha256:abc", undefined), "busybox");
  assert.equal(imageUserland("alpine:3.20", undefined), "alpine");
  assert.equal(imageUserland("alpine/helm:3.16.2", undefined), "alpine");
  assert.equal(imageUserland("ubuntu:24.04", undefined), "ubuntu");
  assert.equal(imageUserland("registry.example.com:5000/webapp:1.4.2", undefined), "ubuntu");
  const declared = imageSpecSchema.parse({
    name: "registry.example.com/tools:1",
    userland: "busybox",
  });
  assert.equal(imageUserland(declared.name, declared), "busybox");
});

/** The lines a busybox shell printed after `kubectl run -it`, from its first prompt on. */
async function busyboxLines(...commands: string[]): Promise<string[]> {
  const lines = await screen(
    "kubectl run bb -it --rm --restart=Never --image=busybox -- sh\r",
    ...commands.map((command) => `${command}\r`),
    "exit\r",
  );
  return lines.slice(lines.indexOf("If you don't see a command prompt, try pressing enter.") + 1);
}

test("BusyBox ps: PID USER TIME COMMAND, the attached sh as PID 1, each ps a newer PID", async () => {
  const lines = await busyboxLines("ps", "ps aux");
  // BusyBox's own header (procps/ps.c with FEATURE_PS_TIME): "%5u %-8.8s %5s %s" rows.
  assert.deepEqual(lines.slice(0, 8), [
    "/ # ps",
    "PID   USER     TIME  COMMAND",
    "    1 root      0:00 sh",
    "    7 root      0:00 ps",
    "/ # ps aux",
    "PID   USER     TIME  COMMAND",
    "    1 root      0:00 sh",
    "    8 root      0:00 ps",
  ]);
});

test("BusyBox free, uptime, df, mount and top -bn1 read the node's kernel figures", async () => {
  const lines = await busyboxLines(
    "free",
    "free -m | tail -1",
    "uptime",
    "df -h /",
    "mount | head -1 | cut -d' ' -f1-5",
    "top -bn1 | sed -n '4,6p'",
    "grep MemTotal /proc/meminfo",
  );
  const at = (command: string): number => lines.indexOf(`/ # ${command}`);
  assert.equal(
    lines[at("free") + 1],
    "              total        used        free      shared  buff/cache   available",
  );
  assert.match(lines[at("free") + 2] ?? "", /^Mem: {3}( +\d+){6}$/);
  assert.equal(lines[at("free -m | tail -1") + 1], "Swap:             0           0           0");
  assert.match(
    lines[at("uptime") + 1] ?? "",
    /^ \d\d:\d\d:\d\d up (\d+ days?, )?(\d+ min|[ \d]\d:\d\d), {2}0 users, {2}load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$/,
  );
  assert.equal(
    lines[at("df -h /") + 1],
    "Filesystem                Size      Used Available Use% Mounted on",
  );
  // "%-20s %9s %9s %9s %3u%% %s" (coreutils/df.c), sizes as make_human_readable_str gives them.
  assert.match(lines[at("df -h /") + 2] ?? "", /^overlay {13}( {2}[ \d]{5}\.\dG){3} +\d+% \/$/);
  assert.equal(lines[at("mount | head -1 | cut -d' ' -f1-5") + 1], "overlay on / type overlay");
  const top = at("top -bn1 | sed -n '4,6p'");
  assert.equal(lines[top + 1], "  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND");
  assert.match(
    lines[top + 2] ?? "",
    /^ {3}( \d|\d\d) {5}1 root {5}R {5}1328 {3}0% {3}0 {3}0% top -bn1$/,
  );
  assert.equal(lines[top + 3], "    1     0 root     S     1332   0%   0   0% sh");
  const total = /MemTotal:\s+(\d+) kB/.exec(lines[at("grep MemTotal /proc/meminfo") + 1] ?? "");
  assert.ok(total, lines.join("\n"));
  assert.match(lines[at("free") + 2] ?? "", new RegExp(`^Mem: +${total[1]} `));
});

test("ash's cd error (ash.c cdcmd): can't cd to DIR", async () => {
  const lines = await busyboxLines("cd /nope", "cd /proc/uptime");
  assert.deepEqual(lines.slice(0, 4), [
    "/ # cd /nope",
    "sh: cd: can't cd to /nope: No such file or directory",
    "/ # cd /proc/uptime",
    "sh: cd: can't cd to /proc/uptime: Not a directory",
  ]);
});

test("ubuntu's sh is dash: its prompt, numbered messages, no [[ or arrays, an echo without -e", async () => {
  const lines = await screen(
    "kubectl run ub -it --rm --restart=Never --image=ubuntu -- sh\r",
    "foo\r",
    'echo -e "a\\tb"\r',
    "[[ -f /x ]] && echo y; echo $?\r",
    "a=(1 2)\r",
    "cd /nope\r",
    "if true; then\r",
    "a | | b\r",
    "exit\r",
  );
  const start = lines.indexOf("# foo");
  assert.ok(start > 0, lines.join("\n"));
  // What dash 0.5 prints for each line typed at its prompt (the line number counts lines read).
  assert.deepEqual(lines.slice(start, start + 15), [
    "# foo",
    "sh: 1: foo: not found",
    '# echo -e "a\\tb"',
    "-e a\tb",
    "# [[ -f /x ]] && echo y; echo $?",
    "sh: 3: [[: not found",
    "127",
    "# a=(1 2)",
    'sh: 4: Syntax error: "(" unexpected',
    "# cd /nope",
    "sh: 5: cd: can't cd to /nope",
    "# if true; then",
    'sh: 6: Syntax error: end of file unexpected (expecting "fi")',
    "# a | | b",
    'sh: 7: Syntax error: "|" unexpected',
  ]);
});

test("sh -c in ubuntu answers as dash -c, bash -c as bash", async () => {
  const lines = await screen(
    "kubectl run ub -it --rm --restart=Never --image=ubuntu -- sh -c 'foo; echo -e hi'\r",
    "kubectl run ub2 -it --rm --restart=Never --image=ubuntu -- bash -c 'foo; echo -e hi'\r",
    "docker run --rm ubuntu /bin/sh nope; echo $?\r",
  );
  for (const expected of [
    "sh: 1: foo: not found",
    "-e hi",
    "bash: line 1: foo: command not found",
    "hi",
    "/bin/sh: 0: cannot open nope: No such file",
    "2",
  ]) {
    assert.ok(lines.includes(expected), `${expected}\n${lines.join("\n")}`);
  }
});

/**
 * vi, vim and nano on the workstation hand the file to the browser's editor pane (team.md
 * interface 2) and write back what is saved; a terminal without the pane says what to do instead;
 * the ubuntu debug image has no editor at all, like the real image.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { EditRequest } from "../../../../src/sandbox/kubectl/index.ts";
import { session, typeInto } from "./helpers.ts";

test("vi FILE opens the file in the editor pane and saving writes it back", async () => {
  const requests: EditRequest[] = [];
  const terminal = session({
    openEditor: (request) => {
      requests.push(request);
      return Promise.resolve(request.content.replace("replicas: 1", "replicas: 3"));
    },
  });
  await terminal.runLine("mkdir -p manifests && printf 'replicas: 1\\n' > manifests/web.yaml");
  assert.deepEqual(await terminal.runLine("cd manifests && vi web.yaml"), {
    output: "",
    exitCode: 0,
  });
  assert.deepEqual(requests, [
    { fileName: "/home/learner/manifests/web.yaml", content: "replicas: 1\n" },
  ]);
  assert.equal((await terminal.runLine("cat web.yaml")).output, "replicas: 3\n");
});

test("vim and nano create a new file with what is saved; cancelling leaves nothing behind", async () => {
  const answers = ["kind: Pod\n", undefined];
  const terminal = session({ openEditor: () => Promise.resolve(answers.shift()) });
  assert.equal((await terminal.runLine("vim pod.yaml")).exitCode, 0);
  assert.equal((await terminal.runLine("cat pod.yaml")).output, "kind: Pod\n");
  assert.equal((await terminal.runLine("nano other.yaml")).exitCode, 0);
  assert.equal((await terminal.runLine("ls other.yaml")).exitCode, 2);
});

test("vi -R never writes back; a directory or a missing directory is refused", async () => {
  const terminal = session({ openEditor: () => Promise.resolve("changed\n") });
  await terminal.runLine("echo original > notes.txt");
  await terminal.runLine("vi -R notes.txt");
  assert.equal((await terminal.runLine("cat notes.txt")).output, "original\n");
  assert.deepEqual(await terminal.runLine("vi /tmp"), {
    output: 'vi: "/tmp" is a directory\n',
    exitCode: 1,
  });
  assert.deepEqual(await terminal.runLine("nano nowhere/x.yaml"), {
    output: 'nano: cannot write "nowhere/x.yaml": directory /home/learner/nowhere does not exist\n',
    exitCode: 1,
  });
});

test("the editor waits like a running command; the session is blocked until the pane saves", async () => {
  let save: (text: string) => void = () => undefined;
  const terminal = session({
    openEditor: () => new Promise<string>((resolve) => (save = resolve)),
  });
  const screen = await typeInto(terminal, "vi deploy.yaml; cat deploy.yaml\r");
  assert.ok(!screen.includes("saved"), "nothing runs until the pane saves");
  save("saved\n");
  const after = await typeInto(terminal, "");
  assert.match(after, /^saved\r\n/);
});

test("without an editor pane, vi says in one line how to change a file instead", async () => {
  const { output, exitCode } = await session().runLine("vi deployment.yaml");
  assert.equal(exitCode, 1);
  assert.equal(output.split("\n").length, 2);
  assert.match(output, /^vi: this terminal cannot open an editor; .*cat > FILE/);
});

test("the ubuntu debug image has no vi, vim or nano, like the real image", async () => {
  const terminal = session({ openEditor: () => Promise.resolve("x") });
  const node = terminal.cluster.faultNodes[0] ?? "";
  const screen = await typeInto(
    terminal,
    `kubectl debug node/${node} -it --image=ubuntu\r`,
    "vi /etc/hosts\r",
    "nano /etc/hosts\r",
    "exit\r",
  );
  assert.match(screen, /\r\nbash: vi: command not found\r\n/);
  assert.match(screen, /\r\nbash: nano: command not found\r\n/);
});

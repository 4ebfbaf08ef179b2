/**
 * Where kubectl's stdin comes from, as bash decides it: every command of a `;`/`&&` list reads
 * the terminal, only a pipe or a redirection changes that. And attach.go's "Session ended" line
 * for a raw terminal on a pod that restarts its containers (restartPolicy Always).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Bash, InMemoryFs } from "just-bash";
import { createKubectlRunner } from "../../../../src/sandbox/kubectl/index.ts";
import { createCluster, scenario } from "../../../../src/sandbox/scenarios/index.ts";
import { kubectlCommand } from "../../../../src/sandbox/shell/commands/kubectl.ts";
import { TerminalSession } from "../../../../src/sandbox/shell/terminal-session.ts";

const NO_TTY = "Unable to use a TTY - input is not a terminal or the right kind of file";
const HINT = "If you don't see a command prompt, try pressing enter.";
/** A node whose runtime starts containers in the runbook scenario (seed 1). */
const ON_GOOD_NODE = `--overrides='{"spec":{"nodeName":"node-1"}}'`;

async function typed(lines: readonly string[]): Promise<string> {
  const session = new TerminalSession({ scenario: "runbook", seed: 1, cols: 200, rows: 40 });
  let screen = "";
  session.onOutput((text) => (screen += text));
  for (const line of lines) {
    session.input(`${line}\r`);
    await session.idle();
  }
  session.dispose();
  return screen.replace(/\r\n/g, "\n");
}

test("run -it in a ; list reads the terminal: no TTY warning, its status reaches $?", async () => {
  const screen = await typed([
    `kubectl run t --image=busybox -it --rm --restart=Never ${ON_GOOD_NODE}; echo "rc=$?"`,
    "exit 3",
  ]);
  assert.doesNotMatch(screen, new RegExp(NO_TTY));
  assert.match(screen, /pod "t" deleted\n/);
  assert.match(screen, /rc=3\n/);
  // restartPolicy Never: kubectl waits for the exit code and says nothing of reattaching.
  assert.doesNotMatch(screen, /Session ended/);
});

test("run -it fed by a pipe: the TTY warning, and the shell runs what the pipe gave", async () => {
  const screen = await typed([
    `printf 'echo from-stdin\\nexit 3\\n' | kubectl run u -it --rm --restart=Never --image=busybox ${ON_GOOD_NODE}; echo "rc=$?"`,
  ]);
  // A line that is not one command gets its stdout and then its stderr (the shell's collection).
  assert.match(screen, new RegExp(`${NO_TTY}\n${HINT}\n`));
  assert.match(screen, /from-stdin\npod "u" deleted\n/);
  assert.match(screen, /pod default\/u terminated \(Error\)\nrc=3\n/);
});

test("run -i without a TTY prints the prompt hint too, as attach.go does for any session", async () => {
  const screen = await typed([
    `echo 'exit 0' | kubectl run v -i --rm --restart=Never --image=busybox ${ON_GOOD_NODE}`,
  ]);
  assert.match(screen, new RegExp(HINT));
  assert.match(screen, /pod "v" deleted\n/);
  assert.doesNotMatch(screen, new RegExp(NO_TTY));
});

test("run -it with the default restart policy: Session ended, resume using kubectl attach", async () => {
  const screen = await typed([`kubectl run t --image=busybox -it ${ON_GOOD_NODE}`, "exit 3"]);
  assert.match(
    screen,
    /\/ # exit 3\nSession ended, resume using 'kubectl attach t -c t -i -t' command when the pod is running\n/,
  );
  const removed = await typed([`kubectl run t --image=busybox -it --rm ${ON_GOOD_NODE}`, "exit"]);
  assert.match(
    removed,
    /Session ended, resume using 'kubectl attach t -c t -i -t' command when the pod is running\npod "t" deleted\n/,
  );
  const quiet = await typed([`kubectl run t --image=busybox -it -q ${ON_GOOD_NODE}`, "exit"]);
  assert.doesNotMatch(quiet, /Session ended|If you don't see/);
});

test("with the session's screen, an attach in a ; list prints in order, before the line's rest", async () => {
  const cluster = createCluster(scenario("runbook"), 1);
  let screen = "";
  const bash = new Bash({
    fs: new InMemoryFs(),
    customCommands: [
      kubectlCommand({
        runner: createKubectlRunner(cluster),
        fs: new InMemoryFs(),
        columns: () => 120,
        terminal: () => undefined,
        screen: (text) => (screen += text),
        signal: () => new AbortController().signal,
        attachShell: () => {
          screen += "/ # exit 4\n";
          return Promise.resolve(4);
        },
        openEditor: undefined,
      }),
    ],
  });
  const result = await bash.exec(
    `kubectl run t --image=busybox -it --rm --restart=Never ${ON_GOOD_NODE}; echo "rc=$?"`,
  );
  assert.equal(screen, `${HINT}\n/ # exit 4\npod "t" deleted\npod default/t terminated (Error)\n`);
  assert.equal(result.stdout, "rc=4\n");
});

test("kubectl attach: back into a running shell, and refused on a container that is not running", async () => {
  const screen = await typed([
    `kubectl attach nope`,
    `kubectl run t --image=busybox -it ${ON_GOOD_NODE}`,
    "exit 3",
    "kubectl attach t -c t -i -t",
  ]);
  assert.match(screen, /Error from server \(NotFound\): pods "nope" not found\n/);
  // The shell left with `exit 3` ended the container; it waits to restart (CrashLoopBackOff).
  assert.match(
    screen,
    /kubectl attach t -c t -i -t\nerror: unable to upgrade connection: container not found \("t"\)\n/,
  );
});

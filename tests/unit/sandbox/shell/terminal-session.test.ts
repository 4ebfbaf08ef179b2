import assert from "node:assert/strict";
import { test } from "node:test";
import xtermHeadless from "@xterm/headless";
import { session, typeInto } from "./helpers.ts";
import type { TerminalSession } from "../../../../src/sandbox/shell/terminal-session.ts";

/** What an 80x24 xterm shows after the session's output: the screen the learner sees. */
async function screenOf(terminal: TerminalSession, ...chunks: string[]): Promise<string[]> {
  const xterm = new xtermHeadless.Terminal({
    cols: terminal.cols,
    rows: terminal.rows,
    allowProposedApi: true,
  });
  let written = Promise.resolve();
  terminal.onOutput((ansi) => {
    written = written.then(() => new Promise((resolve) => xterm.write(ansi, resolve)));
  });
  for (const chunk of chunks) {
    terminal.input(chunk);
    await terminal.idle();
  }
  await written;
  const buffer = xterm.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < buffer.length; row += 1) {
    lines.push(buffer.getLine(row)?.translateToString(true) ?? "");
  }
  while (lines.at(-1) === "") lines.pop();
  return lines;
}

const PROMPT = "learner@workstation:~$ ";

test("typed lines are echoed, run, and followed by a new prompt with \\r\\n endings", async () => {
  const terminal = session();
  const raw = await typeInto(terminal, "echo hello\r");
  assert.match(raw, /echo hello\r\nhello\r\n/);
  assert.deepEqual(await screenOf(session(), "echo hello\r"), [
    `${PROMPT}echo hello`,
    "hello",
    PROMPT,
  ]);
});

test("the prompt is Ubuntu's coloured \\u@\\h:\\w\\$", async () => {
  const raw = await typeInto(session(), "");
  assert.equal(raw, "\x1b[01;32mlearner@workstation\x1b[00m:\x1b[01;34m~\x1b[00m$ ");
});

test("cursor movement edits in the middle of the line", async () => {
  // Left twice, insert, Home, delete the first character, End, append.
  const lines = await screenOf(
    session(),
    "echo ac",
    "\x1b[D",
    "b",
    "\x01",
    "\x1b[3~",
    "X",
    "\x05",
    "d\r",
  );
  assert.deepEqual(lines.slice(0, 2), [`${PROMPT}Xcho abcd`, "bash: Xcho: command not found"]);
});

test("Up and Down walk the history; Ctrl-R finds an earlier line", async () => {
  const terminal = session();
  const lines = await screenOf(
    terminal,
    "echo first\r",
    "echo second\r",
    "\x1b[A\x1b[A\r",
    "\x12fir",
    "\r",
  );
  assert.deepEqual(lines, [
    `${PROMPT}echo first`,
    "first",
    `${PROMPT}echo second`,
    "second",
    `${PROMPT}echo first`,
    "first",
    `${PROMPT}echo first`,
    "first",
    PROMPT,
  ]);
});

test("Ctrl-C abandons the line, Ctrl-L clears the screen, Ctrl-U kills to the start", async () => {
  const lines = await screenOf(session(), "echo nope\x03", "\x0c", "junk\x15echo yes\r");
  assert.deepEqual(lines, [`${PROMPT}echo yes`, "yes", PROMPT]);
  const raw = await typeInto(session(), "partial\x03");
  assert.match(raw, /partial\^C\r\n/);
});

test("Tab completes command names, kubectl subcommands and files", async () => {
  const terminal = session();
  await terminal.runLine("touch deployment.yaml");
  const lines = await screenOf(terminal, "kubec\t", "desc\t", "nod\t", "\x03", "cat depl\t\r");
  assert.deepEqual(lines.slice(0, 1), [`${PROMPT}kubectl describe nodes ^C`]);
  assert.ok(lines.includes(`${PROMPT}cat deployment.yaml `), lines.join("\n"));
});

test("lines longer than the terminal wrap and still edit correctly", async () => {
  const terminal = session({ cols: 30 });
  const long = `echo ${"x".repeat(40)}`;
  const lines = await screenOf(terminal, long, "\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[3~\r");
  const typed = PROMPT + `echo${"x".repeat(40)}`;
  assert.deepEqual(lines.slice(0, 3), [typed.slice(0, 30), typed.slice(30, 60), typed.slice(60)]);
  assert.equal(
    lines[3],
    "bash: echoxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx: command not found".slice(0, 30),
  );
});

test("an open quote asks for more lines with the > prompt", async () => {
  const lines = await screenOf(session(), "echo 'one\r", "two'\r");
  assert.deepEqual(lines, [`${PROMPT}echo 'one`, "> two'", "one", "two", PROMPT]);
});

test("exit and Ctrl-D end the workstation shell", async () => {
  const terminal = session();
  const statuses: number[] = [];
  terminal.onExit((status) => statuses.push(status));
  const raw = await typeInto(terminal, "exit 3\r");
  assert.match(raw, /exit\r\n$/);
  assert.deepEqual(statuses, [3]);
  const other = session();
  other.onExit((status) => statuses.push(status));
  await typeInto(other, "\x04");
  assert.deepEqual(statuses, [3, 0]);
});

test("every command is reported with its status and virtual time", async () => {
  const terminal = session();
  const records: { line: string; exitCode: number }[] = [];
  terminal.onCommand(({ line, exitCode }) => records.push({ line, exitCode }));
  await typeInto(terminal, "true\r", "nosuch\r", "sleep 5\r");
  assert.deepEqual(records, [
    { line: "true", exitCode: 0 },
    { line: "nosuch", exitCode: 127 },
    { line: "sleep 5", exitCode: 0 },
  ]);
});

test("replaying the input log rebuilds the same screen", async () => {
  const first = session({ seed: 42 });
  const keys = ["echo $RANDOM\r", "sleep 30; date\r", "cd /tmp\r", "\x1b[A\x1b[A\r"];
  const original = await typeInto(first, ...keys);
  const again = session({ seed: 42 });
  const replayed = await typeInto(again);
  let screen = replayed;
  again.onOutput((ansi) => (screen += ansi));
  await again.replay(first.inputLog());
  assert.equal(screen, original);
});

test("output written before the terminal attaches is kept for it", async () => {
  const terminal = session();
  terminal.input("echo early\r");
  await terminal.idle();
  let screen = "";
  terminal.onOutput((ansi) => (screen += ansi));
  assert.match(screen, /early\r\n/);
});

/** Keys typed at host times (ms), each waited for; returns what the screen received. */
async function typeAt(terminal: TerminalSession, ...keys: [number, string][]): Promise<string> {
  let screen = "";
  const stop = terminal.onOutput((ansi) => (screen += ansi));
  for (const [atMs, data] of keys) {
    terminal.input(data, atMs);
    await terminal.idle();
  }
  stop();
  return screen;
}

const T0 = 1_750_000_000_000;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Seconds on the session's virtual clock (what `date +%s` prints). */
const clockSeconds = (terminal: TerminalSession): number =>
  Math.floor(terminal.cluster.clock.now() / SECOND);

/** The virtual time the session's cluster started at. */
const started = new WeakMap<TerminalSession, number>();
function clockStart(terminal: TerminalSession): number {
  return started.get(terminal) ?? Number.NaN;
}
function realTimeSession(seed = 1): TerminalSession {
  const terminal = session({ realTime: true, seed });
  started.set(terminal, terminal.cluster.clock.now());
  return terminal;
}

test("a watch streams on the host's ticks until Ctrl-C, and its log replays the same screen", async () => {
  const first = realTimeSession();
  let lastLine = "";
  first.onCommand(({ line }) => (lastLine = line));
  // The runbook's webapp pods crash-loop on one node: watched for a minute, one restarts.
  const table = await typeAt(first, [T0, "kubectl get pods -w\r"]);
  assert.match(table, /\r\nNAME +READY +STATUS +RESTARTS +AGE\r\n/);
  const ticks: [number, string][] = [];
  for (let second = 1; second <= 60; second += 1) ticks.push([T0 + second * SECOND, ""]);
  const streamed = await typeAt(first, ...ticks);
  assert.match(streamed, /^webapp-\S+ +0\/1 +\S+ +6 \(0s ago\) +10m\r\n/);
  const more = await typeAt(first, [T0 + 60_500, "\x03"]);
  assert.match(more, new RegExp(`^\\^C\r\n\u001b\\[01;32mlearner@workstation`));
  assert.equal(lastLine, "kubectl get pods -w");
  assert.equal(first.cluster.clock.now() - clockStart(first), 60_500);
  // Only the ticks while the watch ran are in the log, each at its host time.
  assert.equal(first.inputLog().filter((record) => record.data === "").length, 60);

  const again = realTimeSession();
  let replayed = await typeInto(again);
  again.onOutput((ansi) => (replayed += ansi));
  await again.replay(first.inputLog());
  assert.equal(replayed.slice(-2000), (table + streamed + more).slice(-2000));
  assert.equal(again.cluster.clock.now(), first.cluster.clock.now());
});

test("a host without timestamps of its own ticks by duration while a command runs, not at the prompt", async () => {
  const terminal = realTimeSession();
  await typeAt(terminal, [T0, "kubectl logs -f deploy/webapp\r"]);
  for (let second = 0; second < 5; second += 1) terminal.tick(SECOND);
  await terminal.idle();
  await typeAt(terminal, [T0 + 5_000, "\x03"]);
  terminal.tick(SECOND);
  await terminal.idle();
  assert.equal(terminal.cluster.clock.now() - clockStart(terminal), 5_000);
  assert.deepEqual(
    terminal.inputLog().map((record) => record.atMs - T0),
    [0, 1_000, 2_000, 3_000, 4_000, 5_000, 5_000],
  );
});

test("in a real-time terminal sleep lasts until Ctrl-C, which gives ^C, status 130 and the time slept", async () => {
  const terminal = realTimeSession();
  const start = clockSeconds(terminal);
  const screen = await typeAt(
    terminal,
    [T0, "sleep 30; echo never\r"],
    // Typed while sleeping: type-ahead for the next prompt, as in bash.
    [T0 + 4_000, "echo $?; date +%s"],
    [T0 + 12_000, "\x03"],
    [T0 + 13_000, "\r"],
  );
  assert.doesNotMatch(screen, /\r\nnever/);
  assert.match(screen, /sleep 30; echo never\r\n\^C\r\n/);
  // Slept 12 s, then a second passed at the prompt before Enter.
  assert.ok(
    screen.includes(`echo $?; date +%s\r\n130\r\n${start + 13}\r\n`),
    JSON.stringify(screen),
  );
});

test("time passes at the prompt by the keystrokes' timestamps", async () => {
  const terminal = realTimeSession();
  const start = clockSeconds(terminal);
  const screen = await typeAt(
    terminal,
    [T0, "sleep 5; date +%s\r"],
    [T0 + 9_000, "date +%s\r"],
    [T0 + 2 * MINUTE, "date +%s\r"],
  );
  assert.match(
    screen,
    new RegExp(
      `date \\+%s\r\n${start + 5}\r\n.*date \\+%s\r\n${start + 9}\r\n.*date \\+%s\r\n${start + 120}\r\n`,
      "s",
    ),
  );
});

test("a stretch at the prompt passes at most 15 minutes; a running command's time counts in full", async () => {
  const terminal = realTimeSession();
  const start = clockSeconds(terminal);
  const screen = await typeAt(
    terminal,
    [T0, "date +%s\r"],
    // The laptop was closed overnight at the prompt.
    [T0 + 10 * 60 * MINUTE, "date +%s\r"],
    [T0 + 10 * 60 * MINUTE + SECOND, "sleep 3000\r"],
    [T0 + 10 * 60 * MINUTE + SECOND + 41 * MINUTE, "\x03"],
  );
  assert.match(screen, new RegExp(`\r\n${start}\r\n.*\r\n${start + 15 * 60}\r\n`, "s"));
  assert.equal(
    terminal.cluster.clock.now() - clockStart(terminal),
    15 * MINUTE + SECOND + 41 * MINUTE,
  );
});

test("time does not pass while no host is attached, a sleep included", async () => {
  const terminal = realTimeSession();
  const start = clockSeconds(terminal);
  const screen = await typeAt(terminal, [T0, "sleep 60; date +%s\r"], [T0 + 20 * SECOND, ""]);
  terminal.suspend();
  // The tab came back two hours later: the sleep has 40 s left.
  terminal.resume(T0 + 2 * 60 * MINUTE);
  const later = await typeAt(
    terminal,
    [T0 + 2 * 60 * MINUTE + 39 * SECOND, ""],
    [T0 + 2 * 60 * MINUTE + 40 * SECOND, ""],
    [T0 + 2 * 60 * MINUTE + 50 * SECOND, "date +%s\r"],
  );
  assert.doesNotMatch(screen, /\r\n\d+\r\n/);
  assert.match(later, new RegExp(`^${start + 60}\r\n.*\r\n${start + 70}\r\n`, "s"));
  assert.ok(terminal.inputLog().some((record) => record.resumed === true));
});

test("a sleep that ends by itself enters its end as an input the host can log", async () => {
  const terminal = realTimeSession();
  const clockInputs: number[] = [];
  terminal.onClockInput((atMs) => clockInputs.push(atMs));
  const typed = await typeAt(terminal, [T0, "sleep 0.05; echo woke\r"]);
  assert.doesNotMatch(typed, /\r\nwoke/);
  await new Promise((resolve) => setTimeout(resolve, 150));
  await terminal.idle();
  assert.deepEqual(clockInputs, [T0 + 50]);
  assert.match(await typeAt(terminal, [T0 + SECOND, "\r"]), /^woke\r\n/);
  assert.deepEqual(
    terminal.inputLog().map(({ atMs, data }) => [atMs - T0, data]),
    [
      [0, "sleep 0.05; echo woke\r"],
      [50, ""],
      [1_000, "\r"],
    ],
  );
});

test("a fault while time passes is shown, and the terminal still answers the next keys", async () => {
  const terminal = realTimeSession();
  const cluster = terminal.cluster;
  const advance = cluster.advance.bind(cluster);
  cluster.advance = () => {
    throw new Error("the engine failed");
  };
  const failed = await typeAt(terminal, [T0, "echo one\r"], [T0 + SECOND, "echo two\r"]);
  cluster.advance = advance;
  assert.match(failed, /\r\nsandbox: the engine failed\r\n/);
  assert.match(await typeAt(terminal, [T0 + 2 * SECOND, "echo three\r"]), /three\r\n/);
});

test("replaying a real-time session's log sleeps the same and rebuilds the same screen", async () => {
  const first = realTimeSession(7);
  const original = await typeAt(
    first,
    [T0, "sleep 20; kubectl get pods | wc -l\r"],
    [T0 + 25_000, "sleep 2m; date\r"],
    [T0 + 60_000, "\x03"],
    [T0 + 61_000, "sleep 1; sleep 1; date\r"],
    [T0 + 61_500, "\x03"],
    [T0 + 70_000, "date; echo $?\r"],
  );
  first.resume(T0 + 5 * MINUTE);
  const rest = await typeAt(first, [T0 + 6 * MINUTE, "date\r"]);
  const again = realTimeSession(7);
  let screen = await typeInto(again);
  again.onOutput((ansi) => (screen += ansi));
  await again.replay(first.inputLog());
  assert.equal(screen, original + rest);
  assert.equal(again.cluster.clock.now(), first.cluster.clock.now());
});

test("one sleep may pass at most an hour of virtual time and says so", async () => {
  const terminal = session();
  const before = terminal.cluster.clock.now();
  const { output, exitCode } = await terminal.runLine("sleep 2h");
  assert.equal(exitCode, 0);
  assert.equal(output, "sleep: one sleep lasts at most 3600 seconds in this sandbox\n");
  assert.equal(terminal.cluster.clock.now() - before, 3_600_000);
});

test("sleep takes GNU operands and gives GNU's messages", async () => {
  const terminal = session();
  const before = terminal.cluster.clock.now();
  assert.equal((await terminal.runLine("sleep 1m 0.5 .5s 1e1")).exitCode, 0);
  assert.equal(terminal.cluster.clock.now() - before, 71_000);
  assert.deepEqual(await terminal.runLine("sleep"), {
    output: "sleep: missing operand\nTry 'sleep --help' for more information.\n",
    exitCode: 1,
  });
  assert.deepEqual(await terminal.runLine("sleep 1x"), {
    output: "sleep: invalid time interval ‘1x’\nTry 'sleep --help' for more information.\n",
    exitCode: 1,
  });
  assert.deepEqual(await terminal.runLine("LC_ALL=C sleep -1"), {
    output: "sleep: invalid option -- '1'\nTry 'sleep --help' for more information.\n",
    exitCode: 1,
  });
});

test("a here-document reads lines up to its delimiter, as bash does at the prompt", async () => {
  const lines = await screenOf(
    session(),
    "cat > pod.yaml <<'EOF'\r",
    "kind: Pod\r",
    "EOF\r",
    "cat pod.yaml\r",
  );
  assert.deepEqual(lines, [
    `${PROMPT}cat > pod.yaml <<'EOF'`,
    "> kind: Pod",
    "> EOF",
    `${PROMPT}cat pod.yaml`,
    "kind: Pod",
    PROMPT,
  ]);
});

test("a loop or an if typed over several lines continues with > until it is closed", async () => {
  const lines = await screenOf(
    session(),
    "for i in 1 2\r",
    "do\r",
    "echo n$i\r",
    "done\r",
    "if true\r",
    "then echo yes\r",
    "fi\r",
  );
  assert.deepEqual(lines, [
    `${PROMPT}for i in 1 2`,
    "> do",
    "> echo n$i",
    "> done",
    "n1",
    "n2",
    `${PROMPT}if true`,
    "> then echo yes",
    "> fi",
    "yes",
    PROMPT,
  ]);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { session } from "../shell/helpers.ts";
import type { TerminalSession } from "../../../../src/sandbox/shell/terminal-session.ts";

const T0 = 1_750_000_000_000;
const SECOND = 1000;

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

/** date(1)'s lines (`Wed Nov 25 10:50:53 UTC 2026`) in what the screen received. */
const dateLines = (screen: string): string[] =>
  screen.match(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}(?=\r$)/gm) ?? [];

/** On a healthy node: the runbook's node-3 cannot start containers. */
const ON_NODE_1 = `--overrides='{"spec":{"nodeName":"node-1"}}'`;
const LOOP = `kubectl run ticker --image=busybox:1.36 ${ON_NODE_1} -- sh -c 'while true; do date; sleep 2; done'\r`;

test("logs -f in a live terminal shows the lines a running process writes as time passes, until Ctrl-C", async () => {
  const terminal = session({ realTime: true });
  await typeAt(terminal, [T0, LOOP], [T0 + 5 * SECOND, "kubectl logs ticker\r"]);
  const follow = await typeAt(terminal, [T0 + 6 * SECOND, "kubectl logs -f ticker\r"]);
  const before = dateLines(follow).length;
  assert.ok(before >= 1, follow);
  const ticks: [number, string][] = [];
  for (let second = 7; second <= 16; second += 1) ticks.push([T0 + second * SECOND, ""]);
  const streamed = await typeAt(terminal, ...ticks);
  // Ten seconds of a line every two seconds: five more lines, each one the time it was written.
  const lines = dateLines(streamed);
  assert.equal(lines.length, 5, JSON.stringify(streamed));
  const seconds = lines.map((line) => Number(/:(\d\d) UTC/.exec(line)?.[1]));
  const gaps = seconds.slice(1).map((second, i) => (second - (seconds[i] ?? 0) + 60) % 60);
  assert.deepEqual(gaps, [2, 2, 2, 2]);
  const stopped = await typeAt(terminal, [T0 + 16_500, "\x03"]);
  assert.match(stopped, /\^C\r\n/);
  const after = await typeAt(terminal, [T0 + 30 * SECOND, ""]);
  assert.equal(dateLines(after).length, 0);
});

test("logs -f in a script prints what the process has written so far and ends", async () => {
  const terminal = session();
  await terminal.runLine(
    `kubectl run ticker --image=busybox:1.36 ${ON_NODE_1} -- sh -c 'while :; do echo tick; sleep 5; done'`,
  );
  await terminal.runLine("sleep 12");
  const { output, exitCode } = await terminal.runLine("kubectl logs -f ticker");
  assert.equal(exitCode, 0);
  // Started within the first seconds, then a line every 5 s: 2 or 3 lines after 12 s.
  const ticks = output.match(/^tick$/gm) ?? [];
  assert.ok(ticks.length >= 2 && ticks.length <= 3, JSON.stringify(output));
  assert.equal(output.replace(/^tick\n/gm, ""), "");
});

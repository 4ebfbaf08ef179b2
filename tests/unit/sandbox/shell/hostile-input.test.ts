import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { InMemoryFs } from "just-bash";
import { MAX_LINE_LENGTH, MAX_OUTPUT_BYTES } from "../../../../src/sandbox/shell/budgets.ts";
import { Shell } from "../../../../src/sandbox/shell/shell.ts";
import type { Dialect } from "../../../../src/sandbox/shell/shell.ts";
import { session, typeInto } from "./helpers.ts";

/** A line must finish quickly, print a bounded amount, and leave the session usable. */
async function survives(line: string): Promise<{ output: string; exitCode: number }> {
  const terminal = session();
  const started = performance.now();
  const result = await terminal.runLine(line);
  const elapsed = performance.now() - started;
  // Only a hang detector: the budgets count steps, not time, so a loaded machine may be slow.
  assert.ok(
    elapsed < 30_000,
    `took ${Math.round(elapsed)} ms: ${JSON.stringify(line.slice(0, 80))}`,
  );
  assert.ok(
    result.output.length <= MAX_OUTPUT_BYTES + 200,
    `printed ${result.output.length} characters`,
  );
  assert.equal((await terminal.runLine("echo still-here")).output, "still-here\n");
  return result;
}

test("hostile lines hit a budget, say which, and never hang or crash", async () => {
  const cases: [string, RegExp][] = [
    ["while true; do :; done", /too many commands executed/],
    ["f(){ f | f & }; f", /maximum recursion depth/],
    [":(){ :|:& };:", /maximum recursion depth|too many commands/],
    [`echo ${"$(".repeat(300)}echo deep${")".repeat(300)}`, /nesting (limit|depth) exceeded/],
    ["seq 1 1000000000", /limit exceeded/],
    ["x=a; while true; do x=$x$x; done", /limit|too many/],
    ["printf '%0999999999d' 1", /limit exceeded/],
    ["seq 1 99999", /output truncated: a command line may print at most/],
  ];
  for (const [line, message] of cases) {
    const { output, exitCode } = await survives(line);
    assert.match(output, message, line);
    // Truncated output is the sandbox's doing, not the command's: its status stands.
    if (!line.startsWith("seq 1 99999")) assert.notEqual(exitCode, 0, line);
  }
});

test("malformed lines get bash's messages, not exceptions", async () => {
  for (const line of [
    "echo 'open",
    'echo "open',
    "echo $(",
    "echo ${",
    "if then fi",
    "((",
    "case",
    "}",
    ";;",
  ]) {
    const { exitCode, output } = await survives(line);
    assert.equal(exitCode, 2, `${line} -> ${output}`);
    assert.match(output, /^bash: /, line);
  }
});

test("control characters, invalid UTF-8 and huge arguments are handled", async () => {
  await survives("echo \x00\x01\x02\x1b[31m\x7f");
  await survives("echo \udc80\ud800 \ufffd");
  await survives(`echo ${"A".repeat(MAX_LINE_LENGTH - 10)}`);
  const tooLong = await session().runLine(`echo ${"A".repeat(MAX_LINE_LENGTH + 1)}`);
  assert.equal(tooLong.exitCode, 2);
  assert.match(tooLong.output, /line too long: the sandbox accepts at most 8192 characters/);
});

test("the line editor refuses input beyond the line cap and ignores stray control bytes", async () => {
  const terminal = session();
  const screen = await typeInto(
    terminal,
    "x".repeat(MAX_LINE_LENGTH + 50),
    "\x00\x1b[99~\x1b[Z\x1bO\x1b",
    "\x03",
  );
  assert.ok(screen.includes("\x07"), "rings the bell when full");
  assert.equal((await terminal.runLine("echo ok")).output, "ok\n");
});

test("random lines of shell syntax never crash the interpreter", async () => {
  const token = fc.constantFrom(
    "echo",
    "k",
    "kubectl",
    "grep",
    "-i",
    "|",
    "||",
    "&&",
    ";",
    "'",
    '"',
    "$(",
    ")",
    "`",
    "${",
    "}",
    "$?",
    "$RANDOM",
    ">",
    ">>",
    "<",
    "2>&1",
    "/dev/null",
    "\\",
    "(",
    "{",
    "for",
    "do",
    "done",
    "if",
    "fi",
    "*",
    "?",
    "~",
    "#",
    "\n",
    "\t",
    "sleep",
    "1",
    "x=1",
    "export",
    "alias",
    "cd",
    "..",
    "vi",
    "nano",
    "<<",
    "EOF",
    "f()",
    "f",
    "set",
    "-o",
    "pipefail",
    "+o",
    "shopt",
    "-s",
    "unset",
    "-f",
    "2h",
    "inf",
  );
  const line = fc.oneof(
    fc.array(token, { maxLength: 25 }).map((tokens) => tokens.join(" ")),
    fc.string({ maxLength: 200, unit: "binary" }),
  );
  const terminal = session();
  await fc.assert(
    fc.asyncProperty(line, async (text) => {
      const started = performance.now();
      const { exitCode } = await terminal.runLine(text);
      assert.ok(
        Number.isInteger(exitCode) && exitCode >= 0 && exitCode <= 255,
        `status ${exitCode}`,
      );
      assert.ok(performance.now() - started < 8000);
    }),
    { numRuns: 300, seed: 128 },
  );
  assert.equal((await terminal.runLine("echo alive")).output, "alive\n");
});

test("random keystrokes never break the line editor", async () => {
  const key = fc.oneof(
    fc.constantFrom(
      "\r",
      "\x7f",
      "\x1b[A",
      "\x1b[B",
      "\x1b[C",
      "\x1b[D",
      "\x01",
      "\x05",
      "\x12",
      "\x07",
      "\x15",
      "\x0b",
      "\x17",
      "\t",
      "\x0c",
      "\x1b",
      "\x03",
    ),
    fc.string({ maxLength: 5 }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(key, { maxLength: 60 }), async (keys) => {
      const terminal = session();
      await typeInto(terminal, ...keys);
      assert.equal((await terminal.runLine("echo fine")).output, "fine\n");
    }),
    { numRuns: 100, seed: 128 },
  );
});

test("random sleeps, keys and Ctrl-C at random times in a real-time session never hang, and replay the same", async () => {
  const event = fc.record({
    afterMs: fc.integer({ min: 0, max: 20_000 }),
    data: fc.constantFrom(
      "sleep 5\r",
      "sleep 0.5; echo a\r",
      "sleep 1; sleep 2; date +%s\r",
      "sleep inf\r",
      "sleep 3 | cat\r",
      "x=$(sleep 2; echo v); echo $x\r",
      "echo typed",
      "\r",
      "\x03",
      "date +%s\r",
    ),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(event, { maxLength: 12 }), async (events) => {
      const first = session({ realTime: true });
      let atMs = 1_000_000;
      let screen = "";
      first.onOutput((ansi) => (screen += ansi));
      await first.idle();
      for (const { afterMs, data } of events) {
        atMs += afterMs;
        first.input(data, atMs);
        await first.idle();
      }
      const again = session({ realTime: true });
      let replayed = "";
      again.onOutput((ansi) => (replayed += ansi));
      await again.replay(first.inputLog());
      await again.idle();
      first.dispose();
      again.dispose();
      assert.equal(replayed, screen);
    }),
    { numRuns: 40, seed: 128 },
  );
});

/** A bare shell of a dialect, on its own filesystem and a clock that only moves when told. */
function dialectShell(dialect: Dialect): Shell {
  let now = Date.UTC(2026, 10, 24, 20, 0, 0);
  return new Shell({
    fs: new InMemoryFs(),
    clock: { now: () => now, advance: (ms) => (now += ms) },
    random: () => 0.5,
    env: { HOME: "/root", PATH: "/usr/bin:/bin", PWD: "/" },
    cwd: "/",
    user: "root",
    hostname: "fuzz",
    host: "pod:default/fuzz",
    commands: [],
    dialect,
  });
}

test("random lines in BusyBox ash and in dash never crash, hang or leave the shell unusable", async () => {
  const token = fc.constantFrom(
    "echo",
    "-e",
    "-n",
    "\\t",
    "\\c",
    "\\0101",
    "[[",
    "]]",
    "[",
    "]",
    "-f",
    "a=(1",
    "2)",
    "${a[0]}",
    "cd",
    "/nope",
    "foo",
    "|",
    "||",
    "&&",
    ";",
    ";;",
    "'",
    '"',
    "$(",
    ")",
    "`",
    "if",
    "then",
    "fi",
    "case",
    "esac",
    "in",
    "{",
    "}",
    "while",
    "do",
    "done",
    "<<",
    "EOF",
    "set",
    "-e",
    "-x",
    "false",
    "$?",
    "\n",
    "#",
    "exit",
    "2>&1",
    ">",
    "/dev/null",
  );
  const line = fc.oneof(
    fc.array(token, { maxLength: 20 }).map((tokens) => tokens.join(" ")),
    fc.string({ maxLength: 120, unit: "binary" }),
  );
  for (const dialect of ["ash", "dash"] as const) {
    const shell = dialectShell(dialect);
    await fc.assert(
      fc.asyncProperty(line, async (text) => {
        const started = performance.now();
        const result = await shell.run(text, new AbortController().signal, () => undefined);
        assert.ok(
          Number.isInteger(result.exitCode) && result.exitCode >= 0 && result.exitCode <= 255,
        );
        // Neither shell ever speaks bash's words.
        assert.doesNotMatch(result.stderr, /^bash: .*(command not found|syntax error)/m, text);
        assert.ok(performance.now() - started < 8000);
      }),
      { numRuns: 200, seed: 4 },
    );
    const alive = await shell.run("echo alive", new AbortController().signal, () => undefined);
    assert.equal(alive.stdout + alive.stderr, "alive\n", dialect);
  }
});

test("BusyBox applets take any arguments without failing the session", async () => {
  const terminal = session();
  const argument = fc.constantFrom(
    "-a",
    "-e",
    "-f",
    "-bn1",
    "-n",
    "1",
    "-h",
    "-m",
    "-g",
    "/",
    "/nope",
    "x",
    "--",
    "-",
  );
  const lines = fc.array(
    fc.tuple(
      fc.constantFrom("ps", "top", "free", "uptime", "df", "mount"),
      fc.array(argument, { maxLength: 3 }),
    ),
    { minLength: 5, maxLength: 10 },
  );
  const sample = fc.sample(lines, { numRuns: 1, seed: 9 })[0] ?? [];
  const screen = await typeInto(
    terminal,
    "kubectl cordon node-3\r",
    "kubectl run bb -it --rm --restart=Never --image=busybox -- sh\r",
    ...sample.map(([applet, args]) => `${[applet, ...args].join(" ")}\r`),
    "echo alive\r",
    "exit\r",
  );
  assert.match(screen, /\/ # echo alive\r\nalive\r\n/);
  assert.doesNotMatch(screen, /Error|exception|undefined|NaN/);
});

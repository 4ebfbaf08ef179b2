/**
 * The workstation's text tools against GNU grep 3.8, findutils xargs 4.9 and coreutils 9.1: every
 * expected output below is what the same line printed under /bin/bash on a Debian 12 machine.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { session, typeInto } from "./helpers.ts";

const LOG = "printf 'Error: x\\nok\\nERROR y\\nexit 128\\n' > log";

async function outputs(
  setup: string,
  cases: readonly (readonly [string, string])[],
): Promise<void> {
  const terminal = session();
  await terminal.runLine(setup);
  for (const [line, output] of cases) {
    assert.equal((await terminal.runLine(line)).output, output, line);
  }
}

test("grep -o prints each non-empty match, also for patterns that can match empty", async () => {
  await outputs(LOG, [
    ["grep -o '[0-9]*' log", "128\n"],
    ["grep -o '^.' log | head -2", "E\no\n"],
    ["grep -o 'a\\{0,\\}' log; echo st=$?", "st=0\n"],
    ["grep -o nomatch log; echo st=$?", "st=1\n"],
    ["printf 'b\\nxbb\\n' | grep -ob 'b*'", "0:b\n3:bb\n"],
  ]);
});

test("grep reads GNU's BRE extensions \\+ \\? \\| and keeps ERE operators literal in a BRE", async () => {
  await outputs(LOG, [
    ["grep -o 'E[A-Z]\\+' log", "ERROR\n"],
    ["grep -on 'x\\?[0-9]\\+' log", "4:128\n"],
    ["grep -oi 'error:\\?' log", "Error:\nERROR\n"],
    ["grep -c 'ERROR\\|exit' log", "2\n"],
    ["echo 'a|b' | grep 'a|b'", "a|b\n"],
    ["echo 'a(b)' | grep -o '(b)'", "(b)\n"],
    ["echo 'x*y' | grep -o '*y'", "*y\n"],
  ]);
});

test("grep -H names the file even when there is only one", async () => {
  await outputs(LOG, [
    ["grep -H ok log", "log:ok\n"],
    ["grep -Hn ok log", "log:2:ok\n"],
    ["grep -Hc ok log", "log:1\n"],
  ]);
});

test("xargs takes attached values, -I, -0, -d and -r as GNU findutils does", async () => {
  await outputs("true", [
    ["printf 'a\\nb\\n' | xargs -n1 echo x", "x a\nx b\n"],
    [
      "printf 'p1\\np2\\n' | xargs -I{} echo kubectl describe {}",
      "kubectl describe p1\nkubectl describe p2\n",
    ],
    ["printf 'a b c d e\\n' | xargs -n 2", "a b\nc d\ne\n"],
    ["printf \"x 'y z'\\n\" | xargs -n1", "x\ny z\n"],
    ["printf 'a\\0b c\\0' | xargs -0 -n1 echo", "a\nb c\n"],
    ["printf 'a,b' | xargs -d, -n1", "a\nb\n"],
    ["echo -n '' | xargs echo empty", "empty\n"],
    ["printf '' | xargs -r echo none; echo $?", "0\n"],
    ["echo a | xargs -r false; echo $?", "123\n"],
  ]);
});

test("a refused xargs line leaves nothing behind for the next one", async () => {
  await outputs("true", [
    [
      "echo a | xargs -q",
      "xargs: invalid option -- 'q'\nTry 'xargs --help' for more information.\n",
    ],
    ["echo hi | xargs echo", "hi\n"],
    ["printf 'a b c\\n' | xargs -n 2 echo", "a b\nc\n"],
  ]);
});

test("xargs reports bad counts, quotes and missing programs in GNU's words", async () => {
  await outputs("true", [
    [
      "echo a | xargs -n 0 echo",
      "xargs: value 0 for -n option should be >= 1\nTry 'xargs --help' for more information.\n",
    ],
    [
      "echo a | xargs -n x echo",
      "xargs: invalid number \"x\" for -n option\nTry 'xargs --help' for more information.\n",
    ],
    [
      'echo "a\'b" | xargs echo',
      "xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n",
    ],
    ["echo a | xargs nosuch; echo $?", "xargs: nosuch: No such file or directory\n127\n"],
  ]);
});

test("wc lays counts out in GNU's columns", async () => {
  await outputs("printf 'one two\\nthree\\n' > w1; printf 'x\\n' > w2", [
    ["printf 'one two\\nthree\\n' | wc", "      2       3      14\n"],
    ["printf 'one two\\nthree\\n' | wc -l", "2\n"],
    ["printf 'a\\n' | wc -lc", "      1       2\n"],
    ["wc w1", " 2  3 14 w1\n"],
    ["wc -l w1", "2 w1\n"],
    ["wc w1 w2", " 2  3 14 w1\n 1  1  2 w2\n 3  4 16 total\n"],
    ["wc -l w1 w2", " 2 w1\n 1 w2\n 3 total\n"],
  ]);
});

test("ls and cat report missing paths and directories as coreutils does", async () => {
  await outputs("mkdir app", [
    ["ls nodir; echo $?", "ls: cannot access 'nodir': No such file or directory\n2\n"],
    ["cat app; echo $?", "cat: app: Is a directory\n1\n"],
  ]);
});

test("ls -l shows the session's user, directories without a slash, on the virtual clock", async () => {
  const terminal = session();
  const date = (await terminal.runLine("date '+%b %e %H:%M'")).output.trim();
  const listing = (await terminal.runLine("mkdir app; echo hi > f; ls -l")).output;
  assert.equal(
    listing,
    [
      "total 2",
      `drwxr-xr-x 2 learner learner  4096 ${date} app`,
      `-rw-r--r-- 1 learner learner     3 ${date} f`,
      "",
    ].join("\n"),
  );
  assert.match((await terminal.runLine("ls -F")).output, /^app\/\nf\n$/);
});

test("file times follow the virtual clock as it moves, so a replay prints the same listing", async () => {
  const run = async (): Promise<string> => {
    const terminal = session();
    await terminal.runLine("echo a > first; sleep 120; echo b > second");
    return (await terminal.runLine("ls -l")).output;
  };
  const listing = await run();
  const time = (name: string): string =>
    new RegExp(`(\\d\\d:\\d\\d) ${name}$`, "m").exec(listing)?.[1] ?? "";
  assert.notEqual(time("first"), "");
  assert.notEqual(time("first"), time("second"), "written two minutes apart");
  assert.equal(await run(), listing);
});

test("date -d reads the relative and absolute strings GNU date reads, on the virtual clock", async () => {
  // The session's clock reads Tue Nov 24 20:31:17 UTC 2026; GNU date gave these for that instant.
  await outputs("true", [
    ["date", "Tue Nov 24 20:31:17 UTC 2026\n"],
    ["date -d '30 minutes ago' +%H:%M", "20:01\n"],
    ["date -d '1 hour 30 minutes ago' +%T", "21:01:17\n"],
    ["date -d '-2 hours' +%T", "18:31:17\n"],
    ["date -d '2 days' +%F", "2026-11-26\n"],
    ["date -d yesterday +%F", "2026-11-23\n"],
    ["date -d '2026-01-02' '+%F %T'", "2026-01-02 00:00:00\n"],
    ["date -d '2026-01-02 10:20' '+%F %T'", "2026-01-02 10:20:00\n"],
    ["date --date='2026-11-24T20:00:00Z' +%s", "1795550400\n"],
    ["date -d '10:00' '+%F %T'", "2026-11-24 10:00:00\n"],
    ["date -d '' '+%F %T'", "2026-11-24 00:00:00\n"],
    ["date -d 'next blah'; echo $?", "date: invalid date \u2018next blah\u2019\n1\n"],
    ["date -d '2026-02-30'", "date: invalid date \u20182026-02-30\u2019\n"],
  ]);
});

test("base64 -d stops at bad input with GNU's message and status, after what it could decode", async () => {
  await outputs("echo aGkK > f", [
    ["echo 'aGk' | base64 -d 2>/dev/null | wc -c", "2\n"],
    ["echo 'not base64!' | base64 -d >/dev/null; echo rc=$?", "base64: invalid input\nrc=1\n"],
    ["echo 'aGk' | base64 -d; echo ' rc='$?", "hibase64: invalid input\n rc=1\n"],
    ["echo 'aGk=x' | base64 -d; echo ' rc='$?", "hibase64: invalid input\n rc=1\n"],
    ["printf 'aGk=\\n\\naGk=\\n' | base64 -d; echo ' rc='$?", "hihi rc=0\n"],
    ["base64 -d f", "hi\n"],
    ["echo hi | base64", "aGkK\n"],
  ]);
});

test("Ctrl-C at the prompt sets $? to 130, as bash 5.2's readline does", async () => {
  const terminal = session();
  const screen = await typeInto(terminal, "false", "\x03", "echo st=$?\r", "echo st=$?\r");
  assert.match(screen, /st=130\r\n[^]*st=0\r\n/);
});

test("a line stopped by a budget says it is the sandbox's limit, never the library's option", async () => {
  const terminal = session();
  for (const line of ["while true; do :; done", "f() { f; }; f", "until false; do :; done"]) {
    const { output } = await terminal.runLine(line);
    assert.match(output, /: a limit of this sandbox\n$/, line);
    assert.doesNotMatch(output, /executionLimits|increase/, line);
  }
  assert.equal((await terminal.runLine("echo after")).output, "after\n");
});

test("/dev/null swallows writes, /dev/zero and /dev/urandom give bytes as on Linux", async () => {
  await outputs("true", [
    ["echo x > /dev/null; echo y >> /dev/null; cat /dev/null | wc -c", "0\n"],
    ["cat /dev/zero | head -c 10 | wc -c", "10\n"],
    ["cat /dev/urandom | head -c 5 | wc -c", "5\n"],
    ["head -c 3 /dev/zero | wc -c", "3\n"],
    ["ls /dev | grep -c zero", "1\n"],
  ]);
  const sample = "head -c 16 /dev/urandom | base64";
  assert.equal((await session().runLine(sample)).output, (await session().runLine(sample)).output);
});

test("jq names a broken filter as a compile error (status 3), broken input as a parse error", async () => {
  // jq 1.7's wording; jq 1.6 on the reference machine printed the same with $end for end of file.
  const compileError = (token: string, filter: string): string =>
    `jq: error: syntax error, unexpected ${token} (Unix shell quoting issues?) at <top-level>, line 1:\n${filter}\njq: 1 compile error\n`;
  await outputs(`echo '{"a":1}' > j.json`, [
    ["jq '.a +' j.json; echo rc=$?", `${compileError("end of file", ".a +")}rc=3\n`],
    ["jq '.a | | .b' j.json", compileError("'|'", ".a | | .b")],
    ["jq '.a ]' j.json", compileError("INVALID_CHARACTER", ".a ]")],
    ["jq .a j.json", "1\n"],
  ]);
  const { output } = await session().runLine("echo 'nope' | jq .");
  assert.match(output, /^jq: parse error: /);
});

test("ls -la dates . and .. and every entry from the virtual clock, in UTC", async () => {
  const terminal = session();
  await terminal.runLine("mkdir -p app/sub; sleep 600; echo b > later");
  const later = (await terminal.runLine("date '+%b %e %H:%M'")).output.trim();
  const listing = (await terminal.runLine("ls -la app")).output.split("\n");
  assert.doesNotMatch(listing.join("\n"), /Jan {2}1 00:00/);
  const home = (await terminal.runLine("ls -la")).output;
  assert.match(home, new RegExp(`^drwxr-xr-x 2 learner learner  4096 ${later} \\.$`, "m"));
  assert.match(home, new RegExp(`^-rw-r--r-- 1 learner learner     2 ${later} later$`, "m"));
  assert.match((await terminal.runLine("ls -l app later")).output, new RegExp(`${later} later\n`));
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { InMemoryFs } from "just-bash";
import { Shell } from "../../../../src/sandbox/shell/shell.ts";
import { session } from "./helpers.ts";

/** Each line, in a fresh session, prints exactly what the real tool printed for it. */
async function expectOutputs(cases: readonly (readonly [string, string])[]): Promise<void> {
  for (const [line, output] of cases) {
    assert.equal((await session().runLine(line)).output, output, line);
  }
}

test("an unknown command answers as bash does, with status 127", async () => {
  const terminal = session();
  assert.deepEqual(await terminal.runLine("kubeclt get pods"), {
    output: "bash: kubeclt: command not found\n",
    exitCode: 127,
  });
});

test("$? carries the previous line's status into the next line", async () => {
  const terminal = session();
  await terminal.runLine("false");
  assert.equal((await terminal.runLine("echo $?")).output, "1\n");
  assert.equal((await terminal.runLine("echo $?")).output, "0\n");
});

test("variables, exports and the working directory persist between lines", async () => {
  const terminal = session();
  await terminal.runLine("export NS=kube-system; POD=web-1");
  await terminal.runLine("mkdir -p work && cd work");
  assert.equal(
    (await terminal.runLine("echo $NS $POD; pwd")).output,
    "kube-system web-1\n/home/learner/work\n",
  );
});

test("files written by one line are read by the next, with redirections", async () => {
  const terminal = session();
  await terminal.runLine("printf 'b\\na\\nb\\n' > list.txt; echo c >> list.txt");
  assert.equal((await terminal.runLine("sort < list.txt | uniq | wc -l")).output, "3\n");
  // GNU uniq -c pads counts to seven columns.
  assert.equal(
    (await terminal.runLine("sort < list.txt | uniq -c | sort -rn | head -1")).output,
    "      2 b\n",
  );
  assert.equal((await terminal.runLine("ls /nope 2>/dev/null; echo $?")).output, "2\n");
});

test("k is an alias for kubectl, and new aliases apply from the next line", async () => {
  const terminal = session();
  const direct = await terminal.runLine("kubectl get nodes -o name");
  assert.equal(direct.output, "node/node-1\nnode/node-2\nnode/node-3\n");
  assert.deepEqual(await terminal.runLine("k get nodes -o name"), direct);
  await terminal.runLine("alias kgn='kubectl get nodes -o name'");
  assert.equal((await terminal.runLine("kgn | wc -l")).output, "3\n");
  assert.equal(
    (await terminal.runLine("alias")).output,
    "alias k='kubectl'\nalias kgn='kubectl get nodes -o name'\n",
  );
  assert.deepEqual(await terminal.runLine("unalias nope"), {
    output: "bash: unalias: nope: not found\n",
    exitCode: 1,
  });
});

test("errors and output reach the screen in the order the commands wrote them", async () => {
  const terminal = session();
  const { output } = await terminal.runLine("ls /missing; echo after; nosuch");
  assert.equal(
    output,
    "ls: cannot access '/missing': No such file or directory\nafter\nbash: nosuch: command not found\n",
  );
  assert.equal((await terminal.runLine("ls /missing 2>&1 >/dev/null | wc -l")).output, "1\n");
});

test("date and sleep run on the cluster's virtual clock", async () => {
  const terminal = session();
  const startMs = terminal.cluster.clock.now();
  const date = (ms: number): string =>
    new Date(ms)
      .toUTCString()
      .replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, "$1 $3 $2 $5 UTC $4");
  assert.equal((await terminal.runLine("date")).output, `${date(startMs)}\n`);
  await terminal.runLine("sleep 90");
  assert.equal(terminal.cluster.clock.now(), startMs + 90_000);
  assert.equal(
    (await terminal.runLine("date -u +%FT%T")).output,
    `${new Date(startMs + 90_000).toISOString().slice(0, 19)}\n`,
  );
  assert.equal(
    (await terminal.runLine("date +%s")).output,
    `${Math.floor((startMs + 90_000) / 1000)}\n`,
  );
});

test("$RANDOM is the same sequence for the same seed", async () => {
  const first = await session({ seed: 7 }).runLine("echo $RANDOM $RANDOM");
  const second = await session({ seed: 7 }).runLine("echo $RANDOM $RANDOM");
  const other = await session({ seed: 8 }).runLine("echo $RANDOM $RANDOM");
  assert.equal(first.output, second.output);
  assert.notEqual(first.output, other.output);
  assert.match(first.output, /^\d{1,5} \d{1,5}\n$/);
  assert.equal((await session().runLine("echo '$RANDOM'")).output, "$RANDOM\n");
});

test("network and language runtimes do not exist in the sandbox", async () => {
  const terminal = session();
  for (const command of ["curl", "python3", "node", "sqlite3", "js-exec"]) {
    assert.deepEqual(await terminal.runLine(`${command} --version`), {
      output: `bash: ${command}: command not found\n`,
      exitCode: 127,
    });
  }
});

test("the text tools people pipe kubectl into behave like GNU's", async () => {
  const terminal = session();
  await terminal.runLine(
    "printf 'NAME READY STATUS\\nweb-1 0/1 CrashLoopBackOff\\nweb-2 1/1 Running\\napi-1 1/1 Error\\n' > pods",
  );
  const cases: [string, string][] = [
    ["grep -i 'crash\\|error' pods", "web-1 0/1 CrashLoopBackOff\napi-1 1/1 Error\n"],
    ["grep -E -c 'Running|Error' pods", "2\n"],
    ["grep -v -w Running pods | tail -n +2", "web-1 0/1 CrashLoopBackOff\napi-1 1/1 Error\n"],
    ["grep -n -o 'web-[0-9]' pods", "2:web-1\n3:web-2\n"],
    ["grep -A1 web-1 pods", "web-1 0/1 CrashLoopBackOff\nweb-2 1/1 Running\n"],
    ["grep -B1 api pods", "web-2 1/1 Running\napi-1 1/1 Error\n"],
    ["awk 'NR>1 && $3 != \"Running\" {print $1}' pods", "web-1\napi-1\n"],
    ["tail -n +2 pods | cut -d' ' -f1 | sed 's/-[0-9]$//' | sort -u | xargs echo", "api web\n"],
    ["tr a-z A-Z < pods | head -1", "NAME READY STATUS\n"],
    ["wc -l < pods", "4\n"],
    ['echo \'{"items":[{"n":"a"},{"n":"b"}]}\' | jq -r \'.items[].n\'', "a\nb\n"],
    ["echo -n hi | base64; echo aGk= | base64 -d; echo", "aGk=\nhi\n"],
    ["test -f pods && [ 3 -gt 2 ] && echo yes", "yes\n"],
  ];
  for (const [line, expected] of cases) {
    assert.equal((await terminal.runLine(line)).output, expected, line);
  }
});

test("history lists the lines typed, numbered as bash does", async () => {
  const terminal = session();
  await terminal.runLine("echo one");
  await terminal.runLine("echo two");
  assert.equal(
    (await terminal.runLine("history")).output,
    "    1  echo one\n    2  echo two\n    3  history\n",
  );
  assert.equal((await terminal.runLine("history 1")).output, "    4  history 1\n");
});

test("syntax errors answer like bash, with status 2", async () => {
  const terminal = session();
  const { exitCode, output } = await terminal.runLine("echo 'unbalanced");
  assert.equal(exitCode, 2);
  assert.match(output, /^bash: .*unexpected EOF while looking for matching `''\n$/);
});

test("a misplaced keyword is reported with bash's own wording", async () => {
  assert.deepEqual(await session().runLine("then echo"), {
    output: "bash: syntax error near unexpected token `then'\n",
    exitCode: 2,
  });
});

test("extra commands join the shell and work in pipelines", async () => {
  const terminal = session({
    extraCommands: [
      {
        name: "lab",
        run: (args) => ({
          stdout: `[ ] task-1\ntasks: 0/1 done (${args.join(" ")})\n`,
          stderr: "",
          exitCode: 0,
        }),
      },
    ],
  });
  assert.equal(
    (await terminal.runLine("lab status | tail -1")).output,
    "tasks: 0/1 done (status)\n",
  );
});

test("kubectl's output inside $(...) goes to the variable, not the screen (guide step 4)", async () => {
  const terminal = session();
  const pods = await terminal.runLine("kubectl get pods -o name | head -1");
  const pod = pods.output.trim().replace("pod/", "");
  const assign = await terminal.runLine(
    `NODE=$(kubectl get pod ${pod} -o jsonpath='{.spec.nodeName}')`,
  );
  assert.equal(assign.output, "");
  const echoed = await terminal.runLine('echo "node is $NODE"');
  assert.match(echoed.output, /^node is node-\d\r?\n$/);
});

test("a missing command between operators is bash's syntax error, naming the operator", async () => {
  // Wording from bash 5.2 (`bash -i`) for each line.
  const cases: [string, string][] = [
    ["echo a | | cat", "|"],
    ['echo "|" | | cat', "|"],
    ["echo a | && echo b", "&&"],
    ["echo a && || echo b", "||"],
    ["echo a || ; echo b", ";"],
    ["echo a & | cat", "|"],
  ];
  for (const [line, token] of cases) {
    assert.deepEqual(
      await session().runLine(line),
      { output: `bash: syntax error near unexpected token \`${token}'\n`, exitCode: 2 },
      line,
    );
  }
  assert.equal((await session().runLine("echo 'a | | b' | cat")).output, "a | | b\n");
});

test("functions and set/shopt options stay for the next lines, as in an interactive bash", async () => {
  const terminal = session();
  await terminal.runLine("pods() { kubectl get pods --no-headers | wc -l; }");
  assert.match((await terminal.runLine("pods")).output, /^\d+\n$/);
  await terminal.runLine("set -o pipefail; shopt -s nullglob");
  assert.equal((await terminal.runLine("false | true; echo $?")).output, "1\n");
  assert.equal((await terminal.runLine("echo /nonexistent/*")).output, "\n");
  await terminal.runLine("set +o pipefail");
  assert.equal((await terminal.runLine("false | true; echo $?")).output, "0\n");
  // $? survives the restored state.
  await terminal.runLine("false");
  assert.equal((await terminal.runLine("echo $?")).output, "1\n");
  await terminal.runLine("unset -f pods");
  assert.equal((await terminal.runLine("pods")).exitCode, 127);
});

test("grep follows GNU's option rules: several -e patterns, explicit -A/-B over -C, combined options", async () => {
  // Each expectation is what GNU grep 3.8 prints for the same line.
  const cases: [string, string][] = [
    [
      'printf "Reason: x\\nExit Code: 128\\nother\\n" | grep -e Reason -e "Exit Code"',
      "Reason: x\nExit Code: 128\n",
    ],
    ['printf "Reason: x\\nExit Code: 128\\n" | grep -c -e Reason -e Exit', "2\n"],
    ['printf "a.b\\naxb\\nx\\n" | grep -F -e a.b -e y', "a.b\n"],
    ['printf "aa\\nd\\nb\\n" | grep -E -e "a+" -e "c|d"', "aa\nd\n"],
    ['printf "ab\\nabc\\nc\\n" | grep -w -e ab -e c', "ab\nc\n"],
    ['printf "a\\nb\\nc\\nd\\n" | grep -B1 -C0 c', "b\nc\n"],
    ['printf "a\\nb\\nc\\nd\\n" | grep -C0 -B1 c', "b\nc\n"],
    ['printf "a\\nb\\nc\\nd\\ne\\n" | grep -A1 -e b -e d', "b\nc\nd\ne\n"],
    ['printf "a\\nb\\nc\\nd\\ne\\nf\\n" | grep -2 -A0 d', "b\nc\nd\n"],
    ['printf "a\\nb\\nc\\nd\\n" | grep -inA1 -- C', "3:c\n4-d\n"],
    ["printf 'x\\n' | grep --regexp=x --regexp=y", "x\n"],
    // -v inverts the union of the patterns: a line matching any -e is left out.
    ["printf 'a\\nb\\nc\\n' | grep -v -e a -e b", "c\n"],
    ["printf 'a\\nb\\nc\\n' | grep -c -v -e a -e b", "1\n"],
    ["printf 'a\\nab\\nbc\\nx.y\\n' | grep -vF -e x.y -e bc", "a\nab\n"],
    ["printf 'a\\nab\\nbc\\nA\\n' | grep -vx -e a -e bc", "ab\nA\n"],
    ["printf 'a\\nb\\nc\\n' | grep -n -v -e a -e b", "3:c\n"],
    [
      "grep",
      "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
    ],
  ];
  await expectOutputs(cases);
});

test("sort collates by byte under the C locale (debug image, node, LC_ALL=C) as GNU sort does", async () => {
  // Expectations from GNU sort 9.1 with LC_ALL=C.
  const cases: [string, string][] = [
    ['printf "b\\nB\\na\\nA\\n_x\\n10\\n9\\n" | LC_ALL=C sort', "10\n9\nA\nB\n_x\na\nb\n"],
    ['printf "b\\nB\\na\\nA\\n" | LC_ALL=C sort -f', "A\na\nB\nb\n"],
    ['printf "b 2\\na 10\\nc 1\\nd 10\\n" | LC_ALL=C sort -k2,2nr', "a 10\nd 10\nb 2\nc 1\n"],
    ['printf "x:3:a\\ny:1:b\\nz:2:a\\n" | LC_ALL=C sort -t: -k3,3 -k2,2n', "z:2:a\nx:3:a\ny:1:b\n"],
    ['printf "a\\nb\\na\\nB\\n" | LC_ALL=C sort -uf', "a\nb\n"],
    [
      'printf "web-1   Running   3\\nweb-10  Error     1\\nweb-2   Running   10\\n" | LC_ALL=C sort -k2',
      // Without -b a key starts with the blanks before the field: three spaces sort first.
      "web-2   Running   10\nweb-1   Running   3\nweb-10  Error     1\n",
    ],
  ];
  await expectOutputs(cases);
  const terminal = session();
  const node = terminal.cluster.faultNodes[0] ?? "";
  const { output } = await terminal.runLine(
    `kubectl debug node/${node} -it --image=ubuntu -- bash -c 'printf "b\\nB\\na\\n" | sort'`,
  );
  assert.match(output, /\nB\na\nb\n$/);
  // The workstation is en_US.UTF-8: case is a tie-break there, not the first key.
  assert.equal((await terminal.runLine('printf "b\\nB\\na\\n" | sort')).output, "a\nb\nB\n");
});

test("parse errors use bash 5.2's wording: the token where parsing stopped, or end of file", async () => {
  // What `bash -c LINE` prints for each (without its "-c: line N:" prefix).
  await expectOutputs([
    ["for", "bash: syntax error near unexpected token `newline'\n"],
    ["case", "bash: syntax error near unexpected token `newline'\n"],
    ["echo a >", "bash: syntax error near unexpected token `newline'\n"],
    ["cat <", "bash: syntax error near unexpected token `newline'\n"],
    ["for x in a b", "bash: syntax error: unexpected end of file\n"],
    ["if true", "bash: syntax error: unexpected end of file\n"],
    ["f() {", "bash: syntax error: unexpected end of file\n"],
  ]);
});

test("more broken lines get bash 5.2's own message (bash -c LINE, without its line prefix)", async () => {
  await expectOutputs([
    ["echo hi; ;", "bash: syntax error near unexpected token `;'\n"],
    ["a ; ; b", "bash: syntax error near unexpected token `;'\n"],
    ["a |", "bash: syntax error: unexpected end of file\n"],
    ["echo hi &&", "bash: syntax error: unexpected end of file\n"],
    ["a || # why", "bash: syntax error: unexpected end of file\n"],
    ["if true; then", "bash: syntax error: unexpected end of file\n"],
    ["if then fi", "bash: syntax error near unexpected token `then'\n"],
    ["f() ", "bash: syntax error: unexpected end of file\n"],
    ["((", "bash: unexpected EOF while looking for matching `)'\n"],
    ["[[ 1 == ]]", "bash: unexpected argument `]]' to conditional binary operator\n"],
    ["echo $(", "bash: unexpected EOF while looking for matching `)'\n"],
    ["echo ${x", "bash: unexpected EOF while looking for matching `}'\n"],
    ["echo 'open", "bash: unexpected EOF while looking for matching `''\n"],
    ['echo "open', "bash: unexpected EOF while looking for matching `\"'\n"],
  ]);
  // Operators inside quotes, comments and here-documents are text.
  await expectOutputs([
    ["echo 'a ; ; b' # && &&", "a ; ; b\n"],
    ["cat <<EOF\n;;\n;;\nEOF", ";;\n;;\n"],
  ]);
});

test("set -e ends the shell at a failing command, as bash does; the terminal goes on in a new one", async () => {
  const terminal = session();
  await terminal.runLine("cd /tmp; NAME=web; pods() { :; }; alias kg='kubectl get'");
  await terminal.runLine("set -e");
  // Not a failure that ends bash: a command left of && (bash's errexit rules).
  assert.deepEqual(await terminal.runLine("false && true; echo $?"), {
    output: "1\n",
    exitCode: 0,
  });
  const ended = await terminal.runLine("false; echo not-reached");
  assert.doesNotMatch(ended.output, /not-reached/);
  assert.ok(ended.output.startsWith("\x1b[2m[coach] set -e ended this shell"), ended.output);
  // The new login shell: home directory, no variables, functions, aliases or options of the old.
  assert.equal(
    (
      await terminal.runLine(
        'pwd; echo "[$NAME]" $?; type pods kg 2>&1 | wc -l; set -o | grep errexit',
      )
    ).output,
    "/home/learner\n[] 0\n2\nerrexit         off\n",
  );
  assert.equal((await terminal.runLine("false; echo still-here")).output, "still-here\n");
});

test("the workstation's sort collates as glibc's en_US.UTF-8, not byte order nor ICU", async () => {
  const names = [
    "web-2",
    "web-10",
    "web-1",
    "Web-1",
    "web1",
    "web_1",
    "web 1",
    "a-b",
    "ab",
    "a_b",
    "Ab",
    "aB",
    "AB",
    "b",
    "B",
    "_x",
    "x-1",
    "x1",
    "node-3",
    "node-10",
    "NODE-2",
    "kube-proxy-abc",
    "kube-proxy",
    "kubeproxy",
    "kube_proxy",
    "#a",
    "a#",
    "1a",
    "a1",
    "10",
    "9",
    "-1",
    "é",
    "e",
    "f",
    "E",
    "é1",
    "e2",
    "",
  ];
  const input = `printf '%s\\n' ${names.map((name) => `'${name}'`).join(" ")}`;
  // `LC_ALL=en_US.UTF-8 sort` (GNU coreutils 9.1, glibc 2.36) over the same lines.
  const sorted = [
    "",
    "-1",
    "10",
    "1a",
    "9",
    "#a",
    "a#",
    "a1",
    "a-b",
    "a_b",
    "ab",
    "aB",
    "Ab",
    "AB",
    "b",
    "B",
    "e",
    "E",
    "é",
    "é1",
    "e2",
    "f",
    "kube-proxy",
    "kube_proxy",
    "kubeproxy",
    "kube-proxy-abc",
    "node-10",
    "NODE-2",
    "node-3",
    "web 1",
    "web-1",
    "web_1",
    "web1",
    "Web-1",
    "web-10",
    "web-2",
    "_x",
    "x-1",
    "x1",
  ];
  const folded = [...sorted];
  // -f compares the uppercased lines; equal ones keep strcoll's lowercase-first order.
  folded.splice(folded.indexOf("web_1"), 3, "Web-1", "web_1", "web1");
  await expectOutputs([
    [`${input} | sort`, `${sorted.join("\n")}\n`],
    [`${input} | sort -r`, `${[...sorted].reverse().join("\n")}\n`],
    [`${input} | sort -f`, `${folded.join("\n")}\n`],
    [`${input} | LANG=C.UTF-8 sort | head -3`, "\n#a\n-1\n"],
  ]);
});

test("ash and dash report broken lines in their own words", async () => {
  // `busybox sh -c LINE` (BusyBox 1.35) and `dash -c LINE` (dash 0.5.12, named sh) for each line.
  const cases: [string, string, string][] = [
    ["2)", 'sh: syntax error: unexpected ")"', 'sh: 1: Syntax error: ")" unexpected'],
    ["a | | b", 'sh: syntax error: unexpected "|"', 'sh: 1: Syntax error: "|" unexpected'],
    [
      "if true; then",
      'sh: syntax error: unexpected end of file (expecting "fi")',
      'sh: 1: Syntax error: end of file unexpected (expecting "fi")',
    ],
    [
      "echo 'open",
      "sh: syntax error: unterminated quoted string",
      "sh: 1: Syntax error: Unterminated quoted string",
    ],
    [
      "echo $(",
      'sh: syntax error: unexpected end of file (expecting ")")',
      'sh: 1: Syntax error: end of file unexpected (expecting ")")',
    ],
    ["echo ${x", "sh: syntax error: missing '}'", "sh: 1: Syntax error: Missing '}'"],
    [
      "echo >",
      "sh: syntax error: unexpected end of file",
      "sh: 1: Syntax error: end of file unexpected",
    ],
    ["a=(1 2)", 'sh: syntax error: unexpected "("', 'sh: 1: Syntax error: "(" unexpected'],
    [
      "case x in",
      'sh: syntax error: unexpected end of file (expecting ")")',
      'sh: 1: Syntax error: end of file unexpected (expecting ")")',
    ],
    [
      "for x in a; do",
      'sh: syntax error: unexpected end of file (expecting "done")',
      'sh: 1: Syntax error: end of file unexpected (expecting "done")',
    ],
  ];
  for (const [line, ash, dash] of cases) {
    for (const [dialect, expected] of [
      ["ash", ash],
      ["dash", dash],
    ] as const) {
      const shell = new Shell({
        fs: new InMemoryFs(),
        clock: { now: () => 0, advance: () => undefined },
        random: () => 0,
        env: { HOME: "/root", PWD: "/" },
        cwd: "/",
        user: "root",
        hostname: "c",
        host: "pod:default/c",
        commands: [],
        dialect,
      });
      const result = await shell.run(line, new AbortController().signal, () => undefined);
      assert.deepEqual(
        [result.stdout + result.stderr, result.exitCode],
        [`${expected}\n`, 2],
        line,
      );
    }
  }
});

test("set -x traces each command before its output, one + per level of $(...), as bash 5.2", async () => {
  const terminal = session();
  // `bash -c 'set -x; echo a; N=$(echo $(echo deep)); echo "$N"; x=1; false; echo $?' 2>&1`.
  assert.equal(
    (
      await terminal.runLine(
        'set -x; echo a; N=$(echo $(echo deep)); echo "$N"; x=1; false; echo $?',
      )
    ).output,
    "+ echo a\na\n+++ echo deep\n++ echo deep\n+ N=deep\n+ echo deep\ndeep\n+ x=1\n+ false\n+ echo 1\n1\n",
  );
  // The option stays for the next lines; `set +x` is traced as it turns tracing off.
  assert.equal((await terminal.runLine("echo b")).output, "+ echo b\nb\n");
  assert.equal((await terminal.runLine("set +x; echo c")).output, "+ set +x\nc\n");
});

test("the shell says when a line ended it: set -e after a failure, or exit inside a longer line", async () => {
  const shell = new Shell({
    fs: new InMemoryFs(),
    clock: { now: () => 0, advance: () => undefined },
    random: () => 0,
    env: { HOME: "/root", PWD: "/" },
    cwd: "/",
    user: "root",
    hostname: "c",
    host: "pod:default/c",
    commands: [],
  });
  const run = async (line: string) => {
    await shell.run(line, new AbortController().signal, () => undefined);
    return shell.lineEndedShell;
  };
  assert.equal(await run("echo a; false"), undefined);
  assert.deepEqual(await run("echo bye; exit 3; echo no"), { status: 3, by: "exit" });
  assert.equal(await run("while true; do :; done"), undefined);
  assert.equal(await run("set -e"), undefined);
  assert.deepEqual(await run("false; echo no"), { status: 1, by: "errexit" });
  assert.equal(await run("echo fresh"), undefined);
});

test("sh on the workstation is dash, as /bin/sh on Ubuntu: sh -c and sh FILE answer in dash's words", async () => {
  // `dash -c ...` and `dash s.sh` (dash 0.5.12) for the same lines.
  await expectOutputs([
    [
      "sh -c 'foo; echo -e x; [[ 1 ]]; echo $?'",
      "sh: 1: foo: not found\n-e x\nsh: 1: [[: not found\n127\n",
    ],
    ["echo nope > s.sh; sh s.sh; echo $?", "s.sh: 1: nope: not found\n127\n"],
    ["sh missing.sh; echo $?", "sh: 0: cannot open missing.sh: No such file\n2\n"],
    ["export Y=2; X=1; sh -c 'echo $X-$Y'", "-2\n"],
    ["bash -c 'echo -e y'", "y\n"],
  ]);
});

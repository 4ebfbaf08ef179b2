/**
 * Families of phrasings found in the answers written blind as held-out sets 2 and 3 (moved into
 * development in session 3): each test is one family, with the sentences a careful grader reads
 * as stating the claim and the near misses that do not.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkAnswer } from "../../../../src/grading/interview/check-answer.ts";
import { loadQuestions } from "../../../../src/grading/interview/load-content.ts";

const questions = loadQuestions();
function checker(id: string): (answer: string) => ReturnType<typeof checkAnswer> {
  const question = questions.get(id);
  assert.ok(question, id);
  return (answer) => checkAnswer(question, answer);
}
const nodeSpecific = checker("node-specific");
const prevention = checker("prevention");
const restart = checker("restart-runtime");
const emptyLogs = checker("empty-logs");
const exitValues = checker("exit-values-languages");
const explain = checker("exit-128-explain");

test("a short sentence finishes the claim the sentence before began", () => {
  assert.deepEqual(prevention("More replicas. Problem solved.").misconceptions, [
    "m-restart-policy-fixes",
  ]);
  assert.deepEqual(prevention("restartPolicy: Always. It'll recover on its own.").misconceptions, [
    "m-restart-policy-fixes",
  ]);
  assert.deepEqual(
    nodeSpecific("Restart the pod a few times. If it eventually works, the node was the problem.")
      .misconceptions,
    ["m-restart-proves"],
  );
  // Each sentence stands alone when it names an exit code of its own.
  assert.deepEqual(
    explain(
      "128 isn't the application exiting; the runtime failed to start it. " +
        "Signal deaths show up as 128 + the signal number.",
    ).misconceptions,
    [],
  );
});

test("recreating pods and reading the outcome proves nothing; placing them on purpose does", () => {
  const recreated = nodeSpecific(
    "I'd restart the deployment with kubectl rollout restart. The new pods get spread over the " +
      "nodes, and if they come up healthy that proves the old node was at fault.",
  );
  assert.deepEqual(recreated.misconceptions, ["m-restart-proves"]);
  // The conclusion rests on the restart, so it is no comparison of nodes.
  assert.ok(!recreated.covered.includes("compare-result"));
  assert.deepEqual(
    nodeSpecific(
      "scale the deployment to 0 and back up; if the pods come back healthy, that shows it was the node",
    ).misconceptions,
    ["m-restart-proves"],
  );
  const deliberate = nodeSpecific(
    "cordon the suspect node\ndelete the failing pod so it reschedules\n" +
      "if the new pod is Running elsewhere, the node is at fault",
  );
  assert.deepEqual(deliberate.misconceptions, []);
  assert.ok(deliberate.covered.includes("compare-result"));
  // Reported from a colleague and rejected, it is not the candidate's claim.
  assert.deepEqual(
    nodeSpecific(
      'A colleague suggested "just kill the pod, if the replacement works it was the node".',
    ).misconceptions,
    [],
  );
});

test("a denied adequacy ('if that's not enough') does not deny the step after it", () => {
  assert.ok(
    emptyLogs(
      "read describe, and if that's not enough journalctl for containerd and the kubelet on the node",
    ).covered.includes("node-logs"),
  );
  assert.ok(!emptyLogs("I would not run journalctl for containerd").covered.includes("node-logs"));
});

test("a step said to change nothing is dismissed", () => {
  assert.ok(
    !explain("moving it to another node wouldn't change anything").covered.includes(
      "compare-nodes",
    ),
  );
  assert.ok(explain("I'd run the same pod on another node").covered.includes("compare-nodes"));
});

test("a typed systemctl command is a step, not a keyword list", () => {
  assert.ok(restart("`systemctl restart containerd` on node-2").covered.includes("restart-unit"));
});

test("the restart named as a moment ('after the restart') is no restart step", () => {
  const after = restart(
    "After the restart I'd check systemctl status containerd and that the node is Ready.",
  );
  assert.ok(!after.covered.includes("restart-unit"));
  assert.ok(after.covered.includes("verify"));
  assert.ok(
    restart("Then I'd restart containerd with systemctl.").covered.includes("restart-unit"),
  );
  assert.ok(restart("Drain it, bounce containerd, uncordon.").covered.includes("restart-unit"));
});

test("restarting containerd said to be safe or to need no preparation", () => {
  for (const answer of [
    "systemctl restart containerd on the node. No prep needed, it's safe.",
    "It's a busy node, but restarting containerd is totally safe, the shims keep the containers alive.",
    "Just run systemctl restart containerd; running containers keep going, so there's no risk.",
  ]) {
    assert.deepEqual(restart(answer).misconceptions, ["m-restart-no-impact"], answer);
  }
  assert.deepEqual(
    restart("Restarting containerd is not totally safe, so drain first.").misconceptions,
    [],
  );
});

test("empty logs taken to mean that nothing failed", () => {
  for (const answer of [
    "No logs, so nothing failed inside the container.",
    "Empty logs tell me the container didn't hit any error; the app ran cleanly.",
    "Blank logs are fine, that just means the container had no error to report.",
    "well if the logs are empty\nthen the container didn't hit any error",
  ]) {
    assert.deepEqual(emptyLogs(answer).misconceptions, ["m-empty-logs-no-error"], answer);
  }
  assert.deepEqual(
    emptyLogs("Empty logs don't mean nothing failed: the process never started.").misconceptions,
    [],
  );
});

test("exit values said to pass outside 0-255 without a stated limit", () => {
  // The status is 8 bits: exit(256) gives 0, exit(384) gives 128, exit(-1) gives 255.
  for (const answer of [
    "exit(256) is 256 and exit(384) is 384.",
    "so two fifty six stays two fifty six",
    "Exit status can be any int, even 1000 if the program wants.",
  ]) {
    assert.deepEqual(exitValues(answer).misconceptions, ["m-exit-range"], answer);
  }
  assert.deepEqual(exitValues("exit(256) is 0 and exit(384) is 128.").misconceptions, []);
  assert.deepEqual(
    explain(
      "Exit codes are a full byte plus a sign bit, so you can get anything from minus 128 to 255.",
    ).misconceptions,
    ["m-exit-range"],
  );
  assert.deepEqual(
    explain("Processes can only return 0 to 127, so 128 can't come from the app.").misconceptions,
    ["m-exit-range"],
  );
});

test("a negative exit value said to be seen as negative", () => {
  for (const answer of [
    "exit minus one you'd see minus one",
    "minus one just stays minus one",
    "exit(-1) shows up as -1, the shell keeps the sign.",
  ]) {
    assert.ok(exitValues(answer).misconceptions.includes("m-negative-kept"), answer);
  }
  assert.deepEqual(exitValues("exit(-1) shows up as 255, not -1.").misconceptions, []);
});

const signals = checker("signals-137-143");
const codes = checker("tell-126-127-128");

test("137 equated with running out of memory, unless the sentence qualifies it", () => {
  // 137 is SIGKILL (128 + 9) from any source; OOMKilled is one of them.
  for (const answer of [
    "137 = OOM.",
    "Because 137 is by definition an out-of-memory kill, the more interesting code is 143.",
    "ok so one thirty seven is the out of memory one",
  ]) {
    assert.deepEqual(signals(answer).misconceptions, ["m-137-always-oom"], answer);
  }
  for (const answer of [
    "137 is SIGKILL, which is usually the OOM killer.",
    "137 is often memory, but check the reason.",
    "one three seven is sig kill signal nine and it can mean out of memory",
  ]) {
    assert.deepEqual(signals(answer).misconceptions, [], answer);
  }
});

test("the claim read across sentences keeps its order and its own exit code", () => {
  // "Prevention" begins the first sentence; the restart policy only starts the second.
  assert.deepEqual(
    prevention(
      "Prevention means removing the causes. A restart policy just restarts the container into the same StartError.",
    ).misconceptions,
    [],
  );
  assert.deepEqual(
    prevention(
      "Set restartPolicy: Always and run at least three replicas. Then an exit 128 on one pod " +
        "just gets restarted, so the problem goes away on its own.",
    ).misconceptions,
    ["m-restart-policy-fixes"],
  );
});

test("'that code' after a reason refers to the code named before", () => {
  assert.deepEqual(
    codes(
      "When a pod shows 126 I'd first check the image, since that code tells you the executable is missing from the image.",
    ).misconceptions,
    ["m-126-not-found"],
  );
  assert.deepEqual(
    codes(
      "If the container exits 127 I'd add chmod +x, because that code means the file lacks execute permission.",
    ).misconceptions,
    ["m-127-permission"],
  );
});

test("an exit code, an aside, then its verb: the verb asks nothing", () => {
  assert.deepEqual(
    codes("127, I'm fairly certain, is a permissions problem: the file exists.").misconceptions,
    ["m-127-permission"],
  );
  assert.deepEqual(codes("127: no permission.").misconceptions, ["m-127-permission"]);
  assert.deepEqual(codes("Is 127 a permission problem?").misconceptions, []);
});

test("a step that 'proves nothing' is denied; a runbook's claim is reported, not made", () => {
  assert.deepEqual(
    nodeSpecific("Restarting or deleting the pod proves nothing by itself.").misconceptions,
    [],
  );
  assert.deepEqual(
    emptyLogs("The on-call runbook says empty logs mean the app is fine.").misconceptions,
    [],
  );
  assert.deepEqual(emptyLogs("Empty logs mean the app is fine.").misconceptions, [
    "m-empty-logs-no-error",
  ]);
});

test("a longer run of short noun phrases, or slash-separated terms, is a keyword list", () => {
  assert.deepEqual(
    prevention(
      "CI, containerd, entrypoint, exit codes 0-125, git clone, credentials, node problem detector",
    ).covered,
    [],
  );
  assert.deepEqual(
    explain(
      "StartError / runc / exec format error / permission denied / git fatal / modulo 256 / 128+N / kubectl logs --previous",
    ).covered,
    [],
  );
  assert.deepEqual(
    explain("kubectl describe dmesg journalctl containerd another node").covered,
    [],
  );
  // Terse steps open with verbs, and a command with its fields is a step.
  assert.ok(
    explain(
      "kubectl describe pod: Last State, Exit Code 128, Reason StartError, Message.",
    ).covered.includes("describe-previous"),
  );
  assert.ok(
    prevention(
      "test images in CI, check the entrypoint, use exit codes 0-125, mount git credentials, alert on containerd errors, watch PIDs",
    ).covered.includes("image-checks"),
  );
});

test("a term asked about alone ('git credentials?') is no step", () => {
  assert.deepEqual(prevention("should we test images?\nmaybe\ngit credentials?").covered, []);
});

test("exit values: ranges named after them, signed ranges, values passed unchanged", () => {
  for (const answer of [
    "Only 0 to 127 are real exit values: the top bit says killed by a signal.",
    "the status is a signed value between minus 128 and plus 127",
    "two fifty six and three eighty four just come through unchanged",
  ]) {
    assert.ok(exitValues(answer).misconceptions.includes("m-exit-range"), answer);
  }
  for (const answer of [
    "255, 0 and 128, because the value wraps around modulo 256.",
    "Programs should stick to small values; Go's docs recommend 0 to 125 for exit codes.",
  ]) {
    assert.deepEqual(exitValues(answer).misconceptions, [], answer);
  }
  assert.ok(
    exitValues(
      "Go's docs recommend 0 to 125, because higher numbers mean something to the shell.",
    ).covered.includes("portable-range"),
  );
});

test("a sentence stating a wrong range gives no correct examples; -128 is not 128", () => {
  const wrongRange = exitValues(
    "On Linux the exit status is a 16-bit field; exit(256) and exit(384) come through as 256 and 384.",
  );
  assert.deepEqual(wrongRange.covered, []);
  assert.ok(
    !exitValues("minus one twenty eight stays minus one twenty eight").covered.includes("examples"),
  );
  assert.ok(exitValues("exit(-128) gives 128").covered.includes("examples"));
  // A subtraction keeps its number: "exit code minus 128 is the signal".
  assert.ok(signals("Exit code minus 128 is the signal number.").covered.includes("signal-offset"));
});

test("exit-128-explain: denied in the code's clause, described after it; asides; app problems", () => {
  // An OOM kill is SIGKILL, reported as 137; 128 is no signal death.
  assert.deepEqual(
    explain("It isn't an OOM: an OOM kill is a SIGKILL, which shows up as 137.").misconceptions,
    [],
  );
  assert.deepEqual(explain("128 isn't an app bug, it's an OOM kill.").misconceptions, [
    "m-oom-128",
  ]);
  assert.deepEqual(
    explain("So exit code 128, in my experience, is the memory one.").misconceptions,
    ["m-oom-128"],
  );
  assert.deepEqual(
    explain("the kernel's OOM killer steps in and Kubernetes records 128 for that.").misconceptions,
    ["m-oom-128"],
  );
  assert.deepEqual(explain("128 = app problem, every time.").misconceptions, ["m-always-app-bug"]);
  assert.deepEqual(
    explain('people read it as "my app crashed", and most of the time the app never ran.')
      .misconceptions,
    [],
  );
  assert.deepEqual(
    explain("I believe exit codes above 255 are possible in containers.").misconceptions,
    ["m-exit-range"],
  );
  assert.deepEqual(explain("Exit codes above 255 are not possible.").misconceptions, []);
});

test("signal pairs: a semicolon parts statements; the signal a process ignores killed nothing", () => {
  const parted = signals("SIGKILL is signal 9, so 137; SIGTERM is signal 15, so 143.");
  assert.deepEqual(parted.misconceptions, []);
  assert.ok(parted.covered.includes("sigkill-137") && parted.covered.includes("sigterm-143"));
  assert.deepEqual(
    signals("and 137 after a delete = it ignored SIGTERM and got SIGKILLed at the end")
      .misconceptions,
    [],
  );
  assert.deepEqual(signals("137 means SIGTERM.").misconceptions, ["m-wrong-signal-pair"]);
});

test("grace-period needs the sequence, not a grace period named among the sources of 137", () => {
  // The kubelet sends SIGTERM, waits terminationGracePeriodSeconds, then sends SIGKILL.
  assert.ok(
    !signals(
      "It's SIGKILL from any source: the OOM killer, the kubelet after the grace period, or someone's kill -9.",
    ).covered.includes("grace-period"),
  );
  for (const answer of [
    "it waits terminationGracePeriodSeconds (default 30s)",
    "If your app doesn't handle SIGTERM, it will be SIGKILLed after the grace period.",
    "the kubelet after the grace period expires",
  ]) {
    assert.ok(signals(answer).covered.includes("grace-period"), answer);
  }
});

test("restart-runtime verify: checking the node is healthy again", () => {
  assert.ok(
    restart("Drain it, restart containerd, check it's healthy, then uncordon.").covered.includes(
      "verify",
    ),
  );
});

test("a later exit code with its own verb does not take the words before it", () => {
  const result = codes(
    "one twenty six means it's there but you can't execute it like there's no execute permission and one twenty eight in a pod usually means containerd couldn't start the process",
  );
  assert.ok(result.covered.includes("code-126"));
  assert.deepEqual(
    codes(
      "126 means the binary wasn't found on the PATH, 127 means it was found but isn't executable.",
    ).misconceptions,
    ["m-126-not-found", "m-127-permission"],
  );
});

test("exit-128-explain: claims that overrule the key points their words seem to cover", () => {
  // "Always an app bug" with exit(128): the program returning 128 is not offered as one cause.
  assert.deepEqual(
    explain("It is always an application bug: the code called exit with 128.").covered,
    [],
  );
  // "At or above 128" puts 128 among the signals: no 128 + N offset.
  const inclusive = explain(
    "anything at or above 128 means the process was killed by a signal, so 128 means killed.",
  );
  assert.ok(!inclusive.covered.includes("signal-offset"));
  assert.ok(inclusive.misconceptions.includes("m-128-is-signal"));
  assert.ok(
    explain(
      "Codes above 128 mean killed by a signal: 128 plus the signal number.",
    ).covered.includes("signal-offset"),
  );
  // "went over its memory limit ... 128 ... OOM-killed" is no offset above 128.
  assert.ok(
    !explain(
      "Exit code 128 means the container got OOM-killed because it went over its memory limit.",
    ).covered.includes("signal-offset"),
  );
  // "code minus 128" subtracts; it is no exit(-128).
  assert.ok(
    !explain(
      "Exit codes above 128 are signals, code minus 128 gives you the signal.",
    ).covered.includes("invalid-exit-value"),
  );
  assert.ok(explain("exit(-128) wraps to 128 too.").covered.includes("invalid-exit-value"));
  assert.deepEqual(
    explain("you can get anything from minus 128 to 255, and a negative exit stays negative.")
      .covered,
    [],
  );
});

test("'if A, B' with B stated as fact states the rule; 'if A, you would see B' imagines it", () => {
  assert.deepEqual(
    nodeSpecific("If the pod works after a restart, the node was the problem.").misconceptions,
    ["m-restart-proves"],
  );
  assert.deepEqual(
    emptyLogs("If there's nothing in the logs, the app is healthy.").misconceptions,
    ["m-empty-logs-no-error"],
  );
  assert.deepEqual(
    explain("If a container is OOM killed you get 137, not 128.").misconceptions,
    [],
  );
  assert.deepEqual(
    signals("If it were always OOM, every 137 would say OOMKilled.").misconceptions,
    [],
  );
});

test("more members of the small questions' misconception families, and their denials", () => {
  const stated: [(answer: string) => ReturnType<typeof checkAnswer>, string, string][] = [
    [emptyLogs, "No logs = no errors.", "m-empty-logs-no-error"],
    [emptyLogs, "An empty log just means everything worked.", "m-empty-logs-no-error"],
    [
      prevention,
      "CrashLoopBackOff will eventually sort it out, the restarts take care of it.",
      "m-restart-policy-fixes",
    ],
    [exitValues, "The shell will show -1.", "m-negative-kept"],
    [explain, "OOMKilled gives you 128.", "m-oom-128"],
  ];
  for (const [check, answer, id] of stated) {
    assert.deepEqual(check(answer).misconceptions, [id], answer);
  }
  const denied: [(answer: string) => ReturnType<typeof checkAnswer>, string][] = [
    [
      emptyLogs,
      "Empty logs are expected here: the process never started, so nothing could be logged.",
    ],
    [prevention, "Kubernetes restarts the container, but that doesn't fix the cause."],
    [restart, "It's safe to restart containerd once the node is drained."],
    [exitValues, "You never see -1: the status is unsigned."],
    [explain, "OOMKilled gives you 137; 128 is a start failure."],
  ];
  for (const [check, answer] of denied) {
    assert.deepEqual(check(answer).misconceptions, [], answer);
  }
});

test("'the maximum exit code is 128' names the limit and what it limits; 'memory related'", () => {
  assert.deepEqual(explain("The maximum exit code is 128.").misconceptions, ["m-exit-range"]);
  assert.deepEqual(explain("The maximum exit code is 255.").misconceptions, []);
  assert.deepEqual(
    explain("I'd bump the memory limit because 128 is memory related.").misconceptions,
    ["m-oom-128"],
  );
});

test("signal-offset by subtraction or 'adding the signal'; 'it' beside a sum is the code named", () => {
  for (const answer of [
    "I checked: 143 - 128 = 15, which is SIGTERM.",
    "basically you take away one twenty eight and you get the signal number",
    "you get them by adding the signal to one twenty eight",
  ]) {
    assert.ok(signals(answer).covered.includes("signal-offset"), answer);
  }
  assert.ok(
    signals(
      "One forty three is the friendly one: it's 128 plus 15, and 15 is SIGTERM.",
    ).covered.includes("sigterm-143"),
  );
});

test("key point families of the small questions found in the moved held-out sets", () => {
  assert.ok(
    emptyLogs(
      "because the container process never actually ran the runtime blew up before it could start",
    ).covered.includes("never-started"),
  );
  assert.ok(
    emptyLogs("kubectl describe pod: last state, reason, message, events").covered.includes(
      "describe-state",
    ),
  );
  // Naming more tools after the command is still a list.
  assert.deepEqual(
    emptyLogs("kubectl logs -p, describe, StartError, journalctl, containerd, kubelet, dmesg")
      .covered,
    [],
  );
  assert.ok(
    nodeSpecific("if it is, read the kubelet journal on that node").covered.includes(
      "node-inspect",
    ),
  );
  assert.ok(
    nodeSpecific("kubectl get pods -o wide: are the 128s all on one node?").covered.includes(
      "wide-output",
    ),
  );
  assert.ok(
    nodeSpecific(
      "If the identical pod runs fine on node B and fails on node A, node A is the problem.",
    ).covered.includes("compare-result"),
  );
  assert.ok(
    codes("126 is it was found but you can't run it like no execute permission").covered.includes(
      "code-126",
    ),
  );
});

test("notes: '>128' reads 'above 128'; the kernel log on the node", () => {
  const notes = explain("- >128: killed by signal, code = 128 + N");
  assert.deepEqual(notes.covered, ["signal-offset"]);
  assert.deepEqual(notes.misconceptions, []);
  assert.ok(
    explain("containerd journal on the node, and the kernel log").covered.includes("kernel-logs"),
  );
  // An arrow still links its sides: "kill -9 -> 137".
  assert.ok(explain("kill -9 -> 137").covered.includes("signal-examples"));
});

test("numbered notes cover each step: a command is its own check", () => {
  assert.deepEqual(
    restart(
      "1) kubectl cordon + drain\n2) systemctl restart containerd\n3) systemctl status containerd, node Ready\n4) kubectl uncordon",
    ).covered,
    ["cordon-drain", "restart-unit", "verify", "uncordon"],
  );
  assert.deepEqual(
    nodeSpecific(
      "1. kubectl get pods -o wide\n2. nodeSelector to a healthy node\n3. works there, fails on the suspect -> node\n4. kubectl debug node, dmesg",
    ).covered,
    ["wide-output", "pin-other-node", "compare-result", "node-inspect"],
  );
  assert.ok(!restart("Don't bother with systemctl status.").covered.includes("verify"));
});

test("spoken: a consequence opened by its own subject states the rule, unless it imagines", () => {
  assert.deepEqual(
    nodeSpecific("I'd just delete the pod and see if the new one works if it does the node was bad")
      .misconceptions,
    ["m-restart-proves"],
  );
  assert.deepEqual(signals("if you see one thirty seven it's out of memory").misconceptions, [
    "m-137-always-oom",
  ]);
  assert.deepEqual(signals("if it were OOM you would see one thirty seven").misconceptions, []);
});

test("spoken: 'if the logs are empty the app is fine' states the rule without a comma", () => {
  assert.deepEqual(
    emptyLogs("honestly if the logs are empty the app is fine so it's probably something else")
      .misconceptions,
    ["m-empty-logs-no-error"],
  );
  assert.deepEqual(
    emptyLogs("if the logs are empty the error is in the pod status").misconceptions,
    [],
  );
  assert.deepEqual(
    emptyLogs("if the logs were empty the app would be fine, but that's not how it works")
      .misconceptions,
    [],
  );
});

test("a description denied of one code and given to another covers the other", () => {
  const result = codes(
    '126 isn\'t "not found", that\'s 127. 127 is not "permission denied", that\'s 126.',
  );
  assert.deepEqual(result.covered, ["code-127", "code-126"]);
  assert.deepEqual(result.misconceptions, []);
  // Without the reassignment the denial covers nothing.
  assert.deepEqual(codes('126 isn\'t "not found".').covered, []);
});

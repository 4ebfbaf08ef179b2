import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenise } from "../../../../src/grading/interview/tokenise.ts";

const words = (text: string): string =>
  tokenise(text)
    .map((token) => token.text)
    .join(" ");

test("common mis-hearings of speech recognition become the real terms", () => {
  assert.equal(words("cube let"), "kubelet");
  assert.equal(words("container d logs"), "containerd logs");
  assert.equal(words("run d message"), "run dmesg");
  assert.equal(words("a c group error"), "a cgroup error");
  assert.equal(words("sig kill"), "sigkill");
  assert.equal(words("journal control"), "journalctl");
  assert.equal(words("cube control describe"), "kubectl describe");
  assert.equal(words("kill dash nine"), "kill - 9");
});

test("contractions carry their negation as a separate word", () => {
  assert.equal(words("it isn't an OOM"), "it is not an oom");
  assert.equal(words("I wouldn't look"), "i would not look");
  assert.equal(words("the runtime can't start it"), "the runtime can not start it");
  assert.equal(words("it cannot exec"), "it can not exec");
});

test("a call's parentheses do not split exit(128), an aside's do start a new clause", () => {
  assert.equal(words("exit(128)"), "exit 128");
  const tokens = tokenise("not an OOM (that is 137)");
  const oom = tokens.find((token) => token.text === "oom");
  const code = tokens.find((token) => token.text === "137");
  assert.notEqual(oom?.clause, code?.clause);
});

test("contrast words and a new subject start a new clause in run-on speech", () => {
  const tokens = tokenise("it is not the app it is the runtime failing");
  const not = tokens.find((token) => token.text === "not");
  const runtime = tokens.find((token) => token.text === "runtime");
  assert.notEqual(not?.clause, runtime?.clause);
  const reported = tokenise("I would not say it is OOM");
  assert.equal(reported.at(0)?.clause, reported.at(-1)?.clause);
});

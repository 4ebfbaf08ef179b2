/**
 * The built-in alpine/git image runs git as its entrypoint: `kubectl run ... --image=alpine/git --
 * ls-remote URL` and `docker run --rm alpine/git ls-remote URL` answer as git 2.4x does against the
 * lab's private repository. Expectations: git ls-remote prints `<40-hex sha>\t<ref>` lines on
 * stdout (HEAD first, --heads keeps refs/heads/*), and without a terminal its fatal errors are
 * the clone's (reference/exit-codes.md: exit 128).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "yaml";
import type { ScenarioInput } from "../../../../src/schemas/scenario.ts";
import { session } from "./helpers.ts";

const scenario = parse(
  readFileSync(
    new URL("../../../../labs/git-init-container/scenario-private-repo.yaml", import.meta.url),
    "utf8",
  ),
) as ScenarioInput;
const TOKEN = "ghp_4cMeS1teC0ntentR3adOnly7kQ2xV9pL0wZ";
const REPO = "github.com/acme/site-content.git";
const SHA_LINE = /^[0-9a-f]{40}\t(HEAD|refs\/heads\/main)$/;

test("kubectl run -it --image=alpine/git -- ls-remote: git's refs with the token, its fatal lines without", async () => {
  const terminal = session({ scenario });
  const ok = await terminal.runLine(
    `kubectl run gitcheck --rm -it --restart=Never --image=alpine/git -- ls-remote https://x:${TOKEN}@${REPO}`,
  );
  assert.equal(ok.exitCode, 0);
  const refs = ok.output.split("\n").filter((line) => SHA_LINE.test(line));
  assert.deepEqual(
    refs.map((line) => line.split("\t")[1]),
    ["HEAD", "refs/heads/main"],
  );
  assert.equal(refs[0]?.split("\t")[0], refs[1]?.split("\t")[0], "HEAD is main's commit");
  assert.doesNotMatch(ok.output, /command not found/);

  const anonymous = await terminal.runLine(
    `kubectl run gitcheck --rm -it --restart=Never --image=alpine/git -- ls-remote https://${REPO}`,
  );
  assert.equal(anonymous.exitCode, 128);
  assert.match(
    anonymous.output,
    /^fatal: could not read Username for 'https:\/\/github.com': No such device or address$/m,
  );
  const typo = await terminal.runLine(
    `kubectl run gitcheck --rm -it --restart=Never --image=alpine/git -- ls-remote https://x:${TOKEN}@github.com/acme/site-contnet.git`,
  );
  assert.equal(typo.exitCode, 128);
  assert.match(
    typo.output,
    /^remote: Repository not found\.\nfatal: repository 'https:\/\/github.com\/acme\/site-contnet.git\/' not found$/m,
  );
});

test("the lesson's form (--command -- git ls-remote) runs git itself; a failure ends as run.go says", async () => {
  const terminal = session({ scenario });
  const typo = await terminal.runLine(
    `kubectl run git-check --image=alpine/git --restart=Never -it --rm --command -- git ls-remote https://x:${TOKEN}@github.com/acme/site-contnet.git`,
  );
  assert.equal(typo.exitCode, 128);
  assert.doesNotMatch(typo.output, /command not found/);
  // kubectl waits for the pod, removes it (--rm), then reports the container's end (CodeExitError).
  assert.match(
    typo.output,
    /fatal: repository 'https:\/\/github.com\/acme\/site-contnet.git\/' not found\n(?:.*\n)*pod "git-check" deleted\n(?:.*\n)*pod default\/git-check terminated \(Error\)\n/,
  );
});

test("docker run --rm alpine/git ls-remote answers as git; an image without git still cannot run it", async () => {
  const terminal = session({ scenario });
  // alpine/git is not on the workstation: pulled first, so the runs below print only git's lines.
  await terminal.runLine("docker pull alpine/git");
  const heads = await terminal.runLine(
    `docker run --rm alpine/git ls-remote --heads https://x:${TOKEN}@${REPO}`,
  );
  assert.equal(heads.exitCode, 0);
  assert.match(heads.output, /^[0-9a-f]{40}\trefs\/heads\/main\n$/);
  const unknownHost = await terminal.runLine(
    `docker run --rm alpine/git ls-remote https://gitlab.example/acme/site-content.git`,
  );
  assert.equal(unknownHost.exitCode, 128);
  assert.equal(
    unknownHost.output,
    "fatal: unable to access 'https://gitlab.example/acme/site-content.git/': Could not resolve host: gitlab.example\n",
  );
  const busybox = await terminal.runLine(`docker run --rm busybox git ls-remote https://${REPO}`);
  assert.equal(busybox.exitCode, 127);
  assert.match(busybox.output, /exec: "git": executable file not found in \$PATH/);
});

test("in a scenario without repositories no git host resolves", async () => {
  const terminal = session();
  await terminal.runLine("docker pull alpine/git");
  const result = await terminal.runLine(
    "docker run --rm alpine/git ls-remote https://github.com/acme/site-content.git",
  );
  assert.equal(result.exitCode, 128);
  assert.equal(
    result.output,
    "fatal: unable to access 'https://github.com/acme/site-content.git/': Could not resolve host: github.com\n",
  );
});

/**
 * docker as the docker 28 CLI and daemon answer (docker/cli v28.5.2): --entrypoint, image
 * inspect, stop/kill/rm of running containers, pulls of images not on the workstation, and the
 * CLI's one generation of error footers (cli/command/container/run.go withHelp, cli/cobra.go
 * FlagErrorFunc, cli/required.go).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createLabSession } from "../../../../src/grading/lab/create-lab-run.ts";
import { session } from "./helpers.ts";

/** The exec-failure lab's broken image: /app/start copied without its execute bit (Dockerfile). */
const BROKEN = "registry.example.com/shop/api:2.3";
const FIXED = "registry.example.com/shop/api:2.4";

const PULL_LINE = /^(?:Unable to find image|\S+: Pull(?:ing from| complete)|Digest:|Status:)/;
const withoutPull = (output: string): string =>
  output
    .split("\n")
    .filter((line) => !PULL_LINE.test(line))
    .join("\n");

test("--entrypoint replaces ENTRYPOINT and the words after the image replace CMD", async () => {
  const { session: lab } = createLabSession("exec-failure", 1);
  const viaShell = await lab.runLine(
    `docker run --rm --entrypoint sh ${BROKEN} -c 'echo via-sh; exit 4'; echo "Exit code: $?"`,
  );
  assert.equal(viaShell.output, "via-sh\nExit code: 4\n");
  const equalsForm = await lab.runLine(
    `docker run --rm --entrypoint=/bin/sh ${BROKEN} -c 'echo again'`,
  );
  assert.equal(equalsForm.output, "again\n");
});

test("a shell in the broken image shows /app/start without its execute bit", async () => {
  const { session: lab } = createLabSession("exec-failure", 1);
  const listing = await lab.runLine(`docker run --rm --entrypoint sh ${BROKEN} -c 'ls -l /app'`);
  assert.equal(listing.exitCode, 0);
  assert.match(listing.output, /^-rw-r--r-- .* start$/m);
  const modes = "stat -c '%A %n' /app/start; test -x /app/start && echo runnable";
  assert.equal(
    (await lab.runLine(`docker run --rm --entrypoint sh ${BROKEN} -c "${modes}"`)).output,
    "-rw-r--r-- /app/start\n",
  );
  assert.equal(
    (await lab.runLine(`docker run --rm --entrypoint sh ${FIXED} -c "${modes}"`)).output,
    "-rwxr-xr-x /app/start\nrunnable\n",
  );
  // Without --entrypoint the words after the image are CMD: /app/start still cannot run.
  const cmd = await lab.runLine(`docker run --rm ${BROKEN} sh -c 'ls -l /app'`);
  assert.equal(cmd.exitCode, 126);
  assert.match(
    cmd.output,
    /exec: "\/app\/start": permission denied: unknown\.\n\nRun 'docker run --help' for more information\n$/,
  );
});

test("docker inspect IMAGE and image inspect --format read the image's config", async () => {
  const { session: lab } = createLabSession("exec-failure", 1);
  const inspect = await lab.runLine(`docker inspect ${BROKEN}`);
  assert.equal(inspect.exitCode, 0);
  const [image, ...others] = JSON.parse(inspect.output) as {
    RepoTags: string[];
    Config: { Entrypoint: string[]; Cmd?: string[]; Env: string[] };
  }[];
  assert.ok(image);
  assert.equal(others.length, 0);
  assert.deepEqual(image.RepoTags, [BROKEN]);
  assert.deepEqual(image.Config.Entrypoint, ["/app/start"]);
  // The OCI image config omits what the Dockerfile did not set (omitempty).
  assert.equal(image.Config.Cmd, undefined);
  assert.ok(image.Config.Env.some((pair) => pair.startsWith("PATH=")));
  // Go's text/template prints a []string as [a b] and a nil one as [].
  assert.equal(
    (await lab.runLine(`docker image inspect ${BROKEN} --format '{{.Config.Entrypoint}}'`)).output,
    "[/app/start]\n",
  );
  assert.equal(
    (await lab.runLine(`docker inspect -f '{{.Config.Cmd}} {{json .Config.Entrypoint}}' ${BROKEN}`))
      .output,
    '[] ["/app/start"]\n',
  );
});

test("inspect of what does not exist: [] then the error, status 1", async () => {
  const terminal = session();
  assert.deepEqual(await terminal.runLine("docker inspect nosuch"), {
    output: "[]\nError: No such object: nosuch\n",
    exitCode: 1,
  });
  assert.deepEqual(await terminal.runLine("docker image inspect nosuch"), {
    output: "[]\nError response from daemon: No such image: nosuch:latest\n",
    exitCode: 1,
  });
});

test("rm of a running container is refused; stop, then rm; rm -f kills and removes", async () => {
  const { session: lab } = createLabSession("exec-failure", 1);
  assert.equal((await lab.runLine(`docker run -d --name t1 ${FIXED}`)).exitCode, 0);
  assert.match((await lab.runLine("docker ps")).output, /Up .* t1\n/);
  assert.deepEqual(await lab.runLine("docker rm t1"), {
    output:
      'Error response from daemon: cannot remove container "/t1": container is running: stop the container before removing or force remove\n',
    exitCode: 1,
  });
  assert.deepEqual(await lab.runLine("docker stop t1"), { output: "t1\n", exitCode: 0 });
  assert.match((await lab.runLine("docker ps -a")).output, /Exited \((?:137|143)\) .* t1\n/);
  assert.deepEqual(await lab.runLine("docker rm t1"), { output: "t1\n", exitCode: 0 });
  await lab.runLine(`docker run -d --name t2 ${FIXED}`);
  assert.deepEqual(await lab.runLine("docker rm -f t2"), { output: "t2\n", exitCode: 0 });
  assert.equal((await lab.runLine("docker ps -aq")).output, "");
  // rm.go: with --force a missing container is reported but is no failure.
  assert.deepEqual(await lab.runLine("docker rm -f nope"), {
    output: "Error response from daemon: No such container: nope\n",
    exitCode: 0,
  });
});

test("a detached container that ends by itself shows as exited once its time has passed", async () => {
  const terminal = session();
  await terminal.runLine("docker run -d --name short busybox sleep 5");
  assert.match((await terminal.runLine("docker ps")).output, /Up .* short\n/);
  await terminal.runLine("sleep 6");
  assert.equal((await terminal.runLine("docker ps -q")).output, "");
  assert.match((await terminal.runLine("docker ps -a")).output, /Exited \(0\) .* short\n/);
});

test("an image not on the workstation is pulled first, once", async () => {
  const terminal = session();
  const first = await terminal.runLine("docker run --rm busybox sh -c 'exit 3'");
  assert.equal(first.exitCode, 3);
  assert.match(
    first.output,
    /^Unable to find image 'busybox:latest' locally\nlatest: Pulling from library\/busybox\n(?:[0-9a-f]{12}: Pull complete\n)+Digest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for busybox:latest\n$/,
  );
  assert.equal((await terminal.runLine("docker run --rm busybox sh -c 'exit 3'")).output, "");
  assert.match(
    (await terminal.runLine("docker images")).output,
    /^busybox +latest +[0-9a-f]{12} /m,
  );
  const pull = await terminal.runLine("docker pull busybox");
  assert.match(
    pull.output,
    /^Using default tag: latest\n(?:.*\n)*Status: Image is up to date for busybox:latest\nbusybox:latest\n$/,
  );
});

test("the ubuntu image runs its own programs: echo, bash -c, dash's sh -c", async () => {
  const terminal = session();
  const echo = await terminal.runLine("docker run --rm ubuntu echo hi");
  assert.equal(echo.exitCode, 0);
  assert.equal(withoutPull(echo.output), "hi\n");
  const bash = await terminal.runLine("docker run --rm ubuntu bash -c 'nosuch'");
  assert.equal(bash.exitCode, 127);
  assert.equal(bash.output, "bash: line 1: nosuch: command not found\n");
  // ubuntu:24.04 has no jq: the image's shell says so as dash does.
  assert.deepEqual(await terminal.runLine("docker run --rm ubuntu sh -c 'jq .; echo after'"), {
    output: "sh: 1: jq: not found\nafter\n",
    exitCode: 0,
  });
  const missing = await terminal.runLine("docker run --rm ubuntu nosuch");
  assert.equal(missing.exitCode, 127);
  assert.match(missing.output, /exec: "nosuch": executable file not found in \$PATH: unknown\.\n/);
});

test("the CLI's errors: one generation (docker 28) of footers and statuses", async () => {
  const terminal = session();
  assert.deepEqual(await terminal.runLine("docker run --memory=abc ubuntu true"), {
    output:
      "invalid argument \"abc\" for \"-m, --memory\" flag: invalid size: 'abc'\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
    exitCode: 125,
  });
  assert.equal(
    (await terminal.runLine("docker run --bogus ubuntu")).output.split("\n")[0],
    "unknown flag: --bogus",
  );
  // required.go: RequiresMinArgs still says "See", ExactArgs says "Run"; both exit 1.
  assert.deepEqual(await terminal.runLine("docker run"), {
    output:
      "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n",
    exitCode: 1,
  });
  assert.deepEqual(await terminal.runLine("docker logs $(docker ps -aq | head -1)"), {
    output:
      "docker: 'docker logs' requires 1 argument\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nRun 'docker logs --help' for more information\n",
    exitCode: 1,
  });
  // pflag's missing-value errors, long and shorthand.
  assert.equal(
    (await terminal.runLine("docker run --name")).output.split("\n")[0],
    "flag needs an argument: --name",
  );
  assert.equal(
    (await terminal.runLine("docker run -e")).output.split("\n")[0],
    "flag needs an argument: 'e' in -e",
  );
  const relative = await terminal.runLine("docker run --rm -w tmp ubuntu pwd");
  assert.equal(relative.exitCode, 125);
  assert.match(
    relative.output,
    /docker: Error response from daemon: the working directory 'tmp' is invalid, it needs to be an absolute path\n/,
  );
  const denied = await terminal.runLine("docker run --rm nosuchimage:1");
  assert.equal(denied.exitCode, 125);
  assert.match(denied.output, /\n\nRun 'docker run --help' for more information\n$/);
  assert.doesNotMatch(denied.output, /See 'docker run --help'\./);
  assert.equal((await terminal.runLine("docker version")).exitCode, 0);
  assert.match((await terminal.runLine("docker --version")).output, /^Docker version 28\./);
});

/**
 * An ephemeral container in kubectl's container lookups (podcmd): `logs` lists it in its
 * "Defaulted container" line with " (ephem)" (AllContainerNames: containers, ephemeral, init) and
 * `attach -c` finds it (FindContainerByName), with attach.go's reattach message for one.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { session, typeInto } from "../shell/helpers.ts";

/** The screen without the prompt's colours (SGR sequences). */
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const plain = (screen: string): string => screen.replace(SGR, "");

test("logs names the ephemeral container in its default line; attach -c re-attaches to it", async () => {
  const terminal = session();
  const listing = (await terminal.runLine("kubectl get pods -o wide --no-headers")).output;
  // A webapp pod on a healthy node (the runbook's node-3 cannot start containers).
  const pod = listing
    .split("\n")
    .find((line) => line.includes(" Running ") && !line.includes("node-3"))
    ?.split(/\s+/)[0];
  assert.ok(pod, listing);
  const screen = plain(
    await typeInto(
      terminal,
      `kubectl debug ${pod} -it --image=busybox:1.36 -c dbg --attach=false\r`,
      "sleep 5\r",
      `kubectl logs ${pod} >/dev/null\r`,
      `kubectl attach ${pod} -c dbg -it\r`,
      "echo inside\r",
      "exit\r",
    ),
  );
  assert.match(screen, /\r\nDefaulted container "webapp" out of: webapp, dbg \(ephem\)\r\n/);
  assert.doesNotMatch(screen, /not found in pod/);
  assert.match(screen, /echo inside\r\ninside\r\n/);
  assert.match(
    screen,
    new RegExp(
      `\r\nSession ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod} -c dbg -i -t' if it is still running\r\n`,
    ),
  );
  // The shell was the container's main process: it has ended, so a second attach finds no
  // running container (the kubelet's GetAttach).
  const again = await terminal.runLine(`kubectl attach ${pod} -c dbg -it`);
  assert.match(again.output, /unable to upgrade connection: container not found \("dbg"\)/);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  cleanValues,
  commandSegments,
  readStoredValues,
  resolveCommand,
  runbookStorageKey,
} from "../../../src/components/lesson/runbook-variables.ts";
import { htmlToText, splitShellBlock } from "../../../src/components/lesson/shell-block.ts";

const values = {
  pod: "web-1",
  node: "node-2",
  otherNode: "node-1",
  image: "shop/web:1.0",
  namespace: "shop",
};

test("empty values leave the placeholders readable", () => {
  assert.equal(
    resolveCommand("kubectl describe pod <pod-name>", {}),
    "kubectl describe pod <pod-name>",
  );
  const segments = commandSegments("kubectl logs <pod-name> --previous", {});
  assert.deepEqual(segments[1], { text: "<pod-name>", variable: "pod", filled: false });
});

test("values replace every placeholder, pod commands get the namespace, node commands do not", () => {
  assert.equal(
    resolveCommand("kubectl get pod <pod-name> -o jsonpath='{.spec.nodeName}'", values),
    "kubectl -n shop get pod web-1 -o jsonpath='{.spec.nodeName}'",
  );
  assert.equal(
    resolveCommand("kubectl describe node <node-name> | grep -A6 Conditions", values),
    "kubectl describe node node-2 | grep -A6 Conditions",
  );
  assert.equal(
    resolveCommand("kubectl drain <node-name> --ignore-daemonsets", values),
    "kubectl drain node-2 --ignore-daemonsets",
  );
  assert.equal(
    resolveCommand(
      "kubectl debug node/<node-name> -it --image=ubuntu -- chroot /host crictl info",
      values,
    ),
    "kubectl debug node/node-2 -it --image=ubuntu -- chroot /host crictl info",
  );
  assert.equal(
    resolveCommand("NODE=$(kubectl get pod <pod-name> -o jsonpath='{.spec.nodeName}')", values),
    "NODE=$(kubectl -n shop get pod web-1 -o jsonpath='{.spec.nodeName}')",
  );
  assert.equal(resolveCommand("docker run --rm <image>", values), "docker run --rm shop/web:1.0");
});

test("values that could change a command's meaning are dropped", () => {
  assert.deepEqual(
    cleanValues({ pod: "web; rm -rf /", node: "$(id)", image: "a b", namespace: "'x'" }),
    {},
  );
  assert.deepEqual(cleanValues({ pod: "  web-1  " }), { pod: "web-1" });
  assert.equal(
    resolveCommand("kubectl logs <pod-name>", { pod: "`reboot`" }),
    "kubectl logs <pod-name>",
  );
});

test("stored values are read defensively", () => {
  const storage = (text: string | null) => ({
    getItem: (key: string) => (key === runbookStorageKey ? text : null),
  });
  assert.deepEqual(readStoredValues(storage(JSON.stringify(values))), values);
  assert.deepEqual(readStoredValues(storage("not json")), {});
  assert.deepEqual(readStoredValues(storage("[1,2]")), {});
  assert.deepEqual(readStoredValues(storage(null)), {});
});

test("a shell block splits into commands and comments, joining continued lines", () => {
  assert.deepEqual(splitShellBlock("# Check\nkubectl get pods\n\ndocker run \\\n  --rm x\n"), [
    { kind: "comment", text: "# Check" },
    { kind: "command", text: "kubectl get pods" },
    { kind: "command", text: "docker run \\\n  --rm x" },
  ]);
});

test("highlighted HTML turns back into the exact source text", () => {
  const html =
    '<code><span class="line"><span style="color:#B392F0">kubectl</span><span> logs</span><span> &lt;pod-name&gt; &amp;&amp; echo &#x27;{&quot;a&quot;}&#39;</span></span>\n</code>';
  assert.equal(htmlToText(html), `kubectl logs <pod-name> && echo '{"a"}'`);
});

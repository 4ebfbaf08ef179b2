/**
 * The conformance corpus: kubectl command lines run through the real kubectl (against the API
 * facade) and through the built-in kubectl, on identical clusters. Placeholders name objects of
 * the seeded scenario: {pod} a crash-looping pod, {healthy} a running one, {node} the node of
 * {pod}, {good-node} the node of {healthy}, {proxy} a kube-proxy pod. `before` lines run first on
 * both clusters (through the built-in kubectl), so both start from the same state.
 */

export interface ConformanceCase {
  /** `runbook` or `lab:<lab id>`. */
  scenario: string;
  seed: number;
  before: readonly string[];
  command: string;
  /**
   * Why the real kubectl prints these lines in a varying order (it works in parallel), so they are
   * compared as a sorted set; the README lists every such line.
   */
  linesInAnyOrder?: string;
  /** For commands that wait until Ctrl-C (`-w`, `-f`): both are interrupted after this long. */
  interruptAfterMs?: number;
}

const SEED = 1;

function on(
  scenario: string,
  commands: readonly string[],
  before: readonly string[] = [],
): ConformanceCase[] {
  return commands.map((command) => ({ scenario, seed: SEED, before, command }));
}

/** Every command of the seed guide, placeholders filled (pipes to grep are the shell's, not kubectl's). */
const GUIDE = on("runbook", [
  "kubectl describe pod {pod}",
  "kubectl logs {pod} --previous",
  "kubectl get pod {pod} -o jsonpath='{.spec.nodeName}'",
  "kubectl run test-pod --image=registry.example.com/webapp:1.4.2 --restart=Never --command -- sleep 60",
  "kubectl get node {node} -o jsonpath='{.status.nodeInfo.containerRuntimeVersion}'",
  "kubectl get node {node} -o jsonpath='{.status.nodeInfo.kubeletVersion}'",
  "kubectl describe node {node}",
  "kubectl get pod {pod} -o jsonpath='{.spec.containers[0].resources}'",
  "kubectl uncordon {node}",
  "kubectl delete pod {pod}",
  "kubectl debug node/{good-node} -it --image=ubuntu -- bash -c \"chroot /host journalctl -u containerd --since '30 minutes ago' | grep -i 'error\\|exit\\|kill'\"",
  'kubectl debug node/{good-node} -it --image=ubuntu -- bash -c "dmesg | tail -100"',
  "kubectl debug node/{good-node} -it --image=ubuntu --profile=sysadmin -- bash -c \"dmesg | grep -i 'cgroup\\|oom\\|error'\"",
  "kubectl exec {healthy} -- sh -c 'echo from-exec; exit 3'",
]).concat({
  scenario: "runbook",
  seed: SEED,
  before: [],
  command: "kubectl drain {node} --ignore-daemonsets --delete-emptydir-data",
  linesInAnyOrder:
    "drain evicts the node's pods in parallel goroutines; their evicting/evicted lines come in any order",
});

const WAITS: ConformanceCase[] = [
  "kubectl get pods -w",
  "kubectl get pods -o wide -w",
  "kubectl logs {healthy} -f",
].map((command) => ({
  scenario: "runbook",
  seed: SEED,
  before: [],
  command,
  interruptAfterMs: 3000,
}));

const READS = on("runbook", [
  "kubectl get pods",
  "kubectl get pods -o wide",
  "kubectl get po",
  "kubectl get pods -A",
  "kubectl get pods --all-namespaces -o wide",
  "kubectl get pods -n kube-system",
  "kubectl get pods --show-labels",
  "kubectl get pods --no-headers",
  "kubectl get pods -l app=webapp",
  "kubectl get pods -l app=nothing",
  "kubectl get pods --field-selector spec.nodeName={node}",
  "kubectl get pods --field-selector status.phase=Running",
  "kubectl get pods --sort-by=.metadata.name",
  "kubectl get pods -o name",
  "kubectl get pod {pod}",
  "kubectl get pod {pod} -o wide",
  "kubectl get pod {pod} -o yaml",
  "kubectl get pod {pod} -o json",
  "kubectl get pod {pod} -o jsonpath='{.status.containerStatuses[0].lastState.terminated.exitCode}'",
  'kubectl get pods -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}\'',
  "kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName",
  "kubectl get nodes",
  "kubectl get nodes -o wide",
  "kubectl get no",
  "kubectl get nodes --show-labels",
  "kubectl get node {node} -o yaml",
  "kubectl get events",
  "kubectl get events -o wide",
  "kubectl get ev -A",
  "kubectl get events --field-selector involvedObject.name={pod}",
  "kubectl get events --field-selector type=Warning",
  "kubectl get deployments",
  "kubectl get deploy -o wide",
  "kubectl get deploy webapp -o yaml",
  "kubectl get rs",
  "kubectl get rs -o wide",
  "kubectl get ds -A",
  "kubectl get ds -n kube-system -o wide",
  "kubectl get namespaces",
  "kubectl get ns",
  "kubectl get all",
  "kubectl get pods,nodes",
  "kubectl describe pod {healthy}",
  "kubectl describe node {good-node}",
  "kubectl describe deployment webapp",
  "kubectl describe pod -n kube-system {proxy}",
  "kubectl logs {pod} -p",
  "kubectl logs {pod}",
  "kubectl logs {healthy}",
  "kubectl logs {healthy} --tail=2",
  "kubectl logs {healthy} --timestamps",
  "kubectl logs {healthy} -c webapp",
  "kubectl logs pod/{healthy}",
  "kubectl logs -n kube-system {proxy}",
  "kubectl api-resources",
]);

const ERRORS = on("runbook", [
  "kubectl get pod nope",
  "kubectl get pods -n nope",
  "kubectl describe pod nope",
  "kubectl logs nope",
  "kubectl get foo",
  "kubectl get nodes nope",
  "kubectl describe node nope",
  "kubectl get pods --field-selector foo=bar",
  "kubectl logs {healthy} -c nope",
  "kubectl logs {healthy} --previous",
  "kubectl delete pod nope",
  "kubectl cordon nope",
  "kubectl get pod {pod} -o badformat",
  "kubectl drain {node}",
]);

const WRITES = [
  ...on("runbook", [
    "kubectl cordon {node}",
    "kubectl label pod {pod} tier=frontend",
    "kubectl annotate pod {pod} note=checked",
    "kubectl scale deployment webapp --replicas=2",
    "kubectl rollout restart deployment/webapp",
    "kubectl set image deployment/webapp webapp=registry.example.com/webapp:1.4.3",
    "kubectl create namespace scratch",
    "kubectl create configmap settings --from-literal=mode=debug",
    "kubectl delete pod {pod} --grace-period=0 --force",
    "kubectl create -f tests/conformance/manifests/settings-configmap.yaml",
    "kubectl apply -f tests/conformance/manifests/settings-configmap.yaml",
    "kubectl apply -f tests/conformance/manifests/debug-pod.yaml",
    "kubectl create -f tests/conformance/manifests/missing.yaml",
  ]),
  ...on(
    "runbook",
    [
      "kubectl apply -f tests/conformance/manifests/settings-configmap.yaml",
      "kubectl get configmap settings -o yaml",
    ],
    ["kubectl apply -f tests/conformance/manifests/settings-configmap.yaml"],
  ),
  ...on("runbook", ["kubectl cordon {node}", "kubectl get nodes"], ["kubectl cordon {node}"]),
  ...on(
    "runbook",
    ["kubectl get pod test-pod -o wide", "kubectl get pods"],
    [
      "kubectl run test-pod --image=registry.example.com/webapp:1.4.2 --restart=Never --command -- sleep 60",
    ],
  ),
];

const LABS = [
  "invalid-exit-value",
  "exec-failure",
  "runtime-failure",
  "pid-limit",
  "cgroup-failure",
  "resource-pressure",
  "git-init-container",
].flatMap((lab) =>
  on(`lab:${lab}`, [
    "kubectl get pods",
    "kubectl describe pod {pod}",
    "kubectl logs {pod} --previous",
    "kubectl get events",
  ]),
);

export const CORPUS: readonly ConformanceCase[] = [
  ...GUIDE,
  ...WAITS,
  ...READS,
  ...ERRORS,
  ...WRITES,
  ...LABS,
];

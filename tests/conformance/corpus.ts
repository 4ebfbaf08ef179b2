/**
 * The conformance corpus: kubectl command lines run through the real kubectl (against the API
 * facade) and through the built-in kubectl, on identical clusters. Placeholders name objects of
 * the seeded scenario: {pod} a crash-looping pod, {healthy} a running one, {node} the node of
 * {pod}, {good-node} the node of {healthy}, {proxy} a kube-proxy pod. `before` lines run first on
 * both clusters (through the built-in kubectl), so both start from the same state.
 */

import { labSolutionCases, lessonCases } from "./course-lines.ts";

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
  /** Why the line is not identical yet and whose part must change (README lists each). */
  knownDifference?: string;
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
  "kubectl get pods -o custom-columns=NAME:.metadata.name,STATE:.status.containerStatuses[0].state,RESTARTS:.status.containerStatuses[*].restartCount,READY:.status.containerStatuses[0].ready",
  "kubectl get pods -o custom-columns=NAME:.metadata.name,PORTS:.spec.containers[0].ports,LABELS:.metadata.labels",
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
    "kubectl describe node {node}",
  ]),
);

/** kubectl top against the scenario's metrics-server (metrics.k8s.io), and its error cases. */
const TOP = on("runbook", [
  "kubectl top node",
  "kubectl top nodes --show-capacity --sort-by=memory",
  "kubectl top no {node} --no-headers",
  "kubectl top node nope",
  "kubectl top pod",
  "kubectl top pods -A --sort-by=cpu",
  "kubectl top po -A --containers --sum",
  "kubectl top pod -A --no-headers --sum",
  "kubectl top pod -n kube-system --sort-by=memory --containers",
  "kubectl top pod {healthy} --containers",
  "kubectl top pod nope",
  "kubectl top pod -l app=nothing",
  "kubectl top pod -l app=nothing -A",
  "kubectl top pod --sort-by=disk",
  "kubectl top pod {healthy} -l app=webapp",
]).concat(
  on(
    "runbook",
    ["kubectl top pod young", "kubectl top pod -l run=young"],
    ["kubectl run young --image=busybox -- sleep 3600"],
  ),
);

/** -o go-template: Go's text/template over the object as kubectl's printer gives it, and its errors. */
const GO_TEMPLATE = on("runbook", [
  `kubectl get pods -o go-template='{{range .items}}{{.metadata.name}} {{.status.phase}}{{"\\n"}}{{end}}'`,
  `kubectl get pod {pod} -o go-template='{{range .status.containerStatuses}}{{.name}}: {{.restartCount}} {{.lastState.terminated.exitCode}} {{.lastState.terminated.reason}}{{"\\n"}}{{end}}'`,
  `kubectl get pod {pod} -o go-template='{{.metadata.labels}} {{.spec.containers}} {{len .spec.containers}}'`,
  `kubectl get pod {pod} -o go-template='{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}{{with .spec.nodeName}} on {{.}}{{end}}'`,
  `kubectl get pod {pod} -o go-template='{{if eq .status.phase "Running"}}up{{else}}down{{end}} {{printf "%s/%d/%q/%v" .kind .spec.terminationGracePeriodSeconds .metadata.name .spec.priority}}'`,
  `kubectl get pod {pod} -o go-template='{{index .metadata.labels "app"}} {{index .spec.containers 0 | printf "%v"}} {{.missing}} {{.spec.nope.deeper}}'`,
  `kubectl get nodes -o go-template='{{range .items}}{{.metadata.name}}{{range .status.conditions}} {{.type}}={{.status}}{{end}}{{"\\n"}}{{end}}'`,
  `kubectl get pod {pod} -o go-template='{{- " a " -}}  {{- .kind}} {{/* note */}}{{ 1e6 }} {{ 2.5 }} {{exists . "spec" "containers"}}'`,
  `kubectl get pod {pod} -o go-template --template='{{.metadata.name}}'`,
  `kubectl get pod {pod} --template='{{.metadata.uid}}'`,
  `kubectl get pod {pod} -o go-template='{{.kind.x}}'`,
  `kubectl get pod {pod} -o go-template='{{index .spec.containers 5}}'`,
  `kubectl get pod {pod} -o go-template='{{.nope}}' --allow-missing-template-keys=false`,
  `kubectl get pod {pod} -o go-template='{{len .spec.priority}}'`,
  `kubectl get pod {pod} -o go-template='{{.metadata.name'`,
  `kubectl get pod {pod} -o go-template='{{range .spec.containers}}'`,
  `kubectl get pod {pod} -o go-template='{{end}}'`,
  `kubectl get pod {pod} -o go-template='{{foo .x}}'`,
  `kubectl get pod {pod} -o go-template='{{.a}'`,
  `kubectl get pod {pod} -o go-template='{{$x}}'`,
  `kubectl get pod {pod} -o go-template`,
  `kubectl get pod {pod} -o go-template-file=/no/such/file`,
]);

/** JSONPath parse and execution errors, and the parser's quirks, as client-go's jsonpath has them. */
const JSONPATH = on("runbook", [
  "kubectl get pod {pod} -o jsonpath='{.metadata.name'",
  "kubectl get pod {pod} -o jsonpath='{.spec.containers[1:x]}'",
  `kubectl get pod {pod} -o jsonpath='{"abc}'`,
  `kubectl get pod {pod} -o jsonpath='{.spec.containers[?(@.name=="webapp"].image}'`,
  "kubectl get pod {pod} -o jsonpath='{.spec.containers[?(!@.ports)].name}'",
  "kubectl get pod {pod} -o jsonpath='{.spec.containers[5].name}'",
  "kubectl get pod {pod} -o jsonpath='{.metadata[0]}'",
  "kubectl get pod {pod} -o jsonpath='{end}'",
  "kubectl get pod {pod} -o jsonpath='{.spec.containers[?(@.name==webapp)].image}'",
  "kubectl get pod {pod} -o jsonpath='{range .spec.containers[*]}{.name}'",
  "kubectl get pod {pod} -o jsonpath='{.status.conditions[0].lastProbeTime} {.spec.containers[*].ports[*].containerPort}'",
  "kubectl get nodes -o jsonpath=\"{.items[*]['metadata.name', 'status.capacity']}\"",
  `kubectl get nodes -o jsonpath='{.items[?(@.status.capacity.cpu>"3")].metadata.name}'`,
]);

/** kubectl events sorts with Go's unstable sort.Sort: more than 12 events with equal times. */
const EVENTS = on("runbook", [
  "kubectl events",
  "kubectl events -A",
  "kubectl events -A --types=Normal",
  "kubectl events --for pod/{pod}",
  "kubectl events -n kube-system --no-headers",
]);

/** Lesson and lab command forms, --sort-by as kubectl's sorters, logs TYPE/NAME pod choice. */
const LESSON_FORMS = on("runbook", [
  "kubectl get events --sort-by=.lastTimestamp",
  "kubectl get events --field-selector involvedObject.name={pod}",
  "kubectl get pods -A -o wide --field-selector spec.nodeName={node}",
  'kubectl get pod {pod} -o jsonpath=\'{range .status.containerStatuses[*]}{.name}{"\\t"}{.lastState.terminated.exitCode}{"\\n"}{end}\'',
  "kubectl get nodes --sort-by=.status.capacity.memory",
  "kubectl get pods -A --sort-by=.status.containerStatuses[0].restartCount",
  "kubectl get pods --sort-by=.nope",
  "kubectl get pods,nodes --sort-by=.nope",
  "kubectl get pods --sort-by='{.metadata.name' -o name",
  "kubectl get pods -o custom-columns='A:{.x'",
  "kubectl logs deploy/webapp",
  "kubectl logs ds/kube-proxy -n kube-system",
  "kubectl logs node/{node} containerd",
  "kubectl logs configmap/kube-root-ca.crt",
]);

/** kubectl debug POD: a copy of the pod, and the checks before any container is added. */
const DEBUG_POD = on("runbook", [
  "kubectl debug {pod} --copy-to=dbg --container=webapp -- sh",
  "kubectl debug {pod} --copy-to=x --target=webapp --image=busybox",
  "kubectl debug {pod} -t --image=busybox",
  "kubectl debug {pod} --replace --image=busybox",
  "kubectl debug nope --image=busybox",
  "kubectl debug deploy/webapp --image=busybox",
  "kubectl debug cm/x --image=busybox",
]);

/** Server-side apply: create, re-apply, a lab's manifest, and a conflict with client-side apply. */
const SERVER_SIDE_APPLY = [
  ...on("runbook", [
    "kubectl apply --server-side -f tests/conformance/manifests/settings-configmap.yaml",
  ]),
  ...on("lab:pid-limit", ["kubectl apply --server-side -f labs/pid-limit/deployment.yaml"]),
  ...on(
    "runbook",
    [
      "kubectl apply --server-side -f tests/conformance/manifests/settings-configmap-verbose.yaml",
      "kubectl apply --server-side --force-conflicts -f tests/conformance/manifests/settings-configmap-verbose.yaml",
    ],
    ["kubectl apply -f tests/conformance/manifests/settings-configmap.yaml"],
  ),
];

/** Secrets: create secret generic/docker-registry/tls, their errors, and how get/describe show them. */
const S = "tests/conformance/manifests/secrets";
const SECRETS = [
  ...on("runbook", [
    "kubectl create secret generic db --from-literal=user=admin --from-literal=password='s3cr3t w0rd'",
    `kubectl create secret generic db --from-env-file=${S}/db.env --dry-run=client -o yaml`,
    `kubectl create secret generic db --from-file=${S}/tls.crt --from-file=key=${S}/tls.key --from-literal=a=b --dry-run=client -o json`,
    "kubectl create secret generic db --from-literal=user=admin --type=example.com/basic -n kube-system --dry-run=client -o yaml",
    "kubectl create secret generic db --from-literal=user=admin --dry-run=client -o name",
    "kubectl create secret generic db --from-literal=user=admin --dry-run=client",
    "kubectl create secret generic db --from-literal=user=admin --dry-run=server",
    "kubectl create secret generic db --from-literal=user=admin --dry-run=client -o jsonpath='{.data.user}'",
    "kubectl create secret generic db --from-literal=user",
    "kubectl create secret generic db --from-literal='bad key=x'",
    "kubectl create secret generic db --from-literal=a=1 --from-literal=a=2",
    "kubectl create secret generic db --from-file=missing.txt",
    `kubectl create secret generic db --from-file==${S}/tls.crt`,
    "kubectl create secret generic db --from-file=k=",
    "kubectl create secret generic db --from-file=a=b=c",
    `kubectl create secret generic db --from-env-file=${S}/db.env --from-literal=a=b`,
    "kubectl create secret generic db --from-env-file=nope.env",
    "kubectl create secret generic --from-literal=a=b",
    "kubectl create secret generic a b --from-literal=a=b",
    "kubectl create secret generic db --from-literal=a=b --dry-run=bogus",
    "kubectl create secret generic db --from-literal=a=b -o wide",
    "kubectl create secret",
    "kubectl create secret opaque db",
    "kubectl create secret opaque db -n kube-system extra",
    "kubectl create secret docker-registry regcred --docker-username=u --docker-password=p --docker-email=u@example.com --dry-run=client -o yaml",
    "kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=u --docker-password=p -o json",
    `kubectl create secret docker-registry regcred --from-file=${S}/config.json --dry-run=client -o yaml`,
    "kubectl create secret docker-registry regcred --docker-username=u",
    "kubectl create secret docker-registry regcred --docker-username=u --docker-password=p --docker-server=",
    `kubectl create secret tls web-tls --cert=${S}/tls.crt --key=${S}/tls.key`,
    `kubectl create secret tls web-tls --cert=${S}/rsa.crt --key=${S}/rsa.key --dry-run=client -o yaml`,
    `kubectl create secret tls web-tls --cert=${S}/tls.crt`,
    `kubectl create secret tls web-tls --cert=nope.crt --key=${S}/tls.key`,
    `kubectl create secret tls web-tls --cert=${S}/tls.crt --key=${S}/other.key`,
    `kubectl create secret tls web-tls --cert=${S}/rsa.crt --key=${S}/tls.key`,
    `kubectl create secret tls web-tls --cert=${S}/tls.key --key=${S}/tls.crt`,
    `kubectl create secret tls web-tls --cert=${S}/db.env --key=${S}/tls.key`,
    `kubectl create secret tls web-tls --cert=${S}/tls.crt --key=${S}/db.env`,
    `kubectl create secret tls web-tls --cert=${S}/tls.crt --key=${S}/tls.crt`,
    "kubectl get secrets",
    "kubectl get secrets -A",
    "kubectl describe secret nope",
  ]),
  ...on(
    "runbook",
    [
      "kubectl get secrets",
      "kubectl get secret db -o yaml",
      "kubectl get secret db -o jsonpath='{.data.user}'",
      "kubectl describe secret db",
      "kubectl describe secrets",
      "kubectl create secret generic db --from-literal=user=root",
      "kubectl get secret regcred -o jsonpath='{.type}'",
    ],
    [
      "kubectl create secret generic db --from-literal=user=admin",
      "kubectl create secret docker-registry regcred --docker-username=u --docker-password=p",
    ],
  ),
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl create secret generic db --from-literal=user=admin -o yaml",
    knownDifference:
      "the API facade stores a Secret without the type kube-apiserver defaults (Opaque); the built-in sends it: src/sandbox/cluster create (A) should default it",
  },
  ...on("lab:git-init-container", [
    "kubectl get secrets",
    "kubectl get secret git-credentials -o yaml",
    "kubectl describe secret git-credentials",
  ]),
];

/** Why a sweep line cannot be identical: the harness's own kubectl and kubeconfig. */
const DISPATCHER_VERSION =
  "/usr/bin/kubectl here is gcloud's dispatcher, which reports its own client version (v1.32.4-dispatcher, minor 32+); the built-in reports kubectl v1.32.4";
const HARNESS_URL =
  "the harness serves the API on a random local port over HTTP; the built-in's context is the sandbox's https://127.0.0.1:6443";
const HARNESS_CONFIG =
  "the harness's kubeconfig (user sandbox, insecure, random port) is not the learner's sandbox kubeconfig the built-in shows";
const NO_DUMP =
  "cluster-info dump (every object and log as JSON) is not built in; it prints cluster-info";
const FACADE_EXEC =
  "the API facade's exec runs in a container that is not running; the built-in refuses as the API server does (container is not running)";

/** Issue 4's command list in other spellings: flag forms and orders, and each command's refusals. */
const SWEEP = [
  ...on("runbook", [
    "kubectl -n kube-system get pods",
    "kubectl --namespace=kube-system get pods -oyaml --selector=k8s-app=kube-proxy",
    "kubectl get pods --output=wide",
    "kubectl get pods -owide",
    "kubectl get pods -o=name",
    "kubectl get pods -lapp=webapp",
    "kubectl get pods -l 'app in (webapp,other)' --no-headers",
    "kubectl get pods --selector app!=webapp -A",
    "kubectl get pods --field-selector=status.phase!=Running",
    "kubectl get pods -A --field-selector=status.phase!=Running,spec.nodeName={node}",
    "kubectl get pods --sort-by=.status.startTime",
    "kubectl get pods --sort-by=.metadata.creationTimestamp -o name",
    "kubectl get pods {pod} {healthy}",
    "kubectl get pod/{pod} deploy/webapp",
    "kubectl get po,deploy -o name",
    "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
    'kubectl get pods -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}\' --sort-by=.metadata.name',
    "kubectl get pods -o custom-columns=NAME:.metadata.name --no-headers",
    "kubectl get pods --show-labels -o wide",
    "kubectl get nodes -o jsonpath='{.items[*].status.nodeInfo.containerRuntimeVersion}'",
    "kubectl get nodes -l kubernetes.io/hostname={node}",
    "kubectl get node {node} -o json",
    "kubectl get events -A --sort-by=.metadata.creationTimestamp --field-selector type!=Normal",
    "kubectl get ev --field-selector involvedObject.kind=Node -A",
    "kubectl get deploy webapp -o jsonpath='{.spec.template.spec.containers[0].image}'",
    "kubectl get replicasets.apps",
    "kubectl get deployments.v1.apps",
    "kubectl get daemonsets -n kube-system --show-labels",
    "kubectl get all -A",
    "kubectl get all -n kube-system -o wide",
    "kubectl get",
    "kubectl get pods --all-namespaces=false",
    "kubectl get pods --field-selector=status.phase=Running --field-selector=spec.nodeName={node}",
    "kubectl get pods --field-selector metadata.labels=x",
    "kubectl get pods -l 'app in (webapp'",
    "kubectl get pods --chunk-size=1",
    "kubectl get pod {pod} --output jsonpath={.status.phase}",
    "kubectl get nodes --no-headers -o custom-columns=N:.metadata.name,T:.spec.taints",
    "kubectl describe pods -l app=webapp",
    "kubectl describe po/{pod}",
    "kubectl describe pod {pod} --show-events=false",
    "kubectl describe deploy/webapp",
    "kubectl describe rs -l app=webapp",
    "kubectl describe ds kube-proxy -n kube-system",
    "kubectl describe no {node}",
    "kubectl describe nodes -l kubernetes.io/hostname={good-node}",
    "kubectl describe",
    "kubectl describe pods nope {healthy}",
    "kubectl logs deploy/webapp --tail=1",
    "kubectl logs deployment/webapp -c webapp --timestamps --tail=2",
    "kubectl logs {pod} -p -c webapp",
    "kubectl logs -p {pod}",
    "kubectl logs {pod} --previous=true --tail=-1",
    "kubectl logs {healthy} --tail=-1",
    "kubectl logs {healthy} --tail=0",
    "kubectl logs {healthy} --since=1h",
    "kubectl logs {healthy} --since=5s",
    "kubectl logs {healthy} --limit-bytes=20",
    "kubectl logs {healthy} --prefix",
    "kubectl logs {healthy} --all-containers=true",
    "kubectl logs",
    "kubectl logs {healthy} webapp",
    "kubectl logs {healthy} nope",
    "kubectl logs {healthy} --since=1h --since-time=2026-11-24T00:00:00Z",
    "kubectl logs deploy/nope",
    "kubectl logs rs/nope",
    "kubectl logs pod/nope -n kube-system",
    "kubectl exec {healthy} -- printenv HOSTNAME",
    "kubectl exec -it {healthy} -- sh -c 'echo hi'",
    "kubectl exec -i {healthy} -- sh -c 'echo hi'",
    "kubectl exec {healthy} -c nope -- true",
    "kubectl exec {healthy}",
    "kubectl exec nope -- true",
    "kubectl exec deploy/webapp -- echo hi",
    "kubectl exec {healthy} -- sh -c 'exit 7'",
    "kubectl run probe --image=busybox --restart=Never --dry-run=client -o yaml -- sleep 5",
    "kubectl run probe --image=busybox --dry-run=client -o json --command -- sleep 5",
    "kubectl run probe --image=busybox --labels=app=probe,tier=debug --env=A=1 --port=8080 --dry-run=client -o yaml",
    'kubectl run probe --image=busybox --restart=Always --overrides=\'{"spec":{"nodeName":"{good-node}"}}\' --dry-run=client -o yaml',
    "kubectl run --image=busybox",
    "kubectl run probe --image=busybox --restart=Sometimes",
    "kubectl run probe --image=busybox --rm",
    "kubectl run probe --image=busybox -t",
    "kubectl run probe --image=busybox --overrides='{bad'",
    "kubectl run probe --image=busybox --dry-run=client -o wide",
    "kubectl run Probe --image=busybox",
    "kubectl run probe --image=busybox --restart=Never",
    "kubectl run probe --image=busybox -- sleep 3600",
    "kubectl delete pod {pod} --grace-period=0 --force",
    "kubectl delete pod {pod} --force",
    "kubectl delete pod {pod} --grace-period=0",
    "kubectl delete pod {pod} --now",
    "kubectl delete pod {pod} --wait=false",
    "kubectl delete pods -l app=nothing",
    "kubectl delete pod",
    "kubectl delete pod nope --ignore-not-found",
    "kubectl delete pod/{pod} pod/nope",
    "kubectl delete pods --all -n kube-system --dry-run=client",
    "kubectl delete pod {pod} -o name",
    "kubectl delete deploy webapp --cascade=orphan",
    "kubectl delete node nope",
    "kubectl drain {node} --dry-run=client --ignore-daemonsets",
    "kubectl drain",
    "kubectl drain nope",
    "kubectl cordon {node} --dry-run=client",
    "kubectl cordon",
    "kubectl uncordon nope",
    "kubectl uncordon {node} {good-node}",
    "kubectl cordon -l kubernetes.io/hostname={node}",
    "kubectl rollout status deployment/webapp --timeout=5s",
    "kubectl rollout status deploy webapp -w=false",
    "kubectl rollout history deployment/webapp",
    "kubectl rollout undo deployment/webapp",
    "kubectl rollout undo deployment/webapp --to-revision=5",
    "kubectl rollout restart deploy/webapp deploy/nope",
    "kubectl rollout status deployment/nope",
    "kubectl rollout status pod/{pod}",
    "kubectl rollout status daemonset/kube-proxy -n kube-system",
    "kubectl rollout",
    "kubectl rollout pause deployment/webapp",
    "kubectl set image deployment/webapp nope=registry.example.com/webapp:2",
    "kubectl set image deployment/webapp",
    "kubectl set image deployment/nope webapp=x",
    "kubectl set image deploy/webapp '*=registry.example.com/webapp:1.4.3'",
    "kubectl set image deploy/webapp webapp=registry.example.com/webapp:1.4.3 --dry-run=client -o yaml",
    "kubectl set image pod/{pod} webapp=registry.example.com/webapp:1.4.3",
    "kubectl scale deploy/webapp --replicas=-1",
    "kubectl scale deploy webapp --replicas 3 --current-replicas=2",
    "kubectl top nodes --sort-by=cpu --no-headers",
    "kubectl top pods --sort-by=memory -A --no-headers",
    "kubectl top pod -l app=webapp --containers",
    "kubectl top",
    "kubectl top deploy",
    "kubectl version -o wide",
    "kubectl config view --raw -o jsonpath='{.clusters[0].name}'",
    "kubectl config current-context",
    "kubectl config",
    "kubectl api-resources --namespaced=false",
    "kubectl api-resources --namespaced=true -o name",
    "kubectl api-resources -o wide",
    "kubectl api-resources --api-group=apps",
    "kubectl api-resources --sort-by=name",
    "kubectl api-resources --verbs=list --namespaced -o name",
    "kubectl api-resources --no-headers --api-group=''",
    "kubectl api-versions",
    "kubectl label pod {pod} app=other",
    "kubectl label pod {pod} app=other --overwrite",
    "kubectl label pod {pod} app-",
    "kubectl annotate pod {pod} a=b c=d",
    "kubectl apply -f nope.yaml",
    "kubectl apply",
    "kubectl create",
    "kubectl create namespace scratch --dry-run=client -o yaml",
    "kubectl create deployment web --image=nginx --replicas=2 --dry-run=client -o yaml",
    "kubectl create configmap cfg --from-literal=a=1 --from-literal=b=2 -o yaml --dry-run=client",
    "kubectl create ns kube-system",
    "kubectl events --for=pod/{pod} --types=Warning",
    "kubectl wait --for=condition=Ready pod/{healthy} --timeout=5s",
    "kubectl attach nope",
    "kubectl attach {healthy} -c nope",
    "kubectl attach deploy/webapp -c nope",
    "kubectl attach",
    "kubectl",
  ]),
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl drain {node} --ignore-daemonsets",
    linesInAnyOrder: "drain evicts in parallel goroutines",
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command:
      "kubectl drain {node} --ignore-daemonsets --delete-emptydir-data --force --grace-period=0 --timeout=60s",
    linesInAnyOrder: "drain evicts in parallel goroutines",
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl drain {node} --dry-run=server --ignore-daemonsets",
    linesInAnyOrder: "drain evicts in parallel goroutines",
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl drain {node} --pod-selector=app=webapp --ignore-daemonsets",
    linesInAnyOrder: "drain evicts in parallel goroutines",
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl logs -l app=webapp",
    linesInAnyOrder: "kubectl logs reads the selected pods' logs from a Go map, in random order",
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl logs -l app=webapp --prefix --tail=1",
    linesInAnyOrder: "kubectl logs reads the selected pods' logs from a Go map, in random order",
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl logs -l app=webapp --all-containers",
    linesInAnyOrder: "kubectl logs reads the selected pods' logs from a Go map, in random order",
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl version --client",
    knownDifference: DISPATCHER_VERSION,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl version --client -o json",
    knownDifference: DISPATCHER_VERSION,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl version --client -o yaml",
    knownDifference: DISPATCHER_VERSION,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl version -o json",
    knownDifference: DISPATCHER_VERSION,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl version -o yaml",
    knownDifference: DISPATCHER_VERSION,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl cluster-info",
    knownDifference: HARNESS_URL,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl cluster-info foo",
    knownDifference: HARNESS_URL,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl cluster-info dump",
    knownDifference: NO_DUMP,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl config view",
    knownDifference: HARNESS_CONFIG,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl config view --minify",
    knownDifference: HARNESS_CONFIG,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl config get-contexts",
    knownDifference: HARNESS_CONFIG,
  },
  {
    scenario: "runbook",
    seed: SEED,
    before: [],
    command: "kubectl exec {pod} -- true",
    knownDifference: FACADE_EXEC,
  },
];

export const CORPUS: readonly ConformanceCase[] = [
  ...GUIDE,
  ...WAITS,
  ...READS,
  ...ERRORS,
  ...WRITES,
  ...LABS,
  ...TOP,
  ...GO_TEMPLATE,
  ...JSONPATH,
  ...EVENTS,
  ...LESSON_FORMS,
  ...DEBUG_POD,
  ...SERVER_SIDE_APPLY,
  ...SECRETS,
  ...SWEEP,
  ...labSolutionCases(),
  ...lessonCases(),
];

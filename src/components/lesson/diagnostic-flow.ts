/**
 * The diagnostic flow over the troubleshooting procedure: yes/no questions, each answered by one
 * of the procedure's commands, that end at the lesson for the cause. Data, so the page renders it
 * and the tests walk it.
 */
export interface FlowQuestion {
  readonly kind: "question";
  readonly id: string;
  readonly text: string;
  /** How to answer it: what to run and what to look for. */
  readonly how: string;
  readonly command?: string;
  readonly yes: string;
  readonly no: string;
}

export interface FlowOutcome {
  readonly kind: "outcome";
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** Slug of the lesson in content/lessons/. */
  readonly lesson: string;
}

export type FlowStep = FlowQuestion | FlowOutcome;

export const flowStart = "logs-empty";

export const diagnosticFlow: readonly FlowStep[] = [
  {
    kind: "question",
    id: "logs-empty",
    text: "Are the previous logs empty, with Reason StartError in describe?",
    how: "In kubectl describe pod, StartError with a start time in 1970 means the process never started; its previous logs are then empty.",
    command: "kubectl logs <pod-name> --previous",
    yes: "node-specific",
    no: "init-git",
  },
  {
    kind: "question",
    id: "node-specific",
    text: "Does it fail only on one node, while a test pod pinned to another node runs?",
    how: "Compare the NODE column of the failing pods, then pin a test pod to a healthy node (step 3).",
    command: "kubectl get pods -o wide",
    yes: "runtime-errors",
    no: "outcome-exec-failure",
  },
  {
    kind: "question",
    id: "runtime-errors",
    text: "Does the containerd or kubelet journal on that node show runtime errors?",
    how: "Read the node's journal through a debug pod with chroot /host (step 4): level=error lines about tasks, shims or the runtime socket.",
    command:
      "kubectl debug node/<node-name> -it --image=ubuntu --profile=general -- bash -c \"chroot /host journalctl -u containerd --since '30 minutes ago' --no-pager | grep -i error\"",
    yes: "outcome-runtime-failure",
    no: "cgroup-errors",
  },
  {
    kind: "question",
    id: "cgroup-errors",
    text: "Does the kernel log or the StartError message mention cgroups?",
    how: "Read dmesg from a privileged debug pod (step 5).",
    command:
      'kubectl debug node/<node-name> -it --image=ubuntu --profile=sysadmin -- bash -c "dmesg | grep -i cgroup"',
    yes: "pids-controller",
    no: "pressure",
  },
  {
    kind: "question",
    id: "pids-controller",
    text: "Is it the pids controller refusing forks (fork rejected by pids controller)?",
    how: "The kernel line names the controller; PIDPressure may also be True on the node.",
    yes: "outcome-pid-limit",
    no: "outcome-cgroup-failure",
  },
  {
    kind: "question",
    id: "pressure",
    text: "Is a pressure condition True on the node, or does the message say no space or cannot allocate memory?",
    how: "Read the node's conditions (step 8).",
    command: 'kubectl describe node <node-name> | grep -A6 "Conditions"',
    yes: "outcome-resource-pressure",
    no: "outcome-runtime-failure",
  },
  {
    kind: "question",
    id: "init-git",
    text: "Is the failing container an init container whose logs end with a git fatal: message?",
    how: "Look for Init:Error or Init:CrashLoopBackOff, then read the init container's logs with -c.",
    command: "kubectl logs <pod-name> -c <init-container> --previous",
    yes: "outcome-git-init-container",
    no: "explicit-exit",
  },
  {
    kind: "question",
    id: "explicit-exit",
    text: "Does the program exit with 128 itself (exit(128) or a value that wraps to 128)?",
    how: "Reason Error with a real start time means the process ran; look for the exit call in the code or entrypoint script (step 6).",
    command:
      "kubectl get pod <pod-name> -o jsonpath='{.spec.containers[0].command} {.spec.containers[0].args}'",
    yes: "outcome-invalid-exit-value",
    no: "outcome-exec-failure",
  },
  {
    kind: "outcome",
    id: "outcome-exec-failure",
    title: "The runtime cannot exec the entrypoint",
    summary:
      "The image's entrypoint is missing, not executable or mounted wrongly; runc's message names it.",
    lesson: "cause-exec-failure",
  },
  {
    kind: "outcome",
    id: "outcome-runtime-failure",
    title: "The container runtime fails on this node",
    summary: "containerd or its shims are unhealthy on one node: drain, restart, verify, uncordon.",
    lesson: "cause-runtime-failure",
  },
  {
    kind: "outcome",
    id: "outcome-pid-limit",
    title: "The pod or node ran out of process IDs",
    summary: "The pids controller refused a fork; find the leak or raise the limit.",
    lesson: "cause-pid-limit",
  },
  {
    kind: "outcome",
    id: "outcome-cgroup-failure",
    title: "A kernel cgroup error",
    summary:
      "runc could not set up the container's cgroup; check the cgroup driver and controllers.",
    lesson: "cause-cgroup-failure",
  },
  {
    kind: "outcome",
    id: "outcome-resource-pressure",
    title: "The node is under resource pressure",
    summary: "Memory, disk or PIDs ran short while the container was created.",
    lesson: "cause-resource-pressure",
  },
  {
    kind: "outcome",
    id: "outcome-git-init-container",
    title: "git failed in an init container",
    summary: "git exits 128 on every fatal error: fix credentials, URL, branch or host key.",
    lesson: "cause-git-init-container",
  },
  {
    kind: "outcome",
    id: "outcome-invalid-exit-value",
    title: "The program exits with 128",
    summary: "An explicit exit(128) or an out-of-range value wrapped modulo 256.",
    lesson: "cause-invalid-exit-value",
  },
];

export function flowStep(id: string): FlowStep {
  const step = diagnosticFlow.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`diagnostic flow: no step "${id}"`);
  return step;
}

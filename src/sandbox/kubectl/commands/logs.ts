/** `kubectl logs`: current or previous container logs, -c, --tail, --timestamps, -f, pod/ and deploy/. */
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import { containerLogs } from "../../cluster/container-logs.ts";
import type { KubeObject } from "../../cluster/store.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { apiCall, getObject, groupResource, listObjects } from "../objects.ts";
import { goSort } from "../go-sort.ts";
import { durationFlag } from "../go-duration.ts";
import { resolveResourceType } from "../resources.ts";
import { formatLabelSelector } from "../tables/types.ts";
import { waitForAbort } from "./wait.ts";

const USAGE = `error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.
POD or TYPE/NAME is a required argument for the logs command
See 'kubectl logs -h' for help and examples`;

/** Go's time.RFC3339Nano, which drops trailing zeros of the fraction (as the kubelet prints it). */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const [seconds = "", fraction = ""] = iso.slice(0, -1).split(".");
  const trimmed = fraction.replace(/0+$/, "");
  return trimmed ? `${seconds}.${trimmed}Z` : `${seconds}Z`;
}

function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

function readySinceMs(pod: Pod): number {
  const ready = pod.status?.conditions?.find((c) => c.type === "Ready" && c.status === "True");
  return ready?.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : 0;
}

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount));
}

/** afterOrZero: whether t1 is after t2, a zero time counting as after any other. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

/**
 * podutils.ByLogging: the pod `kubectl logs TYPE/NAME` reads is the first after sorting by it.
 * `exec` and `attach` sort by sort.Reverse(controller.ActivePods), the same but for restarts:
 * fewer restarts first.
 */
function byLogging(a: Pod, b: Pod, moreRestartsFirst = true): boolean {
  const nodeA = a.spec?.nodeName ?? "";
  const nodeB = b.spec?.nodeName ?? "";
  if (nodeA !== nodeB && (nodeA === "" || nodeB === "")) return nodeA !== "";
  const rankA = PHASE_RANK[a.status?.phase ?? ""] ?? 0;
  const rankB = PHASE_RANK[b.status?.phase ?? ""] ?? 0;
  if (rankA !== rankB) return rankA < rankB;
  if (isReady(a) !== isReady(b)) return isReady(a);
  if (isReady(a) && isReady(b) && readySinceMs(a) !== readySinceMs(b))
    return afterOrZero(readySinceMs(b), readySinceMs(a));
  if (maxRestarts(a) !== maxRestarts(b))
    return moreRestartsFirst ? maxRestarts(a) > maxRestarts(b) : maxRestarts(a) < maxRestarts(b);
  const createdA = Date.parse(a.metadata?.creationTimestamp ?? "") || 0;
  const createdB = Date.parse(b.metadata?.creationTimestamp ?? "") || 0;
  return createdA !== createdB && afterOrZero(createdB, createdA);
}

/** The kinds whose pods `kubectl logs TYPE/NAME` finds through their selector. */
const WITH_SELECTOR = [
  "replicationcontrollers",
  "replicasets",
  "deployments",
  "daemonsets",
  "statefulsets",
  "jobs",
  "services",
];

/**
 * The pod a `POD` or `TYPE/NAME` stands for: the object itself, or the first of its selector's
 * pods in ByLogging order. kubectl finds the object through its polymorphic helper, which words
 * NotFound its own way.
 */
/**
 * The pod `exec` and `attach` act on: POD or pod/POD itself (missing, it fails as a get does),
 * else one pod of a workload's TYPE/NAME, as attachablePodForObject picks it.
 */
export function attachablePod(env: KubectlEnv, target: string, namespace: string): Pod {
  return !target.includes("/") || /^pods?\//.test(target)
    ? (getObject(
        env,
        resolveResourceType("pods"),
        namespace,
        target.slice(target.indexOf("/") + 1),
      ) as Pod)
    : podFor(env, target, namespace, "exec");
}

export function podFor(
  env: KubectlEnv,
  word: string,
  namespace: string,
  use: "logs" | "exec" = "logs",
): Pod {
  const [typeWord, name] = word.includes("/") ? word.split("/") : ["pods", word];
  const type = resolveResourceType(typeWord ?? "");
  const object = env.cluster.store.get<
    KubeObject & { spec?: { selector?: { matchLabels?: Record<string, string> } } }
  >(type.plural, type.namespaced ? namespace : undefined, name ?? "");
  if (!object)
    throw plainError(
      `error from server (NotFound): ${groupResource(type)} "${name ?? ""}" not found in namespace "${namespace}"`,
    );
  if (type.plural === "pods") return object as Pod;
  if (!WITH_SELECTOR.includes(type.plural)) {
    // polymorphichelpers.SelectorsForObject knows only workloads and services; %T is *v1.Kind.
    const goType = `*${type.version}.${type.kind}`;
    throw plainError(`cannot get the logs from ${goType}: selector for ${goType} not implemented`);
  }
  const selector = formatLabelSelector(object.spec?.selector);
  const pods = listObjects(env, resolveResourceType("pods"), {
    namespace,
    labelSelector: selector,
  }) as Pod[];
  goSort(pods, (a, b) => byLogging(a, b, use === "logs"));
  const pod = pods[0];
  if (!pod) throw plainError(`timed out waiting for the condition`);
  if (pods.length > 1 && use === "logs")
    env.stderr(`Found ${pods.length} pods, using pod/${pod.metadata?.name ?? ""}\n`);
  return pod;
}

/** --since or --since-time as the earliest time a line may have; kubectl's check of both. */
function sinceOption(env: KubectlEnv, flags: Flags): number | undefined {
  const since = flags.optionalString("since");
  const sinceTime = flags.optionalString("since-time");
  if (since !== undefined && sinceTime !== undefined)
    throw plainError("at most one of `sinceTime` or `sinceSeconds` may be specified");
  if (since !== undefined) {
    const ms = durationFlag("logs", flags, "since") ?? 0;
    // The kubelet keeps lines from the whole seconds before now (sinceSeconds).
    return env.cluster.clock.now() - Math.ceil(ms / 1000) * 1000;
  }
  if (sinceTime !== undefined) {
    const ms = Date.parse(sinceTime);
    if (Number.isNaN(ms))
      throw plainError(
        `parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`,
      );
    return ms;
  }
  return undefined;
}

/**
 * The kubelet's answer for one container: lines since a time, the last `tail`, with timestamps,
 * cut at --limit-bytes; kubectl adds `[pod/POD/CONTAINER] ` before each line with --prefix.
 */
function logText(
  all: readonly { timeMs: number; text: string }[],
  flags: Flags,
  tail: number,
  since: number | undefined,
  podAndContainer: string,
): string {
  let lines = since === undefined ? all : all.filter((l) => l.timeMs >= since);
  if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
  let text = lines
    .map((l) => (flags.bool("timestamps") ? `${rfc3339Nano(l.timeMs)} ` : "") + l.text + "\n")
    .join("");
  const limit = flags.int("limit-bytes", 0);
  if (limit > 0) text = new TextDecoder().decode(new TextEncoder().encode(text).slice(0, limit));
  if (!flags.bool("prefix")) return text;
  return text.replace(/^(?=.)/gm, `[pod/${podAndContainer}] `);
}

export async function runLogs(argv: readonly string[], env: KubectlEnv): Promise<number> {
  const parsed = parseArgs("logs", argv, [
    { name: "previous", short: "p", type: "bool" },
    { name: "container", short: "c", type: "string" },
    { name: "tail", type: "int" },
    { name: "timestamps", type: "bool" },
    { name: "follow", short: "f", type: "bool" },
    { name: "all-containers", type: "bool" },
    { name: "selector", short: "l", type: "string" },
    { name: "since", type: "string" },
    { name: "since-time", type: "string" },
    { name: "prefix", type: "bool" },
    { name: "limit-bytes", type: "int" },
    { name: "ignore-errors", type: "bool" },
    { name: "max-log-requests", type: "int" },
    { name: "pod-running-timeout", type: "string" },
  ]);
  const flags = new Flags(parsed);
  const [target, containerArg, ...extra] = parsed.positional;
  const selector = flags.optionalString("selector");
  if (target === undefined && selector === undefined) throw new KubectlError(USAGE);
  if (extra.length > 0 || (target !== undefined && selector !== undefined))
    throw new KubectlError(USAGE);
  const since = sinceOption(env, flags);
  const namespace = flags.string("namespace", env.namespace ?? "default");
  if (target === undefined || flags.bool("all-containers")) {
    const pods =
      target === undefined
        ? (listObjects(env, resolveResourceType("pods"), {
            namespace,
            labelSelector: selector,
          }) as Pod[])
        : [podFor(env, target, namespace)];
    if (target === undefined && pods.length === 0) {
      env.stderr(`No resources found in ${namespace} namespace.\n`);
      return 0;
    }
    // A selector reads the last 10 lines of each unless --tail says otherwise (logs.go).
    const tail = flags.int("tail", target === undefined ? 10 : -1);
    // Each container's log is printed as its request completes: the first failing request
    // (the app container of a pod still initializing) ends kubectl after the earlier logs.
    for (const pod of pods) {
      const containers = flags.bool("all-containers")
        ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
        : [pod.spec?.containers[0]];
      for (const container of containers) {
        if (!container) continue;
        const lines = apiCall(() =>
          containerLogs(env.cluster, pod, container.name, { previous: flags.bool("previous") }),
        );
        env.stdout(
          logText(lines, flags, tail, since, `${pod.metadata?.name ?? ""}/${container.name}`),
        );
      }
    }
    return 0;
  }
  const pod = podFor(env, target, namespace);
  const podName = pod.metadata?.name ?? "";
  const containers = pod.spec?.containers ?? [];
  let container = flags.optionalString("container") ?? containerArg;
  if (container === undefined) {
    const annotated = pod.metadata?.annotations?.["kubectl.kubernetes.io/default-container"];
    container = annotated ?? containers[0]?.name;
    const inits = pod.spec?.initContainers ?? [];
    const ephemerals = pod.spec?.ephemeralContainers ?? [];
    if (
      annotated === undefined &&
      (containers.length > 1 || inits.length > 0 || ephemerals.length > 0)
    ) {
      // podcmd.AllContainerNames: containers, then ephemeral, then init ones.
      const names = [
        ...containers.map((c) => c.name),
        ...ephemerals.map((c) => `${c.name} (ephem)`),
        ...inits.map((c) => `${c.name} (init)`),
      ];
      env.stderr(`Defaulted container "${container ?? ""}" out of: ${names.join(", ")}\n`);
    }
  }
  const known = [
    ...containers,
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ];
  if (container !== undefined && !known.some((c) => c.name === container)) {
    throw plainError(`container ${container} is not valid for pod ${podName}`);
  }
  const previous = flags.bool("previous");
  const tail = flags.int("tail", -1);
  // The pod is read again each time: which run the kubelet serves follows its status.
  const read = (): readonly { timeMs: number; text: string }[] =>
    apiCall(() => {
      const current = env.cluster.store.get<Pod>("pods", namespace, podName);
      if (!current) return env.cluster.podLogs(namespace, podName, container, { previous });
      return containerLogs(env.cluster, current, container, { previous });
    });
  const prefix = `${podName}/${container ?? ""}`;
  const format = (line: { timeMs: number; text: string }): string =>
    logText([line], flags, -1, undefined, prefix);
  env.stdout(logText(read(), flags, tail, since, prefix));
  if (!flags.bool("follow")) return 0;
  let printed = read().length;
  const printNew = (): void => {
    let all: readonly { timeMs: number; text: string }[];
    try {
      all = read();
    } catch {
      return;
    }
    if (all.length > printed) env.stdout(all.slice(printed).map(format).join(""));
    printed = all.length;
  };
  // The stream follows the pod (a restart begins a new run) and time (a running process writes
  // more lines without any change to the pod object).
  const stopWatch = env.cluster.store.watch("pods", { namespace }, (event) => {
    if (event.object.metadata?.name === podName) printNew();
  });
  const stopClock = env.cluster.onAdvance?.(printNew);
  try {
    await waitForAbort(env.signal);
  } finally {
    stopWatch();
    stopClock?.();
  }
  return 0;
}

/**
 * `kubectl debug POD ...` is debug-pod.ts. `kubectl debug node/NAME --image=IMAGE [-it]
 * [--profile=...] [-- CMD...]`: creates the node
 * debugger pod kubectl builds (host namespaces, the node's root at /host, pinned to the node, no
 * restarts), prints `Creating debugging pod node-debugger-<node>-<5 chars> with container debugger
 * on node <node>.`, and with -i/-t attaches the terminal to it.
 */
import type { Pod } from "kubernetes-types/core/v1.d.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { promptHint } from "./attach-messages.ts";
import { runPodDebug, waitWhilePending } from "./debug-pod.ts";
import { apiCall, getObject } from "../objects.ts";
import { resolveResourceType } from "../resources.ts";

const PROFILES = ["legacy", "general", "baseline", "netadmin", "restricted", "sysadmin"];

function securityContext(profile: string): Record<string, unknown> | undefined {
  if (profile === "sysadmin") return { privileged: true };
  if (profile === "netadmin") return { capabilities: { add: ["NET_ADMIN", "NET_RAW"] } };
  if (profile === "restricted") {
    return {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    };
  }
  return undefined;
}

export async function runDebug(argv: readonly string[], env: KubectlEnv): Promise<number> {
  const parsed = parseArgs("debug", argv, [
    { name: "image", type: "string" },
    { name: "stdin", short: "i", type: "bool" },
    { name: "tty", short: "t", type: "bool" },
    { name: "profile", type: "string" },
    { name: "container", short: "c", type: "string" },
    { name: "attach", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "target", type: "string" },
    { name: "copy-to", type: "string" },
    { name: "image-pull-policy", type: "string" },
    { name: "env", type: "strings" },
    { name: "share-processes", type: "bool" },
    { name: "replace", type: "bool" },
    { name: "same-node", type: "bool" },
    { name: "arguments-only", type: "bool" },
    { name: "custom", type: "string" },
    { name: "set-image", type: "strings" },
    { name: "filename", short: "f", type: "strings" },
  ]);
  const flags = new Flags(parsed);
  const [target] = parsed.positional;
  const image = flags.optionalString("image");
  if (image === undefined && !flags.has("copy-to"))
    throw plainError("you must specify --image when not using --copy-to.");
  if (target === undefined || parsed.dashAt === 0)
    throw plainError("pod, type/name or --filename must be specified");
  const profile = flags.string("profile", "legacy");
  if (!PROFILES.includes(profile)) throw plainError(`unknown profile: ${profile}`);
  if (!target.startsWith("node/") && !target.startsWith("nodes/")) {
    const slash = target.indexOf("/");
    return runPodDebug(env, {
      type:
        slash === -1 ? resolveResourceType("pods") : resolveResourceType(target.slice(0, slash)),
      podName: slash === -1 ? target : target.slice(slash + 1),
      namespace: flags.string("namespace", env.namespace ?? "default"),
      image,
      args: parsed.dashAt === -1 ? [] : parsed.positional.slice(parsed.dashAt),
      flags,
    });
  }
  const nodeName = target.slice(target.indexOf("/") + 1);
  getObject(env, resolveResourceType("nodes"), "", nodeName);
  if (!flags.has("profile")) {
    env.stderr(
      '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n',
    );
  }
  const namespace = flags.string("namespace", env.namespace ?? "default");
  const command = parsed.dashAt === -1 ? [] : parsed.positional.slice(parsed.dashAt);
  const interactive = flags.bool("stdin") || flags.bool("tty");
  const podName = `node-debugger-${nodeName}-${env.cluster.random.suffix(5)}`;
  const context = securityContext(profile);
  const hostNamespaces = profile !== "baseline" && profile !== "restricted";
  const container: Record<string, unknown> = {
    name: "debugger",
    image,
    resources: {},
    terminationMessagePolicy: "File",
    volumeMounts: [{ name: "host-root", mountPath: "/host" }],
  };
  if (command.length > 0) container["command"] = command;
  if (interactive) {
    container["stdin"] = true;
    if (flags.bool("tty")) container["tty"] = true;
  }
  if (context) container["securityContext"] = context;
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: podName, namespace },
    spec: {
      volumes: [{ name: "host-root", hostPath: { path: "/" } }],
      containers: [container as unknown as NonNullable<Pod["spec"]>["containers"][number]],
      restartPolicy: "Never",
      nodeName,
      // The baseline and restricted profiles leave out the host namespaces; the others share them.
      hostNetwork: hostNamespaces,
      hostPID: hostNamespaces,
      hostIPC: hostNamespaces,
      tolerations: [{ operator: "Exists" }],
    },
  };
  apiCall(() => env.cluster.create("pods", pod));
  env.stdout(`Creating debugging pod ${podName} with container debugger on node ${nodeName}.\n`);
  if (!interactive) return 0;
  if (!env.attachShell)
    throw new KubectlError("error: unable to attach: this terminal cannot attach to a container");
  waitWhilePending(env, namespace, podName);
  if (flags.bool("tty")) promptHint(env);
  // kubectl debug does not pass the container's exit status on: it ends with 0 once detached.
  // The shell was the debugger container's main process: the container ends with its status.
  const exitStatus = await env.attachShell({
    kind: "node-debug",
    namespace,
    pod: podName,
    container: "debugger",
    node: nodeName,
    image: image ?? "",
    profile,
    ...(command.length > 0 ? { command } : {}),
    interactive: true,
  });
  env.cluster.attachedProcessExited?.(namespace, podName, "debugger", exitStatus);
  return 0;
}

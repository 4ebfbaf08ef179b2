/**
 * crictl talking to the node's containerd over CRI: `ps [-a]`, `logs [--tail N] ID`, `inspect ID`,
 * `info`, `pods`, `version`. Its table is a Go tabwriter (min width 20, padding 3), ids shortened to
 * 13 characters, as crictl prints them. A wedged containerd answers no CRI call: crictl then fails
 * with the gRPC deadline error.
 */
import type { CriContainer } from "../../cluster/node-host.ts";
import { done } from "./tool-context.ts";
import type { NodeToolContext, ToolResult } from "./tool-context.ts";

const STATE_NAMES: Record<CriContainer["state"], string> = {
  CONTAINER_CREATED: "Created",
  CONTAINER_RUNNING: "Running",
  CONTAINER_EXITED: "Exited",
};

/** go-units HumanDuration, which crictl prints with " ago". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  return `${Math.floor(hours / 24 / 7)} weeks`;
}

/** Go's text/tabwriter with minwidth 20, padding 3, as crictl configures it. */
function tabwrite(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, Math.max(20, cell.length + 3));
    });
  }
  return rows
    .map(
      (row) =>
        row
          .map((cell, column) =>
            column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
          )
          .join("") + "\n",
    )
    .join("");
}

const CRI_DOWN = (now: number, what: string): string =>
  `time="${new Date(now).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="${what}: rpc error: code = DeadlineExceeded desc = context deadline exceeded"\n`;

/** containerd lists a container's image by ID; crictl shortens a digest as it does container ids. */
function shortImage(container: CriContainer): string {
  const digest = /(?:^|@)sha256:([0-9a-f]{13})/.exec(container.imageRef);
  return digest?.[1] ?? container.image;
}

function findContainer(context: NodeToolContext, id: string | undefined): CriContainer | undefined {
  if (id === undefined || id === "") return undefined;
  return context.host.criContainers().find((container) => container.id.startsWith(id));
}

const rfc3339Nano = (ms: number | undefined): string =>
  ms === undefined
    ? "1970-01-01T00:00:00Z"
    : new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");

export function crictl(args: readonly string[], context: NodeToolContext): ToolResult {
  const { host, cluster } = context;
  const now = cluster.clock.now();
  const words = args.filter((arg) => !arg.startsWith("-"));
  const flags = args.filter((arg) => arg.startsWith("-"));
  const [verb, target] = words;
  if (verb === undefined)
    return done(
      "",
      "NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n",
      0,
    );
  const responding = host.criResponding();
  switch (verb) {
    case "ps": {
      if (!responding) return done("", CRI_DOWN(now, "listing containers"), 1);
      const all = flags.includes("-a") || flags.includes("--all");
      const quiet = flags.includes("-q") || flags.includes("--quiet");
      const containers = host
        .criContainers()
        .filter((c) => all || c.state === "CONTAINER_RUNNING")
        .reverse();
      if (quiet) return done(containers.map((c) => `${c.id}\n`).join(""));
      // crictl v1.32 (the one kind's v1.32 node image ships) added the NAMESPACE column.
      const rows = [
        ["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"],
      ];
      for (const c of containers) {
        rows.push([
          c.id.slice(0, 13),
          shortImage(c),
          `${humanDuration(now - c.createdMs)} ago`,
          STATE_NAMES[c.state],
          c.name,
          String(c.attempt),
          c.podSandboxId.slice(0, 13),
          c.podName,
          c.podNamespace,
        ]);
      }
      return done(tabwrite(rows));
    }
    case "pods": {
      if (!responding) return done("", CRI_DOWN(now, "listing pod sandboxes"), 1);
      const seen = new Map<string, CriContainer>();
      for (const c of host.criContainers())
        if (!seen.has(c.podSandboxId)) seen.set(c.podSandboxId, c);
      const rows = [["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]];
      for (const c of [...seen.values()].reverse()) {
        rows.push([
          c.podSandboxId.slice(0, 13),
          `${humanDuration(now - c.createdMs)} ago`,
          "Ready",
          c.podName,
          c.podNamespace,
          "0",
          "(default)",
        ]);
      }
      return done(tabwrite(rows));
    }
    case "logs": {
      if (!responding) return done("", CRI_DOWN(now, "failed to get container status"), 1);
      const container = findContainer(context, target);
      if (!container)
        return done(
          "",
          `time="${new Date(now).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="failed to get container ID: no container found"\n`,
          1,
        );
      const tail = flags.find((flag) => flag.startsWith("--tail="));
      const lines = cluster
        .podLogs(container.podNamespace, container.podName, container.name, {
          previous: container.state === "CONTAINER_EXITED",
        })
        .map((line) => `${line.text}\n`);
      const count = tail === undefined ? lines.length : Number(tail.slice(7));
      return done(lines.slice(Math.max(0, lines.length - count)).join(""));
    }
    case "inspect": {
      if (!responding) return done("", CRI_DOWN(now, "getting the status of the container"), 1);
      const container = findContainer(context, target);
      if (!container)
        return done(
          "",
          `time="${new Date(now).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="no such container \\"${target ?? ""}\\""\n`,
          1,
        );
      const status = {
        status: {
          id: container.id,
          metadata: { attempt: container.attempt, name: container.name },
          state: container.state,
          createdAt: rfc3339Nano(container.createdMs),
          startedAt: rfc3339Nano(container.startedMs),
          finishedAt: rfc3339Nano(container.finishedMs),
          exitCode: container.exitCode ?? 0,
          image: {
            annotations: {},
            image: container.image,
            runtimeHandler: "",
            userSpecifiedImage: "",
          },
          imageRef: container.imageRef,
          reason: container.reason ?? "",
          message: container.message ?? "",
          labels: {
            "io.kubernetes.container.name": container.name,
            "io.kubernetes.pod.name": container.podName,
            "io.kubernetes.pod.namespace": container.podNamespace,
            "io.kubernetes.pod.uid": container.podUid,
          },
          logPath: `/var/log/pods/${container.podNamespace}_${container.podName}_${container.podUid}/${container.name}/${container.attempt}.log`,
        },
      };
      return done(`${JSON.stringify(status, null, 2)}\n`);
    }
    case "info": {
      if (!responding) return done("", CRI_DOWN(now, "getting status of runtime"), 1);
      const info = {
        status: {
          conditions: [
            { type: "RuntimeReady", status: true, reason: "", message: "" },
            { type: "NetworkReady", status: true, reason: "", message: "" },
          ],
        },
        config: {
          containerd: { snapshotter: "overlayfs", defaultRuntimeName: "runc" },
          cni: { binDir: "/opt/cni/bin", confDir: "/etc/cni/net.d" },
          sandboxImage: "registry.k8s.io/pause:3.10",
        },
      };
      return done(`${JSON.stringify(info, null, 2)}\n`);
    }
    case "version":
      if (!responding) return done("", CRI_DOWN(now, "getting the runtime version"), 1);
      return done(
        `Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  ${host.options.containerdVersion}\nRuntimeApiVersion:  v1\n`,
      );
    default:
      return done("", `No help topic for '${verb}'\n`, 3);
  }
}

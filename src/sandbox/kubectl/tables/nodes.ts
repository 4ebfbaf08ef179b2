/** The nodes table (printNode): Ready/NotReady/Unknown plus SchedulingDisabled when cordoned. */
import type { Node } from "kubernetes-types/core/v1.d.ts";
import { ageSince } from "../duration.ts";
import {
  AGE_COLUMN,
  column,
  NAME_COLUMN,
  type ResourceTable,
  type TableCell,
  type TableContext,
} from "./types.ts";

/** findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role=<role>, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith("node-role.kubernetes.io/")) {
      const role = key.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (key === "kubernetes.io/role" && value !== "") roles.add(value);
  }
  return [...roles].sort();
}

export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const status = [ready ? (ready.status === "True" ? "Ready" : "NotReady") : "Unknown"];
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? "<none>";
}

export const nodeTable: ResourceTable<Node> = {
  columns: [
    NAME_COLUMN,
    column("Status", "The status of the node"),
    column("Roles", "The roles of the node"),
    AGE_COLUMN,
    column("Version", "Kubelet Version reported by the node."),
    column("Internal-IP", "List of addresses reachable to the node.", { priority: 1 }),
    column("External-IP", "List of addresses reachable to the node.", { priority: 1 }),
    column(
      "OS-Image",
      "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).",
      {
        priority: 1,
      },
    ),
    column(
      "Kernel-Version",
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      {
        priority: 1,
      },
    ),
    column(
      "Container-Runtime",
      "ContainerRuntime Version reported by the node through runtime remote API.",
      {
        priority: 1,
      },
    ),
  ],
  cells(node: Node, ctx: TableContext): TableCell[] {
    const info = node.status?.nodeInfo;
    const roles = nodeRoles(node).join(",");
    return [
      node.metadata?.name ?? "",
      nodeStatus(node),
      roles || "<none>",
      ageSince(node.metadata?.creationTimestamp, ctx.nowMs),
      info?.kubeletVersion ?? "",
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      info?.osImage || "<unknown>",
      info?.kernelVersion || "<unknown>",
      info?.containerRuntimeVersion || "<unknown>",
    ];
  },
};

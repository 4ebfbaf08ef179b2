/** Tables of the apps/v1 workloads (printDeployment, printReplicaSet, printDaemonSet). */
import type { DaemonSet, Deployment, ReplicaSet } from "kubernetes-types/apps/v1.d.ts";
import { ageSince } from "../duration.ts";
import {
  AGE_COLUMN,
  column,
  containerCells,
  formatLabels,
  formatLabelSelector,
  NAME_COLUMN,
  type ResourceTable,
  type TableCell,
  type TableContext,
} from "./types.ts";

const CONTAINERS = column("Containers", "Names of each container in the template.", {
  priority: 1,
});
const IMAGES = column("Images", "Images referenced by each container in the template.", {
  priority: 1,
});
const SELECTOR = column(
  "Selector",
  "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.",
  { priority: 1 },
);

export const deploymentTable: ResourceTable<Deployment> = {
  columns: [
    NAME_COLUMN,
    column("Ready", "Number of the pod with ready state"),
    column(
      "Up-to-date",
      "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
      { type: "integer" },
    ),
    column(
      "Available",
      "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
      { type: "integer" },
    ),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(d: Deployment, ctx: TableContext): TableCell[] {
    const [names, images] = containerCells(d.spec?.template.spec?.containers ?? []);
    return [
      d.metadata?.name ?? "",
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      ageSince(d.metadata?.creationTimestamp, ctx.nowMs),
      names,
      images,
      formatLabelSelector(d.spec?.selector),
    ];
  },
};

export const replicaSetTable: ResourceTable<ReplicaSet> = {
  columns: [
    NAME_COLUMN,
    column("Desired", "Replicas is the number of desired replicas.", { type: "integer" }),
    column("Current", "Replicas is the most recently observed number of replicas.", {
      type: "integer",
    }),
    column("Ready", "The number of ready replicas for this replica set.", { type: "integer" }),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(rs: ReplicaSet, ctx: TableContext): TableCell[] {
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers ?? []);
    return [
      rs.metadata?.name ?? "",
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      ageSince(rs.metadata?.creationTimestamp, ctx.nowMs),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

export const daemonSetTable: ResourceTable<DaemonSet> = {
  columns: [
    NAME_COLUMN,
    column("Desired", "The total number of nodes that should be running the daemon pod.", {
      type: "integer",
    }),
    column(
      "Current",
      "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.",
      { type: "integer" },
    ),
    column(
      "Ready",
      "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.",
      { type: "integer" },
    ),
    column("Up-to-date", "The total number of nodes that are running updated daemon pod", {
      type: "integer",
    }),
    column(
      "Available",
      "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.",
      { type: "integer" },
    ),
    column(
      "Node Selector",
      "NodeSelector is a selector which must be true for the pod to fit on a node.",
    ),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(ds: DaemonSet, ctx: TableContext): TableCell[] {
    const [names, images] = containerCells(ds.spec?.template.spec?.containers ?? []);
    const status = ds.status;
    return [
      ds.metadata?.name ?? "",
      status?.desiredNumberScheduled ?? 0,
      status?.currentNumberScheduled ?? 0,
      status?.numberReady ?? 0,
      status?.updatedNumberScheduled ?? 0,
      status?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template.spec?.nodeSelector),
      ageSince(ds.metadata?.creationTimestamp, ctx.nowMs),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

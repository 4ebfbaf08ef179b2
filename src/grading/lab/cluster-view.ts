/**
 * What grading reads from a lab's cluster: its objects, its virtual time and its history of node
 * actions. A narrow view, so the checks can be tested over a bare ObjectStore and do not depend on
 * the engine's controllers.
 */
import type { KubeObject, ListOptions } from "../../sandbox/cluster/store.ts";

export interface ClusterView {
  list<T extends KubeObject = KubeObject>(resource: string, options?: ListOptions): T[];
  // Same generic signature as ObjectStore.get, so the store itself satisfies this view.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  get<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): T | undefined;
  /** Virtual epoch milliseconds. */
  now(): number;
  /** How often the systemd unit was restarted on the node since the lab started. */
  unitRestarts(node: string, unit: string): number;
}

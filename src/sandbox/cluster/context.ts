import type { GitRepository, ImageSpec } from "../../schemas/scenario.ts";
import type { VirtualClock } from "./clock.ts";
import type { EventRecorder } from "./events.ts";
import type { History } from "./history.ts";
import type { SeededRandom } from "./random.ts";
import type { ObjectStore } from "./store.ts";
import type { TimerQueue } from "./timers.ts";

/** What the controllers and kubelets share: the cluster's state and its services. */
export interface EngineContext {
  store: ObjectStore;
  clock: VirtualClock;
  random: SeededRandom;
  events: EventRecorder;
  timers: TimerQueue;
  history: History;
  images: ReadonlyMap<string, ImageSpec>;
  /** The git server's repositories; empty when git behaves as its image says. */
  gitRepositories: readonly GitRepository[];
  /** Graceful deletion (grace undefined: the pod's own terminationGracePeriodSeconds). */
  deletePod: (
    namespace: string,
    name: string,
    gracePeriodSeconds: number | undefined,
    evicted: boolean,
  ) => void;
  /** Asks for a reconcile pass (controllers, scheduler, kubelets) after the current step. */
  requestSync: () => void;
}

/**
 * Notable things that happened, for grading labs ("was the node drained before containerd was
 * restarted?", "how many restarts since the fix?"). Entries are appended in time order.
 */
export type HistoryEntry =
  | {
      kind: "pod-deleted";
      atMs: number;
      namespace: string;
      name: string;
      node: string | undefined;
      evicted: boolean;
    }
  | { kind: "node-cordoned" | "node-uncordoned"; atMs: number; node: string }
  | { kind: "unit-restarted"; atMs: number; node: string; unit: string; podsOnNode: string[] }
  | {
      kind: "container-exited";
      atMs: number;
      namespace: string;
      pod: string;
      container: string;
      node: string;
      exitCode: number;
      reason: string;
    };

export class History {
  readonly #entries: HistoryEntry[] = [];

  add(entry: HistoryEntry): void {
    this.#entries.push(entry);
  }

  entries(): readonly HistoryEntry[] {
    return this.#entries;
  }

  since(atMs: number): HistoryEntry[] {
    return this.#entries.filter((e) => e.atMs >= atMs);
  }
}

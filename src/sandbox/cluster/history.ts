/**
 * Notable things that happened, for grading labs ("was the node drained before containerd was
 * restarted?", "how many restarts since the fix?"), in time order.
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

  /** Keeps time order: runtime steps take virtual milliseconds, so an entry may be a little ahead. */
  add(entry: HistoryEntry): void {
    let at = this.#entries.length;
    while (at > 0 && (this.#entries[at - 1]?.atMs ?? 0) > entry.atMs) at--;
    this.#entries.splice(at, 0, entry);
  }

  entries(): readonly HistoryEntry[] {
    return this.#entries;
  }
}

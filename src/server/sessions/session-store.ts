import type { InputEntry } from "./terminal-backend.ts";

/** What the session manager persists: enough to rebuild a session by replay after a restart. */
export interface SessionRecord {
  readonly id: string;
  readonly learner: string;
  /** `scenario:<id>` or `lab:<id>` (see targetKey). */
  readonly target: string;
  readonly seed: number;
  readonly createdAt: number;
  readonly lastActiveAt: number;
}

/**
 * Storage of sessions and their input logs (implemented by src/server/progress/storage.ts over
 * SQLite or PostgreSQL). Each input chunk is appended as it arrives, so a crash loses nothing
 * that was already echoed.
 */
export interface SessionStore {
  findSession(learner: string, target: string): Promise<SessionRecord | undefined>;
  createSession(record: SessionRecord): Promise<void>;
  /** Appends keystrokes, or with `file` an editor save of that file. */
  appendInput(
    sessionId: string,
    seq: number,
    data: string,
    atMs: number,
    file?: string,
  ): Promise<void>;
  inputLog(sessionId: string): Promise<readonly InputEntry[]>;
  deleteSession(sessionId: string): Promise<void>;
}

import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { SessionRecord, SessionStore } from "../sessions/session-store.ts";
import type { InputEntry } from "../sessions/terminal-backend.ts";
import { openPostgres } from "./postgres-database.ts";
import { migrate } from "./migrations.ts";
import type { SqlDatabase, SqlRow } from "./sql-database.ts";
import { openSqlite } from "./sqlite-database.ts";

/** One lab's progress for one learner, as the progress page and API show it. */
export interface LabProgress {
  readonly labId: string;
  readonly tasksDone: readonly string[];
  readonly tasksTotal: number;
  readonly hintsUsed: number;
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

export interface LabTaskState {
  readonly id: string;
  readonly done: boolean;
}

export interface InterviewAttempt {
  readonly id: string;
  readonly questionId: string;
  /** The checker's score, 0 to 100. */
  readonly score: number;
  readonly answer: string;
  /** The checker's findings (key points covered and missed, misconceptions), as F's page sends them. */
  readonly details: unknown;
  readonly createdAt: number;
}

function num(value: unknown): number {
  return typeof value === "string" ? Number(value) : (value as number);
}

function str(value: unknown): string {
  return value as string;
}

function labProgressOf(row: SqlRow): LabProgress {
  return {
    labId: str(row["lab_id"]),
    tasksDone: JSON.parse(str(row["tasks_done"])) as string[],
    tasksTotal: num(row["tasks_total"]),
    hintsUsed: num(row["hints_used"]),
    startedAt: num(row["started_at"]),
    finishedAt: row["finished_at"] === null ? null : num(row["finished_at"]),
  };
}

/**
 * Everything the server keeps per learner: sessions with their input logs (for replay), lab
 * progress and interview attempts. The same statements run on SQLite and PostgreSQL.
 */
export class ProgressStorage implements SessionStore {
  readonly #db: SqlDatabase;

  private constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** Opens a database, bringing its schema up to date first (src/server/progress/migrations.ts). */
  static async open(db: SqlDatabase): Promise<ProgressStorage> {
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    return new ProgressStorage(db);
  }

  /** PostgreSQL when DATABASE_URL is set, else SQLite in `<dataDir>/progress.sqlite`. */
  static fromEnvironment(
    dataDir: string,
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<ProgressStorage> {
    const url = env["DATABASE_URL"];
    return ProgressStorage.open(
      url ? openPostgres(url) : openSqlite(join(dataDir, "progress.sqlite")),
    );
  }

  get engine(): SqlDatabase["engine"] {
    return this.#db.engine;
  }

  async findSession(learner: string, target: string): Promise<SessionRecord | undefined> {
    const [row] = await this.#db.all(
      "SELECT id, seed, created_at, last_active_at FROM sessions WHERE learner = $1 AND target = $2",
      [learner, target],
    );
    if (!row) return undefined;
    return {
      id: str(row["id"]),
      learner,
      target,
      seed: num(row["seed"]),
      createdAt: num(row["created_at"]),
      lastActiveAt: num(row["last_active_at"]),
    };
  }

  async createSession(record: SessionRecord): Promise<void> {
    await this.#db.run(
      "INSERT INTO sessions (id, learner, target, seed, created_at, last_active_at) VALUES ($1, $2, $3, $4, $5, $6)",
      [
        record.id,
        record.learner,
        record.target,
        record.seed,
        record.createdAt,
        record.lastActiveAt,
      ],
    );
  }

  async appendInput(
    sessionId: string,
    seq: number,
    data: string,
    atMs: number,
    file?: string,
  ): Promise<void> {
    await this.#db.run(
      "INSERT INTO session_inputs (session_id, seq, data, at_ms, file) VALUES ($1, $2, $3, $4, $5)",
      [sessionId, seq, data, atMs, file ?? null],
    );
    await this.#db.run("UPDATE sessions SET last_active_at = $1 WHERE id = $2", [atMs, sessionId]);
  }

  async inputLog(sessionId: string): Promise<readonly InputEntry[]> {
    const rows = await this.#db.all(
      "SELECT data, at_ms, file FROM session_inputs WHERE session_id = $1 ORDER BY seq",
      [sessionId],
    );
    return rows.map((row) => {
      const entry = { atMs: num(row["at_ms"]), data: str(row["data"]) };
      return row["file"] === null ? entry : { ...entry, file: str(row["file"]) };
    });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.#db.run("DELETE FROM session_inputs WHERE session_id = $1", [sessionId]);
    await this.#db.run("DELETE FROM sessions WHERE id = $1", [sessionId]);
  }

  /**
   * Records a lab's task list after a re-grade. Tasks once done stay done (a later check that
   * fails again does not erase the achievement); the lab is finished when every task is.
   */
  async recordLabStatus(
    learner: string,
    labId: string,
    tasks: readonly LabTaskState[],
    hintsUsed: number,
    now: number,
  ): Promise<LabProgress> {
    const [previous] = await this.labProgress(learner, labId);
    const done = new Set(previous?.tasksDone ?? []);
    for (const task of tasks) if (task.done) done.add(task.id);
    const tasksDone = tasks.map((task) => task.id).filter((id) => done.has(id));
    const finishedAt =
      previous?.finishedAt ?? (tasksDone.length === tasks.length && tasks.length > 0 ? now : null);
    const progress: LabProgress = {
      labId,
      tasksDone,
      tasksTotal: tasks.length,
      hintsUsed: Math.max(hintsUsed, previous?.hintsUsed ?? 0),
      startedAt: previous?.startedAt ?? now,
      finishedAt,
    };
    await this.#db.run(
      `INSERT INTO lab_progress (learner, lab_id, tasks_done, tasks_total, hints_used, started_at, finished_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (learner, lab_id) DO UPDATE SET tasks_done = excluded.tasks_done,
         tasks_total = excluded.tasks_total, hints_used = excluded.hints_used,
         finished_at = excluded.finished_at, updated_at = excluded.updated_at`,
      [
        learner,
        labId,
        JSON.stringify(progress.tasksDone),
        progress.tasksTotal,
        progress.hintsUsed,
        progress.startedAt,
        progress.finishedAt,
        now,
      ],
    );
    return progress;
  }

  async labProgress(learner: string, labId?: string): Promise<readonly LabProgress[]> {
    const rows =
      labId === undefined
        ? await this.#db.all("SELECT * FROM lab_progress WHERE learner = $1 ORDER BY lab_id", [
            learner,
          ])
        : await this.#db.all("SELECT * FROM lab_progress WHERE learner = $1 AND lab_id = $2", [
            learner,
            labId,
          ]);
    return rows.map(labProgressOf);
  }

  async addInterviewAttempt(
    learner: string,
    attempt: Omit<InterviewAttempt, "id" | "createdAt">,
    now: number,
  ): Promise<InterviewAttempt> {
    const stored: InterviewAttempt = { ...attempt, id: randomUUID(), createdAt: now };
    await this.#db.run(
      "INSERT INTO interview_attempts (id, learner, question_id, score, answer, details, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [
        stored.id,
        learner,
        stored.questionId,
        stored.score,
        stored.answer,
        JSON.stringify(stored.details ?? null),
        now,
      ],
    );
    return stored;
  }

  async interviewAttempts(
    learner: string,
    questionId?: string,
  ): Promise<readonly InterviewAttempt[]> {
    const rows =
      questionId === undefined
        ? await this.#db.all(
            "SELECT * FROM interview_attempts WHERE learner = $1 ORDER BY created_at, id",
            [learner],
          )
        : await this.#db.all(
            "SELECT * FROM interview_attempts WHERE learner = $1 AND question_id = $2 ORDER BY created_at, id",
            [learner, questionId],
          );
    return rows.map((row) => ({
      id: str(row["id"]),
      questionId: str(row["question_id"]),
      score: num(row["score"]),
      answer: str(row["answer"]),
      details: JSON.parse(str(row["details"])) as unknown,
      createdAt: num(row["created_at"]),
    }));
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}

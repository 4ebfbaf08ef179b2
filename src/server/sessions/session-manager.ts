import { randomInt } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import { learnerOf, newRandomId } from "./learner-cookie.ts";
import { parseClientMessage, type ServerMessage } from "./protocol.ts";
import type { SessionRecord, SessionStore } from "./session-store.ts";
import {
  EDIT_LOG_FILE,
  RESUME_LOG_FILE,
  parseTarget,
  type EditRequest,
  type InputEntry,
  type ReplayEntry,
  type TerminalHooks,
  targetKey,
  type LiveTerminal,
  type SessionTarget,
  type TerminalFactory,
} from "./terminal-backend.ts";
import { TokenBucket } from "./token-bucket.ts";

export interface SessionLimits {
  /** Sessions held in memory at once; beyond it the longest-idle detached one is let go. */
  readonly maxLiveSessions: number;
  /** A session with no input for this long expires: its log is deleted, the learner is told. */
  readonly idleMs: number;
  /** A session with no socket attached leaves memory after this long (its log stays). */
  readonly detachedMs: number;
  /** Bytes of input per second, with this burst (a paste of a manifest fits the burst). */
  readonly inputBytesPerSecond: number;
  readonly inputBurstBytes: number;
  /** Bytes of output per second, with this burst; beyond it output is dropped with a notice. */
  readonly outputBytesPerSecond: number;
  readonly outputBurstBytes: number;
  /** Messages per second of any kind from one socket. */
  readonly messagesPerSecond: number;
  /** Scrollback kept to restore the screen after a reload. */
  readonly screenBytes: number;
  /** Longest wait for a replay before the learner gets the session as it stands. */
  readonly replayTimeoutMs: number;
  /** How often a session with a page attached and a command running is ticked (real time). */
  readonly tickMs: number;
}

export const DEFAULT_LIMITS: SessionLimits = {
  maxLiveSessions: 2000,
  idleMs: 30 * 60_000,
  detachedMs: 5 * 60_000,
  inputBytesPerSecond: 2048,
  inputBurstBytes: 16 * 1024,
  outputBytesPerSecond: 256 * 1024,
  outputBurstBytes: 1024 * 1024,
  messagesPerSecond: 200,
  screenBytes: 256 * 1024,
  replayTimeoutMs: 20_000,
  tickMs: 1000,
};

export interface SessionManagerOptions {
  readonly store: SessionStore;
  readonly createTerminal: TerminalFactory;
  /** Targets that exist (the runbook scenario, the lab ids); others are refused. */
  readonly isKnownTarget: (target: SessionTarget) => boolean;
  /** Lab task status changes, for progress storage. */
  readonly onLabStatus?: (learner: string, labId: string, status: unknown) => void;
  readonly limits?: Partial<SessionLimits>;
  readonly now?: () => number;
}

/** Close codes in the private range (4000-4999) so the page can tell why. */
export const CLOSE_CODES = {
  noLearner: 4001,
  badTarget: 4002,
  expired: 4003,
  busy: 4004,
  failed: 4005,
  exited: 4006,
} as const;

class LiveSession {
  readonly sockets = new Set<WebSocket>();
  screen = "";
  nextSeq: number;
  lastActiveAt: number;
  detachedTimer: NodeJS.Timeout | undefined;
  outputDropped = false;
  readonly output: TokenBucket;
  readonly record: SessionRecord;
  readonly live: LiveTerminal;
  /** `kubectl edit` outcomes from the log, handed back in order while replaying. */
  replayedEdits: { content?: string }[] = [];
  /** `kubectl edit`s waiting for the page, by id. */
  readonly edits = new Map<string, (content: string | undefined) => void>();
  editCount = 0;

  constructor(
    record: SessionRecord,
    live: LiveTerminal,
    nextSeq: number,
    limits: SessionLimits,
    now: () => number,
  ) {
    this.record = record;
    this.live = live;
    this.nextSeq = nextSeq;
    this.lastActiveAt = record.lastActiveAt;
    this.output = new TokenBucket(limits.outputBurstBytes, limits.outputBytesPerSecond, now);
  }
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function refuse(socket: WebSocket, code: number, text: string): void {
  send(socket, { type: "notice", level: "error", text });
  socket.close(code, text.slice(0, 120));
}

/**
 * One sandbox session per learner per target, attached to any number of sockets (tabs). A session
 * is a pure function of (target, seed, input log): the log is stored as it arrives, and a session
 * missing from memory (server restart, eviction) is rebuilt by replaying it.
 *
 * Sessions run on real time while a page is attached (the rules are the terminal's, in
 * src/sandbox/shell/terminal-session.ts): every input carries the server's clock; while a command
 * runs the session is ticked (an empty input) every `tickMs` so `get -w` and `logs -f` stream;
 * the last page leaving logs one more tick (time passed until then) and suspends the session; a
 * page attaching logs a resume (the time nobody was attached, or the server was down, did not
 * pass). Ticks and the terminal's own sleep ends are logged like keystrokes, so a replay moves
 * the clock exactly as the live session did.
 */
export class SessionManager {
  readonly #options: SessionManagerOptions;
  readonly #limits: SessionLimits;
  readonly #now: () => number;
  readonly #live = new Map<string, LiveSession>();
  readonly #opening = new Map<string, Promise<LiveSession>>();
  readonly #socketSession = new WeakMap<WebSocket, LiveSession>();
  readonly #sweeper: NodeJS.Timeout;
  readonly #ticker: NodeJS.Timeout;
  #writes: Promise<void> = Promise.resolve();

  constructor(options: SessionManagerOptions) {
    this.#options = options;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#now = options.now ?? Date.now;
    this.#sweeper = setInterval(() => this.sweep(), Math.min(30_000, this.#limits.idleMs));
    this.#sweeper.unref();
    this.#ticker = setInterval(() => this.#tick(), this.#limits.tickMs);
    this.#ticker.unref();
  }

  get liveSessionCount(): number {
    return this.#live.size;
  }

  /** The `/ws/terminal` handler. */
  readonly handle = (socket: WebSocket, req: IncomingMessage): void => {
    void this.#attach(socket, req);
  };

  async #attach(socket: WebSocket, req: IncomingMessage): Promise<void> {
    const learner = learnerOf(req);
    if (learner === undefined) {
      refuse(socket, CLOSE_CODES.noLearner, "No learner cookie: reload the page to get one.");
      return;
    }
    const target = parseTarget(new URL(req.url ?? "/", "http://localhost").searchParams);
    if (target === undefined || !this.#options.isKnownTarget(target)) {
      refuse(
        socket,
        CLOSE_CODES.badTarget,
        "Unknown terminal: ask for ?scenario=runbook or ?lab=<id>.",
      );
      return;
    }
    // Messages that arrive while the session is being rebuilt wait their turn.
    const early: [Buffer, boolean][] = [];
    const queue = (data: Buffer, isBinary: boolean): void => {
      early.push([data, isBinary]);
    };
    socket.on("message", queue);

    let session: LiveSession;
    try {
      session = await this.#open(learner, target, socket);
    } catch (error) {
      const busy = error instanceof SessionsFullError;
      refuse(
        socket,
        busy ? CLOSE_CODES.busy : CLOSE_CODES.failed,
        busy ? error.message : "The sandbox could not start; try again in a moment.",
      );
      if (!busy) console.error(error);
      return;
    }
    if (socket.readyState !== socket.OPEN) {
      this.#detachLater(session);
      return;
    }
    clearTimeout(session.detachedTimer);
    const firstPage = session.sockets.size === 0;
    session.sockets.add(socket);
    send(socket, {
      type: "ready",
      sessionId: session.record.id,
      target: session.record.target,
      screen: session.screen,
      replayed: session.nextSeq > 0,
    });
    if (session.live.status) send(socket, { type: "status", status: session.live.status() });
    if (firstPage) this.#resume(session);

    const messages = new TokenBucket(
      this.#limits.messagesPerSecond,
      this.#limits.messagesPerSecond,
      this.#now,
    );
    const saves = new TokenBucket(10, 1, this.#now);
    const input = new TokenBucket(
      this.#limits.inputBurstBytes,
      this.#limits.inputBytesPerSecond,
      this.#now,
    );
    // A `lab reset` moves the socket to a new session; messages follow it.
    this.#socketSession.set(socket, session);
    const current = (): LiveSession => this.#socketSession.get(socket) ?? session;
    const onMessage = (data: Buffer, isBinary: boolean): void => {
      if (!messages.take(1)) {
        send(socket, { type: "notice", level: "warning", text: "Too many messages: slow down." });
        return;
      }
      const parsed = parseClientMessage(data, isBinary);
      if (!parsed.ok) {
        send(socket, { type: "notice", level: "warning", text: `Ignored: ${parsed.error}.` });
        return;
      }
      const message = parsed.message;
      switch (message.type) {
        case "ping":
          send(socket, { type: "pong" });
          return;
        case "resize":
          current().live.terminal.resize(message.cols, message.rows);
          return;
        case "input":
          if (!input.take(Buffer.byteLength(message.data))) {
            send(socket, {
              type: "notice",
              level: "warning",
              text: "Input is arriving faster than the sandbox accepts it; some was dropped.",
            });
            return;
          }
          this.#input(current(), message.data);
          return;
        case "open-file":
          void this.#openFile(current(), socket, message.path);
          return;
        case "edit-done":
          this.#finishEdit(current(), message.id, message.content);
          return;
        case "save-file":
          if (!saves.take(1)) {
            send(socket, {
              type: "file-error",
              path: message.path,
              error: "Too many saves in a short time; wait a moment and save again.",
            });
            return;
          }
          void this.#saveFile(current(), socket, message.path, message.content);
      }
    };
    socket.off("message", queue);
    socket.on("message", onMessage);
    for (const [data, isBinary] of early) onMessage(data, isBinary);
    socket.on("close", () => {
      const last = current();
      last.sockets.delete(socket);
      if (last.sockets.size > 0) return;
      // Nobody is left to answer an open `kubectl edit`: it is cancelled, as closing vi would.
      for (const id of [...last.edits.keys()]) this.#finishEdit(last, id, undefined);
      // Time passed while the page was open; from now it stands still until a page resumes.
      if (this.#live.get(`${last.record.learner}|${last.record.target}`) === last) {
        this.#timeInput(last, "");
        last.live.terminal.suspend?.();
      }
      this.#detachLater(last);
    });
  }

  /** The learner's keystrokes: logged, stamped with the server's clock, and handed on. */
  #input(session: LiveSession, data: string): void {
    session.lastActiveAt = this.#now();
    this.#timeInput(session, data);
  }

  /** An input at the server's clock; "" is a tick, which is no activity of the learner's. */
  #timeInput(session: LiveSession, data: string): void {
    const atMs = this.#now();
    this.#log(session, data, atMs);
    session.live.terminal.input(data, atMs);
  }

  /** A page attached: the time since the session's last input did not pass. */
  #resume(session: LiveSession): void {
    const atMs = this.#now();
    this.#log(session, "", atMs, RESUME_LOG_FILE);
    session.live.terminal.resume?.(atMs);
  }

  /** Every session with a page and a running command gets a tick, so what it waits on moves. */
  #tick(): void {
    for (const session of this.#live.values()) {
      if (session.sockets.size > 0 && session.live.terminal.commandRunning === true) {
        this.#timeInput(session, "");
      }
    }
  }

  /** Stores a log entry before the sandbox sees it, so a crash loses nothing already echoed. */
  #log(session: LiveSession, data: string, atMs: number, file?: string): void {
    const seq = session.nextSeq++;
    const id = session.record.id;
    this.#writes = this.#writes
      .then(() => this.#options.store.appendInput(id, seq, data, atMs, file))
      .catch((error: unknown) => console.error("could not store terminal input", error));
  }

  /**
   * `kubectl edit`: the page's editor pane gets the object; the outcome is logged so a replay
   * answers the same edit the same way without asking anyone.
   */
  async #openEditor(session: LiveSession, request: EditRequest): Promise<string | undefined> {
    const replayed = session.replayedEdits.shift();
    if (replayed) return replayed.content;
    let content: string | undefined;
    if (session.sockets.size > 0) {
      const id = String(++session.editCount);
      content = await new Promise<string | undefined>((resolve) => {
        session.edits.set(id, resolve);
        for (const socket of session.sockets) send(socket, { type: "edit", id, ...request });
      });
    }
    session.lastActiveAt = this.#now();
    this.#log(
      session,
      JSON.stringify(content === undefined ? {} : { content }),
      session.lastActiveAt,
      EDIT_LOG_FILE,
    );
    return content;
  }

  #finishEdit(session: LiveSession, id: string, content: string | undefined): void {
    const resolve = session.edits.get(id);
    session.edits.delete(id);
    resolve?.(content);
  }

  async #openFile(session: LiveSession, socket: WebSocket, path: string): Promise<void> {
    const files = session.live.files;
    try {
      if (!files) throw new Error("this terminal has no files to edit");
      send(socket, { type: "file", path, content: await files.read(path) });
    } catch (error) {
      send(socket, { type: "file-error", path, error: messageOf(error) });
    }
  }

  /** An editor save is logged like keystrokes, so replay restores the file at the same point. */
  async #saveFile(
    session: LiveSession,
    socket: WebSocket,
    path: string,
    content: string,
  ): Promise<void> {
    const files = session.live.files;
    try {
      if (!files) throw new Error("this terminal has no files to edit");
      session.lastActiveAt = this.#now();
      this.#log(session, content, session.lastActiveAt, path);
      await files.write(path, content);
      send(socket, { type: "file-saved", path });
    } catch (error) {
      send(socket, { type: "file-error", path, error: messageOf(error) });
    }
  }

  async #open(learner: string, target: SessionTarget, socket: WebSocket): Promise<LiveSession> {
    const key = `${learner}|${targetKey(target)}`;
    const existing = this.#live.get(key);
    if (existing) return existing;
    const pending = this.#opening.get(key);
    if (pending) return pending;
    const opening = this.#load(learner, target, socket).finally(() => this.#opening.delete(key));
    this.#opening.set(key, opening);
    const session = await opening;
    this.#live.set(key, session);
    return session;
  }

  async #load(learner: string, target: SessionTarget, socket: WebSocket): Promise<LiveSession> {
    this.#makeRoom();
    const store = this.#options.store;
    const now = this.#now();
    let record = await store.findSession(learner, targetKey(target));
    if (record && now - record.lastActiveAt > this.#limits.idleMs) {
      await store.deleteSession(record.id);
      record = undefined;
      send(socket, {
        type: "notice",
        level: "expired",
        text: `Your previous session expired after ${this.#idleText()} without input; this is a new one.`,
      });
    }
    const log = record ? await store.inputLog(record.id) : [];
    if (!record) {
      record = {
        id: newRandomId(),
        learner,
        target: targetKey(target),
        seed: randomInt(0, 2 ** 31),
        createdAt: now,
        lastActiveAt: now,
      };
      await store.createSession(record);
    }
    const session = await this.#build(record, target, log.length);
    const live = session.live;
    session.replayedEdits = log
      .filter((entry) => entry.file === EDIT_LOG_FILE)
      .map((entry) => JSON.parse(entry.data) as { content?: string });
    if (log.length > 0) {
      send(socket, { type: "notice", level: "info", text: "Restoring your session..." });
      await this.#replay(replayLog(live, log));
    }
    return session;
  }

  /** A live terminal for a record, wired to the session's sockets, progress and lifecycle. */
  async #build(
    record: SessionRecord,
    target: SessionTarget,
    logLength: number,
  ): Promise<LiveSession> {
    // The terminal is built before its session object exists; the hook finds it once it does.
    const built: { session?: LiveSession } = {};
    const hooks: TerminalHooks = {
      openEditor: (request) =>
        built.session ? this.#openEditor(built.session, request) : Promise.resolve(undefined),
    };
    const live = await this.#options.createTerminal(
      target,
      record.seed,
      { cols: 80, rows: 24 },
      hooks,
    );
    const session = new LiveSession(record, live, logLength, this.#limits, this.#now);
    built.session = session;
    live.terminal.onOutput((ansi) => this.#output(session, ansi));
    live.terminal.onClockInput?.((atMs) => this.#log(session, "", atMs));
    live.onStatus?.((status) => {
      for (const s of session.sockets) send(s, { type: "status", status });
      if (target.kind === "lab") this.#options.onLabStatus?.(record.learner, target.id, status);
    });
    live.terminal.onExit?.((status) => this.#exited(session, status));
    live.onReset?.(({ newVariant }) => {
      void this.#reset(session, target, newVariant).catch((error: unknown) => console.error(error));
    });
    return session;
  }

  /**
   * `lab reset`: the same seed (or a new one for a new variant) with an empty input log. The
   * attached pages move to the new session, whose ready message clears their screen.
   */
  async #reset(old: LiveSession, target: SessionTarget, newVariant: boolean): Promise<void> {
    await this.flush();
    const store = this.#options.store;
    await store.deleteSession(old.record.id);
    const now = this.#now();
    const record: SessionRecord = {
      ...old.record,
      id: newRandomId(),
      seed: newVariant ? randomInt(0, 2 ** 31) : old.record.seed,
      createdAt: now,
      lastActiveAt: now,
    };
    await store.createSession(record);
    const session = await this.#build(record, target, 0);
    const sockets = [...old.sockets];
    old.sockets.clear();
    this.#drop(old);
    this.#live.set(`${record.learner}|${record.target}`, session);
    for (const socket of sockets) {
      session.sockets.add(socket);
      this.#socketSession.set(socket, session);
      send(socket, {
        type: "ready",
        sessionId: record.id,
        target: record.target,
        screen: session.screen,
        replayed: false,
      });
      if (session.live.status) send(socket, { type: "status", status: session.live.status() });
    }
    if (sockets.length > 0) this.#resume(session);
  }

  /**
   * Waits for a replay, but not forever: a log that cannot finish (a command still waiting when
   * the server stopped) must not keep the learner out of their session.
   */
  async #replay(replaying: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#limits.replayTimeoutMs);
    });
    await Promise.race([replaying, timeout]);
    clearTimeout(timer);
  }

  /** `exit` in the terminal ends the session; the next visit starts a fresh one. */
  #exited(session: LiveSession, status: number): void {
    for (const socket of session.sockets) {
      send(socket, {
        type: "notice",
        level: "expired",
        text: `The shell exited with status ${status}. Start a new session to continue.`,
      });
      socket.close(CLOSE_CODES.exited, "shell exited");
    }
    session.sockets.clear();
    this.#drop(session);
    const id = session.record.id;
    this.#writes = this.#writes.then(() => this.#options.store.deleteSession(id));
  }

  #output(session: LiveSession, ansi: string): void {
    if (!session.output.take(Buffer.byteLength(ansi))) {
      if (!session.outputDropped) {
        session.outputDropped = true;
        for (const s of session.sockets) {
          send(s, {
            type: "notice",
            level: "warning",
            text: "Output is over the sandbox's rate limit; some of it was dropped.",
          });
        }
      }
      return;
    }
    session.outputDropped = false;
    session.screen = (session.screen + ansi).slice(-this.#limits.screenBytes);
    for (const s of session.sockets) send(s, { type: "output", data: ansi });
  }

  #detachLater(session: LiveSession): void {
    clearTimeout(session.detachedTimer);
    session.detachedTimer = setTimeout(() => {
      if (session.sockets.size === 0) this.#drop(session);
    }, this.#limits.detachedMs);
    session.detachedTimer.unref();
  }

  #drop(session: LiveSession): void {
    clearTimeout(session.detachedTimer);
    this.#live.delete(`${session.record.learner}|${session.record.target}`);
    session.live.terminal.dispose();
  }

  /** At capacity, the longest-idle session without a socket leaves memory (it can be replayed). */
  #makeRoom(): void {
    if (this.#live.size < this.#limits.maxLiveSessions) return;
    let oldest: LiveSession | undefined;
    for (const session of this.#live.values()) {
      if (session.sockets.size > 0) continue;
      if (!oldest || session.lastActiveAt < oldest.lastActiveAt) oldest = session;
    }
    if (!oldest) {
      throw new SessionsFullError(
        "The server is at its limit of terminal sessions; try again later.",
      );
    }
    this.#drop(oldest);
  }

  #idleText(): string {
    return `${Math.round(this.#limits.idleMs / 60_000)} minutes`;
  }

  /** Expires sessions idle for longer than the limit, telling any attached page. */
  sweep(): void {
    const now = this.#now();
    for (const session of [...this.#live.values()]) {
      if (now - session.lastActiveAt <= this.#limits.idleMs) continue;
      for (const socket of session.sockets) {
        send(socket, {
          type: "notice",
          level: "expired",
          text: `This session expired after ${this.#idleText()} without input. Reconnect to start a new one.`,
        });
        socket.close(CLOSE_CODES.expired, "session expired");
      }
      session.sockets.clear();
      this.#drop(session);
      const id = session.record.id;
      this.#writes = this.#writes.then(() => this.#options.store.deleteSession(id));
    }
  }

  /** Waits until every input received so far is stored. */
  flush(): Promise<void> {
    return this.#writes;
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    clearInterval(this.#ticker);
    for (const session of [...this.#live.values()]) {
      // Dropped, not closed politely: pages reconnect with backoff and find the session replayed.
      for (const socket of session.sockets) socket.terminate();
      this.#drop(session);
    }
    await this.flush();
  }
}

export class SessionsFullError extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Feeds a stored log back in order. Keystrokes, ticks and resumes go through the shell's own
 * replay (which waits for each command as the learner did); an editor save is applied once the
 * shell is idle.
 */
async function replayLog(live: LiveTerminal, log: readonly InputEntry[]): Promise<void> {
  const { terminal, files } = live;
  let keys: ReplayEntry[] = [];
  const flushKeys = async (): Promise<void> => {
    if (keys.length === 0) return;
    const batch = keys;
    keys = [];
    if (terminal.replay) await terminal.replay(batch);
    else for (const entry of batch) terminal.input(entry.data, entry.atMs);
    await terminal.idle?.();
  };
  for (const entry of log) {
    if (entry.file === undefined) {
      keys.push(entry);
      continue;
    }
    if (entry.file === RESUME_LOG_FILE) {
      keys.push({ atMs: entry.atMs, data: "", resumed: true });
      continue;
    }
    if (entry.file === EDIT_LOG_FILE) continue; // answered by openEditor from replayedEdits
    await flushKeys();
    await files?.write(entry.file, entry.data).catch(() => undefined);
  }
  await flushKeys();
}

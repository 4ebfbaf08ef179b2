import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import xtermHeadless from "@xterm/headless";
import { WebSocket } from "ws";
import { createAppServer } from "../../../../src/server/http-server.ts";
import { ProgressStorage } from "../../../../src/server/progress/progress-storage.ts";
import { openSqlite } from "../../../../src/server/progress/sqlite-database.ts";
import { newRandomId } from "../../../../src/server/sessions/learner-cookie.ts";
import { createSandboxTerminals } from "../../../../src/server/sessions/sandbox-terminals.ts";
import { RESUME_LOG_FILE } from "../../../../src/server/sessions/terminal-backend.ts";
import {
  SessionManager,
  type SessionLimits,
} from "../../../../src/server/sessions/session-manager.ts";
import { fakeFactory, type FakeTerminal } from "./fake-terminal.ts";

const { Terminal } = xtermHeadless;

interface Running {
  readonly host: string;
  readonly manager: SessionManager;
  readonly storage: ProgressStorage;
  readonly created: FakeTerminal[];
  stop(): Promise<void>;
}

interface StartOptions {
  /** The server's clock (the sessions' real time); Date.now by default. */
  readonly now?: () => number;
  /** The real sandbox terminals instead of the fake one. */
  readonly sandbox?: boolean;
}

async function start(
  dbPath: string,
  limits: Partial<SessionLimits> = {},
  options: StartOptions = {},
): Promise<Running> {
  const storage = await ProgressStorage.open(openSqlite(dbPath));
  const created: FakeTerminal[] = [];
  const manager = new SessionManager({
    store: storage,
    createTerminal:
      options.sandbox === true ? createSandboxTerminals().createTerminal : fakeFactory(created),
    isKnownTarget: (target) => target.kind === "scenario" && target.id === "runbook",
    limits,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const server = createAppServer({
    site: (_req, res) => res.end(),
    webSockets: new Map([["/ws/terminal", manager.handle]]),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    host,
    manager,
    storage,
    created,
    async stop() {
      // The manager drops its sockets first: the HTTP server does not track upgraded ones.
      await manager.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await storage.close();
    },
  };
}

interface Message {
  type: string;
  [key: string]: unknown;
}

class Client {
  readonly socket: WebSocket;
  readonly messages: Message[] = [];
  closeCode: number | undefined;
  #waiters: (() => void)[] = [];

  constructor(
    host: string,
    learner: string | undefined,
    query = "scenario=runbook",
    origin?: string,
  ) {
    const headers: Record<string, string> = learner ? { cookie: `learner=${learner}` } : {};
    this.socket = new WebSocket(`ws://${host}/ws/terminal?${query}`, {
      headers,
      ...(origin === undefined ? {} : { origin }),
    });
    this.socket.on("message", (data: Buffer) => {
      this.messages.push(JSON.parse(data.toString()) as Message);
      for (const waiter of this.#waiters) waiter();
    });
    this.socket.on("close", (code) => {
      this.closeCode = code;
      for (const waiter of this.#waiters) waiter();
    });
    this.socket.on("error", () => undefined);
  }

  /** Everything printed so far: the restored screen plus the output messages since. */
  get text(): string {
    return this.messages
      .map((m) =>
        m.type === "ready" ? String(m["screen"]) : m.type === "output" ? String(m["data"]) : "",
      )
      .join("");
  }

  waitFor(predicate: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 5000);
      const check = (): void => {
        if (predicate()) {
          clearTimeout(timer);
          this.#waiters = this.#waiters.filter((w) => w !== check);
          resolve();
        }
      };
      this.#waiters.push(check);
      check();
    });
  }

  ready(): Promise<void> {
    return this.waitFor(() => this.messages.some((m) => m.type === "ready"), "ready");
  }

  get readyMessage(): Message | undefined {
    return this.messages.find((m) => m.type === "ready");
  }

  type(text: string): void {
    this.socket.send(JSON.stringify({ type: "input", data: text }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) {
        resolve();
        return;
      }
      this.socket.once("close", () => resolve());
      this.socket.close();
    });
  }
}

async function screenOf(ansi: string): Promise<string> {
  const terminal = new Terminal({ cols: 80, rows: 24, allowProposedApi: true });
  await new Promise<void>((resolve) => terminal.write(ansi, resolve));
  const lines: string[] = [];
  const buffer = terminal.buffer.active;
  for (let y = 0; y < buffer.length; y++)
    lines.push(buffer.getLine(y)?.translateToString(true) ?? "");
  terminal.dispose();
  return lines.join("\n").trimEnd();
}

function tempDb(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), "sessions-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, "progress.sqlite");
}

/** A server over a fresh database for one test, stopped when the test ends. */
async function startForTest(t: TestContext, limits: Partial<SessionLimits> = {}): Promise<Running> {
  const running = await start(tempDb(t), limits);
  t.after(() => running.stop());
  return running;
}

/**
 * A server restart under a connected learner: the client leaves, the server stops (its input
 * log stored), a new server starts over the same database, and the learner reconnects, finding
 * the screen they had.
 */
async function restartUnder(
  t: TestContext,
  db: string,
  running: Running,
  client: Client,
  learner: string,
  options: StartOptions = {},
): Promise<{ restarted: Running; again: Client }> {
  const before = await screenOf(client.text);
  await running.manager.flush();
  await client.close();
  await running.stop();
  const restarted = await start(db, {}, options);
  t.after(() => restarted.stop());
  const again = new Client(restarted.host, learner);
  await again.ready();
  assert.equal(await screenOf(String(again.readyMessage?.["screen"])), before);
  return { restarted, again };
}

test("after a server restart the session is rebuilt by replay: same screen, same state", async (t) => {
  const db = tempDb(t);
  const learner = newRandomId();
  const first = await start(db);
  const client = new Client(first.host, learner);
  await client.ready();
  client.type("kubectl get pods\r");
  client.type("count\r");
  await client.waitFor(() => client.text.includes("1\r\n$ "), "count output");
  const sessionId = client.readyMessage?.["sessionId"];
  const { restarted: second, again } = await restartUnder(t, db, first, client, learner);
  const ready = again.readyMessage;
  assert.ok(ready);
  assert.equal(ready["sessionId"], sessionId);
  assert.equal(ready["replayed"], true);
  assert.equal(second.created[0]?.seed, first.created[0]?.seed, "replay uses the stored seed");
  assert.equal(second.created[0]?.replayed, 2, "both stored inputs went through replay()");
  again.type("count\r");
  await again.waitFor(() => again.text.includes("count\r\n2\r\n"), "state after replay");
  await again.close();
});

test("a reload finds the same session and its scrollback without replay", async (t) => {
  const running = await startForTest(t);
  const learner = newRandomId();
  const client = new Client(running.host, learner);
  await client.ready();
  client.type("kubectl get pods\r");
  await client.waitFor(() => client.text.includes("CrashLoopBackOff"), "pods");
  await client.close();
  const reload = new Client(running.host, learner);
  await reload.ready();
  assert.match(String(reload.readyMessage?.["screen"]), /CrashLoopBackOff/);
  assert.equal(running.created.length, 1, "no second sandbox was built");
  await reload.close();
});

test("another learner's session id gives nothing", async (t) => {
  const running = await startForTest(t);
  const owner = new Client(running.host, newRandomId());
  await owner.ready();
  owner.type("kubectl get pods\r");
  await owner.waitFor(() => owner.text.includes("CrashLoopBackOff"), "pods");
  const ownerId = String(owner.readyMessage?.["sessionId"]);

  const intruder = new Client(
    running.host,
    newRandomId(),
    `scenario=runbook&session=${encodeURIComponent(ownerId)}`,
  );
  await intruder.ready();
  assert.notEqual(intruder.readyMessage?.["sessionId"], ownerId);
  assert.doesNotMatch(intruder.text, /CrashLoopBackOff/);

  const noCookie = new Client(running.host, undefined, `scenario=runbook&session=${ownerId}`);
  await noCookie.waitFor(() => noCookie.closeCode !== undefined, "refusal");
  assert.equal(noCookie.closeCode, 4001);
  assert.equal(noCookie.readyMessage, undefined);
  await Promise.all([owner.close(), intruder.close()]);
});

test("other origins and unknown targets are refused", async (t) => {
  const running = await startForTest(t);
  const foreign = new WebSocket(`ws://${running.host}/ws/terminal?scenario=runbook`, {
    origin: "https://evil.example",
    headers: { cookie: `learner=${newRandomId()}` },
  });
  const status = await new Promise<number>((resolve) => {
    foreign.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    foreign.on("error", () => resolve(-1));
  });
  assert.equal(status, 403);

  const unknown = new Client(running.host, newRandomId(), "lab=../../etc");
  await unknown.waitFor(() => unknown.closeCode !== undefined, "refusal");
  assert.equal(unknown.closeCode, 4002);
  assert.equal(running.created.length, 0);
});

test("input and output rates and message sizes are bounded per session", async (t) => {
  const running = await startForTest(t, {
    inputBurstBytes: 100,
    inputBytesPerSecond: 1,
    outputBurstBytes: 2000,
    outputBytesPerSecond: 1,
  });
  const client = new Client(running.host, newRandomId());
  await client.ready();
  client.type("a".repeat(90));
  client.type("b".repeat(90));
  await client.waitFor(
    () => client.messages.some((m) => m.type === "notice" && /dropped/.test(String(m["text"]))),
    "input notice",
  );
  assert.doesNotMatch(client.text, /b/, "input over the limit never reached the sandbox");

  const other = new Client(running.host, newRandomId());
  await other.ready();
  other.type("flood 5000\r");
  await other.waitFor(
    () => other.messages.some((m) => m.type === "notice" && /rate limit/.test(String(m["text"]))),
    "output notice",
  );
  assert.doesNotMatch(other.text, /x{5000}/);

  other.socket.send(JSON.stringify({ type: "input", data: "y".repeat(62_000) }));
  await other.waitFor(
    () =>
      other.messages.some(
        (m) => m.type === "notice" && /over the 61440-byte limit/.test(String(m["text"])),
      ),
    "size notice",
  );
  await Promise.all([client.close(), other.close()]);
});

test("the number of live sessions is bounded; detached ones make room, attached ones do not", async (t) => {
  const running = await startForTest(t, { maxLiveSessions: 2 });
  const a = new Client(running.host, newRandomId());
  const b = new Client(running.host, newRandomId());
  await Promise.all([a.ready(), b.ready()]);
  const c = new Client(running.host, newRandomId());
  await c.waitFor(() => c.closeCode !== undefined, "busy refusal");
  assert.equal(c.closeCode, 4004);
  await a.close();
  const d = new Client(running.host, newRandomId());
  await d.ready();
  assert.equal(running.manager.liveSessionCount, 2);
  assert.equal(running.created[0]?.disposed, true);
  await Promise.all([b.close(), d.close()]);
});

test("an idle session expires with a visible notice and the next visit starts afresh", async (t) => {
  let now = 1_000_000;
  const db = tempDb(t);
  const storage = await ProgressStorage.open(openSqlite(db));
  const created: FakeTerminal[] = [];
  const manager = new SessionManager({
    store: storage,
    createTerminal: fakeFactory(created),
    isKnownTarget: () => true,
    limits: { idleMs: 60_000 },
    now: () => now,
  });
  const server = createAppServer({
    site: (_req, res) => res.end(),
    webSockets: new Map([["/ws/terminal", manager.handle]]),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(async () => {
    server.closeAllConnections();
    server.close();
    await manager.close();
    await storage.close();
  });
  const host = `127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const learner = newRandomId();
  const client = new Client(host, learner);
  await client.ready();
  client.type("count\r");
  await client.waitFor(() => client.text.includes("0\r\n"), "count");
  await manager.flush();
  const firstId = client.readyMessage?.["sessionId"];
  now += 61_000;
  manager.sweep();
  await client.waitFor(() => client.closeCode !== undefined, "expiry close");
  const notice = client.messages.find((m) => m.type === "notice" && m["level"] === "expired");
  assert.match(String(notice?.["text"]), /expired after 1 minutes without input/);
  await manager.flush();
  const next = new Client(host, learner);
  await next.ready();
  assert.notEqual(next.readyMessage?.["sessionId"], firstId);
  assert.equal(next.readyMessage?.["replayed"], false);
  await next.close();
});

test("exit in the shell ends the session with a notice; the next visit is a new session", async (t) => {
  const running = await startForTest(t);
  const learner = newRandomId();
  const client = new Client(running.host, learner);
  await client.ready();
  const firstId = client.readyMessage?.["sessionId"];
  client.type("exit\r");
  await client.waitFor(() => client.closeCode !== undefined, "close after exit");
  assert.equal(client.closeCode, 4006);
  await running.manager.flush();
  const next = new Client(running.host, learner);
  await next.ready();
  assert.notEqual(next.readyMessage?.["sessionId"], firstId);
  await next.close();
});

test("lab reset moves the page to a fresh session with the same seed; --new picks a new seed", async (t) => {
  const running = await startForTest(t);
  const learner = newRandomId();
  const client = new Client(running.host, learner);
  await client.ready();
  client.type("kubectl get pods\r");
  client.type("reset\r");
  await client.waitFor(
    () => client.messages.filter((m) => m.type === "ready").length === 2,
    "second ready",
  );
  const [first, second] = client.messages.filter((m) => m.type === "ready");
  assert.notEqual(second?.["sessionId"], first?.["sessionId"]);
  assert.equal(running.created[1]?.seed, running.created[0]?.seed);
  assert.equal(running.created[0]?.disposed, true);
  client.type("count\r");
  await client.waitFor(() => /count\r\n0\r\n/.test(client.text), "input reaches the new session");
  await client.close();
  await running.manager.flush();

  const reload = new Client(running.host, learner);
  await reload.ready();
  assert.equal(reload.readyMessage?.["sessionId"], second?.["sessionId"]);
  assert.doesNotMatch(String(reload.readyMessage?.["screen"]), /CrashLoopBackOff/);
  await reload.close();
});

test("editor saves land in the session's files, replay in order after a restart, and stay in the home", async (t) => {
  const db = tempDb(t);
  const learner = newRandomId();
  const first = await start(db);
  const client = new Client(first.host, learner);
  await client.ready();
  client.type("cat /home/learner/pod.yaml\r");
  await client.waitFor(() => client.text.includes("no such file"), "missing file");
  client.socket.send(
    JSON.stringify({ type: "save-file", path: "/home/learner/pod.yaml", content: "kind: Pod" }),
  );
  await client.waitFor(() => client.messages.some((m) => m.type === "file-saved"), "saved");
  client.type("cat /home/learner/pod.yaml\r");
  await client.waitFor(() => client.text.includes("kind: Pod"), "saved file");
  client.socket.send(JSON.stringify({ type: "open-file", path: "/home/learner/pod.yaml" }));
  await client.waitFor(
    () => client.messages.some((m) => m.type === "file" && m["content"] === "kind: Pod"),
    "opened file",
  );
  for (const path of ["/etc/passwd", "/home/learner/../../etc/passwd"]) {
    client.socket.send(JSON.stringify({ type: "save-file", path, content: "x" }));
  }
  await client.waitFor(
    () =>
      client.messages.filter((m) => m.type === "notice" && /Ignored/.test(String(m["text"])))
        .length === 2,
    "refused paths",
  );
  const { restarted, again } = await restartUnder(t, db, first, client, learner);
  const rebuilt = restarted.created[0];
  assert.ok(rebuilt);
  assert.deepEqual([...rebuilt.files], [["/home/learner/pod.yaml", "kind: Pod"]]);
  await again.close();
});

test("kubectl edit asks the page's editor; the answer is logged and replayed without asking again", async (t) => {
  const db = tempDb(t);
  const learner = newRandomId();
  const first = await start(db);
  const client = new Client(first.host, learner);
  await client.ready();
  client.type("edit\r");
  await client.waitFor(() => client.messages.some((m) => m.type === "edit"), "edit request");
  const request = client.messages.find((m) => m.type === "edit");
  assert.ok(request);
  assert.equal(request["fileName"], "kubectl-edit-1.yaml");
  assert.equal(request["content"], "a: 1");
  client.socket.send(JSON.stringify({ type: "edit-done", id: request["id"], content: "a: 2" }));
  await client.waitFor(() => client.text.includes("edited: a: 2"), "edit applied");
  client.type("edit\r");
  await client.waitFor(
    () => client.messages.filter((m) => m.type === "edit").length === 2,
    "second",
  );
  const second = client.messages.filter((m) => m.type === "edit")[1];
  client.socket.send(JSON.stringify({ type: "edit-done", id: second?.["id"] }));
  await client.waitFor(() => client.text.includes("Edit cancelled"), "cancelled");
  const { again } = await restartUnder(t, db, first, client, learner);
  assert.equal(again.messages.filter((m) => m.type === "edit").length, 0, "replay asks nobody");
  await again.close();
});

test("inputs carry the server's clock; a running command is ticked only while a page is attached; attaching and leaving are logged", async (t) => {
  let clock = 1_000_000;
  const db = tempDb(t);
  const running = await start(db, { tickMs: 10 }, { now: () => clock });
  t.after(() => running.stop());
  const learner = newRandomId();
  const client = new Client(running.host, learner);
  await client.ready();
  const sessionId = String(client.readyMessage?.["sessionId"]);
  clock += 5;
  client.type("count\r");
  await client.waitFor(() => client.text.includes("count\r\n0\r\n$ "), "count");
  const terminal = running.created[0];
  assert.ok(terminal);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(terminal.times, ["resume@1000000", "input@1000005"], "no ticks at a prompt");

  clock += 1000;
  client.type("watch\r");
  await client.waitFor(() => client.text.includes("tick 1001005\r\n"), "a tick on the clock");
  clock += 1000;
  await client.waitFor(() => client.text.includes("tick 1002005\r\n"), "the next tick");
  clock += 500;
  await client.close();
  await running.manager.flush();
  const leftAt = terminal.times.indexOf("suspend");
  assert.equal(terminal.times[leftAt - 1], "tick@1002505", "time passed until the page left");
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(terminal.times.length, leftAt + 1, "no ticks with no page attached");

  clock += 3_600_000;
  const back = new Client(running.host, learner);
  await back.ready();
  back.type("\x03");
  await back.waitFor(() => back.text.endsWith("^C\r\n$ "), "Ctrl-C ends the watch");
  await running.manager.flush();
  assert.deepEqual(terminal.times.slice(leftAt + 1), ["resume@4602505", "input@4602505"]);
  const log = await running.storage.inputLog(sessionId);
  assert.deepEqual(log[0], { atMs: 1_000_000, data: "", file: RESUME_LOG_FILE });
  assert.deepEqual(log[1], { atMs: 1_000_005, data: "count\r" });
  assert.deepEqual(
    log.filter((entry) => entry.file === RESUME_LOG_FILE).map((entry) => entry.atMs),
    [1_000_000, 4_602_505],
  );
  assert.equal(
    log.filter((entry) => entry.data === "" && entry.file === undefined).length,
    terminal.times.filter((time) => time.startsWith("tick")).length,
    "every tick is stored",
  );
  await back.close();
});

test("a restart during a watch replays its ticks to the same screen, and the watch goes on", async (t) => {
  let clock = 1_000_000;
  const db = tempDb(t);
  const first = await start(db, { tickMs: 10 }, { now: () => clock });
  t.after(() => first.stop().catch(() => undefined));
  const learner = newRandomId();
  const client = new Client(first.host, learner);
  await client.ready();
  client.type("watch\r");
  for (let second = 1; second <= 3; second += 1) {
    clock += 1000;
    const printed = `tick ${String(clock)}\r\n`;
    await client.waitFor(() => client.text.includes(printed), `tick ${String(second)}`);
  }
  const { restarted, again } = await restartUnder(t, db, first, client, learner, {
    now: () => clock,
  });
  const replayed = restarted.created[0];
  assert.ok(replayed);
  assert.equal(replayed.times[0], "resume@1000000");
  assert.ok(replayed.times.includes("tick@1003000"), "the stored ticks were replayed");
  assert.equal(replayed.times.at(-1), `resume@${String(clock)}`, "the page resumed it");
  again.type("\x03");
  await again.waitFor(() => again.text.endsWith("^C\r\n$ "), "Ctrl-C after the restart");
  await again.close();
});

test("browser sessions run on real time: sleep until Ctrl-C, a watch that streams, the same screen after a restart", async (t) => {
  let clock = 1_750_000_000_000;
  const db = tempDb(t);
  const first = await start(db, { tickMs: 10 }, { now: () => clock, sandbox: true });
  t.after(() => first.stop().catch(() => undefined));
  const learner = newRandomId();
  const client = new Client(first.host, learner);
  await client.ready();
  const typed = async (line: string, expected: RegExp): Promise<void> => {
    client.type(line);
    await client.waitFor(() => expected.test(client.text), JSON.stringify(line));
  };
  await typed("date +%s\r", /%s\r\n\d+\r\n/);
  const started = Number(/%s\r\n(\d+)\r\n/.exec(client.text)?.[1]);
  await typed("sleep 30; echo never\r", /never\r\n/);
  // The sleep waits on the clock: ticks while it runs do not end it before its time.
  clock += 2_000;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.doesNotMatch(client.text, /\r\nnever/);
  await typed("\x03", /\^C\r\n/);
  clock += 1_000;
  await typed("echo $?; date +%s\r", new RegExp(`\r\n130\r\n${String(started + 3)}\r\n`));

  await typed("kubectl get pods -w\r", /NAME +READY +STATUS +RESTARTS +AGE\r\n/);
  const table = client.text.length;
  // Six minutes pass while the watch runs: every crash-looping pod restarts at least once.
  clock += 6 * 60_000;
  await client.waitFor(() => /\(0s ago\)/.test(client.text.slice(table)), "a streamed restart");
  await typed("\x03", /\^C\r\n[^\n]*\$ $/);
  const { again } = await restartUnder(t, db, first, client, learner, {
    now: () => clock,
    sandbox: true,
  });
  again.type("date +%s\r");
  const after = new RegExp(`date \\+%s\r\n${String(started + 3 + 6 * 60)}\r\n`);
  await again.waitFor(() => after.test(again.text), "the clock where it was");
  await again.close();
});

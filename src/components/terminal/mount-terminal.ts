/**
 * The heavy half of the terminal island: loaded by sandbox-terminal.ts only after the element is
 * on screen, so pages without a terminal never download xterm. It connects one xterm to the
 * learner's session over a WebSocket, reconnecting with backoff; the server's `ready` message
 * carries the screen so far, so a reload or a reconnect shows the same scrollback.
 */
import { FitAddon } from "@xterm/addon-fit";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import {
  backoffMs,
  CLOSE_MESSAGES,
  parseServerMessage,
  terminalUrl,
  type ServerMessage,
} from "./terminal-protocol.ts";
import { fontFrom, themeFrom } from "./terminal-theme.ts";

/** A `kubectl edit` waiting for the page's editor; `done(undefined)` cancels it. */
export interface EditRequest {
  readonly fileName: string;
  readonly content: string;
  done(content: string | undefined): void;
}

export type TerminalState = "connecting" | "ready" | "reconnecting" | "expired" | "closed";

export interface TerminalHost {
  readonly element: HTMLElement;
  readonly screen: HTMLElement;
  readonly target: { scenario?: string; lab?: string };
  setState(state: TerminalState, message: string): void;
  /** Server pushes for the page (lab task status); dispatched as DOM events by the host. */
  onStatus(status: unknown): void;
  /** `kubectl edit` in the terminal: the host finds an editor and calls `done` with the result. */
  onEdit(request: EditRequest): void;
}

/** 14 px, or 12 px on a phone-wide terminal, where kubectl's tables need every column. */
function fontSizeFor(screen: HTMLElement): number {
  return screen.clientWidth > 0 && screen.clientWidth < 480 ? 12 : 14;
}

/** Keystrokes typed before the session is ready wait here (bounded), then flow in order. */
const MAX_EARLY_INPUT = 4096;
/** After this many failed attempts in a row the message says the server is unreachable. */
const UNREACHABLE_AFTER = 2;

export class MountedTerminal {
  readonly #host: TerminalHost;
  readonly #terminal: Terminal;
  readonly #fit = new FitAddon();
  readonly #observers: { disconnect(): void }[] = [];
  #socket: WebSocket | undefined;
  #ready = false;
  #early = "";
  #attempt = 0;
  #retryTimer: number | undefined;
  #disposed = false;
  readonly #readyWaiters: (() => void)[] = [];
  /** Editor requests waiting for the server, by "open:" or "save:" and the path. */
  readonly #fileRequests = new Map<
    string,
    { resolve(value: string): void; reject(error: Error): void }[]
  >();

  constructor(host: TerminalHost, screenReaderMode: boolean) {
    this.#host = host;
    this.#terminal = new Terminal({
      theme: themeFrom(host.element),
      fontFamily: fontFrom(host.element),
      fontSize: fontSizeFor(host.screen),
      cursorBlink: true,
      scrollback: 5000,
      screenReaderMode,
      allowProposedApi: false,
    });
    this.#terminal.loadAddon(this.#fit);
    this.#terminal.loadAddon(new WebLinksAddon());
    this.#terminal.open(host.screen);
    this.#terminal.attachCustomKeyEventHandler((event) => this.#clipboardKeys(event));
    this.#terminal.onData((data) => this.#send(data));
    this.#terminal.onResize(({ cols, rows }) => this.#sendControl({ type: "resize", cols, rows }));
    this.#fitToContainer();

    const resize = new ResizeObserver(() => this.#fitToContainer());
    resize.observe(host.screen);
    // The theme toggle flips data-theme on <html>; the CSS variables follow, and so do we.
    const theme = new MutationObserver(() => {
      this.#terminal.options.theme = themeFrom(host.element);
    });
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    this.#observers.push(resize, theme);
    this.#connect();
  }

  set screenReaderMode(on: boolean) {
    this.#terminal.options.screenReaderMode = on;
  }

  focus(): void {
    this.#terminal.focus();
  }

  /** Resolves once the session accepts input. */
  whenReady(): Promise<void> {
    if (this.#ready) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Types text into the session as if from the keyboard (the dock's "Run in terminal"). */
  async type(text: string): Promise<void> {
    await this.whenReady();
    this.#send(text);
  }

  /** Reads a file of the session (the editor's open). */
  readFile(path: string): Promise<string> {
    return this.#fileRequest(`open:${path}`, { type: "open-file", path });
  }

  /** Writes a file into the session (the editor's save), where `kubectl apply -f` reads it. */
  async saveFile(path: string, content: string): Promise<void> {
    await this.#fileRequest(`save:${path}`, { type: "save-file", path, content });
  }

  async #fileRequest(key: string, message: object): Promise<string> {
    await this.whenReady();
    return new Promise((resolve, reject) => {
      const waiting = this.#fileRequests.get(key) ?? [];
      waiting.push({ resolve, reject });
      this.#fileRequests.set(key, waiting);
      this.#sendControl(message);
    });
  }

  #settle(key: string, outcome: { value: string } | { error: Error }): void {
    const request = this.#fileRequests.get(key)?.shift();
    if (!request) return;
    if ("value" in outcome) request.resolve(outcome.value);
    else request.reject(outcome.error);
  }

  /** After an expiry: connect again, which starts a fresh session. */
  restart(): void {
    this.#attempt = 0;
    this.#connect();
  }

  dispose(): void {
    this.#disposed = true;
    window.clearTimeout(this.#retryTimer);
    for (const observer of this.#observers) observer.disconnect();
    this.#socket?.close();
    this.#terminal.dispose();
  }

  #fitToContainer(): void {
    if (this.#host.screen.clientWidth === 0) return;
    this.#fit.fit();
  }

  #clipboardKeys(event: KeyboardEvent): boolean {
    if (event.type !== "keydown") return true;
    const key = event.key.toLowerCase();
    const copy =
      (event.ctrlKey && event.shiftKey && key === "c") ||
      (event.ctrlKey && key === "c" && this.#terminal.hasSelection());
    if (copy && this.#terminal.hasSelection()) {
      void navigator.clipboard.writeText(this.#terminal.getSelection());
      this.#terminal.clearSelection();
      return false;
    }
    if (event.ctrlKey && event.shiftKey && key === "v") {
      void navigator.clipboard.readText().then((text) => this.#terminal.paste(text));
      return false;
    }
    return true;
  }

  #send(data: string): void {
    if (!this.#ready || this.#socket?.readyState !== WebSocket.OPEN) {
      if (this.#early.length + data.length <= MAX_EARLY_INPUT) this.#early += data;
      return;
    }
    this.#sendControl({ type: "input", data });
  }

  #sendControl(message: object): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  #connect(): void {
    if (this.#disposed) return;
    this.#ready = false;
    this.#host.setState(
      this.#attempt === 0 ? "connecting" : "reconnecting",
      this.#attempt === 0 ? "Connecting to your sandbox…" : "Reconnecting…",
    );
    const socket = new WebSocket(terminalUrl(this.#host.target));
    this.#socket = socket;
    socket.addEventListener("message", (event) => {
      const message = parseServerMessage(event.data);
      if (message) this.#receive(message);
    });
    socket.addEventListener("close", (event) => this.#closed(socket, event.code));
  }

  #receive(message: ServerMessage): void {
    switch (message.type) {
      case "ready":
        this.#terminal.reset();
        this.#terminal.write(message.screen);
        this.#ready = true;
        this.#attempt = 0;
        this.#sendControl({ type: "resize", cols: this.#terminal.cols, rows: this.#terminal.rows });
        this.#host.setState(
          "ready",
          message.replayed
            ? "Connected: your session was restored."
            : "Connected to a new sandbox session.",
        );
        if (this.#early) {
          const early = this.#early;
          this.#early = "";
          this.#send(early);
        }
        for (const resolve of this.#readyWaiters.splice(0)) resolve();
        return;
      case "output":
        this.#terminal.write(message.data);
        return;
      case "status":
        this.#host.onStatus(message.status);
        return;
      case "notice":
        this.#host.setState(
          message.level === "expired" ? "expired" : this.#ready ? "ready" : "connecting",
          message.text,
        );
        return;
      case "edit": {
        const id = message.id;
        this.#host.onEdit({
          fileName: message.fileName,
          content: message.content,
          done: (content) => this.#sendControl({ type: "edit-done", id, content }),
        });
        return;
      }
      case "file":
        this.#settle(`open:${message.path}`, { value: message.content });
        return;
      case "file-saved":
        this.#settle(`save:${message.path}`, { value: "" });
        return;
      case "file-error":
        for (const kind of ["open", "save"]) {
          this.#settle(`${kind}:${message.path}`, { error: new Error(message.error) });
        }
        return;
      case "pong":
        return;
    }
  }

  #closed(socket: WebSocket, code: number): void {
    if (this.#socket !== socket || this.#disposed) return;
    this.#ready = false;
    const known = CLOSE_MESSAGES[code];
    if (code === 4003 || code === 4006) {
      this.#host.setState("expired", `${known?.text ?? ""} Start a new session to continue.`);
      return;
    }
    if (known && !known.retry) {
      this.#host.setState("closed", known.text);
      return;
    }
    const delay = backoffMs(this.#attempt);
    this.#attempt++;
    const seconds = Math.max(1, Math.round(delay / 1000));
    const reason =
      known?.text ??
      (this.#attempt > UNREACHABLE_AFTER
        ? "The server is unreachable (it may be restarting or your network is down)."
        : "The connection to the server was lost.");
    this.#host.setState(
      "reconnecting",
      `${reason} Retrying in ${seconds} s; your session is kept.`,
    );
    this.#retryTimer = window.setTimeout(() => this.#connect(), delay);
  }
}

/**
 * `<sandbox-terminal>`: the light half of the island. It renders nothing heavy; when the element
 * becomes visible (or is activated by the dock) it imports mount-terminal.ts, which brings xterm.
 * The element reflects its state in `data-state` (loading, connecting, ready, reconnecting,
 * expired, closed) and announces changes in its status line; lab task updates from the server are
 * dispatched as `sandbox:lab-status` events ({ detail: { lab, status } }) that bubble to document.
 */
import type { EditRequest, MountedTerminal, TerminalState } from "./mount-terminal.ts";

const SCREEN_READER_KEY = "terminal-screen-reader";

export class SandboxTerminal extends HTMLElement {
  #mounted: Promise<MountedTerminal> | undefined;
  #visibility: IntersectionObserver | undefined;

  connectedCallback(): void {
    const toggle = this.querySelector<HTMLButtonElement>("[data-action=screen-reader]");
    if (toggle) {
      toggle.hidden = false;
      toggle.setAttribute("aria-pressed", String(this.#screenReaderMode()));
      toggle.addEventListener("click", () => {
        const on = !this.#screenReaderMode();
        localStorage.setItem(SCREEN_READER_KEY, String(on));
        toggle.setAttribute("aria-pressed", String(on));
        void this.#mounted?.then((terminal) => (terminal.screenReaderMode = on));
        // Said in the status line, a polite live region, so the change is heard.
        const status = this.querySelector("[data-status]");
        if (status) {
          status.textContent = on
            ? "Screen reader mode on: new output is read out; the rows can be read with the arrow keys."
            : "Screen reader mode off.";
        }
      });
    }
    this.querySelector("[data-action=restart]")?.addEventListener("click", () => {
      void this.#mounted?.then((terminal) => terminal.restart());
    });
    if (this.dataset["deferred"] !== undefined) return;
    this.#visibility = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void this.activate();
    });
    this.#visibility.observe(this);
  }

  disconnectedCallback(): void {
    this.#visibility?.disconnect();
    void this.#mounted?.then((terminal) => terminal.dispose());
    this.#mounted = undefined;
  }

  /** Loads xterm and connects (once). */
  activate(): Promise<MountedTerminal> {
    this.#visibility?.disconnect();
    this.#mounted ??= this.#mount();
    return this.#mounted;
  }

  /** Types a command and Enter once the session is ready (the lesson's "Run in terminal"). */
  async run(command: string): Promise<void> {
    const terminal = await this.activate();
    await terminal.type(`${command}\r`);
    terminal.focus();
  }

  /** The editor's access to the session's files (src/components/editor). */
  async readFile(path: string): Promise<string> {
    return (await this.activate()).readFile(path);
  }

  async saveFile(path: string, content: string): Promise<void> {
    await (await this.activate()).saveFile(path, content);
  }

  #screenReaderMode(): boolean {
    return localStorage.getItem(SCREEN_READER_KEY) === "true";
  }

  async #mount(): Promise<MountedTerminal> {
    this.#setState("loading", "Loading the terminal…");
    const screen = this.querySelector<HTMLElement>("[data-screen]");
    if (!screen) throw new Error("<sandbox-terminal> needs a [data-screen] child");
    const { MountedTerminal } = await import("./mount-terminal.ts");
    const lab = this.dataset["lab"];
    const scenario = this.dataset["scenario"];
    return new MountedTerminal(
      {
        element: this,
        screen,
        target: lab === undefined ? { scenario: scenario ?? "runbook" } : { lab },
        setState: (state, message) => this.#setState(state, message),
        onEdit: (request) => this.#edit(request),
        onStatus: (status) =>
          this.dispatchEvent(
            new CustomEvent("sandbox:lab-status", { bubbles: true, detail: { lab, status } }),
          ),
      },
      this.#screenReaderMode(),
    );
  }

  /**
   * `kubectl edit`, `vi FILE`, `nano FILE`: a `sandbox:edit` event for the page's editor
   * (src/components/editor), which calls preventDefault to take it; with no editor on the page the
   * edit is cancelled and the command says so, as when an editor exits without saving.
   */
  #edit(request: EditRequest): void {
    const unclaimed = this.dispatchEvent(
      new CustomEvent("sandbox:edit", { bubbles: true, cancelable: true, detail: request }),
    );
    if (!unclaimed) return;
    request.done(undefined);
    const status = this.querySelector("[data-status]");
    if (status) {
      status.textContent = `${request.fileName} was not opened: editing needs the editor of a lab page. Here, write a file with cat > FILE and use kubectl apply -f.`;
    }
  }

  #setState(state: TerminalState | "loading", message: string): void {
    this.dataset["state"] = state;
    const status = this.querySelector("[data-status]");
    if (status) status.textContent = message;
    const restart = this.querySelector<HTMLButtonElement>("[data-action=restart]");
    if (restart) restart.hidden = state !== "expired";
  }
}

if (!customElements.get("sandbox-terminal"))
  customElements.define("sandbox-terminal", SandboxTerminal);

declare global {
  interface HTMLElementTagNameMap {
    "sandbox-terminal": SandboxTerminal;
  }
}

/**
 * `<terminal-dock>`: listens for `sandbox:run-command` (contract 7, dispatched on document by the
 * lessons' "Run in terminal" buttons), opens the panel and runs the command in the runbook
 * terminal. Its presence on the page is what tells those buttons to run instead of copy.
 */
import "./sandbox-terminal.ts";

interface RunCommandDetail {
  readonly command: string;
}

function isRunCommand(event: Event): event is CustomEvent<RunCommandDetail> {
  return (
    event instanceof CustomEvent &&
    typeof (event.detail as Partial<RunCommandDetail> | null)?.command === "string"
  );
}

class TerminalDock extends HTMLElement {
  readonly #onRun = (event: Event): void => {
    if (!isRunCommand(event)) return;
    void this.terminal()?.run(event.detail.command);
    this.open();
  };

  connectedCallback(): void {
    const openButton = this.querySelector<HTMLButtonElement>("[data-dock-open]");
    if (openButton) {
      openButton.hidden = false;
      openButton.addEventListener("click", () => this.open());
    }
    this.querySelector("[data-dock-close]")?.addEventListener("click", () => this.close());
    this.addEventListener("keydown", (event) => {
      // Escape belongs to the shell (vi, less); Ctrl+Escape is the way out of the dock.
      if (event.key === "Escape" && event.ctrlKey) this.close();
    });
    document.addEventListener("sandbox:run-command", this.#onRun);
    window.visualViewport?.addEventListener("resize", this.#followKeyboard);
    window.visualViewport?.addEventListener("scroll", this.#followKeyboard);
  }

  disconnectedCallback(): void {
    document.removeEventListener("sandbox:run-command", this.#onRun);
    window.visualViewport?.removeEventListener("resize", this.#followKeyboard);
    window.visualViewport?.removeEventListener("scroll", this.#followKeyboard);
  }

  /**
   * A phone's on-screen keyboard shrinks the visual viewport but not the layout one that fixed
   * elements sit in, so the panel (and its prompt) would end up behind the keyboard: the panel
   * is lifted by the keyboard's height.
   */
  readonly #followKeyboard = (): void => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const inset = Math.max(0, window.innerHeight - viewport.height - viewport.offsetTop);
    this.style.setProperty("--keyboard-inset", `${Math.round(inset)}px`);
  };

  terminal(): HTMLElementTagNameMap["sandbox-terminal"] | null {
    return this.querySelector("sandbox-terminal");
  }

  open(): void {
    const panel = this.querySelector<HTMLElement>(".panel");
    if (panel) panel.hidden = false;
    this.querySelector("[data-dock-open]")?.setAttribute("aria-expanded", "true");
    void this.terminal()
      ?.activate()
      .then((terminal) => terminal.focus());
  }

  close(): void {
    const panel = this.querySelector<HTMLElement>(".panel");
    if (panel) panel.hidden = true;
    const openButton = this.querySelector<HTMLButtonElement>("[data-dock-open]");
    openButton?.setAttribute("aria-expanded", "false");
    openButton?.focus();
  }
}

if (!customElements.get("terminal-dock")) customElements.define("terminal-dock", TerminalDock);

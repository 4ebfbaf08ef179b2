/**
 * `<sandbox-editor>`: the light half of the editor island. It lists the lab's files as tabs and
 * loads Monaco (mount-editor.ts) only when the learner opens one. Files are read from and saved
 * into the session of the page's `<sandbox-terminal>` (the one named by `data-terminal`, else the
 * first on the page).
 */
import { SandboxTerminal } from "../terminal/sandbox-terminal.ts";
import type { EditRequest } from "../terminal/mount-terminal.ts";
import type { MountedEditor } from "./mount-editor.ts";

class SandboxEditor extends HTMLElement {
  #mounted: Promise<MountedEditor> | undefined;

  connectedCallback(): void {
    for (const button of this.querySelectorAll<HTMLButtonElement>("[data-file]")) {
      button.disabled = false;
      button.addEventListener("click", () => void this.open(button.dataset["file"] ?? ""));
    }
    this.querySelector("[data-action=save]")?.addEventListener("click", () => {
      void this.#mounted?.then((editor) => editor.save());
    });
    this.querySelector("[data-action=cancel]")?.addEventListener("click", () => {
      void this.#mounted?.then((editor) => {
        editor.cancel();
        this.#editing(false);
      });
    });
    document.addEventListener("sandbox:edit", this.#onEdit);
  }

  disconnectedCallback(): void {
    document.removeEventListener("sandbox:edit", this.#onEdit);
  }

  /** `kubectl edit` in the terminal opens the object here (see sandbox-terminal.ts). */
  readonly #onEdit = (event: Event): void => {
    const request = (event as CustomEvent<EditRequest>).detail;
    event.preventDefault();
    this.#editing(true);
    void (this.#mounted ??= this.#mount()).then((editor) => {
      editor.edit(request.fileName, request.content, (content) => {
        this.#editing(false);
        request.done(content);
      });
    });
  };

  #editing(on: boolean): void {
    const cancel = this.querySelector<HTMLButtonElement>("[data-action=cancel]");
    if (cancel) cancel.hidden = !on;
    if (on) this.scrollIntoView({ block: "nearest" });
  }

  #terminal(): SandboxTerminal | null {
    const id = this.dataset["terminal"];
    const found =
      id === undefined ? document.querySelector("sandbox-terminal") : document.getElementById(id);
    return found instanceof SandboxTerminal ? found : null;
  }

  #status(text: string): void {
    const status = this.querySelector("[data-editor-status]");
    if (status) status.textContent = text;
  }

  /** Opens a file (absolute, under /home/learner) in the editor, loading Monaco the first time. */
  async open(path: string): Promise<void> {
    for (const button of this.querySelectorAll<HTMLButtonElement>("[data-file]")) {
      button.setAttribute("aria-selected", String(button.dataset["file"] === path));
    }
    const editor = await (this.#mounted ??= this.#mount());
    try {
      await editor.open(path);
      this.dataset["state"] = "ready";
      editor.focus();
    } catch (error) {
      this.#status(
        `Could not open ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async #mount(): Promise<MountedEditor> {
    this.#status("Loading the editor…");
    const container = this.querySelector<HTMLElement>("[data-editor-surface]");
    const save = this.querySelector<HTMLButtonElement>("[data-action=save]");
    if (!container) throw new Error("<sandbox-editor> needs a [data-editor-surface] child");
    container.hidden = false;
    if (save) save.hidden = false;
    const { MountedEditor } = await import("./mount-editor.ts");
    const terminal = (): SandboxTerminal => {
      const found = this.#terminal();
      if (!found) throw new Error("there is no terminal on this page");
      return found;
    };
    return new MountedEditor({
      container,
      read: (path) => terminal().readFile(path),
      save: (path, content) => terminal().saveFile(path, content),
      setStatus: (text) => this.#status(text),
    });
  }
}

if (!customElements.get("sandbox-editor")) customElements.define("sandbox-editor", SandboxEditor);

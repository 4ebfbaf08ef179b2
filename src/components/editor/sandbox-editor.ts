/**
 * `<sandbox-editor>`: the light half of the editor island. It lists the lab's files as tabs and
 * loads Monaco (mount-editor.ts) only when the learner opens one. Files are read from and saved
 * into the session of the page's `<sandbox-terminal>` (the one named by `data-terminal`, else the
 * first on the page).
 */
import { SandboxTerminal } from "../terminal/sandbox-terminal.ts";
import type { EditRequest } from "../terminal/mount-terminal.ts";
import type { MountedEditor } from "./mount-editor.ts";

/** The learner's home in the sandbox, where the lab's files are (Editor.astro). */
const HOME = "/home/learner";

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

  /**
   * `kubectl edit`, `vi FILE` or `nano FILE` in the terminal open the file here (see
   * sandbox-terminal.ts): the editor's panel is brought forward, a tab names the file, and when
   * the edit ends the panel the learner came from (the terminal) comes back.
   */
  readonly #onEdit = (event: Event): void => {
    const request = (event as CustomEvent<EditRequest>).detail;
    event.preventDefault();
    const tab = this.#fileTab(request.fileName);
    const path = tab?.dataset["file"];
    const returnTo = this.#reveal();
    this.#select(tab ?? this.#editTab(request.fileName));
    this.#editing(true);
    void (this.#mounted ??= this.#mount()).then((editor) => {
      const edit = { fileName: request.fileName, content: request.content };
      editor.edit(path === undefined ? edit : { ...edit, path }, (content) => {
        this.#editing(false);
        if (returnTo) {
          returnTo.click();
          // Back at the shell, as after :wq: typing goes on where it left off.
          void this.#terminal()
            ?.activate()
            .then((terminal) => terminal.focus());
        }
        request.done(content);
      });
    });
  };

  /** The tab of a session file the terminal names (`deployment.yaml`, `/home/learner/app/main.py`). */
  #fileTab(fileName: string): HTMLButtonElement | undefined {
    const wanted = fileName.startsWith("/") ? fileName : `${HOME}/${fileName.replace(/^\.\//, "")}`;
    return [...this.querySelectorAll<HTMLButtonElement>("[data-file]")].find(
      (button) => button.dataset["file"] === wanted,
    );
  }

  /** A tab for a file with no tab of its own (kubectl's temporary file), while it is edited. */
  #editTab(fileName: string): HTMLButtonElement {
    let tab = this.querySelector<HTMLButtonElement>("[data-edit-tab]");
    if (!tab) {
      tab = document.createElement("button");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.dataset["editTab"] = "";
      this.querySelector("[data-action=save]")?.before(tab);
    }
    tab.textContent = fileName;
    tab.hidden = false;
    return tab;
  }

  #select(selected: HTMLButtonElement): void {
    for (const tab of this.querySelectorAll<HTMLButtonElement>("[role=tab]")) {
      tab.setAttribute("aria-selected", String(tab === selected));
    }
  }

  /**
   * Shows the tab panel the editor sits in (the lab page's Files panel) by its own tab, and
   * returns the tab that was selected before, to go back to.
   */
  #reveal(): HTMLElement | undefined {
    const panel = this.closest<HTMLElement>("[role=tabpanel]");
    if (!panel?.hidden || !panel.id) return undefined;
    const tab = document.querySelector<HTMLElement>(
      `[role=tab][aria-controls="${CSS.escape(panel.id)}"]`,
    );
    const previous = tab
      ?.closest("[role=tablist]")
      ?.querySelector<HTMLElement>('[role=tab][aria-selected="true"]');
    tab?.click();
    return previous ?? undefined;
  }

  #editing(on: boolean): void {
    const cancel = this.querySelector<HTMLButtonElement>("[data-action=cancel]");
    if (cancel) cancel.hidden = !on;
    const editTab = this.querySelector<HTMLButtonElement>("[data-edit-tab]");
    if (editTab && !on) editTab.hidden = true;
    this.dataset["editing"] = String(on);
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
    const tab = [...this.querySelectorAll<HTMLButtonElement>("[data-file]")].find(
      (button) => button.dataset["file"] === path,
    );
    if (tab) this.#select(tab);
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

/**
 * <lab-workspace>: the lab page's interactive part. Task updates arrive from the terminal island
 * as `sandbox:lab-status` events; every button types a `lab ...` command into the terminal, so the
 * page and a plain terminal do exactly the same thing and the session's input log (and therefore
 * its replay after a reload or a server restart) holds all of it. Learner-visible text from the
 * server is set with textContent, never as HTML.
 */

interface TaskStatusView {
  readonly id: string;
  readonly done: boolean;
  readonly stillWrong: readonly string[];
  readonly hintsUsed: number;
  readonly hints?: readonly string[];
}

interface TerminalElement extends HTMLElement {
  run(command: string): Promise<void>;
}

function isTaskStatus(value: unknown): value is TaskStatusView {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v["id"] === "string" &&
    typeof v["done"] === "boolean" &&
    Array.isArray(v["stillWrong"]) &&
    v["stillWrong"].every((line) => typeof line === "string") &&
    typeof v["hintsUsed"] === "number"
  );
}

/** The status a lab session sends: its task list (anything else is ignored). */
export function parseStatus(value: unknown): TaskStatusView[] | undefined {
  return Array.isArray(value) && value.every(isTaskStatus) ? value : undefined;
}

/** List items holding server text as text, never as HTML. */
function listItems(lines: readonly string[]): HTMLLIElement[] {
  return lines.map((line) => {
    const entry = document.createElement("li");
    entry.textContent = line;
    return entry;
  });
}

const COMMANDS: Readonly<Record<string, string>> = {
  check: "lab check",
  solution: "lab solution",
  reset: "lab reset",
  "new-variant": "lab reset --new-variant",
};

const WORKSPACE_TABLIST = "[data-workspace-tabs]";

class LabWorkspace extends HTMLElement {
  #done = new Set<string>();

  connectedCallback(): void {
    this.addEventListener("sandbox:lab-status", (event) => {
      const status = parseStatus((event as CustomEvent<{ status: unknown }>).detail.status);
      if (status) this.#show(status);
    });
    this.addEventListener("click", (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action]");
      if (!button) return;
      const action = button.dataset["action"] ?? "";
      if (action === "hint") this.#type(`lab hint ${button.dataset["taskId"] ?? ""}`);
      else if (action === "tab") this.#selectTab(button);
      else if (action in COMMANDS) this.#confirmThenType(action);
    });
    this.querySelector(WORKSPACE_TABLIST)?.addEventListener("keydown", (event) => {
      const key = (event as KeyboardEvent).key;
      if (key !== "ArrowRight" && key !== "ArrowLeft") return;
      const tabs = this.#workspaceTabs();
      const current = tabs.findIndex((tab) => tab.getAttribute("aria-selected") === "true");
      const next = tabs.at((current + (key === "ArrowRight" ? 1 : -1)) % tabs.length);
      if (next) {
        this.#selectTab(next);
        next.focus();
      }
    });
  }

  /** The Terminal/Files tabs (the editor has tabs of its own, one per file). */
  #workspaceTabs(): HTMLButtonElement[] {
    return [...this.querySelectorAll<HTMLButtonElement>(`${WORKSPACE_TABLIST} > [role=tab]`)];
  }

  #terminal(): TerminalElement | null {
    return this.querySelector<TerminalElement>("sandbox-terminal");
  }

  #type(command: string): void {
    const terminalTab = this.#workspaceTabs().find((tab) => tab.dataset["panel"] === "terminal");
    if (terminalTab) this.#selectTab(terminalTab);
    const terminal = this.#terminal();
    // On a phone the terminal sits below the checklist: bring the answer into view.
    terminal?.scrollIntoView({ block: "nearest" });
    void terminal?.run(command);
  }

  #confirmThenType(action: string): void {
    const warnings: Readonly<Record<string, string>> = {
      reset: "Start this lab again from the beginning? Your progress on this cluster is lost.",
      "new-variant": "Start a differently broken cluster? Your progress on this one is lost.",
    };
    const warning = warnings[action];
    if (warning !== undefined && !window.confirm(warning)) return;
    const command = COMMANDS[action];
    if (command !== undefined) this.#type(command);
  }

  #selectTab(tab: HTMLButtonElement): void {
    for (const other of this.#workspaceTabs()) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = this.querySelector<HTMLElement>(
        `#${other.getAttribute("aria-controls") ?? ""}`,
      );
      if (panel) panel.hidden = !selected;
    }
  }

  #show(statuses: readonly TaskStatusView[]): void {
    const announcements: string[] = [];
    for (const status of statuses) {
      const item = this.querySelector<HTMLElement>(`li[data-task="${CSS.escape(status.id)}"]`);
      if (!item) continue;
      item.dataset["done"] = String(status.done);
      const state = item.querySelector("[data-state]");
      if (state) state.textContent = status.done ? "done" : "not yet";
      const hints = item.querySelector("[data-hints]");
      if (hints) hints.textContent = String(status.hintsUsed);
      item.querySelector("[data-still-wrong]")?.replaceChildren(...listItems(status.stillWrong));
      item.querySelector("[data-hint-list]")?.replaceChildren(...listItems(status.hints ?? []));
      if (status.done && !this.#done.has(status.id)) {
        const title = item.querySelector(".title")?.textContent ?? status.id;
        announcements.push(`Done: ${title}.`);
      }
      if (status.done) this.#done.add(status.id);
      else this.#done.delete(status.id);
    }
    const summary = this.querySelector("[data-summary]");
    const doneCount = statuses.filter((s) => s.done).length;
    if (summary) summary.textContent = `${doneCount}/${statuses.length} done`;
    if (doneCount === statuses.length && statuses.length > 0)
      announcements.push("Every task is done. Well done!");
    const live = this.querySelector("[data-announce]");
    if (live && announcements.length > 0) live.textContent = announcements.join(" ");
    this.dataset["complete"] = String(doneCount === statuses.length);
  }
}

if (!customElements.get("lab-workspace")) customElements.define("lab-workspace", LabWorkspace);

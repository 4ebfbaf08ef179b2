/**
 * The heavy half of the editor island: Monaco with monaco-yaml, imported only when the learner
 * opens the editor. One model per file (keeping undo history per file); saving writes the file
 * into the learner's sandbox session over the terminal's WebSocket, so `kubectl apply -f` in the
 * terminal sees it.
 */
import { monaco } from "./monaco.ts";

export interface EditorHost {
  readonly container: HTMLElement;
  read(path: string): Promise<string>;
  save(path: string, content: string): Promise<void>;
  setStatus(text: string): void;
}

function themeName(): string {
  return document.documentElement.dataset["theme"] === "dark" ? "vs-dark" : "vs";
}

/** A file a terminal command opened in the editor (src/sandbox/kubectl/env.ts EditRequest). */
export interface TerminalEdit {
  readonly fileName: string;
  readonly content: string;
  /** The session file it is, when the page has a tab for it. */
  readonly path?: string;
}

export class MountedEditor {
  readonly #host: EditorHost;
  readonly #editor: monaco.editor.IStandaloneCodeEditor;
  readonly #themeObserver: MutationObserver;
  #path: string | undefined;
  /** While a terminal's edit is open: its model, and where its saved text goes. */
  #pendingEdit:
    { model: monaco.editor.ITextModel; finish(content: string | undefined): void } | undefined;

  constructor(host: EditorHost) {
    this.#host = host;
    this.#editor = monaco.editor.create(host.container, {
      automaticLayout: true,
      minimap: { enabled: false },
      theme: themeName(),
      fontSize: 14,
      scrollBeyondLastLine: false,
      accessibilitySupport: "auto",
    });
    this.#editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void this.save());
    this.#themeObserver = new MutationObserver(() => monaco.editor.setTheme(themeName()));
    this.#themeObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
  }

  /** Shows a file, loading it from the session the first time. */
  async open(path: string): Promise<void> {
    const uri = monaco.Uri.file(path);
    let model = monaco.editor.getModel(uri);
    if (!model) {
      this.#host.setStatus(`Opening ${path}…`);
      model = monaco.editor.createModel(await this.#host.read(path), undefined, uri);
    }
    this.#path = path;
    this.#editor.setModel(model);
    this.#host.setStatus(`${path}: Ctrl+S saves it into your sandbox.`);
  }

  /**
   * Shows a file a terminal command hands over (`kubectl edit`'s temporary file, the file of
   * `vi FILE`): Save sends the text back to the command, cancel() abandons the edit. `path` is set
   * when the file is one of the session's files, so its tab and the edit share one model.
   */
  edit(request: TerminalEdit, done: (content: string | undefined) => void): void {
    this.#pendingEdit?.finish(undefined);
    // kubectl names a temporary file (kubectl-edit-web.yaml); vi and nano name the path.
    const { fileName } = request;
    const uri = monaco.Uri.file(
      request.path ?? (fileName.startsWith("/") ? fileName : `/tmp/${fileName}`),
    );
    let model = monaco.editor.getModel(uri);
    if (model) model.setValue(request.content);
    else model = monaco.editor.createModel(request.content, undefined, uri);
    const temporary = request.path === undefined ? model : undefined;
    this.#pendingEdit = {
      model,
      finish: (saved) => {
        this.#pendingEdit = undefined;
        temporary?.dispose();
        done(saved);
      },
    };
    this.#path = undefined;
    this.#editor.setModel(model);
    this.#host.setStatus(
      `${request.fileName} from the terminal: Save (Ctrl+S) hands it back; Cancel edit leaves it unchanged.`,
    );
    this.#editor.focus();
  }

  cancel(): void {
    this.#pendingEdit?.finish(undefined);
    this.#host.setStatus("Edit cancelled.");
  }

  async save(): Promise<void> {
    const model = this.#editor.getModel();
    if (this.#pendingEdit && model === this.#pendingEdit.model) {
      this.#pendingEdit.finish(model.getValue());
      this.#host.setStatus("Handed back to the terminal; see what it says there.");
      return;
    }
    const path = this.#path;
    if (path === undefined || !model) return;
    this.#host.setStatus(`Saving ${path}…`);
    try {
      await this.#host.save(path, model.getValue());
      this.#host.setStatus(`Saved ${path}. Run kubectl apply -f ${path} in the terminal.`);
    } catch (error) {
      this.#host.setStatus(
        `Could not save ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  focus(): void {
    this.#editor.focus();
  }
}

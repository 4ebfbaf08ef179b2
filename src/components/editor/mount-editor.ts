/**
 * The heavy half of the editor island: Monaco with monaco-yaml, imported only when the learner
 * opens the editor. One model per file (keeping undo history per file); saving writes the file
 * into the learner's sandbox session over the terminal's WebSocket, so `kubectl apply -f` in the
 * terminal sees it.
 */
import * as monaco from "monaco-editor";
import EditorWorker from "monaco-editor/editor/editor.worker.js?worker";
import { configureMonacoYaml } from "monaco-yaml";
import YamlWorker from "monaco-yaml/yaml.worker.js?worker";
import { kubernetesObjectSchema } from "./kubernetes-schema.ts";

export interface EditorHost {
  readonly container: HTMLElement;
  read(path: string): Promise<string>;
  save(path: string, content: string): Promise<void>;
  setStatus(text: string): void;
}

window.MonacoEnvironment = {
  getWorker: (_id, label) => (label === "yaml" ? new YamlWorker() : new EditorWorker()),
};

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  schemas: [
    {
      fileMatch: ["**/*.yaml", "**/*.yml"],
      uri: "https://kubernetes.io/docs/reference/kubernetes-api/",
      schema: kubernetesObjectSchema as never,
    },
  ],
});

function themeName(): string {
  return document.documentElement.dataset["theme"] === "dark" ? "vs-dark" : "vs";
}

export class MountedEditor {
  readonly #host: EditorHost;
  readonly #editor: monaco.editor.IStandaloneCodeEditor;
  readonly #themeObserver: MutationObserver;
  #path: string | undefined;
  /** While a `kubectl edit` is open: where its saved text goes. */
  #pendingEdit: ((content: string | undefined) => void) | undefined;

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

  /** Shows the object `kubectl edit` hands over; Save sends it back, cancel() abandons it. */
  edit(fileName: string, content: string, done: (content: string | undefined) => void): void {
    this.#pendingEdit?.(undefined);
    const model = monaco.editor.createModel(content, "yaml", monaco.Uri.file(`/tmp/${fileName}`));
    this.#pendingEdit = (saved) => {
      this.#pendingEdit = undefined;
      model.dispose();
      done(saved);
    };
    this.#path = undefined;
    this.#editor.setModel(model);
    this.#host.setStatus(`kubectl edit: ${fileName}. Save applies it; Cancel leaves it unchanged.`);
    this.#editor.focus();
  }

  cancel(): void {
    this.#pendingEdit?.(undefined);
    this.#host.setStatus("Edit cancelled.");
  }

  get editing(): boolean {
    return this.#pendingEdit !== undefined;
  }

  async save(): Promise<void> {
    const model = this.#editor.getModel();
    if (this.#pendingEdit && model) {
      this.#pendingEdit(model.getValue());
      this.#host.setStatus("Sent to kubectl edit; see the terminal.");
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

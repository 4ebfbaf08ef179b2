/**
 * The Monaco the editor island uses: the editor API with every editor feature (find, suggest,
 * hover, folding, go to problem, ...) but only the languages a lab's files are written in, and
 * only two web workers, Monaco's own and monaco-yaml's. `import "monaco-editor"` would register
 * the TypeScript, CSS, HTML and JSON language services too, and with them ~9 MB of workers the
 * site never starts.
 */
import * as monaco from "monaco-editor/editor/editor.api.js";
import "monaco-editor/features/register.all.js";
import "monaco-editor/languages/definitions/dockerfile/register.js";
import "monaco-editor/languages/definitions/go/register.js";
import "monaco-editor/languages/definitions/python/register.js";
import "monaco-editor/languages/definitions/shell/register.js";
import "monaco-editor/languages/definitions/yaml/register.js";
import EditorWorker from "monaco-editor/editor/editor.worker.js?worker";
import { configureMonacoYaml } from "monaco-yaml";
import YamlWorker from "monaco-yaml/yaml.worker.js?worker";
import { kubernetesObjectSchema } from "./kubernetes-schema.ts";

window.MonacoEnvironment = { getWorker: () => new EditorWorker() };

/**
 * monaco-yaml 5.5 asks for its worker the way monaco-editor did before 0.55
 * (`createWebWorker({ moduleId, label, createData })`); 0.55 and later take the Worker itself,
 * and a language worker starts on its first message and reads its create data from the second,
 * as monaco's own language workers do (esm/vs/internal/common/workers.js). Without this the YAML
 * requests went to the plain editor worker: "Missing requestHandler or method: doValidation".
 */
function createYamlWorker(options: {
  createData?: unknown;
}): monaco.editor.MonacoWebWorker<object> {
  const worker = new YamlWorker();
  worker.postMessage("start");
  worker.postMessage(options.createData);
  return monaco.editor.createWebWorker({ worker });
}

configureMonacoYaml(
  { ...monaco, editor: { ...monaco.editor, createWebWorker: createYamlWorker } },
  {
    enableSchemaRequest: false,
    schemas: [
      {
        fileMatch: ["**/*.yaml", "**/*.yml"],
        uri: "https://kubernetes.io/docs/reference/kubernetes-api/",
        schema: kubernetesObjectSchema as never,
      },
    ],
  },
);

export { monaco };

/**
 * monaco-yaml's worker starts through monaco-worker-manager, whose `initialize` waits for one
 * message before calling monaco-editor's; since monaco-editor 0.55, that `initialize` itself waits
 * for the next message, so the first one (the worker's create data) was lost and the YAML worker
 * never started ("Missing requestHandler"). This stand-in (aliased in astro.config.mjs) calls
 * monaco's `initialize` at once, which is what the newer API expects.
 */
import { initialize as initializeMonacoWorker } from "monaco-editor/editor/editor.worker.js";

export function initialize(create: (ctx: unknown, createData: unknown) => object): void {
  initializeMonacoWorker(
    (ctx: unknown, createData: unknown) => Object.create(create(ctx, createData)) as object,
  );
}

// monaco-editor ships no types for its worker entry; this is the one function the shim uses.
declare module "monaco-editor/editor/editor.worker.js" {
  export function initialize(create: (ctx: unknown, createData: unknown) => object): void;
}

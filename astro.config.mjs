// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import node from "@astrojs/node";
import { fileURLToPath, URL } from "node:url";

/** @param {string} path */
const fromRoot = (path) => fileURLToPath(new URL(path, import.meta.url));

// The site is mostly prerendered pages; the node adapter (standalone) provides the request
// handler that src/server/main.ts mounts next to the sandbox's WebSocket endpoint, so one
// process serves the site and the backend.
export default defineConfig({
  site: "http://localhost:4321",
  output: "static",
  adapter: node({ mode: "standalone" }),
  integrations: [mdx()],
  server: { port: 4321 },
  devToolbar: { enabled: false },
  vite: {
    resolve: {
      // monaco-yaml's worker reaches monaco-editor by paths (esm/vs/...) that monaco-editor
      // 0.57's exports map no longer allows, and through a worker starter written for the older
      // worker protocol; both are pointed at what 0.57 needs (src/components/editor).
      alias: [
        {
          find: /^monaco-worker-manager\/worker$/,
          replacement: fromRoot("src/components/editor/monaco-worker-manager-shim.ts"),
        },
        {
          find: /^monaco-editor\/esm\/vs\/(.*)$/,
          replacement: fromRoot("node_modules/monaco-editor/esm/vs/$1"),
        },
      ],
    },
  },
});

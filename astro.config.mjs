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
      // monaco-yaml's worker reaches monaco-editor by a path (esm/vs/...) that monaco-editor
      // 0.57's exports map no longer allows (src/components/editor/monaco.ts starts that worker).
      alias: [
        {
          find: /^monaco-editor\/esm\/vs\/(.*)$/,
          replacement: fromRoot("node_modules/monaco-editor/esm/vs/$1"),
        },
      ],
    },
  },
});

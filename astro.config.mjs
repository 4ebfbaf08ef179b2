// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import node from "@astrojs/node";

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
});

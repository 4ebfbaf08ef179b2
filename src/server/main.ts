import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";
import { buildIfNeeded, SERVER_ENTRY } from "./build-if-needed.ts";
import { readConfig } from "./config.ts";
import { createAppServer, type RequestHandler } from "./http-server.ts";
import { progressRoutes } from "./progress/progress-routes.ts";
import { ProgressStorage } from "./progress/progress-storage.ts";
import { ensureLearner } from "./sessions/learner-cookie.ts";

interface AstroEntry {
  handler: RequestHandler;
}

const root = resolve(import.meta.dirname, "..", "..");
const config = readConfig();
const log = (line: string): void => console.log(line);

buildIfNeeded(root, log);

// The adapter would otherwise start its own server; ours adds the backend beside it.
process.env["ASTRO_NODE_AUTOSTART"] = "disabled";
const astro = (await import(pathToFileURL(join(root, SERVER_ENTRY)).href)) as AstroEntry;

const storage = await ProgressStorage.fromEnvironment(config.dataDir);
log(
  `Progress storage: ${storage.engine === "postgres" ? "PostgreSQL (DATABASE_URL)" : `SQLite in ${config.dataDir}/`}`,
);

// Every page visit carries the learner cookie, so the terminal's WebSocket finds its sessions.
const site: RequestHandler = (req, res) => {
  ensureLearner(req, res);
  astro.handler(req, res);
};

const server = createAppServer({ site, routes: progressRoutes(storage) });

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log(`Serving on http://${config.host}:${String(port)}/`);
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) process.exit(1); // a second Ctrl-C forces it
  stopping = true;
  log(`\n${signal}: shutting down`);
  server.close(() => {
    void storage.close().finally(() => process.exit(0));
  });
  server.closeAllConnections();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));

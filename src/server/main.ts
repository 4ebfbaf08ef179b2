import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";
import { buildIfNeeded, SERVER_ENTRY } from "./build-if-needed.ts";
import { readConfig } from "./config.ts";
import { createAppServer, type RequestHandler } from "./http-server.ts";
import { progressRoutes } from "./progress/progress-routes.ts";
import { ProgressStorage } from "./progress/progress-storage.ts";
import { ensureLearner } from "./sessions/learner-cookie.ts";
import { createSandboxTerminals } from "./sessions/sandbox-terminals.ts";
import { SessionManager } from "./sessions/session-manager.ts";

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

const sessions = new SessionManager({
  store: storage,
  ...createSandboxTerminals(),
  onLabStatus: (learner, labId, status) => {
    const tasks = status as readonly { id: string; done: boolean; hintsUsed: number }[];
    const hints = tasks.reduce((sum, task) => sum + task.hintsUsed, 0);
    storage
      .recordLabStatus(learner, labId, tasks, hints, Date.now())
      .catch((error: unknown) => console.error("could not store lab progress", error));
  },
});

const server = createAppServer({
  site,
  routes: progressRoutes(storage),
  webSockets: new Map([["/ws/terminal", sessions.handle]]),
});

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
  void sessions.close().then(() => {
    server.close(() => {
      void storage.close().finally(() => process.exit(0));
    });
    server.closeAllConnections();
  });
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));

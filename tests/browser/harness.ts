import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before } from "node:test";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { ProgressStorage } from "../../src/server/progress/progress-storage.ts";

/** Flags that let Chromium run headless as root on a machine with no network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/**
 * Debian's chromium when present (no browser can be downloaded here), else a browser Playwright
 * manages; with neither, a message that says how to get one.
 */
export function findChromium(): string | undefined {
  const candidates = [
    process.env["CHROMIUM_PATH"],
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
  ];
  for (const path of candidates) if (path && existsSync(path)) return path;
  const managed = chromium.executablePath();
  if (managed && existsSync(managed)) return undefined; // Playwright finds its own
  throw new Error(
    "No Chromium found for the browser tests. Install one with `apt-get install -y chromium` " +
      "(Debian) or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary.",
  );
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  return chromium.launch({
    ...(executablePath === undefined ? {} : { executablePath }),
    args: CHROMIUM_ARGS,
  });
}

export interface RunningServer {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

const root = resolve(import.meta.dirname, "..", "..");

/** Starts the real server (`src/server/main.ts`) on a free port and waits until it listens. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ["src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      reject(new Error(`server did not start within 120 s:\n${output}`));
    }, 120_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Serving on (http:\/\/\S+?)\/?$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)} before listening:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null) {
          resolveStop();
          return;
        }
        child.once("exit", () => resolveStop());
        child.kill("SIGINT");
      }),
  };
}

/** The `data-state` a `<sandbox-terminal>` reports (src/components/terminal/sandbox-terminal.ts). */
export type TerminalState = "loading" | "connecting" | "ready" | "reconnecting" | "expired";

/** Waits until the terminal inside `scope` (a CSS selector: the dock, the lab workspace) is in `state`. */
export async function waitForTerminal(
  page: Page,
  scope: string,
  state: TerminalState,
): Promise<void> {
  await page
    .locator(`${scope} sandbox-terminal[data-state="${state}"]`)
    .waitFor({ timeout: 60_000 });
}

/** Types one line into the terminal inside `scope` and presses Enter. */
export async function typeInTerminal(page: Page, scope: string, line: string): Promise<void> {
  await page.locator(`${scope} .xterm-helper-textarea`).focus();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

/** Waits until the visible text of the terminal inside `scope` matches `pattern`. */
export async function waitForTerminalText(
  page: Page,
  scope: string,
  pattern: RegExp,
): Promise<void> {
  await page.waitForFunction(
    ({ selector, source, flags }) =>
      new RegExp(source, flags).test(document.querySelector(selector)?.textContent ?? ""),
    { selector: `${scope} .xterm-rows`, source: pattern.source, flags: pattern.flags },
    { timeout: 60_000 },
  );
}

/** The server and browser of one browser test file, started before its tests and stopped after. */
export interface TestBed {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** The server's DATA_DIR, a fresh temporary directory removed after the tests. */
  readonly dataDir: string;
  /**
   * Stops the server, runs `whileDown` (to watch the page notice), and starts it again on the
   * same port with the same DATA_DIR, as a deployment's restart would.
   */
  restartServer(whileDown?: () => Promise<void>): Promise<void>;
}

/**
 * Registers the file's before/after hooks: a real server (src/server/main.ts) over a fresh
 * DATA_DIR and a Chromium. `prepare` may fill the data directory before the server starts.
 */
export function useTestBed(name: string, prepare?: (dataDir: string) => Promise<void>): TestBed {
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    await prepare?.(dataDir);
    server = await startServer({ DATA_DIR: dataDir });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the test bed starts in before(): use it in a test");
    return value;
  };
  return {
    dataDir,
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    async restartServer(whileDown) {
      const running = started(server);
      const port = new URL(running.url).port;
      await running.stop();
      await whileDown?.();
      server = await startServer({ DATA_DIR: dataDir, PORT: port });
    },
  };
}

/**
 * While the server is down: the learner of `context` typed `data` into their session on `target`
 * (`lab:<id>`, `scenario:runbook`) `afterMs` after the session's last stored input, as if they
 * had read the screen that long first. A restarted server replays it: the honest way to let two
 * minutes of real time pass in a test (the session's clock follows its log's timestamps).
 */
export async function typedLater(
  dataDir: string,
  context: BrowserContext,
  target: string,
  afterMs: number,
  data: string,
): Promise<void> {
  const learner = (await context.cookies()).find((cookie) => cookie.name === "learner")?.value;
  if (learner === undefined) throw new Error("the page has no learner cookie");
  const storage = await ProgressStorage.fromEnvironment(dataDir);
  try {
    const session = await storage.findSession(learner, target);
    if (!session) throw new Error(`no stored session for ${target}`);
    const log = await storage.inputLog(session.id);
    const last = Math.max(...log.map((entry) => entry.atMs));
    await storage.appendInput(session.id, log.length, data, last + afterMs);
  } finally {
    await storage.close();
  }
}

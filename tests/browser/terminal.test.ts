import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { useTestBed } from "./harness.ts";

const LESSON = "/lessons/what-exit-128-means/";
const bed = useTestBed("terminal-browser");

/** The terminal's visible text, as xterm's DOM renderer lays it out. */
function screenText(page: Page): Promise<string> {
  return page.locator("terminal-dock .xterm-rows").innerText();
}

async function waitForScreen(page: Page, pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    (source) =>
      new RegExp(source).test(
        document.querySelector("terminal-dock .xterm-rows")?.textContent ?? "",
      ),
    pattern.source,
    { timeout: 30_000 },
  );
}

async function openDock(page: Page): Promise<void> {
  await page.getByRole("button", { name: /Terminal/ }).click();
  await page
    .locator('terminal-dock sandbox-terminal[data-state="ready"]')
    .waitFor({ timeout: 30_000 });
}

test("pages without a terminal load nothing of xterm; the dock loads it on demand", async () => {
  const page = await bed.browser.newPage();
  const scripts: string[] = [];
  page.on("request", (request) => scripts.push(request.url()));
  await page.goto(`${bed.server.url}/progress/`);
  await page.goto(`${bed.server.url}${LESSON}`);
  await page.waitForLoadState("networkidle");
  assert.equal(await page.locator(".xterm").count(), 0, "no terminal before the dock opens");
  const xtermChunk = (url: string): boolean => /mount-terminal|xterm/.test(url);
  assert.deepEqual(scripts.filter(xtermChunk), [], "no xterm code before the dock opens");
  await openDock(page);
  assert.ok(scripts.some(xtermChunk), "xterm's chunk loads on opening");
  await page.close();
});

test("type kubectl get pods, reload to the same session, restart the server and continue", async () => {
  const context = await bed.browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${bed.server.url}${LESSON}`);
  await openDock(page);
  await page.locator("terminal-dock .xterm-helper-textarea").focus();
  await page.keyboard.type("kubectl get pods");
  await page.keyboard.press("Enter");
  await waitForScreen(page, /CrashLoopBackOff/);
  assert.match(await screenText(page), /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);

  await page.reload();
  await openDock(page);
  await waitForScreen(page, /kubectl get pods[\s\S]*CrashLoopBackOff/);
  assert.match(await page.locator("terminal-dock [data-status]").innerText(), /restored/);

  await bed.restartServer(async () => {
    await page.locator('terminal-dock sandbox-terminal[data-state="reconnecting"]').waitFor();
    assert.match(
      await page.locator("terminal-dock [data-status]").innerText(),
      /Retrying in \d+ s/,
    );
  });
  await page
    .locator('terminal-dock sandbox-terminal[data-state="ready"]')
    .waitFor({ timeout: 30_000 });
  await waitForScreen(page, /CrashLoopBackOff/);
  await page.locator("terminal-dock .xterm-helper-textarea").focus();
  await page.keyboard.type("kubectl get nodes");
  await page.keyboard.press("Enter");
  await waitForScreen(page, /NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
  await context.close();
});

test("Run in terminal on a lesson types the command into the dock", async () => {
  const page = await bed.browser.newPage();
  await page.goto(`${bed.server.url}${LESSON}`);
  await page.evaluate(() => {
    document.dispatchEvent(
      new CustomEvent("sandbox:run-command", { detail: { command: "kubectl get deployments" } }),
    );
  });
  await page
    .locator('terminal-dock sandbox-terminal[data-state="ready"]')
    .waitFor({ timeout: 30_000 });
  await waitForScreen(page, /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
  await page.close();
});

test("the terminal follows the theme and fits a phone screen", async () => {
  const context = await bed.browser.newContext({
    viewport: { width: 1100, height: 800 },
    colorScheme: "light",
  });
  const page = await context.newPage();
  await page.goto(`${bed.server.url}${LESSON}`);
  await openDock(page);
  const background = (): Promise<string> =>
    page
      .locator("terminal-dock .xterm-scrollable-element")
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  const light = await background();
  await page.screenshot({ path: join(tmpdir(), "terminal-light.png") });
  await page.getByRole("button", { name: /Dark theme/ }).click();
  await page.waitForFunction(
    (before) =>
      getComputedStyle(document.querySelector("terminal-dock .xterm-scrollable-element") as Element)
        .backgroundColor !== before,
    light,
  );
  assert.notEqual(await background(), light);
  await page.screenshot({ path: join(tmpdir(), "terminal-dark.png") });
  await context.close();

  const phone = await bed.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const small = await phone.newPage();
  await small.goto(`${bed.server.url}${LESSON}`);
  await openDock(small);
  const box = await small.locator("terminal-dock .xterm-screen").boundingBox();
  assert.ok(box && box.width <= 390, `terminal fits the phone's width (${String(box?.width)})`);
  await small.screenshot({ path: join(tmpdir(), "terminal-phone.png") });
  await phone.close();
});

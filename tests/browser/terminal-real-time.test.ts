import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { typeInTerminal, useTestBed, waitForTerminal, waitForTerminalText } from "./harness.ts";

/**
 * The browser terminal runs on real time, as a cluster does: `sleep` takes its seconds and Ctrl-C
 * cuts it short, and `kubectl get pods -w` prints changes as they happen.
 */
const bed = useTestBed("terminal-real-time");
const DOCK = "terminal-dock";

async function openDock(page: Page): Promise<void> {
  await page.goto(`${bed.server.url}/lessons/what-exit-128-means/`);
  await page.getByRole("button", { name: /Terminal/ }).click();
  await waitForTerminal(page, DOCK, "ready");
}

const rows = (page: Page, scope: string): Promise<string> =>
  page.locator(`${scope} .xterm-rows`).innerText();

test("sleep lasts until Ctrl-C, which shows ^C and gives status 130", async () => {
  const page = await bed.browser.newPage();
  await openDock(page);
  await typeInTerminal(page, DOCK, "sleep 30; echo finished");
  await page.waitForTimeout(1500);
  assert.doesNotMatch(await rows(page, DOCK), /^finished$/m, "the sleep is still running");
  const pressed = Date.now();
  await page.keyboard.press("Control+C");
  await waitForTerminalText(page, DOCK, /sleep 30; echo finished\s*\^C/);
  assert.ok(Date.now() - pressed < 5000, "Ctrl-C ends the sleep at once");
  await typeInTerminal(page, DOCK, "echo status=$?");
  await waitForTerminalText(page, DOCK, /status=130/);
  assert.doesNotMatch(await rows(page, DOCK), /^finished$/m);
  await page.close();
});

test("kubectl get pods -w prints a new line when a pod changes, without any key pressed", async () => {
  const page = await bed.browser.newPage();
  await openDock(page);
  await typeInTerminal(page, DOCK, "kubectl run probe --image=nginx");
  await waitForTerminalText(page, DOCK, /pod\/probe created/);
  await typeInTerminal(page, DOCK, "kubectl get pods -w");
  await waitForTerminalText(page, DOCK, /probe\s+0\/1\s+ContainerCreating\s+0\s+\d+s/);
  // The pod leaves ContainerCreating a couple of seconds later: the watch prints it.
  await waitForTerminalText(
    page,
    DOCK,
    /ContainerCreating[\s\S]*probe\s+\d\/1\s+(?!ContainerCreating)[A-Z]/,
  );
  await page.keyboard.press("Control+C");
  await waitForTerminalText(page, DOCK, /\^C\s*learner@workstation/);
  await page.close();
});

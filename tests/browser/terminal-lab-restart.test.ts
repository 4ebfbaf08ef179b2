import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import {
  typedLater,
  typeInTerminal,
  useTestBed,
  waitForTerminal,
  waitForTerminalText,
} from "./harness.ts";

/**
 * Issue 7's quality bar: a server restart in the middle of a lab loses nothing. The page keeps
 * its socket retrying; the new process (same DATA_DIR) rebuilds the session by replaying the
 * stored input log, sends the screen back, and the lab goes on as if nothing happened. The session
 * runs on real time: a sleep cut by Ctrl-C and a watch that streamed replay to the same screen,
 * and the "steady for two minutes" check is met by a keystroke stored 150 s after the fix.
 */
const LAB = "/labs/invalid-exit-value/";
const WORKSPACE = "lab-workspace";
const bed = useTestBed("terminal-lab-restart");

/** Every pod of this lab fails, so the first one listed is a failing one. */
const forFirstPod = (command: string): string =>
  `kubectl get pods -o name | head -1 | while read pod; do ${command}; done`;

const doneTasks = (page: Page): Promise<string[]> =>
  page
    .locator('li[data-task][data-done="true"]')
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset["task"] ?? ""));

test("a server restart in the middle of a lab: reconnect, scrollback, replay, finish the lab", async () => {
  const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(bed.server.url + LAB);
  await waitForTerminal(page, WORKSPACE, "ready");

  // The first half of the solution: find the pod and read its evidence.
  await typeInTerminal(page, WORKSPACE, forFirstPod("kubectl describe $pod"));
  await typeInTerminal(page, WORKSPACE, forFirstPod("kubectl logs $pod --previous"));
  await typeInTerminal(page, WORKSPACE, "kubectl get pods");
  await typeInTerminal(page, WORKSPACE, forFirstPod("lab answer find-pod $pod"));
  await page.locator('li[data-task="evidence"][data-done="true"]').waitFor({ timeout: 60_000 });
  await page.locator('li[data-task="find-pod"][data-done="true"]').waitFor({ timeout: 60_000 });
  await waitForTerminalText(page, WORKSPACE, /sys\.exit\(-128\)|exit code 128/i);
  const before = (await doneTasks(page)).sort();
  assert.deepEqual(before, ["evidence", "find-pod"]);

  // Real time: a sleep cut short, and a watch that streams the rollout of the fix.
  await typeInTerminal(page, WORKSPACE, "sleep 30");
  await page.waitForTimeout(1000);
  await page.keyboard.press("Control+C");
  await typeInTerminal(page, WORKSPACE, "echo slept=$?");
  await waitForTerminalText(page, WORKSPACE, /\^C[\s\S]*slept=130/);
  await typeInTerminal(
    page,
    WORKSPACE,
    "kubectl set image deployment/web web=registry.example.com/shop/web:1.1",
  );
  await typeInTerminal(page, WORKSPACE, "kubectl get pods -w");
  await waitForTerminalText(page, WORKSPACE, /web-\S+\s+1\/1\s+Running\s+0/);
  await page.keyboard.press("Control+C");
  await typeInTerminal(page, WORKSPACE, "echo watched");
  await waitForTerminalText(page, WORKSPACE, /\^C[\s\S]*watched/);
  const screen = await page.locator(`${WORKSPACE} .xterm-rows`).innerText();

  await bed.restartServer(async () => {
    await waitForTerminal(page, WORKSPACE, "reconnecting");
    assert.match(
      await page.locator(`${WORKSPACE} sandbox-terminal [data-status]`).innerText(),
      /Retrying in \d+ s; your session is kept/,
    );
    await typedLater(bed.dataDir, context, "lab:invalid-exit-value", 150_000, "kubectl get pods\r");
  });
  await waitForTerminal(page, WORKSPACE, "ready");
  assert.match(
    await page.locator(`${WORKSPACE} sandbox-terminal [data-status]`).innerText(),
    /restored/,
  );
  // The scrollback came back, the sleep and the watch as they were, then the later command.
  await waitForTerminalText(
    page,
    WORKSPACE,
    /kubectl get pods\s*NAME[^$]*learner@workstation\S*\$\s*$/,
  );
  const restored = await page.locator(`${WORKSPACE} .xterm-rows`).innerText();
  const kept = screen.trimEnd().split("\n").slice(-8, -1).join("\n");
  assert.ok(restored.includes(kept), `${kept}\n---\n${restored}`);
  for (const task of ["evidence", "find-pod", "fix", "verify"])
    await page.locator(`li[data-task="${task}"][data-done="true"]`).waitFor({ timeout: 60_000 });

  // The last task, typed into the rebuilt session.
  await typeInTerminal(page, WORKSPACE, "lab answer root-cause invalid-exit-value");
  await page.locator('li[data-task="root-cause"][data-done="true"]').waitFor({ timeout: 60_000 });
  assert.equal(await page.locator("[data-summary]").innerText(), "5/5 done");

  // A reload after all of that: same session, every task still done, progress stored.
  await page.reload();
  await waitForTerminal(page, WORKSPACE, "ready");
  await page.locator('li[data-task="verify"][data-done="true"]').waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('li[data-task][data-done="true"]').count(), 5);
  await page.goto(`${bed.server.url}/progress/`);
  await page.locator('progress-view[data-state="ready"]').waitFor({ timeout: 30_000 });
  const row = page.locator('tr[data-lab="invalid-exit-value"]');
  assert.match(await row.innerText(), /The exit value that wrapped around\s+5 of 5 ✓ finished/);
  await context.close();
});

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, startServer, typedLater, type RunningServer } from "./harness.ts";

const LAB = "/labs/invalid-exit-value/";
const dataDir = mkdtempSync(join(tmpdir(), "labs-browser-"));
let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer({ DATA_DIR: dataDir });
  browser = await launchBrowser();
});

after(async () => {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openLab(page: Page): Promise<void> {
  await page.goto(server.url + LAB);
  await page
    .locator('lab-workspace sandbox-terminal[data-state="ready"]')
    .waitFor({ timeout: 60_000 });
}

async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator("lab-workspace .xterm-helper-textarea").focus();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

/** Every pod of this lab fails, so the first one the API lists is a failing one. */
const forFirstPod = (command: string): string =>
  `kubectl get pods -o name | head -1 | while read pod; do ${command}; done`;

test("the lab list shows each lab's cause, level and time and links to it", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/labs/`);
  const cards = page.locator(".labs li");
  assert.equal(await cards.count(), 8);
  const card = cards.filter({ hasText: "The exit value that wrapped around" });
  assert.match(
    await card.innerText(),
    /Cause\s*Invalid exit value[\s\S]*Level\s*beginner[\s\S]*15 min/,
  );
  const violations = (await new AxeBuilder({ page }).analyze()).violations;
  assert.deepEqual(
    violations.map((v) => v.id),
    [],
  );
  await page.close();
});

test("typing the solution turns every task done, and a reload keeps it", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openLab(page);
  const tasks = page.locator("lab-workspace li[data-task]");
  assert.equal(await tasks.count(), 5);
  assert.equal(await page.locator('li[data-task][data-done="true"]').count(), 0);

  for (const line of [
    "kubectl get pods",
    forFirstPod("kubectl describe $pod"),
    forFirstPod("kubectl logs $pod --previous"),
    forFirstPod("lab answer find-pod $pod"),
    "lab answer root-cause invalid-exit-value",
    "kubectl set image deployment/web web=registry.example.com/shop/web:1.1",
  ])
    await typeLine(page, line);
  await page.locator('li[data-task="fix"][data-done="true"]').waitFor({ timeout: 60_000 });

  // The session runs on real time: the learner looks again two and a half minutes later. Stored
  // that way while the server is down, it is replayed when the page comes back.
  await server.stop();
  await typedLater(dataDir, context, "lab:invalid-exit-value", 150_000, "kubectl get pods\r");
  server = await startServer({ DATA_DIR: dataDir, PORT: new URL(server.url).port });
  await openLab(page);
  await page.locator('li[data-task="verify"][data-done="true"]').waitFor({ timeout: 60_000 });
  const screen = await page.locator("lab-workspace .xterm-rows").innerText();
  assert.equal(await page.locator('li[data-task][data-done="true"]').count(), 5, screen);
  assert.equal(await page.locator("[data-summary]").innerText(), "5/5 done");

  await page.reload();
  await page
    .locator('lab-workspace sandbox-terminal[data-state="ready"]')
    .waitFor({ timeout: 60_000 });
  await page.locator('li[data-task="verify"][data-done="true"]').waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('li[data-task][data-done="true"]').count(), 5);

  await page.goto(`${server.url}/labs/`);
  const mark = page.locator('[data-lab="invalid-exit-value"] [data-progress]');
  await mark.waitFor({ timeout: 30_000 });
  assert.equal(await mark.innerText(), "Done");
  assert.equal(await page.locator("[data-progress]:visible").count(), 1, "other labs unmarked");
  await context.close();
});

test("Check grades in the terminal; Hint shows the next rung beside the task", async () => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await openLab(page);
  await page.getByRole("button", { name: "Check" }).click();
  await page.waitForFunction(
    () =>
      /tasks: 0\/5 done/.test(
        document.querySelector("lab-workspace .xterm-rows")?.textContent ?? "",
      ),
    undefined,
    { timeout: 30_000 },
  );
  await page.locator('[data-task="find-pod"]').getByRole("button", { name: /Hint/ }).click();
  const hint = page.locator('[data-task="find-pod"] [data-hint-list] li');
  await hint.waitFor({ timeout: 30_000 });
  assert.match(await hint.innerText(), /STATUS and RESTARTS/);
  assert.match(await page.locator('[data-task="find-pod"] [data-hints]').innerText(), /^1$/);
  const violations = (await new AxeBuilder({ page }).exclude(".xterm").analyze()).violations;
  assert.deepEqual(
    violations.map((v) => v.id),
    [],
  );
  await context.close();
});

test("Reset starts the lab again with an empty checklist", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openLab(page);
  await typeLine(page, "lab answer root-cause invalid-exit-value");
  await page.locator('li[data-task="root-cause"][data-done="true"]').waitFor({ timeout: 30_000 });
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Reset" }).click();
  await page.locator('li[data-task="root-cause"][data-done="false"]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('li[data-task][data-done="true"]').count(), 0);
  await context.close();
});

test("the Files tab edits the lab's manifest in the session: kubectl apply sees the change", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/labs/git-init-container/`);
  await page
    .locator('lab-workspace sandbox-terminal[data-state="ready"]')
    .waitFor({ timeout: 60_000 });
  await page.getByRole("tab", { name: "Files" }).click();
  await page.getByRole("tab", { name: "deployment.yaml" }).click();
  const editor = page.locator("lab-workspace .monaco-editor");
  await editor.waitFor({ timeout: 60_000 });
  await page
    .locator("[data-editor-status]")
    .filter({ hasText: /Ctrl\+S saves/ })
    .waitFor();
  await editor.click();
  await page.keyboard.press("Control+H");
  await page.keyboard.type("acme/site-contnet.git");
  await page.keyboard.press("Tab");
  await page.keyboard.type("acme/site-content.git");
  await page.keyboard.press("Control+Alt+Enter");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+S");
  await page
    .locator("[data-editor-status]")
    .filter({ hasText: /Saved/i })
    .waitFor({ timeout: 30_000 });

  await page.getByRole("tab", { name: "Terminal" }).click();
  await typeLine(page, "kubectl apply -f deployment.yaml");
  await page.locator('li[data-task="fix"][data-done="true"]').waitFor({ timeout: 30_000 });
  await context.close();
});

test("on a phone, inline code in the instructions breaks only between words, and links reach the terminal", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/labs/runtime-failure/`);
  // A browser breaks after any hyphen: "find-" on one line and "pod" on the next reads as two words.
  const split = await page
    .locator(".instructions code")
    .evaluateAll((codes) =>
      codes.flatMap((code) =>
        [...code.querySelectorAll("span")]
          .filter((word) => word.getClientRects().length > 1)
          .map((word) => word.textContent),
      ),
    );
  assert.deepEqual(split, []);
  assert.ok((await page.locator(".instructions code span").count()) > 5, "words are measured");
  await page.getByRole("link", { name: "Go to the terminal" }).click();
  assert.equal(new URL(page.url()).hash, "#workspace");
  assert.ok(await page.locator("lab-workspace sandbox-terminal").isVisible());
  await page.getByRole("link", { name: "Back to the tasks" }).click();
  assert.equal(new URL(page.url()).hash, "#tasks-heading");
  await context.close();
});

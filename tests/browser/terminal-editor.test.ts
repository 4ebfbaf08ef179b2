import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { typeInTerminal, useTestBed, waitForTerminal, waitForTerminalText } from "./harness.ts";

/**
 * The lab's editor tab: Monaco with monaco-yaml validating manifests against the schema of the
 * objects the sandbox supports (src/components/editor/kubernetes-schema.ts), in a web worker.
 */
const LAB = "/labs/invalid-exit-value/";
const WORKSPACE = "lab-workspace";
const bed = useTestBed("terminal-editor");

const MARKERS = ".squiggly-error, .squiggly-warning";

/** Ctrl+H in Monaco: replace every `from` with `to` in the open file. */
async function replaceAll(page: Page, from: string, to: string): Promise<void> {
  await page.locator(`${WORKSPACE} .monaco-editor .view-lines`).click();
  await page.keyboard.press("Control+H");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(from);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(to);
  await page.keyboard.press("Control+Alt+Enter");
  await page.locator(`${WORKSPACE} .find-widget [aria-label^="Close"]`).click();
}

/** The message of the first problem, as F8 (Go to Next Problem) shows it. */
async function firstProblem(page: Page): Promise<string> {
  await page.locator(`${WORKSPACE} .monaco-editor .view-lines`).click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("F8");
  const widget = page.locator(`${WORKSPACE} .marker-widget`);
  await widget.waitFor({ timeout: 30_000 });
  const text = await widget.innerText();
  await page.keyboard.press("Escape");
  return text;
}

test("YAML validation: an unknown field or a wrong type gets a marker, a valid manifest none", async () => {
  const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const workerErrors: string[] = [];
  page.on("console", (message) => {
    if (/requestHandler|worker/i.test(message.text())) workerErrors.push(message.text());
  });
  page.on("pageerror", (error) => workerErrors.push(error.message));
  await page.goto(bed.server.url + LAB);
  await waitForTerminal(page, WORKSPACE, "ready");
  await page.getByRole("tab", { name: "Files" }).click();
  await page.getByRole("tab", { name: "deployment.yaml" }).click();
  await page.locator(`${WORKSPACE} .monaco-editor .view-lines`).waitFor({ timeout: 60_000 });

  await replaceAll(page, "image:", "imagee:");
  await page.locator(MARKERS).first().waitFor({ timeout: 30_000 });
  assert.match(await firstProblem(page), /Property imagee is not allowed|Missing property "image"/);

  await page.keyboard.press("Control+Z");
  await page.locator(MARKERS).first().waitFor({ state: "detached", timeout: 30_000 });
  assert.equal(await page.locator(MARKERS).count(), 0, "the lab's own manifest is valid");

  await replaceAll(page, "replicas: 3", "replicas: three");
  await page.locator(MARKERS).first().waitFor({ timeout: 30_000 });
  assert.match(await firstProblem(page), /Incorrect type\. Expected "integer"/);

  assert.deepEqual(workerErrors, [], "the YAML worker starts without errors");
  await context.close();
});

test("kubectl edit in the terminal opens the object in the Files tab by name; saving applies it", async () => {
  const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(bed.server.url + LAB);
  await waitForTerminal(page, WORKSPACE, "ready");
  await typeInTerminal(page, WORKSPACE, "kubectl edit deployment web");

  const tab = page.getByRole("tab", { name: "kubectl-edit-web.yaml" });
  await tab.waitFor({ timeout: 60_000 });
  assert.equal(await tab.getAttribute("aria-selected"), "true");
  assert.equal(await page.locator("#panel-files").isVisible(), true, "the Files panel is shown");
  await page.locator(`${WORKSPACE} .monaco-editor .view-lines`).waitFor({ timeout: 60_000 });
  await page
    .locator("[data-editor-status]")
    .filter({ hasText: /kubectl-edit-web\.yaml from the terminal/ })
    .waitFor();
  assert.match(
    await page.locator(`${WORKSPACE} .monaco-editor .view-lines`).innerText(),
    /kind:\s+Deployment/,
  );

  await replaceAll(page, "replicas: 3", "replicas: 1");
  await page.keyboard.press("Control+S");
  // The edit ends: back to the terminal, which says what kubectl did with it.
  await page.locator("#panel-terminal").waitFor({ state: "visible", timeout: 30_000 });
  await waitForTerminalText(page, WORKSPACE, /deployment\.apps\/web edited/);
  assert.equal(await tab.isVisible(), false, "the edit's tab is gone");
  await typeInTerminal(
    page,
    WORKSPACE,
    "kubectl get deployment web -o jsonpath='{.spec.replicas}'",
  );
  await waitForTerminalText(page, WORKSPACE, /jsonpath='\{\.spec\.replicas\}'\s*1/);
  await context.close();
});

test("vi FILE opens the file's own tab and writes it back; nano NEWFILE creates it", async () => {
  const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(bed.server.url + LAB);
  await waitForTerminal(page, WORKSPACE, "ready");
  await typeInTerminal(page, WORKSPACE, "vi deployment.yaml");
  const tab = page.getByRole("tab", { name: "deployment.yaml" });
  await page.locator("#panel-files").waitFor({ state: "visible", timeout: 60_000 });
  await page
    .locator("[data-editor-status]")
    .filter({ hasText: "/home/learner/deployment.yaml from the terminal" })
    .waitFor({ timeout: 60_000 });
  assert.equal(await tab.getAttribute("aria-selected"), "true");
  await replaceAll(page, "web:1.0", "web:1.1");
  await page.keyboard.press("Control+S");
  await page.locator("#panel-terminal").waitFor({ state: "visible", timeout: 30_000 });
  await page.waitForFunction(() =>
    document.activeElement?.classList.contains("xterm-helper-textarea"),
  );
  await typeInTerminal(page, WORKSPACE, "grep web: deployment.yaml");
  await waitForTerminalText(page, WORKSPACE, /image:\s+registry\.example\.com\/shop\/web:1\.1/);

  await typeInTerminal(page, WORKSPACE, "nano notes.txt");
  const newTab = page.getByRole("tab", { name: "/home/learner/notes.txt" });
  await newTab.waitFor({ timeout: 30_000 });
  await page.locator(`${WORKSPACE} .monaco-editor .view-lines`).click();
  await page.keyboard.type("pod web-1 exits 128");
  await page.getByRole("button", { name: "Save" }).click();
  await page.locator("#panel-terminal").waitFor({ state: "visible", timeout: 30_000 });
  await typeInTerminal(page, WORKSPACE, "cat notes.txt");
  await waitForTerminalText(page, WORKSPACE, /cat notes\.txt\s*pod\s+web-1\s+exits\s+128/);
  await context.close();
});

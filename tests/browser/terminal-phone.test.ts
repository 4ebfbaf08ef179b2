import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { BrowserContext } from "playwright-core";
import { typeInTerminal, useTestBed, waitForTerminal, waitForTerminalText } from "./harness.ts";

/** The terminal on a phone (390 x 844, an iPhone 14's viewport) and with a screen reader. */
const LESSON = "/lessons/what-exit-128-means/";
const LAB = "/labs/invalid-exit-value/";
const bed = useTestBed("terminal-phone");

function phone(colorScheme: "light" | "dark" = "light"): Promise<BrowserContext> {
  return bed.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    colorScheme,
  });
}

test("lesson on a phone: the dock's button is a bottom bar that hides no text; connecting, then ready; the prompt stays on screen", async () => {
  const context = await phone();
  const page = await context.newPage();
  await page.goto(bed.server.url + LESSON);
  const button = page.getByRole("button", { name: /Terminal/ });
  const bar = await button.boundingBox();
  assert.ok(bar && bar.width === 390 && bar.y + bar.height === 844, "a full-width bottom bar");
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const footer = await page.locator("body > footer, footer").last().boundingBox();
  const barAfterScroll = await button.boundingBox();
  assert.ok(
    footer && barAfterScroll && footer.y + footer.height <= barAfterScroll.y + 1,
    `the page's last line ends above the bar (${String(footer?.y)} + ${String(footer?.height)} vs ${String(barAfterScroll?.y)})`,
  );
  await page.screenshot({ path: join(tmpdir(), "terminal-phone-lesson.png") });

  // Every state the terminal shows, in order, from the moment the dock opens.
  await page.evaluate(() => {
    const element = document.querySelector("terminal-dock sandbox-terminal") as HTMLElement;
    const seen: string[] = [];
    (window as unknown as { terminalStates: string[] }).terminalStates = seen;
    new MutationObserver(() => {
      const status = element.querySelector("[data-status]")?.textContent ?? "";
      seen.push(`${element.dataset["state"] ?? ""}: ${status}`);
    }).observe(element, { attributes: true, attributeFilter: ["data-state"] });
  });
  await button.click();
  await waitForTerminal(page, "terminal-dock", "ready");
  const states = await page.evaluate(
    () => (window as unknown as { terminalStates: string[] }).terminalStates,
  );
  const connecting = states.findIndex((s) => /^connecting: Connecting to your sandbox/.test(s));
  const ready = states.findIndex((s) => /^ready: Connected/.test(s));
  assert.ok(connecting >= 0 && ready > connecting, states.join(" | "));

  await typeInTerminal(page, "terminal-dock", "kubectl get pods");
  await waitForTerminalText(page, "terminal-dock", /CrashLoopBackOff/);
  await page.screenshot({ path: join(tmpdir(), "terminal-phone-dock.png") });
  // A keyboard that takes the lower 40% of the screen (Android resizes the viewport).
  await page.setViewportSize({ width: 390, height: 500 });
  await page.waitForTimeout(300);
  const cursor = await page
    .locator("terminal-dock .xterm-cursor, terminal-dock .xterm-rows > div")
    .last()
    .boundingBox();
  assert.ok(cursor && cursor.y >= 0 && cursor.y + cursor.height <= 500, "the prompt is on screen");
  await context.close();
});

test("lab on a phone in dark mode: the terminal fits the width and uses a smaller font", async () => {
  const context = await phone("dark");
  const page = await context.newPage();
  await page.goto(bed.server.url + LAB);
  await page.locator("lab-workspace sandbox-terminal").scrollIntoViewIfNeeded();
  await waitForTerminal(page, "lab-workspace", "ready");
  await typeInTerminal(page, "lab-workspace", "kubectl get pods");
  await waitForTerminalText(page, "lab-workspace", /CrashLoopBackOff/);
  const screen = await page.locator("lab-workspace .xterm-screen").boundingBox();
  assert.ok(screen && screen.x >= 0 && screen.x + screen.width <= 390, "no sideways scroll");
  const fontSize = await page
    .locator("lab-workspace .xterm-rows")
    .evaluate((rows) => getComputedStyle(rows).fontSize);
  assert.equal(fontSize, "12px");
  await page.screenshot({ path: join(tmpdir(), "terminal-phone-lab-dark.png") });
  await context.close();
});

test("screen reader mode is announced and gives the rows to assistive technology", async () => {
  const context = await bed.browser.newContext();
  const page = await context.newPage();
  await page.goto(bed.server.url + LAB);
  await waitForTerminal(page, "lab-workspace", "ready");
  await typeInTerminal(page, "lab-workspace", "kubectl get pods");
  await waitForTerminalText(page, "lab-workspace", /CrashLoopBackOff/);
  const toggle = page.locator("lab-workspace").getByRole("button", { name: "Screen reader mode" });
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  const status = page.locator("lab-workspace sandbox-terminal [data-status]");
  assert.equal(await status.getAttribute("aria-live"), "polite");
  assert.match(await status.innerText(), /Screen reader mode on/);
  // xterm fills the accessibility tree's rows a moment after the tree itself is attached.
  const tree = page.locator("lab-workspace .xterm-accessibility-tree", {
    hasText: "kubectl get pods",
  });
  await tree.waitFor({ state: "attached", timeout: 10_000 });
  assert.match((await tree.textContent()) ?? "", /kubectl get pods/);

  // The choice is remembered for the next page.
  await page.reload();
  await waitForTerminal(page, "lab-workspace", "ready");
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  await page.locator("lab-workspace .xterm-accessibility-tree").waitFor({ state: "attached" });
  await context.close();
});

import AxeBuilder from "@axe-core/playwright";
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, startServer, type RunningServer } from "./harness.ts";

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser.close();
  await server.stop();
});

async function openQuestion(page: Page, id: string): Promise<void> {
  await page.goto(`${server.url}/interview/`);
  await page.getByLabel("Question", { exact: true }).selectOption(id);
}

test("answering a question shows highlights, missed points with lesson links, and a score", async () => {
  const page = await browser.newPage();
  await openQuestion(page, "exit-128-explain");
  assert.match(await page.locator(".prompt-text").innerText(), /exit code 128/i);
  const answer =
    "Exit code 128 usually means the container runtime failed to start the process. " +
    "137 means SIGTERM. " +
    "I would run dmesg on the node to look for cgroup errors.";
  await page.getByLabel("Your answer").fill(answer);
  await page.getByRole("button", { name: "Check my answer" }).click();

  const status = page.getByRole("status");
  await status.filter({ hasText: /Score \d+ out of 100/ }).waitFor();
  const score = Number(/Score: (\d+)/.exec(await page.locator(".score").innerText())?.[1]);
  assert.ok(score > 0 && score < 100, `score ${score}`);

  const covered = page.locator(".highlighted mark.hit-covered");
  assert.deepEqual(await covered.allInnerTexts(), [
    "Exit code 128 usually means the container runtime failed to start the process.",
    "I would run dmesg on the node to look for cgroup errors.",
  ]);
  // 137 is SIGKILL (128 + 9), so this sentence is marked as a misconception.
  assert.deepEqual(await page.locator(".highlighted mark.hit-wrong").allInnerTexts(), [
    "137 means SIGTERM.",
  ]);
  assert.match(await page.locator(".wrong-list").innerText(), /137 = SIGKILL/);

  const missedLinks = page.locator(".missed-list a");
  assert.ok((await missedLinks.count()) >= 4);
  const hrefs = await missedLinks.evaluateAll((links) =>
    links.map((link) => link.getAttribute("href")),
  );
  assert.ok(hrefs.includes("/lessons/troubleshooting-procedure/"), hrefs.join(" "));

  await page.getByText("Show the model answer").click();
  assert.match(await page.locator(".model-answer-text").innerText(), /StartError/);

  await page.locator(".history-list li").first().waitFor();
  assert.match(await page.locator(".history-list").innerText(), new RegExp(`score ${score}`));
  await page.close();
});

test("learner text is shown as text, never as HTML", async () => {
  const page = await browser.newPage();
  await openQuestion(page, "exit-128-explain");
  const hostile = "<img src=x onerror=\"document.title='owned'\"> I would check dmesg on the node.";
  await page.getByLabel("Your answer").fill(hostile);
  await page.getByRole("button", { name: "Check my answer" }).click();
  await page.locator(".highlighted mark").first().waitFor();
  assert.equal(await page.locator(".feedback img").count(), 0);
  assert.match(await page.locator(".highlighted").innerText(), /<img src=x/);
  assert.notEqual(await page.title(), "owned");
  await page.close();
});

test("a mock interview asks three questions and offers a follow-up on a missed point", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/interview/`);
  await page.getByRole("button", { name: "Mock interview (3 questions)" }).click();
  assert.match(await page.locator(".mock-progress").innerText(), /question 1 of 3/);
  assert.equal(await page.locator(".timer").isVisible(), true);
  await page.getByLabel("Your answer").fill("I am not sure.");
  await page.getByRole("button", { name: "Check my answer" }).click();
  await page.locator(".follow-up").waitFor();
  const followUp = await page.locator(".follow-up-text").innerText();
  await page.getByRole("button", { name: "Answer the follow-up" }).click();
  assert.equal(await page.locator(".prompt-text").innerText(), followUp);
  await page.getByRole("button", { name: "Next question" }).waitFor({ state: "hidden" });
  await page.getByLabel("Your answer").fill("Still not sure.");
  await page.getByRole("button", { name: "Check my answer" }).click();
  await page.getByRole("button", { name: "Next question" }).click();
  assert.match(await page.locator(".mock-progress").innerText(), /question 2 of 3/);
  await page.close();
});

test("the page with feedback has no accessibility violations, light and dark, on a phone", async () => {
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({
      colorScheme,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await openQuestion(page, "exit-128-explain");
    await page
      .getByLabel("Your answer")
      .fill("128 is OOM. I would run dmesg on the node and kubectl describe pod.");
    await page.getByRole("button", { name: "Check my answer" }).click();
    await page.locator(".highlighted mark").first().waitFor();
    const violations = (await new AxeBuilder({ page }).analyze()).violations;
    assert.deepEqual(
      violations.map(
        (violation) => `${violation.id}: ${violation.nodes[0]?.target.join(" ") ?? ""}`,
      ),
      [],
      colorScheme,
    );
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    assert.equal(overflow, false, `${colorScheme}: the page scrolls sideways on a phone`);
    await context.close();
  }
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
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

test("the health endpoint answers 200", async () => {
  const response = await fetch(`${server.url}/api/health`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { status: "ok" });
});

test("the home page lists the lessons", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  assert.match(await page.locator("h1").innerText(), /exit code 128/i);
  const link = page.getByRole("link", { name: "What exit code 128 means" });
  assert.equal(await link.count(), 1);
  await link.click();
  await page.waitForURL(/\/lessons\/what-exit-128-means\/$/);
  assert.equal(await page.locator("h1").innerText(), "What exit code 128 means");
  assert.match(await page.locator("article").innerText(), /StartError/);
  await page.close();
});

test("the theme toggle switches to dark and remembers it", async () => {
  const page = await browser.newPage({ colorScheme: "light" });
  await page.goto(`${server.url}/`);
  assert.equal(await page.locator("html").getAttribute("data-theme"), "light");
  await page.getByRole("button", { name: /dark theme/i }).click();
  assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
  await page.reload();
  assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
  await page.close();
});

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { test } from "node:test";
import { openSqlite } from "../../src/server/progress/sqlite-database.ts";
import { seedFirstVersion } from "../unit/server/progress/first-schema.ts";
import { useTestBed, waitForTerminal } from "./harness.ts";

/**
 * A data directory written by the first server (no schema versions, no `file` column): today's
 * server opens it, the learner finds their progress under the labs' and questions' titles, and
 * an editor save (the column that was missing) works.
 */
const learner = randomBytes(32).toString("base64url");
const bed = useTestBed("progress-browser", async (dataDir) => {
  const old = openSqlite(join(dataDir, "progress.sqlite"));
  await seedFirstVersion(old, learner);
  await old.close();
});

test("an old data directory opens: progress shows lab and question titles; editor saves work", async () => {
  const context = await bed.browser.newContext();
  await context.addCookies([{ name: "learner", value: learner, url: bed.server.url }]);
  const page = await context.newPage();
  await page.goto(`${bed.server.url}/progress/`);
  const posted = await page.evaluate(async () => {
    const response = await fetch("/api/interview/attempts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        questionId: "exit-128-explain",
        score: 70,
        answer: "The runtime could not start the process.",
        details: {},
      }),
    });
    return response.status;
  });
  assert.equal(posted, 201);

  await page.reload();
  await page.locator('progress-view[data-state="ready"]').waitFor({ timeout: 30_000 });
  assert.match(
    await page.locator('tr[data-lab="pid-limit"]').innerText(),
    /^Out of PIDs\s+1 of 5\s+1\s+started/,
  );
  assert.match(
    await page.locator('[data-interview] li[data-question="exit-128-explain"]').innerText(),
    /^What exit code 128 means and how to debug it: 70\/100 on /,
  );

  await page.goto(`${bed.server.url}/labs/pid-limit/`);
  await waitForTerminal(page, "lab-workspace", "ready");
  await page.getByRole("tab", { name: "Files" }).click();
  await page.getByRole("tab", { name: "deployment.yaml" }).click();
  await page.locator("lab-workspace .monaco-editor .view-lines").click({ timeout: 60_000 });
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\n# checked");
  await page.keyboard.press("Control+S");
  await page
    .locator("[data-editor-status]")
    .filter({ hasText: /^Saved / })
    .waitFor({ timeout: 30_000 });
  await context.close();
});

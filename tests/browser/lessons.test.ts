import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { after, before, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { parse } from "yaml";
import {
  diagnosticFlow,
  flowStart,
  flowStep,
} from "../../src/components/lesson/diagnostic-flow.ts";
import { lessonIds, lessonSource } from "../unit/content/lesson-files.ts";
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

function frontmatter(id: string): { title: string; objectives: string[] } {
  const match = /^---\n([\s\S]*?)\n---/.exec(lessonSource(id));
  return parse(match?.[1] ?? "") as { title: string; objectives: string[] };
}

const ids = lessonIds();
const procedure = "/lessons/troubleshooting-procedure/";
/** The command blocks of the procedure's numbered steps (the diagnostic flow above has its own). */
const procedureSteps = "article.lesson > command-block";
const placeholders = ["<pod-name>", "<node-name>", "<other-node>", "<image>"];
const values = {
  pod: "web-1",
  node: "node-2",
  otherNode: "node-1",
  image: "shop/web:1.0",
  namespace: "shop",
};

async function fillVariables(page: Page): Promise<void> {
  await page.getByLabel("Your pod").fill(values.pod);
  await page.getByLabel("Its node").fill(values.node);
  await page.getByLabel("A healthy node").fill(values.otherNode);
  await page.getByLabel("Its image").fill(values.image);
  await page.getByLabel("Namespace").fill(values.namespace);
}

test("every lesson renders with its title, objectives and working links to its neighbours", async () => {
  assert.equal(ids.length, 14);
  const page = await browser.newPage();
  for (const id of ids) {
    const { title, objectives } = frontmatter(id);
    const response = await page.goto(`${server.url}/lessons/${id}/`);
    assert.equal(response?.status(), 200, id);
    assert.equal(await page.locator("h1").innerText(), title);
    for (const objective of objectives) {
      assert.equal(
        await page.locator(".objectives li", { hasText: objective }).count(),
        1,
        `${id}: ${objective}`,
      );
    }
    assert.ok((await page.locator("self-check").count()) >= 1, `${id} has a self-check`);
    const lab = page.locator(".lab-link a");
    if ((await lab.count()) > 0) {
      const href = await lab.getAttribute("href");
      const labPage = await fetch(`${server.url}${href ?? ""}`);
      assert.equal(labPage.status, 200, `${id} links ${href ?? ""}`);
    }
    assert.equal(
      await page
        .locator("a[aria-current=page]")
        .innerText()
        .then((text) => text.length > 0),
      true,
    );
  }
  await page.close();
});

test("the outline marks lessons visited, lessons finished and labs done, and previous/next follow the course", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route("**/api/progress", (route) =>
    route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({
        labs: [
          {
            labId: "exec-failure",
            tasksDone: ["a"],
            tasksTotal: 1,
            hintsUsed: 0,
            startedAt: 1,
            finishedAt: 2,
          },
        ],
        interviewAttempts: [],
      }),
    }),
  );
  const page = await context.newPage();
  await page.goto(`${server.url}/lessons/what-exit-128-means/`);
  const outline = page.getByRole("navigation", { name: "Lessons" });
  const first = outline.locator("li[data-lesson=what-exit-128-means]");
  // Opened but not read to the end: visited, not finished.
  assert.match(await first.innerText(), /\(visited\)/);
  await page.getByRole("navigation", { name: "Previous and next lesson" }).scrollIntoViewIfNeeded();
  await first.locator(".state", { hasText: "(finished)" }).waitFor();
  assert.equal(
    await page.locator("lesson-sidebar [role=status]").innerText(),
    "Lesson marked as finished in the course outline.",
  );
  await page.getByRole("link", { name: /^Next/ }).click();
  await page.waitForURL(/\/lessons\/container-status\/$/);
  assert.match(await first.innerText(), /\(finished\)/);
  const second = outline.locator("li[data-lesson=container-status]");
  assert.match(await second.innerText(), /\(visited\)/);
  assert.doesNotMatch(await second.innerText(), /\(finished\)/);
  const unseen = await outline.locator("li[data-lesson=symptoms]").innerText();
  assert.doesNotMatch(unseen, /\((visited|finished)\)/);
  await outline.locator("li[data-lesson=cause-exec-failure].lab-done").waitFor();
  assert.match(
    await outline.locator("li[data-lesson=cause-exec-failure]").innerText(),
    /\(lab done\)/,
  );
  // The marks are in the link's accessible name, so a screen reader reads them with the title.
  await outline.getByRole("link", { name: /What exit code 128 means \(finished\)/ }).waitFor();
  await page.getByRole("link", { name: /^Previous/ }).click();
  await page.waitForURL(/\/lessons\/what-exit-128-means\/$/);
  await context.close();
});

test("the runbook variables change every command on the procedure page and are kept for the visit", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}${procedure}`);
  const before = await page
    .locator("li.command")
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset["command"] ?? ""));
  const withPlaceholder = before.filter((command) => placeholders.some((p) => command.includes(p)));
  assert.ok(
    withPlaceholder.length >= 25,
    `only ${String(withPlaceholder.length)} commands use variables`,
  );
  await fillVariables(page);
  const after = await page
    .locator("li.command")
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset["command"] ?? ""));
  assert.equal(after.length, before.length);
  for (const [index, command] of after.entries()) {
    for (const placeholder of placeholders) assert.ok(!command.includes(placeholder), command);
    if (before[index]?.includes("<pod-name>")) assert.ok(command.includes(" web-1"), command);
    if (before[index]?.includes("<node-name>")) assert.ok(command.includes("node-2"), command);
    if (before[index]?.includes("<image>")) assert.ok(command.includes("shop/web:1.0"), command);
    if (/^kubectl (describe|logs|get) pods? /.test(before[index] ?? ""))
      assert.ok(command.startsWith("kubectl -n shop "), command);
  }
  // What the learner sees is what the buttons use.
  const shown = await page.locator(`${procedureSteps} li.command pre`).first().innerText();
  assert.equal(shown, "kubectl -n shop describe pod web-1");
  // Another lesson of the same visit uses them too.
  await page.goto(`${server.url}/lessons/symptoms/`);
  const first = page.locator("li.command", { hasText: "describe pod" }).first();
  assert.equal(await first.getAttribute("data-command"), "kubectl -n shop describe pod web-1");
  await page.close();
});

test("Copy puts the exact command on the clipboard", async () => {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(`${server.url}${procedure}`);
  await fillVariables(page);
  const item = page
    .locator(`${procedureSteps} li.command`, { hasText: "--profile=general" })
    .first();
  await item.getByRole("button", { name: "Copy command" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(
    copied,
    `kubectl debug node/node-2 -it --image=ubuntu --profile=general -- bash -c "chroot /host journalctl -u containerd --since '30 minutes ago' --no-pager | grep -i 'error\\|exit\\|kill'"`,
  );
  await item
    .locator("xpath=ancestor::command-block")
    .getByRole("status")
    .filter({ hasText: "Command copied" })
    .waitFor();
  await context.close();
});

test("Run in terminal asks for missing values, then hands the command to the terminal dock", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}${procedure}`);
  await page.evaluate(() => {
    document.addEventListener("sandbox:run-command", (event) => {
      (window as unknown as { ran: unknown }).ran = (
        event as CustomEvent<{ command: string }>
      ).detail.command;
    });
  });
  const run = page
    .locator(`${procedureSteps} li.command`)
    .first()
    .getByRole("button", { name: "Run in terminal" });
  await run.click();
  // <pod-name> is still empty: nothing is sent, the pod field gets the focus and a message says why.
  assert.equal(await page.evaluate(() => (window as unknown as { ran?: unknown }).ran), undefined);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "pod");
  await page
    .locator("command-block [role=status]")
    .filter({ hasText: "Fill in <pod-name>" })
    .first()
    .waitFor();
  await page.keyboard.type("web-1");
  await run.click();
  assert.equal(
    await page.evaluate(() => (window as unknown as { ran: unknown }).ran),
    "kubectl describe pod web-1",
  );
  await page.close();
});

/** The answers that lead from the start to an outcome, found in the flow's data. */
function answersTo(outcome: string): ("Yes" | "No")[] {
  const search = (id: string, path: ("Yes" | "No")[]): ("Yes" | "No")[] | undefined => {
    if (id === outcome) return path;
    const step = flowStep(id);
    if (step.kind === "outcome") return undefined;
    return search(step.yes, [...path, "Yes"]) ?? search(step.no, [...path, "No"]);
  };
  const path = search(flowStart, []);
  assert.ok(path, `no path to ${outcome}`);
  return path;
}

test("the diagnostic flow reaches every cause lesson, with the keyboard", async () => {
  const causes = ids.filter((id) => id.startsWith("cause-"));
  const page = await browser.newPage();
  await page.goto(`${server.url}${procedure}`);
  const flow = page.locator("diagnostic-flow");
  for (const cause of causes) {
    const outcome = diagnosticFlow.find((step) => step.kind === "outcome" && step.lesson === cause);
    assert.ok(outcome, `the flow has no outcome for ${cause}`);
    await flow.getByRole("button", { name: "Start over" }).click();
    for (const answer of answersTo(outcome.id)) {
      const button = flow
        .locator(".step:not([hidden])")
        .getByRole("button", { name: answer, exact: true });
      await button.focus();
      await page.keyboard.press("Enter");
    }
    const visible = flow.locator(".step:not([hidden])");
    assert.equal(await visible.count(), 1);
    assert.equal(await visible.getByRole("link").getAttribute("href"), `/lessons/${cause}/`);
    // Focus follows the step so a keyboard or screen reader user lands on the answer.
    assert.equal(
      await page.evaluate(() => document.activeElement?.classList.contains("step-question")),
      true,
    );
  }
  await page.close();
});

test("a flow step's command has Copy and Run in terminal, with the runbook variables", async () => {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(`${server.url}${procedure}`);
  await fillVariables(page);
  await page.evaluate(() => {
    document.addEventListener("sandbox:run-command", (event) => {
      (window as unknown as { ran: unknown }).ran = (
        event as CustomEvent<{ command: string }>
      ).detail.command;
    });
  });
  const start = flowStep(flowStart);
  const command = start.kind === "question" ? start.command : undefined;
  assert.equal(command, "kubectl logs <pod-name> --previous");
  const expected = `kubectl -n ${values.namespace} logs ${values.pod} --previous`;
  const step = page.locator(`diagnostic-flow #flow-${flowStart}`);
  assert.equal(await step.locator("li.command pre").innerText(), expected);
  await step.getByRole("button", { name: "Copy command" }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  await step.getByRole("button", { name: "Run in terminal" }).click();
  assert.equal(await page.evaluate(() => (window as unknown as { ran: unknown }).ran), expected);
  await context.close();
});

test("without JavaScript the flow is a list of steps whose answers link to the next step", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}${procedure}`);
  const steps = page.locator("diagnostic-flow .step");
  assert.equal(await steps.count(), diagnosticFlow.length);
  const start = flowStep(flowStart);
  assert.equal(start.kind, "question");
  await page.locator(`#flow-${flowStart}`).getByRole("link", { name: "Yes", exact: true }).click();
  assert.equal(new URL(page.url()).hash, `#flow-${start.yes}`);
  // Nothing that needs a script to work is shown: no command buttons, no variables form.
  assert.equal(await page.locator("button:visible").count(), 0);
  await context.close();
});

test("quizzes give per-answer feedback in a live region, and list the answer without JavaScript", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/lessons/what-exit-128-means/`);
  const quiz = page.locator("self-check").first();
  await quiz.getByRole("button", { name: /runtime could not start it/ }).click();
  const feedback = quiz.locator("[aria-live=polite]");
  assert.match(await feedback.innerText(), /^Not quite\. .*128/);
  await quiz.getByRole("button", { name: /SIGTERM/ }).click();
  assert.match(await feedback.innerText(), /^Correct\. 143 = 128 \+ 15/);
  await page.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(`${server.url}/lessons/what-exit-128-means/`);
  const first = plain.locator(".quiz").first();
  assert.equal(await first.locator("li").count(), 3);
  await first.locator("summary").click();
  assert.match(await first.locator("details").innerText(), /SIGTERM/);
  await context.close();
});

test("search finds StartError", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/search/?q=StartError`);
  const results = page.locator(".results li a");
  await results.first().waitFor({ timeout: 15_000 });
  const hrefs = await results.evaluateAll((links) =>
    links.map((link) => (link as HTMLAnchorElement).pathname),
  );
  assert.ok(hrefs.includes("/lessons/container-status/"), hrefs.join(" "));
  assert.match(await page.locator("site-search [role=status]").innerText(), /pages match/);
  await page.close();
});

test("a lesson page ships at most 60 KB of gzipped JavaScript before the terminal opens, and no Monaco", async () => {
  const page = await browser.newPage();
  const scripts: { url: string; bytes: number }[] = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.push({ url: response.url(), bytes: gzipSync(await response.body()).length });
  });
  await page.goto(`${server.url}${procedure}`, { waitUntil: "networkidle" });
  const inline = await page
    .locator("script:not([src])")
    .evaluateAll((nodes) => nodes.map((node) => node.textContent));
  const inlineBytes = inline.reduce((sum, text) => sum + gzipSync(text).length, 0);
  const total = scripts.reduce((sum, script) => sum + script.bytes, 0) + inlineBytes;
  assert.ok(
    total <= 60 * 1024,
    `${String(total)} bytes: ${scripts.map((s) => `${s.url} ${String(s.bytes)}`).join(", ")}`,
  );
  assert.deepEqual(
    scripts.filter((script) => /monaco|xterm/i.test(script.url)).map((script) => script.url),
    [],
  );
  await page.close();
});

test("no axe violations (WCAG 2.2 AA) on the lesson pages, the home page and search, light and dark", async () => {
  const paths = ["/", "/search/?q=StartError", ...ids.map((id) => `/lessons/${id}/`)];
  const failures: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      if (path.startsWith("/search")) await page.locator(".results li").first().waitFor();
      assert.equal(await page.locator("html").getAttribute("data-theme"), colorScheme);
      const result = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      for (const violation of result.violations) {
        failures.push(
          `${colorScheme} ${path}: ${violation.id} ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        );
      }
    }
    await context.close();
  }
  assert.deepEqual(failures, []);
});

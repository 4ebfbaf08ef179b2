import AxeBuilder from "@axe-core/playwright";
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { checkAnswer } from "../../src/grading/interview/check-answer.ts";
import { loadQuestions } from "../../src/grading/interview/load-content.ts";
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

test("at 1280 px the question picker has its own row and both mode buttons sit on one line", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/interview/`);
  const random = await page.getByRole("button", { name: "Random question" }).boundingBox();
  const mock = await page
    .getByRole("button", { name: "Mock interview (3 questions)" })
    .boundingBox();
  const select = await page.getByLabel("Question", { exact: true }).boundingBox();
  assert.ok(random && mock && select);
  assert.equal(mock.y, random.y, "the two buttons share a row");
  assert.equal(Math.round(mock.height), Math.round(random.height), "the mock label does not wrap");
  assert.ok(random.y >= select.y + select.height, "the buttons are below the picker");
  await page.close();
});

test("history lists each attempt's findings and the overview has attempts, best and latest", async () => {
  const page = await browser.newPage();
  await openQuestion(page, "tell-126-127-128");
  const answer = page.getByLabel("Your answer");
  const check = page.getByRole("button", { name: "Check my answer" });
  await answer.fill("127 means command not found.");
  await check.click();
  await page.locator(".history-list li").first().waitFor();
  await answer.fill("127 means command not found. 126 means found but not executable.");
  await check.click();
  await page.locator(".history-list li").nth(1).waitFor();
  const items = await page.locator(".history-list li").allInnerTexts();
  assert.match(items[0] ?? "", /1 of 4 key points, 0 misconceptions/);
  assert.match(items[1] ?? "", /2 of 4 key points, 0 misconceptions/);
  const [first, second] = items.map((item) => Number(/score (\d+)/.exec(item)?.[1]));
  assert.ok(first !== undefined && second !== undefined && second > first);
  const row = page.locator('.overview tr[data-question="tell-126-127-128"]');
  assert.equal(await row.getAttribute("aria-current"), "true");
  assert.equal(await row.locator(".attempts").innerText(), "2");
  assert.equal(await row.locator(".best").innerText(), String(second));
  assert.equal(await row.locator(".last").innerText(), String(second));
  // The overview's links switch questions in place.
  await page.locator('.overview tr[data-question="prevention"] a').click();
  assert.equal(await page.getByLabel("Question", { exact: true }).inputValue(), "prevention");
  await page.close();
});

test("without speech recognition there is no Dictate button and the help says to type", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const scope = window as unknown as Record<string, unknown>;
    delete scope["SpeechRecognition"];
    delete scope["webkitSpeechRecognition"];
  });
  const page = await context.newPage();
  await openQuestion(page, "exit-128-explain");
  assert.equal(await page.getByRole("button", { name: "Dictate" }).count(), 0);
  assert.match(await page.locator("#iv-answer-help").innerText(), /no speech recognition/);
  await page.getByLabel("Your answer").fill("I would run dmesg on the node.");
  await page.getByRole("button", { name: "Check my answer" }).click();
  await page.locator(".highlighted mark").first().waitFor();
  await context.close();
});

/** A stand-in for the Web Speech API: hears `phrases`, or fails with `error`. */
function fakeRecognition(options: { phrases: string[]; error?: string }): void {
  class FakeRecognition {
    lang = "";
    continuous = false;
    interimResults = false;
    onresult: ((event: unknown) => void) | null = null;
    onerror: ((event: { error: string }) => void) | null = null;
    onend: (() => void) | null = null;
    start(): void {
      setTimeout(() => {
        if (options.error !== undefined) this.onerror?.({ error: options.error });
        else {
          const results = options.phrases.map((transcript) => ({
            isFinal: true,
            0: { transcript },
          }));
          this.onresult?.({ resultIndex: 0, results });
        }
        this.onend?.();
      }, 50);
    }
    stop(): void {
      this.onend?.();
    }
  }
  const scope = window as unknown as Record<string, unknown>;
  scope["SpeechRecognition"] = FakeRecognition;
  scope["webkitSpeechRecognition"] = FakeRecognition;
}

test("dictation appends the transcript to the editable answer; the checker reads spoken forms", async () => {
  const context = await browser.newContext();
  await context.addInitScript(fakeRecognition, {
    phrases: ["so one thirty seven is sig kill", "I would check d message on the node"],
  });
  const page = await context.newPage();
  await openQuestion(page, "exit-128-explain");
  const answer = page.getByLabel("Your answer");
  await answer.fill("First,");
  await page.getByRole("button", { name: "Dictate" }).click();
  await page.getByRole("button", { name: "Dictate", pressed: false }).waitFor();
  assert.equal(
    await answer.inputValue(),
    "First, so one thirty seven is sig kill I would check d message on the node",
  );
  await page.getByRole("button", { name: "Check my answer" }).click();
  await page.locator(".highlighted mark").first().waitFor();
  const covered = await page.locator(".covered-list").innerText();
  assert.match(covered, /dmesg/);
  assert.match(covered, /137 = SIGKILL/);
  await context.close();
});

test("a speech service that cannot be reached gives a message and leaves typing working", async () => {
  const context = await browser.newContext();
  await context.addInitScript(fakeRecognition, { phrases: [], error: "network" });
  const page = await context.newPage();
  await openQuestion(page, "exit-128-explain");
  await page.getByRole("button", { name: "Dictate" }).click();
  await page
    .getByRole("status")
    .filter({ hasText: /not reachable. Type your answer/ })
    .waitFor();
  assert.equal(
    await page.getByRole("button", { name: "Dictate" }).getAttribute("aria-pressed"),
    "false",
  );
  assert.equal(await page.getByLabel("Your answer").isEditable(), true);
  await context.close();
});

test("a mock interview's follow-up asks about the key point the answer missed", async () => {
  const questions = loadQuestions();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/interview/`);
  await page.getByRole("button", { name: "Mock interview (3 questions)" }).click();
  const id = await page.getByLabel("Question", { exact: true }).inputValue();
  const question = questions.get(id);
  assert.ok(question, id);
  // The model answer without the sentences that cover the first follow-up's key point: the
  // first follow-up whose point was missed is asked.
  const target = question.followUps[0];
  assert.ok(target);
  const model = checkAnswer(question, question.modelAnswer);
  const kept = model.units
    .filter(
      (_, index) => !model.hits.some((hit) => hit.unit === index && hit.id === target.keyPoint),
    )
    .map((unit) => unit.text)
    .join(" ");
  assert.notEqual(kept, "");
  assert.ok(checkAnswer(question, kept).missed.includes(target.keyPoint));
  await page.getByLabel("Your answer").fill(kept);
  await page.getByRole("button", { name: "Check my answer" }).click();
  await page.locator(".follow-up").waitFor();
  assert.equal(await page.locator(".follow-up-text").innerText(), target.question);
  // The full model answer misses nothing, so no follow-up is offered.
  await page
    .getByRole("button", { name: "Next question" })
    .click()
    .catch(() => undefined);
  const nextId = await page.getByLabel("Question", { exact: true }).inputValue();
  const next = questions.get(nextId);
  assert.ok(next);
  await page.getByLabel("Your answer").fill(next.modelAnswer);
  await page.getByRole("button", { name: "Check my answer" }).click();
  await page.locator(".highlighted mark").first().waitFor();
  assert.equal(await page.locator(".follow-up").isHidden(), true);
  await context.close();
});

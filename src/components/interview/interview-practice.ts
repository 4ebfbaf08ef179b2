/**
 * <interview-practice>: picks a question (chosen, random, or a mock interview of three with
 * follow-ups on what was missed), takes a typed or dictated answer, runs the checker in the
 * browser and shows the feedback. Learner text is only ever inserted as DOM text nodes.
 */
import { checkAnswer, type CheckResult } from "../../grading/interview/check-answer.ts";
import type { InterviewQuestion } from "../../schemas/interview.ts";
import { AttemptHistory, summarise, type Attempt } from "./attempt-history.ts";
import { speechRecognitionAvailable, startDictation } from "./speech-input.ts";

const timerSeconds = 120;
const mockLength = 3;

interface MockInterview {
  readonly questions: readonly InterviewQuestion[];
  index: number;
  /** The follow-up being answered, if any. */
  followUp: string | undefined;
  readonly scores: number[];
}

function element<T extends HTMLElement>(
  root: ParentNode,
  selector: string,
  type: abstract new () => T,
): T {
  const found = root.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`interview-practice: missing ${selector}`);
  return found;
}

function textElement(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

class InterviewPractice extends HTMLElement {
  #questions: InterviewQuestion[] = [];
  #current: InterviewQuestion | undefined;
  #mock: MockInterview | undefined;
  #history = new AttemptHistory("/");
  #stopDictation: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #secondsLeft = timerSeconds;

  connectedCallback(): void {
    const data = element(this, "script[data-questions]", HTMLScriptElement).textContent;
    this.#questions = JSON.parse(data) as InterviewQuestion[];
    this.#history = new AttemptHistory(this.dataset["base"] ?? "/");
    const select = element(this, "#iv-question", HTMLSelectElement);
    select.addEventListener("change", () => {
      this.#mock = undefined;
      this.#show(select.value);
    });
    element(this, "[data-action=random]", HTMLElement).addEventListener("click", () => {
      this.#mock = undefined;
      const others = this.#questions.filter((question) => question.id !== this.#current?.id);
      const next = shuffled(others)[0];
      if (next) this.#show(next.id);
    });
    element(this, "[data-action=mock]", HTMLElement).addEventListener("click", () =>
      this.#startMock(),
    );
    element(this, "[data-action=follow-up]", HTMLElement).addEventListener("click", () =>
      this.#askFollowUp(),
    );
    element(this, "[data-action=next]", HTMLElement).addEventListener("click", () =>
      this.#nextMockQuestion(),
    );
    element(this, "form", HTMLFormElement).addEventListener("submit", (event) => {
      event.preventDefault();
      this.#check();
    });
    element(this, "[data-timer]", HTMLInputElement).addEventListener("change", (event) => {
      if ((event.target as HTMLInputElement).checked) this.#startTimer();
      else this.#stopTimer();
    });
    for (const link of this.querySelectorAll<HTMLAnchorElement>(".overview a")) {
      link.addEventListener("click", (event) => {
        const id = link.closest("tr")?.dataset["question"];
        if (id === undefined) return;
        event.preventDefault();
        this.#mock = undefined;
        this.#show(id);
        element(this, "#iv-question", HTMLSelectElement).focus();
      });
    }
    this.#setUpDictation();
    const requested = new URLSearchParams(location.search).get("question");
    const initial = this.#questions.find((question) => question.id === requested);
    this.#show(initial?.id ?? this.#questions[0]?.id ?? "");
  }

  disconnectedCallback(): void {
    this.#stopTimer();
    this.#stopDictation?.();
  }

  #status(message: string): void {
    element(this, ".status", HTMLElement).textContent = message;
  }

  #show(questionId: string, prompt?: string): void {
    const question = this.#questions.find((candidate) => candidate.id === questionId);
    if (!question) return;
    this.#current = question;
    element(this, "#iv-question", HTMLSelectElement).value = question.id;
    element(this, ".prompt-text", HTMLElement).textContent = prompt ?? question.prompt;
    element(this, "#iv-answer", HTMLTextAreaElement).value = "";
    element(this, ".feedback", HTMLElement).hidden = true;
    this.#status("");
    this.#renderMockProgress();
    if (element(this, "[data-timer]", HTMLInputElement).checked) this.#startTimer();
    void this.#renderHistory();
  }

  #renderMockProgress(): void {
    const progress = element(this, ".mock-progress", HTMLElement);
    const mock = this.#mock;
    progress.hidden = mock === undefined;
    if (!mock) return;
    progress.textContent =
      `Mock interview: question ${mock.index + 1} of ${mock.questions.length}` +
      (mock.followUp === undefined ? "" : " (follow-up)");
  }

  #startMock(): void {
    const questions = shuffled(this.#questions).slice(0, mockLength);
    this.#mock = { questions, index: 0, followUp: undefined, scores: [] };
    element(this, "[data-timer]", HTMLInputElement).checked = true;
    const first = questions[0];
    if (first) this.#show(first.id);
    element(this, "#iv-answer", HTMLTextAreaElement).focus();
  }

  #askFollowUp(): void {
    const mock = this.#mock;
    const text = element(this, ".follow-up-text", HTMLElement).textContent;
    if (!mock || !this.#current) return;
    mock.followUp = text;
    this.#show(this.#current.id, text);
    element(this, "#iv-answer", HTMLTextAreaElement).focus();
  }

  #nextMockQuestion(): void {
    const mock = this.#mock;
    if (!mock) return;
    mock.index++;
    mock.followUp = undefined;
    const next = mock.questions[mock.index];
    if (next) {
      this.#show(next.id);
      element(this, "#iv-answer", HTMLTextAreaElement).focus();
      return;
    }
    const average = Math.round(
      mock.scores.reduce((sum, score) => sum + score, 0) / Math.max(1, mock.scores.length),
    );
    this.#mock = undefined;
    this.#renderMockProgress();
    element(this, "[data-action=next]", HTMLButtonElement).hidden = true;
    this.#status(
      `Mock interview finished: scores ${mock.scores.join(", ")}; average ${average} out of 100.`,
    );
  }

  #check(): void {
    const question = this.#current;
    if (!question) return;
    const answer = element(this, "#iv-answer", HTMLTextAreaElement).value;
    if (answer.trim() === "") {
      this.#status("Write or dictate an answer first.");
      return;
    }
    let result: CheckResult;
    try {
      result = checkAnswer(question, answer);
    } catch (error) {
      this.#status((error as Error).message);
      return;
    }
    this.#stopTimer();
    this.#stopDictation?.();
    this.#renderFeedback(question, answer, result);
    this.#status(
      `Score ${result.score} out of 100: ${result.covered.length} of ${question.keyPoints.length} ` +
        `key points covered, ${result.misconceptions.length} misconception` +
        `${result.misconceptions.length === 1 ? "" : "s"}.`,
    );
    void this.#history
      .add(question.id, result.score, answer, {
        covered: result.covered,
        missed: result.missed,
        misconceptions: result.misconceptions,
      })
      .then(() => this.#renderHistory());
  }

  #renderFeedback(question: InterviewQuestion, answer: string, result: CheckResult): void {
    const feedback = element(this, ".feedback", HTMLElement);
    feedback.hidden = false;
    element(this, ".score", HTMLElement).textContent = `Score: ${result.score} / 100`;
    this.#renderHighlights(question, answer, result);

    const covered = element(this, ".covered-list", HTMLElement);
    covered.replaceChildren(
      ...result.covered.map((id) => {
        const point = question.keyPoints.find((candidate) => candidate.id === id);
        const item = textElement("li", point?.statement ?? id);
        item.append(textElement("span", `“${result.evidence[id] ?? ""}”`, "evidence"));
        return item;
      }),
    );
    if (result.covered.length === 0) covered.append(textElement("li", "None yet."));

    const missed = element(this, ".missed-list", HTMLElement);
    const base = this.dataset["base"] ?? "/";
    missed.replaceChildren(
      ...result.missed.map((id) => {
        const point = question.keyPoints.find((candidate) => candidate.id === id);
        const item = textElement("li", `${point?.statement ?? id} `);
        if (point) {
          const link = textElement("a", "Read the lesson");
          link.setAttribute("href", `${base}lessons/${point.lesson}/`);
          item.append(link);
        }
        return item;
      }),
    );
    if (result.missed.length === 0) missed.append(textElement("li", "None: every key point."));

    const wrong = element(this, ".wrong-list", HTMLElement);
    wrong.replaceChildren(
      ...result.misconceptions.map((id) => {
        const item = question.misconceptions.find((candidate) => candidate.id === id);
        const entry = textElement("li", "");
        entry.append(textElement("strong", item?.statement ?? id));
        entry.append(textElement("span", `You said: “${result.evidence[id] ?? ""}”`, "evidence"));
        entry.append(textElement("span", item?.whyWrong ?? ""));
        return entry;
      }),
    );
    if (result.misconceptions.length === 0) wrong.append(textElement("li", "None."));

    element(this, ".model-answer-text", HTMLElement).textContent = question.modelAnswer;
    element(this, ".model-answer", HTMLDetailsElement).open = false;
    this.#renderFollowUp(question, result);
  }

  /** The answer again, with each sentence that covers a point or states a misconception marked. */
  #renderHighlights(question: InterviewQuestion, answer: string, result: CheckResult): void {
    const container = element(this, ".highlighted", HTMLElement);
    const nodes: Node[] = [];
    let position = 0;
    result.units.forEach((unit, index) => {
      const hits = result.hits.filter((hit) => hit.unit === index);
      if (hits.length === 0) return;
      nodes.push(document.createTextNode(answer.slice(position, unit.start)));
      const wrong = hits.some((hit) => hit.kind === "misconception");
      const mark = textElement("mark", unit.text, wrong ? "hit-wrong" : "hit-covered");
      const labels = hits.map((hit) =>
        hit.kind === "key-point"
          ? `covers: ${hit.id}`
          : `misconception: ${question.misconceptions.find((item) => item.id === hit.id)?.statement ?? hit.id}`,
      );
      mark.title = labels.join("; ");
      mark.dataset["ids"] = hits.map((hit) => hit.id).join(" ");
      nodes.push(mark);
      nodes.push(textElement("span", ` (${labels.join("; ")})`, "visually-hidden"));
      position = unit.end;
    });
    nodes.push(document.createTextNode(answer.slice(position)));
    container.replaceChildren(...nodes);
  }

  #renderFollowUp(question: InterviewQuestion, result: CheckResult): void {
    const box = element(this, ".follow-up", HTMLElement);
    const next = element(this, "[data-action=next]", HTMLButtonElement);
    const mock = this.#mock;
    if (!mock) {
      box.hidden = true;
      next.hidden = true;
      return;
    }
    if (mock.followUp === undefined) mock.scores.push(result.score);
    const followUp = question.followUps.find((candidate) =>
      result.missed.includes(candidate.keyPoint),
    );
    box.hidden = mock.followUp !== undefined || followUp === undefined;
    element(this, ".follow-up-text", HTMLElement).textContent = followUp?.question ?? "";
    next.hidden = false;
    next.textContent = mock.index + 1 < mock.questions.length ? "Next question" : "Finish";
  }

  async #renderHistory(): Promise<void> {
    const question = this.#current;
    if (!question) return;
    const everything = await this.#history.list();
    if (question !== this.#current) return;
    const attempts = everything.filter((attempt) => attempt.questionId === question.id);
    const list = element(this, ".history-list", HTMLElement);
    list.replaceChildren(...attempts.map((attempt) => this.#attemptItem(question, attempt)));
    element(this, ".history-note", HTMLElement).textContent =
      attempts.length === 0
        ? "No attempts yet."
        : this.#history.store === "server"
          ? "Saved with your progress."
          : "Saved in this browser only.";
    this.#renderOverview(everything);
  }

  #attemptItem(question: InterviewQuestion, attempt: Attempt): HTMLElement {
    const item = textElement(
      "li",
      `${new Date(attempt.createdAt).toLocaleString()}: score ${attempt.score} / 100`,
    );
    const details = attempt.details;
    if (details) {
      const count = details.misconceptions.length;
      item.append(
        textElement(
          "span",
          ` · ${details.covered.length} of ${question.keyPoints.length} key points, ` +
            `${count} misconception${count === 1 ? "" : "s"}`,
          "findings",
        ),
      );
    }
    return item;
  }

  /** Attempts, best and latest score of every question, the current one marked. */
  #renderOverview(attempts: readonly Attempt[]): void {
    const summaries = summarise(attempts);
    for (const row of this.querySelectorAll<HTMLTableRowElement>(".overview tbody tr")) {
      const id = row.dataset["question"] ?? "";
      const summary = summaries.get(id);
      element(row, ".attempts", HTMLElement).textContent = String(summary?.attempts ?? 0);
      element(row, ".best", HTMLElement).textContent =
        summary === undefined ? "–" : String(summary.best);
      element(row, ".last", HTMLElement).textContent =
        summary === undefined ? "–" : String(summary.last);
      if (id === this.#current?.id) row.setAttribute("aria-current", "true");
      else row.removeAttribute("aria-current");
    }
  }

  #startTimer(): void {
    this.#stopTimer();
    this.#secondsLeft = timerSeconds;
    const display = element(this, ".timer", HTMLElement);
    display.hidden = false;
    display.classList.remove("expired");
    const render = (): void => {
      const minutes = Math.floor(this.#secondsLeft / 60);
      const seconds = String(this.#secondsLeft % 60).padStart(2, "0");
      display.textContent = `${minutes}:${seconds}`;
    };
    render();
    this.#timer = setInterval(() => {
      this.#secondsLeft--;
      render();
      if (this.#secondsLeft <= 0) {
        this.#stopTimer();
        display.classList.add("expired");
        this.#status("Time is up. Finish your sentence and check your answer.");
      }
    }, 1000);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #setUpDictation(): void {
    const button = element(this, "[data-action=dictate]", HTMLButtonElement);
    if (!speechRecognitionAvailable()) {
      element(this, "#iv-answer-help", HTMLElement).textContent =
        "Type it as you would say it to an interviewer: about two minutes. This browser has no " +
        "speech recognition, so dictation is not offered here.";
      return;
    }
    button.hidden = false;
    const textarea = element(this, "#iv-answer", HTMLTextAreaElement);
    const interim = element(this, ".interim", HTMLElement);
    const stopped = (): void => {
      this.#stopDictation = undefined;
      button.setAttribute("aria-pressed", "false");
      button.textContent = "Dictate";
      interim.hidden = true;
    };
    button.addEventListener("click", () => {
      if (this.#stopDictation) {
        this.#stopDictation();
        return;
      }
      button.setAttribute("aria-pressed", "true");
      button.textContent = "Stop dictating";
      this.#status("Listening. Speak your answer; you can edit the transcript afterwards.");
      this.#stopDictation = startDictation({
        onFinal: (text) => {
          const separator = textarea.value === "" || /\s$/.test(textarea.value) ? "" : " ";
          textarea.value += separator + text;
        },
        onInterim: (text) => {
          interim.hidden = text === "";
          interim.textContent = text;
        },
        onError: (message) => this.#status(message),
        onStop: stopped,
      });
    });
  }
}

customElements.define("interview-practice", InterviewPractice);

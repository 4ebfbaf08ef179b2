/**
 * Marks the labs the learner has started or finished on the lab list, from the server's progress
 * record (`GET /api/progress`). Without JavaScript or a server the list simply shows no marks.
 */
interface LabProgressView {
  readonly labId: string;
  readonly tasksDone: readonly string[];
  readonly tasksTotal: number;
}

function isLabProgress(value: unknown): value is LabProgressView {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v["labId"] === "string" &&
    Array.isArray(v["tasksDone"]) &&
    typeof v["tasksTotal"] === "number"
  );
}

async function showProgress(list: HTMLElement): Promise<void> {
  const response = await fetch(list.dataset["progressUrl"] ?? "/api/progress", {
    credentials: "same-origin",
  });
  if (!response.ok) return;
  const body = (await response.json()) as { labs?: unknown };
  const labs = Array.isArray(body.labs) ? body.labs.filter(isLabProgress) : [];
  for (const lab of labs) {
    const mark = list.querySelector<HTMLElement>(
      `[data-lab="${CSS.escape(lab.labId)}"] [data-progress]`,
    );
    if (!mark || lab.tasksDone.length === 0) continue;
    const finished = lab.tasksDone.length >= lab.tasksTotal;
    mark.textContent = finished ? "Done" : `${lab.tasksDone.length}/${lab.tasksTotal} tasks done`;
    mark.dataset["finished"] = String(finished);
    mark.hidden = false;
  }
}

const list = document.querySelector<HTMLElement>("[data-lab-list]");
if (list) void showProgress(list).catch(() => undefined);

import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { createAppServer } from "../../../../src/server/http-server.ts";
import { progressRoutes } from "../../../../src/server/progress/progress-routes.ts";
import { ProgressStorage } from "../../../../src/server/progress/progress-storage.ts";
import { openSqlite } from "../../../../src/server/progress/sqlite-database.ts";

test("progress and interview attempt routes are per learner, validated and same-origin", async (t) => {
  const storage = await ProgressStorage.open(openSqlite(":memory:"));
  const server = createAppServer({
    site: (_req, res) => res.end(),
    routes: progressRoutes(storage),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(async () => {
    server.close();
    await storage.close();
  });
  const base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;

  const first = await fetch(`${base}/api/progress`);
  assert.equal(first.status, 200);
  const setCookie = first.headers.get("set-cookie") ?? "";
  assert.match(setCookie, /^learner=[A-Za-z0-9_-]{43}; Path=\/; .*HttpOnly; SameSite=Lax/);
  assert.deepEqual(await first.json(), { labs: [], interviewAttempts: [] });
  const cookie = setCookie.split(";")[0] ?? "";

  const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}/api/interview/attempts`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const created = await post({
    questionId: "what-is-128",
    score: 80,
    answer: "An exit code of 128...",
  });
  assert.equal(created.status, 201);
  assert.equal(((await created.json()) as { questionId: string }).questionId, "what-is-128");

  assert.equal((await post({ questionId: "q", score: 101, answer: "" })).status, 400);
  assert.equal((await post({ questionId: "q", score: 1, answer: "x".repeat(70_000) })).status, 413);
  assert.equal(
    (await post({ questionId: "q", score: 1, answer: "" }, { origin: "https://evil.example" }))
      .status,
    403,
  );

  const mine = (await (
    await fetch(`${base}/api/interview/attempts?question=what-is-128`, { headers: { cookie } })
  ).json()) as {
    attempts: unknown[];
  };
  assert.equal(mine.attempts.length, 1);
  const others = (await (await fetch(`${base}/api/progress`)).json()) as {
    interviewAttempts: unknown[];
  };
  assert.deepEqual(others.interviewAttempts, [], "a new learner sees none of another's attempts");
  assert.equal((await fetch(`${base}/api/progress`, { method: "DELETE" })).status, 405);
});

import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { RequestHandler } from "../http-server.ts";
import { ensureLearner } from "../sessions/learner-cookie.ts";
import type { ProgressStorage } from "./progress-storage.ts";

const MAX_BODY_BYTES = 64 * 1024;

/** What F's interview page posts after checking an answer. */
export const interviewAttemptSchema = z.object({
  questionId: z.string().min(1).max(200).describe("The question's id in content/interview/"),
  score: z.number().int().min(0).max(100).describe("The checker's score, 0 to 100"),
  answer: z.string().max(20_000).describe("The learner's answer as typed or dictated"),
  details: z
    .unknown()
    .optional()
    .describe("The checker's findings (key points covered and missed, misconceptions)"),
});

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    // An oversized body is read to its end but not kept, so the 413 reaches the client.
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString()),
    );
    req.on("error", reject);
  });
}

/** Same-origin check for state-changing requests: browsers send Origin on cross-site POSTs. */
function isForeignPost(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

function guard(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): RequestHandler {
  return (req, res) => {
    handler(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) json(res, 500, { error: "The progress store is unavailable." });
      else res.end();
    });
  };
}

/**
 * `GET /api/progress`: the learner's labs (tasks done, hints, times) and interview attempts.
 * `GET/POST /api/interview/attempts`: list (optionally `?question=<id>`) or add an attempt.
 * The learner is the cookie's; a new visitor gets one and an empty record.
 */
export function progressRoutes(storage: ProgressStorage): ReadonlyMap<string, RequestHandler> {
  const progress = guard(async (req, res) => {
    if (req.method !== "GET") {
      json(res, 405, { error: "Use GET." });
      return;
    }
    const learner = ensureLearner(req, res);
    json(res, 200, {
      labs: await storage.labProgress(learner),
      interviewAttempts: await storage.interviewAttempts(learner),
    });
  });

  const attempts = guard(async (req, res) => {
    const learner = ensureLearner(req, res);
    if (req.method === "GET") {
      const question = new URL(req.url ?? "/", "http://localhost").searchParams.get("question");
      json(res, 200, { attempts: await storage.interviewAttempts(learner, question ?? undefined) });
      return;
    }
    if (req.method !== "POST") {
      json(res, 405, { error: "Use GET or POST." });
      return;
    }
    if (isForeignPost(req)) {
      json(res, 403, { error: "Cross-origin requests are refused." });
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      json(res, 413, { error: `The body is over ${MAX_BODY_BYTES} bytes.` });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      json(res, 400, { error: "The body is not JSON." });
      return;
    }
    const result = interviewAttemptSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      json(res, 400, {
        error: `Invalid attempt: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
      });
      return;
    }
    const { questionId, score, answer, details } = result.data;
    const stored = await storage.addInterviewAttempt(
      learner,
      { questionId, score, answer, details },
      Date.now(),
    );
    json(res, 201, stored);
  });

  return new Map([
    ["/api/progress", progress],
    ["/api/interview/attempts", attempts],
  ]);
}

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * A learner is an unguessable random id (256 bits) in an HttpOnly, SameSite=Lax cookie: page
 * scripts cannot read it and other sites cannot send it along with their requests. Sessions and
 * progress are looked up by it, so another learner's session id, even if known, reaches nothing.
 */
export const LEARNER_COOKIE = "learner";
const LEARNER_ID = /^[A-Za-z0-9_-]{43}$/;
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function newRandomId(): string {
  return randomBytes(32).toString("base64url");
}

export function learnerOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name === LEARNER_COOKIE && value !== undefined && LEARNER_ID.test(value)) return value;
  }
  return undefined;
}

export function learnerCookieHeader(learner: string, req: IncomingMessage): string {
  const secure = req.headers["x-forwarded-proto"] === "https" ? "; Secure" : "";
  return `${LEARNER_COOKIE}=${learner}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}

/** The request's learner, issuing a new id (and its Set-Cookie header) when it has none. */
export function ensureLearner(req: IncomingMessage, res: ServerResponse): string {
  const existing = learnerOf(req);
  if (existing !== undefined) return existing;
  const learner = newRandomId();
  res.appendHeader("set-cookie", learnerCookieHeader(learner, req));
  return learner;
}

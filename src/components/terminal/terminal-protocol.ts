/**
 * The page's side of the terminal wire protocol (src/server/sessions/protocol.ts defines both
 * directions; only its types are imported, so nothing of the server reaches the browser bundle).
 */
import type { ServerMessage } from "../../server/sessions/protocol.ts";

export type { ServerMessage };

/** Close codes the session server uses (src/server/sessions/session-manager.ts CLOSE_CODES). */
export const CLOSE_MESSAGES: Readonly<Record<number, { text: string; retry: boolean }>> = {
  4001: {
    text: "The terminal needs cookies to keep your session; enable them and reload.",
    retry: false,
  },
  4002: { text: "This terminal does not exist on the server.", retry: false },
  4003: { text: "This session expired after a long time without input.", retry: false },
  4004: { text: "The server is at its limit of terminal sessions.", retry: true },
  4005: { text: "The sandbox could not start.", retry: true },
  4006: { text: "The shell exited.", retry: false },
};

export function terminalUrl(target: { scenario?: string; lab?: string }): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const query =
    target.lab === undefined
      ? `scenario=${encodeURIComponent(target.scenario ?? "runbook")}`
      : `lab=${encodeURIComponent(target.lab)}`;
  return `${scheme}//${location.host}/ws/terminal?${query}`;
}

export function parseServerMessage(data: unknown): ServerMessage | undefined {
  if (typeof data !== "string") return undefined;
  try {
    const message = JSON.parse(data) as ServerMessage;
    return typeof message === "object" && "type" in message ? message : undefined;
  } catch {
    return undefined;
  }
}

/** Reconnect delays: 0.5 s doubling to 15 s, with jitter so a restarted server is not stampeded. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** attempt);
  return Math.round(base * (0.75 + random() * 0.5));
}

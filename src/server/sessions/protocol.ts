/**
 * The terminal's wire protocol. Control and input travel as JSON text frames; a binary frame is
 * taken as raw UTF-8 input, which is what a plain WebSocket client would naturally send.
 *
 * Client to server: input, resize, ping. Server to client: ready (once attached, with the screen
 * so far), output, status (lab tasks), notice (limits, expiry, replay), pong.
 */
import { z } from "zod";

/** A message may carry a whole file from the editor; keystrokes come in much smaller pieces. */
export const MAX_MESSAGE_BYTES = 60 * 1024;
export const MAX_INPUT_BYTES = 16 * 1024;

/** Files the editor may open and save: the learner's home, as a real shell user could. */
const learnerPath = z
  .string()
  .max(256)
  .regex(/^\/home\/learner\/(?!.*(?:^|\/)\.\.(?:\/|$))[^\0]+$/, "a file under /home/learner");

export const clientMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("input").describe("Keystrokes or pasted text, as xterm's onData gives them"),
    data: z.string().max(MAX_INPUT_BYTES),
  }),
  z.object({
    type: z.literal("open-file").describe("The editor asks for a file of the session"),
    path: learnerPath,
  }),
  z.object({
    type: z.literal("save-file").describe("The editor saves a file into the session"),
    path: learnerPath,
    content: z.string().max(MAX_MESSAGE_BYTES),
  }),
  z.object({
    type: z.literal("resize").describe("The terminal's size after fitting its container"),
    cols: z.number().int().min(2).max(500),
    rows: z.number().int().min(1).max(200),
  }),
  z.object({
    type: z.literal("edit-done").describe("The editor pane's answer to a `kubectl edit`"),
    id: z.string().max(32),
    content: z.string().max(MAX_MESSAGE_BYTES).optional().describe("Absent when cancelled"),
  }),
  z.object({ type: z.literal("ping").describe("Keep-alive; answered with pong") }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type NoticeLevel = "info" | "warning" | "error" | "expired";

export type ServerMessage =
  | {
      readonly type: "ready";
      readonly sessionId: string;
      readonly target: string;
      /** Everything the session printed so far (bounded), to restore the scrollback. */
      readonly screen: string;
      /** True when the session was rebuilt by replaying its input log. */
      readonly replayed: boolean;
    }
  | { readonly type: "output"; readonly data: string }
  | { readonly type: "status"; readonly status: unknown }
  | { readonly type: "notice"; readonly level: NoticeLevel; readonly text: string }
  | { readonly type: "file"; readonly path: string; readonly content: string }
  | { readonly type: "file-saved"; readonly path: string }
  | {
      readonly type: "edit";
      readonly id: string;
      readonly fileName: string;
      readonly content: string;
    }
  | { readonly type: "file-error"; readonly path: string; readonly error: string }
  | { readonly type: "pong" };

export type ParseResult =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly error: string };

export function parseClientMessage(raw: Buffer | string, isBinary: boolean): ParseResult {
  const size = typeof raw === "string" ? Buffer.byteLength(raw) : raw.length;
  if (size > MAX_MESSAGE_BYTES) {
    return {
      ok: false,
      error: `message of ${size} bytes is over the ${MAX_MESSAGE_BYTES}-byte limit`,
    };
  }
  const text = raw.toString();
  if (isBinary) return { ok: true, message: { type: "input", data: text } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "message is not JSON" };
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: "message does not match the protocol" };
  return { ok: true, message: parsed.data };
}

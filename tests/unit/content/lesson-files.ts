import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { splitShellBlock } from "../../../src/components/lesson/shell-block.ts";

export const root = resolve(import.meta.dirname, "..", "..", "..");
export const lessonsDir = resolve(root, "content", "lessons");

export function lessonIds(): string[] {
  return readdirSync(lessonsDir)
    .filter((name) => name.endsWith(".mdx"))
    .map((name) => name.replace(/\.mdx$/, ""));
}

export function lessonSource(id: string): string {
  return readFileSync(resolve(lessonsDir, `${id}.mdx`), "utf8");
}

/** The commands of every ```sh block of a lesson, as the page's command blocks split them. */
export function lessonCommands(id: string): string[] {
  const commands: string[] = [];
  for (const block of lessonSource(id).matchAll(
    /^[ \t]*```(?:sh|bash|shell)\n([\s\S]*?)^[ \t]*```/gm,
  )) {
    const body = (block[1] ?? "").replace(/^[ \t]+/gm, "");
    for (const line of splitShellBlock(body)) if (line.kind === "command") commands.push(line.text);
  }
  return commands;
}

/**
 * Splits a ```sh block of a lesson into the commands a learner copies or runs one at a time and
 * the comments between them. A trailing backslash continues a command on the next line.
 */
export type ShellLine =
  | { readonly kind: "command"; readonly text: string }
  | { readonly kind: "comment"; readonly text: string };

export function splitShellBlock(source: string): ShellLine[] {
  const lines: ShellLine[] = [];
  let pending = "";
  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    if (pending) {
      pending += `\n${line}`;
      if (!line.endsWith("\\")) {
        lines.push({ kind: "command", text: pending });
        pending = "";
      }
      continue;
    }
    if (line.trim() === "") continue;
    if (line.trimStart().startsWith("#")) {
      lines.push({ kind: "comment", text: line.trim() });
    } else if (line.endsWith("\\")) {
      pending = line;
    } else {
      lines.push({ kind: "command", text: line });
    }
  }
  if (pending) lines.push({ kind: "command", text: pending });
  return lines;
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The text of a highlighted code block's HTML (tags dropped, character references decoded). */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole: string, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X"))
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/\n$/, "");
}

/** Splits text into runs of non-space and runs of space, keeping both, so joining gives it back. */
export function wordsOf(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

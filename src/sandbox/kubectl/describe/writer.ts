/**
 * describe's PrefixWriter over a tabwriter (minwidth 0, padding 2): text at an indentation level
 * of two spaces per level, tab-separated cells aligned per column block, and Flush() points that
 * end alignment (DescribeEvents flushes before its table).
 */
import { DESCRIBE_TABWRITER, TabWriter } from "../tabwriter.ts";

export class DescribeWriter {
  readonly #tabs = new TabWriter(DESCRIBE_TABWRITER);
  #out = "";

  write(level: number, text: string): void {
    this.#tabs.write("  ".repeat(level) + text);
  }

  flush(): void {
    this.#out += this.#tabs.flush();
  }

  toString(): string {
    this.flush();
    return this.#out;
  }
}

/** printLabelsMultiline: "Title:\tk=v" then one aligned line per further label, sorted. */
export function writeLabels(
  w: DescribeWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined,
  initialIndent = "",
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${key}=${labels?.[key] ?? ""}\n`);
  });
}

const SKIPPED_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const MAX_ANNOTATION_LEN = 140;

/** printAnnotationsMultiline: long or multi-line values go below their key, shortened. */
export function writeAnnotations(
  w: DescribeWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, "\t");
    const value = (annotations?.[key] ?? "").replace(/\n$/, "");
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(0, `${key}:\n`);
      for (const line of value.split("\n")) {
        const short =
          line.length > MAX_ANNOTATION_LEN - 2
            ? line.slice(0, MAX_ANNOTATION_LEN - 2) + "..."
            : line;
        w.write(0, `\t  ${short}\n`);
      }
    } else w.write(0, `${key}: ${value}\n`);
  });
}

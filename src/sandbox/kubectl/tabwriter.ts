/**
 * Go's text/tabwriter (elastic tabstops) with a space pad character and left alignment, which
 * kubectl uses for every table and for describe. Cells are tab-terminated; the text after a line's
 * last tab is not part of any column. A column block is a run of consecutive lines that have a cell
 * in that column, so a line with fewer tabs ends the block and the next block aligns afresh.
 */

export interface TabWriterOptions {
  minWidth: number;
  padding: number;
}

/** kubectl's table printers: printers.GetNewTabWriter (minwidth 6, padding 3). */
export const TABLE_TABWRITER: TabWriterOptions = { minWidth: 6, padding: 3 };
/** kubectl describe: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABWRITER: TabWriterOptions = { minWidth: 0, padding: 2 };

function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (ch !== "\u200b") width++;
  }
  return width;
}

export class TabWriter {
  readonly #options: TabWriterOptions;
  #pending = "";
  #output = "";
  /** Column widths kept across flushes (tabwriter.RememberWidths), for `get -w` rows. */
  #remembered: number[] | undefined;

  constructor(options: TabWriterOptions, rememberWidths = false) {
    this.#options = options;
    if (rememberWidths) this.#remembered = [];
  }

  write(text: string): void {
    this.#pending += text;
  }

  /** Formats everything written so far; returns and clears the formatted text. */
  flush(): string {
    const text = this.#pending;
    this.#pending = "";
    const endsWithNewline = text.endsWith("\n");
    const rawLines = text.split("\n");
    if (endsWithNewline) rawLines.pop();
    const lines = rawLines.map((line) => line.split("\t"));
    let out = "";
    const widths: number[] = [];
    const writeLines = (from: number, to: number): void => {
      for (let i = from; i < to; i++) {
        const cells = lines[i] ?? [];
        cells.forEach((cell, j) => {
          out += cell;
          const width = widths[j];
          if (j < cells.length - 1 && width !== undefined)
            out += " ".repeat(Math.max(0, width - textWidth(cell)));
        });
        if (i < rawLines.length - 1 || endsWithNewline) out += "\n";
      }
    };
    const format = (lineStart: number, lineEnd: number): void => {
      const column = widths.length;
      let line0 = lineStart;
      for (let i = line0; i < lineEnd; i++) {
        if (column >= (lines[i]?.length ?? 0) - 1) continue;
        writeLines(line0, i);
        line0 = i;
        let width = this.#options.minWidth;
        for (; i < lineEnd; i++) {
          const cells = lines[i] ?? [];
          if (column >= cells.length - 1) break;
          width = Math.max(width, textWidth(cells[column] ?? "") + this.#options.padding);
        }
        if (this.#remembered) {
          width = Math.max(width, this.#remembered[column] ?? 0);
          this.#remembered[column] = width;
        }
        widths.push(width);
        format(line0, i);
        widths.pop();
        line0 = i;
        i--;
      }
      writeLines(line0, lineEnd);
    };
    format(0, lines.length);
    this.#output += out;
    const result = this.#output;
    this.#output = "";
    return result;
  }
}

/** Formats a complete text through a fresh tabwriter. */
export function tabulate(text: string, options: TabWriterOptions): string {
  const writer = new TabWriter(options);
  writer.write(text);
  return writer.flush();
}

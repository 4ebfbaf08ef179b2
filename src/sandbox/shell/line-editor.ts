/**
 * A readline-like line editor speaking raw xterm data: it turns keystrokes into edits of one input
 * line and into the escape sequences that redraw it. Keys follow GNU readline's emacs mode, the
 * default of bash: arrows, Home/End, Ctrl-A/E/B/F/U/K/W, history with Up/Down, reverse incremental
 * search with Ctrl-R, Ctrl-C, Ctrl-D, Ctrl-L and Tab completion.
 *
 * Positions are counted in terminal cells (one per character: the sandbox's commands print ASCII),
 * and redraws move the cursor by rows and columns so that lines longer than the terminal width wrap
 * and still edit correctly.
 */

export type Completer = (line: string, cursor: number) => Completion;

/** What Tab may put in place of the word that ends at the cursor. */
export interface Completion {
  /** Where the word being completed starts in the line. */
  readonly from: number;
  readonly candidates: readonly string[];
}

/** What a keystroke asks of the owner of the editor. */
export type EditorEvent =
  | { readonly kind: "submit"; readonly line: string }
  | { readonly kind: "interrupt" }
  | { readonly kind: "eof" };

const ESC = "\x1b";
const CLEAR_TO_END_OF_SCREEN = `${ESC}[J`;
const MAX_HISTORY = 1000;

/** Visible width of a string that may contain ANSI escape sequences (SGR colours in a prompt). */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex -- matching the escape character is the point
  return Array.from(text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")).length;
}

/** Splits raw terminal data into keys: single characters and whole escape sequences. */
function splitKeys(data: string): { keys: string[]; rest: string } {
  const keys: string[] = [];
  let index = 0;
  while (index < data.length) {
    const char = data.charAt(index);
    if (char !== ESC) {
      const code = data.codePointAt(index) ?? 0;
      const unit = code > 0xffff ? 2 : 1;
      keys.push(data.slice(index, index + unit));
      index += unit;
      continue;
    }
    if (index + 1 >= data.length) return { keys, rest: data.slice(index) };
    const next = data.charAt(index + 1);
    if (next === "[" || next === "O") {
      let end = index + 2;
      while (end < data.length && !/[A-Za-z~]/.test(data.charAt(end))) {
        if (end - index > 16) break;
        end += 1;
      }
      if (end >= data.length) return { keys, rest: data.slice(index) };
      keys.push(data.slice(index, end + 1));
      index = end + 1;
      continue;
    }
    keys.push(data.slice(index, index + 2));
    index += 2;
  }
  return { keys, rest: "" };
}

interface SearchState {
  query: string;
  /** Index into history of the current match, or -1 when nothing matches. */
  match: number;
  failed: boolean;
  savedLine: string;
}

export class LineEditor {
  #prompt = "";
  #cols: number;
  #line: string[] = [];
  #cursor = 0;
  /** Where the terminal cursor is, in cells from the start of the prompt. */
  #drawnCursor = 0;
  readonly #history: string[] = [];
  #historyIndex = 0;
  #draft = "";
  #search: SearchState | undefined;
  #lastKeyWasTab = false;
  #pendingEscape = "";
  readonly #completer: Completer | undefined;
  readonly #maxLineLength: number;

  constructor(options: { cols: number; completer?: Completer; maxLineLength: number }) {
    this.#cols = Math.max(1, options.cols);
    this.#completer = options.completer;
    this.#maxLineLength = options.maxLineLength;
  }

  get history(): readonly string[] {
    return this.#history;
  }

  get line(): string {
    return this.#line.join("");
  }

  resize(cols: number): void {
    this.#cols = Math.max(1, cols);
  }

  /** Adds a line to the history as bash does: blank lines and immediate repeats are not kept. */
  remember(line: string): void {
    if (line.trim() === "" || this.#history.at(-1) === line) return;
    this.#history.push(line);
    if (this.#history.length > MAX_HISTORY) this.#history.shift();
  }

  /** Starts a new empty line after `prompt`; returns what to write. */
  begin(prompt: string): string {
    this.#prompt = prompt;
    this.#line = [];
    this.#cursor = 0;
    this.#historyIndex = this.#history.length;
    this.#draft = "";
    this.#search = undefined;
    this.#drawnCursor = this.#promptWidth();
    return prompt + this.#wrapFix(this.#drawnCursor);
  }

  /** Feeds raw terminal data; returns the output to write and the events the keys produced. */
  feed(data: string): { output: string; events: EditorEvent[]; unconsumed: string } {
    const { keys, rest } = splitKeys(this.#pendingEscape + data);
    this.#pendingEscape = rest;
    let output = "";
    const events: EditorEvent[] = [];
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] ?? "";
      const result = this.#key(key);
      output += result.output;
      if (result.event) {
        events.push(result.event);
        // Keys typed after Enter belong to whatever runs next (bash's type-ahead).
        return { output, events, unconsumed: keys.slice(index + 1).join("") + this.#pendingEscape };
      }
    }
    return { output, events, unconsumed: "" };
  }

  #promptWidth(): number {
    return visibleLength(this.#prompt);
  }

  #key(key: string): { output: string; event?: EditorEvent } {
    const wasTab = this.#lastKeyWasTab;
    this.#lastKeyWasTab = key === "\t";
    if (this.#search) return this.#searchKey(key);
    switch (key) {
      case "\r":
      case "\n": {
        const line = this.line;
        return { output: this.#moveTo(this.#endCell()) + "\r\n", event: { kind: "submit", line } };
      }
      case "\x03":
        return { output: this.#moveTo(this.#endCell()) + "^C\r\n", event: { kind: "interrupt" } };
      case "\x04":
        if (this.#line.length === 0) return { output: "", event: { kind: "eof" } };
        return this.#deleteAt(this.#cursor);
      case "\x7f":
      case "\b":
        if (this.#cursor === 0) return { output: "\x07" };
        this.#cursor -= 1;
        return this.#deleteAt(this.#cursor);
      case `${ESC}[3~`:
        return this.#deleteAt(this.#cursor);
      case `${ESC}[D`:
      case "\x02":
        return this.#moveCursor(Math.max(0, this.#cursor - 1));
      case `${ESC}[C`:
      case "\x06":
        return this.#moveCursor(Math.min(this.#line.length, this.#cursor + 1));
      case `${ESC}[H`:
      case `${ESC}OH`:
      case `${ESC}[1~`:
      case "\x01":
        return this.#moveCursor(0);
      case `${ESC}[F`:
      case `${ESC}OF`:
      case `${ESC}[4~`:
      case "\x05":
        return this.#moveCursor(this.#line.length);
      case `${ESC}[1;5D`:
      case `${ESC}b`:
        return this.#moveCursor(this.#wordStart(this.#cursor));
      case `${ESC}[1;5C`:
      case `${ESC}f`:
        return this.#moveCursor(this.#wordEnd(this.#cursor));
      case `${ESC}[A`:
      case "\x10":
        return this.#recall(this.#historyIndex - 1);
      case `${ESC}[B`:
      case "\x0e":
        return this.#recall(this.#historyIndex + 1);
      case "\x15":
        return this.#replace(this.#line.slice(this.#cursor), 0);
      case "\x0b":
        return this.#replace(this.#line.slice(0, this.#cursor), this.#cursor);
      case "\x17": {
        const start = this.#wordStart(this.#cursor);
        return this.#replace(
          [...this.#line.slice(0, start), ...this.#line.slice(this.#cursor)],
          start,
        );
      }
      case "\x0c":
        return { output: `${ESC}[H${ESC}[2J` + this.#redrawAll() };
      case "\x12":
        this.#search = { query: "", match: -1, failed: false, savedLine: this.line };
        return { output: this.#drawSearch() };
      case "\t":
        return this.#complete(wasTab);
      default:
        return this.#insert(key);
    }
  }

  #insert(text: string): { output: string } {
    const printable = Array.from(text).filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
    });
    if (printable.length === 0) return { output: "" };
    if (this.#line.length + printable.length > this.#maxLineLength) return { output: "\x07" };
    const next = [
      ...this.#line.slice(0, this.#cursor),
      ...printable,
      ...this.#line.slice(this.#cursor),
    ];
    return this.#replace(next, this.#cursor + printable.length);
  }

  #deleteAt(position: number): { output: string } {
    if (position >= this.#line.length) return { output: this.#moveCursor(position).output };
    const next = [...this.#line.slice(0, position), ...this.#line.slice(position + 1)];
    return this.#replace(next, position);
  }

  #recall(index: number): { output: string } {
    if (index < 0 || index > this.#history.length) return { output: "\x07" };
    if (this.#historyIndex === this.#history.length) this.#draft = this.line;
    this.#historyIndex = index;
    const text = index === this.#history.length ? this.#draft : (this.#history[index] ?? "");
    const chars = Array.from(text);
    return this.#replace(chars, chars.length);
  }

  #complete(secondTab: boolean): { output: string } {
    if (!this.#completer) return { output: "\x07" };
    const line = this.line;
    const prefixText = this.#line.slice(0, this.#cursor).join("");
    const { from, candidates } = this.#completer(line, prefixText.length);
    const word = prefixText.slice(from);
    const matching = [...new Set(candidates.filter((candidate) => candidate.startsWith(word)))];
    if (matching.length === 0) return { output: "\x07" };
    if (matching.length === 1) {
      const only = matching[0] ?? "";
      const suffix = only.endsWith("/") ? "" : " ";
      return this.#insert(only.slice(word.length) + suffix);
    }
    const common = commonPrefix(matching);
    if (common.length > word.length) return this.#insert(common.slice(word.length));
    if (!secondTab) return { output: "\x07" };
    const listing = formatColumns(matching.sort(), this.#cols);
    return { output: this.#moveTo(this.#endCell()) + "\r\n" + listing + this.#redrawAll() };
  }

  #searchKey(key: string): { output: string; event?: EditorEvent } {
    const search = this.#search;
    if (!search) return { output: "" };
    if (key === "\x12") {
      this.#find(search, search.match === -1 ? this.#history.length - 1 : search.match - 1);
      return { output: this.#drawSearch() };
    }
    if (key === "\x7f" || key === "\b") {
      search.query = search.query.slice(0, -1);
      this.#find(search, this.#history.length - 1);
      return { output: this.#drawSearch() };
    }
    if (key === "\x07" || key === "\x03") {
      // Ctrl-G gives up the search and restores the line; Ctrl-C then also abandons that line.
      this.#search = undefined;
      const restored = Array.from(search.savedLine);
      const redraw = this.#replaceQuiet(restored, restored.length);
      if (key === "\x07") return { output: redraw };
      return {
        output: redraw + this.#moveTo(this.#endCell()) + "^C\r\n",
        event: { kind: "interrupt" },
      };
    }
    const isPrintable = key.length > 0 && !key.startsWith(ESC) && (key.codePointAt(0) ?? 0) >= 0x20;
    if (isPrintable && key !== "\x7f") {
      search.query += key;
      this.#find(search, search.match === -1 ? this.#history.length - 1 : search.match);
      return { output: this.#drawSearch() };
    }
    // Any other key accepts the match into the line and then acts as usual (readline does this).
    this.#search = undefined;
    const found = search.match === -1 ? search.savedLine : (this.#history[search.match] ?? "");
    const chars = Array.from(found);
    const redraw = this.#replaceQuiet(chars, chars.length);
    if (key === ESC) return { output: redraw };
    const next = this.#key(key);
    return { output: redraw + next.output, ...(next.event ? { event: next.event } : {}) };
  }

  #find(search: SearchState, startAt: number): void {
    for (let index = Math.min(startAt, this.#history.length - 1); index >= 0; index -= 1) {
      if ((this.#history[index] ?? "").includes(search.query)) {
        search.match = index;
        search.failed = false;
        return;
      }
    }
    search.failed = search.query !== "";
  }

  #drawSearch(): string {
    const search = this.#search;
    if (!search) return "";
    const found = search.match === -1 ? "" : (this.#history[search.match] ?? "");
    const label = `(${search.failed ? "failed " : ""}reverse-i-search)\`${search.query}': `;
    const text = label + found;
    const start = this.#moveTo(0);
    this.#drawnCursor = visibleLength(text);
    return start + "\r" + text + this.#wrapFix(this.#drawnCursor) + CLEAR_TO_END_OF_SCREEN;
  }

  /** Replaces the line after a search display, redrawing prompt and line from the prompt's row. */
  #replaceQuiet(chars: string[], cursor: number): string {
    this.#line = chars;
    this.#cursor = cursor;
    const back = this.#moveTo(0);
    this.#drawnCursor = 0;
    return back + "\r" + this.#redrawAll();
  }

  #replace(chars: string[], cursor: number): { output: string } {
    const old = this.#line;
    let same = 0;
    while (same < old.length && same < chars.length && old[same] === chars[same]) same += 1;
    this.#line = chars;
    this.#cursor = cursor;
    const base = this.#promptWidth();
    let output = this.#moveTo(base + same);
    output += chars.slice(same).join("");
    this.#drawnCursor = base + chars.length;
    output += this.#wrapFix(this.#drawnCursor);
    if (old.length > chars.length || old.length !== same) output += CLEAR_TO_END_OF_SCREEN;
    output += this.#moveTo(base + cursor);
    return { output };
  }

  /** Writes prompt and line from the cursor's current row start (used after Ctrl-L or a listing). */
  #redrawAll(): string {
    this.#drawnCursor = this.#promptWidth() + this.#line.length;
    const output =
      this.#prompt +
      this.#line.join("") +
      this.#wrapFix(this.#drawnCursor) +
      CLEAR_TO_END_OF_SCREEN;
    return output + this.#moveTo(this.#promptWidth() + this.#cursor);
  }

  #moveCursor(position: number): { output: string } {
    this.#cursor = position;
    return { output: this.#moveTo(this.#promptWidth() + position) };
  }

  #endCell(): number {
    return this.#promptWidth() + this.#line.length;
  }

  /**
   * xterm leaves the cursor on the last column after a write that fills a row (pending wrap);
   * moving to the next row start keeps the cell arithmetic right.
   */
  #wrapFix(cell: number): string {
    return cell > 0 && cell % this.#cols === 0 ? "\r\n" : "";
  }

  #moveTo(cell: number): string {
    if (cell === this.#drawnCursor) return "";
    const fromRow = Math.floor(this.#drawnCursor / this.#cols);
    const toRow = Math.floor(cell / this.#cols);
    const toCol = cell % this.#cols;
    this.#drawnCursor = cell;
    let output = "";
    if (toRow < fromRow) output += `${ESC}[${fromRow - toRow}A`;
    if (toRow > fromRow) output += `${ESC}[${toRow - fromRow}B`;
    output += "\r";
    if (toCol > 0) output += `${ESC}[${toCol}C`;
    return output;
  }

  #wordStart(position: number): number {
    let index = position;
    while (index > 0 && !isWordChar(this.#line[index - 1])) index -= 1;
    while (index > 0 && isWordChar(this.#line[index - 1])) index -= 1;
    return index;
  }

  #wordEnd(position: number): number {
    let index = position;
    while (index < this.#line.length && !isWordChar(this.#line[index])) index += 1;
    while (index < this.#line.length && isWordChar(this.#line[index])) index += 1;
    return index;
  }
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}_]/u.test(char);
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? "";
  for (const word of words) {
    while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** Lists completions in columns across the terminal, as readline does on a second Tab. */
function formatColumns(words: readonly string[], cols: number): string {
  const width = Math.max(...words.map((word) => word.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(words.length / perRow);
  let output = "";
  for (let row = 0; row < rows; row += 1) {
    const cells: string[] = [];
    for (let column = 0; column < perRow; column += 1) {
      const word = words[column * rows + row];
      if (word !== undefined) cells.push(word.padEnd(width));
    }
    output += cells.join("").trimEnd() + "\r\n";
  }
  return output;
}

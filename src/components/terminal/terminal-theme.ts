import type { ITheme } from "@xterm/xterm";

/**
 * The terminal's colours come from CSS variables (set per theme in Terminal.astro), so light and
 * dark follow the site's tokens; the page re-reads them when the theme toggle flips data-theme.
 */
const ANSI = [
  "black",
  "red",
  "green",
  "yellow",
  "blue",
  "magenta",
  "cyan",
  "white",
  "brightBlack",
  "brightRed",
  "brightGreen",
  "brightYellow",
  "brightBlue",
  "brightMagenta",
  "brightCyan",
  "brightWhite",
] as const;

function cssName(key: string): string {
  return `--terminal-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function themeFrom(element: Element): ITheme {
  const style = getComputedStyle(element);
  const read = (key: string): string | undefined => {
    const value = style.getPropertyValue(cssName(key)).trim();
    return value === "" ? undefined : value;
  };
  const theme: Record<string, string> = {};
  for (const key of [
    "background",
    "foreground",
    "cursor",
    "cursorAccent",
    "selectionBackground",
    ...ANSI,
  ]) {
    const value = read(key);
    if (value !== undefined) theme[key] = value;
  }
  return theme;
}

export function fontFrom(element: Element): string {
  return getComputedStyle(element).getPropertyValue("--font-mono").trim() || "monospace";
}

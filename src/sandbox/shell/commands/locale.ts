/**
 * What the shell's locale changes in the tools' output. GNU programs quote names in messages with
 * ‘…’ under a UTF-8 locale and with '…' under the C/POSIX locale (the ubuntu image and the node
 * set no LANG, so they run in C).
 */
type Environment = ReadonlyMap<string, string>;

/** The locale category as glibc resolves it: LC_ALL, then LC_<category>, then LANG. */
function localeOf(env: Environment, category: string): string {
  return env.get("LC_ALL") || env.get(category) || env.get("LANG") || "C";
}

function isUtf8Locale(env: Environment): boolean {
  return /utf-?8/i.test(localeOf(env, "LC_MESSAGES"));
}

/** A name as coreutils quotes it in a message. */
export function quoteForLocale(text: string, env: Environment): string {
  return isUtf8Locale(env) ? `‘${text}’` : `'${text}'`;
}

/**
 * `{{fact}}` placeholders in a lab's checks, hints and solution lines. The seed decides pod names
 * and the broken node, so a lab names them by role and a run fills them in.
 */
export type Facts = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_-]*)\s*\}\}/g;

export function fillTemplate(text: string, facts: Facts): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => facts[name] ?? whole);
}

/** Placeholders a text uses that the facts do not define (an authoring error in a lab). */
export function unknownPlaceholders(text: string, facts: Facts): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? "")
    .filter((name) => !(name in facts));
}

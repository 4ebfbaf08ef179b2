import { convertSpokenNumbers } from "./spoken-numbers.ts";
import { normaliseSpokenForms } from "./spoken-forms.ts";

export interface Token {
  /** Normalised text: lower case, mis-hearings fixed, numbers as digits. */
  readonly text: string;
  readonly kind: "word" | "number" | "symbol" | "punctuation";
  /**
   * Index of the clause the token belongs to. Negation is scoped to a clause: in "it isn't the
   * app, the runtime failed" the "not" says nothing about the runtime.
   */
  readonly clause: number;
}

/** Words that start a new clause: contrast, cause and sequence markers of typed and spoken text. */
const clauseOpeners = new Set([
  "but",
  "whereas",
  "however",
  "although",
  "though",
  "because",
  "since",
  "so",
  "then",
  "otherwise",
  "unless",
  "which",
  "while",
  "also",
  "plus",
]);

/** Subjects that open a new clause in run-on speech ("it is not the app it is the runtime"). */
const subjects = new Set(["it", "that", "this", "i", "we", "you"]);
const subjectVerbs = new Set([
  "is",
  "was",
  "would",
  "will",
  "am",
  "are",
  "can",
  "could",
  "do",
  "does",
  "did",
  "has",
  "had",
  "never",
  "means",
  "proves",
  "confirms",
  "usually",
  "always",
  "should",
  "might",
  "may",
]);

/** After these, a subject starts reported speech, not a new clause: "I would not say it is OOM". */
const reportingVerbs = new Set([
  "say",
  "think",
  "believe",
  "assume",
  "claim",
  "mean",
  "means",
  "sure",
  "guess",
  "know",
  "that",
  "treat",
  "prove",
  "proves",
  "show",
  "shows",
]);

/**
 * An exit code followed by one of these is the subject of a new claim ("... is not in the path
 * 126 means it is not executable"): in run-on speech it starts a clause, so a "not" of the
 * previous thought does not negate it.
 */
const claimVerbs = new Set(["means", "mean", "meant", "is", "was", "indicates", "equals"]);
/**
 * Words that tie a number to what comes before it ("exit code 128 means", "above 128 is"). "and"
 * is not one: in "126 is not found and 127 is permission denied" 127 starts its own claim.
 */
const numberAttachers = new Set([
  "exit",
  "code",
  "codes",
  "status",
  "value",
  "with",
  "as",
  "of",
  "than",
  "above",
  "over",
  "below",
  "under",
  "from",
  "to",
  "is",
  "be",
  "not",
  "no",
  "plus",
  "minus",
  "get",
  "see",
  "gives",
  "returns",
]);
/** Only exit codes are claim subjects: "a 2 means" is something else. */
const lowestClaimCode = 100;

function opensNumberClaim(text: string, previous: string, next: string | undefined): boolean {
  return (
    /^\d+$/.test(text) &&
    Number(text) >= lowestClaimCode &&
    claimVerbs.has(next ?? "") &&
    !numberAttachers.has(previous) &&
    !reportingVerbs.has(previous)
  );
}

function kindOf(text: string): Token["kind"] {
  if (/^\d+$/.test(text)) return "number";
  if (/^[a-z]/.test(text)) return "word";
  if (text === "-" || text === "+" || text === "=") return "symbol";
  return "punctuation";
}

/** Splits one sentence into normalised tokens with clause indices. */
export function tokenise(sentence: string): Token[] {
  const normalised = normaliseSpokenForms(sentence)
    .replace(/([a-z])-(?=[a-z])/g, "$1 ")
    // An arrow links what is on its sides ("kill -9 -> 137"); it does not end a clause.
    .replace(/->|=>|\u2192/g, " gives ")
    .replace(/!=|=\/=|\u2260/g, " is not ")
    // Notes write comparisons as symbols: ">128: killed by a signal", "< 126".
    .replace(/(^|[^-=<>])>(?!=)/g, "$1 above ")
    .replace(/<(?![=-])/g, " below ")
    // A spaced slash separates items as a comma does: "StartError / runc / modulo 256".
    .replace(/\s\/\s/g, " , ")
    // A call's parenthesis is not an aside: "exit(128)" reads as "exit 128".
    .replace(/([a-z0-9])\(/g, "$1 ");
  const raw = normalised.match(/[a-z]+|\d+|[-+=,;:!?.()]/g) ?? [];
  const words = convertSpokenNumbers(raw);
  const tokens: Token[] = [];
  let clause = 0;
  // An aside in parentheses is its own clause; after it the sentence goes on in the clause it
  // interrupted ("SIGTERM (15) gives 143" pairs SIGTERM with 143).
  const interrupted: number[] = [];
  let nextClause = 1;
  words.forEach((text, index) => {
    if (text === ")") {
      clause = interrupted.pop() ?? clause;
      return;
    }
    if (text === "(") {
      interrupted.push(clause);
      clause = nextClause++;
      tokens.push({ text: ",", kind: "punctuation", clause });
      return;
    }
    const kind = kindOf(text);
    const previous = tokens.at(-1);
    const opensClause =
      previous !== undefined &&
      previous.kind !== "punctuation" &&
      (clauseOpeners.has(text) ||
        opensNumberClaim(text, previous.text, words[index + 1]) ||
        (subjects.has(text) &&
          subjectVerbs.has(words[index + 1] ?? "") &&
          !reportingVerbs.has(previous.text)));
    if (kind === "punctuation" || opensClause) clause = nextClause++;
    // A semicolon is kept: it parts two statements as a full stop does ("SIGKILL is 9, so 137;
    // SIGTERM is 15, so 143").
    const shown = kind === "punctuation" && text !== ";" ? "," : text;
    tokens.push({ text: shown, kind, clause });
  });
  return tokens;
}

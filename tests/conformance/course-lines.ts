/**
 * The conformance lines the course itself teaches, read from its sources so the corpus follows
 * them: every kubectl line of every lab variant's solution (labs/*\/lab.yaml, run in order on that
 * variant's cluster, earlier kubectl lines first), and every kubectl line of the lessons' command
 * blocks (content/lessons/*.mdx) with their placeholders filled for the runbook scenario.
 *
 * A line is left out when it is not one kubectl command the harness can run as is: shell syntax
 * around it (pipes are cut off: the grep after `|` is the shell's, not kubectl's), an interactive
 * session with no command to run (`debug node/X -it` alone waits for keystrokes), or a placeholder
 * the runbook has nothing for. README "Conformance" lists these kinds.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLabRun } from "../../src/grading/lab/create-lab-run.ts";
import { loadLab } from "../../src/grading/lab/load-labs.ts";
import { splitCommandLine } from "../../src/server/kube-api/conformance.ts";
import type { ConformanceCase } from "./corpus.ts";

const LABS_DIR = "labs";
const LESSONS_DIR = "content/lessons";
/** Commands that wait until Ctrl-C are interrupted after this long, as the corpus' other waits. */
const WAIT_MS = 3000;

/** The text outside quotes, where shell syntax would be. */
function unquoted(line: string): string {
  return line.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, "");
}

/** The kubectl command before an unquoted pipe, or undefined when the line is not one command. */
export function kubectlCommand(line: string): string | undefined {
  let text = line.trim().replace(/^\$\s+/, "");
  if (!text.startsWith("kubectl ")) return undefined;
  const outside = unquoted(text);
  const pipe = outside.indexOf("|");
  if (pipe >= 0) {
    // Cut at the same pipe in the full line: count pipes outside quotes.
    let seen = 0;
    let quote: string | undefined;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === "|" && seen++ === 0) {
        text = text.slice(0, i).trim();
        break;
      }
    }
  }
  if (/[;&$`<>()]/.test(unquoted(text))) return undefined;
  let words: string[];
  try {
    words = splitCommandLine(text);
  } catch {
    return undefined;
  }
  const interactive = words.some((w) => w === "-it" || w === "-i" || w === "--stdin");
  if (interactive && !words.includes("--")) return undefined;
  return text;
}

function waits(command: string): boolean {
  const words = splitCommandLine(command);
  return (
    words.includes("-w") ||
    words.includes("--watch") ||
    (words[1] === "logs" && (words.includes("-f") || words.includes("--follow")))
  );
}

/**
 * Lines not identical yet, with the reason and the part that must change (README lists them).
 * Matched on the command as run, so a fixed line shows up as "now identical".
 */
const KNOWN_DIFFERENCES: readonly { match: RegExp; reason: string }[] = [];

function withKnownDifference(c: ConformanceCase): ConformanceCase {
  const known = KNOWN_DIFFERENCES.find((k) => k.match.test(c.command));
  return known ? { ...c, knownDifference: known.reason } : c;
}

function withWait(c: ConformanceCase): ConformanceCase {
  if (waits(c.command)) return withKnownDifference({ ...c, interruptAfterMs: WAIT_MS });
  if (splitCommandLine(c.command)[1] === "drain")
    return {
      ...withKnownDifference(c),
      linesInAnyOrder:
        "drain evicts the node's pods in parallel goroutines; their evicting/evicted lines come in any order",
    };
  return withKnownDifference(c);
}

/** `-f FILE` of a lab's own file reads it from the lab's folder (undefined: no such file). */
function labFile(command: string, labId: string): string | undefined {
  const match = /(\s)(-f|--filename)(=|\s+)(\S+)/.exec(command);
  if (!match) return command;
  const path = join(LABS_DIR, labId, match[4] ?? "");
  if (!existsSync(path)) return undefined;
  return command.replace(match[0], `${match[1] ?? " "}${match[2] ?? "-f"} ${path}`);
}

function labIds(): string[] {
  return readdirSync(LABS_DIR)
    .filter((id) => existsSync(join(LABS_DIR, id, "lab.yaml")))
    .sort();
}

/** Every kubectl line of every variant's solution, with the lines before it as `before`. */
export function labSolutionCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const id of labIds()) {
    const variants = loadLab(id).variants.length;
    for (let seed = 0; seed < variants; seed++) {
      const before: string[] = [];
      for (const line of createLabRun(id, seed).solution()) {
        const plain = kubectlCommand(line);
        const command = plain === undefined ? undefined : labFile(plain, id);
        if (command === undefined) continue;
        cases.push(withWait({ scenario: `lab:${id}`, seed, before: [...before], command }));
        if (!waits(command)) before.push(command);
      }
    }
  }
  return cases;
}

/** What the lessons' placeholders stand for in the runbook scenario (see corpus.ts). */
const LESSON_PLACEHOLDERS: Readonly<Record<string, string>> = {
  "<pod-name>": "{pod}",
  "<pod>": "{pod}",
  "<node-name>": "{node}",
  "<node>": "{node}",
  "<other-node>": "{good-node}",
  "<image>": "registry.example.com/webapp:1.4.2",
};

const TEST_POD =
  "kubectl run test-pod --image=registry.example.com/webapp:1.4.2 --restart=Never --command -- sleep 60";

/** Every distinct kubectl line of the lessons' code blocks, placeholders filled. */
export function lessonCases(): ConformanceCase[] {
  const seen = new Set<string>();
  const cases: ConformanceCase[] = [];
  for (const file of readdirSync(LESSONS_DIR)
    .filter((f) => f.endsWith(".mdx"))
    .sort()) {
    const text = readFileSync(join(LESSONS_DIR, file), "utf8");
    for (const block of text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
      for (const raw of (block[1] ?? "").split("\n")) {
        let line = raw.replace(/\$NODE\b/g, "<node-name>");
        for (const [placeholder, value] of Object.entries(LESSON_PLACEHOLDERS))
          line = line.split(placeholder).join(value);
        if (/<[a-z-]+>/.test(line)) continue;
        const command = kubectlCommand(line);
        if (command === undefined || seen.has(command)) continue;
        seen.add(command);
        const needsTestPod = command.includes("test-pod") && !command.startsWith("kubectl run ");
        cases.push(
          withWait({
            scenario: "runbook",
            seed: 1,
            before: needsTestPod ? [TEST_POD] : [],
            command,
          }),
        );
      }
    }
  }
  return cases;
}

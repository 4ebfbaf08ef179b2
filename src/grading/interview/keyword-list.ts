import type { Token } from "./tokenise.ts";

/**
 * Jargon a keyword-stuffed answer strings together. Listing terms is not explaining them, so a
 * sentence that is only such a list covers nothing and states no misconception (tools that
 * praise keyword-stuffed answers are a known failure of interview graders).
 */
const jargon = new Set([
  "exit",
  "code",
  "codes",
  "kubelet",
  "containerd",
  "runc",
  "cri",
  "crictl",
  "docker",
  "dmesg",
  "journalctl",
  "cgroup",
  "cgroups",
  "sigkill",
  "sigterm",
  "sigint",
  "sigsegv",
  "segfault",
  "oom",
  "oomkilled",
  "kill",
  "describe",
  "logs",
  "log",
  "previous",
  "kubectl",
  "pod",
  "pods",
  "node",
  "nodes",
  "runtime",
  "starterror",
  "crashloopbackoff",
  "events",
  "signal",
  "signals",
  "kernel",
  "affinity",
  "nodeselector",
  "init",
  "container",
  "containers",
  "memory",
  "limits",
  "git",
  "pid",
  "pids",
  "laststate",
  "error",
  "runcontainererror",
  "startup",
  "cordon",
  "uncordon",
  "restart",
  "verify",
  "drain",
  "systemctl",
  "grace",
  "period",
  "terminationgraceperiodseconds",
  "exec",
  "nodeselector",
]);

/** A sentence of at least this many comma-separated items, nearly all bare terms, is a list. */
const listItems = 5;
/** Comma-separated items of at most this many words count as bare terms. */
const termWords = 2;
/**
 * A longer run of items, every one of at most this many words and none opening with a verb, is
 * a list too: "CI, containerd, exit codes 0-125, git credentials, node problem detector".
 */
const longListItems = 6;
const phraseWords = 3;
/** Verbs a terse step opens with: "look at events" is a step, "node problem detector" a term. */
const stepVerbs = new Set([
  "add",
  "alert",
  "check",
  "compare",
  "confirm",
  "cordon",
  "drain",
  "give",
  "keep",
  "look",
  "make",
  "monitor",
  "mount",
  "move",
  "pin",
  "raise",
  "read",
  "restart",
  "retry",
  "run",
  "scan",
  "set",
  "test",
  "try",
  "use",
  "verify",
  "watch",
]);

function isBarePhrase(item: readonly Token[]): boolean {
  if (item.length > phraseWords) return false;
  return item.length < 2 || !stepVerbs.has(item[0]?.text ?? "");
}

/**
 * Words of an item; a numeric range ("0-125") is one term, not two. A range climbs: "137 - 128"
 * is a subtraction.
 */
function words(tokens: readonly Token[]): Token[] {
  return tokens.filter((token, at) => {
    const from = tokens[at - 2];
    const rangeEnd =
      token.kind === "number" &&
      tokens[at - 1]?.text === "-" &&
      from?.kind === "number" &&
      Number(from.text) < Number(token.text);
    return (token.kind === "word" || token.kind === "number") && !rangeEnd;
  });
}

const kubectlVerbs = new Set(["describe", "logs", "get", "debug", "exec", "run", "top"]);
/** systemd's verbs: "systemctl restart containerd" is a step, however much of it is jargon. */
const systemctlVerbs = new Set(["restart", "status", "start", "stop", "is", "reload"]);

/**
 * A typed command ("kubectl describe pod", "journalctl -u containerd", "kill -9",
 * "systemctl restart containerd") is an action, not a list.
 */
function looksLikeCommand(tokens: readonly Token[]): boolean {
  return tokens.some((token, at) => {
    const next = tokens[at + 1];
    if (token.text === "-" && next?.kind === "word") return true;
    if (token.text === "kill" && next?.text === "-") return true;
    if (token.text === "systemctl" && systemctlVerbs.has(next?.text ?? "")) return true;
    // "kubectl describe dmesg journalctl" names tools; "kubectl describe pod" runs one.
    return (
      token.text === "kubectl" &&
      kubectlVerbs.has(next?.text ?? "") &&
      !toolNames.has(tokens[at + 2]?.text ?? "")
    );
  });
}

/** Names of tools, commands and steps: items naming one are not fields of a command's output. */
const otherTools = new Set([
  "kubectl",
  "describe",
  "logs",
  "previous",
  "journalctl",
  "dmesg",
  "crictl",
  "systemctl",
  "containerd",
  "kubelet",
  "runc",
  "docker",
  "nodeselector",
  "nodename",
  "affinity",
  "cordon",
  "drain",
  "wide",
  "starterror",
]);

/** Other tools, which follow a kubectl verb only in a list of names. */
const toolNames = new Set(["dmesg", "journalctl", "crictl", "systemctl", "containerd", "kubelet"]);
/** A typed command is at most this long; a longer run of jargon around one is still a list. */
const commandWords = 14;

/**
 * Whether a sentence is a bare list of terms: many short comma-separated items
 * ("containerd, runc, kubelet, dmesg, OOM, 137"), a longer run of short noun phrases, or a run of jargon with hardly any other word
 * ("kubelet containerd runc dmesg journalctl cgroup") that is not a typed command.
 */
export function isKeywordList(tokens: readonly Token[]): boolean {
  const items: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === "punctuation") items.push([]);
    else items.at(-1)?.push(token);
  }
  const filled = items.map(words).filter((item) => item.length > 0);
  const shortItems = filled.filter((item) => item.length <= termWords).length;
  // "kubectl describe pod: last state, reason, message, events": a command and the fields to read
  // in its output is a step; "kubectl logs -p, describe, journalctl, dmesg" names more tools.
  const [first, ...rest] = items.filter((item) => item.length > 0);
  const readsFields =
    looksLikeCommand(first ?? []) &&
    rest.every((item) => item.every((token) => !otherTools.has(token.text)));
  if (readsFields) return false;
  if (filled.length >= listItems && shortItems / filled.length >= 0.8) return true;
  const all = words(tokens);
  if (looksLikeCommand(tokens) && all.length < commandWords) return false;
  if (filled.length >= longListItems && filled.every(isBarePhrase)) return true;
  const jargonCount = all.filter((token) => token.kind === "number" || jargon.has(token.text));
  return all.length >= 6 && jargonCount.length / all.length >= 0.8;
}

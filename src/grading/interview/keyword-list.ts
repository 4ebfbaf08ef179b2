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
]);

/** A sentence of at least this many comma-separated items, nearly all bare terms, is a list. */
const listItems = 5;
/** Comma-separated items of at most this many words count as bare terms. */
const termWords = 2;

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
    return token.text === "kubectl" && kubectlVerbs.has(next?.text ?? "");
  });
}

/**
 * Whether a sentence is a bare list of terms: many short comma-separated items
 * ("containerd, runc, kubelet, dmesg, OOM, 137"), or a run of jargon with hardly any other word
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
  if (filled.length >= listItems && shortItems / filled.length >= 0.8) return true;
  if (looksLikeCommand(tokens)) return false;
  const all = words(tokens);
  const jargonCount = all.filter((token) => token.kind === "number" || jargon.has(token.text));
  return all.length >= 6 && jargonCount.length / all.length >= 0.8;
}

/**
 * Rewrites what speech recognition and casual typing produce into the words the phrase lists
 * use. Browsers' speech recognition has no grammar support (grammars have no effect in Chrome),
 * so Kubernetes jargon comes back as everyday words: "cube let" for kubelet, "container d" for
 * containerd, "d message" for dmesg, "c group" for cgroup, "sig kill" for SIGKILL.
 */
const misHearings: readonly (readonly [RegExp, string])[] = [
  [/\b(?:cube|kube|cuba|queue) ?(?:control|ctl|cuddle|cuttle|cattle|c t l)\b/g, "kubectl"],
  [/\b(?:cube|kube|cuba|queue) ?(?:let|lit|lid|lett)s?\b/g, "kubelet"],
  [/\bcontainer(?:ed| d| dee| day|-d)\b/g, "containerd"],
  [/\b(?:d|dee) (?:message|messages|mesg|meg|mess)\b/g, "dmesg"],
  [/\b(?:demesg|dimesg|d-message|dmessage)\b/g, "dmesg"],
  [/\b(?:c|see|sea|c-) ?groups?\b/g, "cgroup"],
  [/\b(?:sig|sick|seg|signal) ?kill\b/g, "sigkill"],
  [/\b(?:sig|sick) ?term\b/g, "sigterm"],
  [/\b(?:sig|sick) ?int\b/g, "sigint"],
  [/\b(?:sig|sick) ?seg ?v\b/g, "sigsegv"],
  [/\bseg(?:mentation)? ?fault\b/g, "segfault"],
  [/\b(?:sig|sick) ?(?:abrt|abort)\b/g, "sigabrt"],
  [/\bjournal ?(?:ctl|control|cuttle|cattle|c t l)\b/g, "journalctl"],
  [/\bsystem ?(?:ctl|control|cuttle|cattle|c t l)\b/g, "systemctl"],
  [/\b(?:cry|cri|cris) ?(?:ctl|control|cuttle|c t l)\b/g, "crictl"],
  [/\brun ?(?:c|see)\b(?! (?:program|file|script))/g, "runc"],
  [/\b(?:o o m|oh oh em|o\.o\.m\.?)\b/g, "oom"],
  [/\bstart ?error\b/g, "starterror"],
  [/\blast ?state\b/g, "laststate"],
  [/\b(?:exit status|return code|status code|return value|exit value)\b/g, "exit code"],
  [/\bdash\b/g, "-"],
  // Abbreviations whose dots would otherwise split a claim into one-letter "items".
  [/\be\.g\.?(?=\s|,|$)/g, "for example"],
  [/\bi\.e\.?(?=\s|,|$)/g, "that is"],
  // kubectl drain's flag, typed or spoken: a flag, not a decision to ignore anything.
  [/\bignore[- ]daemon ?sets\b/g, "ignoredaemonsets"],
  // Not having permission is a permission problem, not a denial of one.
  [
    /\b(?:do|does|did) not have (?:the |any )?(permission|permissions|rights|access)\b/g,
    "lacks $1",
  ],
  // "127: no permission" names a missing permission, not the absence of a permission problem.
  [
    /\bno (permission|permissions)\b(?! (?:issue|issues|problem|problems|error|errors)\b)/g,
    "lacks $1",
  ],
];

/** Contractions become two words so "isn't" carries the negation "not" like "is not" does. */
const contractions: readonly (readonly [RegExp, string])[] = [
  [/\bwon't\b/g, "will not"],
  [/\bcan't\b/g, "can not"],
  [/\bcannot\b/g, "can not"],
  [/\bain't\b/g, "is not"],
  [/n't\b/g, " not"],
  [/'d\b/g, " would"],
  [/'ll\b/g, " will"],
  [/'re\b/g, " are"],
  [/'ve\b/g, " have"],
  [/'m\b/g, " am"],
  [/\b(it|that|there|what|here|he|she)'s\b/g, "$1 is"],
  [/'s\b/g, ""],
];

/** Lower-cases text and applies the mis-hearing and contraction rewrites. */
export function normaliseSpokenForms(text: string): string {
  let result = text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
  for (const [pattern, replacement] of contractions) result = result.replace(pattern, replacement);
  for (const [pattern, replacement] of misHearings) result = result.replace(pattern, replacement);
  return result;
}

/**
 * `git clone` and `git ls-remote` against the scenario's git server, as git 2.4x answers them in
 * a container (no terminal, so no prompts): every fatal error ends with status 128. What the server says follows
 * GitHub's smart-HTTP behaviour:
 * - anonymous requests for a private or non-existent repository get 401, so git asks for a
 *   username it cannot read: "fatal: could not read Username for 'https://github.com': No such
 *   device or address" (a username without a password asks for the password the same way);
 * - a token the server does not know: "remote: Invalid username or token. Password
 *   authentication is not supported for Git operations." then git's "fatal: Authentication
 *   failed for '<url>/'" (GitHub's wording since 2024, seen in many issue reports);
 * - a valid token for a repository that does not exist or that it may not read: "remote:
 *   Repository not found." then "fatal: repository '<url>/' not found";
 * - a host nobody resolves: "fatal: unable to access '<url>/': Could not resolve host: <host>";
 * - ssh URLs without a known_hosts entry: "Host key verification failed."
 * git names the repository without the credentials (transport_anonymize_url) and with a trailing
 * slash; a clone prints "Cloning into '<dir>'..." first, as the directory was given, and
 * ls-remote prints the same fatal lines alone, or `<sha>\t<ref>` lines on stdout.
 */
import type { GitRepository, ProcessSpec } from "../../schemas/scenario.ts";

/** Options of `git clone` that take a value as the next argument. */
const VALUE_OPTIONS = new Set([
  "--depth",
  "-b",
  "--branch",
  "-o",
  "--origin",
  "-c",
  "--config",
  "--reference",
  "--filter",
  "-u",
  "--upload-pack",
  "--template",
  "--separate-git-dir",
  "-j",
  "--jobs",
  "--shallow-since",
  "--shallow-exclude",
]);

interface CloneRequest {
  url: string;
  directory: string;
}

/** The URL and directory of `git [-c k=v ...] clone [options] <url> [<dir>]`, or undefined. */
export function parseClone(argv: readonly string[]): CloneRequest | undefined {
  if (argv[0]?.split("/").at(-1) !== "git") return undefined;
  let i = 1;
  while (i < argv.length && argv[i] !== "clone") i += argv[i] === "-c" ? 2 : 1;
  if (argv[i] !== "clone") return undefined;
  const positional: string[] = [];
  for (i += 1; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("-")) {
      if (VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    positional.push(arg);
  }
  const url = positional[0];
  if (url === undefined) return undefined;
  const humanish =
    url
      .replace(/\/+$/, "")
      .replace(/\.git$/, "")
      .split(/[/:]/)
      .at(-1) ?? "repo";
  return { url, directory: positional[1] ?? humanish };
}

/** Shell words of a simple command: split on blanks, quotes removed (no escapes, no globbing). */
function words(command: string): string[] {
  return (command.match(/"[^"]*"|'[^']*'|[^\s"']+/g) ?? []).map((w) =>
    w.replace(/^["']|["']$/g, ""),
  );
}

/**
 * The clone in a container's command line: `git clone ...` itself, or inside `sh -c '...'` (the
 * usual way to pass a token: `git clone https://x:${TOKEN}@host/repo`), where the shell expands
 * $VAR and ${VAR} from the container's environment (an unset one becomes empty).
 */
export function findClone(
  argv: readonly string[],
  env: ReadonlyMap<string, string>,
  files: ReadonlyMap<string, string> = new Map(),
): CloneRequest | undefined {
  const direct = parseClone(argv);
  if (direct) return direct;
  const shell = argv[0]?.split("/").at(-1);
  const script = argv[2];
  if (!["sh", "bash", "ash"].includes(shell ?? "") || argv[1] !== "-c" || script === undefined)
    return undefined;
  // `$(cat /etc/git-secret/token)` reads a mounted Secret's file; command substitution drops
  // the trailing newlines. A file that is not there gives an empty word, as cat's error goes
  // to stderr.
  const expanded = script
    .replace(
      /\$\(\s*cat\s+([^\s)]+)\s*\)|`\s*cat\s+([^\s`]+)\s*`/g,
      (_match, inParens?: string, inBackticks?: string) =>
        (files.get(inParens ?? inBackticks ?? "") ?? "").replace(/\n+$/, ""),
    )
    .replace(
      /\$\{(\w+)\}|\$(\w+)/g,
      (_match, braced?: string, bare?: string) => env.get(braced ?? bare ?? "") ?? "",
    );
  for (const command of expanded.split(/&&|\|\||[;\n|]/)) {
    const tokens = words(command);
    const clone = parseClone(tokens[0] === "exec" ? tokens.slice(1) : tokens);
    if (clone) return clone;
  }
  return undefined;
}

interface ParsedUrl {
  host: string;
  /** scheme://host/path without credentials: how git names the repository in its messages. */
  anonymous: string;
  username: string | undefined;
  password: string | undefined;
}

function parseHttpsUrl(url: string): ParsedUrl | undefined {
  const match = /^(https?):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/]+)(\/.*)?$/.exec(url);
  if (!match) return undefined;
  const [, scheme = "https", username, password, host = "", path = "/"] = match;
  return {
    host,
    anonymous: `${scheme}://${host}${path}`,
    username: username === undefined || username === "" ? undefined : username,
    password: password === undefined || password === "" ? undefined : password,
  };
}

/** github.com/acme/site-content and .../site-content.git/ name the same repository. */
function repositoryKey(url: string): string {
  return url
    .replace(/^https?:\/\//, "")
    .replace(/\/+$/, "")
    .replace(/\.git$/, "")
    .toLowerCase();
}

function hostOf(url: string): string {
  return /^https?:\/\/([^/]+)/.exec(url)?.[1]?.toLowerCase() ?? "";
}

function failure(directory: string, lines: readonly string[]): ProcessSpec {
  return {
    exitValue: 128,
    runSeconds: 1,
    logs: [
      { atSeconds: 0, text: `Cloning into '${directory}'...`, stream: "stderr" },
      ...lines.map((text) => ({ atSeconds: 1, text, stream: "stderr" as const })),
    ],
    memoryMi: 6,
    pids: 1,
    forks: false,
    stopsOnSigterm: true,
  };
}

/**
 * Why git cannot read `url` from these repositories (its stderr lines), or undefined when it can.
 * The server's answers are those the file comment lists.
 */
function denial(url: string, repositories: readonly GitRepository[]): string[] | undefined {
  const ssh = /^(?:ssh:\/\/)?[^@/]+@[^:/]+[:/]/.exec(url);
  if (ssh && !url.startsWith("http")) {
    return [
      "Host key verification failed.",
      "fatal: Could not read from remote repository.",
      "",
      "Please make sure you have the correct access rights",
      "and the repository exists.",
    ];
  }
  const parsed = parseHttpsUrl(url);
  if (!parsed) return [`fatal: repository '${url}' does not exist`];
  const shown = parsed.anonymous.endsWith("/") ? parsed.anonymous : `${parsed.anonymous}/`;
  const host = parsed.host.toLowerCase();
  const onHost = repositories.filter((r) => hostOf(r.url) === host);
  if (onHost.length === 0) {
    return [`fatal: unable to access '${shown}': Could not resolve host: ${parsed.host}`];
  }
  const repository = onHost.find((r) => repositoryKey(r.url) === repositoryKey(parsed.anonymous));
  // A public repository answers without asking for credentials, so git never sends them.
  if (repository && !repository.private) return undefined;
  if (parsed.username === undefined) {
    return [
      `fatal: could not read Username for 'https://${parsed.host}': No such device or address`,
    ];
  }
  if (parsed.password === undefined) {
    return [
      `fatal: could not read Password for 'https://${parsed.username}@${parsed.host}': No such device or address`,
    ];
  }
  const token = parsed.password;
  if (!onHost.some((r) => r.tokens.includes(token))) {
    const remote =
      host === "github.com"
        ? [
            "remote: Invalid username or token. Password authentication is not supported for Git operations.",
          ]
        : [];
    return [...remote, `fatal: Authentication failed for '${shown}'`];
  }
  if (!repository?.tokens.includes(token)) {
    return ["remote: Repository not found.", `fatal: repository '${shown}' not found`];
  }
  return undefined;
}

/** What `git clone` does against these repositories: a clean clone, or git's fatal error. */
export function cloneProcess(
  request: CloneRequest,
  repositories: readonly GitRepository[],
): ProcessSpec {
  const lines = denial(request.url, repositories);
  return lines ? failure(request.directory, lines) : success(request.directory);
}

interface LsRemoteRequest {
  url: string;
  heads: boolean;
  tags: boolean;
  /** --refs: no pseudo-refs (HEAD). */
  refsOnly: boolean;
  /** Patterns a ref must end with, after a slash (git's tail match). */
  patterns: string[];
}

/** `git [-c k=v ...] ls-remote [options] <repository> [<patterns>...]`, or undefined. */
export function parseLsRemote(argv: readonly string[]): LsRemoteRequest | undefined {
  if (argv[0]?.split("/").at(-1) !== "git") return undefined;
  let i = 1;
  while (i < argv.length && argv[i] !== "ls-remote") i += argv[i] === "-c" ? 2 : 1;
  if (argv[i] !== "ls-remote") return undefined;
  const request: LsRemoteRequest = {
    url: "",
    heads: false,
    tags: false,
    refsOnly: false,
    patterns: [],
  };
  const positional: string[] = [];
  for (i += 1; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "-h" || arg === "--heads" || arg === "--branches") request.heads = true;
    else if (arg === "-t" || arg === "--tags") request.tags = true;
    else if (arg === "--refs") request.refsOnly = true;
    else if (arg === "--upload-pack" || arg === "-o" || arg === "--server-option") i++;
    else if (!arg.startsWith("-")) positional.push(arg);
  }
  const [url, ...patterns] = positional;
  if (url === undefined) return undefined;
  return { ...request, url, patterns };
}

/**
 * A commit id for a repository's default branch: the same for the same URL on every run, as a
 * repository nobody pushes to keeps its head (FNV-1a over the URL, five rounds of 32 bits).
 */
function headCommit(url: string): string {
  let hex = "";
  for (let round = 0; round < 5; round++) {
    let hash = 0x811c9dc5;
    for (const char of `${round}:${repositoryKey(url)}`) {
      hash ^= char.charCodeAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hex += hash.toString(16).padStart(8, "0");
  }
  return hex;
}

/**
 * What `git ls-remote` prints: HEAD and refs/heads/main (the repository's one branch) with its
 * commit, tab-separated, filtered as --heads, --tags, --refs and patterns ask; or git's fatal lines.
 */
export function lsRemoteProcess(
  request: LsRemoteRequest,
  repositories: readonly GitRepository[],
): ProcessSpec {
  const lines = denial(request.url, repositories);
  if (lines) {
    return {
      ...failure("", lines),
      logs: lines.map((text) => ({ atSeconds: 1, text, stream: "stderr" as const })),
    };
  }
  const commit = headCommit(request.url);
  const refs = ["HEAD", "refs/heads/main"]
    .filter((ref) => !(request.heads || request.tags || request.refsOnly) || ref !== "HEAD")
    .filter((ref) => !request.tags || request.heads || !ref.startsWith("refs/heads/"))
    .filter(
      (ref) =>
        request.patterns.length === 0 ||
        request.patterns.some((pattern) => ref === pattern || ref.endsWith(`/${pattern}`)),
    );
  return {
    exitValue: 0,
    runSeconds: 1,
    logs: refs.map((ref) => ({
      atSeconds: 1,
      text: `${commit}\t${ref}`,
      stream: "stdout" as const,
    })),
    memoryMi: 6,
    pids: 1,
    forks: false,
    stopsOnSigterm: true,
  };
}

/**
 * git's own behaviour when a container's process is git (or `sh -c` running a clone): an
 * ls-remote against the scenario's repositories (no host resolves when it has none), and a clone
 * when it has some; without repositories a clone is the image's scripted process, as the
 * git-init-container fault writes it. Undefined for any other process.
 */
export function gitProcess(
  argv: readonly string[],
  env: ReadonlyMap<string, string>,
  repositories: readonly GitRepository[],
  files: ReadonlyMap<string, string> = new Map(),
): ProcessSpec | undefined {
  const clone = repositories.length > 0 ? findClone(argv, env, files) : undefined;
  if (clone) return cloneProcess(withStoredCredentials(clone, argv, env, files), repositories);
  const lsRemote = parseLsRemote(argv);
  return lsRemote ? lsRemoteProcess(lsRemote, repositories) : undefined;
}

/**
 * git's `store` credential helper (`-c credential.helper='store --file=/etc/git-creds/.git-credentials'`
 * on the command line, or `git config --global credential.helper store` earlier in a script):
 * for a URL without credentials git asks the helper, which reads `https://user:token@host` lines
 * from the file ($HOME/.git-credentials by default) and answers the first for the URL's host.
 */
function withStoredCredentials(
  request: CloneRequest,
  argv: readonly string[],
  env: ReadonlyMap<string, string>,
  files: ReadonlyMap<string, string>,
): CloneRequest {
  const parsed = parseHttpsUrl(request.url);
  if (!parsed || parsed.username !== undefined) return request;
  const helper = /credential\.helper[= ]\s*["']?store(?:\s+--file[= ]([^\s"']+))?/.exec(
    argv.join(" "),
  );
  if (!helper) return request;
  const path = helper[1] ?? `${env.get("HOME") ?? "/root"}/.git-credentials`;
  for (const line of (files.get(path) ?? "").split("\n")) {
    const stored = parseHttpsUrl(line.trim());
    if (stored?.host.toLowerCase() !== parsed.host.toLowerCase()) continue;
    if (stored.username === undefined) continue;
    const scheme = request.url.startsWith("http://") ? "http" : "https";
    const credentials = `${stored.username}${stored.password === undefined ? "" : `:${stored.password}`}`;
    return { ...request, url: request.url.replace(`${scheme}://`, `${scheme}://${credentials}@`) };
  }
  return request;
}

function success(directory: string): ProcessSpec {
  return {
    exitValue: 0,
    runSeconds: 2,
    logs: [{ atSeconds: 0, text: `Cloning into '${directory}'...`, stream: "stderr" }],
    memoryMi: 12,
    pids: 2,
    forks: false,
    stopsOnSigterm: true,
  };
}

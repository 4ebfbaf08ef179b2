/**
 * `docker` on the learner's workstation, as the docker 28 CLI (28.5.2) and its daemon answer,
 * running the scenario's images with Docker's own behaviour, which differs from Kubernetes': when
 * runc cannot exec the entrypoint, `docker run` exits 127 (not found) or 126 (permission denied)
 * and the daemon's error goes to stderr (cli/command/container/run.go toStatusError), where
 * containerd under the kubelet records StartError with exit code 128. A process that runs ends
 * with its own exit value modulo 256; over its --memory limit it is OOM-killed (137).
 *
 * `--entrypoint` replaces the image's ENTRYPOINT and the words after the image replace its CMD
 * (the daemon fills CMD from the image only when no entrypoint was given): a shell started that
 * way (`--entrypoint sh IMAGE -c 'ls -l /app'`) runs in the image's own files, so it shows what
 * the image really holds, such as an entrypoint without its execute bit.
 *
 * Also `images`/`image ls`, `pull`, `ps [-a] [-q]`, `logs`, `inspect` of containers and images
 * (`-f` Go templates), `image inspect`, `stop`, `kill`, `rm [-f]`, and the CLI's own errors
 * (cli/required.go, cli/cobra.go FlagErrorFunc).
 */
import { InMemoryFs, defineCommand } from "just-bash";
import type { Command } from "just-bash";
import type { GitRepository, ImageSpec, ProcessSpec } from "../../../schemas/scenario.ts";
import { wrapExitValue } from "../../cluster/exit-status.ts";
import { gitProcess } from "../../cluster/git-remote.ts";
import { effectiveProcess } from "../../cluster/process-behaviour.ts";
import { checkExec, execFormatFailure } from "../../cluster/runtime-errors.ts";
import { humanDuration } from "../node-tools/crictl.ts";
import { Shell } from "../shell.ts";
import { imageUserland, osRelease, shellDialect } from "../userland.ts";
import type { Userland } from "../userland.ts";

export interface DockerHost {
  /** Images pulled on the workstation (the scenario's catalogue), for `docker images`. */
  images(): readonly ImageSpec[];
  /** Any image docker can run: the catalogue and the well-known public ones. */
  image(reference: string): ImageSpec | undefined;
  now(): number;
  /** Lets the container's run time pass. */
  advance(ms: number): void;
  random(): number;
  /** Resolves on Ctrl-C, or at once when no one can press it (a script). */
  waitForInterrupt(): Promise<void>;
  /** The scenario's git remotes: `git clone` in a container answers as against the cluster's. */
  gitRepositories(): readonly GitRepository[];
}

interface DockerResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface Container {
  id: string;
  name: string;
  image: ImageSpec;
  /** ENTRYPOINT and CMD as the container was created with them (docker inspect's Config). */
  entrypoint: readonly string[];
  cmd: readonly string[];
  argv: string[];
  createdMs: number;
  startedMs: number;
  /** When a container left running ends by itself (a detached `sleep 5`); undefined: never. */
  endsAtMs: number | undefined;
  finishedMs: number | undefined;
  /** Its exit code once finished (the planned one while it still runs). */
  exitCode: number;
  oomKilled: boolean;
  error: string;
  memoryBytes: number;
  nanoCpus: number;
  stopsOnSigterm: boolean;
  logs: { stream: "stdout" | "stderr"; text: string }[];
}

interface RunOptions {
  remove: boolean;
  detach: boolean;
  name: string | undefined;
  memoryBytes: number;
  nanoCpus: number;
  /** --entrypoint: the new ENTRYPOINT ([] for `--entrypoint ""`), undefined when not given. */
  entrypoint: string[] | undefined;
  env: string[];
  workdir: string | undefined;
  image: string;
  command: string[];
}

const DOCKER_VERSION = "28.5.2";
const DOCKER_BUILD = "ecc6942";
const RUN_USAGE = "docker run [OPTIONS] IMAGE [COMMAND] [ARG...]";
const USAGES: Readonly<Record<string, string>> = {
  logs: "docker logs [OPTIONS] CONTAINER",
  rm: "docker rm [OPTIONS] CONTAINER [CONTAINER...]",
  stop: "docker stop [OPTIONS] CONTAINER [CONTAINER...]",
  kill: "docker kill [OPTIONS] CONTAINER [CONTAINER...]",
  inspect: "docker inspect [OPTIONS] NAME|ID [NAME|ID...]",
  "image inspect": "docker image inspect [OPTIONS] IMAGE [IMAGE...]",
  pull: "docker pull [OPTIONS] NAME[:TAG|@DIGEST]",
};
const DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
/** `docker stop`'s default timeout before SIGKILL. */
const STOP_TIMEOUT_MS = 10_000;
/** The catalogue's images were built two weeks before the session (docker images: CREATED). */
const IMAGE_AGE_MS = 14 * 86_400_000;

const ADJECTIVES = [
  "admiring",
  "brave",
  "clever",
  "dazzling",
  "eager",
  "festive",
  "gifted",
  "happy",
  "jolly",
  "keen",
  "loving",
  "modest",
  "nifty",
  "quirky",
  "serene",
  "vibrant",
];
const SURNAMES = [
  "babbage",
  "curie",
  "darwin",
  "einstein",
  "feynman",
  "hopper",
  "lovelace",
  "meitner",
  "noether",
  "pasteur",
  "ritchie",
  "shannon",
  "thompson",
  "turing",
  "wozniak",
  "yonath",
];

/**
 * Programs the base images' userlands have besides what the catalogue lists: Ubuntu's coreutils,
 * grep, sed and util-linux in /usr/bin, BusyBox's applets in busybox and alpine.
 */
const COMMON_PROGRAMS = [
  "cat",
  "chmod",
  "cp",
  "date",
  "df",
  "echo",
  "env",
  "false",
  "grep",
  "head",
  "hostname",
  "id",
  "ls",
  "mkdir",
  "mv",
  "printf",
  "pwd",
  "rm",
  "sed",
  "sleep",
  "stat",
  "tail",
  "test",
  "touch",
  "true",
  "uname",
  "wc",
  "whoami",
];
const USERLAND_PROGRAMS: Readonly<Record<Userland, ReadonlySet<string>>> = {
  ubuntu: new Set([...COMMON_PROGRAMS, "bash", "dmesg", "sh"]),
  busybox: new Set([...COMMON_PROGRAMS, "ash", "sh"]),
  alpine: new Set([...COMMON_PROGRAMS, "ash", "sh"]),
};
/**
 * The shell's text tools that a base image does not have: ubuntu:24.04 has no jq, ripgrep,
 * column or rev (bsdextrautils), strings (binutils), tree or file; BusyBox 1.36 has no bash,
 * join or column either.
 */
const ABSENT_TOOLS: Readonly<Record<Userland, readonly string[]>> = {
  ubuntu: ["column", "file", "jq", "rev", "rg", "strings", "tree", "yq", "xan", "sqlite3"],
  busybox: ["bash", "column", "file", "join", "jq", "rg", "yq", "xan", "sqlite3"],
  alpine: ["bash", "column", "file", "join", "jq", "rg", "yq", "xan", "sqlite3"],
};
const SHELL_NAMES = new Set(["sh", "bash", "ash"]);
/** What a native binary's first page looks like to `cat` and `ls -l`: its ELF magic, then zeros. */
const ELF_STUB = `\x7fELF${"\0".repeat(4092)}`;
const ROOT_DIRS = [
  "bin",
  "dev",
  "etc",
  "home",
  "lib",
  "mnt",
  "opt",
  "proc",
  "root",
  "run",
  "sbin",
  "srv",
  "sys",
  "tmp",
  "usr",
  "var",
];

const quote = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;

const fail = (stderr: string, exitCode = 1): DockerResult => ({ stdout: "", stderr, exitCode });
const ok = (stdout: string, stderr = ""): DockerResult => ({ stdout, stderr, exitCode: 0 });

/** run.go withHelp: the daemon's or the CLI's error for `docker run`. */
const runError = (message: string, exitCode: number): DockerResult =>
  fail(`docker: ${message}\n\nRun 'docker run --help' for more information\n`, exitCode);

/** cli/cobra.go FlagErrorFunc: a flag that does not parse, with the usage line; status 125. */
const flagError = (message: string, command: string, usage: string): DockerResult =>
  fail(
    `${message}\n\nUsage:  ${usage}\n\nRun 'docker ${command} --help' for more information\n`,
    125,
  );

/** cli/required.go: RequiresMinArgs says "See", ExactArgs "Run"; both exit 1. */
function missingArguments(command: string, exact: boolean): DockerResult {
  const usage = command === "run" ? RUN_USAGE : (USAGES[command] ?? `docker ${command}`);
  const wants = exact ? "requires 1 argument" : "requires at least 1 argument";
  const footer = exact ? "Run" : "See";
  return fail(
    `docker: 'docker ${command}' ${wants}\n\nUsage:  ${usage}\n\n${footer} 'docker ${command} --help' for more information\n`,
  );
}

/** Docker's byte units are binary: 256m is 256 MiB. */
function parseMemory(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([bkmg]?)$/i.exec(text.trim());
  if (!match) return undefined;
  const factor =
    { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? "").toLowerCase()] ?? 1;
  return Math.floor(Number(match[1]) * factor);
}

const RUN_BOOLEANS: Readonly<Record<string, "remove" | "detach" | undefined>> = {
  "--rm": "remove",
  "-d": "detach",
  "--detach": "detach",
  "-i": undefined,
  "--interactive": undefined,
  "-t": undefined,
  "--tty": undefined,
  "--init": undefined,
  "--privileged": undefined,
};
const RUN_IGNORED_VALUES = new Set([
  "-v",
  "--volume",
  "-u",
  "--user",
  "--network",
  "-p",
  "--publish",
  "--platform",
  "--pull",
  "-h",
  "--hostname",
]);

/** pflag's parse of `docker run`'s flags up to the image; a string is the flag error. */
function parseRun(args: readonly string[]): RunOptions | string {
  const options: RunOptions = {
    remove: false,
    detach: false,
    name: undefined,
    memoryBytes: 0,
    nanoCpus: 0,
    entrypoint: undefined,
    env: [],
    workdir: undefined,
    image: "",
    command: [],
  };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (!arg.startsWith("-") || arg === "-") {
      options.image = arg;
      options.command = args.slice(index + 1);
      return options;
    }
    const equals = arg.indexOf("=");
    const flag = arg.startsWith("--") && equals > 0 ? arg.slice(0, equals) : arg;
    const inline = flag === arg ? undefined : arg.slice(equals + 1);
    const value = (): string | undefined => inline ?? args[(index += 1)];
    if (flag in RUN_BOOLEANS) {
      const field = RUN_BOOLEANS[flag];
      if (field !== undefined) options[field] = true;
      continue;
    }
    // Short booleans run together: -it, -dit, -ti.
    if (/^-[dit]{2,}$/.test(flag)) {
      if (flag.includes("d")) options.detach = true;
      continue;
    }
    const known =
      RUN_IGNORED_VALUES.has(flag) ||
      [
        "--name",
        "-e",
        "--env",
        "-w",
        "--workdir",
        "-m",
        "--memory",
        "--cpus",
        "--entrypoint",
      ].includes(flag);
    if (!known)
      return flag.startsWith("--")
        ? `unknown flag: ${flag}`
        : `unknown shorthand flag: '${flag.charAt(1)}' in ${flag}`;
    const text = value();
    // pflag: "flag needs an argument: --name", for a shorthand "'e' in -e".
    if (text === undefined)
      return `flag needs an argument: ${flag.startsWith("--") ? flag : `'${flag.charAt(1)}' in ${flag}`}`;
    switch (flag) {
      case "--name":
        options.name = text;
        break;
      case "-e":
      case "--env":
        options.env.push(text);
        break;
      case "-w":
      case "--workdir":
        options.workdir = text;
        break;
      case "-m":
      case "--memory": {
        const bytes = parseMemory(text);
        if (bytes === undefined)
          return `invalid argument "${text}" for "-m, --memory" flag: invalid size: '${text}'`;
        options.memoryBytes = bytes;
        break;
      }
      case "--cpus": {
        const cpus = Number(text);
        if (text === "" || !Number.isFinite(cpus) || cpus < 0)
          return `invalid argument "${text}" for "--cpus" flag: failed to parse ${text} as a rational number`;
        options.nanoCpus = Math.round(cpus * 1e9);
        break;
      }
      case "--entrypoint":
        // opts.go: `--entrypoint=""` resets the image's entrypoint.
        options.entrypoint = text === "" ? [] : [text];
        break;
      default:
        // The flags docker takes but the sandbox has no use for (-v, -p, --network...).
        break;
    }
  }
  return "";
}

/** Go's %q-ish quoting docker ps uses for COMMAND, cut to 20 characters with an ellipsis. */
function commandColumn(argv: readonly string[]): string {
  const text = argv.join(" ");
  return `"${text.length > 20 ? `${text.slice(0, 19)}…` : text}"`;
}

/** Go's tabwriter with minwidth 10 and padding 3, as docker's table formatter sets it up. */
function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, Math.max(10, Array.from(cell).length + 3));
    });
  }
  return rows
    .map(
      (row) =>
        row
          .map((cell, column) =>
            column === row.length - 1
              ? cell
              : cell + " ".repeat(Math.max(0, (widths[column] ?? 0) - Array.from(cell).length)),
          )
          .join("")
          .trimEnd() + "\n",
    )
    .join("");
}

const iso = (ms: number | undefined): string =>
  ms === undefined
    ? "0001-01-01T00:00:00Z"
    : new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");

/** A stable hex string of `length` digits for a name: image IDs, digests, layers. */
function hexOf(name: string, salt: string, length: number): string {
  let hex = "";
  let hash = 2166136261;
  for (let round = 0; hex.length < length; round += 1) {
    for (const char of `${salt}:${name}:${round}`)
      hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
    hex += hash.toString(16).padStart(8, "0");
  }
  return hex.slice(0, length);
}

/** reference.FamiliarString with the default tag: `busybox` is `busybox:latest`. */
function tagged(reference: string): string {
  const slash = reference.lastIndexOf("/");
  return reference.lastIndexOf(":") > slash || reference.includes("@")
    ? reference
    : `${reference}:latest`;
}

function repositoryAndTag(reference: string): [string, string] {
  const full = tagged(reference);
  const colon = full.lastIndexOf(":");
  return [full.slice(0, colon), full.slice(colon + 1)];
}

/** The path a registry knows the repository by: Docker Hub's official images are `library/X`. */
function remotePath(repository: string): string {
  const parts = repository.split("/");
  const first = parts[0] ?? "";
  if (parts.length === 1) return `library/${repository}`;
  return first.includes(".") || first.includes(":") ? parts.slice(1).join("/") : repository;
}

/** Fields Go prints as its zero value when the JSON left them out (omitempty): `[]`, `map[]`. */
const ZERO_VALUES: Readonly<Record<string, string>> = {
  Entrypoint: "[]",
  Cmd: "[]",
  Env: "[]",
  OnBuild: "[]",
  Shell: "[]",
  Labels: "map[]",
  ExposedPorts: "map[]",
  Volumes: "map[]",
  WorkingDir: "",
  User: "",
  StopSignal: "",
};

/** How Go's text/template prints a value: slices `[a b]`, maps `map[k:v]`, structs `{a b}`. */
function goValue(value: unknown, key: string): string {
  if (value === undefined) return ZERO_VALUES[key] ?? "<no value>";
  if (value === null) return ZERO_VALUES[key] ?? "<nil>";
  if (Array.isArray(value)) return `[${value.map((item) => goValue(item, "")).join(" ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (key === "Labels" || key === "Data")
      return `map[${entries
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}:${goValue(v, k)}`)
        .join(" ")}]`;
    return `{${entries.map(([k, v]) => goValue(v, k)).join(" ")}}`;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * docker's `-f` templates as troubleshooting uses them: field paths (`{{.State.ExitCode}}`,
 * `{{.Config.Entrypoint}}`) and `{{json .Path}}` (templates.go: json.Encoder, no HTML escaping).
 */
function goTemplate(template: string, data: unknown): string {
  return template.replace(
    /\{\{\s*(json\s+)?((?:\.[A-Za-z]+)+|\.)\s*\}\}/g,
    (_, json: string | undefined, path: string) => {
      let value: unknown = data;
      const keys = path === "." ? [] : path.split(".").slice(1);
      for (const key of keys)
        value =
          typeof value === "object" && value !== null
            ? (value as Record<string, unknown>)[key]
            : undefined;
      const key = keys.at(-1) ?? "";
      if (json !== undefined) {
        if (value === undefined && ZERO_VALUES[key] !== undefined)
          return ZERO_VALUES[key] === "" ? '""' : "null";
        return JSON.stringify(value ?? null);
      }
      return goValue(value, key);
    },
  );
}

export class DockerEngine {
  readonly #host: DockerHost;
  readonly #containers: Container[] = [];
  /** Images pulled during the session, beyond the scenario's. */
  readonly #pulled: ImageSpec[] = [];
  readonly #builtMs: number;

  constructor(host: DockerHost) {
    this.#host = host;
    this.#builtMs = host.now() - IMAGE_AGE_MS;
  }

  command(): Command {
    return defineCommand("docker", async (args) => await this.run(args));
  }

  async run(args: readonly string[]): Promise<DockerResult> {
    this.#settle();
    const [verb, ...rest] = args;
    switch (verb) {
      case "run":
        return await this.#runContainer(rest);
      case "ps":
        return this.#ps(rest);
      case "images":
        return this.#images();
      case "image":
        return this.#imageCommand(rest);
      case "container":
        return await this.#containerCommand(rest);
      case "pull":
        return this.#pullCommand(rest);
      case "logs":
        return this.#logs(rest);
      case "inspect":
        return this.#inspect(rest, "any");
      case "rm":
        return this.#remove(rest);
      case "stop":
      case "kill":
        return this.#stop(verb, rest);
      case "version":
      case "--version":
        return ok(`Docker version ${DOCKER_VERSION}, build ${DOCKER_BUILD}\n`);
      case undefined:
        return ok(
          "\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n",
        );
      default:
        return fail(
          `docker: unknown command: docker ${verb}\n\nRun 'docker --help' for more information\n`,
        );
    }
  }

  async #containerCommand(args: readonly string[]): Promise<DockerResult> {
    const [sub, ...rest] = args;
    switch (sub) {
      case "run":
        return await this.#runContainer(rest);
      case "ls":
      case "list":
      case "ps":
        return this.#ps(rest);
      case "logs":
        return this.#logs(rest);
      case "inspect":
        return this.#inspect(rest, "container");
      case "rm":
      case "remove":
        return this.#remove(rest);
      case "stop":
      case "kill":
        return this.#stop(sub, rest);
      default:
        return fail(
          `docker: unknown command: docker container ${sub ?? ""}\n\nRun 'docker container --help' for more information\n`,
        );
    }
  }

  #imageCommand(args: readonly string[]): DockerResult {
    const [sub, ...rest] = args;
    switch (sub) {
      case "ls":
      case "list":
        return this.#images();
      case "inspect":
        return this.#inspect(rest, "image");
      case "pull":
        return this.#pullCommand(rest);
      default:
        return fail(
          `docker: unknown command: docker image ${sub ?? ""}\n\nRun 'docker image --help' for more information\n`,
        );
    }
  }

  /** Containers left running end when their time comes (a detached `sleep 5`). */
  #settle(): void {
    const now = this.#host.now();
    for (const container of this.#containers) {
      if (container.finishedMs !== undefined || container.endsAtMs === undefined) continue;
      if (container.endsAtMs <= now) container.finishedMs = container.endsAtMs;
    }
  }

  #find(ref: string | undefined): Container | undefined {
    if (ref === undefined || ref === "") return undefined;
    const name = ref.replace(/^\//, "");
    return (
      this.#containers.find((c) => c.name === name) ??
      this.#containers.find((c) => c.id.startsWith(ref))
    );
  }

  #localImages(): ImageSpec[] {
    return [...this.#host.images(), ...this.#pulled];
  }

  /** An image on the workstation, by reference or its `:latest` form. */
  #localImage(ref: string): ImageSpec | undefined {
    const full = tagged(ref);
    return this.#localImages().find((image) => image.name === ref || tagged(image.name) === full);
  }

  /** The registry's copy of an image; undefined when the pull would be refused. */
  #remoteImage(ref: string): ImageSpec | undefined {
    return this.#host.image(ref) ?? this.#host.image(tagged(ref));
  }

  /** What `docker pull` prints once its progress settles: one line per layer, digest, status. */
  #pullLines(ref: string, image: ImageSpec): string {
    const [repository, tag] = repositoryAndTag(ref);
    const layers = Math.min(4, Math.max(1, Math.ceil(image.sizeBytes / 30_000_000)));
    let text = `${tag}: Pulling from ${remotePath(repository)}\n`;
    for (let layer = 0; layer < layers; layer += 1)
      text += `${hexOf(image.name, `layer${layer}`, 12)}: Pull complete\n`;
    text += `Digest: sha256:${hexOf(image.name, "manifest", 64)}\n`;
    return `${text}Status: Downloaded newer image for ${tagged(ref)}\n`;
  }

  #pull(ref: string, image: ImageSpec): void {
    if (!this.#localImage(ref)) this.#pulled.push({ ...image, name: tagged(ref) });
  }

  #pullCommand(args: readonly string[]): DockerResult {
    const refs = args.filter((arg) => !arg.startsWith("-"));
    const [ref] = refs;
    if (ref === undefined) return missingArguments("pull", true);
    const local = this.#localImage(ref);
    const image = local ?? this.#remoteImage(ref);
    const [repository] = repositoryAndTag(ref);
    if (!image)
      return fail(
        `Error response from daemon: pull access denied for ${repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n`,
      );
    const header = ref === tagged(ref) || ref.includes("@") ? "" : "Using default tag: latest\n";
    if (local) {
      const [, tag] = repositoryAndTag(ref);
      return ok(
        `${header}${tag}: Pulling from ${remotePath(repository)}\nDigest: sha256:${hexOf(image.name, "manifest", 64)}\nStatus: Image is up to date for ${tagged(ref)}\n${tagged(ref)}\n`,
      );
    }
    this.#pull(ref, image);
    return ok(`${header}${this.#pullLines(ref, image)}${tagged(ref)}\n`);
  }

  #newId(): string {
    let id = "";
    for (let i = 0; i < 64; i += 1)
      id += "0123456789abcdef"[Math.floor(this.#host.random() * 16)] ?? "0";
    return id;
  }

  #newName(): string {
    const pick = (words: readonly string[]): string =>
      words[Math.floor(this.#host.random() * words.length)] ?? words[0] ?? "";
    return `${pick(ADJECTIVES)}_${pick(SURNAMES)}`;
  }

  async #runContainer(args: readonly string[]): Promise<DockerResult> {
    const options = parseRun(args);
    if (typeof options === "string") {
      return options === "" ? missingArguments("run", false) : flagError(options, "run", RUN_USAGE);
    }
    let pullText = "";
    let image = this.#localImage(options.image);
    if (!image) {
      pullText = `Unable to find image '${tagged(options.image)}' locally\n`;
      const remote = this.#remoteImage(options.image);
      if (!remote) {
        const [repository] = repositoryAndTag(options.image);
        const denied = runError(
          `Error response from daemon: pull access denied for ${repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
          125,
        );
        return { ...denied, stderr: pullText + denied.stderr };
      }
      pullText += this.#pullLines(options.image, remote);
      this.#pull(options.image, remote);
      image = remote;
    }
    const result = await this.#create(image, options);
    return { ...result, stderr: pullText + result.stderr };
  }

  async #create(image: ImageSpec, options: RunOptions): Promise<DockerResult> {
    if (options.name !== undefined && this.#find(options.name)) {
      const existing = this.#find(options.name);
      return runError(
        `Error response from daemon: Conflict. The container name "/${options.name}" is already in use by container "${existing?.id ?? ""}". You have to remove (or rename) that container to be able to reuse that name.`,
        125,
      );
    }
    // daemon verifyContainerSettings: a relative working directory is refused.
    if (options.workdir !== undefined && options.workdir !== "" && !options.workdir.startsWith("/"))
      return runError(
        `Error response from daemon: the working directory '${options.workdir}' is invalid, it needs to be an absolute path`,
        125,
      );
    // The daemon fills CMD from the image only when the run gave no entrypoint (daemon merge()).
    const entrypoint = options.entrypoint ?? image.entrypoint;
    const cmd = options.command.length > 0 ? options.command : options.entrypoint ? [] : image.cmd;
    const argv = [...entrypoint, ...cmd];
    if (argv.length === 0) return runError("Error response from daemon: no command specified", 125);
    const now = this.#host.now();
    const container: Container = {
      id: this.#newId(),
      name: options.name ?? this.#newName(),
      image,
      entrypoint,
      cmd,
      argv,
      createdMs: now,
      startedMs: now,
      endsAtMs: undefined,
      finishedMs: undefined,
      exitCode: 0,
      oomKilled: false,
      error: "",
      memoryBytes: options.memoryBytes,
      nanoCpus: options.nanoCpus,
      stopsOnSigterm: false,
      logs: [],
    };
    const keep = (): void => {
      if (!options.remove || options.detach) this.#containers.push(container);
    };
    const inUserland = this.#userlandProgram(image, argv);
    const failure = inUserland ? undefined : checkExec(image, argv, []);
    if (failure !== undefined) {
      // Docker reports the runc chain from its own task creation and picks 127 or 126 like a shell.
      const message = failure.replace(
        "failed to create containerd task: ",
        "failed to create task for container: ",
      );
      container.exitCode = failure.includes("permission denied") ? 126 : 127;
      container.error = message;
      container.finishedMs = now;
      if (!options.remove) this.#containers.push(container);
      return runError(`Error response from daemon: ${message}.`, container.exitCode);
    }
    const formatError = execFormatFailure(image, argv);
    if (formatError !== undefined) {
      // runc passes its checks and execve fails after the start, as under Kubernetes: runc init
      // writes the error to the container's stderr and exits 1 (runc 1.1).
      container.logs.push({ stream: "stderr", text: formatError });
      container.exitCode = 1;
      container.finishedMs = now;
      keep();
      return options.detach ? ok(`${container.id}\n`) : fail(`${formatError}\n`, 1);
    }
    // The same process model the kubelet uses: the image's behaviour, or what a well-known
    // command (sleep, true, false, sh -c "exit N") does in any image.
    const known =
      gitProcess(argv, new Map(), this.#host.gitRepositories()) ??
      effectiveProcess(image.process, argv);
    if (known === image.process && inUserland) {
      const ran = await this.#runInImage(image, argv, options, container.id);
      if (ran !== undefined) {
        container.logs.push(...ran.logs);
        container.exitCode = ran.exitCode;
        container.finishedMs = this.#host.now();
        keep();
        if (options.detach) return ok(`${container.id}\n`);
        return { stdout: ran.stdout, stderr: ran.stderr, exitCode: ran.exitCode };
      }
    }
    return await this.#runProcess(container, known, options);
  }

  /** The image's main process as the catalogue (or a well-known command) describes it. */
  async #runProcess(
    container: Container,
    behaviour: ProcessSpec,
    options: RunOptions,
  ): Promise<DockerResult> {
    const now = container.createdMs;
    container.stopsOnSigterm = behaviour.stopsOnSigterm;
    const limitMi = options.memoryBytes > 0 ? options.memoryBytes / 1024 ** 2 : Infinity;
    let stdout = "";
    let stderr = "";
    for (const line of behaviour.logs) {
      container.logs.push({ stream: line.stream, text: line.text });
      if (line.stream === "stdout") stdout += `${line.text}\n`;
      else stderr += `${line.text}\n`;
    }
    const runMs = behaviour.exitValue === null ? 0 : behaviour.runSeconds * 1000;
    if (behaviour.memoryMi > limitMi) {
      container.oomKilled = true;
      container.exitCode = 137;
    } else if (behaviour.signal !== undefined) {
      container.exitCode = 128 + behaviour.signal;
    } else if (behaviour.exitValue !== null) {
      container.exitCode = wrapExitValue(behaviour.exitValue);
    }
    if (options.detach) {
      // Detached, it runs on while the prompt comes back at once.
      if (behaviour.exitValue !== null || container.oomKilled || behaviour.signal !== undefined)
        container.endsAtMs = now + runMs;
      this.#containers.push(container);
      return ok(`${container.id}\n`);
    }
    if (behaviour.exitValue === null && !container.oomKilled && behaviour.signal === undefined) {
      // A server runs until stopped; Ctrl-C reaches it through the attached terminal.
      await this.#host.waitForInterrupt();
      container.exitCode = 130;
    }
    this.#host.advance(runMs);
    container.finishedMs = now + runMs;
    if (!options.remove) this.#containers.push(container);
    return { stdout, stderr, exitCode: container.exitCode };
  }

  /**
   * Whether argv starts a program of the image's userland (its shell, or coreutils/BusyBox that
   * the catalogue does not list file by file), which then runs in the image's files.
   */
  #userlandProgram(image: ImageSpec, argv: readonly string[]): boolean {
    const program = argv[0]?.replace(/^.*\//, "") ?? "";
    if (SHELL_NAMES.has(program)) return image.shell;
    const userland = this.#knownUserland(image);
    return userland !== undefined && image.shell && USERLAND_PROGRAMS[userland].has(program);
  }

  /** The base image's userland when the catalogue or the image's name says it. */
  #knownUserland(image: ImageSpec): Userland | undefined {
    if (image.userland !== undefined) return image.userland;
    const inferred = imageUserland(image.name, undefined);
    const repository = repositoryAndTag(image.name)[0];
    return inferred !== "ubuntu" || repository === "ubuntu" ? inferred : undefined;
  }

  /**
   * The image's root filesystem: its catalogued files with their modes, as built.
   */
  async #writeImageFiles(
    fs: InMemoryFs,
    image: ImageSpec,
    userland: Userland,
    id: string,
  ): Promise<void> {
    const built = new Date(this.#builtMs);
    for (const dir of ROOT_DIRS) await fs.mkdir(`/${dir}`, { recursive: true });
    const release = osRelease(userland);
    if (release !== undefined) await fs.writeFile("/etc/os-release", release);
    await fs.writeFile("/etc/hostname", `${id.slice(0, 12)}\n`);
    // The shell finds programs through just-bash, which reads /bin and /usr/bin as its PATH once
    // /usr/bin exists: the catalogue's files there are the userland's programs it already has.
    const onPath = (path: string): boolean => /^\/(?:usr\/)?bin\/[^/]+$/.test(path);
    for (const file of image.files.filter((entry) => !onPath(entry.path))) {
      if (file.format === "directory") {
        await fs.mkdir(file.path, { recursive: true });
      } else {
        await fs.mkdir(file.path.slice(0, file.path.lastIndexOf("/")) || "/", { recursive: true });
        const content =
          file.format === "script"
            ? `#!${file.interpreter ?? "/bin/sh"}\n`
            : file.format === "text"
              ? "\n"
              : ELF_STUB;
        await fs.writeFile(file.path, content);
      }
      await fs.chmod(file.path, Number.parseInt(file.mode, 8));
      await fs.utimes(file.path, built, built);
    }
  }

  /**
   * Runs a userland program or a shell in the image's files: `sh -c SCRIPT`, `sh FILE`, `ls -l
   * /app`. Undefined when the process model answers instead (`sh FILE` runs the image's script).
   */
  async #runInImage(
    image: ImageSpec,
    argv: readonly string[],
    options: RunOptions,
    id: string,
  ): Promise<
    | {
        stdout: string;
        stderr: string;
        exitCode: number;
        logs: Container["logs"];
      }
    | undefined
  > {
    const [program = "", first, ...rest] = argv;
    const name = program.replace(/^.*\//, "");
    const known = this.#knownUserland(image);
    const userland = known ?? imageUserland(image.name, image);
    // ubuntu's /bin/sh is dash; its bash is bash; busybox and alpine have ash.
    const dialect = shellDialect(userland, SHELL_NAMES.has(name) ? program : undefined);
    let line: string;
    if (SHELL_NAMES.has(name)) {
      if (first === undefined) {
        // No terminal on its stdin (docker run without -i): the shell reads EOF and exits 0.
        return { stdout: "", stderr: "", exitCode: 0, logs: [] };
      }
      if (first === "-c") line = rest[0] ?? "";
      else if (image.files.some((file) => file.path === first)) return undefined;
      else {
        const message =
          dialect === "ash"
            ? `${program}: can't open '${first}': No such file or directory`
            : dialect === "dash"
              ? `${program}: 0: cannot open ${first}: No such file`
              : `${program}: ${first}: No such file or directory`;
        return {
          stdout: "",
          stderr: `${message}\n`,
          exitCode: dialect === "bash" ? 127 : 2,
          logs: [{ stream: "stderr", text: message }],
        };
      }
    } else {
      line = argv.map(quote).join(" ");
    }
    const hostname = id.slice(0, 12);
    const env: Record<string, string> = {
      PATH: DEFAULT_PATH.slice(5),
      HOSTNAME: hostname,
      HOME: "/root",
    };
    for (const pair of options.env) {
      const equals = pair.indexOf("=");
      if (equals > 0) env[pair.slice(0, equals)] = pair.slice(equals + 1);
    }
    const workdir = options.workdir === undefined || options.workdir === "" ? "/" : options.workdir;
    const fs = new InMemoryFs();
    const shell = new Shell({
      fs,
      clock: { now: () => this.#host.now(), advance: (ms) => this.#host.advance(ms) },
      random: () => this.#host.random(),
      env: { ...env, PWD: workdir },
      cwd: workdir,
      user: "root",
      hostname,
      host: `docker:${hostname}`,
      commands: [],
      dialect,
      arg0: SHELL_NAMES.has(name) ? program : "sh",
      without: [
        ...(known === undefined ? [] : ABSENT_TOOLS[known]),
        ...(dialect === "ash" ? ["bash"] : ["ps", "free"]),
      ],
    });
    await this.#writeImageFiles(fs, image, userland, id);
    await fs.mkdir(workdir, { recursive: true });
    const result = await shell.run(line, new AbortController().signal, () => undefined);
    // bash -c names the line in its messages, as a script: "bash: line 1: X: command not found".
    const named = (text: string): string =>
      name === "bash" && first === "-c"
        ? text.replace(/^bash: (?!line \d+:)/gm, "bash: line 1: ")
        : text;
    const stdout = named(result.stdout);
    const stderr = named(result.stderr);
    const lines = (text: string, stream: "stdout" | "stderr"): Container["logs"] =>
      text
        .split("\n")
        .slice(0, -1)
        .map((line) => ({ stream, text: line }));
    const logs = [...lines(stdout, "stdout"), ...lines(stderr, "stderr")];
    return { stdout, stderr, exitCode: result.exitCode, logs };
  }

  #status(container: Container): string {
    const now = this.#host.now();
    if (container.finishedMs === undefined) return `Up ${humanDuration(now - container.startedMs)}`;
    if (container.error !== "") return "Created";
    return `Exited (${container.exitCode}) ${humanDuration(now - container.finishedMs)} ago`;
  }

  #ps(args: readonly string[]): DockerResult {
    const short = args.filter((arg) => /^-[a-z]+$/.test(arg)).join("");
    const all = short.includes("a") || args.includes("--all");
    const quiet = short.includes("q") || args.includes("--quiet");
    const now = this.#host.now();
    const shown = this.#containers.filter((c) => all || c.finishedMs === undefined).reverse();
    if (quiet) return ok(shown.map((c) => `${c.id.slice(0, 12)}\n`).join(""));
    const rows = [["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]];
    for (const c of shown) {
      rows.push([
        c.id.slice(0, 12),
        c.image.name,
        commandColumn(c.argv),
        `${humanDuration(now - c.createdMs)} ago`,
        this.#status(c),
        "",
        c.name,
      ]);
    }
    return ok(table(rows));
  }

  #images(): DockerResult {
    const rows = [["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]];
    for (const image of this.#localImages()) {
      const [repository, tag] = repositoryAndTag(image.name);
      rows.push([
        repository,
        tag,
        hexOf(image.name, "config", 12),
        "2 weeks ago",
        `${(image.sizeBytes / 1e6).toFixed(1)}MB`,
      ]);
    }
    return ok(table(rows));
  }

  #logs(args: readonly string[]): DockerResult {
    const refs = args.filter((arg) => !arg.startsWith("-"));
    if (refs.length !== 1) return missingArguments("logs", true);
    const [ref = ""] = refs;
    const container = this.#find(ref);
    if (!container) return fail(`Error response from daemon: No such container: ${ref}\n`);
    let stdout = "";
    let stderr = "";
    for (const line of container.logs) {
      if (line.stream === "stdout") stdout += `${line.text}\n`;
      else stderr += `${line.text}\n`;
    }
    return ok(stdout, stderr);
  }

  #containerJson(c: Container): unknown {
    return {
      Id: c.id,
      Created: iso(c.createdMs),
      Path: c.argv[0] ?? "",
      Args: c.argv.slice(1),
      State: {
        Status: c.finishedMs === undefined ? "running" : c.error !== "" ? "created" : "exited",
        Running: c.finishedMs === undefined,
        Paused: false,
        Restarting: false,
        OOMKilled: c.oomKilled,
        Dead: false,
        Pid: 0,
        ExitCode: c.finishedMs === undefined ? 0 : c.exitCode,
        Error: c.error,
        StartedAt: iso(c.error === "" ? c.startedMs : undefined),
        FinishedAt: iso(c.finishedMs),
      },
      Image: `sha256:${hexOf(c.image.name, "config", 64)}`,
      Name: `/${c.name}`,
      HostConfig: { Memory: c.memoryBytes, NanoCpus: c.nanoCpus },
      Config: {
        Hostname: c.id.slice(0, 12),
        Env: [DEFAULT_PATH],
        Cmd: c.cmd.length > 0 ? c.cmd : null,
        Image: c.image.name,
        Entrypoint: c.entrypoint.length > 0 ? c.entrypoint : null,
      },
    };
  }

  /** docker 28's image inspect: the image's OCI config holds only the fields it sets. */
  #imageJson(image: ImageSpec): unknown {
    const [repository] = repositoryAndTag(image.name);
    const config: Record<string, unknown> = { Env: [DEFAULT_PATH] };
    if (image.entrypoint.length > 0) config["Entrypoint"] = image.entrypoint;
    if (image.cmd.length > 0) config["Cmd"] = image.cmd;
    const layers = Math.min(4, Math.max(1, Math.ceil(image.sizeBytes / 30_000_000)));
    return {
      Id: `sha256:${hexOf(image.name, "config", 64)}`,
      RepoTags: [tagged(image.name)],
      RepoDigests: [`${repository}@sha256:${hexOf(image.name, "manifest", 64)}`],
      Parent: "",
      Comment: "buildkit.dockerfile.v0",
      Created: iso(this.#builtMs),
      DockerVersion: "",
      Author: "",
      Config: config,
      Architecture: "amd64",
      Os: "linux",
      Size: image.sizeBytes,
      GraphDriver: {
        Data: {
          MergedDir: `/var/lib/docker/overlay2/${hexOf(image.name, "merged", 64)}/merged`,
          UpperDir: `/var/lib/docker/overlay2/${hexOf(image.name, "merged", 64)}/diff`,
          WorkDir: `/var/lib/docker/overlay2/${hexOf(image.name, "merged", 64)}/work`,
        },
        Name: "overlay2",
      },
      RootFS: {
        Type: "layers",
        Layers: Array.from(
          { length: layers },
          (_, layer) => `sha256:${hexOf(image.name, `diff${layer}`, 64)}`,
        ),
      },
      Metadata: { LastTagTime: iso(this.#builtMs) },
    };
  }

  /**
   * `docker inspect` looks for a container, then an image (cli/command/system/inspect.go);
   * `container inspect` and `image inspect` only for theirs, with the daemon's NotFound.
   */
  #inspect(args: readonly string[], kind: "any" | "container" | "image"): DockerResult {
    let format: string | undefined;
    const refs: string[] = [];
    for (let index = 0; index < args.length; index += 1) {
      const arg = args[index] ?? "";
      if (arg === "-f" || arg === "--format") format = args[(index += 1)];
      else if (arg.startsWith("--format=")) format = arg.slice(9);
      else if (arg === "--type") index += 1;
      else if (!arg.startsWith("-")) refs.push(arg);
    }
    if (refs.length === 0)
      return missingArguments(kind === "image" ? "image inspect" : "inspect", false);
    const found: unknown[] = [];
    let stderr = "";
    for (const ref of refs) {
      const container = kind === "image" ? undefined : this.#find(ref);
      const image = container || kind === "container" ? undefined : this.#localImage(ref);
      if (container) found.push(this.#containerJson(container));
      else if (image) found.push(this.#imageJson(image));
      else if (kind === "any") stderr += `Error: No such object: ${ref}\n`;
      else if (kind === "image")
        stderr += `Error response from daemon: No such image: ${tagged(ref)}\n`;
      else stderr += `Error response from daemon: No such container: ${ref}\n`;
    }
    const stdout =
      format === undefined
        ? found.length === 0
          ? "[]\n"
          : `${JSON.stringify(found, null, 4)}\n`
        : found.length === 0
          ? "\n"
          : found.map((item) => `${goTemplate(format, item)}\n`).join("");
    return { stdout, stderr, exitCode: stderr === "" ? 0 : 1 };
  }

  /** A running container ends as `docker stop`/`kill` ends it: SIGTERM then SIGKILL, or SIGKILL. */
  #end(container: Container, verb: "stop" | "kill"): void {
    const graceful = verb === "stop" && container.stopsOnSigterm;
    const waitMs = verb === "kill" ? 0 : graceful ? 300 : STOP_TIMEOUT_MS;
    this.#host.advance(waitMs);
    container.exitCode = graceful ? 143 : 137;
    container.finishedMs = this.#host.now();
    container.endsAtMs = undefined;
  }

  #stop(verb: "stop" | "kill", args: readonly string[]): DockerResult {
    const refs = args.filter((arg) => !arg.startsWith("-"));
    if (refs.length === 0) return missingArguments(verb, false);
    let stdout = "";
    let stderr = "";
    for (const ref of refs) {
      const container = this.#find(ref);
      if (!container) {
        stderr += `Error response from daemon: No such container: ${ref}\n`;
        continue;
      }
      if (container.finishedMs === undefined) this.#end(container, verb);
      else if (verb === "kill") {
        stderr += `Error response from daemon: cannot kill container: ${ref}: container ${container.id} is not running\n`;
        continue;
      }
      stdout += `${ref}\n`;
    }
    return { stdout, stderr, exitCode: stderr === "" ? 0 : 1 };
  }

  /** rm.go: a running container is refused unless -f, which kills it first. */
  #remove(args: readonly string[]): DockerResult {
    const force = args.some((arg) => arg === "--force" || /^-[a-z]*f/.test(arg));
    const refs = args.filter((arg) => !arg.startsWith("-"));
    if (refs.length === 0) return missingArguments("rm", false);
    let stdout = "";
    let stderr = "";
    let failed = false;
    for (const ref of refs) {
      const container = this.#find(ref);
      if (!container) {
        // With --force a missing container is reported, but is no failure.
        stderr += `Error response from daemon: No such container: ${ref}\n`;
        failed ||= !force;
        continue;
      }
      if (container.finishedMs === undefined) {
        if (!force) {
          stderr += `Error response from daemon: cannot remove container "/${container.name}": container is running: stop the container before removing or force remove\n`;
          failed = true;
          continue;
        }
        this.#end(container, "kill");
      }
      this.#containers.splice(this.#containers.indexOf(container), 1);
      stdout += `${ref}\n`;
    }
    return { stdout, stderr, exitCode: failed ? 1 : 0 };
  }
}

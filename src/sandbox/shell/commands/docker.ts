/**
 * `docker` on the learner's workstation, running the scenario's images with Docker's own behaviour,
 * which differs from Kubernetes': when runc cannot exec the entrypoint, `docker run` exits 127
 * (not found) or 126 (permission denied) and the daemon's error goes to stderr,
 * where containerd under the kubelet records StartError with exit code 128. A process that runs
 * ends with its own exit value modulo 256; over its --memory limit it is OOM-killed (137).
 * Also `docker images`, `ps [-a]`, `logs`, `inspect [-f TEMPLATE]`, `rm`.
 */
import { defineCommand } from "just-bash";
import type { Command } from "just-bash";
import type { GitRepository, ImageSpec } from "../../../schemas/scenario.ts";
import { wrapExitValue } from "../../cluster/exit-status.ts";
import { gitProcess } from "../../cluster/git-remote.ts";
import { effectiveProcess } from "../../cluster/process-behaviour.ts";
import { checkExec, execFormatFailure } from "../../cluster/runtime-errors.ts";
import { humanDuration } from "../node-tools/crictl.ts";

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

interface Container {
  id: string;
  name: string;
  image: ImageSpec;
  argv: string[];
  createdMs: number;
  startedMs: number;
  finishedMs: number | undefined;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  memoryBytes: number;
  nanoCpus: number;
  logs: { stream: "stdout" | "stderr"; text: string }[];
}

interface RunOptions {
  remove: boolean;
  detach: boolean;
  name: string | undefined;
  memoryBytes: number;
  nanoCpus: number;
  entrypoint: string[] | undefined;
  image: string;
  command: string[];
}

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

const RUN_HELP = "See 'docker run --help'.\n";

/** Docker's byte units are binary: 256m is 256 MiB. */
function parseMemory(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([bkmg]?)$/i.exec(text.trim());
  if (!match) return undefined;
  const factor =
    { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? "").toLowerCase()] ?? 1;
  return Math.floor(Number(match[1]) * factor);
}

function parseRun(args: readonly string[]): RunOptions | string {
  const options: RunOptions = {
    remove: false,
    detach: false,
    name: undefined,
    memoryBytes: 0,
    nanoCpus: 0,
    entrypoint: undefined,
    image: "",
    command: [],
  };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (!arg.startsWith("-")) {
      options.image = arg;
      options.command = args.slice(index + 1);
      return options;
    }
    const [flag = "", inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = (): string | undefined => inline ?? args[(index += 1)];
    switch (flag) {
      case "--rm":
        options.remove = true;
        break;
      case "-d":
      case "--detach":
        options.detach = true;
        break;
      case "-i":
      case "-t":
      case "-it":
      case "-ti":
      case "--interactive":
      case "--tty":
        break;
      case "--name":
        options.name = value();
        break;
      case "-m":
      case "--memory": {
        const text = value() ?? "";
        const bytes = parseMemory(text);
        if (bytes === undefined)
          return `invalid argument "${text}" for "-m, --memory" flag: invalid size: '${text}'`;
        options.memoryBytes = bytes;
        break;
      }
      case "--cpus": {
        const text = value() ?? "";
        const cpus = Number(text);
        if (!Number.isFinite(cpus) || cpus < 0)
          return `invalid argument "${text}" for "--cpus" flag: failed to parse ${text} as a rational number`;
        options.nanoCpus = Math.round(cpus * 1e9);
        break;
      }
      case "--entrypoint":
        options.entrypoint = [value() ?? ""];
        break;
      case "-e":
      case "--env":
      case "-v":
      case "--volume":
      case "-w":
      case "--workdir":
      case "-u":
      case "--user":
      case "--network":
      case "-p":
      case "--publish":
        value();
        break;
      default:
        return `unknown flag: ${flag}`;
    }
  }
  return "\"docker run\" requires at least 1 argument.\nSee 'docker run --help'.\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image";
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

/** `{{.State.ExitCode}}`-style templates: field paths only, as troubleshooting uses them. */
function goTemplate(template: string, data: unknown): string {
  return template.replace(/\{\{\s*((?:\.[A-Za-z]+)+)\s*\}\}/g, (_, path: string) => {
    let value: unknown = data;
    for (const key of path.split(".").slice(1))
      value =
        typeof value === "object" && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined;
    if (value === undefined || value === null) return "<no value>";
    if (typeof value === "object") return JSON.stringify(value);
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}

export class DockerEngine {
  readonly #host: DockerHost;
  readonly #containers: Container[] = [];

  constructor(host: DockerHost) {
    this.#host = host;
  }

  command(): Command {
    return defineCommand("docker", async (args) => await this.run(args));
  }

  async run(
    args: readonly string[],
  ): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    const [verb, ...rest] = args;
    switch (verb) {
      case "run":
        return await this.#runContainer(rest);
      case "ps": {
        const short = rest.filter((arg) => /^-[a-z]+$/.test(arg)).join("");
        const all = short.includes("a") || rest.includes("--all");
        return this.#ps(all, short.includes("q") || rest.includes("--quiet"));
      }
      case "images":
      case "image":
        return this.#images();
      case "logs":
        return this.#logs(rest.filter((arg) => !arg.startsWith("-")).at(-1));
      case "inspect":
        return this.#inspect(rest);
      case "rm":
        return this.#remove(rest.filter((arg) => !arg.startsWith("-")));
      case "version":
      case "--version":
        return { stdout: "Docker version 27.3.1, build ce12230\n", stderr: "", exitCode: 0 };
      case undefined:
        return {
          stdout:
            "\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n",
          stderr: "",
          exitCode: 0,
        };
      default:
        return {
          stdout: "",
          stderr: `docker: unknown command: docker ${verb}\n\nRun 'docker --help' for more information\n`,
          exitCode: 1,
        };
    }
  }

  #find(ref: string | undefined): Container | undefined {
    if (ref === undefined || ref === "") return undefined;
    return this.#containers.find((c) => c.name === ref || c.id.startsWith(ref));
  }

  #image(ref: string): ImageSpec | undefined {
    const withTag = ref.includes(":") ? ref : `${ref}:latest`;
    return this.#host.image(ref) ?? this.#host.image(withTag);
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

  async #runContainer(
    args: readonly string[],
  ): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    const options = parseRun(args);
    if (typeof options === "string")
      return {
        stdout: "",
        stderr: `docker: ${options}\n${options.includes("Usage") ? "" : RUN_HELP}`,
        exitCode: 125,
      };
    const image = this.#image(options.image);
    if (!image) {
      const tagged = options.image.includes(":") ? options.image : `${options.image}:latest`;
      const repository = options.image.split(":")[0] ?? options.image;
      return {
        stdout: "",
        stderr: `Unable to find image '${tagged}' locally\ndocker: Error response from daemon: pull access denied for ${repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n${RUN_HELP}`,
        exitCode: 125,
      };
    }
    if (options.name !== undefined && this.#find(options.name)) {
      const existing = this.#find(options.name);
      return {
        stdout: "",
        stderr: `docker: Error response from daemon: Conflict. The container name "/${options.name}" is already in use by container "${existing?.id ?? ""}". You have to remove (or rename) that container to be able to reuse that name.\n${RUN_HELP}`,
        exitCode: 125,
      };
    }
    const argv = [
      ...(options.entrypoint ?? image.entrypoint),
      ...(options.command.length > 0 ? options.command : options.entrypoint ? [] : image.cmd),
    ];
    const now = this.#host.now();
    const container: Container = {
      id: this.#newId(),
      name: options.name ?? this.#newName(),
      image,
      argv,
      createdMs: now,
      startedMs: now,
      finishedMs: undefined,
      exitCode: 0,
      oomKilled: false,
      error: "",
      memoryBytes: options.memoryBytes,
      nanoCpus: options.nanoCpus,
      logs: [],
    };
    const failure = checkExec(image, argv, []);
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
      return {
        stdout: "",
        stderr: `docker: Error response from daemon: ${message}.\n\nRun 'docker run --help' for more information\n`,
        exitCode: container.exitCode,
      };
    }
    const formatError = execFormatFailure(image, argv);
    if (formatError !== undefined) {
      // runc passes its checks and execve fails after the start, as under Kubernetes: runc init
      // writes the error to the container's stderr and exits 1 (runc 1.1).
      container.logs.push({ stream: "stderr", text: formatError });
      container.exitCode = 1;
      container.finishedMs = now;
      if (!options.remove) this.#containers.push(container);
      return { stdout: "", stderr: `${formatError}\n`, exitCode: 1 };
    }
    // The same process model the kubelet uses: the image's behaviour, or what a well-known
    // command (sleep, true, false, sh -c "exit N") does in any image.
    const behaviour =
      gitProcess(argv, new Map(), this.#host.gitRepositories()) ??
      effectiveProcess(image.process, argv);
    const limitMi = options.memoryBytes > 0 ? options.memoryBytes / 1024 ** 2 : Infinity;
    let stdout = "";
    let stderr = "";
    for (const line of behaviour.logs) {
      container.logs.push({ stream: line.stream, text: line.text });
      if (line.stream === "stdout") stdout += `${line.text}\n`;
      else stderr += `${line.text}\n`;
    }
    if (behaviour.memoryMi > limitMi) {
      container.oomKilled = true;
      container.exitCode = 137;
    } else if (behaviour.signal !== undefined) {
      container.exitCode = 128 + behaviour.signal;
    } else if (behaviour.exitValue === null) {
      if (options.detach) {
        this.#containers.push(container);
        return { stdout: `${container.id}\n`, stderr: "", exitCode: 0 };
      }
      // A server runs until stopped; Ctrl-C reaches it through the attached terminal.
      await this.#host.waitForInterrupt();
      container.exitCode = 130;
    } else {
      container.exitCode = wrapExitValue(behaviour.exitValue);
    }
    const runMs = behaviour.exitValue === null ? 0 : behaviour.runSeconds * 1000;
    this.#host.advance(runMs);
    container.finishedMs = now + runMs;
    if (!options.remove) this.#containers.push(container);
    if (options.detach) return { stdout: `${container.id}\n`, stderr: "", exitCode: 0 };
    return { stdout, stderr, exitCode: container.exitCode };
  }

  #status(container: Container): string {
    const now = this.#host.now();
    if (container.finishedMs === undefined) return `Up ${humanDuration(now - container.startedMs)}`;
    if (container.error !== "") return "Created";
    return `Exited (${container.exitCode}) ${humanDuration(now - container.finishedMs)} ago`;
  }

  #ps(all: boolean, quiet: boolean): { stdout: string; stderr: string; exitCode: number } {
    const now = this.#host.now();
    const shown = this.#containers.filter((c) => all || c.finishedMs === undefined).reverse();
    if (quiet)
      return {
        stdout: shown.map((c) => `${c.id.slice(0, 12)}\n`).join(""),
        stderr: "",
        exitCode: 0,
      };
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
    return { stdout: table(rows), stderr: "", exitCode: 0 };
  }

  #images(): { stdout: string; stderr: string; exitCode: number } {
    const rows = [["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]];
    for (const image of this.#host.images()) {
      const colon = image.name.lastIndexOf(":");
      const repository =
        colon > image.name.lastIndexOf("/") ? image.name.slice(0, colon) : image.name;
      const tag = colon > image.name.lastIndexOf("/") ? image.name.slice(colon + 1) : "latest";
      let hash = 0;
      for (const char of image.name)
        hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) >>> 0;
      const id =
        hash.toString(16).padStart(8, "0") +
        ((hash ^ 0x5bd1e995) >>> 0).toString(16).padStart(8, "0");
      rows.push([
        repository,
        tag,
        id.slice(0, 12),
        "2 weeks ago",
        `${(image.sizeBytes / 1e6).toFixed(1)}MB`,
      ]);
    }
    return { stdout: table(rows), stderr: "", exitCode: 0 };
  }

  #logs(ref: string | undefined): { stdout: string; stderr: string; exitCode: number } {
    const container = this.#find(ref);
    if (!container)
      return {
        stdout: "",
        stderr: `Error response from daemon: No such container: ${ref ?? ""}\n`,
        exitCode: 1,
      };
    let stdout = "";
    let stderr = "";
    for (const line of container.logs) {
      if (line.stream === "stdout") stdout += `${line.text}\n`;
      else stderr += `${line.text}\n`;
    }
    return { stdout, stderr, exitCode: 0 };
  }

  #inspect(args: readonly string[]): { stdout: string; stderr: string; exitCode: number } {
    let format: string | undefined;
    const refs: string[] = [];
    for (let index = 0; index < args.length; index += 1) {
      const arg = args[index] ?? "";
      if (arg === "-f" || arg === "--format") format = args[(index += 1)];
      else if (arg.startsWith("--format=")) format = arg.slice(9);
      else refs.push(arg);
    }
    const found: unknown[] = [];
    let stderr = "";
    for (const ref of refs) {
      const c = this.#find(ref);
      if (!c) {
        stderr += `Error: No such object: ${ref}\n`;
        continue;
      }
      found.push({
        Id: c.id,
        Created: iso(c.createdMs),
        Path: c.argv[0] ?? "",
        Args: c.argv.slice(1),
        State: {
          Status: c.finishedMs === undefined ? "running" : c.error !== "" ? "created" : "exited",
          Running: c.finishedMs === undefined,
          OOMKilled: c.oomKilled,
          Dead: false,
          ExitCode: c.exitCode,
          Error: c.error,
          StartedAt: iso(c.error === "" ? c.startedMs : undefined),
          FinishedAt: iso(c.finishedMs),
        },
        Image: c.image.name,
        Name: `/${c.name}`,
        HostConfig: { Memory: c.memoryBytes, NanoCpus: c.nanoCpus },
        Config: {
          Image: c.image.name,
          Entrypoint: c.image.entrypoint.length > 0 ? c.image.entrypoint : null,
          Cmd: c.image.cmd.length > 0 ? c.image.cmd : null,
        },
      });
    }
    const stdout =
      format === undefined
        ? `${JSON.stringify(found, null, 4)}\n`
        : found.map((item) => `${goTemplate(format, item)}\n`).join("");
    return { stdout: refs.length === 0 ? "" : stdout, stderr, exitCode: stderr === "" ? 0 : 1 };
  }

  #remove(refs: readonly string[]): { stdout: string; stderr: string; exitCode: number } {
    let stdout = "";
    let stderr = "";
    for (const ref of refs) {
      const index = this.#containers.findIndex((c) => c.name === ref || c.id.startsWith(ref));
      if (index === -1) stderr += `Error response from daemon: No such container: ${ref}\n`;
      else {
        this.#containers.splice(index, 1);
        stdout += `${ref}\n`;
      }
    }
    return { stdout, stderr, exitCode: stderr === "" ? 0 : 1 };
  }
}

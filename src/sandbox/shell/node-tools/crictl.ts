/**
 * crictl (cri-tools v1.32) talking to the node's containerd over CRI: `ps` with its filters
 * (`-a`, `--name` and `--namespace` regular expressions, `--state` in any case, `--pod`, `--id`,
 * `--label`, `-q`, `-l`, `-n N`), `images` (IMAGE TAG IMAGE ID SIZE), `logs [--tail N] ID`,
 * `inspect ID`, `info`, `pods`, `version`. Its table is a Go tabwriter (min width 20, padding 3),
 * ids shortened to 13 characters, as crictl prints them. A wedged containerd answers no CRI call:
 * crictl then fails with the gRPC deadline error.
 */
import type { CriContainer } from "../../cluster/node-host.ts";
import { done } from "./tool-context.ts";
import type { NodeToolContext, ToolResult } from "./tool-context.ts";

const STATE_NAMES: Record<CriContainer["state"], string> = {
  CONTAINER_CREATED: "Created",
  CONTAINER_RUNNING: "Running",
  CONTAINER_EXITED: "Exited",
};

/** go-units HumanDuration, which crictl prints with " ago". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  return `${Math.floor(hours / 24 / 7)} weeks`;
}

/** Go's text/tabwriter with minwidth 20, padding 3, as crictl configures it. */
function tabwrite(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, Math.max(20, cell.length + 3));
    });
  }
  return rows
    .map(
      (row) =>
        row
          .map((cell, column) =>
            column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
          )
          .join("") + "\n",
    )
    .join("");
}

const CRI_DOWN = (now: number, what: string): string =>
  `time="${new Date(now).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="${what}: rpc error: code = DeadlineExceeded desc = context deadline exceeded"\n`;

/** containerd lists a container's image by ID; crictl shortens a digest as it does container ids. */
function shortImage(container: CriContainer): string {
  const digest = /(?:^|@)sha256:([0-9a-f]{13})/.exec(container.imageRef);
  return digest?.[1] ?? container.image;
}

function findContainer(context: NodeToolContext, id: string | undefined): CriContainer | undefined {
  if (id === undefined || id === "") return undefined;
  return context.host.criContainers().find((container) => container.id.startsWith(id));
}

const rfc3339Nano = (ms: number | undefined): string =>
  ms === undefined
    ? "1970-01-01T00:00:00Z"
    : new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");

/** `crictl ps` options, as urfave/cli parses them (`--name=x`, `--name x`, `-aq`). */
interface PsOptions {
  all: boolean;
  quiet: boolean;
  latest: boolean;
  last: number;
  name: string;
  namespace: string;
  state: string;
  pod: string;
  id: string;
  labels: string[];
}

const PS_VALUE_FLAGS: Readonly<
  Record<string, "name" | "namespace" | "state" | "pod" | "id" | "labels" | "last">
> = {
  "--name": "name",
  "--namespace": "namespace",
  "--state": "state",
  "-s": "state",
  "--pod": "pod",
  "-p": "pod",
  "--id": "id",
  "--label": "labels",
  "--last": "last",
  "-n": "last",
};
const PS_BOOLEAN_FLAGS: Readonly<Record<string, "all" | "quiet" | "latest" | undefined>> = {
  a: "all",
  q: "quiet",
  l: "latest",
  v: undefined,
  r: undefined,
};

function parsePs(args: readonly string[]): PsOptions | string {
  const options: PsOptions = {
    all: false,
    quiet: false,
    latest: false,
    last: 0,
    name: "",
    namespace: "",
    state: "",
    pod: "",
    id: "",
    labels: [],
  };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    const equals = arg.indexOf("=");
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    const field = PS_VALUE_FLAGS[flag];
    if (field !== undefined) {
      const value = equals > 0 ? arg.slice(equals + 1) : args[(index += 1)];
      if (value === undefined) return `flag needs an argument: ${flag}`;
      if (field === "labels") options.labels.push(value);
      else if (field === "last") options.last = Number.parseInt(value, 10) || 0;
      else options[field] = value;
      continue;
    }
    if (arg === "--all") options.all = true;
    else if (arg === "--quiet") options.quiet = true;
    else if (arg === "--latest") options.latest = true;
    else if (arg === "--no-trunc" || arg === "--verbose" || arg === "-o=table") continue;
    else if (/^-[aqlvr]+$/.test(arg)) {
      for (const c of arg.slice(1)) {
        const option = PS_BOOLEAN_FLAGS[c];
        if (option !== undefined) options[option] = true;
      }
    } else return `flag provided but not defined: ${arg}`;
  }
  return options;
}

/** Go's regexp.MatchString: unanchored; a pattern that does not compile matches nothing. */
function matchesRegex(pattern: string, target: string): boolean {
  if (pattern === "") return true;
  try {
    return new RegExp(pattern).test(target);
  } catch {
    return false;
  }
}

const CRI_STATES: Readonly<Record<string, CriContainer["state"] | "CONTAINER_UNKNOWN">> = {
  created: "CONTAINER_CREATED",
  running: "CONTAINER_RUNNING",
  exited: "CONTAINER_EXITED",
  unknown: "CONTAINER_UNKNOWN",
};

/** Go's log.Fatalf: the standard logger's date and time, then the message; exit status 1. */
const goLogFatal = (now: number, message: string): ToolResult =>
  done(
    "",
    `${new Date(now).toISOString().slice(0, 19).replace("T", " ").replaceAll("-", "/")} ${message}\n`,
    1,
  );

/** ListContainers then getContainersList: the CRI filter, the regexps, newest first, -l/-n. */
function listContainers(
  context: NodeToolContext,
  options: PsOptions,
  now: number,
): CriContainer[] | ToolResult {
  let state: string | undefined = options.all ? undefined : "CONTAINER_RUNNING";
  if (options.state !== "") {
    state = CRI_STATES[options.state.toLowerCase()];
    if (state === undefined)
      return goLogFatal(now, "--state should be one of created, running, exited or unknown");
  }
  if (options.latest || options.last > 0) state = undefined;
  const labels = (c: CriContainer): Record<string, string> => ({
    "io.kubernetes.container.name": c.name,
    "io.kubernetes.pod.name": c.podName,
    "io.kubernetes.pod.namespace": c.podNamespace,
    "io.kubernetes.pod.uid": c.podUid,
  });
  const listed = context.host
    .criContainers()
    .filter((c) => state === undefined || c.state === state)
    .filter((c) => c.id.startsWith(options.id) && c.podSandboxId.startsWith(options.pod))
    .filter((c) =>
      options.labels.every((pair) => {
        const [key = "", value = ""] = pair.split("=");
        return labels(c)[key] === value;
      }),
    )
    .filter((c) => matchesRegex(options.name, c.name))
    .filter((c) => matchesRegex(options.namespace, c.podNamespace))
    // containerByCreated: newest first (ties, rare at containerd's nanosecond precision, by ID).
    .sort((a, b) => b.createdMs - a.createdMs || b.id.localeCompare(a.id));
  const count = options.latest ? 1 : options.last > 0 ? options.last : listed.length;
  return listed.slice(0, count);
}

/** units.HumanSizeWithPrecision(size, 3): decimal units, Go's %.3g. */
function humanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit += 1;
  }
  return `${Number(size.toPrecision(3))}${units[unit] ?? ""}`;
}

/** containerd's name for a reference: docker.io/library/busybox:1.36. */
function normalisedReference(reference: string): string {
  const slash = reference.indexOf("/");
  const first = slash === -1 ? "" : reference.slice(0, slash);
  const named =
    slash === -1
      ? `docker.io/library/${reference}`
      : first.includes(".") || first.includes(":") || first === "localhost"
        ? reference
        : `docker.io/${reference}`;
  return named.lastIndexOf(":") > named.lastIndexOf("/") ? named : `${named}:latest`;
}

/** The sandbox (pause) image containerd's CRI plugin runs every pod with (crictl info). */
const SANDBOX_IMAGE = "registry.k8s.io/pause:3.10";

/**
 * `crictl images`: what containerd holds on the node: the pause image, the images the
 * scenario pre-pulls on every node and those its containers were created from, sorted by
 * reference (imageByRef), each with its truncated ID and size.
 */
function images(context: NodeToolContext, quiet: boolean): ToolResult {
  const { cluster, host } = context;
  const found = new Map<string, { id: string; size: number }>();
  const digestOf = (name: string): string => {
    let hash = 0x811c9dc5;
    let hex = "";
    for (let round = 0; hex.length < 64; round += 1) {
      for (const char of `${name}#${round}`)
        hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
      hex += hash.toString(16).padStart(8, "0");
    }
    return hex.slice(0, 64);
  };
  const add = (name: string, id: string): void => {
    const reference = normalisedReference(name);
    if (found.has(reference)) return;
    found.set(reference, { id, size: cluster.image(name)?.sizeBytes ?? 321_520 });
  };
  for (const container of host.criContainers())
    add(container.image, container.imageRef.replace(/^sha256:/, ""));
  for (const image of cluster.scenario?.images ?? [])
    if (image.presentOnNodes) add(image.name, digestOf(image.name));
  add(SANDBOX_IMAGE, digestOf(SANDBOX_IMAGE));
  const sorted = [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (quiet) return done(sorted.map(([, image]) => `sha256:${image.id}\n`).join(""));
  const rows = [["IMAGE", "TAG", "IMAGE ID", "SIZE"]];
  for (const [reference, image] of sorted) {
    const colon = reference.lastIndexOf(":");
    rows.push([
      reference.slice(0, colon),
      reference.slice(colon + 1),
      image.id.slice(0, 13),
      humanSize(image.size),
    ]);
  }
  return done(tabwrite(rows));
}

export function crictl(args: readonly string[], context: NodeToolContext): ToolResult {
  const { host, cluster } = context;
  const now = cluster.clock.now();
  const words = args.filter((arg) => !arg.startsWith("-"));
  const flags = args.filter((arg) => arg.startsWith("-"));
  const [verb, target] = words;
  if (verb === undefined)
    return done(
      "",
      "NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n",
      0,
    );
  const responding = host.criResponding();
  switch (verb) {
    case "ps": {
      const options = parsePs(args.slice(args.indexOf("ps") + 1));
      if (typeof options === "string") return done("", `Incorrect Usage: ${options}\n\n`, 1);
      if (!responding) return done("", CRI_DOWN(now, "listing containers"), 1);
      const containers = listContainers(context, options, now);
      if (!Array.isArray(containers)) return containers;
      if (options.quiet) return done(containers.map((c) => `${c.id}\n`).join(""));
      // crictl v1.32 (the one kind's v1.32 node image ships) added the NAMESPACE column.
      const rows = [
        ["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"],
      ];
      for (const c of containers) {
        rows.push([
          c.id.slice(0, 13),
          shortImage(c),
          `${humanDuration(now - c.createdMs)} ago`,
          STATE_NAMES[c.state],
          c.name,
          String(c.attempt),
          c.podSandboxId.slice(0, 13),
          c.podName,
          c.podNamespace,
        ]);
      }
      return done(tabwrite(rows));
    }
    case "images":
    case "image":
    case "img":
      if (!responding) return done("", CRI_DOWN(now, "listing images"), 1);
      return images(context, flags.includes("-q") || flags.includes("--quiet"));
    case "pods": {
      if (!responding) return done("", CRI_DOWN(now, "listing pod sandboxes"), 1);
      const seen = new Map<string, CriContainer>();
      for (const c of host.criContainers())
        if (!seen.has(c.podSandboxId)) seen.set(c.podSandboxId, c);
      const rows = [["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]];
      for (const c of [...seen.values()].reverse()) {
        rows.push([
          c.podSandboxId.slice(0, 13),
          `${humanDuration(now - c.createdMs)} ago`,
          "Ready",
          c.podName,
          c.podNamespace,
          "0",
          "(default)",
        ]);
      }
      return done(tabwrite(rows));
    }
    case "logs": {
      if (!responding) return done("", CRI_DOWN(now, "failed to get container status"), 1);
      // crictl logs [--tail N|--tail=N] [-t|--timestamps] ID: the value of --tail is no ID.
      const rest = args.slice(args.indexOf("logs") + 1);
      let tail: number | undefined;
      let timestamps = false;
      let id: string | undefined;
      for (let index = 0; index < rest.length; index += 1) {
        const arg = rest[index] ?? "";
        if (arg === "--tail") tail = Number(rest[(index += 1)] ?? "");
        else if (arg.startsWith("--tail=")) tail = Number(arg.slice(7));
        else if (arg === "-t" || arg === "--timestamps") timestamps = true;
        else if (!arg.startsWith("-")) id ??= arg;
      }
      const container = findContainer(context, id);
      if (!container)
        return done(
          "",
          `time="${new Date(now).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="failed to get container ID: no container found"\n`,
          1,
        );
      const lines = cluster.podLogs(container.podNamespace, container.podName, container.name, {
        previous: container.state === "CONTAINER_EXITED",
      });
      // A negative or unparsable --tail shows everything, as the CRI's tail of -1 does.
      const count = tail === undefined || !(tail >= 0) ? lines.length : tail;
      // Each line goes back to the stream the container wrote it to.
      const shown = lines.slice(Math.max(0, lines.length - count));
      const text = (stream: "stdout" | "stderr"): string =>
        shown
          .filter((line) => line.stream === stream)
          .map((line) => `${timestamps ? `${rfc3339Nano(line.timeMs)} ` : ""}${line.text}\n`)
          .join("");
      return done(text("stdout"), text("stderr"));
    }
    case "inspect": {
      if (!responding) return done("", CRI_DOWN(now, "getting the status of the container"), 1);
      const container = findContainer(context, target);
      if (!container)
        return done(
          "",
          `time="${new Date(now).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="no such container \\"${target ?? ""}\\""\n`,
          1,
        );
      const status = {
        status: {
          id: container.id,
          metadata: { attempt: container.attempt, name: container.name },
          state: container.state,
          createdAt: rfc3339Nano(container.createdMs),
          startedAt: rfc3339Nano(container.startedMs),
          finishedAt: rfc3339Nano(container.finishedMs),
          exitCode: container.exitCode ?? 0,
          image: {
            annotations: {},
            image: container.image,
            runtimeHandler: "",
            userSpecifiedImage: "",
          },
          imageRef: container.imageRef,
          reason: container.reason ?? "",
          message: container.message ?? "",
          labels: {
            "io.kubernetes.container.name": container.name,
            "io.kubernetes.pod.name": container.podName,
            "io.kubernetes.pod.namespace": container.podNamespace,
            "io.kubernetes.pod.uid": container.podUid,
          },
          logPath: `/var/log/pods/${container.podNamespace}_${container.podName}_${container.podUid}/${container.name}/${container.attempt}.log`,
        },
      };
      return done(`${JSON.stringify(status, null, 2)}\n`);
    }
    case "info": {
      if (!responding) return done("", CRI_DOWN(now, "getting status of runtime"), 1);
      const info = {
        status: {
          conditions: [
            { type: "RuntimeReady", status: true, reason: "", message: "" },
            { type: "NetworkReady", status: true, reason: "", message: "" },
          ],
        },
        config: {
          containerd: { snapshotter: "overlayfs", defaultRuntimeName: "runc" },
          cni: { binDir: "/opt/cni/bin", confDir: "/etc/cni/net.d" },
          sandboxImage: "registry.k8s.io/pause:3.10",
        },
      };
      return done(`${JSON.stringify(info, null, 2)}\n`);
    }
    case "version":
      if (!responding) return done("", CRI_DOWN(now, "getting the runtime version"), 1);
      return done(
        `Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  ${host.options.containerdVersion}\nRuntimeApiVersion:  v1\n`,
      );
    default:
      return done("", `No help topic for '${verb}'\n`, 3);
  }
}

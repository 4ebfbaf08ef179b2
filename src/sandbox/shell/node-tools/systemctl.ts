/**
 * systemctl against the node's systemd: `status UNIT` (the unit block and its last 10 journal
 * lines), `is-active UNIT`, `restart|start|stop UNIT` (through the cluster, so a restart of
 * containerd has its real consequences), `list-units --type=service`.
 */
import { done, syslogTime, systemdAgo, systemdTime } from "./tool-context.ts";
import type { NodeToolContext, ToolResult } from "./tool-context.ts";

const UNIT_FILES: Readonly<Record<string, { path: string; docs?: string; command: string }>> = {
  containerd: {
    path: "/lib/systemd/system/containerd.service",
    docs: "https://containerd.io",
    command: "/usr/bin/containerd",
  },
  kubelet: {
    path: "/lib/systemd/system/kubelet.service",
    docs: "https://kubernetes.io/docs/",
    command:
      "/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --kubeconfig=/etc/kubernetes/kubelet.conf --container-runtime-endpoint=unix:///run/containerd/containerd.sock",
  },
  "systemd-journald": {
    path: "/lib/systemd/system/systemd-journald.service",
    docs: "man:systemd-journald.service(8) man:journald.conf(5)",
    command: "/lib/systemd/systemd-journald",
  },
  ssh: {
    path: "/lib/systemd/system/ssh.service",
    docs: "man:sshd(8) man:sshd_config(5)",
    command: "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups",
  },
};

const unitName = (name: string): string => name.replace(/\.service$/, "");

function status(names: readonly string[], context: NodeToolContext): ToolResult {
  const { host, cluster } = context;
  const now = cluster.clock.now();
  let stdout = "";
  let stderr = "";
  let exitCode = 0;
  for (const name of names) {
    const unit = host.unit(name);
    if (!unit) {
      stderr += `Unit ${unitName(name)}.service could not be found.\n`;
      exitCode = 4;
      continue;
    }
    const file = UNIT_FILES[unit.name] ?? {
      path: `/lib/systemd/system/${unit.name}.service`,
      command: unit.name,
    };
    const state =
      unit.activeState === "active"
        ? "active (running)"
        : unit.activeState === "failed"
          ? "failed (Result: exit-code)"
          : "inactive (dead)";
    const journal = host
      .journal()
      .filter((entry) => entry.unit === `${unit.name}.service`)
      .sort((a, b) => a.timeMs - b.timeMs)
      .slice(-10)
      .map(
        (entry) =>
          `${syslogTime(entry.timeMs)} ${host.name} ${entry.identifier}[${entry.pid}]: ${entry.message}\n`,
      )
      .join("");
    if (stdout !== "") stdout += "\n";
    stdout += `● ${unit.name}.service - ${unit.description}\n`;
    stdout += `     Loaded: loaded (${file.path}; enabled; vendor preset: enabled)\n`;
    stdout += `     Active: ${state} since ${systemdTime(unit.sinceMs)}; ${systemdAgo(now - unit.sinceMs)}\n`;
    if (file.docs) stdout += `       Docs: ${file.docs}\n`;
    if (unit.activeState === "active") {
      const binary = file.command.split(" ")[0]?.split("/").at(-1) ?? unit.name;
      stdout += `   Main PID: ${unit.mainPid} (${binary})\n`;
      stdout += `     CGroup: /system.slice/${unit.name}.service\n`;
      stdout += `             └─${unit.mainPid} ${file.command}\n`;
    }
    if (journal !== "") stdout += `\n${journal}`;
    if (unit.activeState !== "active") exitCode = Math.max(exitCode, 3);
  }
  return done(stdout, stderr, exitCode);
}

export function systemctl(args: readonly string[], context: NodeToolContext): ToolResult {
  const words = args.filter((arg) => !arg.startsWith("-"));
  const [verb, ...names] = words;
  const { host, cluster } = context;
  switch (verb) {
    case undefined:
    case "list-units": {
      const rows = host.units().map((unit) => {
        const sub = unit.activeState === "active" ? "running" : unit.subState;
        return `  ${`${unit.name}.service`.padEnd(32)} loaded ${unit.activeState.padEnd(6)} ${sub.padEnd(7)} ${unit.description}\n`;
      });
      return done(
        `  ${"UNIT".padEnd(32)} LOAD   ACTIVE SUB     DESCRIPTION\n${rows.join("")}\n${rows.length} loaded units listed.\n`,
      );
    }
    case "status":
      if (names.length === 0) return done("", "Too few arguments.\n", 1);
      return status(names, context);
    case "is-active": {
      if (names.length === 0) return done("", "Too few arguments.\n", 1);
      let stdout = "";
      let exitCode = 0;
      for (const name of names) {
        const unit = host.unit(name);
        const state = unit?.activeState ?? "inactive";
        stdout += `${state}\n`;
        if (state !== "active") exitCode = unit ? 3 : 4;
      }
      return done(stdout, "", exitCode);
    }
    case "restart":
    case "start":
    case "stop":
    case "reload": {
      if (names.length === 0) return done("", "Too few arguments.\n", 1);
      for (const name of names) {
        if (!host.unit(name)) {
          return done(
            "",
            `Failed to ${verb} ${unitName(name)}.service: Unit ${unitName(name)}.service not found.\n`,
            5,
          );
        }
        // Stopping the runtime is modelled as a restart: the learner's runbook only ever restarts.
        cluster.restartUnit(host.name, unitName(name));
      }
      return done("");
    }
    default:
      return done("", `Unknown command verb ${verb}.\n`, 1);
  }
}

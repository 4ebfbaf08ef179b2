/** `kubectl version`, `cluster-info` and `config view|current-context` for the sandbox context. */
import type { KubectlEnv } from "../env.ts";
import { KubectlError, usageError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { METRICS_RESOURCES, metricsServer } from "../metrics-api.ts";
import { RESOURCE_TYPES } from "../resources.ts";
import type { KubeObject } from "../../cluster/store.ts";
import { formatObjects, noWidePrinter, parseOutputFormat } from "../print/output.ts";
import { toYaml } from "../print/yaml.ts";

export const CLIENT_VERSION = "v1.32.4";
export const KUSTOMIZE_VERSION = "v5.5.0";
/** The API server's /version, as the sandbox's API facade serves it (kube-api/discovery.ts). */
export const SERVER_VERSION = "v1.32.4";

/** version.Info of the v1.32.4 release, kubectl's and the API server's alike. */
function versionInfo(goVersion: string): Record<string, string> {
  return {
    major: "1",
    minor: "32",
    gitVersion: "v1.32.4",
    gitCommit: "59526cd4867447956156ae3a602fcbac10a2c335",
    gitTreeState: "clean",
    buildDate: "2025-04-22T16:02:27Z",
    goVersion,
    compiler: "gc",
    platform: "linux/amd64",
  };
}
export const SERVER_URL = "https://127.0.0.1:6443";
export const CONTEXT_NAME = "sandbox";

export function runVersion(argv: readonly string[], env: KubectlEnv): number {
  const flags = new Flags(
    parseArgs("version", argv, [
      { name: "client", type: "bool" },
      { name: "output", short: "o", type: "string" },
    ]),
  );
  const client = flags.bool("client");
  const output = flags.optionalString("output");
  if (output === "json" || output === "yaml") {
    // kubectl marshals its typed version struct: fields in struct order, JSON indented by two.
    const doc: Record<string, unknown> = {
      clientVersion: versionInfo("go1.23.8"),
      kustomizeVersion: KUSTOMIZE_VERSION,
    };
    if (!client) doc["serverVersion"] = versionInfo("go1.23.6");
    env.stdout(output === "json" ? JSON.stringify(doc, null, 2) + "\n" : toYaml(doc) + "\n");
    return 0;
  }
  if (output !== undefined) throw new KubectlError(`error: --output must be 'yaml' or 'json'`);
  let text = `Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
  if (!client) text += `Server Version: ${SERVER_VERSION}\n`;
  env.stdout(text);
  return 0;
}

export function runClusterInfo(argv: readonly string[], env: KubectlEnv): number {
  parseArgs("cluster-info", argv, []);
  const green = (s: string): string => (env.isTTY ? `\x1b[0;32m${s}\x1b[0m` : s);
  const yellow = (s: string): string => (env.isTTY ? `\x1b[0;33m${s}\x1b[0m` : s);
  let text = `${green("Kubernetes control plane")} is running at ${yellow(SERVER_URL)}\n`;
  const dns = env.cluster.store.get("services", "kube-system", "kube-dns");
  if (dns) {
    text += `${green("CoreDNS")} is running at ${yellow(`${SERVER_URL}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`)}\n`;
  }
  text += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
  env.stdout(text);
  return 0;
}

function kubeconfig(namespace: string): Record<string, unknown> {
  const context: Record<string, string> = { cluster: CONTEXT_NAME, user: "learner" };
  if (namespace !== "default") context["namespace"] = namespace;
  return {
    apiVersion: "v1",
    clusters: [
      {
        cluster: { "certificate-authority-data": "DATA+OMITTED", server: SERVER_URL },
        name: CONTEXT_NAME,
      },
    ],
    contexts: [{ context, name: CONTEXT_NAME }],
    "current-context": CONTEXT_NAME,
    kind: "Config",
    preferences: {},
    users: [
      {
        name: "learner",
        user: { "client-certificate-data": "DATA+OMITTED", "client-key-data": "DATA+OMITTED" },
      },
    ],
  };
}

export function runConfig(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("config", argv, [
    { name: "output", short: "o", type: "string" },
    { name: "minify", type: "bool" },
    { name: "raw", type: "bool" },
    { name: "flatten", type: "bool" },
  ]);
  const [sub] = parsed.positional;
  if (sub === "current-context") {
    env.stdout(`${CONTEXT_NAME}\n`);
    return 0;
  }
  if (sub === "get-contexts") {
    const ns = (env.namespace ?? "default") === "default" ? "" : (env.namespace ?? "");
    env.stdout(
      `CURRENT   NAME      CLUSTER   AUTHINFO   NAMESPACE\n*         ${CONTEXT_NAME}   ${CONTEXT_NAME}   learner    ${ns}\n`,
    );
    return 0;
  }
  if (sub === "view") {
    const flags = new Flags(parsed);
    const doc = kubeconfig(env.namespace ?? "default") as KubeObject;
    const format = parseOutputFormat(flags.optionalString("output") ?? "yaml");
    if (format.kind === "table") throw noWidePrinter();
    env.stdout(formatObjects(format, [doc], true, false));
    return 0;
  }
  if (sub === undefined) throw usageError("config", 'unknown command "" for "kubectl config"');
  throw new KubectlError(`error: unknown command "${sub}" for "kubectl config"`);
}

/** `kubectl api-versions`: every group/version discovery serves, sorted. */
export function runApiVersions(argv: readonly string[], env: KubectlEnv): number {
  parseArgs("api-versions", argv, []);
  const versions = new Set(
    [...RESOURCE_TYPES, ...(metricsServer(env) ? METRICS_RESOURCES : [])].map((t) =>
      t.group ? `${t.group}/${t.version}` : t.version,
    ),
  );
  env.stdout(
    [...versions]
      .sort()
      .map((v) => `${v}\n`)
      .join(""),
  );
  return 0;
}

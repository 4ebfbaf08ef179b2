/** `kubectl version`, `cluster-info` and `config view|current-context` for the sandbox context. */
import type { KubectlEnv } from "../env.ts";
import { KubectlError, usageError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { toJson } from "../print/json.ts";
import { toYaml } from "../print/yaml.ts";

export const CLIENT_VERSION = "v1.32.4";
export const KUSTOMIZE_VERSION = "v5.5.0";
export const SERVER_VERSION = "v1.32.0";
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
  const info = (gitVersion: string): Record<string, string> => {
    const [major = "1", minor = "32"] = gitVersion.slice(1).split(".");
    return { major, minor, gitVersion, platform: "linux/amd64" };
  };
  if (output === "json" || output === "yaml") {
    const doc: Record<string, unknown> = {
      clientVersion: info(CLIENT_VERSION),
      kustomizeVersion: KUSTOMIZE_VERSION,
    };
    if (!client) doc["serverVersion"] = info(SERVER_VERSION);
    env.stdout(output === "json" ? toJson(doc) : toYaml(doc));
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
    const doc = kubeconfig(env.namespace ?? "default");
    env.stdout(flags.string("output") === "json" ? toJson(doc) : toYaml(doc));
    return 0;
  }
  if (sub === undefined) throw usageError("config", 'unknown command "" for "kubectl config"');
  throw new KubectlError(`error: unknown command "${sub}" for "kubectl config"`);
}

/** The kubeconfig a learner's own kubectl, k9s or client library uses to reach the facade. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";

export interface KubeconfigOptions {
  server: string;
  token?: string | undefined;
  namespace?: string | undefined;
  /** PEM of the CA that signed the server's certificate (HTTPS): verified, not skipped. */
  caPem?: string | undefined;
  /** The cluster/context/user name; kubectl config get-contexts shows it. */
  name?: string | undefined;
}

export function kubeconfigYaml(options: KubeconfigOptions): string {
  const name = options.name ?? "sandbox";
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name,
        cluster:
          options.caPem === undefined
            ? // Plain HTTP on loopback: @kubernetes/client-node refuses http:// unless TLS checks are off.
              { server: options.server, "insecure-skip-tls-verify": true }
            : {
                server: options.server,
                "certificate-authority-data": Buffer.from(options.caPem).toString("base64"),
              },
      },
    ],
    contexts: [
      { name, context: { cluster: name, user: name, namespace: options.namespace ?? "default" } },
    ],
    "current-context": name,
    users: [{ name, user: options.token === undefined ? {} : { token: options.token } }],
    preferences: {},
  });
}

/** Writes the kubeconfig into a new private temporary directory (mode 0600) and returns its path. */
export function writeKubeconfig(options: KubeconfigOptions, directory?: string): string {
  const dir = directory ?? mkdtempSync(join(tmpdir(), "sandbox-kube-"));
  const path = join(dir, "kubeconfig");
  writeFileSync(path, kubeconfigYaml(options), { mode: 0o600 });
  return path;
}

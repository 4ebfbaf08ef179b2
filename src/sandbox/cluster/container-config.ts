/**
 * What the kubelet works out before it asks the runtime to create a container
 * (kuberuntime generateContainerConfig): the environment, with values from Secrets, and the
 * command line with $(VAR) references expanded. A Secret or key that is missing stops the
 * container with CreateContainerConfigError and the kubelet's message, e.g.
 * `secret "git-credentials" not found` or `couldn't find key token in Secret default/git-credentials`
 * (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables); an optional reference is skipped.
 */
import type { Container, Secret } from "kubernetes-types/core/v1.d.ts";
import type { ObjectStore } from "./store.ts";

/** Base64 as the API stores Secret data, decoded as UTF-8 text. */
export function decodeBase64(value: string): string {
  const binary = atob(value);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeBase64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/**
 * $(VAR) expansion as the kubelet applies it to env values, command and args
 * (third_party/forked/golang/expansion): `$$` is a literal `$`, an unknown name stays as written.
 */
export function expandReferences(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name?: string) => {
    if (name === undefined) return "$";
    return vars.get(name) ?? match;
  });
}

export type ContainerEnvironment =
  { ok: true; vars: ReadonlyMap<string, string> } | { ok: false; message: string };

/** The container's environment, or the CreateContainerConfigError message. */
export function containerEnvironment(
  store: ObjectStore,
  namespace: string,
  container: Container,
): ContainerEnvironment {
  const vars = new Map<string, string>();
  for (const env of container.env ?? []) {
    const ref = env.valueFrom?.secretKeyRef;
    if (ref === undefined) {
      vars.set(env.name, expandReferences(env.value ?? "", vars));
      continue;
    }
    const secretName = ref.name ?? "";
    const secret = store.read<Secret>("secrets", namespace, secretName);
    if (!secret) {
      if (ref.optional === true) continue;
      return { ok: false, message: `secret "${secretName}" not found` };
    }
    const encoded = secret.data?.[ref.key];
    const value = encoded === undefined ? secret.stringData?.[ref.key] : decodeBase64(encoded);
    if (value === undefined) {
      if (ref.optional === true) continue;
      return {
        ok: false,
        message: `couldn't find key ${ref.key} in Secret ${namespace}/${secretName}`,
      };
    }
    vars.set(env.name, value);
  }
  return { ok: true, vars };
}

/**
 * Secret and ConfigMap volumes as the kubelet's volume plugins set them up
 * (pkg/volume/secret/secret.go, pkg/volume/configmap/configmap.go SetUpAt): every key, or the
 * `items` asked for, becomes a file under the container's mountPath (mode 0644 unless
 * defaultMode/mode say otherwise). A missing object or key stops the mount with the plugin's
 * error, which the kubelet reports as a FailedMount event
 * `MountVolume.SetUp failed for volume "creds" : secret "git-creds" not found`; an optional one
 * mounts empty. (Only Secret volumes hold a pod back here: see mountFailure.)
 */
import type { ConfigMap, Pod, Secret, Volume } from "kubernetes-types/core/v1.d.ts";
import { decodeBase64 } from "./container-config.ts";
import type { ObjectStore } from "./store.ts";

export interface MountedFile {
  /** Absolute path in the container (mountPath + the key's path). */
  path: string;
  content: string;
  /** Unix permission bits (420 = 0644). */
  mode: number;
  /** The volume the file comes from. */
  volume: string;
}

export interface MountFailure {
  volume: string;
  /** The plugin's error, e.g. `secret "git-creds" not found`. */
  message: string;
}

interface VolumeSource {
  kind: "secret" | "configmap";
  name: string;
  data: Record<string, string> | undefined;
  items: readonly { key: string; path: string; mode?: number }[] | undefined;
  defaultMode: number;
  optional: boolean;
}

function source(store: ObjectStore, namespace: string, volume: Volume): VolumeSource | undefined {
  if (volume.secret) {
    const name = volume.secret.secretName ?? "";
    const secret = store.read<Secret>("secrets", namespace, name);
    const data: Record<string, string> | undefined = secret
      ? {
          ...Object.fromEntries(
            Object.entries(secret.data ?? {}).map(([k, v]) => [k, decodeBase64(v)]),
          ),
          ...secret.stringData,
        }
      : undefined;
    return {
      kind: "secret",
      name,
      data,
      items: volume.secret.items,
      defaultMode: volume.secret.defaultMode ?? 420,
      optional: volume.secret.optional === true,
    };
  }
  if (volume.configMap) {
    const name = volume.configMap.name ?? "";
    const map = store.read<ConfigMap>("configmaps", namespace, name);
    return {
      kind: "configmap",
      name,
      data: map ? { ...map.data } : undefined,
      items: volume.configMap.items,
      defaultMode: volume.configMap.defaultMode ?? 420,
      optional: volume.configMap.optional === true,
    };
  }
  return undefined;
}

/** The files of one volume, or the plugin's error. */
function volumePayload(
  from: VolumeSource,
): { files: { path: string; content: string; mode: number }[] } | { error: string } {
  if (from.data === undefined) {
    if (from.optional) return { files: [] };
    return { error: `${from.kind} "${from.name}" not found` };
  }
  const data = from.data;
  if (from.items === undefined) {
    return {
      files: Object.keys(data)
        .sort()
        .map((key) => ({ path: key, content: data[key] ?? "", mode: from.defaultMode })),
    };
  }
  const files: { path: string; content: string; mode: number }[] = [];
  for (const item of from.items) {
    const content = data[item.key];
    if (content === undefined) {
      if (from.optional) continue;
      return {
        error:
          from.kind === "secret"
            ? `references non-existent secret key: ${item.key}`
            : `configmap references non-existent config key: ${item.key}`,
      };
    }
    files.push({ path: item.path, content, mode: item.mode ?? from.defaultMode });
  }
  return { files };
}

/**
 * The first Secret volume of the pod that cannot be set up, in spec order. ConfigMap volumes
 * are not held back: scenarios declare no ConfigMaps, and those their faults mount (a script
 * mounted over the entrypoint) stand for ones that exist.
 */
export function mountFailure(store: ObjectStore, pod: Pod): MountFailure | undefined {
  const namespace = pod.metadata?.namespace ?? "default";
  for (const volume of pod.spec?.volumes ?? []) {
    const from = source(store, namespace, volume);
    if (from?.kind !== "secret") continue;
    const payload = volumePayload(from);
    if ("error" in payload) return { volume: volume.name, message: payload.error };
  }
  return undefined;
}

/** The files a container sees through its Secret and ConfigMap volume mounts. */
export function mountedFiles(store: ObjectStore, pod: Pod, container: string): MountedFile[] {
  const spec = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ].find((c) => c.name === container);
  const namespace = pod.metadata?.namespace ?? "default";
  const files: MountedFile[] = [];
  for (const mount of spec?.volumeMounts ?? []) {
    const volume = pod.spec?.volumes?.find((v) => v.name === mount.name);
    const from = volume ? source(store, namespace, volume) : undefined;
    if (!volume || !from) continue;
    const payload = volumePayload(from);
    if ("error" in payload) continue;
    const base = mount.mountPath.replace(/\/+$/, "");
    for (const file of payload.files) {
      // A subPath mount shows that one file (or directory) of the volume at mountPath.
      if (mount.subPath !== undefined && mount.subPath !== "") {
        if (file.path === mount.subPath) files.push({ ...file, path: base, volume: volume.name });
        continue;
      }
      files.push({ ...file, path: `${base}/${file.path}`, volume: volume.name });
    }
  }
  return files;
}

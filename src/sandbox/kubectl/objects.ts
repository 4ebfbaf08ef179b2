/** Reading objects the way kubectl's resource builder does, with the API server's errors. */
import { SelectorError } from "../cluster/selectors.ts";
import type { KubeObject } from "../cluster/store.ts";
import type { KubectlEnv } from "./env.ts";
import { KubectlError, notFound, plainError, serverError } from "./errors.ts";
import { apiVersionOf, type ResourceType } from "./resources.ts";

/** `pods`, `deployments.apps`: how the API server names a resource in NotFound messages. */
export function groupResource(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/** An object with apiVersion and kind set, as the API server returns it. */
export function typed<T extends KubeObject>(type: ResourceType, object: T): T {
  return { apiVersion: apiVersionOf(type), kind: type.kind, ...object };
}

export function getObject(
  env: KubectlEnv,
  type: ResourceType,
  namespace: string,
  name: string,
): KubeObject {
  const found = env.cluster.store.get(type.plural, type.namespaced ? namespace : undefined, name);
  if (!found) throw notFound(groupResource(type), name);
  return typed(type, found);
}

export interface ListQuery {
  namespace: string | undefined;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
}

export function listObjects(env: KubectlEnv, type: ResourceType, query: ListQuery): KubeObject[] {
  try {
    return env.cluster.store
      .list(type.plural, {
        namespace: type.namespaced ? query.namespace : undefined,
        labelSelector: query.labelSelector || undefined,
        fieldSelector: query.fieldSelector || undefined,
      })
      .map((object) => typed(type, object));
  } catch (error) {
    if (error instanceof SelectorError) {
      // The API server parses both selectors of a list and answers 400 naming them.
      if (query.fieldSelector || query.labelSelector) {
        throw serverError(
          "BadRequest",
          `Unable to find "${type.group ? `${type.group}/` : "/"}${type.version}, Resource=${type.plural}" that match label selector "${query.labelSelector ?? ""}", field selector "${query.fieldSelector ?? ""}": ${error.message}`,
        );
      }
      throw plainError(error.message);
    }
    throw error;
  }
}

/**
 * Runs a cluster call, turning its API errors into kubectl's `Error from server (Reason): ...`:
 * the store's StoreError carries its reason; the kubelet's LogsError is a 400 BadRequest.
 */
export function apiCall<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof KubectlError) throw error;
    if (error instanceof Error && error.name === "LogsError")
      throw serverError("BadRequest", error.message);
    if (error instanceof Error && "reason" in error && typeof error.reason === "string") {
      throw serverError(error.reason, error.message);
    }
    throw error;
  }
}

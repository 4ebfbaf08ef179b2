/**
 * Watches and the resourceVersion rules of lists, as kube-apiserver's watch cache applies them
 * (k8s.io/apiserver pkg/storage/cacher, pkg/apis/meta/internalversion/validation):
 * - `?watch=true` without a resourceVersion (or with "0") starts with synthetic ADDED events for the
 *   current state; with resourceVersion=N it replays the changes after N, and an N older than the
 *   store's retained changes (its TooOldResourceVersionError) is a watch ERROR event carrying
 *   410 Expired `too old resource version: N (M)`.
 * - `allowWatchBookmarks=true`: BOOKMARK events carrying only the current resourceVersion, about
 *   once a minute and 2 s before the watch's timeout (the HTTP layer calls `bookmark()` then).
 * - `sendInitialEvents=true` (WatchList, with resourceVersionMatch=NotOlderThan): the current state
 *   as ADDED, then a BOOKMARK annotated `k8s.io/initial-events-end: "true"`.
 * - ListOptions that the API server rejects get its Invalid Status, word for word.
 */
import {
  matchesFields,
  matchesLabels,
  type FieldRequirement,
  type LabelRequirement,
} from "../cluster/selectors.ts";
import { TooOldResourceVersionError, type KubeObject, type ObjectStore } from "../cluster/store.ts";
import type { KubeRequest, KubeStream } from "./http.ts";
import { ApiError, statusBody } from "./status.ts";

/** kube-apiserver's bookmarkFrequency (cacher.go) and the pre-timeout bookmark lead. */
export const BOOKMARK_EVERY_MS = 60_000;
export const BOOKMARK_BEFORE_TIMEOUT_MS = 2_000;

function invalidListOptions(errors: readonly string[]): ApiError {
  const detail = errors.length === 1 ? (errors[0] ?? "") : `[${errors.join(", ")}]`;
  return new ApiError("Invalid", `ListOptions.meta.k8s.io "" is invalid: ${detail}`, {
    group: "meta.k8s.io",
    kind: "ListOptions",
  });
}

const FORBIDDEN = "resourceVersionMatch: Forbidden: ";

/** ValidateListOptions for a list or a watch (WatchList enabled, as on a 1.32 API server). */
export function validateListOptions(query: URLSearchParams, watch: boolean): void {
  const match = query.get("resourceVersionMatch") ?? "";
  const version = query.get("resourceVersion") ?? "";
  const hasContinue = (query.get("continue") ?? "") !== "";
  const initial = query.get("sendInitialEvents");
  const errors: string[] = [];
  if (watch) {
    if (initial !== null && match !== "NotOlderThan")
      errors.push(
        `${FORBIDDEN}sendInitialEvents requires setting resourceVersionMatch to NotOlderThan`,
      );
    if (match !== "") {
      if (initial === null)
        errors.push(
          `${FORBIDDEN}resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided`,
        );
      if (match !== "NotOlderThan")
        errors.push(
          `resourceVersionMatch: Unsupported value: "${match}": supported values: "NotOlderThan"`,
        );
      if (hasContinue)
        errors.push(`${FORBIDDEN}resourceVersionMatch is forbidden when continue is provided`);
    }
  } else {
    if (match !== "") {
      if (version === "")
        errors.push(
          `${FORBIDDEN}resourceVersionMatch is forbidden unless resourceVersion is provided`,
        );
      if (hasContinue)
        errors.push(`${FORBIDDEN}resourceVersionMatch is forbidden when continue is provided`);
      if (match !== "Exact" && match !== "NotOlderThan")
        errors.push(
          `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan", ""`,
        );
      if (match === "Exact" && version === "0")
        errors.push(
          `${FORBIDDEN}resourceVersionMatch "exact" is forbidden for resourceVersion "0"`,
        );
    }
    if (initial !== null)
      errors.push("sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list");
  }
  if (errors.length > 0) throw invalidListOptions(errors);
  if (version !== "" && !/^\d+$/.test(version)) {
    throw new ApiError(
      "BadRequest",
      `invalid resource version: strconv.ParseUint: parsing "${version}": invalid syntax`,
    );
  }
}

/** storage.NewTooLargeResourceVersionError: the cache never caught up with a future version. */
export function tooLargeResourceVersion(requested: string, current: string): ApiError {
  return new ApiError(
    "Timeout",
    `Timeout: Too large resource version: ${requested}, current: ${current}`,
    {
      retryAfterSeconds: 1,
      causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
    },
  );
}

/** etcd3's answer to an Exact list at a compacted revision (errors.NewGone). */
export function listTooOld(): ApiError {
  return new ApiError("Gone", "The resourceVersion for the provided list is too old.");
}

/**
 * The resourceVersion rules of a list: a version newer than the store's is the cache's timeout;
 * an Exact version other than the current one can only be served from history the simulated
 * store does not keep, so it is what a compacted etcd says.
 */
export function checkListResourceVersion(query: URLSearchParams, current: string): void {
  const version = query.get("resourceVersion") ?? "";
  if (version === "" || version === "0") return;
  if (Number(version) > Number(current)) throw tooLargeResourceVersion(version, current);
  if (query.get("resourceVersionMatch") === "Exact" && version !== current) throw listTooOld();
}

export interface WatchSpec {
  store: ObjectStore;
  resource: string;
  namespace: string | undefined;
  labels: readonly LabelRequirement[];
  fields: readonly FieldRequirement[];
  apiVersion: string;
  kind: string;
  /** The objects selected now (as a list would return them). */
  current: () => KubeObject[];
  /** The event's object as the client asked for it (the object, or a Table of it). */
  present: (object: KubeObject) => unknown;
  /** The bookmark's object as the client asked for it. */
  presentBookmark: (object: KubeObject) => unknown;
}

function keyOf(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
}

/** The watch stream of one request. */
export function watchStream(request: KubeRequest, spec: WatchSpec): KubeStream {
  const query = request.query;
  const since = query.get("resourceVersion") ?? "";
  const bookmarks = query.get("allowWatchBookmarks") === "true";
  const initialEvents = query.get("sendInitialEvents") === "true";
  const line = (type: string, object: unknown): string => `${JSON.stringify({ type, object })}\n`;
  const bookmarkLine = (initialEnd: boolean): string => {
    const metadata: Record<string, unknown> = {
      resourceVersion: spec.store.resourceVersion(),
      creationTimestamp: null,
    };
    if (initialEnd) metadata["annotations"] = { "k8s.io/initial-events-end": "true" };
    return line(
      "BOOKMARK",
      spec.presentBookmark({ kind: spec.kind, apiVersion: spec.apiVersion, metadata }),
    );
  };
  return {
    bookmark: () => (bookmarks ? bookmarkLine(false) : undefined),
    start: (write, end) => {
      const current = spec.store.resourceVersion();
      const fresh = since === "" || since === "0" || initialEvents;
      // Once the request is accepted, errors travel as a watch event of type ERROR.
      const fail = (error: ApiError): (() => void) => {
        write(line("ERROR", statusBody(error.reason, error.message, error.details)));
        end();
        return () => undefined;
      };
      if (!fresh && Number(since) > Number(current))
        return fail(tooLargeResourceVersion(since, current));
      const selected = spec.current();
      // Objects the client holds as matching: entering the selection is ADDED, leaving it DELETED,
      // as the API server's watch cache reports selector transitions.
      const matching = new Set(selected.map(keyOf));
      if (fresh) for (const object of selected) write(line("ADDED", spec.present(object)));
      if (initialEvents && bookmarks) write(bookmarkLine(true));
      try {
        return spec.store.watch(
          spec.resource,
          { namespace: spec.namespace, resourceVersion: fresh ? undefined : since },
          (event) => {
            const key = keyOf(event.object);
            const matches =
              matchesLabels(event.object.metadata?.labels, spec.labels) &&
              matchesFields(event.object, spec.fields);
            const held = matching.has(key);
            let type: string | undefined;
            if (event.type === "DELETED") type = held || matches ? "DELETED" : undefined;
            else if (matches) type = held && event.type === "MODIFIED" ? "MODIFIED" : "ADDED";
            else if (held) type = "DELETED";
            if (type === undefined) return;
            if (type === "DELETED") matching.delete(key);
            else matching.add(key);
            write(
              line(
                type,
                spec.present({ ...event.object, apiVersion: spec.apiVersion, kind: spec.kind }),
              ),
            );
          },
        );
      } catch (error) {
        // The store's window of past changes no longer reaches back to the version asked for.
        if (error instanceof TooOldResourceVersionError)
          return fail(new ApiError("Expired", error.message));
        throw error;
      }
    },
  };
}

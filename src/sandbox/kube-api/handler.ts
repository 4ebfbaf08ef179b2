/**
 * The Kubernetes REST API over a simulated cluster: a pure function from a request to a response
 * (or a stream), so the Node server, tests and a browser worker share it. Routes, content types,
 * Status errors and watch semantics follow kube-apiserver as kubectl 1.27-1.33 use it (see
 * shared/reference/kubectl-api.md for the observed request sequences).
 */
import type { ObjectMeta } from "kubernetes-types/meta/v1.d.ts";
import type { KubeObject } from "../cluster/store.ts";
import { StoreError } from "../cluster/store.ts";
import { parseFieldSelector, parseLabelSelector, SelectorError } from "../cluster/selectors.ts";
import type { KubeApiCluster, MetricsSource, TableBuilder, TableLike } from "./cluster-port.ts";
import { resourceList, rootDiscovery, versionResponse } from "./discovery.ts";
import { jsonResponse, type KubeRequest, type KubeResponse } from "./http.ts";
import { podLogResponse } from "./logs.ts";
import { METRICS_GROUP, METRICS_VERSION, metricsResourceList, metricsResponse } from "./metrics.ts";
import { openApiGroupVersion, openApiIndex } from "./openapi.ts";
import { applyPatch, patchTypeOf } from "./patch.ts";
import { decodeKubernetesProtobuf, isKubernetesProtobuf } from "./protobuf.ts";
import { findResourceType, groupVersion, type ResourceType } from "./resources.ts";
import { ApiError, errorResponse, notFound, successStatus } from "./status.ts";
import { checkListResourceVersion, validateListOptions, watchStream } from "./watch.ts";
import { checkApplyOptions, updateManager } from "./server-side-apply.ts";
import {
  adoptManagedFields,
  ApplyConflictError,
  recordUpdate,
  serverSideApply,
  withManagedFields,
} from "../cluster/server-side-apply.ts";
import { parse as parseYaml } from "yaml";
import { rfc3339 } from "../cluster/time-format.ts";

export interface KubeApiOptions {
  toTable: TableBuilder;
  /** The cluster's metrics-server; without it there is no metrics.k8s.io group. */
  metrics?: MetricsSource | undefined;
}

interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

const TABLE_CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

function header(request: KubeRequest, name: string): string {
  return request.headers[name] ?? "";
}

function wantsTable(request: KubeRequest): boolean {
  return header(request, "accept").includes("as=Table");
}

/** Splits /api/v1/... and /apis/GROUP/VERSION/... into the resource addressed. */
function parseTarget(path: string): Target | KubeResponse | undefined {
  const parts = path.split("/").filter(Boolean);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api") {
    if (parts.length === 1) return undefined;
    group = "";
    version = parts[1] ?? "";
    rest = parts.slice(2);
  } else if (parts[0] === "apis") {
    if (parts.length < 3) return undefined;
    group = parts[1] ?? "";
    version = parts[2] ?? "";
    rest = parts.slice(3);
  } else return undefined;
  if (rest.length === 0) return resourceList(group, version);
  let namespace: string | undefined;
  if (
    rest[0] === "namespaces" &&
    rest.length >= 3 &&
    findResourceType(group, version, rest[2] ?? "")
  ) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const type = findResourceType(group, version, rest[0] ?? "");
  if (!type || rest.length > 3) return undefined;
  return { type, namespace, name: rest[1], subresource: rest[2] };
}

function storeError(error: StoreError, type: ResourceType, name: string): ApiError {
  const qualified = type.group === "" ? type.name : `${type.name}.${type.group}`;
  // An error about another object (a controller reacting to this write) keeps its own words.
  if (!error.message.startsWith(`${type.name} "${name}"`)) {
    return new ApiError(error.reason, error.message);
  }
  if (error.reason === "NotFound") return notFound(type.name, type.group, name);
  if (error.reason === "AlreadyExists") {
    return new ApiError("AlreadyExists", `${qualified} "${name}" already exists`, {
      name,
      ...(type.group ? { group: type.group } : {}),
      kind: type.name,
    });
  }
  return new ApiError(error.reason, error.message.replace(`${type.name} "`, `${qualified} "`), {
    name,
    kind: type.name,
  });
}

function decodeBody(request: KubeRequest): unknown {
  const body = request.body ?? new Uint8Array();
  const contentType = header(request, "content-type");
  if (isKubernetesProtobuf(contentType)) return decodeKubernetesProtobuf(body);
  const text = new TextDecoder().decode(body);
  try {
    return JSON.parse(text === "" ? "null" : text) as unknown;
  } catch {
    throw new ApiError(
      "BadRequest",
      "the object provided is unrecognized (must be of type Object): couldn't get version/kind; json parse error: invalid character",
    );
  }
}

function withKind(type: ResourceType, object: KubeObject): KubeObject {
  return { ...object, apiVersion: groupVersion(type), kind: type.kind };
}

/** A patched or applied object keeps the live object's name, namespace and resourceVersion. */
function pinnedTo(
  type: ResourceType,
  live: KubeObject,
  object: KubeObject,
  name: string,
): KubeObject {
  const version = live.metadata?.resourceVersion;
  const metadata: ObjectMeta = {
    ...object.metadata,
    name,
    ...(version === undefined ? {} : { resourceVersion: version }),
  };
  if (type.namespaced) metadata.namespace = live.metadata?.namespace ?? "default";
  return withKind(type, { ...object, metadata });
}

class KubeApi {
  readonly #cluster: KubeApiCluster;
  readonly #toTable: TableBuilder;
  readonly #metrics: MetricsSource | undefined;

  constructor(cluster: KubeApiCluster, options: KubeApiOptions) {
    this.#cluster = cluster;
    this.#toTable = options.toTable;
    this.#metrics = options.metrics;
  }

  handle(request: KubeRequest): KubeResponse {
    try {
      return this.#route(request);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      if (error instanceof SelectorError)
        return errorResponse(new ApiError("BadRequest", error.message));
      if (error instanceof StoreError)
        return errorResponse(new ApiError(error.reason, error.message));
      if (error instanceof ApplyConflictError)
        return errorResponse(
          new ApiError("Conflict", error.message, { causes: [...error.causes] }),
        );
      const message = error instanceof Error ? error.message : String(error);
      return errorResponse(new ApiError("InternalError", `Internal error occurred: ${message}`));
    }
  }

  #route(request: KubeRequest): KubeResponse {
    const { path, method } = request;
    if (path === "/version" || path === "/version/") return versionResponse();
    if (path === "/api" || path === "/apis")
      return rootDiscovery(path, header(request, "accept"), this.#metrics?.available() === true);
    const metricsPrefix = `/apis/${METRICS_GROUP}/${METRICS_VERSION}`;
    if (this.#metrics && (path === metricsPrefix || path.startsWith(`${metricsPrefix}/`))) {
      // The aggregator's answer while the APIService is registered but not reachable yet.
      if (!this.#metrics.available())
        throw new ApiError(
          "ServiceUnavailable",
          "the server is currently unable to handle the request",
        );
      const rest = path.slice(metricsPrefix.length).split("/").filter(Boolean);
      if (rest.length === 0) return metricsResourceList();
      const response = metricsResponse(this.#metrics, this.#cluster.store, request, rest);
      if (response) return response;
      throw new ApiError("NotFound", "the server could not find the requested resource");
    }
    if (path === "/openapi/v3") return openApiIndex();
    if (path.startsWith("/openapi/v3/")) {
      const document = openApiGroupVersion(path);
      if (document) return document;
    }
    const target = parseTarget(path);
    if (target === undefined)
      throw new ApiError("NotFound", "the server could not find the requested resource");
    if (!("type" in target)) return target;
    const { type, namespace, name, subresource } = target;
    if (type.namespaced && namespace === undefined && name !== undefined) {
      throw new ApiError("NotFound", "the server could not find the requested resource");
    }
    if (name === undefined) {
      if (method === "GET")
        return request.query.get("watch") === "true" || request.query.get("watch") === "1"
          ? this.#watch(request, target)
          : this.#list(request, target);
      if (method === "POST") return this.#create(request, target);
      if (method === "DELETE") return this.#deleteCollection(request, target);
      throw this.#methodNotAllowed(method);
    }
    if (
      subresource === undefined ||
      subresource === "status" ||
      subresource === "ephemeralcontainers"
    ) {
      if (method === "GET") return this.#get(request, type, namespace, name);
      if (method === "PUT") return this.#replace(request, type, namespace, name);
      if (method === "PATCH") return this.#patch(request, type, namespace, name);
      if (method === "DELETE" && subresource === undefined)
        return this.#delete(request, type, namespace, name);
      throw this.#methodNotAllowed(method);
    }
    if (type.name === "pods" && subresource === "log" && method === "GET") {
      return podLogResponse(this.#cluster, this.#read(type, namespace, name), request.query);
    }
    if (type.name === "pods" && subresource === "eviction" && method === "POST")
      return this.#evict(request, type, namespace, name);
    if (type.name === "pods" && (subresource === "exec" || subresource === "attach")) {
      this.#read(type, namespace, name);
      throw new ApiError("BadRequest", "Upgrade request required");
    }
    if (subresource === "scale" && type.subresources.some((s) => s.name === "scale"))
      return this.#scale(request, type, namespace, name);
    throw new ApiError("NotFound", "the server could not find the requested resource");
  }

  #methodNotAllowed(method: string): ApiError {
    return new ApiError(
      "MethodNotAllowed",
      `the server does not allow this method on the requested resource (${method})`,
    );
  }

  #read(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const object = this.#cluster.store.get(type.name, namespace, name);
    if (!object) throw notFound(type.name, type.group, name);
    return withKind(type, object);
  }

  #table(request: KubeRequest, type: ResourceType, objects: readonly KubeObject[]): TableLike {
    const include = request.query.get("includeObject");
    return this.#toTable(
      type.name,
      objects,
      { nowMs: this.#cluster.clock.now() },
      {
        includeObject: include === "Object" || include === "None" ? include : "Metadata",
        resourceVersion: this.#cluster.store.resourceVersion(),
      },
    );
  }

  #get(
    request: KubeRequest,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeResponse {
    const object = this.#read(type, namespace, name);
    if (wantsTable(request))
      return jsonResponse(200, this.#table(request, type, [object]), TABLE_CONTENT_TYPE);
    return jsonResponse(200, this.#served(object));
  }

  #selected(request: KubeRequest, target: Target): KubeObject[] {
    return this.#cluster.store
      .list(target.type.name, {
        namespace: target.namespace,
        labelSelector: request.query.get("labelSelector") ?? undefined,
        fieldSelector: request.query.get("fieldSelector") ?? undefined,
      })
      .map((object) => withKind(target.type, object));
  }

  #list(request: KubeRequest, target: Target): KubeResponse {
    validateListOptions(request.query, false);
    const all = this.#selected(request, target);
    const resourceVersion = this.#cluster.store.resourceVersion();
    checkListResourceVersion(request.query, resourceVersion);
    const start = request.query.get("continue")
      ? decodeContinue(request.query.get("continue") ?? "")
      : 0;
    const limit = Number(request.query.get("limit") ?? "0");
    const items = limit > 0 ? all.slice(start, start + limit) : all.slice(start);
    const next = limit > 0 && start + limit < all.length ? start + limit : undefined;
    if (wantsTable(request)) {
      const table = this.#table(request, target.type, items);
      const metadata: Record<string, unknown> = { resourceVersion };
      if (next !== undefined) metadata["continue"] = encodeContinue(next);
      return jsonResponse(200, { ...table, metadata }, TABLE_CONTENT_TYPE);
    }
    const metadata: Record<string, unknown> = { resourceVersion };
    if (next !== undefined) {
      metadata["continue"] = encodeContinue(next);
      metadata["remainingItemCount"] = all.length - next;
    }
    return jsonResponse(200, {
      kind: `${target.type.kind}List`,
      apiVersion: groupVersion(target.type),
      metadata,
      items: items.map((item) => this.#served(item)),
    });
  }

  #watch(request: KubeRequest, target: Target): KubeResponse {
    validateListOptions(request.query, true);
    const labels = parseLabelSelector(request.query.get("labelSelector") ?? "");
    const fields = parseFieldSelector(request.query.get("fieldSelector") ?? "");
    // Validates the selector the way a list does, before the stream starts.
    this.#selected(request, target);
    const asTable = wantsTable(request);
    const stream = watchStream(request, {
      store: this.#cluster.store,
      resource: target.type.name,
      namespace: target.namespace,
      labels,
      fields,
      apiVersion: groupVersion(target.type),
      kind: target.type.kind,
      current: () => this.#selected(request, target),
      present: (object) =>
        asTable ? this.#table(request, target.type, [object]) : this.#served(object),
      presentBookmark: (object) =>
        asTable
          ? { ...this.#table(request, target.type, []), metadata: object.metadata ?? {} }
          : object,
    });
    return { status: 200, headers: { "content-type": "application/json" }, stream };
  }

  #namespaceOf(
    type: ResourceType,
    target: string | undefined,
    object: KubeObject,
  ): string | undefined {
    if (!type.namespaced) return undefined;
    const declared = object.metadata?.namespace;
    if (declared !== undefined && declared !== "" && target !== undefined && declared !== target) {
      throw new ApiError(
        "BadRequest",
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
    const namespace = target ?? declared ?? "default";
    if (!this.#cluster.store.get("namespaces", undefined, namespace))
      throw notFound("namespaces", "", namespace);
    return namespace;
  }

  #create(request: KubeRequest, target: Target): KubeResponse {
    const { type } = target;
    if (type.name === "events" || !type.verbs.includes("create"))
      throw this.#methodNotAllowed("POST");
    const object = decodeBody(request) as KubeObject | null;
    if (object === null || typeof object !== "object")
      throw new ApiError("BadRequest", "the body of the request was empty");
    const dryRun = request.query.get("dryRun") === "All";
    const created = this.#createObject(type, target.namespace, object, dryRun);
    if (!dryRun)
      recordUpdate(this.#cluster.store, undefined, created, this.#manager(request), this.#now());
    return jsonResponse(201, this.#served(created));
  }

  /** Who a non-apply write is recorded for in managedFields. */
  #manager(request: KubeRequest): string {
    return updateManager(request.query, header(request, "user-agent"));
  }

  #now(): string {
    return rfc3339(this.#cluster.clock.now());
  }

  /** An object as the API serves it: with the managedFields the writes through it recorded. */
  #served<T extends KubeObject>(object: T): T {
    return withManagedFields(this.#cluster.store, object);
  }

  #createObject(
    type: ResourceType,
    targetNamespace: string | undefined,
    object: KubeObject,
    dryRun: boolean,
  ): KubeObject {
    if (object.kind !== undefined && object.kind !== type.kind) {
      throw new ApiError(
        "BadRequest",
        `the API version in the data (${object.apiVersion ?? ""}) does not match the expected API version (${groupVersion(type)})`,
      );
    }
    const namespace = this.#namespaceOf(type, targetNamespace, object);
    const metadata = { ...object.metadata };
    if (namespace !== undefined) metadata.namespace = namespace;
    delete metadata.creationTimestamp;
    delete metadata.managedFields;
    const candidate = withKind(type, { ...object, metadata });
    if (!metadata.name && !metadata.generateName) {
      throw new ApiError(
        "Invalid",
        `${type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
        { kind: type.kind },
      );
    }
    if (dryRun) return candidate;
    try {
      return withKind(type, this.#cluster.create(type.name, candidate));
    } catch (error) {
      if (error instanceof StoreError) throw storeError(error, type, metadata.name ?? "");
      throw error;
    }
  }

  /**
   * Stores an update; `manager` (absent for a dry run) is recorded as owning what it changed,
   * unless the write set metadata.managedFields itself, which then become the ownership.
   */
  #write(
    type: ResourceType,
    before: KubeObject,
    object: KubeObject,
    manager: string | undefined,
  ): KubeObject {
    const metadata = { ...object.metadata };
    const sent = metadata.managedFields;
    delete metadata.managedFields;
    const candidate = { ...object, metadata };
    if (manager === undefined) return candidate;
    let stored: KubeObject;
    try {
      stored = withKind(type, this.#cluster.updateObject(type.name, candidate));
    } catch (error) {
      if (error instanceof StoreError) throw storeError(error, type, object.metadata?.name ?? "");
      throw error;
    }
    const store = this.#cluster.store;
    if (!adoptManagedFields(store, this.#served(before), stored, sent))
      recordUpdate(store, before, stored, manager, this.#now());
    return stored;
  }

  #updateManager(request: KubeRequest): string | undefined {
    return request.query.get("dryRun") === "All" ? undefined : this.#manager(request);
  }

  #replace(
    request: KubeRequest,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeResponse {
    const current = this.#read(type, namespace, name);
    const object = decodeBody(request) as KubeObject | null;
    if (object === null || typeof object !== "object")
      throw new ApiError("BadRequest", "the body of the request was empty");
    if (object.metadata?.name !== name) {
      throw new ApiError(
        "BadRequest",
        "the name of the object (" +
          (object.metadata?.name ?? "") +
          ") does not match the name on the URL (" +
          name +
          ")",
      );
    }
    const metadata: ObjectMeta = { ...object.metadata };
    if (type.namespaced) metadata.namespace = current.metadata?.namespace ?? "default";
    else delete metadata.namespace;
    const written = this.#write(
      type,
      current,
      withKind(type, { ...object, metadata }),
      this.#updateManager(request),
    );
    return jsonResponse(200, this.#served(written));
  }

  #patch(
    request: KubeRequest,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeResponse {
    const patchType = patchTypeOf(header(request, "content-type"));
    if (!patchType) {
      throw new ApiError(
        "UnsupportedMediaType",
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
      );
    }
    if (patchType === "apply") return this.#apply(request, type, namespace, name);
    const current = this.#read(type, namespace, name);
    // The patch sees the object as served, managedFields included (kubectl's JSON patch migrating
    // client-side-apply ownership tests and replaces them).
    const patched = applyPatch(patchType, this.#served(current), decodeBody(request)) as KubeObject;
    const written = this.#write(
      type,
      current,
      pinnedTo(type, current, patched, name),
      this.#updateManager(request),
    );
    return jsonResponse(200, this.#served(written));
  }

  /**
   * Server-side apply (`kubectl apply --server-side`): creates the object when it does not exist
   * (201), else merges the manager's configuration into it, refusing a change to another
   * manager's field with 409 unless force=true.
   */
  #apply(
    request: KubeRequest,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeResponse {
    const options = checkApplyOptions(request.query);
    let applied: unknown;
    try {
      applied = parseYaml(new TextDecoder().decode(request.body ?? new Uint8Array()));
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new ApiError("BadRequest", `error decoding YAML: ${reason ?? ""}`);
    }
    if (applied === null || typeof applied !== "object" || Array.isArray(applied))
      throw new ApiError("BadRequest", "the body of the request was empty");
    const config = applied as KubeObject & { status?: unknown };
    if (config.kind !== type.kind || config.apiVersion !== groupVersion(type)) {
      throw new ApiError(
        "BadRequest",
        `the API version in the data (${config.apiVersion ?? ""}) does not match the expected API version (${groupVersion(type)})`,
      );
    }
    if (config.metadata?.name !== name) {
      throw new ApiError(
        "BadRequest",
        `the name of the object (${config.metadata?.name ?? ""}) does not match the name on the URL (${name})`,
      );
    }
    // Applying to the main resource leaves the status alone, as the API server resets it.
    const withoutStatus: KubeObject & { status?: unknown } = { ...config };
    delete withoutStatus.status;
    const dryRun = request.query.get("dryRun") === "All";
    const live = this.#cluster.store.get(type.name, namespace, name);
    const result = serverSideApply(
      this.#cluster.store,
      live ? withKind(type, live) : undefined,
      withoutStatus,
      { ...options, time: this.#now() },
    );
    if (!live) {
      const created = this.#createObject(type, namespace, result.object, dryRun);
      if (!dryRun) result.record(created);
      return jsonResponse(201, this.#served(created));
    }
    const written = this.#write(
      type,
      live,
      pinnedTo(type, live, result.object, name),
      dryRun ? undefined : options.manager,
    );
    if (!dryRun) result.record(written);
    return jsonResponse(200, this.#served(written));
  }

  #deleteOptions(request: KubeRequest): {
    gracePeriodSeconds: number | undefined;
    dryRun: boolean;
  } {
    const body =
      request.body && request.body.length > 0
        ? (decodeBody(request) as Record<string, unknown> | null)
        : null;
    const fromQuery = request.query.get("gracePeriodSeconds");
    const fromBody = body?.["gracePeriodSeconds"];
    const grace =
      fromQuery !== null ? Number(fromQuery) : typeof fromBody === "number" ? fromBody : undefined;
    const dryRun =
      request.query.get("dryRun") === "All" ||
      (Array.isArray(body?.["dryRun"]) && (body["dryRun"] as unknown[]).includes("All"));
    return { gracePeriodSeconds: grace, dryRun };
  }

  /** Pods go through the cluster's graceful deletion (the kubelet removes them); the rest at once. */
  #remove(
    type: ResourceType,
    object: KubeObject,
    gracePeriodSeconds: number | undefined,
  ): KubeObject {
    const namespace = object.metadata?.namespace;
    const name = object.metadata?.name ?? "";
    if (type.name === "pods") {
      const options = gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds };
      return withKind(type, this.#cluster.deletePod(namespace ?? "default", name, options));
    }
    return withKind(type, this.#cluster.store.delete(type.name, namespace, name));
  }

  #delete(
    request: KubeRequest,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeResponse {
    const object = this.#read(type, namespace, name);
    const options = this.#deleteOptions(request);
    if (options.dryRun) return jsonResponse(200, object);
    return jsonResponse(200, this.#remove(type, object, options.gracePeriodSeconds));
  }

  #deleteCollection(request: KubeRequest, target: Target): KubeResponse {
    if (!target.type.verbs.includes("deletecollection")) throw this.#methodNotAllowed("DELETE");
    const options = this.#deleteOptions(request);
    const items = this.#selected(request, target);
    if (!options.dryRun)
      for (const object of items) this.#remove(target.type, object, options.gracePeriodSeconds);
    return jsonResponse(200, {
      kind: `${target.type.kind}List`,
      apiVersion: groupVersion(target.type),
      metadata: {},
      items,
    });
  }

  #evict(
    request: KubeRequest,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeResponse {
    const pod = this.#read(type, namespace, name);
    const eviction = decodeBody(request) as { deleteOptions?: { dryRun?: string[] } } | null;
    if (!eviction?.deleteOptions?.dryRun?.includes("All")) {
      this.#cluster.evictPod(pod.metadata?.namespace ?? "default", name);
    }
    return jsonResponse(201, successStatus(201));
  }

  /** The autoscaling/v1 Scale view of a workload's replicas (`kubectl scale`). */
  #scale(
    request: KubeRequest,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeResponse {
    const object = this.#read(type, namespace, name) as KubeObject & {
      spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
      status?: { replicas?: number };
    };
    const view = (source: typeof object): Record<string, unknown> => ({
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: {
        name,
        namespace: source.metadata?.namespace,
        uid: source.metadata?.uid,
        resourceVersion: source.metadata?.resourceVersion,
        creationTimestamp: source.metadata?.creationTimestamp,
      },
      spec: { replicas: source.spec?.replicas ?? 1 },
      status: {
        replicas: source.status?.replicas ?? 0,
        selector: Object.entries(source.spec?.selector?.matchLabels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(","),
      },
    });
    if (request.method === "GET") return jsonResponse(200, view(object));
    if (request.method !== "PATCH" && request.method !== "PUT")
      throw this.#methodNotAllowed(request.method);
    const body = decodeBody(request);
    const patchType =
      request.method === "PUT" ? "merge" : patchTypeOf(header(request, "content-type"));
    if (!patchType)
      throw new ApiError(
        "UnsupportedMediaType",
        "the body of the request was in an unknown format",
      );
    const scaled = applyPatch(patchType, view(object), body) as { spec?: { replicas?: number } };
    const replicas = scaled.spec?.replicas;
    if (typeof replicas !== "number" || replicas < 0) {
      throw new ApiError(
        "Invalid",
        `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`,
      );
    }
    const updated = this.#cluster.updateObject(type.name, {
      ...object,
      spec: { ...object.spec, replicas },
    }) as typeof object;
    return jsonResponse(200, view(updated));
  }
}

function encodeContinue(index: number): string {
  return btoa(JSON.stringify({ v: "meta.k8s.io/v1", start: index }));
}

function decodeContinue(token: string): number {
  try {
    const parsed = JSON.parse(atob(token)) as { start?: unknown };
    if (typeof parsed.start === "number" && parsed.start >= 0) return parsed.start;
  } catch {
    // falls through to the API server's error below
  }
  throw new ApiError(
    "BadRequest",
    "continue key is not valid: illegal base64 data at input byte 0",
  );
}

/** Serves one request against the cluster. */
export function handleKubeRequest(
  cluster: KubeApiCluster,
  request: KubeRequest,
  options: KubeApiOptions,
): KubeResponse {
  return new KubeApi(cluster, options).handle(request);
}

/**
 * meta/v1 Status errors. kubectl prints `Error from server (<reason>): <message>`, so the reason and
 * message texts are the API server's own (k8s.io/apimachinery/pkg/api/errors).
 */
import { jsonResponse, type KubeResponse } from "./http.ts";

export type StatusReason =
  | "BadRequest"
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "MethodNotAllowed"
  | "NotAcceptable"
  | "UnsupportedMediaType"
  | "Unauthorized"
  | "TooManyRequests"
  | "InternalError"
  | "ServiceUnavailable"
  | "Expired"
  | "Gone"
  | "Timeout";

const CODES: Readonly<Record<StatusReason, number>> = {
  BadRequest: 400,
  Unauthorized: 401,
  NotFound: 404,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  AlreadyExists: 409,
  Conflict: 409,
  UnsupportedMediaType: 415,
  Invalid: 422,
  TooManyRequests: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
  Expired: 410,
  Gone: 410,
  Timeout: 504,
};

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason: string; message: string; field?: string }[];
  retryAfterSeconds?: number;
}

/** Thrown inside the handler; turned into a Status response at the top. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly reason: StatusReason;
  readonly details: StatusDetails | undefined;

  constructor(reason: StatusReason, message: string, details?: StatusDetails) {
    super(message);
    this.reason = reason;
    this.details = details;
  }

  get code(): number {
    return CODES[this.reason];
  }
}

export function statusBody(
  reason: StatusReason,
  message: string,
  details?: StatusDetails,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
  };
  if (details) body["details"] = details;
  body["code"] = CODES[reason];
  return body;
}

export function errorResponse(error: ApiError): KubeResponse {
  return jsonResponse(error.code, statusBody(error.reason, error.message, error.details));
}

/** `pods "x" not found`, with the group-qualified resource as the API server writes it. */
export function notFound(resource: string, group: string, name: string): ApiError {
  const qualified = group === "" ? resource : `${resource}.${group}`;
  return new ApiError("NotFound", `${qualified} "${name}" not found`, {
    name,
    ...(group ? { group } : {}),
    kind: resource,
  });
}

export function successStatus(code: number, details?: StatusDetails): Record<string, unknown> {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    ...(details ? { details } : {}),
    code,
  };
}

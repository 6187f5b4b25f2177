/**
 * Errors the emulator answers with: each carries the exception's name, its
 * HTTP status and its members, exactly as the service documents them
 * (the service model's errors).
 */
import type { ValidationExceptionField } from "../errors.js";

/** The Smithy namespace of the service's shapes, used in `__type`. */
export const SHAPE_NAMESPACE = "com.amazonaws.partnercentralrevenuemeasurement";

/** A documented service error, thrown by operation handlers and turned into a response by the server. */
export class ServiceError extends Error {
  constructor(
    /** Exception name, e.g. `ConflictException`. */
    readonly type: string,
    /** HTTP status of the response. */
    readonly status: number,
    message: string,
    /** Members besides `Message`, e.g. `Reason`. */
    readonly members: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type;
  }

  /** The CBOR body of the error response. */
  toBody(): Record<string, unknown> {
    return { __type: `${SHAPE_NAMESPACE}#${this.type}`, Message: this.message, ...this.members };
  }
}

/** 404 ResourceNotFoundException. */
export function notFound(message: string): ServiceError {
  return new ServiceError("ResourceNotFoundException", 404, message, { Reason: "RESOURCE_NOT_FOUND" });
}

/** 409 ConflictException with a documented reason. */
export function conflict(
  reason: "CONFLICT_CLIENT_TOKEN" | "CONCURRENT_MODIFICATION" | "RESOURCE_ALREADY_EXISTS" | "REVISION_MISMATCH",
  message: string,
): ServiceError {
  return new ServiceError("ConflictException", 409, message, { Reason: reason });
}

/** 400 ValidationException with its field list. */
export function validationError(
  reason: "REQUEST_VALIDATION_FAILED" | "BUSINESS_VALIDATION_FAILED",
  fields: ValidationExceptionField[],
  message?: string,
): ServiceError {
  const text =
    message ??
    `${fields.length} validation error${fields.length === 1 ? "" : "s"} detected: ` +
      fields
        .slice(0, 10)
        .map((f) => `${f.Name} ${f.Message}`)
        .join("; ");
  return new ServiceError("ValidationException", 400, text, { Reason: reason, FieldList: fields });
}

/** 403 AccessDeniedException. */
export function accessDenied(message: string): ServiceError {
  return new ServiceError("AccessDeniedException", 403, message, { Reason: "ACCESS_DENIED" });
}

/**
 * 403 InvalidSignatureException: what AWS answers a request signed with a
 * clock more than five minutes off (the response's `Date` header tells the
 * client the server's time).
 */
export function invalidSignature(message: string): ServiceError {
  return new ServiceError("InvalidSignatureException", 403, message);
}

/** 402 ServiceQuotaExceededException. */
export function quotaExceeded(reason: "ATTRIBUTION_LIMIT_EXCEEDED" | "TAG_LIMIT_EXCEEDED", message: string): ServiceError {
  return new ServiceError("ServiceQuotaExceededException", 402, message, { Reason: reason });
}

/** 429 ThrottlingException. */
export function throttled(): ServiceError {
  return new ServiceError("ThrottlingException", 429, "Rate exceeded", {
    ServiceCode: "partnercentral",
    QuotaCode: "emulator-request-rate",
  });
}

/** 500 InternalServerException. */
export function internalError(message = "An internal error occurred. Try again."): ServiceError {
  return new ServiceError("InternalServerException", 500, message);
}

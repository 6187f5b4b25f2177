/**
 * Error classes: the service's documented exceptions, local validation
 * failures and protocol failures (bad responses).
 */
import type {
  AccessDeniedExceptionReason,
  ConflictExceptionReason,
  FieldValidationCode,
  OpenEnum,
  ResourceNotFoundExceptionReason,
  ServiceQuotaExceededExceptionReason,
  ValidationExceptionReason,
} from "./models.js";

/** Response metadata attached to every output and every service error. */
export interface ResponseMetadata {
  /** HTTP status of the last attempt, when a response was received. */
  httpStatusCode?: number;
  /** The `x-amzn-requestid` header of the last response. */
  requestId?: string;
  /** How many attempts the call took (1 when there was no retry). */
  attempts: number;
  /** Milliseconds spent sleeping between attempts. */
  totalRetryDelay: number;
}

/** One problem in an input, in the same shape as the service's `ValidationExceptionField`. */
export interface ValidationExceptionField {
  /** Path of the offending member, e.g. `RevenueShareAllocations[17].EffectiveUntil`. */
  Name: string;
  /** What is wrong, in words. */
  Message: string;
  /** One of the service's field codes, e.g. `INVALID_STRING_FORMAT`. */
  Code: OpenEnum<FieldValidationCode>;
}

/**
 * Field codes used by the service (and by local validation): the model's {@link FieldValidationCode}.
 * @deprecated Use `FieldValidationCode`; this name stays for code written against earlier versions.
 */
export type ValidationExceptionErrorCode = FieldValidationCode;

/** How a cause is kept in JSON: its own `toJSON()` when it has one, else name and message; nested causes up to 4 deep. */
function causeToJSON(cause: unknown, depth: number): unknown {
  if (cause === undefined) return undefined;
  if (depth >= 4) return "[cause chain truncated]";
  if (cause instanceof PartnerCentralRevenueMeasurementError) return cause.toJSONAtDepth(depth);
  if (cause instanceof Error) {
    const nested = causeToJSON((cause as { cause?: unknown }).cause, depth + 1);
    return { name: cause.name, message: cause.message, ...(nested === undefined ? {} : { cause: nested }) };
  }
  return typeof cause === "object" && cause !== null ? String(cause) : cause;
}

/** The brand of this package's errors, shared by every copy of the package in a process (a registered symbol). */
const ERROR_BRAND = Symbol.for("partnercentral-revenue-measurement.error");

/**
 * Root of every error this SDK throws: service exceptions, local validation,
 * network, abort, credential, waiter, batch and pagination errors. One
 * `instanceof` check catches them all, and `JSON.stringify(error)` keeps the
 * name, message, members and cause, so JSON logs keep the reason.
 *
 * ```ts
 * try {
 *   await client.send(command);
 * } catch (e) {
 *   if (e instanceof PartnerCentralRevenueMeasurementError) logger.error(JSON.stringify(e));
 *   throw e;
 * }
 * ```
 */
export class PartnerCentralRevenueMeasurementError extends Error {
  /** Marks this package's errors in every copy of it (see `Symbol.hasInstance` below). */
  get [ERROR_BRAND](): true {
    return true;
  }

  /**
   * `instanceof` that also holds across copies of this package in one process (its ES module and CommonJS
   * builds, or two installed versions), as `@smithy`'s `ServiceException` does: an error of another copy is an
   * instance of a class here when it carries the package's brand and a class of the same name is on its
   * prototype chain.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== "object" || value === null || (value as { [ERROR_BRAND]?: unknown })[ERROR_BRAND] !== true) return false;
    for (let proto = Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
      if ((proto as { constructor?: { name?: string } }).constructor?.name === this.name) return true;
    }
    return false;
  }

  /** The request id of the last response, when one was received (from `$metadata`). */
  get requestId(): string | undefined {
    return (this as { $metadata?: ResponseMetadata }).$metadata?.requestId;
  }

  /** A plain object of `name`, `message`, the error's own members and its `cause` (name and message). */
  toJSON(): Record<string, unknown> {
    return this.toJSONAtDepth(0);
  }

  /** @internal */
  toJSONAtDepth(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key === "cause" || key === "stack" || value === undefined || typeof value === "function") continue;
      out[key] = value;
    }
    const cause = causeToJSON((this as { cause?: unknown }).cause, depth + 1);
    if (cause !== undefined) out.cause = cause;
    return out;
  }
}

/**
 * True for the HTTP statuses worth another attempt, as the AWS SDKs' retry modes see them: 429, 500, 502, 503, 504.
 * Every error built from a status takes its `$retryable` from here.
 * @internal
 */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

interface ServiceExceptionOptions {
  name: string;
  message: string;
  $fault: "client" | "server";
  $metadata: ResponseMetadata;
  $retryable?: boolean;
  $response?: { statusCode: number; headers: Record<string, string> };
}

/**
 * Base class of every error returned by the service. Unknown error types are
 * surfaced as this class with their `name` set to the service's type name.
 */
export class PartnerCentralRevenueMeasurementServiceException extends PartnerCentralRevenueMeasurementError {
  /** `client` for 4xx-style errors, `server` for 5xx-style errors. */
  readonly $fault: "client" | "server";
  /** Metadata of the response that carried the error. */
  $metadata: ResponseMetadata;
  /** Whether retrying the same request may succeed. */
  readonly $retryable: boolean;
  /** The service's `Message` member, when present, with account ids masked like `message`. */
  readonly Message?: string;
  /**
   * The message exactly as given (by the service, for service errors), before account ids were masked.
   * Non-enumerable: `JSON.stringify`, `toJSON()` and `console.log` leave it out; read it explicitly when needed.
   */
  declare readonly $unmaskedMessage: string;

  /** `message` is stored with every 12-digit account id masked to its last four digits (`maskAccountIds`). */
  constructor(options: ServiceExceptionOptions) {
    const message = maskAccountIds(options.message);
    super(message);
    this.name = options.name;
    this.$fault = options.$fault;
    this.$metadata = options.$metadata;
    this.$retryable = options.$retryable ?? false;
    this.Message = message;
    Object.defineProperty(this, "$unmaskedMessage", { value: options.message, enumerable: false, configurable: true });
  }
}

type ErrorInit = { message: string; $metadata: ResponseMetadata };

/** The caller lacks permission for the action (HTTP 403). */
export class AccessDeniedException extends PartnerCentralRevenueMeasurementServiceException {
  /** Always `ACCESS_DENIED` today; unknown values pass through. */
  readonly Reason?: OpenEnum<AccessDeniedExceptionReason>;
  constructor(init: ErrorInit & { Reason?: string }) {
    super({ ...init, name: "AccessDeniedException", $fault: "client" });
    this.Reason = init.Reason;
  }
}

/** The request conflicts with the resource's current state (HTTP 409). */
export class ConflictException extends PartnerCentralRevenueMeasurementServiceException {
  /** Why: `CONFLICT_CLIENT_TOKEN`, `CONCURRENT_MODIFICATION`, `RESOURCE_ALREADY_EXISTS` or `REVISION_MISMATCH`. */
  readonly Reason?: OpenEnum<ConflictExceptionReason>;
  constructor(init: ErrorInit & { Reason?: string }) {
    super({ ...init, name: "ConflictException", $fault: "client" });
    this.Reason = init.Reason;
  }
}

/** The service failed (HTTP 500). Retryable. */
export class InternalServerException extends PartnerCentralRevenueMeasurementServiceException {
  constructor(init: ErrorInit) {
    super({ ...init, name: "InternalServerException", $fault: "server", $retryable: true });
  }
}

/** The named resource does not exist (HTTP 404). */
export class ResourceNotFoundException extends PartnerCentralRevenueMeasurementServiceException {
  /** Always `RESOURCE_NOT_FOUND` today. */
  readonly Reason?: OpenEnum<ResourceNotFoundExceptionReason>;
  constructor(init: ErrorInit & { Reason?: string }) {
    super({ ...init, name: "ResourceNotFoundException", $fault: "client" });
    this.Reason = init.Reason;
  }
}

/** A quota would be exceeded (HTTP 402). */
export class ServiceQuotaExceededException extends PartnerCentralRevenueMeasurementServiceException {
  /** `ATTRIBUTION_LIMIT_EXCEEDED` or `TAG_LIMIT_EXCEEDED`. */
  readonly Reason?: OpenEnum<ServiceQuotaExceededExceptionReason>;
  constructor(init: ErrorInit & { Reason?: string }) {
    super({ ...init, name: "ServiceQuotaExceededException", $fault: "client" });
    this.Reason = init.Reason;
  }
}

/** The request was throttled (HTTP 429). Retryable. */
export class ThrottlingException extends PartnerCentralRevenueMeasurementServiceException {
  /** Service code of the throttled quota, when given. */
  readonly ServiceCode?: string;
  /** Quota code of the throttled quota, when given. */
  readonly QuotaCode?: string;
  constructor(init: ErrorInit & { ServiceCode?: string; QuotaCode?: string }) {
    super({ ...init, name: "ThrottlingException", $fault: "client", $retryable: true });
    this.ServiceCode = init.ServiceCode;
    this.QuotaCode = init.QuotaCode;
  }
}

/** The service rejected the input (HTTP 400). */
export class ValidationException extends PartnerCentralRevenueMeasurementServiceException {
  /** `REQUEST_VALIDATION_FAILED` or `BUSINESS_VALIDATION_FAILED`. */
  readonly Reason?: OpenEnum<ValidationExceptionReason>;
  /** The fields the service found fault with; account ids in each `Message` masked (`Name` locates the member in your input). */
  readonly FieldList?: ValidationExceptionField[];
  constructor(init: ErrorInit & { Reason?: string; FieldList?: ValidationExceptionField[] }) {
    super({ ...init, name: "ValidationException", $fault: "client" });
    this.Reason = init.Reason;
    this.FieldList = init.FieldList?.map((field) =>
      typeof field?.Message === "string" ? { ...field, Message: maskAccountIds(field.Message) } : field,
    );
  }
}

/**
 * The response could not be understood: truncated or malformed CBOR, a wrong
 * content type (such as an HTML page from a proxy), or an error without a
 * usable type. `$response.statusCode` names the HTTP status.
 */
export class PartnerCentralRevenueMeasurementProtocolError extends PartnerCentralRevenueMeasurementServiceException {
  /** The status and headers of the response that could not be parsed. */
  readonly $response: { statusCode: number; headers: Record<string, string>; bodySnippet?: string };
  constructor(init: {
    message: string;
    $metadata: ResponseMetadata;
    statusCode: number;
    headers: Record<string, string>;
    bodySnippet?: string;
    cause?: unknown;
  }) {
    const server = init.statusCode >= 500;
    super({
      name: "PartnerCentralRevenueMeasurementProtocolError",
      message: init.message,
      $fault: server ? "server" : "client",
      $metadata: init.$metadata,
      $retryable: isRetryableStatus(init.statusCode),
    });
    this.$response = { statusCode: init.statusCode, headers: init.headers, bodySnippet: init.bodySnippet };
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }
}

/**
 * Thrown before any request is sent when an input breaks a documented rule.
 * `FieldList` holds every problem found, in the service's own shape.
 */
export class ClientValidationError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "ClientValidationError";
  /** Every problem found, e.g. `{ Name: "RevenueShareAllocations[17].EffectiveUntil", Code: "INVALID_VALUE", Message }`. */
  readonly FieldList: ValidationExceptionField[];
  /** The operation whose input was checked. */
  readonly operation: string;

  constructor(operation: string, fieldList: ValidationExceptionField[]) {
    const shown = fieldList.slice(0, 5).map((f) => `${f.Name}: ${f.Message} [${f.Code}]`);
    const more = fieldList.length > 5 ? `; and ${fieldList.length - 5} more` : "";
    super(
      `${operation} input is invalid (${fieldList.length} problem${fieldList.length === 1 ? "" : "s"}): ${shown.join("; ")}${more}`,
    );
    this.operation = operation;
    this.FieldList = fieldList;
  }
}

/**
 * A transport-level failure: connection reset, refused, DNS, a timeout, or a
 * response the transport refused to read (`code` `EBODYTOOLARGE`: the body
 * passed the 16 MiB cap).
 */
export class NetworkError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "NetworkError";
  /** Whether the client's retry policy retries it: true, except for a body over the cap (retrying would only fetch it again). */
  readonly $retryable: boolean;
  /** Node's error code, e.g. `ECONNRESET`, `TimeoutError` or `EBODYTOOLARGE`. */
  readonly code?: string;
  /** Metadata: attempts and retry delay so far. */
  $metadata: ResponseMetadata = { attempts: 1, totalRetryDelay: 0 };
  constructor(message: string, options: { code?: string; cause?: unknown; retryable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.$retryable = options.retryable ?? true;
  }
}

/** Upper bound on a response body either transport reads (16 MiB); a larger one is refused while it streams in. */
export const MAX_RESPONSE_BODY_BYTES = 16 * 1024 * 1024;

/** The error of a response body over {@link MAX_RESPONSE_BODY_BYTES}: `NetworkError` `EBODYTOOLARGE`, not retryable. */
export function responseTooLarge(): NetworkError {
  return new NetworkError(`Response body exceeded ${MAX_RESPONSE_BODY_BYTES} bytes`, { code: "EBODYTOOLARGE", retryable: false });
}

/**
 * No usable credentials: none were passed, none are in the environment, and
 * the standard provider chain could not be loaded or found none; or a
 * provider returned an object without string keys, or did not answer within
 * the request timeout.
 */
export class CredentialsUnavailableError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "CredentialsUnavailableError";
}

/** The error thrown when an `abortSignal` fires. */
export class AbortError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "AbortError";
  constructor(message = "The operation was aborted", options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Masks every run of exactly 12 digits (an AWS account id, also inside an ARN such as
 * `arn:aws:iam::123456789012:role/x`) to its last four digits: `********9012`.
 */
export function maskAccountIds(text: string): string {
  return text.replace(/(?<!\d)\d{8}(\d{4})(?!\d)/g, "********$1");
}

/** Masks a 12-digit account id to its last four digits, for messages and logs. */
export function maskAccountId(id: unknown): string {
  if (typeof id !== "string") return "<account>";
  return id.length > 4 ? `********${id.slice(-4)}` : "****";
}

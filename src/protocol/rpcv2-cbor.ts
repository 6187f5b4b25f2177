/**
 * Smithy RPC v2 CBOR (the protocol of the service model): building requests and turning
 * responses into outputs or typed errors.
 */
import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  PartnerCentralRevenueMeasurementProtocolError,
  PartnerCentralRevenueMeasurementServiceException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
  isRetryableStatus,
  maskAccountIds,
  type ResponseMetadata,
  type ValidationExceptionField,
} from "../errors.js";
import type { HttpRequestSpec, HttpResponseSpec } from "../transport/types.js";
import { CborDecodeError, decodeCbor, encodeCbor } from "./cbor.js";

/** The service name in the RPC v2 path. */
export const SERVICE_NAME = "PartnerCentralRevenueMeasurement";

/** The last operation URL built: consecutive requests to one operation share it (nothing changes a request's URL). */
let lastUrl: { base: string; operation: string; url: URL } | undefined;

function operationUrl(baseUrl: URL, operation: string): URL {
  if (lastUrl?.base === baseUrl.href && lastUrl.operation === operation) return lastUrl.url;
  const url = new URL(baseUrl.href);
  url.pathname = `${baseUrl.pathname.replace(/\/+$/, "")}/service/${SERVICE_NAME}/operation/${operation}`;
  lastUrl = { base: baseUrl.href, operation, url };
  return url;
}

/** Builds the (unsigned) request for one operation. */
export function buildRequest(baseUrl: URL, operation: string, input: object): HttpRequestSpec {
  const body = encodeCbor(input);
  const url = operationUrl(baseUrl, operation);
  return {
    method: "POST",
    url,
    headers: {
      "smithy-protocol": "rpc-v2-cbor",
      "content-type": "application/cbor",
      accept: "application/cbor",
      "content-length": String(body.byteLength),
    },
    body,
  };
}

type ErrorFactory = (message: string, body: Record<string, unknown>, $metadata: ResponseMetadata) => Error;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const ERROR_FACTORIES: Record<string, ErrorFactory> = {
  AccessDeniedException: (message, b, $metadata) =>
    new AccessDeniedException({ message, $metadata, Reason: str(b.Reason) }),
  ConflictException: (message, b, $metadata) => new ConflictException({ message, $metadata, Reason: str(b.Reason) }),
  InternalServerException: (message, _b, $metadata) => new InternalServerException({ message, $metadata }),
  ResourceNotFoundException: (message, b, $metadata) =>
    new ResourceNotFoundException({ message, $metadata, Reason: str(b.Reason) }),
  ServiceQuotaExceededException: (message, b, $metadata) =>
    new ServiceQuotaExceededException({ message, $metadata, Reason: str(b.Reason) }),
  ThrottlingException: (message, b, $metadata) =>
    new ThrottlingException({ message, $metadata, ServiceCode: str(b.ServiceCode), QuotaCode: str(b.QuotaCode) }),
  ValidationException: (message, b, $metadata) =>
    new ValidationException({
      message,
      $metadata,
      Reason: str(b.Reason),
      FieldList: Array.isArray(b.FieldList) ? (b.FieldList as ValidationExceptionField[]) : undefined,
    }),
};

const STATUS_FALLBACK: Record<number, string> = {
  400: "ValidationException",
  402: "ServiceQuotaExceededException",
  403: "AccessDeniedException",
  404: "ResourceNotFoundException",
  409: "ConflictException",
  429: "ThrottlingException",
  500: "InternalServerException",
};

/**
 * `com.amazonaws.x#ValidationException:http://…` → `ValidationException`. What follows a `,` or `:` goes first,
 * so that a `#` inside a trailing URL is not taken for the namespace separator.
 */
export function sanitizeErrorType(type: string): string {
  let name = type.split(",")[0]!.split(":")[0]!;
  const hash = name.lastIndexOf("#");
  if (hash >= 0) name = name.slice(hash + 1);
  return name.trim();
}

/** A shape name as an error's name may hold it: an identifier, nothing a header could smuggle into logs. */
const ERROR_TYPE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * The error type a front end (load balancer, WAF, API gateway) put in `x-amzn-errortype`, sanitized; "" when the
 * header is absent or is not a type name. Used when the body carries no `__type`, e.g. an HTML or JSON error page.
 */
function headerErrorType(headers: Record<string, string>): string {
  const value = headers["x-amzn-errortype"];
  if (value === undefined) return "";
  const name = sanitizeErrorType(value);
  return ERROR_TYPE_NAME.test(name) ? name : "";
}

/** The message of a non-CBOR error body: a JSON body's `message`/`Message`, else the start of the body as text. */
function frontEndMessage(response: HttpResponseSpec, typeName: string): string {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(response.body.subarray(0, 4096));
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const message = str(json?.message) ?? str(json?.Message);
    if (message) return maskAccountIds(message);
  } catch {
    // not JSON: fall through to the text itself
  }
  const type = response.headers["content-type"] ?? "no content-type";
  const body = response.body.length ? `: ${snippet(response.body).slice(0, 120)}` : "";
  return `HTTP ${response.statusCode} ${typeName} (${type} body)${body}`;
}

/** The start of a body as text, for diagnostics; 12-digit runs (account ids) are masked. */
function snippet(body: Uint8Array): string {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(body.subarray(0, 200));
  return maskAccountIds(text).replace(/\s+/g, " ").trim();
}

/** A response without `content-type` is read as CBOR, the protocol's only body format (the official client does too). */
function isCbor(headers: Record<string, string>): boolean {
  const type = headers["content-type"];
  return type === undefined || type === "application/cbor" || type.split(";")[0]!.trim().toLowerCase() === "application/cbor";
}

/** Decodes a CBOR map body, or explains why it cannot be. */
function decodeMap(
  response: HttpResponseSpec,
  $metadata: ResponseMetadata,
): Record<string, unknown> | PartnerCentralRevenueMeasurementProtocolError {
  const status = response.statusCode;
  const fail = (why: string, cause?: unknown) =>
    new PartnerCentralRevenueMeasurementProtocolError({
      message: `Unexpected response from the service (HTTP ${status}): ${why}`,
      $metadata,
      statusCode: status,
      headers: response.headers,
      bodySnippet: response.body.length ? snippet(response.body) : undefined,
      cause,
    });
  if (response.body.length === 0) return {};
  if (!isCbor(response.headers)) {
    const type = response.headers["content-type"] ?? "none";
    return fail(`expected content-type application/cbor, got ${type}; body starts: ${JSON.stringify(snippet(response.body).slice(0, 80))}`);
  }
  let decoded: unknown;
  try {
    decoded = decodeCbor(response.body);
  } catch (e) {
    if (e instanceof CborDecodeError) return fail(`the CBOR body is malformed (${e.message})`, e);
    throw e;
  }
  if (decoded === null || typeof decoded !== "object" || Array.isArray(decoded) || decoded instanceof Uint8Array) {
    return fail("the CBOR body is not a map");
  }
  return decoded as Record<string, unknown>;
}

/**
 * A 3xx: neither transport follows redirects (a signed request must not be
 * replayed to another host), so it is a non-retryable protocol error naming
 * where it pointed (without the query, which may carry credentials).
 */
function redirectError(response: HttpResponseSpec, $metadata: ResponseMetadata): PartnerCentralRevenueMeasurementProtocolError {
  const { statusCode, headers } = response;
  const to = headers.location?.replace(/[?#].*/s, "").slice(0, 200) || "no location";
  return new PartnerCentralRevenueMeasurementProtocolError({
    message: `HTTP ${statusCode} redirect to ${to}: redirects are not followed`,
    $metadata,
    statusCode,
    headers,
  });
}

/**
 * Turns a response into the operation's output (status 2xx) or into the error
 * to throw. Never throws itself for a bad response: it returns the error.
 */
export function parseResponse(
  response: HttpResponseSpec,
  $metadata: ResponseMetadata,
): { output: Record<string, unknown> } | { error: Error } {
  const status = response.statusCode;
  if (status >= 300 && status < 400) return { error: redirectError(response, $metadata) };
  const body = decodeMap(response, $metadata);
  if (status >= 200 && status < 300) {
    if (body instanceof Error) return { error: body };
    if (body.__type !== undefined) delete body.__type; // deleting changes the object's shape: only when present
    return { output: body };
  }
  // The body's __type first (as the official client), then a front end's header, then the HTTP status.
  const headerType = headerErrorType(response.headers);
  if (body instanceof Error) {
    if (!headerType) return { error: body };
    return { error: serviceError(headerType, frontEndMessage(response, headerType), {}, status, $metadata) };
  }
  const rawType = (typeof body.__type === "string" ? sanitizeErrorType(body.__type) : "") || headerType;
  const typeName = rawType || STATUS_FALLBACK[status] || "";
  const message =
    str(body.Message) ?? str(body.message) ?? `HTTP ${status}${rawType ? ` ${rawType}` : ""} with no error message`;
  if (typeName) return { error: serviceError(typeName, message, body, status, $metadata) };
  return {
    error: new PartnerCentralRevenueMeasurementProtocolError({
      message: `Unexpected response from the service (HTTP ${status}): no error type in the body`,
      $metadata,
      statusCode: status,
      headers: response.headers,
      bodySnippet: response.body.length ? snippet(response.body) : undefined,
    }),
  };
}

/** The error of a named type: the modeled class for a known one, else a service exception carrying the name. */
function serviceError(
  typeName: string,
  message: string,
  body: Record<string, unknown>,
  status: number,
  $metadata: ResponseMetadata,
): Error {
  const factory = ERROR_FACTORIES[typeName];
  if (factory) return factory(message, body, $metadata);
  const error = new PartnerCentralRevenueMeasurementServiceException({
    name: typeName,
    message,
    $fault: status >= 500 ? "server" : "client",
    $metadata,
    $retryable: isRetryableStatus(status),
  });
  // A type this SDK does not know keeps its body's members, as the official client does; the error's own
  // members (name, message, Message, $fault, …) are never overwritten. Text members have account ids masked,
  // as the message has: an unknown error's members end up in logs as they are.
  for (const [key, value] of Object.entries(body)) {
    if (key === "__type" || key in error) continue;
    (error as unknown as Record<string, unknown>)[key] = typeof value === "string" ? maskAccountIds(value) : value;
  }
  return error;
}

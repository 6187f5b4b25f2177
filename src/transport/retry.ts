/**
 * What a failure is worth to the retry policy, in the terms of the AWS SDKs'
 * retry modes: throttling, transient, or not retryable. Also the backoff
 * (exponential with full jitter), the `Retry-After` hints and an abortable
 * sleep. The constants are those of the official client's retry strategy
 * (`@smithy/core/retry`, its current "2026" configuration).
 */
import { AbortError, NetworkError, PartnerCentralRevenueMeasurementServiceException } from "../errors.js";

/** Base delay of the exponential backoff for transient failures (5xx, resets, timeouts). */
export const RETRY_BASE_DELAY_MS = 50;
/** Base delay of the exponential backoff after throttling: throttling lasts longer than a blip. */
export const THROTTLING_RETRY_BASE_DELAY_MS = 1_000;
/** Upper bound of one backoff delay. */
export const RETRY_MAX_DELAY_MS = 20_000;
/** A `Retry-After` hint may lengthen a backoff delay by at most this much. */
export const RETRY_AFTER_MAX_EXTRA_MS = 5_000;

/**
 * How the retry policy sees a failure: `THROTTLING` and `TRANSIENT` are
 * retried; `SERVER_ERROR` (another 5xx) and `CLIENT_ERROR` are not.
 */
export type RetryErrorType = "THROTTLING" | "TRANSIENT" | "SERVER_ERROR" | "CLIENT_ERROR";

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
/** Error names the AWS SDKs treat as throttling. */
const THROTTLING_ERROR_NAMES = new Set([
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "TransactionInProgressException",
]);
/** Error names the AWS SDKs treat as transient. */
const TRANSIENT_ERROR_NAMES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"]);

/** True for the HTTP statuses worth another attempt: 429, 500, 502, 503, 504. */
export function isRetryableStatus(status: number | undefined): boolean {
  return status !== undefined && RETRYABLE_STATUS.has(status);
}

/** Classifies a failed attempt for the retry policy. */
export function retryErrorType(error: unknown): RetryErrorType {
  if (error instanceof NetworkError) return error.$retryable ? "TRANSIENT" : "CLIENT_ERROR";
  if (!(error instanceof PartnerCentralRevenueMeasurementServiceException)) return "CLIENT_ERROR";
  const status = error.$metadata.httpStatusCode;
  if (status === 429 || THROTTLING_ERROR_NAMES.has(error.name)) return "THROTTLING";
  if (
    error.$retryable ||
    TRANSIENT_ERROR_NAMES.has(error.name) ||
    (status !== undefined && TRANSIENT_STATUS.has(status)) ||
    (error.name === "InvalidSignatureException" && error.message.includes("Signature expired"))
  ) {
    return "TRANSIENT";
  }
  return status !== undefined && status >= 500 && status <= 599 ? "SERVER_ERROR" : "CLIENT_ERROR";
}

/** True when the failure is worth another attempt: throttling, a 500/502/503/504, a reset or a timeout. */
export function isRetryableError(error: unknown): boolean {
  const type = retryErrorType(error);
  return type === "THROTTLING" || type === "TRANSIENT";
}

/**
 * Full-jitter backoff before retry number `retryCount + 1` (`retryCount` = retries
 * already made): a random delay below `base × 2^retryCount`, capped at 20 s.
 */
export function backoffDelay(
  retryCount: number,
  baseMs: number = RETRY_BASE_DELAY_MS,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * Math.min(baseMs * 2 ** retryCount, RETRY_MAX_DELAY_MS));
}

/**
 * The delay the server asks for, in milliseconds from `nowMs`: `x-amz-retry-after`
 * (milliseconds) or `Retry-After` (seconds, or an HTTP date). Undefined when
 * there is none or it cannot be read. Header names must be lower case.
 */
export function retryAfterHintMs(headers: Record<string, string> | undefined, nowMs: number): number | undefined {
  if (!headers) return undefined;
  const amz = headers["x-amz-retry-after"];
  if (amz !== undefined) {
    const ms = Number(amz.trim());
    return amz.trim() !== "" && Number.isFinite(ms) ? ms : undefined;
  }
  const value = headers["retry-after"]?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date - nowMs;
}

/**
 * The delay before the next attempt: the backoff, lengthened by the server's
 * hint when it asks for more, by at most {@link RETRY_AFTER_MAX_EXTRA_MS}.
 * A hint never shortens the backoff.
 */
export function withRetryAfterHint(backoffMs: number, hintMs: number | undefined): number {
  if (hintMs === undefined || !(hintMs > backoffMs)) return backoffMs;
  return Math.min(hintMs, backoffMs + RETRY_AFTER_MAX_EXTRA_MS);
}

/** Sleeps `ms`, rejecting with `AbortError` at once if the signal fires. */
export function sleep(ms: number, abortSignal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (abortSignal?.aborted) {
      reject(new AbortError(undefined, { cause: abortSignal.reason }));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError(undefined, { cause: abortSignal?.reason }));
    };
    const timer = setTimeout(() => {
      abortSignal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    abortSignal?.addEventListener("abort", onAbort, { once: true });
  });
}

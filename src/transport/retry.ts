/**
 * AWS "standard" retry mode: which failures are worth another attempt, how
 * long to wait (exponential backoff with full jitter, base 100 ms, cap 20 s),
 * and an abortable sleep.
 */
import { AbortError, NetworkError, PartnerCentralRevenueMeasurementServiceException } from "../errors.js";

/** Base delay of the exponential backoff. */
export const RETRY_BASE_DELAY_MS = 100;
/** Upper bound of one backoff delay. */
export const RETRY_MAX_DELAY_MS = 20_000;

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** True for the HTTP statuses worth another attempt: 429, 500, 502, 503, 504. */
export function isRetryableStatus(status: number | undefined): boolean {
  return status !== undefined && RETRYABLE_STATUS.has(status);
}

/** True when the failure is transient: throttling, a 5xx, a reset or a timeout. */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof PartnerCentralRevenueMeasurementServiceException) {
    if (error.name === "ThrottlingException" || error.name === "InternalServerException") return true;
    return isRetryableStatus(error.$metadata.httpStatusCode);
  }
  return false;
}

/** Full-jitter backoff for the attempt that just failed (1-based). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
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

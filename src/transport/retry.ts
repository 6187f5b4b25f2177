/**
 * What a failure is worth to the retry policy, in the terms of the AWS SDKs'
 * retry modes (throttling, transient, or not retryable), and an abortable
 * sleep. The delays and the quota are in `retry-strategy.ts`.
 */
import { AbortError, isRetryableStatus, NetworkError, PartnerCentralRevenueMeasurementServiceException } from "../errors.js";

/** How the retry policy sees a failure: `THROTTLING` and `TRANSIENT` are retried, anything else (`OTHER`) is not. */
export type RetryErrorType = "THROTTLING" | "TRANSIENT" | "OTHER";

/**
 * Throttling as the AWS SDKs see it: HTTP 429 or an error name with "Throttl" in it (`ThrottlingException`,
 * `Throttling`, `RequestThrottled…`). Their other throttling names belong to other services' protocols.
 */
const THROTTLING_NAME = /Throttl/;

/** Classifies a failed attempt for the retry policy. */
export function retryErrorType(error: unknown): RetryErrorType {
  if (error instanceof NetworkError) return error.$retryable ? "TRANSIENT" : "OTHER";
  if (!(error instanceof PartnerCentralRevenueMeasurementServiceException)) return "OTHER";
  const status = error.$metadata.httpStatusCode ?? 0;
  if (status === 429 || THROTTLING_NAME.test(error.name)) return "THROTTLING";
  // A signature the service found expired is transient, as the AWS SDKs see it (the clock-skew correction comes first).
  const expired = error.name === "InvalidSignatureException" && error.message.includes("Signature expired");
  return error.$retryable || isRetryableStatus(status) || expired ? "TRANSIENT" : "OTHER";
}

/** True when the failure is worth another attempt: throttling, a 500/502/503/504, a reset or a timeout. */
export function isRetryableError(error: unknown): boolean {
  const type = retryErrorType(error);
  return type === "THROTTLING" || type === "TRANSIENT";
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

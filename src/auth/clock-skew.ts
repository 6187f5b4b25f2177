/**
 * Clock skew: when the service rejects a request because our clock is off,
 * the response's `Date` header says by how much. The client keeps the
 * difference as its `systemClockOffset`, signs with `clock + offset` from
 * then on, and retries the rejected attempt once at once.
 */
import { PartnerCentralRevenueMeasurementServiceException } from "../errors.js";

/** Error names the AWS SDKs read as "your clock is off" (besides any 403). */
const CLOCK_SKEW_ERROR_NAME =
  /^((AccessDenied|InvalidSignature)Exception|AuthFailure|RequestExpired|RequestInTheFuture|RequestTimeTooSkewed|SignatureDoesNotMatch)$/;

/** A difference between the server's `Date` and our (corrected) clock beyond this is skew. */
const CLOCK_SKEW_THRESHOLD_MS = 5 * 60 * 1000;

/** When one attempt was answered, by the local clock, and the offset it was signed with. */
export interface ClockSample {
  receivedAtMs: number;
  offsetMs: number;
}

/**
 * The corrected clock offset (server time minus local time, in ms) when
 * `error` is a rejection that a skewed clock explains: a 403 or one of the
 * skew error names, with a `Date` header more than
 * {@link CLOCK_SKEW_THRESHOLD_MS} away from the clock the request was signed
 * with. `undefined` otherwise, also when the response is a cached one (`Age`).
 * Header names must be lower case.
 */
export function correctedClockOffset(
  error: unknown,
  headers: Record<string, string>,
  sample: ClockSample,
): number | undefined {
  if (!(error instanceof PartnerCentralRevenueMeasurementServiceException)) return undefined;
  if (error.$metadata.httpStatusCode !== 403 && !CLOCK_SKEW_ERROR_NAME.test(error.name)) return undefined;
  if (headers.age !== undefined || headers.date === undefined) return undefined;
  const serverMs = Date.parse(headers.date);
  if (Number.isNaN(serverMs)) return undefined;
  const offset = serverMs - sample.receivedAtMs;
  return Math.abs(offset - sample.offsetMs) > CLOCK_SKEW_THRESHOLD_MS ? offset : undefined;
}

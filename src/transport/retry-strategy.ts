/**
 * The retry strategies of the AWS SDKs' "standard" and "adaptive" modes, with
 * the quota and constants of the official client (`@smithy/core/retry`,
 * `StandardRetryStrategy` and `AdaptiveRetryStrategy`; checked against them by
 * a differential test):
 *
 * - a per-client retry quota: a bucket of 500 tokens; a retry after
 *   throttling takes 5, any other retry (5xx, reset, timeout) takes 14; when
 *   the bucket holds less than a retry costs, failures are not retried; a
 *   success puts back what its last retry took, or 1 when it needed none;
 * - backoff with full jitter from a base of 50 ms, or 1 s after throttling,
 *   lengthened by a `Retry-After` / `x-amz-retry-after` hint by at most 5 s;
 * - "adaptive" adds a client-side rate limiter that engages after throttling.
 *
 * The client builds one strategy in its constructor and, per call, asks it
 * for a send token before each attempt, for a retry token after each failure
 * and tells it of the success.
 */
import { ClientRateLimiter } from "./rate-limiter.js";
import {
  backoffDelay,
  RETRY_BASE_DELAY_MS,
  THROTTLING_RETRY_BASE_DELAY_MS,
  withRetryAfterHint,
  type RetryErrorType,
} from "./retry.js";

/** `standard` (quota and backoff) or `adaptive` (standard plus client-side rate limiting after throttling). */
export type RetryMode = "standard" | "adaptive";

/** Tokens in a client's retry quota when it starts (and at most). */
export const INITIAL_RETRY_TOKENS = 500;
/** Quota taken by a retry after a transient failure (5xx, connection reset, timeout). */
export const RETRY_COST = 14;
/** Quota taken by a retry after throttling. */
export const THROTTLING_RETRY_COST = 5;
/** Quota given back by a success that needed no retry. */
export const NO_RETRY_INCREMENT = 1;

/** The state of one call's retries. */
export interface RetryToken {
  /** Retries made so far. */
  readonly retryCount: number;
  /** Quota taken by the last retry (none before the first). */
  readonly cost?: number;
  /** How long to wait before the attempt this token allows. */
  readonly delayMs: number;
}

/** What the strategy needs to know of a failed attempt. */
export interface RetryErrorInfo {
  errorType: RetryErrorType;
  /** The server's `Retry-After` hint in milliseconds from now, when it sent one. */
  retryAfterMs?: number;
}

/** The standard retry mode: a per-client quota, throttling-aware backoff and `Retry-After` hints. */
export class StandardRetryStrategy {
  /** The mode, `standard`. */
  readonly mode: RetryMode = "standard";
  private capacity = INITIAL_RETRY_TOKENS;

  /**
   * @param maxAttempts - attempts per call, the first one included.
   * @param random - the jitter source; default `Math.random`.
   */
  constructor(
    readonly maxAttempts: number,
    private readonly random: () => number = () => Math.random(),
  ) {}

  /** Tokens left in the retry quota. */
  get availableCapacity(): number {
    return this.capacity;
  }

  /** The token of a call's first attempt. */
  initialToken(): RetryToken {
    return { retryCount: 0, delayMs: 0 };
  }

  /** Waits, when the mode limits the sending rate, until an attempt may be sent; `undefined` when there is no wait. */
  acquireSendToken(_abortSignal?: AbortSignal): Promise<void> | undefined {
    return undefined;
  }

  /**
   * After a failed attempt: the token of the next attempt (with the delay to
   * wait first, and its cost taken from the quota), or `undefined` when the
   * failure is not retried: not retryable, attempts used up, or quota empty.
   */
  retryToken(token: RetryToken, info: RetryErrorInfo): RetryToken | undefined {
    const throttling = info.errorType === "THROTTLING";
    if (!throttling && info.errorType !== "TRANSIENT") return undefined;
    if (token.retryCount + 1 >= this.maxAttempts) return undefined;
    const cost = throttling ? THROTTLING_RETRY_COST : RETRY_COST;
    if (this.capacity < cost) return undefined;
    this.capacity -= cost;
    const backoff = backoffDelay(token.retryCount, throttling ? THROTTLING_RETRY_BASE_DELAY_MS : RETRY_BASE_DELAY_MS, this.random);
    return { retryCount: token.retryCount + 1, cost, delayMs: withRetryAfterHint(backoff, info.retryAfterMs) };
  }

  /** After a successful attempt: gives back what its last retry took, or {@link NO_RETRY_INCREMENT}. */
  recordSuccess(token: RetryToken): void {
    this.capacity = Math.min(INITIAL_RETRY_TOKENS, this.capacity + (token.cost ?? NO_RETRY_INCREMENT));
  }
}

/** The adaptive retry mode: the standard mode plus a client-side rate limiter that engages after throttling. */
export class AdaptiveRetryStrategy extends StandardRetryStrategy {
  /** The mode, `adaptive`. */
  override readonly mode: RetryMode = "adaptive";
  /** The rate limiter, shared by every call of the client. */
  readonly rateLimiter: ClientRateLimiter;

  /**
   * @param maxAttempts - attempts per call, the first one included.
   * @param options - jitter source and time source (seconds) for tests.
   */
  constructor(maxAttempts: number, options: { random?: () => number; nowSeconds?: () => number } = {}) {
    super(maxAttempts, options.random);
    this.rateLimiter = new ClientRateLimiter(options.nowSeconds);
  }

  override acquireSendToken(abortSignal?: AbortSignal): Promise<void> | undefined {
    return this.rateLimiter.acquire(abortSignal);
  }

  override retryToken(token: RetryToken, info: RetryErrorInfo): RetryToken | undefined {
    this.rateLimiter.update(info.errorType === "THROTTLING");
    return super.retryToken(token, info);
  }

  override recordSuccess(token: RetryToken): void {
    this.rateLimiter.update(false);
    super.recordSuccess(token);
  }
}

/** The strategy of a retry mode. */
export function createRetryStrategy(mode: RetryMode, maxAttempts: number): StandardRetryStrategy {
  return mode === "adaptive" ? new AdaptiveRetryStrategy(maxAttempts) : new StandardRetryStrategy(maxAttempts);
}

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
import type { RetryErrorType } from "./retry.js";

/** Base delay of the exponential backoff for transient failures (5xx, resets, timeouts). */
export const RETRY_BASE_DELAY_MS = 50;
/** Base delay of the exponential backoff after throttling: throttling lasts longer than a blip. */
export const THROTTLING_RETRY_BASE_DELAY_MS = 1_000;
/** Upper bound of one backoff delay. */
export const RETRY_MAX_DELAY_MS = 20_000;
/** A `Retry-After` hint may lengthen a backoff delay by at most this much. */
const RETRY_AFTER_MAX_EXTRA_MS = 5_000;

/** `standard` (quota and backoff) or `adaptive` (standard plus client-side rate limiting after throttling). */
export type RetryMode = "standard" | "adaptive";

/** Tokens in a client's retry quota when it starts (and at most). */
export const INITIAL_RETRY_TOKENS = 500;
/** Quota taken by a retry after a transient failure (5xx, connection reset, timeout). */
export const RETRY_COST = 14;
/** Quota taken by a retry after throttling. */
export const THROTTLING_RETRY_COST = 5;
/** Quota given back by a success that needed no retry. */
const NO_RETRY_INCREMENT = 1;

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
  const amz = headers?.["x-amz-retry-after"]?.trim();
  const value = headers?.["retry-after"]?.trim();
  let ms = Number.NaN;
  if (amz !== undefined) ms = amz ? Number(amz) : ms;
  else if (value) ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value) - nowMs;
  return Number.isFinite(ms) ? ms : undefined;
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

/** The token of a call's first attempt. */
export const INITIAL_RETRY_TOKEN: RetryToken = { retryCount: 0, delayMs: 0 };

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

/**
 * The retry strategy of one client: its quota and, in adaptive mode, its rate
 * limiter are shared by all its calls.
 *
 * ```ts
 * const strategy = new RetryStrategy("standard", 3);
 * let token = strategy.initialToken();
 * // after a failed attempt:
 * const next = strategy.retryToken(token, { errorType: "THROTTLING" }); // undefined: give up
 * ```
 */
export class RetryStrategy {
  readonly #random: () => number;
  #capacity = INITIAL_RETRY_TOKENS;
  /** The client-side rate limiter, in adaptive mode only. */
  readonly rateLimiter?: ClientRateLimiter;

  /**
   * @param mode - `standard`, or `adaptive` (with a rate limiter).
   * @param maxAttempts - attempts per call, the first one included.
   * @param options - jitter source (default `Math.random`) and time source in seconds, for tests.
   */
  constructor(
    mode: RetryMode,
    readonly maxAttempts: number,
    options: { random?: () => number; nowSeconds?: () => number } = {},
  ) {
    this.#random = options.random ?? (() => Math.random());
    if (mode === "adaptive") this.rateLimiter = new ClientRateLimiter(options.nowSeconds);
  }

  /** Tokens left in the retry quota. */
  get availableCapacity(): number {
    return this.#capacity;
  }

  /** Adaptive mode after throttling: waits until an attempt may be sent. `undefined` when there is no wait. */
  acquireSendToken(abortSignal?: AbortSignal): Promise<void> | undefined {
    return this.rateLimiter?.acquire(abortSignal);
  }

  /**
   * After a failed attempt: the token of the next attempt (with the delay to
   * wait first, and its cost taken from the quota), or `undefined` when the
   * failure is not retried: not retryable, attempts used up, or quota empty.
   */
  retryToken(token: RetryToken, info: RetryErrorInfo): RetryToken | undefined {
    const throttling = info.errorType === "THROTTLING";
    this.rateLimiter?.update(throttling);
    if (!throttling && info.errorType !== "TRANSIENT") return undefined;
    if (token.retryCount + 1 >= this.maxAttempts) return undefined;
    const cost = throttling ? THROTTLING_RETRY_COST : RETRY_COST;
    if (this.#capacity < cost) return undefined;
    this.#capacity -= cost;
    const backoff = backoffDelay(token.retryCount, throttling ? THROTTLING_RETRY_BASE_DELAY_MS : RETRY_BASE_DELAY_MS, this.#random);
    return { retryCount: token.retryCount + 1, cost, delayMs: withRetryAfterHint(backoff, info.retryAfterMs) };
  }

  /** After a successful attempt: gives back what its last retry took, or {@link NO_RETRY_INCREMENT}. */
  recordSuccess(token: RetryToken): void {
    this.rateLimiter?.update(false);
    this.#capacity = Math.min(INITIAL_RETRY_TOKENS, this.#capacity + (token.cost ?? NO_RETRY_INCREMENT));
  }
}

/**
 * The client-side rate limiter of the "adaptive" retry mode: off until the
 * first throttling response, then a token bucket whose fill rate follows the
 * CUBIC congestion rule (cut to 70 % of the measured sending rate on
 * throttling, grown back along a cubic curve on success), with the constants
 * of the official client's `DefaultRateLimiter` (`@smithy/core/retry`).
 * Checked against it by a differential test.
 */
import { sleep } from "./retry.js";

/** Multiplicative decrease on throttling. */
const BETA = 0.7;
/** Scale of the cubic growth after throttling. */
const SCALE_CONSTANT = 0.4;
/** Weight of the newest sample in the measured sending rate. */
const SMOOTH = 0.8;
/** Lowest fill rate, in requests per second. */
const MIN_FILL_RATE = 0.5;
/** Lowest bucket capacity, in requests. */
const MIN_CAPACITY = 1;

/** Rounds to 8 decimals, as the reference implementation does at every step. */
const precise = (n: number): number => Number.parseFloat(n.toFixed(8));

/** A per-client send-rate limiter that engages after throttling. */
export class ClientRateLimiter {
  #enabled = false;
  #tokens = 0;
  #fillRate = MIN_FILL_RATE;
  #maxCapacity = MIN_CAPACITY;
  #lastRefillAt = 0;
  #lastMaxRate = 0;
  #lastThrottleAt: number;
  #timeWindow = 0;
  #measuredRate = 0;
  #requestCount = 0;
  #lastRateBucket: number;

  readonly #nowSeconds: () => number;

  /** @param nowSeconds - the time source, in seconds; default `Date.now() / 1000`. */
  constructor(nowSeconds: () => number = () => Date.now() / 1000) {
    this.#nowSeconds = nowSeconds;
    const now = nowSeconds();
    this.#lastThrottleAt = now;
    this.#lastRateBucket = Math.floor(now);
  }

  /**
   * Waits until one request may be sent. Returns `undefined` (no wait at all)
   * while the limiter is off, which is the case until the first throttling.
   * Rejects with `AbortError` when the signal fires during the wait.
   */
  acquire(abortSignal?: AbortSignal): Promise<void> | undefined {
    return this.#enabled ? this.#take(abortSignal) : undefined;
  }

  /** Records the outcome of one response: throttled or not. */
  update(throttled: boolean): void {
    this.#measureRate();
    let rate: number;
    if (throttled) {
      const rateToUse = this.#enabled ? Math.min(this.#measuredRate, this.#fillRate) : this.#measuredRate;
      this.#lastMaxRate = rateToUse;
      this.#computeTimeWindow();
      this.#lastThrottleAt = this.#nowSeconds();
      rate = precise(rateToUse * BETA);
      this.#enabled = true;
    } else {
      this.#computeTimeWindow();
      rate = precise(SCALE_CONSTANT * (this.#nowSeconds() - this.#lastThrottleAt - this.#timeWindow) ** 3 + this.#lastMaxRate);
    }
    const newRate = Math.min(rate, 2 * this.#measuredRate);
    this.#refill();
    this.#fillRate = Math.max(newRate, MIN_FILL_RATE);
    this.#maxCapacity = Math.max(newRate, MIN_CAPACITY);
    this.#tokens = Math.min(this.#tokens, this.#maxCapacity);
  }

  async #take(abortSignal: AbortSignal | undefined): Promise<void> {
    this.#refill();
    while (this.#tokens < 1) {
      await sleep(((1 - this.#tokens) / this.#fillRate) * 1000, abortSignal);
      this.#refill();
    }
    this.#tokens -= 1;
  }

  #refill(): void {
    const now = this.#nowSeconds();
    if (this.#lastRefillAt) {
      this.#tokens = Math.min(this.#maxCapacity, this.#tokens + (now - this.#lastRefillAt) * this.#fillRate);
    }
    this.#lastRefillAt = now;
  }

  #computeTimeWindow(): void {
    this.#timeWindow = precise(((this.#lastMaxRate * (1 - BETA)) / SCALE_CONSTANT) ** (1 / 3));
  }

  /** The sending rate, measured in half-second buckets and smoothed. */
  #measureRate(): void {
    const bucket = Math.floor(this.#nowSeconds() * 2) / 2;
    this.#requestCount++;
    if (bucket > this.#lastRateBucket) {
      const rate = this.#requestCount / (bucket - this.#lastRateBucket);
      this.#measuredRate = precise(rate * SMOOTH + this.#measuredRate * (1 - SMOOTH));
      this.#requestCount = 0;
      this.#lastRateBucket = bucket;
    }
  }
}

/**
 * The retry strategies on their own: the quota (capacity, costs, refund),
 * the attempts limit, what is retried, the throttling backoff base and the
 * `Retry-After` hints; then a differential test against the official
 * client's implementation (`@smithy/core/retry`: StandardRetryStrategy,
 * AdaptiveRetryStrategy's DefaultRateLimiter): the same sequence of failures
 * and successes gives the same decisions, delays and quota, and the rate
 * limiters grant sends at the same moments. Fake timers: the reference
 * sleeps inside its decisions.
 */
import { DefaultRateLimiter, StandardRetryStrategy as ReferenceStandard } from "@smithy/core/retry";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ClientRateLimiter } from "../src/transport/rate-limiter.js";
import {
  INITIAL_RETRY_TOKEN,
  INITIAL_RETRY_TOKENS,
  RETRY_COST,
  RetryStrategy,
  THROTTLING_RETRY_COST,
  retryAfterHintMs,
  withRetryAfterHint,
  type RetryToken,
} from "../src/transport/retry-strategy.js";
import { mulberry32 } from "../src/testing/faults.js";
import type { RetryErrorType } from "../src/transport/retry.js";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A seeded generator, so both implementations can draw the same jitter. */
const seeded = mulberry32;

describe("RetryStrategy, standard mode", () => {
  const fail = (s: RetryStrategy, t: RetryToken, errorType: RetryErrorType, retryAfterMs?: number) =>
    s.retryToken(t, { errorType, retryAfterMs });

  it("starts with 500 tokens; a throttling retry takes 5, any other 14; an empty quota stops retries", () => {
    const s = new RetryStrategy("standard", 3, { random: () => 0 });
    expect(s.availableCapacity).toBe(INITIAL_RETRY_TOKENS);
    expect(fail(s, INITIAL_RETRY_TOKEN, "THROTTLING")).toMatchObject({ retryCount: 1, cost: THROTTLING_RETRY_COST });
    expect(fail(s, INITIAL_RETRY_TOKEN, "TRANSIENT")).toMatchObject({ retryCount: 1, cost: RETRY_COST });
    expect(s.availableCapacity).toBe(500 - 5 - 14);
    let granted = 0;
    while (fail(s, INITIAL_RETRY_TOKEN, "TRANSIENT")) granted++;
    expect(granted).toBe(Math.floor((500 - 19) / 14));
    expect(s.availableCapacity).toBe((500 - 19) % 14);
    // What is left still pays for throttling retries (5 each), then nothing.
    const left = s.availableCapacity;
    let throttled = 0;
    while (fail(s, INITIAL_RETRY_TOKEN, "THROTTLING")) throttled++;
    expect(throttled).toBe(Math.floor(left / 5));
  });

  it("gives back what the last retry took on success, or 1 without retries, up to 500", () => {
    const s = new RetryStrategy("standard", 5, { random: () => 0 });
    const first = fail(s, INITIAL_RETRY_TOKEN, "TRANSIENT")!;
    const second = fail(s, first, "THROTTLING")!;
    expect(s.availableCapacity).toBe(500 - 14 - 5);
    s.recordSuccess(second); // refunds the last retry's cost only
    expect(s.availableCapacity).toBe(500 - 14);
    s.recordSuccess(INITIAL_RETRY_TOKEN);
    expect(s.availableCapacity).toBe(500 - 13);
    for (let i = 0; i < 50; i++) s.recordSuccess(INITIAL_RETRY_TOKEN);
    expect(s.availableCapacity).toBe(500);
  });

  it("stops at maxAttempts and never retries client errors or other 5xx", () => {
    const s = new RetryStrategy("standard", 3, { random: () => 0 });
    const one = fail(s, INITIAL_RETRY_TOKEN, "TRANSIENT")!;
    const two = fail(s, one, "TRANSIENT")!;
    expect(two.retryCount).toBe(2);
    expect(fail(s, two, "TRANSIENT")).toBeUndefined();
    const before = s.availableCapacity;
    expect(fail(s, INITIAL_RETRY_TOKEN, "OTHER")).toBeUndefined();
    expect(new RetryStrategy("standard", 1).retryToken(INITIAL_RETRY_TOKEN, { errorType: "THROTTLING" })).toBeUndefined();
    expect(s.availableCapacity).toBe(before);
  });

  it("backs off from 1 s after throttling and from 50 ms otherwise, doubling per retry", () => {
    const s = new RetryStrategy("standard", 4, { random: () => 0.5 });
    const t1 = fail(s, INITIAL_RETRY_TOKEN, "THROTTLING")!;
    const t2 = fail(s, t1, "THROTTLING")!;
    const t3 = fail(s, t2, "TRANSIENT")!;
    expect([t1.delayMs, t2.delayMs, t3.delayMs]).toEqual([500, 1000, 100]);
  });

  it("honours a Retry-After hint beyond the backoff, by at most 5 s more", () => {
    const s = new RetryStrategy("standard", 3, { random: () => 0.5 }); // backoff 500 ms after throttling
    expect(fail(s, INITIAL_RETRY_TOKEN, "THROTTLING", 2_000)!.delayMs).toBe(2_000);
    expect(fail(s, INITIAL_RETRY_TOKEN, "THROTTLING", 60_000)!.delayMs).toBe(5_500);
    expect(fail(s, INITIAL_RETRY_TOKEN, "THROTTLING", 100)!.delayMs).toBe(500); // never shortens
    expect(fail(s, INITIAL_RETRY_TOKEN, "THROTTLING", -3_000)!.delayMs).toBe(500);
  });
});

describe("Retry-After hints", () => {
  const now = Date.parse("2030-01-15T12:00:00Z");
  it.each([
    [{ "x-amz-retry-after": "1500" }, 1500],
    [{ "retry-after": "3" }, 3000],
    [{ "retry-after": "2.5" }, 2500],
    [{ "x-amz-retry-after": "250", "retry-after": "9" }, 250],
    [{ "retry-after": "Tue, 15 Jan 2030 12:00:10 GMT" }, 10_000],
    [{ "retry-after": "soon" }, undefined],
    [{ "x-amz-retry-after": "" }, undefined],
    [{ "x-amz-retry-after": "NaN" }, undefined],
    [{}, undefined],
  ] as const)("%j → %s ms", (headers, expected) => {
    expect(retryAfterHintMs(headers as Record<string, string>, now)).toBe(expected);
  });

  it("withRetryAfterHint keeps the backoff without a hint", () => {
    expect(withRetryAfterHint(123, undefined)).toBe(123);
  });
});

describe("differential: the same decisions as @smithy/core/retry's StandardRetryStrategy", () => {
  const TYPES = ["THROTTLING", "TRANSIENT", "SERVER_ERROR", "CLIENT_ERROR"] as const;

  it.each([1, 2, 3, 4, 5])("random sequence %i of failures and successes over many calls", async (seed) => {
    vi.useFakeTimers();
    const pick = seeded(seed * 7919);
    const maxAttempts = 2 + (seed % 4);
    const ours = new RetryStrategy("standard", maxAttempts, { random: seeded(seed) });
    const theirs = new ReferenceStandard(maxAttempts);
    const theirRandom = seeded(seed);
    vi.spyOn(Math, "random").mockImplementation(theirRandom);

    let decisions = 0;
    for (let call = 0; call < 300; call++) {
      let our = INITIAL_RETRY_TOKEN;
      let their = await theirs.acquireInitialRetryToken("");
      for (;;) {
        const r = pick();
        if (r < 0.25) {
          ours.recordSuccess(our);
          theirs.recordSuccess(their);
          break;
        }
        const theirType = TYPES[Math.floor(pick() * TYPES.length)]!;
        const errorType: RetryErrorType = theirType === "THROTTLING" || theirType === "TRANSIENT" ? theirType : "OTHER";
        const retryAfterMs = pick() < 0.2 ? Math.floor(pick() * 8_000) : undefined;
        const next = ours.retryToken(our, { errorType, retryAfterMs });
        const pending = theirs
          .refreshRetryTokenForRetry(their, {
            errorType: theirType,
            ...(retryAfterMs === undefined ? {} : { retryAfterHint: new Date(Date.now() + retryAfterMs) }),
          })
          .then(
            (token) => token,
            () => undefined,
          );
        await vi.runAllTimersAsync();
        const theirNext = await pending;
        decisions++;
        expect(next === undefined).toBe(theirNext === undefined);
        expect(ours.availableCapacity).toBe(theirs.getCapacity());
        if (!next || !theirNext) break;
        expect(next.delayMs).toBe(theirNext.$retryLog?.acquisitionDelay);
        expect(next.retryCount).toBe(theirNext.getRetryCount());
        our = next;
        their = theirNext;
      }
    }
    expect(decisions).toBeGreaterThan(200);
  });
});

describe("differential: the same sending rates as @smithy/core/retry's DefaultRateLimiter", () => {
  it.each([1, 2, 3])("random sequence %i of throttled and successful responses", async (seed) => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse("2030-01-15T12:00:00Z"));
    const pick = seeded(seed);
    const ours = new ClientRateLimiter();
    const theirs = new DefaultRateLimiter();
    const enabled = () => (theirs as unknown as { enabled: boolean }).enabled;
    let waits = 0;
    for (let step = 0; step < 400; step++) {
      vi.advanceTimersByTime(Math.floor(pick() * 300));
      const throttled = pick() < 0.4;
      ours.update(throttled);
      theirs.updateClientSendingRate(throttled ? { errorType: "THROTTLING" } : {});
      if (pick() < 0.7) {
        // Both limiters grant the same send at the same (fake) moment, or both at once.
        const mine = ours.acquire();
        expect(mine === undefined).toBe(!enabled());
        const grantedAt: number[] = [];
        void (mine ?? Promise.resolve()).then(() => (grantedAt[0] = Date.now()));
        void theirs.getSendToken().then(() => (grantedAt[1] = Date.now()));
        const askedAt = Date.now();
        await vi.advanceTimersByTimeAsync(0);
        if (grantedAt.length < 2) waits++;
        // Time moves on only until both granted: at most 2 s (one token at the minimum rate of 0.5 per second).
        for (let ms = 0; ms < 2_100 && (grantedAt[0] === undefined || grantedAt[1] === undefined); ms += 5) {
          await vi.advanceTimersByTimeAsync(5);
        }
        expect(grantedAt[0]).toBeDefined();
        expect(grantedAt[0]! - askedAt).toBe(grantedAt[1]! - askedAt);
      }
    }
    expect(enabled()).toBe(true);
    expect(waits).toBeGreaterThan(10);
  });
});

describe("RetryStrategy, adaptive mode", () => {
  it("sends without waiting until the first throttling, then paces attempts", async () => {
    vi.useFakeTimers();
    const s = new RetryStrategy("adaptive", 3, { random: () => 0 });
    expect(s.acquireSendToken()).toBeUndefined();
    s.recordSuccess(INITIAL_RETRY_TOKEN);
    expect(s.acquireSendToken()).toBeUndefined();
    expect(s.retryToken(INITIAL_RETRY_TOKEN, { errorType: "THROTTLING" })).toBeDefined();
    const wait = s.acquireSendToken();
    expect(wait).toBeInstanceOf(Promise);
    let sent = false;
    void wait!.then(() => (sent = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toBe(false); // an empty bucket at the minimum rate of 0.5 per second
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent).toBe(true);
  });
});

/**
 * Pacing within the service's published per-account quotas (AWS Partner
 * Central developer guide): `StartRevenueAttributionAllocationsTask` 1 request per second, reads
 * (`Get*`) 50 per second.
 *
 * One pacer pair per client: calls that share a client (say, four
 * `submitAllocations` jobs in one process) take turns and stay within the
 * quotas without a single 429. The account behind a client is not known
 * locally, so jobs on separate clients or in other processes cannot be paced
 * together; for them the service's 429s are the signal, and starts and polls
 * wait them out (starts with a jittered backoff in `submitAllocations`, polls
 * in the waiter's loop).
 */
import type { PartnerCentralRevenueMeasurementClient } from "../client.js";
import { sleep } from "../transport/retry.js";

/** Published quota of StartRevenueAttributionAllocationsTask: 1 per second per account. */
export const START_INTERVAL_MS = 1_000;
/** Published quota of the `Get*` operations: 50 per second per account. */
export const READ_INTERVAL_MS = 20;

/**
 * Added to every interval: two requests sent exactly one interval apart can
 * reach the service closer together than that (connection set-up, queues),
 * and then count in one quota window.
 */
export const PACING_MARGIN_MS = 50;

/**
 * Releases callers one at a time, in the order they asked, each at least
 * `intervalMs` (plus {@link PACING_MARGIN_MS}) after the previous one was
 * released. The gap is measured from the actual release, not from a planned
 * time, so a timer that fires late (a busy event loop) cannot bring two sends
 * closer together.
 */
export class Pacer {
  /** The previous caller's turn: the next one starts its wait when it is over. */
  private queue: Promise<void> = Promise.resolve();
  /** Earliest time (the clock's epoch ms) the next caller may be released. */
  private nextAt = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * Resolves when this caller may send; rejects with `AbortError` when
   * `abortSignal` aborts the wait (the callers after it keep their order).
   * `intervalMs` overrides the pacer's own for the gap after this request (a
   * caller whose quota was raised).
   */
  take(abortSignal?: AbortSignal, intervalMs = this.intervalMs): Promise<void> {
    const turn = this.queue.then(async () => {
      const wait = this.nextAt - this.now();
      if (wait > 0) await sleep(wait, abortSignal);
      this.nextAt = this.now() + intervalMs + PACING_MARGIN_MS;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Holds every later release until `ms` from now (after a 429: the quota's window is used up elsewhere). */
  holdOff(ms: number): void {
    this.nextAt = Math.max(this.nextAt, this.now() + ms);
  }
}

/** The pacers of one client. */
export interface ClientPacers {
  starts: Pacer;
  reads: Pacer;
}

const pacersByClient = new WeakMap<PartnerCentralRevenueMeasurementClient, ClientPacers>();

/** The pacers shared by every call on `client` (created on first use, on the client's clock). */
export function pacersOf(client: PartnerCentralRevenueMeasurementClient): ClientPacers {
  let pacers = pacersByClient.get(client);
  if (!pacers) {
    const now = () => client.config.clock.now();
    pacers = { starts: new Pacer(START_INTERVAL_MS, now), reads: new Pacer(READ_INTERVAL_MS, now) };
    pacersByClient.set(client, pacers);
  }
  return pacers;
}

/**
 * Delay before retrying a throttled start, in ms:
 * `min(20 s, 1 s × 1.5^(throttles−1) × (1 + random))`, so at least the
 * quota's 1 s, and jittered so that jobs that collided spread out.
 */
export function throttledStartDelayMs(throttles: number, random = Math.random): number {
  return Math.round(Math.min(20_000, START_INTERVAL_MS * 1.5 ** Math.min(throttles - 1, 30) * (1 + random())));
}

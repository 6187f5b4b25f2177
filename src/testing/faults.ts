/**
 * Fault injection for resilience tests: throttling every Nth request, HTTP
 * 500s at a rate, added latency and dropped connections. Random choices come
 * from a seeded generator, so a run with the same seed and the same request
 * order sees the same faults.
 */
import { InvalidConfigurationError } from "../endpoints.js";

/** Faults to inject; everything is off by default. */
export interface FaultOptions {
  /** Answer every Nth request (counting from the first) with ThrottlingException (HTTP 429). */
  throttleEveryNth?: number;
  /** Fraction (0..1) of requests answered with InternalServerException (HTTP 500), before any processing. */
  errorRate?: number;
  /** Fraction (0..1) of requests whose connection is destroyed without an answer. */
  dropConnectionRate?: number;
  /**
   * When a connection is dropped: `before` the request is processed (nothing
   * happened), `after` it was processed (the change is made, the answer is
   * lost: what idempotency tokens are for), or `either` at random. Default `either`.
   */
  dropWhen?: "before" | "after" | "either";
  /** Added latency in milliseconds: a fixed delay or a `[min, max]` range. */
  latencyMs?: number | [number, number];
  /** Only these operations see faults (default: all). */
  operations?: string[];
  /** Seed of the random generator (default 1). */
  seed?: number;
}

/** What to do with one request. */
export interface FaultDecision {
  throttle: boolean;
  internalError: boolean;
  drop?: "before" | "after";
  delayMs: number;
}

/** Counts of injected faults since the emulator started or was last reset (changing the faults keeps them). */
export interface FaultCounts {
  throttled: number;
  internalErrors: number;
  dropped: number;
}

/** A small seeded PRNG (mulberry32): numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkRate(name: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) throw new InvalidConfigurationError(`${name} must be between 0 and 1, got ${value}`);
}

/** Decides, request by request, which faults to inject. */
export class FaultInjector {
  private options: FaultOptions = {};
  private random = mulberry32(1);
  private seen = 0;
  readonly counts: FaultCounts = { throttled: 0, internalErrors: 0, dropped: 0 };

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  /** Replaces the fault settings and restarts their sequence (the Nth-request count and the seeded draws); the counts keep counting. */
  set(options: FaultOptions): void {
    checkRate("errorRate", options.errorRate);
    checkRate("dropConnectionRate", options.dropConnectionRate);
    if (options.throttleEveryNth !== undefined && !(Number.isInteger(options.throttleEveryNth) && options.throttleEveryNth >= 1)) {
      throw new InvalidConfigurationError(`throttleEveryNth must be a whole number of at least 1, got ${options.throttleEveryNth}`);
    }
    this.options = { ...options };
    this.random = mulberry32(options.seed ?? 1);
    this.seen = 0;
  }

  /** Sets the counts of injected faults back to zero. */
  resetCounts(): void {
    this.counts.throttled = 0;
    this.counts.internalErrors = 0;
    this.counts.dropped = 0;
  }

  /** The current settings. */
  get settings(): FaultOptions {
    return { ...this.options };
  }

  /** Decides the faults of the next request to `operation`. */
  decide(operation: string): FaultDecision {
    const o = this.options;
    const none: FaultDecision = { throttle: false, internalError: false, delayMs: 0 };
    if (o.operations && !o.operations.includes(operation)) return none;
    this.seen++;
    const decision = { ...none };
    if (o.latencyMs !== undefined) {
      const [min, max] = Array.isArray(o.latencyMs) ? o.latencyMs : [o.latencyMs, o.latencyMs];
      decision.delayMs = Math.max(0, Math.round(min + (max - min) * this.random()));
    }
    if (o.throttleEveryNth && this.seen % o.throttleEveryNth === 0) {
      decision.throttle = true;
      this.counts.throttled++;
      return decision;
    }
    if (o.errorRate && this.random() < o.errorRate) {
      decision.internalError = true;
      this.counts.internalErrors++;
      return decision;
    }
    if (o.dropConnectionRate && this.random() < o.dropConnectionRate) {
      const when = o.dropWhen ?? "either";
      decision.drop = when === "either" ? (this.random() < 0.5 ? "before" : "after") : when;
      this.counts.dropped++;
    }
    return decision;
  }
}

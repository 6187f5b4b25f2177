/**
 * The service's published request quotas per partner account (AWS Partner Central developer guide: reads 50/s, lists
 * 10/s, writes 2/s, StartRevenueAttributionAllocationsTask 1/s), enforced on request: a request over
 * its operation's quota is answered with 429 ThrottlingException carrying `ServiceCode` and
 * `QuotaCode`, as the service answers.
 *
 * "N per second" is read literally: at most N admitted requests of a quota in any window of 1,000 ms
 * (a sliding window; refused requests do not count). The emulator serves one partner account (its
 * `accountId`): every request counts against the same quotas, whatever credentials signed it.
 */
import { InvalidConfigurationError } from "../endpoints.js";
import { ServiceError } from "./errors.js";

/** The four quotas, by what they limit. */
export type QuotaName = "read" | "list" | "write" | "startTask";

/** Requests per second of each quota. */
export type QuotaRates = Record<QuotaName, number>;

/** The published rates (requests per second, per partner account). */
export const PUBLISHED_QUOTA_RATES: Readonly<QuotaRates> = Object.freeze({ read: 50, list: 10, write: 2, startTask: 1 });

/**
 * The `ServiceCode` of the emulator's ThrottlingException. Inferred: the guide names neither the
 * Service Quotas service code nor the quota codes; `partnercentral` is the service's signing name.
 */
export const QUOTA_SERVICE_CODE = "partnercentral";

/**
 * The `QuotaCode` of each quota. Inferred (invented in the `L-` + 8 hex digits form Service Quotas
 * uses): the guide does not publish them. Match on the quota's meaning, not on these values, in code
 * that must also run against the service.
 */
export const QUOTA_CODES: Readonly<Record<QuotaName, string>> = Object.freeze({
  read: "L-9C0E4A01",
  list: "L-9C0E4A02",
  write: "L-9C0E4A03",
  startTask: "L-9C0E4A04",
});

/** Options of the quota check: `true` for the published rates on the real clock. */
export interface QuotaOptions {
  /** Rates replacing the published ones (as raised through Service Quotas), requests per second. */
  rates?: Partial<QuotaRates>;
  /**
   * The clock the windows are measured on (`{ now(): number }`, milliseconds); default `performance.now`.
   * Separate from the emulator's `clock` on purpose: tests often freeze that one on a date, and a frozen clock
   * would never give a quota back.
   */
  clock?: { now(): number };
}

const WINDOW_MS = 1000;

/** The quota an operation counts against (the developer guide's quota table). */
export function quotaOf(operation: string): QuotaName {
  if (operation === "StartRevenueAttributionAllocationsTask") return "startTask";
  if (operation.startsWith("List")) return "list"; // ListTagsForResource included
  if (operation.startsWith("Get")) return "read";
  return "write"; // Create*, Update*, TagResource, UntagResource
}

/** Admits or refuses requests by the quotas of one partner account. */
export class QuotaLimiter {
  readonly rates: Readonly<QuotaRates>;
  private readonly now: () => number;
  /** Admission times of each quota within the last window, oldest first. */
  private readonly admitted = new Map<QuotaName, number[]>();

  constructor(options: QuotaOptions = {}) {
    const rates = { ...PUBLISHED_QUOTA_RATES, ...options.rates };
    for (const [name, rate] of Object.entries(rates)) {
      if (!(Number.isInteger(rate) && rate >= 1)) throw new InvalidConfigurationError(`quotas.rates.${name} must be a whole number of at least 1, got ${rate}`);
    }
    this.rates = Object.freeze(rates);
    if ("now" in options) throw new InvalidConfigurationError("quotas.now was replaced by quotas.clock: { now: () => ms }");
    const clock = options.clock;
    if (clock !== undefined && typeof clock?.now !== "function") throw new InvalidConfigurationError("quotas.clock must be an object with a now() method");
    this.now = clock ? () => clock.now() : () => performance.now();
  }

  /** Counts a request to `operation`: resolves nothing when admitted, or the ThrottlingException to answer. */
  admit(operation: string): ServiceError | undefined {
    const quota = quotaOf(operation);
    const now = this.now();
    let times = this.admitted.get(quota);
    if (!times) this.admitted.set(quota, (times = []));
    while (times.length && times[0]! <= now - WINDOW_MS) times.shift();
    if (times.length >= this.rates[quota]) return quotaThrottled(quota, this.rates[quota]);
    times.push(now);
    return undefined;
  }

  /** Forgets every admission (the emulator's `reset()`). */
  reset(): void {
    this.admitted.clear();
  }
}

/** 429 ThrottlingException for a quota, with the service's members. */
export function quotaThrottled(quota: QuotaName, rate: number): ServiceError {
  return new ServiceError("ThrottlingException", 429, `Rate exceeded: ${rate} ${quota === "startTask" ? "task starts" : `${quota}s`} per second per account`, {
    ServiceCode: QUOTA_SERVICE_CODE,
    QuotaCode: QUOTA_CODES[quota],
  });
}

/**
 * A local emulator of the Partner Central Revenue Measurement API for offline
 * tests: a real HTTP server on 127.0.0.1 speaking Smithy RPC v2 CBOR for all
 * 18 operations, with state in memory, SigV4 verification, ClientToken
 * idempotency, the service's validation and business rules, and fault
 * injection.
 *
 * ```ts
 * import { startEmulator } from "partnercentral-revenue-measurement/testing";
 * const emulator = await startEmulator();
 * const client = new PartnerCentralRevenueMeasurementClient({
 *   endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials,
 * });
 * // ... your tests ...
 * await emulator.close();
 * ```
 * @packageDocumentation
 */
import { InvalidConfigurationError } from "../endpoints.js";
import type { Logger } from "../client.js";
import type { AllocationStatus, OpenEnum, RevenueAttributionAllocationErrorDetail, Tag } from "../models.js";
import { FaultInjector, type FaultCounts, type FaultOptions } from "./faults.js";
import { QuotaLimiter, type QuotaOptions } from "./quotas.js";
import { startServer, type RequestStats } from "./server.js";
import { EmulatorState, type EmulatorProduct } from "./state.js";

export type { FaultOptions, FaultCounts } from "./faults.js";
export type { RequestStats } from "./server.js";
export { PUBLISHED_QUOTA_RATES, QUOTA_CODES, QUOTA_SERVICE_CODE } from "./quotas.js";
export type { QuotaName, QuotaOptions, QuotaRates } from "./quotas.js";
export type { EmulatorProduct } from "./state.js";

/** The credentials the emulator accepts unless others are given. Not secret: they only open the emulator. */
export const DEFAULT_EMULATOR_CREDENTIALS = Object.freeze({
  accessKeyId: "AKIAEMULATOREXAMPLE1",
  secretAccessKey: "emulator/secret/access/key/EXAMPLEKEY0",
});

/** The fake account id in the emulator's ARNs. */
export const DEFAULT_EMULATOR_ACCOUNT_ID = "111122223333";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on; default 0 (a free port). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1` (loopback only). */
  host?: string;
  /** SigV4 signing region the emulator expects; default `us-east-1` (the service's signing region). */
  region?: string;
  /** The only credentials accepted; default {@link DEFAULT_EMULATOR_CREDENTIALS}. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Verify SigV4 signatures (a missing or wrong one is AccessDeniedException); default true. */
  verifySignatures?: boolean;
  /** 12-digit account id used in ARNs; default `111122223333`. */
  accountId?: string;
  /**
   * How long an allocations task stays IN_PROGRESS before it ends; default 50 ms.
   * `Infinity`: until `finishTasks()` is called (for tests that choose the moment).
   */
  taskDurationMs?: number;
  /**
   * The emulator's clock for timestamps and the business rules' dates (the current month and the 7th-of-month
   * grace of allocation tasks, in UTC); default the real clock. The client's shape (`{ now(): number }`, epoch
   * milliseconds, as the client's `clock` takes it), so one fake clock can drive a client, its waiter and batch
   * deadlines, and the emulator: `clock: { now: () => Date.parse("2030-04-07T12:00:00Z") }`. Signature freshness
   * is always checked against the real clock, quotas against `quotas.clock`.
   */
  clock?: { now(): number };
  /**
   * Enforce the published per-account request quotas (reads 50/s, lists 10/s,
   * writes 2/s, StartRevenueAttributionAllocationsTask 1/s): a request over
   * its quota is 429 ThrottlingException with `ServiceCode` and `QuotaCode`.
   * `true` for the published rates, or {@link QuotaOptions}. Default off.
   * Change it later with `setQuotas`.
   */
  quotas?: boolean | QuotaOptions;
  /** Faults to inject from the start (see {@link FaultOptions}); change them later with `setFaults`. */
  faults?: FaultOptions;
  /** Revenue attributions a catalog may hold before ServiceQuotaExceededException; default 1000. */
  maxRevenueAttributions?: number;
  /** Known marketplace products; when given, other product ids are ResourceNotFoundException. Default: any id. */
  products?: Record<string, EmulatorProduct>;
  /**
   * Receives one `info` line per request (operation, status, duration) and an `error` line per emulator
   * failure; never secrets or account ids. The client's logger shape (`console` works), or a function
   * that receives every line.
   */
  logger?: Logger | ((line: string) => void);
}

/** One revenue attribution allocation in an {@link EmulatorSnapshot}. */
export interface SnapshotRevenueAttributionAllocation {
  RevenueAttributionAllocationId: string;
  EntityType: string;
  EntityIdentifier: string;
  CustomerAwsAccountId: string;
  RevenueSharePercent: string;
  EffectiveFrom: string;
  EffectiveUntil: string;
  Status: OpenEnum<AllocationStatus>;
  CreatedDate: Date;
  LastModifiedDate: Date;
}

/** One allocations task in an {@link EmulatorSnapshot}. */
export interface SnapshotTask {
  TaskId: string;
  Status: "IN_PROGRESS" | "COMPLETE" | "FAILED";
  StartedAt: Date;
  EndedAt?: Date;
  TotalRevenueAttributionAllocationRecords: number;
  RevenueAttributionLatestRevision?: string;
  ErrorDetailList?: RevenueAttributionAllocationErrorDetail[];
}

/** One marketplace revenue share allocation in an {@link EmulatorSnapshot}. */
export interface SnapshotMarketplaceAllocation {
  MarketplaceRevenueShareAllocationId: string;
  EffectiveFrom: string;
  EffectiveUntil?: string;
  RevenueSharePercent: string;
  Status: OpenEnum<AllocationStatus>;
}

/** Everything the emulator holds, at the latest revisions: for assertions in tests. */
export interface EmulatorSnapshot {
  revenueAttributions: {
    Id: string;
    Arn: string;
    Catalog: string;
    Name: string;
    LatestRevision: string;
    Allocations: SnapshotRevenueAttributionAllocation[];
    Tasks: SnapshotTask[];
    Tags: Tag[];
  }[];
  marketplaceRevenueShares: {
    ProductId: string;
    Arn: string;
    Catalog: string;
    LatestRevision: number;
    Allocations: SnapshotMarketplaceAllocation[];
    Tags: Tag[];
  }[];
  /** Requests seen and faults injected since the emulator started or was last `reset()`. */
  requests: RequestStats & FaultCounts;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:43817`: pass it as the client's `endpoint`. */
  readonly endpoint: string;
  /** The signing region the emulator expects: pass it as the client's `region`. */
  readonly region: string;
  /** The credentials the emulator accepts. */
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The account id in the emulator's ARNs. */
  readonly accountId: string;
  /** Stops the server, closes open connections and cancels running tasks. */
  close(): Promise<void>;
  /** Forgets all resources, tasks and ClientTokens and clears the counters; the faults and quotas stay as set, their sequence and windows restart. */
  reset(): void;
  /**
   * Replaces the fault settings (`{}` turns faults off) and restarts their sequence. The request and fault
   * counters that `inspect()` reports keep counting; `reset()` clears them.
   */
  setFaults(faults: FaultOptions): void;
  /**
   * Switches the request quotas on (`true` or {@link QuotaOptions}) or off (`false`), with fresh windows.
   * @throws RangeError when a rate is not a whole number of at least 1.
   */
  setQuotas(quotas: boolean | QuotaOptions): void;
  /** Changes how long later allocations tasks run (`Infinity`: until `finishTasks()`). */
  setTaskDurationMs(ms: number): void;
  /** Ends every IN_PROGRESS task now, as if its time had run out. */
  finishTasks(): void;
  /** A copy of the current state, for assertions. */
  inspect(): EmulatorSnapshot;
}

/** The options {@link startEmulator} knows; anything else is refused so a misspelt option is not silently ignored. */
const EMULATOR_OPTION_NAMES: ReadonlySet<string> = new Set<keyof EmulatorOptions>([
  "port", "host", "region", "credentials", "verifySignatures", "accountId", "taskDurationMs", "clock", "quotas",
  "faults", "maxRevenueAttributions", "products", "logger",
]);

/** Options renamed in 0.x, with what to write instead. */
const RENAMED_OPTIONS: Record<string, string> = {
  now: "`now` was replaced by `clock: { now: () => epochMs }`, the shape the client's `clock` takes",
};

function refuseUnknownOptions(options: Record<string, unknown>, known: ReadonlySet<string>, where: string): void {
  for (const name of Object.keys(options)) {
    if (known.has(name) || options[name] === undefined) continue;
    throw new InvalidConfigurationError(`${where}: unknown option \`${name}\`${RENAMED_OPTIONS[name] ? `: ${RENAMED_OPTIONS[name]}` : ""}`);
  }
}

/**
 * Starts the emulator. Resolves once it listens; close it with `close()`.
 *
 * ```ts
 * // On a chosen day (the business rules' clock), with the published request quotas enforced.
 * const emulator = await startEmulator({ clock: { now: () => Date.parse("2030-04-07T12:00:00Z") }, quotas: true });
 * ```
 * @throws InvalidConfigurationError for an option it does not know (naming it), when `accountId` is not 12 digits,
 * or a `quotas.rates` value is not a whole number of at least 1.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? DEFAULT_EMULATOR_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new InvalidConfigurationError("accountId must be 12 digits");
  const credentials = { ...(options.credentials ?? DEFAULT_EMULATOR_CREDENTIALS) };
  refuseUnknownOptions(options as Record<string, unknown>, EMULATOR_OPTION_NAMES, "startEmulator");
  const clock = options.clock;
  if (clock !== undefined && typeof clock?.now !== "function") {
    throw new InvalidConfigurationError("clock must be an object with a now() method returning epoch milliseconds");
  }
  const now = clock ? () => clock.now() : () => Date.now();
  const state = new EmulatorState({
    now,
    region,
    accountId,
    taskDurationMs: options.taskDurationMs ?? 50,
    maxRevenueAttributions: options.maxRevenueAttributions ?? 1000,
    products: options.products,
  });
  const faults = new FaultInjector(options.faults);
  const limiterFor = (quotas: boolean | QuotaOptions | undefined) =>
    quotas ? new QuotaLimiter(quotas === true ? {} : quotas) : undefined;
  let quotas = limiterFor(options.quotas);
  const host = options.host ?? "127.0.0.1";
  const server = await startServer(state, faults, {
    host,
    port: options.port ?? 0,
    region,
    credentials,
    verifySignatures: options.verifySignatures ?? true,
    quotas: () => quotas,
    logger: typeof options.logger === "function" ? { info: options.logger, error: options.logger } : options.logger,
  });
  const endpoint = host === "0.0.0.0" || host === "::" ? server.endpoint.replace(/\/\/[^/]+:/, "//127.0.0.1:") : server.endpoint;

  return {
    endpoint,
    region,
    credentials,
    accountId,
    async close() {
      state.dispose();
      await server.close();
    },
    reset() {
      state.reset();
      faults.set(faults.settings); // same faults, sequence restarted
      faults.resetCounts();
      quotas?.reset();
      const { stats } = server;
      stats.total = 0;
      stats.byOperation = {};
      stats.rejectedSignatures = 0;
      stats.rejectedInputs = 0;
      stats.throttledByQuota = 0;
    },
    setQuotas(next) {
      quotas = limiterFor(next);
    },
    setFaults(next) {
      faults.set(next);
    },
    setTaskDurationMs(ms) {
      if (!(ms >= 0)) throw new InvalidConfigurationError("taskDurationMs must be 0 or more");
      state.options.taskDurationMs = ms;
    },
    finishTasks() {
      state.attributions.finishAll();
    },
    inspect() {
      return snapshot(state, { ...server.stats, byOperation: { ...server.stats.byOperation }, ...faults.counts });
    },
  };
}

function snapshot(state: EmulatorState, requests: EmulatorSnapshot["requests"]): EmulatorSnapshot {
  const tags = (m: Map<string, string>): Tag[] => [...m].map(([Key, Value]) => ({ Key, Value }));
  return {
    revenueAttributions: [...state.attributions.all.values()].map((attr) => ({
      Id: attr.Id,
      Arn: attr.Arn,
      Catalog: attr.Catalog,
      Name: attr.Name,
      LatestRevision: String(attr.latestRevision),
      Allocations: state.attributions.allocationsAt(attr, attr.latestRevision).map(({ allocation: a }) => ({
        RevenueAttributionAllocationId: a.RevenueAttributionAllocationId,
        EntityType: a.EntityType,
        EntityIdentifier: a.EntityIdentifier,
        CustomerAwsAccountId: a.CustomerAwsAccountId,
        RevenueSharePercent: a.RevenueSharePercent,
        EffectiveFrom: a.EffectiveFrom,
        EffectiveUntil: a.EffectiveUntil,
        Status: a.Status,
        CreatedDate: a.CreatedDate,
        LastModifiedDate: a.LastModifiedDate,
      })),
      Tasks: attr.tasks.map((t) => ({
        TaskId: t.TaskId,
        Status: t.Status,
        StartedAt: t.StartedAt,
        EndedAt: t.EndedAt,
        TotalRevenueAttributionAllocationRecords: t.TotalRevenueAttributionAllocationRecords,
        RevenueAttributionLatestRevision: t.RevenueAttributionLatestRevision,
        ErrorDetailList: t.ErrorDetailList?.map((d) => ({ ...d })),
      })),
      Tags: tags(attr.tags),
    })),
    marketplaceRevenueShares: [...state.shares.all.values()].map((share) => ({
      ProductId: share.ProductId,
      Arn: share.Arn,
      Catalog: share.Catalog,
      LatestRevision: share.latestRevision,
      Allocations: state.shares.allocationsAt(share, share.latestRevision).map(({ allocation: a }) => ({
        MarketplaceRevenueShareAllocationId: a.MarketplaceRevenueShareAllocationId,
        EffectiveFrom: a.EffectiveFrom,
        EffectiveUntil: a.EffectiveUntil,
        RevenueSharePercent: a.RevenueSharePercent,
        Status: a.Status,
      })),
      Tags: tags(share.tags),
    })),
    requests,
  };
}

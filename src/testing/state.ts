/**
 * The emulator's in-memory model and business rules: revenue attributions
 * with revisions and their allocation tasks, marketplace revenue shares with
 * their allocations, tags, and the ClientToken store.
 *
 * Every record keeps its history by revision, so reads "as of revision N"
 * (GetRevenueAttribution `Revision`, list `...Revision` members) see what the
 * service would have shown then.
 */
import { randomBytes } from "node:crypto";
import type { RevenueAttributionAllocationErrorDetail, RevenueShareAllocation, Tag } from "../models.js";
import { daysInMonth, utcDateString } from "../validation/dates.js";
import { conflict, notFound, quotaExceeded, validationError } from "./errors.js";

// ------------------------------------------------------------------ helpers

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const MIXED_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random id body of `length` characters from `alphabet`. */
export function randomId(length: number, alphabet = LOWER_ALNUM): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** Values of one record by revision; `at(n)` is the value as of revision `n`. */
export class History<T> {
  private readonly entries: { rev: number; value: T }[] = [];

  /** Records the value from revision `rev` on (replaces a value set at the same revision). */
  set(rev: number, value: T): void {
    const last = this.entries[this.entries.length - 1];
    if (last && last.rev === rev) last.value = value;
    else this.entries.push({ rev, value });
  }

  /** The value as of revision `rev`, or undefined when the record did not exist yet. */
  at(rev: number): T | undefined {
    return this.entryAt(rev)?.value;
  }

  /** The value as of revision `rev` with the revision that wrote it. */
  entryAt(rev: number): { rev: number; value: T } | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.rev <= rev) return entry;
    }
    return undefined;
  }

  /** The newest value. */
  get latest(): T {
    return this.entries[this.entries.length - 1]!.value;
  }
}

/** Months (`YYYY-MM`) covered by a date range, at most `limit` of them. */
function monthsOf(from: string, until: string, limit = 240): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = until.slice(0, 7);
  for (let i = 0; i < limit; i++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    if (key > end) break;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** True when two inclusive date ranges overlap; an absent end is open-ended. */
export function rangesOverlap(aFrom: string, aUntil: string | undefined, bFrom: string, bUntil: string | undefined): boolean {
  return (aUntil === undefined || bFrom <= aUntil) && (bUntil === undefined || aFrom <= bUntil);
}

/** The last day of the month of a `YYYY-MM-DD` date. */
export function endOfMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 8)}${String(daysInMonth(y, m)).padStart(2, "0")}`;
}

// ------------------------------------------------------------------- records

/** One revenue attribution allocation, as of one revision (wire member names). */
export interface RaAllocation {
  RevenueAttributionAllocationId: string;
  EntityType: string;
  EntityIdentifier: string;
  EntityName?: string;
  CustomerAwsAccountId: string;
  RevenueSharePercent: string;
  EffectiveFrom: string;
  EffectiveUntil: string;
  Status: string;
  CreatedDate: Date;
  LastModifiedDate: Date;
}

/** The mutable members of a revenue attribution, as of one revision. */
export interface AttributionInfo {
  Description?: string;
  LastModifiedDate: Date;
}

/** An allocations task. */
export interface AllocationsTask {
  TaskId: string;
  Status: "IN_PROGRESS" | "COMPLETE" | "FAILED";
  Catalog: string;
  RevenueAttributionArn: string;
  StartedAt: Date;
  EndedAt?: Date;
  TotalRevenueAttributionAllocationRecords: number;
  Description?: string;
  RevenueAttributionLatestRevision?: string;
  ErrorDetailList?: RevenueAttributionAllocationErrorDetail[];
  /** The changes, as submitted. */
  readonly items: RevenueShareAllocation[];
}

/** A revenue attribution and everything under it. */
export interface Attribution {
  Id: string;
  Arn: string;
  Catalog: string;
  Name: string;
  TenancyModel: string;
  MarketplaceProduct?: { ProductId?: string; ProductCode?: string; ProductName?: string };
  CreatedDate: Date;
  latestRevision: number;
  info: History<AttributionInfo>;
  allocations: Map<string, { seq: number; history: History<RaAllocation> }>;
  tags: Map<string, string>;
  tasks: AllocationsTask[];
  seq: number;
}

/** One marketplace revenue share allocation, as of one revision. */
export interface MpAllocation {
  MarketplaceRevenueShareAllocationId: string;
  ProductId: string;
  EffectiveFrom: string;
  EffectiveUntil?: string;
  RevenueSharePercent: string;
  Status: string;
  CreatedDate: Date;
  LastModifiedDate: Date;
}

/** A marketplace revenue share (one per product and catalog) and its allocations. */
export interface Share {
  ProductId: string;
  Arn: string;
  Catalog: string;
  ProductCode: string;
  ProductName: string;
  CreatedDate: Date;
  latestRevision: number;
  modified: History<Date>;
  allocations: Map<string, { seq: number; history: History<MpAllocation> }>;
  tags: Map<string, string>;
  seq: number;
}

/** A product the emulator knows, for `products` in the options. */
export interface EmulatorProduct {
  ProductCode?: string;
  ProductName?: string;
}

/** Settings of the model. */
export interface StateOptions {
  /** Current time in epoch milliseconds (dates such as "today" derive from it). */
  now: () => number;
  region: string;
  accountId: string;
  /** How long an allocations task stays IN_PROGRESS; `Infinity`: until `finishAllTasks()`. */
  taskDurationMs: number;
  /** How many revenue attributions a catalog may hold. */
  maxRevenueAttributions: number;
  /** Known marketplace products; when given, other product ids are ResourceNotFound. */
  products?: Record<string, EmulatorProduct>;
}

const RESOURCE_ARN =
  /^arn:aws:partnercentral:([a-z0-9-]+):(\d{12}):catalog\/([a-zA-Z]+)\/(revenue-attribution|marketplace-revenue-share)\/(.+)$/;
const TAG_LIMIT_ATTRIBUTION = 200;
const TAG_LIMIT_SHARE = 50;

/** The stored first result of a call with a ClientToken. */
interface TokenEntry {
  fingerprint: string;
  output: Record<string, unknown>;
}

// --------------------------------------------------------------------- state

/** The whole in-memory service. */
export class EmulatorState {
  readonly attributions = new Map<string, Attribution>();
  readonly shares = new Map<string, Share>();
  private readonly tokens = new Map<string, TokenEntry>();
  private readonly timers = new Map<AllocationsTask, ReturnType<typeof setTimeout>>();
  private seq = 0;

  constructor(readonly options: StateOptions) {}

  /** The current time as a `Date`. */
  now(): Date {
    return new Date(this.options.now());
  }

  /** Today (UTC) as `YYYY-MM-DD`. */
  today(): string {
    return utcDateString(this.options.now());
  }

  /** Forgets everything and cancels running tasks. */
  reset(): void {
    this.dispose();
    this.attributions.clear();
    this.shares.clear();
    this.tokens.clear();
    this.seq = 0;
  }

  /** Cancels the timers of running tasks. */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Ends every running task now, as if its time had run out. */
  finishAllTasks(): void {
    for (const attr of this.attributions.values()) {
      const task = this.runningTask(attr);
      if (task) this.finishTask(attr, task);
    }
  }

  // ------------------------------------------------------------ idempotency

  /**
   * Runs `action` once per ClientToken: a repeated token with the same input
   * returns the first result; with a different input it is a conflict.
   */
  idempotent(
    operation: string,
    input: Record<string, unknown>,
    action: () => Record<string, unknown>,
  ): Record<string, unknown> {
    const token = input.ClientToken;
    if (typeof token !== "string") return action();
    const key = `${operation}\u0000${token}`;
    const fingerprint = fingerprintOf(input);
    const seen = this.tokens.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        throw conflict(
          "CONFLICT_CLIENT_TOKEN",
          `ClientToken ${token} was already used with different parameters for ${operation}`,
        );
      }
      return seen.output;
    }
    const output = action();
    this.tokens.set(key, { fingerprint, output });
    return output;
  }

  // ------------------------------------------------------------------ ARNs

  attributionArn(catalog: string, id: string): string {
    return `arn:aws:partnercentral:${this.options.region}:${this.options.accountId}:catalog/${catalog}/revenue-attribution/${id}`;
  }

  shareArn(catalog: string, productId: string): string {
    return `arn:aws:partnercentral:${this.options.region}:${this.options.accountId}:catalog/${catalog}/marketplace-revenue-share/${productId}`;
  }

  private product(productId: string): Required<EmulatorProduct> {
    const known = this.options.products;
    if (known && !(productId in known)) throw notFound(`Marketplace product ${productId} was not found`);
    const given = known?.[productId] ?? {};
    const tail = productId.replace(/^prod-/, "");
    return {
      ProductCode: given.ProductCode ?? `pc${tail}`.slice(0, 25),
      ProductName: given.ProductName ?? `Product ${tail}`,
    };
  }

  // ---------------------------------------------------- revenue attributions

  /** Finds an attribution by `ra-…` id or ARN within a catalog. */
  attribution(catalog: string, identifier: string): Attribution {
    const id = identifier.startsWith("arn:") ? identifier.slice(identifier.lastIndexOf("/") + 1) : identifier;
    const found = this.attributions.get(id);
    if (!found || found.Catalog !== catalog || (identifier.startsWith("arn:") && identifier !== found.Arn)) {
      throw notFound(`Revenue attribution ${identifier} was not found in catalog ${catalog}`);
    }
    return found;
  }

  /** Resolves a revision string (absent = latest); unknown revisions are ResourceNotFound. */
  attributionRevision(attr: Attribution, revision: unknown): number {
    if (revision === undefined) return attr.latestRevision;
    const rev = Number(revision);
    if (!Number.isSafeInteger(rev) || rev < 1 || rev > attr.latestRevision) {
      throw notFound(`Revision ${String(revision)} of revenue attribution ${attr.Id} was not found`);
    }
    return rev;
  }

  createAttribution(input: {
    Catalog: string;
    Name: string;
    Description?: string;
    TenancyModel: string;
    ProductIdentifier?: string;
    Tags?: Tag[];
  }): Attribution {
    let count = 0;
    for (const a of this.attributions.values()) if (a.Catalog === input.Catalog) count++;
    if (count >= this.options.maxRevenueAttributions) {
      throw quotaExceeded(
        "ATTRIBUTION_LIMIT_EXCEEDED",
        `Catalog ${input.Catalog} already holds ${count} revenue attributions, the limit`,
      );
    }
    for (const a of this.attributions.values()) {
      if (a.Catalog === input.Catalog && a.Name === input.Name) {
        throw conflict("RESOURCE_ALREADY_EXISTS", `A revenue attribution named "${input.Name}" already exists (${a.Id})`);
      }
    }
    let product: Attribution["MarketplaceProduct"];
    if (input.ProductIdentifier !== undefined) {
      const productId = input.ProductIdentifier.slice(input.ProductIdentifier.lastIndexOf("/") + 1);
      product = { ProductId: productId, ...this.product(productId) };
    }
    const id = `ra-${randomId(13)}`;
    const now = this.now();
    const info = new History<AttributionInfo>();
    info.set(1, { Description: input.Description, LastModifiedDate: now });
    const attr: Attribution = {
      Id: id,
      Arn: this.attributionArn(input.Catalog, id),
      Catalog: input.Catalog,
      Name: input.Name,
      TenancyModel: input.TenancyModel,
      MarketplaceProduct: product,
      CreatedDate: now,
      latestRevision: 1,
      info,
      allocations: new Map(),
      tags: new Map((input.Tags ?? []).map((t) => [t.Key, t.Value])),
      tasks: [],
      seq: ++this.seq,
    };
    this.attributions.set(id, attr);
    return attr;
  }

  /** Checks the caller's revision against the latest (optimistic locking). */
  private checkRevision(latest: number, given: unknown, what: string): void {
    if (String(given) !== String(latest)) {
      throw conflict(
        "REVISION_MISMATCH",
        `Revision ${String(given)} of ${what} is not the latest (${latest}); read it again and retry`,
      );
    }
  }

  private runningTask(attr: Attribution): AllocationsTask | undefined {
    const last = attr.tasks[attr.tasks.length - 1];
    return last?.Status === "IN_PROGRESS" ? last : undefined;
  }

  updateAttribution(attr: Attribution, revision: string, description: string | undefined): void {
    this.checkRevision(attr.latestRevision, revision, `revenue attribution ${attr.Id}`);
    const running = this.runningTask(attr);
    if (running) {
      throw conflict("CONCURRENT_MODIFICATION", `Allocations task ${running.TaskId} is in progress on ${attr.Id}`);
    }
    const rev = attr.latestRevision + 1;
    attr.info.set(rev, {
      Description: description ?? attr.info.latest.Description,
      LastModifiedDate: this.now(),
    });
    attr.latestRevision = rev;
  }

  /** The attribution's allocations as of a revision, in creation order. */
  allocationsAt(attr: Attribution, rev: number): { seq: number; allocation: RaAllocation }[] {
    const out: { seq: number; allocation: RaAllocation }[] = [];
    for (const { seq, history } of attr.allocations.values()) {
      const allocation = history.at(rev);
      if (allocation) out.push({ seq, allocation });
    }
    return out;
  }

  // ------------------------------------------------------- allocation tasks

  startTask(
    attr: Attribution,
    input: { RevenueAttributionRevision: string; RevenueShareAllocations: RevenueShareAllocation[]; Description?: string },
  ): AllocationsTask {
    this.checkRevision(attr.latestRevision, input.RevenueAttributionRevision, `revenue attribution ${attr.Id}`);
    const running = this.runningTask(attr);
    if (running) {
      throw conflict("CONCURRENT_MODIFICATION", `Allocations task ${running.TaskId} is already in progress on ${attr.Id}`);
    }
    const task: AllocationsTask = {
      TaskId: `raatask-${randomId(13)}`,
      Status: "IN_PROGRESS",
      Catalog: attr.Catalog,
      RevenueAttributionArn: attr.Arn,
      StartedAt: this.now(),
      TotalRevenueAttributionAllocationRecords: input.RevenueShareAllocations.length,
      Description: input.Description,
      items: input.RevenueShareAllocations.map((item) => ({ ...item })),
    };
    attr.tasks.push(task);
    if (Number.isFinite(this.options.taskDurationMs)) {
      const timer = setTimeout(() => this.finishTask(attr, task), this.options.taskDurationMs);
      timer.unref?.();
      this.timers.set(task, timer);
    }
    return task;
  }

  /** Ends a task: COMPLETE with every change applied, or FAILED with nothing applied. */
  finishTask(attr: Attribution, task: AllocationsTask): void {
    if (task.Status !== "IN_PROGRESS") return;
    const timer = this.timers.get(task);
    if (timer) clearTimeout(timer);
    this.timers.delete(task);
    const { errors, results } = this.evaluateTask(attr, task.items);
    task.EndedAt = this.now();
    if (errors.length) {
      task.Status = "FAILED";
      task.ErrorDetailList = errors;
      return;
    }
    const rev = attr.latestRevision + 1;
    const now = this.now();
    for (const result of results) {
      const existing = attr.allocations.get(result.RevenueAttributionAllocationId);
      if (existing) existing.history.set(rev, { ...result, LastModifiedDate: now });
      else {
        const history = new History<RaAllocation>();
        history.set(rev, { ...result, CreatedDate: now, LastModifiedDate: now });
        attr.allocations.set(result.RevenueAttributionAllocationId, { seq: ++this.seq, history });
      }
    }
    attr.info.set(rev, { ...attr.info.latest, LastModifiedDate: now });
    attr.latestRevision = rev;
    task.Status = "COMPLETE";
    task.RevenueAttributionLatestRevision = String(rev);
  }

  /**
   * Checks a batch against the business rules and computes the allocations it
   * would leave. Rules (the documented ones and the emulator's reading of the
   * error codes):
   * - UPDATE of an unknown allocation: RESOURCE_NOT_FOUND;
   * - UPDATE of an allocation whose period has begun (EffectiveFrom on or
   *   before today, UTC): IMMUTABLE_ALLOCATION;
   * - UPDATE that changes the entity or customer account: INVALID_VALUE;
   * - two ACTIVE allocations of one attribution for the same entity and
   *   customer account with overlapping periods: INVALID_VALUE;
   * - ACTIVE percentages of one entity and customer account in one month,
   *   summed over every attribution of the catalog, above 100:
   *   ALLOCATION_CAP_EXCEEDED.
   */
  evaluateTask(
    attr: Attribution,
    items: readonly RevenueShareAllocation[],
  ): { errors: RevenueAttributionAllocationErrorDetail[]; results: RaAllocation[] } {
    const today = this.today();
    const failures = new Map<number, RevenueAttributionAllocationErrorDetail>();
    const fail = (index: number, code: string, message: string): void => {
      const item = items[index]!;
      if (failures.has(index)) return;
      failures.set(index, {
        ...(item.Action === "UPDATE" && item.RevenueAttributionAllocationId
          ? { RevenueAttributionAllocationId: item.RevenueAttributionAllocationId }
          : {}),
        EntityType: item.EntityType,
        EntityId: item.EntityIdentifier,
        CustomerAwsAccountId: item.CustomerAwsAccountId,
        EffectiveFrom: item.EffectiveFrom,
        EffectiveUntil: item.EffectiveUntil,
        Action: item.Action,
        ErrorCode: code,
        ErrorMessage: message,
      });
    };
    // The attribution as the batch would leave it.
    const tentative = new Map<string, RaAllocation>();
    for (const { allocation } of this.allocationsAt(attr, attr.latestRevision)) {
      tentative.set(allocation.RevenueAttributionAllocationId, allocation);
    }
    const touched: { index: number; result: RaAllocation }[] = [];
    const placeholderDate = new Date(0);
    items.forEach((item, index) => {
      if (item.Action === "UPDATE") {
        const id = item.RevenueAttributionAllocationId ?? "";
        const current = tentative.get(id);
        if (!current) {
          fail(index, "RESOURCE_NOT_FOUND", `Allocation ${id} was not found in ${attr.Id}`);
          return;
        }
        if (current.EffectiveFrom <= today) {
          fail(index, "IMMUTABLE_ALLOCATION", `Allocation ${id} began on ${current.EffectiveFrom} and can no longer be changed`);
          return;
        }
        if (
          current.EntityType !== item.EntityType ||
          current.EntityIdentifier !== item.EntityIdentifier ||
          current.CustomerAwsAccountId !== item.CustomerAwsAccountId
        ) {
          fail(index, "INVALID_VALUE", `The entity and customer account of allocation ${id} cannot change`);
          return;
        }
        const result: RaAllocation = {
          ...current,
          RevenueSharePercent: item.RevenueSharePercent,
          EffectiveFrom: item.EffectiveFrom,
          EffectiveUntil: item.EffectiveUntil,
          Status: item.Status ?? current.Status,
        };
        tentative.set(id, result);
        touched.push({ index, result });
      } else {
        let id: string;
        do id = `alloc-${randomId(13)}`;
        while (tentative.has(id));
        const result: RaAllocation = {
          RevenueAttributionAllocationId: id,
          EntityType: item.EntityType,
          EntityIdentifier: item.EntityIdentifier,
          CustomerAwsAccountId: item.CustomerAwsAccountId,
          RevenueSharePercent: item.RevenueSharePercent,
          EffectiveFrom: item.EffectiveFrom,
          EffectiveUntil: item.EffectiveUntil,
          Status: item.Status ?? "ACTIVE",
          CreatedDate: placeholderDate,
          LastModifiedDate: placeholderDate,
        };
        tentative.set(id, result);
        touched.push({ index, result });
      }
    });

    // Index the ACTIVE allocations of the catalog by entity and customer account.
    const keyOf = (a: RaAllocation) => `${a.EntityType}\u0000${a.EntityIdentifier}\u0000${a.CustomerAwsAccountId}`;
    const index = new Map<string, { owner: string; allocation: RaAllocation }[]>();
    const addToIndex = (owner: string, allocation: RaAllocation) => {
      if (allocation.Status !== "ACTIVE") return;
      const key = keyOf(allocation);
      let bucket = index.get(key);
      if (!bucket) index.set(key, (bucket = []));
      bucket.push({ owner, allocation });
    };
    for (const other of this.attributions.values()) {
      if (other === attr || other.Catalog !== attr.Catalog) continue;
      for (const { allocation } of this.allocationsAt(other, other.latestRevision)) addToIndex(other.Id, allocation);
    }
    for (const allocation of tentative.values()) addToIndex(attr.Id, allocation);

    // Pass 1: overlaps within the attribution. A clash between two records of
    // the batch is reported on the later one.
    const inBatch = new Set(touched.map((t) => t.result));
    const checked = new Set<RaAllocation>();
    const rejected = new Set<RaAllocation>();
    for (const { index: at, result } of touched) {
      checked.add(result);
      if (result.Status !== "ACTIVE") continue;
      const clash = (index.get(keyOf(result)) ?? []).find(
        (b) =>
          b.owner === attr.Id &&
          b.allocation !== result &&
          (!inBatch.has(b.allocation) || checked.has(b.allocation)) &&
          rangesOverlap(result.EffectiveFrom, result.EffectiveUntil, b.allocation.EffectiveFrom, b.allocation.EffectiveUntil),
      );
      if (clash) {
        const other = attr.allocations.has(clash.allocation.RevenueAttributionAllocationId)
          ? `allocation ${clash.allocation.RevenueAttributionAllocationId}`
          : "another record of this batch";
        const window = `${clash.allocation.EffectiveFrom}..${clash.allocation.EffectiveUntil}`;
        fail(at, "INVALID_VALUE", `Overlaps ${other} (${window}) for the same entity and customer account`);
        rejected.add(result);
      }
    }

    // Pass 2: the 100 % cap per entity, customer account and month, over the
    // records that passed pass 1.
    for (const { index: at, result } of touched) {
      if (result.Status !== "ACTIVE" || rejected.has(result)) continue;
      const bucket = (index.get(keyOf(result)) ?? []).filter((b) => !rejected.has(b.allocation));
      for (const month of monthsOf(result.EffectiveFrom, result.EffectiveUntil)) {
        const start = `${month}-01`;
        const end = endOfMonth(start);
        let sum = 0;
        for (const b of bucket) {
          if (rangesOverlap(start, end, b.allocation.EffectiveFrom, b.allocation.EffectiveUntil)) {
            sum += Number(b.allocation.RevenueSharePercent);
          }
        }
        if (sum > 100 + 1e-9) {
          const total = Math.round(sum * 100) / 100;
          const why = `ACTIVE allocations of this entity and customer account add up to ${total}% in ${month} (at most 100%)`;
          fail(at, "ALLOCATION_CAP_EXCEEDED", why);
          break;
        }
      }
    }
    const errors = [...failures.entries()].sort((a, b) => a[0] - b[0]).map(([, detail]) => detail);
    return { errors, results: errors.length ? [] : touched.map((t) => t.result) };
  }

  // ------------------------------------------------ marketplace revenue shares

  private shareKey(catalog: string, productId: string): string {
    return `${catalog}/${productId}`;
  }

  /** Finds a share by catalog and product id. */
  share(catalog: string, productId: string): Share {
    const found = this.shares.get(this.shareKey(catalog, productId));
    if (!found) throw notFound(`Marketplace revenue share for ${productId} was not found in catalog ${catalog}`);
    return found;
  }

  /** Resolves an integer revision (absent = latest); unknown revisions are ResourceNotFound. */
  shareRevision(share: Share, revision: unknown): number {
    if (revision === undefined) return share.latestRevision;
    const rev = Number(revision);
    if (!Number.isSafeInteger(rev) || rev < 1 || rev > share.latestRevision) {
      throw notFound(`Revision ${String(revision)} of the marketplace revenue share of ${share.ProductId} was not found`);
    }
    return rev;
  }

  createShare(input: { Catalog: string; ProductId: string; Tags?: Tag[] }): Share {
    const key = this.shareKey(input.Catalog, input.ProductId);
    if (this.shares.has(key)) {
      throw conflict("RESOURCE_ALREADY_EXISTS", `A marketplace revenue share for ${input.ProductId} already exists`);
    }
    const product = this.product(input.ProductId);
    const now = this.now();
    const modified = new History<Date>();
    modified.set(1, now);
    const share: Share = {
      ProductId: input.ProductId,
      Arn: this.shareArn(input.Catalog, input.ProductId),
      Catalog: input.Catalog,
      ProductCode: product.ProductCode,
      ProductName: product.ProductName,
      CreatedDate: now,
      latestRevision: 1,
      modified,
      allocations: new Map(),
      tags: new Map((input.Tags ?? []).map((t) => [t.Key, t.Value])),
      seq: ++this.seq,
    };
    this.shares.set(key, share);
    return share;
  }

  /** The share's allocations as of a revision, in creation order. */
  shareAllocationsAt(share: Share, rev: number): { seq: number; allocation: MpAllocation }[] {
    const out: { seq: number; allocation: MpAllocation }[] = [];
    for (const { seq, history } of share.allocations.values()) {
      const allocation = history.at(rev);
      if (allocation) out.push({ seq, allocation });
    }
    return out;
  }

  /** The documented overlap invariant: no two ACTIVE allocations of a share overlap. */
  private checkShareOverlap(share: Share, candidate: MpAllocation): void {
    if (candidate.Status !== "ACTIVE") return;
    for (const { allocation } of this.shareAllocationsAt(share, share.latestRevision)) {
      if (allocation.MarketplaceRevenueShareAllocationId === candidate.MarketplaceRevenueShareAllocationId) continue;
      if (allocation.Status !== "ACTIVE") continue;
      if (rangesOverlap(candidate.EffectiveFrom, candidate.EffectiveUntil, allocation.EffectiveFrom, allocation.EffectiveUntil)) {
        const window = `${allocation.EffectiveFrom}..${allocation.EffectiveUntil ?? "open-ended"}`;
        throw validationError("BUSINESS_VALIDATION_FAILED", [
          {
            Name: "EffectiveFrom",
            Code: "INVALID_VALUE",
            Message: `overlaps ACTIVE allocation ${allocation.MarketplaceRevenueShareAllocationId} (${window})`,
          },
        ]);
      }
    }
  }

  private checkPercentCap(percent: string): void {
    if (Number(percent) > 100) {
      throw validationError("BUSINESS_VALIDATION_FAILED", [
        { Name: "RevenueSharePercent", Code: "INVALID_VALUE", Message: "must be at most 100" },
      ]);
    }
  }

  private bump(share: Share): number {
    const rev = share.latestRevision + 1;
    share.modified.set(rev, this.now());
    share.latestRevision = rev;
    return rev;
  }

  createShareAllocation(
    share: Share,
    input: { EffectiveFrom: string; EffectiveUntil?: string; RevenueSharePercent: string },
  ): MpAllocation {
    this.checkPercentCap(input.RevenueSharePercent);
    const now = this.now();
    let id: string;
    do id = `mrsa-${randomId(13, MIXED_ALNUM)}`;
    while (share.allocations.has(id));
    const allocation: MpAllocation = {
      MarketplaceRevenueShareAllocationId: id,
      ProductId: share.ProductId,
      EffectiveFrom: input.EffectiveFrom,
      EffectiveUntil: input.EffectiveUntil,
      RevenueSharePercent: input.RevenueSharePercent,
      Status: "ACTIVE",
      CreatedDate: now,
      LastModifiedDate: now,
    };
    this.checkShareOverlap(share, allocation);
    const rev = this.bump(share);
    const history = new History<MpAllocation>();
    history.set(rev, allocation);
    share.allocations.set(id, { seq: ++this.seq, history });
    return allocation;
  }

  /**
   * Updates an allocation: `EffectiveFrom`, `RevenueSharePercent` and `Status`
   * change only on future-dated allocations (EffectiveFrom after today, UTC);
   * a new `EffectiveUntil` must be on or after today.
   */
  updateShareAllocation(
    share: Share,
    input: {
      MarketplaceRevenueShareAllocationId: string;
      MarketplaceRevenueShareRevision: string;
      EffectiveFrom?: string;
      EffectiveUntil?: string;
      RevenueSharePercent?: string;
      Status?: string;
    },
  ): MpAllocation {
    const entry = share.allocations.get(input.MarketplaceRevenueShareAllocationId);
    if (!entry) {
      throw notFound(`Allocation ${input.MarketplaceRevenueShareAllocationId} of ${share.ProductId} was not found`);
    }
    const what = `the marketplace revenue share of ${share.ProductId}`;
    this.checkRevision(share.latestRevision, input.MarketplaceRevenueShareRevision, what);
    const current = entry.history.latest;
    const today = this.today();
    const futureDated = current.EffectiveFrom > today;
    const fields: { Name: string; Code: string; Message: string }[] = [];
    const guard = (name: "EffectiveFrom" | "RevenueSharePercent" | "Status") => {
      const value = input[name];
      if (value !== undefined && value !== current[name] && !futureDated) {
        fields.push({
          Name: name,
          Code: "ACTION_NOT_PERMITTED",
          Message: `can change only on future-dated allocations; this one began on ${current.EffectiveFrom}`,
        });
      }
    };
    guard("EffectiveFrom");
    guard("RevenueSharePercent");
    guard("Status");
    if (input.EffectiveUntil !== undefined && input.EffectiveUntil < today) {
      fields.push({ Name: "EffectiveUntil", Code: "INVALID_VALUE", Message: `must be on or after today (${today}, UTC)` });
    }
    const next: MpAllocation = {
      ...current,
      EffectiveFrom: input.EffectiveFrom ?? current.EffectiveFrom,
      EffectiveUntil: input.EffectiveUntil ?? current.EffectiveUntil,
      RevenueSharePercent: input.RevenueSharePercent ?? current.RevenueSharePercent,
      Status: input.Status ?? current.Status,
      LastModifiedDate: this.now(),
    };
    if (!fields.length && next.EffectiveUntil !== undefined && next.EffectiveUntil < next.EffectiveFrom) {
      const message = `must not be before EffectiveFrom (${next.EffectiveFrom})`;
      fields.push({ Name: "EffectiveUntil", Code: "INVALID_VALUE", Message: message });
    }
    if (fields.length) throw validationError("BUSINESS_VALIDATION_FAILED", fields);
    this.checkPercentCap(next.RevenueSharePercent);
    this.checkShareOverlap(share, next);
    const rev = this.bump(share);
    entry.history.set(rev, next);
    return next;
  }

  // ------------------------------------------------------------------- tags

  /** Finds the tag map of a resource by ARN. */
  tagsOf(resourceArn: string): { tags: Map<string, string>; limit: number } {
    const match = RESOURCE_ARN.exec(resourceArn);
    if (match && match[1] === this.options.region && match[2] === this.options.accountId) {
      const [, , , catalog, kind, id] = match as unknown as [string, string, string, string, string, string];
      if (kind === "revenue-attribution") {
        const attr = this.attributions.get(id);
        if (attr && attr.Catalog === catalog) return { tags: attr.tags, limit: TAG_LIMIT_ATTRIBUTION };
      } else {
        const share = this.shares.get(this.shareKey(catalog, id));
        if (share) return { tags: share.tags, limit: TAG_LIMIT_SHARE };
      }
    }
    throw notFound(`Resource ${resourceArn} was not found`);
  }

  tagResource(resourceArn: string, tags: Tag[]): void {
    const target = this.tagsOf(resourceArn);
    const next = new Map(target.tags);
    for (const t of tags) next.set(t.Key, t.Value);
    if (next.size > target.limit) {
      throw quotaExceeded("TAG_LIMIT_EXCEEDED", `A resource can hold at most ${target.limit} tags (would hold ${next.size})`);
    }
    for (const t of tags) target.tags.set(t.Key, t.Value);
  }

  untagResource(resourceArn: string, keys: string[]): void {
    const target = this.tagsOf(resourceArn);
    for (const k of keys) target.tags.delete(k);
  }
}

/** A stable fingerprint of an input without its ClientToken (key order ignored). */
export function fingerprintOf(input: Record<string, unknown>): string {
  const normalize = (value: unknown): unknown => {
    if (value instanceof Date) return { $date: value.getTime() };
    if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString("base64") };
    if (Array.isArray(value)) return value.map(normalize);
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) out[key] = normalize((value as Record<string, unknown>)[key]);
      return out;
    }
    return value;
  };
  const { ClientToken: _token, ...rest } = input;
  return JSON.stringify(normalize(rest));
}

/**
 * Revenue attributions with their revisions, allocations and allocation
 * tasks: the tasks run on timers (or until `finishAll`) and apply the
 * business rules when they end.
 */
import type { GetRevenueAttributionAllocationsTaskOutput } from "../../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import type {
  RevenueAttributionAllocationErrorDetail,
  RevenueAttributionAllocationSummary,
  RevenueShareAllocation,
  Tag,
} from "../../models.js";
import { conflict, notFound, quotaExceeded } from "../errors.js";
import {
  History,
  StateContext,
  checkRevision,
  randomId,
  rangesOverlap,
  resolveRevision,
  valuesAt,
} from "./common.js";
import { editWindowOn, isUpdatable, MonthlyCap, monthsChangedBy, type EditWindow } from "./rules.js";

/** One revenue attribution allocation, as of one revision (wire member names). */
export type RaAllocation = Omit<RevenueAttributionAllocationSummary, "RevenueAttributionIdentifier"> & {
  CreatedDate: Date;
  LastModifiedDate: Date;
};

/** The mutable members of a revenue attribution, as of one revision. */
export interface AttributionInfo {
  Description?: string;
  LastModifiedDate: Date;
}

/** An allocations task: what GetRevenueAttributionAllocationsTask reports, and the changes it carries. */
export type AllocationsTask = Omit<GetRevenueAttributionAllocationsTaskOutput, "Status" | "Catalog"> & {
  Status: "IN_PROGRESS" | "COMPLETE" | "FAILED";
  Catalog: string;
  /** The changes, as submitted. */
  readonly items: RevenueShareAllocation[];
};

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

/** The error detail a FAILED task reports for one of its changes. */
export function errorDetailOf(item: RevenueShareAllocation, ErrorCode: string, ErrorMessage: string): RevenueAttributionAllocationErrorDetail {
  return {
    ...(item.Action === "UPDATE" && item.RevenueAttributionAllocationId
      ? { RevenueAttributionAllocationId: item.RevenueAttributionAllocationId }
      : {}),
    EntityType: item.EntityType,
    EntityId: item.EntityIdentifier,
    CustomerAwsAccountId: item.CustomerAwsAccountId,
    EffectiveFrom: item.EffectiveFrom,
    EffectiveUntil: item.EffectiveUntil,
    Action: item.Action,
    ErrorCode: ErrorCode as RevenueAttributionAllocationErrorDetail["ErrorCode"],
    ErrorMessage,
  };
}

/** Every revenue attribution, by `ra-…` id. */
export class RevenueAttributions {
  readonly all = new Map<string, Attribution>();
  private readonly timers = new Map<AllocationsTask, ReturnType<typeof setTimeout>>();

  constructor(private readonly ctx: StateContext) {}

  /** Forgets every attribution and cancels running tasks. */
  reset(): void {
    this.dispose();
    this.all.clear();
  }

  /** Cancels the timers of running tasks. */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Ends every running task now, as if its time had run out. */
  finishAll(): void {
    for (const attr of this.all.values()) {
      const task = this.runningTask(attr);
      if (task) this.finishTask(attr, task);
    }
  }

  /** Finds an attribution by `ra-…` id or ARN within a catalog. */
  find(catalog: string, identifier: string): Attribution {
    const id = identifier.startsWith("arn:") ? identifier.slice(identifier.lastIndexOf("/") + 1) : identifier;
    const found = this.all.get(id);
    if (!found || found.Catalog !== catalog || (identifier.startsWith("arn:") && identifier !== found.Arn)) {
      throw notFound(`Revenue attribution ${identifier} was not found in catalog ${catalog}`);
    }
    return found;
  }

  /** Resolves a revision string (absent = latest); unknown revisions are ResourceNotFound. */
  revision(attr: Attribution, revision: unknown): number {
    return resolveRevision(attr.latestRevision, revision, `revenue attribution ${attr.Id}`);
  }

  create(input: {
    Catalog: string;
    Name: string;
    Description?: string;
    TenancyModel: string;
    ProductIdentifier?: string;
    Tags?: Tag[];
  }): Attribution {
    let count = 0;
    for (const a of this.all.values()) if (a.Catalog === input.Catalog) count++;
    if (count >= this.ctx.options.maxRevenueAttributions) {
      throw quotaExceeded(
        "ATTRIBUTION_LIMIT_EXCEEDED",
        `Catalog ${input.Catalog} already holds ${count} revenue attributions, the limit`,
      );
    }
    for (const a of this.all.values()) {
      if (a.Catalog === input.Catalog && a.Name === input.Name) {
        throw conflict("RESOURCE_ALREADY_EXISTS", `A revenue attribution named "${input.Name}" already exists (${a.Id})`);
      }
    }
    let product: Attribution["MarketplaceProduct"];
    if (input.ProductIdentifier !== undefined) {
      const productId = input.ProductIdentifier.slice(input.ProductIdentifier.lastIndexOf("/") + 1);
      product = { ProductId: productId, ...this.ctx.product(productId) };
    }
    const id = `ra-${randomId(13)}`;
    const now = this.ctx.now();
    const info = new History<AttributionInfo>();
    info.set(1, { Description: input.Description, LastModifiedDate: now });
    const attr: Attribution = {
      Id: id,
      Arn: this.ctx.arn(input.Catalog, `revenue-attribution/${id}`),
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
      seq: this.ctx.nextSeq(),
    };
    this.all.set(id, attr);
    return attr;
  }

  private runningTask(attr: Attribution): AllocationsTask | undefined {
    const last = attr.tasks[attr.tasks.length - 1];
    return last?.Status === "IN_PROGRESS" ? last : undefined;
  }

  update(attr: Attribution, revision: string, description: string | undefined): void {
    checkRevision(attr.latestRevision, revision, `revenue attribution ${attr.Id}`);
    const running = this.runningTask(attr);
    if (running) {
      throw conflict("CONCURRENT_MODIFICATION", `Allocations task ${running.TaskId} is in progress on ${attr.Id}`);
    }
    const rev = attr.latestRevision + 1;
    attr.info.set(rev, {
      Description: description ?? attr.info.latest.Description,
      LastModifiedDate: this.ctx.now(),
    });
    attr.latestRevision = rev;
  }

  /** The attribution's allocations as of a revision, in creation order. */
  allocationsAt(attr: Attribution, rev: number): { seq: number; allocation: RaAllocation }[] {
    return valuesAt(attr.allocations, rev);
  }

  // ------------------------------------------------------- allocation tasks

  startTask(
    attr: Attribution,
    input: { RevenueAttributionRevision: string; RevenueShareAllocations: RevenueShareAllocation[]; Description?: string },
  ): AllocationsTask {
    checkRevision(attr.latestRevision, input.RevenueAttributionRevision, `revenue attribution ${attr.Id}`);
    const running = this.runningTask(attr);
    if (running) {
      throw conflict("CONCURRENT_MODIFICATION", `Allocations task ${running.TaskId} is already in progress on ${attr.Id}`);
    }
    const task: AllocationsTask = {
      TaskId: `raatask-${randomId(13)}`,
      Status: "IN_PROGRESS",
      Catalog: attr.Catalog,
      RevenueAttributionArn: attr.Arn,
      StartedAt: this.ctx.now(),
      TotalRevenueAttributionAllocationRecords: input.RevenueShareAllocations.length,
      Description: input.Description,
      items: input.RevenueShareAllocations.map((item) => ({ ...item })),
    };
    attr.tasks.push(task);
    if (Number.isFinite(this.ctx.options.taskDurationMs)) {
      const timer = setTimeout(() => this.finishTask(attr, task), this.ctx.options.taskDurationMs);
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
    const { errors, results } = this.evaluateTask(attr, task.items, task.StartedAt);
    task.EndedAt = this.ctx.now();
    if (errors.length) {
      task.Status = "FAILED";
      task.ErrorDetailList = errors;
      return;
    }
    const rev = attr.latestRevision + 1;
    const now = this.ctx.now();
    for (const result of results) {
      const existing = attr.allocations.get(result.RevenueAttributionAllocationId);
      if (existing) existing.history.set(rev, { ...result, LastModifiedDate: now });
      else {
        const history = new History<RaAllocation>();
        history.set(rev, { ...result, CreatedDate: now, LastModifiedDate: now });
        attr.allocations.set(result.RevenueAttributionAllocationId, { seq: this.ctx.nextSeq(), history });
      }
    }
    attr.info.set(rev, { ...attr.info.latest, LastModifiedDate: now });
    attr.latestRevision = rev;
    task.Status = "COMPLETE";
    task.RevenueAttributionLatestRevision = String(rev);
  }

  /**
   * Checks a batch against the business rules, as of the task's start (`at`, UTC), and computes the
   * allocations it would leave. The published rules (AWS Partner Central developer guide) and the emulator's reading
   * where the guide names no code:
   * - UPDATE of an id the attribution does not hold: RESOURCE_NOT_FOUND;
   * - UPDATE that changes the entity or customer account: INVALID_VALUE (emulator's reading);
   * - UPDATE that changes a closed month (before the current month, except last month until the 7th,
   *   see {@link editWindowOn}): IMMUTABLE_ALLOCATION;
   * - CREATE whose EffectiveFrom is before the current month: INVALID_VALUE (inferred: the guide
   *   refuses such entries without naming a code);
   * - two ACTIVE entries of the attribution for the same entity and customer account with
   *   overlapping periods: INVALID_VALUE, on the later record (emulator's reading);
   * - ACTIVE percents of the attribution above 100 in a billing month: ALLOCATION_CAP_EXCEEDED on
   *   the records that take the month over, in input order (see {@link MonthlyCap}).
   * A record fails with its first broken rule, in that order.
   */
  evaluateTask(
    attr: Attribution,
    items: readonly RevenueShareAllocation[],
    at: Date = this.ctx.now(),
  ): { errors: RevenueAttributionAllocationErrorDetail[]; results: RaAllocation[] } {
    const window = editWindowOn(at);
    const failures = new Map<number, RevenueAttributionAllocationErrorDetail>();
    const fail = (index: number, code: string, message: string): void => {
      if (!failures.has(index)) failures.set(index, errorDetailOf(items[index]!, code, message));
    };
    const stored = new Map<string, RaAllocation>();
    for (const { allocation } of this.allocationsAt(attr, attr.latestRevision)) {
      stored.set(allocation.RevenueAttributionAllocationId, allocation);
    }
    // The attribution as the batch would leave it, and the batch's records that passed so far.
    const tentative = new Map(stored);
    const touched: { index: number; result: RaAllocation }[] = [];
    const placeholderDate = new Date(0);

    // Rules of one record against the stored state: ids, the entity, the edit window.
    items.forEach((item, index) => {
      if (item.Action === "UPDATE") {
        const id = item.RevenueAttributionAllocationId ?? "";
        const current = tentative.get(id);
        if (!current) {
          fail(index, "RESOURCE_NOT_FOUND", `Allocation ${id} was not found in ${attr.Id}`);
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
        const closed = monthsChangedBy(current, result).filter((m) => !isUpdatable(window, m));
        if (closed.length) {
          fail(index, "IMMUTABLE_ALLOCATION", `Allocation ${id} would change ${closed.join(", ")}: ${closedReason(window)}`);
          return;
        }
        tentative.set(id, result);
        touched.push({ index, result });
      } else {
        const month = item.EffectiveFrom.slice(0, 7);
        if (month < window.currentMonth) {
          fail(
            index,
            "INVALID_VALUE",
            `A new allocation must start in the current month (${window.currentMonth}) or later; EffectiveFrom is ${item.EffectiveFrom}`,
          );
          return;
        }
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

    // Entries by entity and customer account: overlaps can only occur within one of these buckets.
    const keyOf = (a: RaAllocation) => `${a.EntityType}\u0000${a.EntityIdentifier}\u0000${a.CustomerAwsAccountId}`;
    const byKey = new Map<string, RaAllocation[]>();
    for (const allocation of tentative.values()) {
      const key = keyOf(allocation);
      const bucket = byKey.get(key);
      if (bucket) bucket.push(allocation);
      else byKey.set(key, [allocation]);
    }
    // A record refused from here on leaves the stored entry (if any) as it was.
    const refuse = (index: number, result: RaAllocation, code: string, message: string): void => {
      fail(index, code, message);
      const id = result.RevenueAttributionAllocationId;
      const before = stored.get(id);
      const bucket = byKey.get(keyOf(result))!;
      const at = bucket.indexOf(result);
      if (before) {
        tentative.set(id, before);
        bucket[at] = before;
      } else {
        tentative.delete(id);
        bucket.splice(at, 1);
      }
    };

    // Overlaps within the attribution: a clash between two records of the batch is reported on the later one.
    const inBatch = new Set(touched.map((t) => t.result));
    const checked = new Set<RaAllocation>();
    for (const { index, result } of touched) {
      checked.add(result);
      if (result.Status !== "ACTIVE") continue;
      const clash = byKey.get(keyOf(result))!.find(
        (other) =>
          other !== result &&
          other.Status === "ACTIVE" &&
          (!inBatch.has(other) || checked.has(other)) &&
          rangesOverlap(result.EffectiveFrom, result.EffectiveUntil, other.EffectiveFrom, other.EffectiveUntil),
      );
      if (clash) {
        const what = inBatch.has(clash) ? "another record of this batch" : `allocation ${clash.RevenueAttributionAllocationId}`;
        refuse(index, result, "INVALID_VALUE", `Overlaps ${what} (${clash.EffectiveFrom}..${clash.EffectiveUntil}) for the same entity and customer account`);
      }
    }

    // The cap per attribution and billing month: stored entries the batch leaves as they are, then
    // the batch's remaining records in input order.
    const cap = new MonthlyCap();
    const batchIds = new Set(touched.filter((t) => !failures.has(t.index)).map((t) => t.result.RevenueAttributionAllocationId));
    for (const allocation of tentative.values()) {
      if (!batchIds.has(allocation.RevenueAttributionAllocationId)) cap.addStored(allocation);
    }
    for (const { index, result } of touched) {
      if (failures.has(index)) continue;
      const over = cap.tryAdd(result);
      if (over) fail(index, "ALLOCATION_CAP_EXCEEDED", over);
    }

    const errors = [...failures.entries()].sort((a, b) => a[0] - b[0]).map(([, detail]) => detail);
    return { errors, results: errors.length ? [] : touched.map((t) => t.result) };
  }
}

/** Why a month is closed, for IMMUTABLE_ALLOCATION messages. */
function closedReason(window: EditWindow): string {
  return window.graceMonth
    ? `months before ${window.graceMonth} are closed (last month stays open until the 7th)`
    : `months before ${window.currentMonth} are closed (last month closed after the 7th)`;
}

/**
 * Pure parts of a submission's bookkeeping (no I/O): its chunks, which of its
 * changes an attribution's allocations already reflect, and which input
 * indexes a FAILED task's error details belong to.
 */
import { maskAccountId, maskAccountIds } from "../errors.js";
import type { RevenueAttributionAllocationErrorDetail, RevenueAttributionAllocationSummary, RevenueShareAllocation } from "../models.js";
import { allocationNaturalKey } from "../validation/allocations.js";

/** One chunk of a submission: the input indexes `first..last` that share a task. */
export interface Chunk {
  chunkIndex: number;
  first: number;
  last: number;
}

/** One task a submission still needs: its chunk and the indexes of the chunk's changes not yet applied. */
export interface PendingTask {
  chunkIndex: number;
  indexes: number[];
}

/** A change the attribution contradicts: another writer changed what this submission writes. */
export interface AllocationConflict {
  /** The input index, when the conflict is about one change. */
  index?: number;
  /** The stored allocation involved, when there is one. */
  RevenueAttributionAllocationId?: string;
  /** What contradicts the submission (account ids masked). */
  reason: string;
}

/**
 * Splits a submission into chunks of at most `chunkSize` consecutive changes,
 * in input order. A change that UPDATEs an allocation the current chunk
 * already updates starts a new chunk, so repeated UPDATEs of one allocation
 * land in different tasks, in input order.
 */
export function chunksOf(items: readonly RevenueShareAllocation[], chunkSize: number): Chunk[] {
  const chunks: Chunk[] = [];
  let updated = new Set<string>();
  items.forEach((item, index) => {
    const current = chunks[chunks.length - 1];
    const id = item.Action === "UPDATE" ? item.RevenueAttributionAllocationId : undefined;
    if (!current || current.last - current.first + 1 >= chunkSize || (id !== undefined && updated.has(id))) {
      chunks.push({ chunkIndex: chunks.length, first: index, last: index });
      updated = new Set();
    } else {
      current.last = index;
    }
    if (id !== undefined) updated.add(id);
  });
  return chunks;
}

const samePercent = (a: string, b: string): boolean => Number(a) === Number(b);

/** Whether the stored allocation holds the values the change writes. */
function holds(stored: RevenueAttributionAllocationSummary, item: RevenueShareAllocation): boolean {
  const status = item.Status ?? (item.Action === "CREATE" ? "ACTIVE" : undefined);
  return (
    samePercent(stored.RevenueSharePercent, item.RevenueSharePercent) &&
    stored.EffectiveFrom === item.EffectiveFrom &&
    stored.EffectiveUntil === item.EffectiveUntil &&
    (status === undefined || stored.Status === status)
  );
}

/**
 * Which changes the attribution's allocations already reflect:
 * - a CREATE is applied when an allocation with its entity type, entity id,
 *   customer account and period holds its percent and status; an ACTIVE one
 *   with other values is a conflict for an ACTIVE CREATE (the service would
 *   refuse the overlap too), an INACTIVE one is left alone;
 * - of the UPDATEs of one allocation (in input order), those up to the last
 *   one whose values the allocation holds are applied, the later ones are not.
 */
export function reconcile(
  items: readonly RevenueShareAllocation[],
  allocations: readonly RevenueAttributionAllocationSummary[],
): { applied: boolean[]; conflicts: AllocationConflict[] } {
  const byKey = new Map<string, RevenueAttributionAllocationSummary[]>();
  const byId = new Map<string, RevenueAttributionAllocationSummary>();
  for (const a of allocations) {
    const key = allocationNaturalKey(a.EntityType, a.EntityIdentifier, a.CustomerAwsAccountId, a.EffectiveFrom, a.EffectiveUntil);
    byKey.set(key, [...(byKey.get(key) ?? []), a]);
    byId.set(a.RevenueAttributionAllocationId, a);
  }
  const applied = items.map(() => false);
  const conflicts: AllocationConflict[] = [];
  const updatesOf = new Map<string, number[]>();
  items.forEach((item, index) => {
    if (item.Action === "UPDATE") {
      const id = item.RevenueAttributionAllocationId!;
      updatesOf.set(id, [...(updatesOf.get(id) ?? []), index]);
      return;
    }
    const key = allocationNaturalKey(item.EntityType, item.EntityIdentifier, item.CustomerAwsAccountId, item.EffectiveFrom, item.EffectiveUntil);
    const stored = byKey.get(key) ?? [];
    const active = stored.find((s) => s.Status === "ACTIVE");
    if (stored.some((s) => holds(s, item))) applied[index] = true;
    else if (active && (item.Status ?? "ACTIVE") === "ACTIVE") {
      const other = active;
      conflicts.push({
        index,
        RevenueAttributionAllocationId: other.RevenueAttributionAllocationId,
        reason:
          `allocation ${other.RevenueAttributionAllocationId} (customer account ${maskAccountId(item.CustomerAwsAccountId)}) ` +
          `is ACTIVE with RevenueSharePercent ${other.RevenueSharePercent}, not ${item.RevenueSharePercent}`,
      });
    }
  });
  for (const [id, indexes] of updatesOf) {
    const stored = byId.get(id);
    if (!stored) continue;
    let lastHeld = -1;
    indexes.forEach((index, n) => {
      if (holds(stored, items[index]!)) lastHeld = n;
    });
    for (let n = 0; n <= lastHeld; n++) applied[indexes[n]!] = true;
  }
  return { applied, conflicts };
}

/** The tasks still needed: each chunk with its changes not yet applied, chunks with none left out. */
export function pendingTasks(chunks: readonly Chunk[], applied: readonly boolean[]): PendingTask[] {
  const out: PendingTask[] = [];
  for (const chunk of chunks) {
    const indexes: number[] = [];
    for (let i = chunk.first; i <= chunk.last; i++) if (!applied[i]) indexes.push(i);
    if (indexes.length) out.push({ chunkIndex: chunk.chunkIndex, indexes });
  }
  return out;
}

/** One change of a FAILED task, by input index, with the service's reason. */
export interface FailedAllocation {
  /** Index in `RevenueShareAllocations`. */
  index: number;
  /** The FAILED task. */
  TaskId: string;
  /** The service's code, e.g. `ALLOCATION_CAP_EXCEEDED`. */
  ErrorCode: string;
  /** The service's message (account ids masked). */
  ErrorMessage: string;
}

const detailKey = (d: {
  Action?: string;
  RevenueAttributionAllocationId?: string;
  EntityType?: string;
  EntityId?: string;
  CustomerAwsAccountId?: string;
  EffectiveFrom?: string;
  EffectiveUntil?: string;
}): string =>
  d.Action === "UPDATE"
    ? `U\u0000${d.RevenueAttributionAllocationId ?? ""}`
    : `C\u0000${allocationNaturalKey(d.EntityType, d.EntityId, d.CustomerAwsAccountId, d.EffectiveFrom, d.EffectiveUntil)}`;

/**
 * Maps a FAILED task's error details to the input indexes it carried (an
 * UPDATE by allocation id, a CREATE by entity, customer account and period:
 * unique within one task). A detail that matches no change is left out (the
 * task's own error still counts it in `failureCounts`).
 */
export function mapFailures(
  items: readonly RevenueShareAllocation[],
  indexes: readonly number[],
  TaskId: string,
  details: readonly RevenueAttributionAllocationErrorDetail[],
): FailedAllocation[] {
  const byKey = new Map<string, number>();
  for (const index of indexes) {
    const item = items[index]!;
    byKey.set(detailKey({ ...item, EntityId: item.EntityIdentifier }), index);
  }
  const failed: FailedAllocation[] = [];
  for (const d of details) {
    const index = byKey.get(detailKey(d));
    if (index === undefined) continue;
    failed.push({ index, TaskId, ErrorCode: String(d.ErrorCode), ErrorMessage: maskAccountIds(String(d.ErrorMessage ?? "")) });
  }
  return failed.sort((a, b) => a.index - b.index);
}

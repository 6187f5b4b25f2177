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

/**
 * A change the attribution contradicts, or (with a base revision) an
 * allocation another writer changed. `reason` names the values that differ;
 * `advice` is a recovery that works when followed.
 */
export interface AllocationConflict {
  /** The input index, when the conflict is about one change. */
  index?: number;
  /** The stored allocation involved, when there is one. */
  RevenueAttributionAllocationId?: string;
  /** What contradicts the submission, with the differing values (account ids masked). */
  reason: string;
  /** What to do about it. */
  advice: string;
  /** The caller's label of the row (`labels[index]`), when given. */
  label?: string;
}

/** What a reconciliation compares: the allocations now and, when the submission has one, at its base revision. */
export interface ReconcileState {
  /** The attribution's allocations at the revision read. */
  now: readonly RevenueAttributionAllocationSummary[];
  /** The allocations at the submission's base revision (given, or from its own latest task's marker). */
  base?: readonly RevenueAttributionAllocationSummary[];
  /** The base revision `base` was read at (for messages). */
  baseRevision?: string;
  /** The revision `now` was read at (for messages and advice). */
  revision?: string;
  /**
   * True when the caller gave the base revision: every allocation change
   * since then must come from this submission. With a base found in a marker
   * only the allocations the submission writes are compared.
   */
  strictBase?: boolean;
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

/** The status a change writes (a CREATE defaults to ACTIVE; an UPDATE without one keeps the stored status). */
const statusOf = (item: RevenueShareAllocation): string | undefined => item.Status ?? (item.Action === "CREATE" ? "ACTIVE" : undefined);

/** The values of a change that differ from a stored allocation, as `Name stored (row: wanted)`; empty when it holds them. */
function differences(stored: RevenueAttributionAllocationSummary, item: RevenueShareAllocation): string[] {
  const out: string[] = [];
  if (!samePercent(stored.RevenueSharePercent, item.RevenueSharePercent)) {
    out.push(`RevenueSharePercent ${stored.RevenueSharePercent} (row: ${item.RevenueSharePercent})`);
  }
  if (stored.EffectiveFrom !== item.EffectiveFrom) out.push(`EffectiveFrom ${stored.EffectiveFrom} (row: ${item.EffectiveFrom})`);
  if (stored.EffectiveUntil !== item.EffectiveUntil) out.push(`EffectiveUntil ${stored.EffectiveUntil} (row: ${item.EffectiveUntil})`);
  const status = statusOf(item);
  if (status !== undefined && stored.Status !== status) out.push(`Status ${stored.Status} (row: ${status})`);
  return out;
}

/** Whether two stored versions of an allocation hold the same values. */
const sameValues = (a: RevenueAttributionAllocationSummary, b: RevenueAttributionAllocationSummary): boolean =>
  samePercent(a.RevenueSharePercent, b.RevenueSharePercent) &&
  a.EffectiveFrom === b.EffectiveFrom &&
  a.EffectiveUntil === b.EffectiveUntil &&
  a.Status === b.Status;

const keyOf = (a: { EntityType?: string; EntityIdentifier?: string; CustomerAwsAccountId?: string; EffectiveFrom?: string; EffectiveUntil?: string }) =>
  allocationNaturalKey(a.EntityType, a.EntityIdentifier, a.CustomerAwsAccountId, a.EffectiveFrom, a.EffectiveUntil);

const valuesText = (a: { RevenueSharePercent: string; Status?: string }) => `${a.RevenueSharePercent}% ${a.Status ?? "(status unchanged)"}`;

/**
 * Which changes the attribution already reflects, by content (natural key =
 * entity type, entity id, customer account and period; values = percent and
 * status), and what contradicts the submission:
 * - a CREATE is applied when an allocation with its natural key holds its
 *   values; any other allocation with that key is a conflict (creating it
 *   again would store the pair twice), advising to remove the row or to turn
 *   it into an UPDATE of that allocation;
 * - of the UPDATEs of one allocation (in input order), those up to the last
 *   one whose values it holds are applied; when it holds none of them and
 *   changed since the base (when one is known), another writer wrote it: a
 *   conflict;
 * - with a base the caller gave (`strictBase`), any other allocation that
 *   changed since the base and that this submission does not write is a
 *   conflict.
 * Only allocations are compared: revision bumps of attribution metadata or
 * tags never conflict.
 */
export function reconcile(
  items: readonly RevenueShareAllocation[],
  state: ReconcileState | readonly RevenueAttributionAllocationSummary[],
): { applied: boolean[]; conflicts: AllocationConflict[]; allocationIds: (string | undefined)[] } {
  const { now, base, baseRevision, revision, strictBase }: ReconcileState = Array.isArray(state)
    ? { now: state as readonly RevenueAttributionAllocationSummary[] }
    : (state as ReconcileState);
  const byKey = new Map<string, RevenueAttributionAllocationSummary[]>();
  const byId = new Map<string, RevenueAttributionAllocationSummary>();
  for (const a of now) {
    const key = keyOf(a);
    byKey.set(key, [...(byKey.get(key) ?? []), a]);
    byId.set(a.RevenueAttributionAllocationId, a);
  }
  const baseById = new Map((base ?? []).map((a) => [a.RevenueAttributionAllocationId, a]));
  const applied = items.map(() => false);
  const allocationIds: (string | undefined)[] = items.map((item) => (item.Action === "UPDATE" ? item.RevenueAttributionAllocationId : undefined));
  const conflicts: AllocationConflict[] = [];
  const written = new Set<string>(); // ids of the allocations this submission writes
  const updatesOf = new Map<string, number[]>();
  const callAgainWithCurrent = `call again with RevenueAttributionRevision "${revision ?? "<the current revision>"}"`;
  items.forEach((item, index) => {
    if (item.Action === "UPDATE") {
      const id = item.RevenueAttributionAllocationId!;
      updatesOf.set(id, [...(updatesOf.get(id) ?? []), index]);
      return;
    }
    const stored = byKey.get(keyOf(item)) ?? [];
    stored.forEach((a) => written.add(a.RevenueAttributionAllocationId));
    const holding = stored.find((a) => differences(a, item).length === 0);
    if (holding) {
      applied[index] = true;
      allocationIds[index] = holding.RevenueAttributionAllocationId;
      return;
    }
    const other = stored[0];
    if (!other) return;
    const id = other.RevenueAttributionAllocationId;
    conflicts.push({
      index,
      RevenueAttributionAllocationId: id,
      reason:
        `a CREATE of an allocation the attribution already holds: allocation ${id} (customer account ` +
        `${maskAccountId(item.CustomerAwsAccountId)}, ${item.EffectiveFrom}..${item.EffectiveUntil}) has ${differences(other, item).join(", ")}`,
      advice:
        `to keep the stored values, remove row ${index} from the list; to write the row's, make it an UPDATE ` +
        `(Action "UPDATE", RevenueAttributionAllocationId "${id}", Status "${statusOf(item)}"); then call again`,
    });
  });
  for (const [id, indexes] of updatesOf) {
    written.add(id);
    const stored = byId.get(id);
    if (!stored) continue; // an id the attribution does not hold: the service judges it
    let lastHeld = -1;
    indexes.forEach((index, n) => {
      if (differences(stored, items[index]!).length === 0) lastHeld = n;
    });
    for (let n = 0; n <= lastHeld; n++) applied[indexes[n]!] = true;
    const atBase = baseById.get(id);
    if (lastHeld === -1 && atBase && !sameValues(atBase, stored)) {
      conflicts.push({
        index: indexes[0]!,
        RevenueAttributionAllocationId: id,
        reason:
          `allocation ${id} (customer account ${maskAccountId(stored.CustomerAwsAccountId)}) changed since base revision ` +
          `${baseRevision} from ${valuesText(atBase)} to ${valuesText(stored)}, which no UPDATE of it in this submission writes (` +
          indexes.map((i) => `row ${i}: ${valuesText({ RevenueSharePercent: items[i]!.RevenueSharePercent, Status: statusOf(items[i]!) })}`).join(", ") +
          `): another writer changed it`,
        advice: `to keep the other writer's values, remove row ${indexes.join(", ")} from the list; to overwrite them, ${callAgainWithCurrent}`,
      });
    }
  }
  if (base && strictBase) {
    const review = `review it; to apply this submission on top of it, ${callAgainWithCurrent}`;
    for (const a of now) {
      const id = a.RevenueAttributionAllocationId;
      const before = baseById.get(id);
      if (written.has(id) || (before && sameValues(before, a))) continue;
      const what = `allocation ${id} (customer account ${maskAccountId(a.CustomerAwsAccountId)}, ${a.EffectiveFrom}..${a.EffectiveUntil})`;
      conflicts.push({
        RevenueAttributionAllocationId: id,
        reason: before
          ? `${what} changed since base revision ${baseRevision} from ${valuesText(before)} to ${valuesText(a)}, not by this submission`
          : `${what} was created (${valuesText(a)}) since base revision ${baseRevision}, not by this submission`,
        advice: review,
      });
    }
    for (const id of baseById.keys()) {
      if (byId.has(id) || written.has(id)) continue;
      conflicts.push({ RevenueAttributionAllocationId: id, reason: `allocation ${id} is gone since base revision ${baseRevision}`, advice: review });
    }
  }
  return { applied, conflicts, allocationIds };
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
  /** The caller's label of the row (`labels[index]`), when given. */
  label?: string;
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

/** The same entries with the caller's label of each row (`labels[index]`) added, when there is one. */
export function withLabels<T extends { index?: number; label?: string }>(entries: readonly T[], labels: readonly (string | undefined)[] | undefined): T[] {
  if (!labels) return [...entries];
  return entries.map((e) => {
    const label = e.index === undefined ? undefined : labels[e.index];
    return label === undefined ? e : { ...e, label };
  });
}

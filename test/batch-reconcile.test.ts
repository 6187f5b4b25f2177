/** The pure bookkeeping of a submission: chunks, reconciliation, FAILED details by index, index ranges. */
import { describe, expect, it } from "vitest";
import { toRanges } from "../src/batch/ranges.js";
import { chunksOf, mapFailures, pendingTasks, reconcile } from "../src/batch/reconcile.js";
import type { RevenueAttributionAllocationSummary, RevenueShareAllocation } from "../src/index.js";
import { errorDetailOf } from "../src/testing/state/attributions.js";
import { rows, updateOf } from "./helpers/batch-rows.js";

/** The allocation a CREATE of `item` leaves (as listed), with `extra` changes. */
const storedOf = (item: RevenueShareAllocation, id: string, extra: Partial<RevenueAttributionAllocationSummary> = {}): RevenueAttributionAllocationSummary => {
  const { Action: _action, ...values } = item;
  return { ...values, RevenueAttributionAllocationId: id, RevenueAttributionIdentifier: "ra-aaaaaaaaaaaaa", Status: item.Status ?? "ACTIVE", ...extra };
};

describe("chunksOf", () => {
  it("cuts at chunkSize and before a second UPDATE of one allocation", () => {
    const [a, b, c, d, e] = rows(5);
    const stored = storedOf(a!, "alloc-aaaaaaaaaaaaa");
    const list = [updateOf(stored, "11"), b!, c!, updateOf(stored, "12"), d!, e!];
    expect(chunksOf(list, 3)).toEqual([
      { chunkIndex: 0, first: 0, last: 2 },
      { chunkIndex: 1, first: 3, last: 5 },
    ]);
    expect(chunksOf(list, 250).map((c) => [c.first, c.last])).toEqual([[0, 2], [3, 5]]);
    expect(chunksOf(rows(600), 250).map((c) => [c.first, c.last])).toEqual([[0, 249], [250, 499], [500, 599]]);
  });
});

describe("reconcile", () => {
  it("finds CREATEs by entity, account and period with equal values, and names a stored one with other values (ACTIVE or not)", () => {
    const [a, b, c, d] = rows(4);
    const { applied, conflicts } = reconcile(
      [a!, b!, c!, d!],
      [
        storedOf(a!, "alloc-aaaaaaaaaaaaa", { RevenueSharePercent: `0${a!.RevenueSharePercent}` }), // same value, other spelling ("00.01")
        storedOf(b!, "alloc-bbbbbbbbbbbbb", { RevenueSharePercent: "99" }),
        storedOf(c!, "alloc-ccccccccccccc", { RevenueSharePercent: "99", Status: "INACTIVE" }),
      ],
    );
    expect(applied).toEqual([true, false, false, false]);
    expect(conflicts).toEqual([
      { index: 1, RevenueAttributionAllocationId: "alloc-bbbbbbbbbbbbb", reason: expect.stringContaining(`RevenueSharePercent 99 (row: ${b!.RevenueSharePercent})`), advice: expect.stringContaining("remove row 1") },
      {
        index: 2,
        RevenueAttributionAllocationId: "alloc-ccccccccccccc",
        reason: expect.stringContaining(`RevenueSharePercent 99 (row: ${c!.RevenueSharePercent}), Status INACTIVE (row: ACTIVE)`),
        advice: expect.stringContaining('make it an UPDATE (Action "UPDATE", RevenueAttributionAllocationId "alloc-ccccccccccccc", Status "ACTIVE")'),
      },
    ]);
    expect(conflicts[0]!.reason).toContain("********0001");
    expect(conflicts[0]!.reason).not.toContain(b!.CustomerAwsAccountId);
  });

  it("counts the UPDATEs of one allocation as applied up to the last one whose values it holds", () => {
    const stored = storedOf(rows(1)[0]!, "alloc-aaaaaaaaaaaaa");
    const list = [updateOf(stored, "20"), updateOf(stored, "30"), updateOf(stored, "40")];
    const at = (percent: string) => reconcile(list, [{ ...stored, RevenueSharePercent: percent }]).applied;
    expect(at("30")).toEqual([true, true, false]);
    expect(at("40")).toEqual([true, true, true]);
    expect(at("55")).toEqual([false, false, false]);
    expect(pendingTasks(chunksOf(list, 250), at("30"))).toEqual([{ chunkIndex: 2, indexes: [2] }]);
  });
});

describe("reconcile with a base revision", () => {
  const [a, b, c] = rows(3);
  const storedA = storedOf(a!, "alloc-aaaaaaaaaaaaa");
  const theirs = storedOf(c!, "alloc-ccccccccccccc");

  it("a CREATE stored INACTIVE where the row is ACTIVE, or ACTIVE where the row is INACTIVE, is a conflict at the row", () => {
    expect(reconcile([a!], [{ ...storedA, Status: "INACTIVE" }]).conflicts).toEqual([
      expect.objectContaining({ index: 0, reason: expect.stringContaining("Status INACTIVE (row: ACTIVE)") }),
    ]);
    expect(reconcile([{ ...a!, Status: "INACTIVE" }], [storedA]).conflicts).toEqual([
      expect.objectContaining({ index: 0, reason: expect.stringContaining("Status ACTIVE (row: INACTIVE)") }),
    ]);
  });

  it("metadata-only revisions (same allocations at base and now) make no conflict; with a caller's base, others' allocation changes do", () => {
    const list = [a!, b!];
    const same = reconcile(list, { now: [storedA, theirs], base: [theirs], baseRevision: "2", revision: "5", strictBase: true });
    expect(same).toMatchObject({ applied: [true, false], conflicts: [] });
    const changed = reconcile(list, { now: [storedA, { ...theirs, RevenueSharePercent: "40" }], base: [theirs], baseRevision: "2", revision: "5", strictBase: true });
    expect(changed.conflicts).toEqual([
      {
        RevenueAttributionAllocationId: "alloc-ccccccccccccc",
        reason: expect.stringContaining(`from ${c!.RevenueSharePercent}% ACTIVE to 40% ACTIVE, not by this submission`),
        advice: expect.stringContaining('RevenueAttributionRevision "5"'),
      },
    ]);
    const created = reconcile(list, { now: [storedA, theirs], base: [], baseRevision: "2", revision: "5", strictBase: true });
    expect(created.conflicts).toEqual([expect.objectContaining({ reason: expect.stringContaining("was created") })]);
    const gone = reconcile(list, { now: [storedA], base: [theirs], baseRevision: "2", revision: "5", strictBase: true });
    expect(gone.conflicts).toEqual([expect.objectContaining({ reason: expect.stringContaining("is gone since base revision 2") })]);
    // A base from the submission's own marker compares only the allocations the submission writes.
    expect(reconcile(list, { now: [storedA, { ...theirs, RevenueSharePercent: "40" }], base: [theirs], baseRevision: "2", revision: "5" }).conflicts).toEqual([]);
  });

  it("an UPDATE whose allocation changed since the base to values none of its rows write is a conflict; unchanged, it is to do", () => {
    const list = [updateOf(storedA, "20"), updateOf(storedA, "30")];
    const moved = reconcile(list, { now: [{ ...storedA, RevenueSharePercent: "55" }], base: [storedA], baseRevision: "2", revision: "4" });
    expect(moved.conflicts).toEqual([expect.objectContaining({ index: 0, advice: expect.stringContaining("remove row 0, 1") })]);
    expect(reconcile(list, { now: [storedA], base: [storedA], baseRevision: "2", revision: "4" })).toMatchObject({ applied: [false, false], conflicts: [] });
    expect(reconcile(list, { now: [{ ...storedA, RevenueSharePercent: "20" }], base: [storedA], baseRevision: "2", revision: "4" })).toMatchObject({
      applied: [true, false],
      conflicts: [],
    });
  });
});

describe("mapFailures", () => {
  it("maps error details to the input indexes of the task, by UPDATE id or by CREATE key", () => {
    const list = rows(6);
    list[4] = updateOf(storedOf(list[4]!, "alloc-eeeeeeeeeeeee"), "70");
    const detail = (item: RevenueShareAllocation, code: string) => errorDetailOf(item, code, `no for ${item.CustomerAwsAccountId}`);
    const failed = mapFailures(list, [3, 4, 5], "raatask-aaaaaaaaaaaaa", [
      detail(list[4]!, "IMMUTABLE_ALLOCATION"),
      detail(list[3]!, "ALLOCATION_CAP_EXCEEDED"),
      detail(list[0]!, "INVALID_VALUE"), // not in this task: left out
    ]);
    expect(failed).toEqual([
      { index: 3, TaskId: "raatask-aaaaaaaaaaaaa", ErrorCode: "ALLOCATION_CAP_EXCEEDED", ErrorMessage: "no for ********0003" },
      { index: 4, TaskId: "raatask-aaaaaaaaaaaaa", ErrorCode: "IMMUTABLE_ALLOCATION", ErrorMessage: "no for ********0004" },
    ]);
  });
});

describe("toRanges", () => {
  it("merges indexes into sorted inclusive ranges", () => {
    expect(toRanges([5, 1, 2, 3, 9, 8, 3])).toEqual([{ first: 1, last: 3 }, { first: 5, last: 5 }, { first: 8, last: 9 }]);
    expect(toRanges([])).toEqual([]);
  });
});

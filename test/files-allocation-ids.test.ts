/**
 * Issue 21 stretch (a): `applyAllocationsFile` takes the created allocations' ids from `submitAllocations`
 * (`allocationIds`) and lists the attribution only for committed CREATEs the batch could not return an id for
 * (it threw before reading them back); not in the second a deadline leaves (the next run fills them).
 */
import { describe, expect, it } from "vitest";
import { CreateRevenueAttributionCommand } from "../src/index.js";
import { submitAllocations } from "../src/batch/index.js";
import { applyAllocationsFile, type AllocationChanges } from "../src/files/index.js";
import { rows } from "./helpers/batch-rows.js";
import { FAST_POLL, FAST_WAIT, useEmulator } from "./helpers/emulator-suite.js";

const suite = useEmulator({ taskDurationMs: 5 });
const newAttribution = async (name: string) =>
  (await suite.client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: name, TenancyModel: "MULTI_TENANT" }))).Id;
const lists = () => suite.emulator.inspect().requests.byOperation.ListRevenueAttributionAllocations ?? 0;
const changesOf = (list: AllocationChanges["rows"]): AllocationChanges => ({ format: "csv", rows: list, lines: list.map((_row, i) => i + 2) });
/** The stored allocation id of each row, found by its entity id (unique per row here). */
const storedIds = (attribution: string, list: AllocationChanges["rows"]) => {
  const stored = suite.emulator.inspect().revenueAttributions.find((a) => a.Id === attribution)!.Allocations;
  return list.map((row) => stored.find((a) => a.EntityIdentifier === row.EntityIdentifier)?.RevenueAttributionAllocationId);
};

describe("applyAllocationsFile's allocation ids", () => {
  it("come from submitAllocations: the apply lists the attribution no more than the batch helper alone does", async () => {
    const list = rows(300, "ids");
    const alone = await newAttribution("batch alone");
    const before = lists();
    await submitAllocations({ client: suite.client, ...FAST_WAIT }, { Catalog: "AWS", RevenueAttributionIdentifier: alone, RevenueShareAllocations: list });
    const listsOfTheBatch = lists() - before;

    const viaFile = await newAttribution("via a file");
    const beforeFile = lists();
    const outcome = await applyAllocationsFile({ client: suite.client, ...FAST_POLL }, { Catalog: "AWS", RevenueAttributionIdentifier: viaFile, changes: changesOf(list) });
    expect(lists() - beforeFile).toBe(listsOfTheBatch);
    expect(outcome.counts.applied).toBe(300);
    expect(outcome.results.map((r) => r.RevenueAttributionAllocationId)).toEqual(storedIds(viaFile, list));
    expect(outcome.results.every((r) => r.RevenueAttributionAllocationId !== undefined)).toBe(true);
  });

  it("are not listed in the second the deadline leaves; the next run, which resumes, fills them", async () => {
    const list = rows(20, "late");
    const attribution = await newAttribution("deadline");
    let leftMs = 60_000;
    const listsBefore = lists();
    const outcome = await applyAllocationsFile(
      {
        client: suite.client,
        ...FAST_POLL,
        deadline: () => leftMs,
        // Once the last task is COMPLETE, leave less than the 1 s the batch helper keeps for returning: it
        // resolves without reading the created ids back, and the apply does not list them either (a large
        // attribution's listing could outlast the deadline, and the results must still be written).
        onProgress: (p) => {
          if (p.recordsCommitted === p.recordsTotal) leftMs = 500;
        },
      },
      { Catalog: "AWS", RevenueAttributionIdentifier: attribution, changes: changesOf(list) },
    );
    expect(outcome.counts.applied).toBe(20);
    expect(outcome.results.map((r) => r.RevenueAttributionAllocationId)).toEqual(list.map(() => undefined));
    const listsOfFirstRun = lists() - listsBefore;
    const again = await applyAllocationsFile({ client: suite.client, ...FAST_POLL }, { Catalog: "AWS", RevenueAttributionIdentifier: attribution, changes: changesOf(list) });
    expect(again.counts["already applied"]).toBe(20);
    expect(again.results.map((r) => r.RevenueAttributionAllocationId)).toEqual(storedIds(attribution, list));
    expect(again.results.every((r) => r.RevenueAttributionAllocationId !== undefined)).toBe(true);
    expect(listsOfFirstRun).toBeLessThanOrEqual(1); // the batch helper's own reading, never a listing for ids after it
  });
});

/**
 * The waiter and the batch helper against the local emulator over real HTTP
 * (real timers; tasks run 10 ms and the waiter polls every 5..20 ms).
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  AllocationsTaskFailedError,
  CreateRevenueAttributionCommand,
  PartnerCentralRevenueMeasurementClient,
  StartRevenueAttributionAllocationsTaskCommand,
  waitUntilAllocationsTaskComplete,
  type RevenueShareAllocation,
} from "../src/index.js";
import { AllocationsSubmissionError, submitAllocations } from "../src/batch/index.js";
import type { Emulator } from "../src/testing/index.js";
import { allocation } from "./helpers/allocations-script.js";
import { FAST_POLL, FAST_WAIT as fast, useEmulator } from "./helpers/emulator-suite.js";
import { inTwo } from "./helpers/two-arguments.js";

const suite = useEmulator({ taskDurationMs: 10 });
let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
let attribution: string;
const clientSettings = () => ({ endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials });
const items = (n: number): RevenueShareAllocation[] => Array.from({ length: n }, (_, i) => allocation(i) as unknown as RevenueShareAllocation);

beforeEach(async () => {
  ({ emulator, client } = suite);
  emulator.reset();
  const created = await client.send(
    new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "batch test", TenancyModel: "MULTI_TENANT" }),
  );
  attribution = created.Id;
});

describe("against the emulator", () => {
  it("waits for a started task and returns its new revision", async () => {
    const started = await client.send(
      new StartRevenueAttributionAllocationsTaskCommand({
        Catalog: "AWS",
        RevenueAttributionIdentifier: attribution,
        RevenueAttributionRevision: "1",
        RevenueShareAllocations: items(3),
      }),
    );
    const polls: string[] = [];
    const task = await waitUntilAllocationsTaskComplete(
      { client, ...FAST_POLL, onPoll: (t) => polls.push(t.Status) },
      { Catalog: "AWS", RevenueAttributionIdentifier: attribution, TaskId: started.TaskId },
    );
    expect(task.Status).toBe("COMPLETE");
    expect(task.RevenueAttributionLatestRevision).toBe("2");
    expect(polls.at(-1)).toBe("COMPLETE");
  });

  it("commits 600 changes in three chained tasks", async () => {
    const result = await submitAllocations(
      { client, ...fast },
      { Catalog: "AWS", RevenueAttributionIdentifier: attribution, RevenueShareAllocations: items(600) },
    );
    expect(result.tasks.map((t) => t.TotalRevenueAttributionAllocationRecords)).toEqual([250, 250, 100]);
    expect(result.revision).toBe("4");
    const snapshot = emulator.inspect().revenueAttributions.find((a) => a.Id === attribution)!;
    expect(snapshot.LatestRevision).toBe("4");
    expect(snapshot.Allocations).toHaveLength(600);
  });

  it("stops at a FAILED middle task, naming its failed records by absolute index; the identical call then continues", async () => {
    const list = items(600);
    list[417] = { ...list[417]!, Action: "UPDATE", RevenueAttributionAllocationId: "alloc-doesnotexist1" };
    const input = { Catalog: "AWS", RevenueAttributionIdentifier: attribution, RevenueShareAllocations: list } as const;
    // The unknown id is caught before the network with local validation on: off, the service's task judges it.
    const unchecked = new PartnerCentralRevenueMeasurementClient({ ...clientSettings(), validation: false });
    const error = await submitAllocations(...inTwo(unchecked, input)).catch((e: unknown) => e);
    unchecked.destroy();
    expect(error).toBeInstanceOf(AllocationsSubmissionError);
    const e = error as AllocationsSubmissionError;
    expect(e.cause).toBeInstanceOf(AllocationsTaskFailedError);
    expect((e.cause as AllocationsTaskFailedError).failureCounts).toEqual({ RESOURCE_NOT_FOUND: 1 });
    expect(e.failed).toEqual([
      { index: 417, TaskId: e.taskId, ErrorCode: "RESOURCE_NOT_FOUND", ErrorMessage: expect.stringContaining("alloc-doesnotexist1") },
    ]);
    expect(e.committed).toEqual([{ first: 0, last: 249 }]);
    expect(e.inDoubt).toEqual([]);
    expect(e.notApplied).toEqual([
      { first: 250, last: 416 },
      { first: 418, last: 599 },
    ]);
    expect(e.revision).toBe("2");
    expect(e.message).toContain("Failed (1): RevenueShareAllocations[417] RESOURCE_NOT_FOUND: Allocation alloc-doesnotexist1 was not found");
    // The report matches the emulator: exactly the committed indexes are stored.
    const stored = () => emulator.inspect().revenueAttributions.find((a) => a.Id === attribution)!.Allocations;
    expect(stored().map((a) => a.EntityIdentifier).sort()).toEqual(list.slice(0, 250).map((a) => a.EntityIdentifier).sort());
    // As data, in JSON too.
    const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: "AllocationsSubmissionError", failed: [{ index: 417 }], committed: [{ first: 0, last: 249 }] });
    expect(json.cause).toMatchObject({ name: "AllocationsTaskFailedError", message: expect.stringContaining("FAILED") });

    // Fixed: the row is corrected; the corrected call continues from the stored state.
    list[417] = items(600)[417]!;
    const result = await submitAllocations({ client }, { ...input, RevenueShareAllocations: list });
    expect(result).toMatchObject({ finished: true, committed: [{ first: 0, last: 599 }], alreadyApplied: [{ first: 0, last: 249 }] });
    expect(result.tasks.map((t) => t.TotalRevenueAttributionAllocationRecords)).toEqual([250, 100]);
    expect(stored()).toHaveLength(600);
  });
});

/**
 * Issue 22, row by row: a resume that never gets stuck and never stores a row
 * twice. Each test drives the situation against the emulator over real HTTP
 * (a run "stopped" after a chunk is a run whose onProgress threw, as a killed
 * process leaves the same state: the crash suite covers the kills), then
 * follows the advice the SDK gives and checks the stored state.
 */
import { inspect } from "node:util";
import { beforeEach, describe, expect, it, onTestFinished } from "vitest";
import type { Emulator } from "../src/testing/index.js";
import {
  ClientValidationError,
  InvalidConfigurationError,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementError,
  StartRevenueAttributionAllocationsTaskCommand,
  UpdateRevenueAttributionCommand,
  waitUntilAllocationsTaskComplete,
  type RevenueShareAllocation,
} from "../src/index.js";
import {
  AllocationsConflictError,
  AllocationsSubmissionError,
  planAllocations,
  submitAllocations,
} from "../src/batch/index.js";
import { rows, storedCounts, updateOf } from "./helpers/batch-rows.js";
import { useAttributionSuite } from "./helpers/batch-suite.js";
import { FAST_POLL, FAST_WAIT as fast } from "./helpers/emulator-suite.js";
import { inTwo } from "./helpers/two-arguments.js";

const suite = useAttributionSuite({ attribution: "content", taskDurationMs: 5 });
let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
let attribution: string;
const START = "StartRevenueAttributionAllocationsTask";

beforeEach(() => {
  ({ emulator, client, attribution } = suite);
});

const stored = () => suite.stored();
const starts = () => emulator.inspect().requests.byOperation[START] ?? 0;
const input = (list: RevenueShareAllocation[], extra: Record<string, unknown> = {}) => ({
  Catalog: "AWS" as const,
  RevenueAttributionIdentifier: attribution,
  RevenueShareAllocations: list,
  ...fast,
  ...extra,
});
const stopAfterFirstTask = () => {
  throw new Error("stopped after the first task");
};
async function rejected<T>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}
/** Another writer's allocations task, run to its end. */
async function otherWriterTask(changes: RevenueShareAllocation[]): Promise<void> {
  const started = await client.send(
    new StartRevenueAttributionAllocationsTaskCommand({
      Catalog: "AWS",
      RevenueAttributionIdentifier: attribution,
      RevenueAttributionRevision: stored().LatestRevision,
      RevenueShareAllocations: changes,
    }),
  );
  await waitUntilAllocationsTaskComplete({ client, ...FAST_POLL }, { Catalog: "AWS", RevenueAttributionIdentifier: attribution, TaskId: started.TaskId });
}
/**
 * A client without local checks: the tests that need a task to FAILED use an UPDATE of an id the attribution does
 * not hold, which the preflight rules (when on) catch before any start; the service is the judge here.
 */
function looseClient(): PartnerCentralRevenueMeasurementClient {
  const { endpoint, region, credentials } = emulator;
  const loose = new PartnerCentralRevenueMeasurementClient({ endpoint, region, credentials, validation: false });
  onTestFinished(() => loose.destroy());
  return loose;
}
const storedOf = (item: RevenueShareAllocation) => stored().Allocations.find((a) => a.EntityIdentifier === item.EntityIdentifier)!;

describe("row 1: revision bumps that are not allocation tasks", () => {
  for (const base of [undefined, "1"]) {
    it(`an UpdateRevenueAttribution between chunks is not another writer's change${base ? " (base revision given)" : ""}`, async () => {
      const list = rows(300);
      const extra = { chunkSize: 100, ...(base ? { RevenueAttributionRevision: base } : {}) };
      const first = await rejected(submitAllocations(...inTwo(client, input(list, { ...extra, onProgress: stopAfterFirstTask }))), AllocationsSubmissionError);
      expect(first.committed).toEqual([{ first: 0, last: 99 }]);
      await client.send(new UpdateRevenueAttributionCommand({ Catalog: "AWS", Identifier: attribution, Revision: "2", Description: "renamed" }));
      const plan = await planAllocations(...inTwo(client, input(list, extra)));
      expect(plan).toMatchObject({ conflicts: [], taskCount: 2, alreadyApplied: [{ first: 0, last: 99 }] });
      const result = await submitAllocations(...inTwo(client, input(list, extra)));
      expect(result).toMatchObject({ finished: true, alreadyApplied: [{ first: 0, last: 99 }], committed: [{ first: 0, last: 299 }] });
      expect(storedCounts(list, stored().Allocations)).toEqual(list.map(() => 1));
    });
  }
});

describe("row 2: the same UPDATE row twice in the list", () => {
  it("stopped after chunk 0, the identical call and the plan see no conflict, and the end state is an uninterrupted run's", async () => {
    await submitAllocations(...inTwo(client, input(rows(2, "seed"))));
    const a = stored().Allocations[0]!;
    const list = [...rows(3, "x"), updateOf(a, "20"), updateOf(a, "20"), ...rows(2, "y")];
    await rejected(submitAllocations(...inTwo(client, input(list, { onProgress: stopAfterFirstTask }))), AllocationsSubmissionError);
    const plan = await planAllocations(...inTwo(client, input(list)));
    expect(plan).toMatchObject({ conflicts: [], alreadyApplied: [{ first: 0, last: 4 }], toCreate: [{ first: 5, last: 6 }] });
    const result = await submitAllocations(...inTwo(client, input(list)));
    expect(result).toMatchObject({ finished: true, committed: [{ first: 0, last: 6 }] });
    expect(stored().Allocations.find((x) => x.RevenueAttributionAllocationId === a.RevenueAttributionAllocationId)!.RevenueSharePercent).toBe("20");
    expect(storedCounts(list.filter((r) => r.Action === "CREATE"), stored().Allocations).every((n) => n === 1)).toBe(true);
  });
});

describe("row 3: another writer changes a row this submission created", () => {
  it("without a base revision: a conflict naming the row and the status; removing the row, as advised, keeps theirs and applies the rest once", async () => {
    const list = rows(300);
    await rejected(submitAllocations(...inTwo(client, input(list, { chunkSize: 100, onProgress: stopAfterFirstTask }))), AllocationsSubmissionError);
    const row24 = storedOf(list[24]!);
    await otherWriterTask([{ ...updateOf(row24, row24.RevenueSharePercent), Status: "INACTIVE" }]);
    const writesBefore = starts();
    const conflict = await rejected(submitAllocations(...inTwo(client, input(list, { chunkSize: 100 }))), AllocationsConflictError);
    expect(conflict.conflicts).toEqual([
      {
        index: 24,
        RevenueAttributionAllocationId: row24.RevenueAttributionAllocationId,
        reason: expect.stringContaining("Status INACTIVE (row: ACTIVE)"),
        advice: expect.stringContaining("remove row 24"),
      },
    ]);
    expect(conflict.message).toContain("RevenueShareAllocations[24]");
    expect(starts()).toBe(writesBefore);
    expect(stored().Allocations).toHaveLength(100);
    // The advice, followed: remove row 24.
    const without = list.filter((_r, i) => i !== 24);
    const result = await submitAllocations(...inTwo(client, input(without, { chunkSize: 100 })));
    expect(result.finished).toBe(true);
    expect(stored().Allocations).toHaveLength(300);
    expect(storedOf(list[24]!).Status).toBe("INACTIVE");
    expect(storedCounts(without, stored().Allocations)).toEqual(without.map(() => 1));
  });

  it("with a base revision: the conflict names the row; making it an UPDATE, as advised, writes it without a second allocation", async () => {
    const list = rows(300);
    const extra = { chunkSize: 100, RevenueAttributionRevision: "1" };
    await rejected(submitAllocations(...inTwo(client, input(list, { ...extra, onProgress: stopAfterFirstTask }))), AllocationsSubmissionError);
    const row24 = storedOf(list[24]!);
    await otherWriterTask([{ ...updateOf(row24, row24.RevenueSharePercent), Status: "INACTIVE" }]);
    const conflict = await rejected(submitAllocations(...inTwo(client, input(list, extra))), AllocationsConflictError);
    expect(conflict.conflicts.map((c) => c.index)).toEqual([24]);
    expect(conflict.conflicts[0]!.advice).toContain(`make it an UPDATE (Action "UPDATE", RevenueAttributionAllocationId "${row24.RevenueAttributionAllocationId}", Status "ACTIVE")`);
    // The recovery the old message advised (the current revision as base) must not create it again either.
    const again = await rejected(submitAllocations(...inTwo(client, input(list, { ...extra, RevenueAttributionRevision: conflict.revision }))), AllocationsConflictError);
    expect(again.conflicts.map((c) => c.index)).toEqual([24]);
    // The advice, followed.
    const fixed = list.map((r, i) => (i === 24 ? { ...updateOf(row24, r.RevenueSharePercent), Status: "ACTIVE" as const } : r));
    const result = await submitAllocations(...inTwo(client, input(fixed, extra)));
    expect(result.finished).toBe(true);
    expect(stored().Allocations).toHaveLength(300);
    expect(storedOf(list[24]!).Status).toBe("ACTIVE");
    expect(storedCounts(list, stored().Allocations)).toEqual(list.map(() => 1));
  });

  it("with a base revision, an UPDATE row whose allocation another writer changed since: named with both values; the advised call with the current revision writes it", async () => {
    await submitAllocations(...inTwo(client, input(rows(2, "seed")))); // revision 2
    const a = stored().Allocations[0]!;
    const list = [...rows(3, "x"), updateOf(a, "30")];
    const extra = { chunkSize: 3, RevenueAttributionRevision: "2" };
    await rejected(submitAllocations(...inTwo(client, input(list, { ...extra, onProgress: stopAfterFirstTask }))), AllocationsSubmissionError);
    await otherWriterTask([updateOf(a, "55")]);
    const conflict = await rejected(submitAllocations(...inTwo(client, input(list, extra))), AllocationsConflictError);
    expect(conflict.conflicts).toEqual([
      expect.objectContaining({ index: 3, reason: expect.stringContaining(`from ${a.RevenueSharePercent}% ACTIVE to 55% ACTIVE, which no UPDATE of it in this submission writes (row 3: 30% (status unchanged))`), advice: expect.stringContaining(`RevenueAttributionRevision "${conflict.revision}"`) }),
    ]);
    const result = await submitAllocations(...inTwo(client, input(list, { ...extra, RevenueAttributionRevision: conflict.revision })));
    expect(result).toMatchObject({ finished: true, alreadyApplied: [{ first: 0, last: 2 }] });
    expect(stored().Allocations.find((x) => x.RevenueAttributionAllocationId === a.RevenueAttributionAllocationId)!.RevenueSharePercent).toBe("30");
  });
});

describe("rows 4 and 5: a FAILED task, then the list as given, then a fixed list", () => {
  it("the plan says the unchanged list would fail again and the call does not repeat it; a fixed list that changes a committed INACTIVE row is a conflict, and the advised UPDATE stores it once", async () => {
    const client = looseClient();
    const [r0, r1, r2] = rows(3);
    const inactive = { ...r1!, Status: "INACTIVE" as const, RevenueSharePercent: "23" };
    const bad = { ...updateOf({ ...r2!, RevenueAttributionAllocationId: "alloc-doesnotexist1" }, "10") };
    const list = [r0!, inactive, r2!, bad];
    const failed = await rejected(submitAllocations(...inTwo(client, input(list, { chunkSize: 2 }))), AllocationsSubmissionError);
    expect(failed.failed).toEqual([expect.objectContaining({ index: 3, ErrorCode: "RESOURCE_NOT_FOUND" })]);
    expect(failed.message).toContain("Fix or remove RevenueShareAllocations[3]");
    expect(failed.message).not.toContain("with the same arguments");

    const plan = await planAllocations(...inTwo(client, input(list, { chunkSize: 2 })));
    expect(plan.wouldFailAgain).toBe(true);
    expect(plan.lastTaskFailure).toMatchObject({ sameSubmission: true, failed: [{ index: 3, ErrorCode: "RESOURCE_NOT_FOUND" }] });
    const startsBefore = starts();
    const again = await rejected(submitAllocations(...inTwo(client, input(list, { chunkSize: 2 }))), AllocationsSubmissionError);
    expect(again.failed).toEqual([expect.objectContaining({ index: 3, ErrorCode: "RESOURCE_NOT_FOUND" })]);
    expect(starts()).toBe(startsBefore); // not repeated

    // The "fixed" list drops the bad row and changes the committed INACTIVE row's percent.
    const fixed = [r0!, { ...inactive, RevenueSharePercent: "44" }, r2!];
    const fixedPlan = await planAllocations(...inTwo(client, input(fixed, { chunkSize: 2 })));
    expect(fixedPlan.wouldFailAgain).toBe(false);
    expect(fixedPlan.conflicts).toEqual([expect.objectContaining({ index: 1, reason: expect.stringContaining("RevenueSharePercent 23 (row: 44)") })]);
    const conflict = await rejected(submitAllocations(...inTwo(client, input(fixed, { chunkSize: 2 }))), AllocationsConflictError);
    expect(starts()).toBe(startsBefore);
    const id = conflict.conflicts[0]!.RevenueAttributionAllocationId!;
    const asUpdate = [r0!, { ...inactive, Action: "UPDATE" as const, RevenueAttributionAllocationId: id, RevenueSharePercent: "44" }, r2!];
    const result = await submitAllocations(...inTwo(client, input(asUpdate, { chunkSize: 2 })));
    expect(result.finished).toBe(true);
    const ofRow1 = stored().Allocations.filter((a) => a.EntityIdentifier === r1!.EntityIdentifier);
    expect(ofRow1).toEqual([expect.objectContaining({ RevenueSharePercent: "44", Status: "INACTIVE" })]);
    expect(stored().Allocations).toHaveLength(3);
  });
});

describe("row 6 and 7: deadlines", () => {
  it("refuses a number, a past Date and a non-finite function result before any request, naming deadline", async () => {
    const before = emulator.inspect().requests.total;
    for (const deadline of [30_000, Date.now() + 60_000, new Date(Date.now() - 1), () => Number.NaN, () => Infinity, new Date(Number.NaN)]) {
      const error = await rejected(submitAllocations(...inTwo(client, input(rows(3), { deadline }))), InvalidConfigurationError);
      expect(error.message).toMatch(/^Invalid Configuration of submitAllocations: deadline (is|must|returned) /);
    }
    expect(emulator.inspect().requests.total).toBe(before);
  });

  it("checks the time before each page it reads: a deadline reached while listing ends the call there", async () => {
    await submitAllocations(...inTwo(client, input(rows(2_500, "many")))); // 5 pages of 500
    const lists = () => emulator.inspect().requests.byOperation.ListRevenueAttributionAllocations ?? 0;
    const listsBefore = lists();
    // Time as the call sees it: each page read costs 1 s of a 3.5 s budget (the margin kept for returning is 1 s).
    const result = await submitAllocations(...inTwo(client, input(rows(2_600, "many"), { deadline: () => 3_500 - 1_000 * (lists() - listsBefore) })));
    expect(result).toMatchObject({ finished: false, reason: expect.stringMatching(/^the deadline came while reading the attribution \(500 ms left; 1000 ms are kept/) });
    expect(lists() - listsBefore).toBe(3); // the 4th page would start with less than the margin left
    expect(starts()).toBe(10);
  });

  it("a Date deadline follows the client's clock, not Date.now()", async () => {
    const { endpoint, region, credentials } = emulator;
    const behind = new PartnerCentralRevenueMeasurementClient({ endpoint, region, credentials, clock: { now: () => Date.now() - 100_000 } });
    // Past by Date.now(), 60 s ahead by the client's clock: accepted, and the work fits.
    const result = await submitAllocations(...inTwo(behind, input(rows(3), { deadline: new Date(Date.now() - 40_000), taskDurationEstimateMs: 1000 })));
    expect(result).toMatchObject({ finished: true, committed: [{ first: 0, last: 2 }] });
    // 0.5 s ahead by the client's clock: accepted, but less than the 1 s kept for returning: it stops before reading.
    const close = await submitAllocations(...inTwo(behind, input(rows(3, "close"), { deadline: new Date(Date.now() - 99_500), taskDurationEstimateMs: 1000 })));
    behind.destroy();
    expect(close).toMatchObject({ finished: false, tasksRemaining: undefined, tasks: [], reason: expect.stringContaining("the deadline came while reading the attribution (") });
    expect(starts()).toBe(1);
  });
});

describe("row 8: bounded errors", () => {
  it("a conflict over 2,000 rows serializes to a few KB in JSON, message and util.inspect, account ids masked", async () => {
    const list = rows(2_000, "big");
    await submitAllocations(...inTwo(client, input(list)));
    // Every percent 0.01 higher (each month stays far under the 100 % cap).
    const changed = list.map((r) => ({ ...r, RevenueSharePercent: (Number(r.RevenueSharePercent) + 0.01).toFixed(2) }));
    const conflict = await rejected(submitAllocations(...inTwo(client, input(changed))), AllocationsConflictError);
    expect(conflict.conflicts).toHaveLength(2_000); // the members keep everything
    const json = JSON.stringify(conflict);
    const shown = inspect(conflict, { depth: Infinity });
    for (const text of [json, conflict.message, shown]) {
      expect(text.length).toBeLessThan(6_000);
      expect(text).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    }
    expect(JSON.parse(json)).toMatchObject({ conflictCount: 2_000, conflicts: expect.any(Array) });
    expect(conflict.message).toContain("2000 conflicts");
  });

  it("a submission error with 80 tasks and thousands of failed rows stays a few KB, task ARNs masked", () => {
    const arn = `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/revenue-attribution/ra-aaaaaaaaaaaaa`;
    const tasks = Array.from({ length: 80 }, (_, n) => ({
      TaskId: `raatask-${String(n).padStart(13, "0")}`,
      Status: "COMPLETE",
      Catalog: "AWS",
      RevenueAttributionArn: arn,
      StartedAt: new Date(0),
      TotalRevenueAttributionAllocationRecords: 250,
    }));
    const error = new AllocationsSubmissionError({
      committed: Array.from({ length: 5_000 }, (_, n) => ({ first: n * 2, last: n * 2 })),
      alreadyApplied: [],
      failed: Array.from({ length: 5_000 }, (_, n) => ({ index: n * 2 + 1, TaskId: "raatask-aaaaaaaaaaaaa", ErrorCode: "INVALID_VALUE", ErrorMessage: `bad 123456789012 row ${n}` })),
      inDoubt: [],
      notApplied: [],
      recordsTotal: 10_000,
      revision: "81",
      tasks,
      cause: new PartnerCentralRevenueMeasurementError(`task failed on ${arn}`),
    });
    const json = JSON.stringify(error);
    const shown = inspect(error, { depth: Infinity });
    for (const text of [json, error.message, shown, String(error.stack)]) {
      expect(text.length).toBeLessThan(8_000);
      expect(text).not.toContain("123456789012");
    }
    expect(JSON.parse(json)).toMatchObject({ failedCount: 5_000, taskCount: 80, recordsTotal: 10_000 });
  });
});

describe("row 9: callbacks and the initial wait", () => {
  it("an async onProgress that rejects fails the call with it as cause, no unhandled rejection, its task committed", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const boom = new Error("progress store down");
      const list = rows(20);
      const error = await rejected(
        submitAllocations(...inTwo(client, input(list, { chunkSize: 10, onProgress: async () => Promise.reject(boom) }))),
        AllocationsSubmissionError,
      );
      expect(error.cause).toBe(boom);
      expect(error).toMatchObject({ committed: [{ first: 0, last: 9 }], notApplied: [{ first: 10, last: 19 }], inDoubt: [] });
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      const again = await submitAllocations(...inTwo(client, input(list, { chunkSize: 10 })));
      expect(again).toMatchObject({ finished: true, alreadyApplied: [{ first: 0, last: 9 }] });
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("an onPoll that throws or rejects fails the call with it as cause (its task in doubt), without an unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      // The task runs until finishTasks(), so every poll sees it IN_PROGRESS: with a fixed duration, polls paced
      // per client could first see it COMPLETE, and a rejection arriving then finds the task committed.
      emulator.setTaskDurationMs(Infinity);
      for (const onPoll of [
        () => {
          throw new Error("poll hook broke");
        },
        async () => Promise.reject(new Error("poll hook broke")),
      ]) {
        const error = await rejected(submitAllocations(...inTwo(client, input(rows(5, `p${starts()}`), { onPoll }))), AllocationsSubmissionError);
        expect((error.cause as Error).message).toBe("poll hook broke");
        expect(error.inDoubt).toEqual([{ first: 0, last: 4 }]);
        emulator.finishTasks();
      }
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("a deadline during the wait for a task left running reports rows committed earlier as committed, the running task's rows in doubt", async () => {
    const list = rows(30);
    await rejected(submitAllocations(...inTwo(client, input(list, { chunkSize: 10, onProgress: stopAfterFirstTask }))), AllocationsSubmissionError);
    emulator.setTaskDurationMs(Infinity);
    // An earlier run of the same submission started chunk 1 and died: the task keeps running.
    const controller = new AbortController();
    await rejected(
      submitAllocations(...inTwo(client, input(list, { chunkSize: 10, abortSignal: controller.signal, onPoll: () => controller.abort() }))),
      AllocationsSubmissionError,
    );
    expect(stored().Tasks.map((t) => t.Status)).toEqual(["COMPLETE", "IN_PROGRESS"]);
    // 1.3 s left: enough for the reads (1 s is kept for returning), the wait ends at the deadline.
    const result = await submitAllocations(...inTwo(client, input(list, { chunkSize: 10, deadline: () => 1_300 })));
    expect(result).toMatchObject({
      finished: false,
      committed: [{ first: 0, last: 9 }],
      alreadyApplied: [{ first: 0, last: 9 }],
      inDoubt: [{ first: 10, last: 19 }],
      notApplied: [{ first: 20, last: 29 }],
    });
    expect(result.pendingTaskId).toBe(stored().Tasks[1]!.TaskId);
    expect(result.reason).toBe(
      `the deadline came while task ${stored().Tasks[1]!.TaskId} (this submission's, started earlier) was IN_PROGRESS; the next call waits for it`,
    );
    emulator.finishTasks();
    emulator.setTaskDurationMs(5);
  });
});

describe("issue 19 item 3: bad rows do not block good ones (onRecordFailure)", () => {
  const broken = () => {
    const list = rows(30, "skip");
    for (const [n, i] of [3, 14, 25].entries()) {
      list[i] = { ...updateOf({ ...list[i]!, RevenueAttributionAllocationId: `alloc-doesnotexist${n}` }, "10") };
    }
    return list;
  };

  it('"stop" (default) stops at the first FAILED task naming the row to fix; "skip" then goes on from there, leaving each bad row out; a fixed list stores each change once', async () => {
    const client = looseClient();
    const list = broken();
    const stopped = await rejected(submitAllocations(...inTwo(client, input(list, { chunkSize: 10 }))), AllocationsSubmissionError);
    expect(stopped.failed).toEqual([expect.objectContaining({ index: 3, ErrorCode: "RESOURCE_NOT_FOUND" })]);
    expect(stopped.notApplied).toEqual([{ first: 0, last: 2 }, { first: 4, last: 29 }]);
    expect(stopped.message).toContain("Fix or remove RevenueShareAllocations[3]");

    // Same list with "skip" (same submission): the FAILED task is not repeated, its good rows go in a new task.
    const startsBefore = starts();
    const skipped = await submitAllocations(...inTwo(client, input(list, { chunkSize: 10, onRecordFailure: "skip" })));
    expect(skipped).toMatchObject({ finished: true, inDoubt: [], notApplied: [] });
    expect(skipped.failed.map((f) => [f.index, f.ErrorCode])).toEqual([
      [3, "RESOURCE_NOT_FOUND"],
      [14, "RESOURCE_NOT_FOUND"],
      [25, "RESOURCE_NOT_FOUND"],
    ]);
    expect(skipped.committed).toEqual([{ first: 0, last: 2 }, { first: 4, last: 13 }, { first: 15, last: 24 }, { first: 26, last: 29 }]);
    expect(starts() - startsBefore).toBe(5); // chunk 0 without row 3; chunks 1 and 2 each FAILED once, then without their bad row
    const creates = list.filter((r) => r.Action === "CREATE");
    expect(storedCounts(creates, stored().Allocations)).toEqual(creates.map(() => 1));
    expect(stored().Allocations).toHaveLength(27);

    // The fixed list: only the three fixed rows are sent.
    const fixed = rows(30, "skip");
    const result = await submitAllocations(...inTwo(client, input(fixed, { chunkSize: 10 })));
    expect(result).toMatchObject({ finished: true, failed: [] });
    expect(result.tasks.map((t) => t.TotalRevenueAttributionAllocationRecords)).toEqual([1, 1, 1]);
    expect(storedCounts(fixed, stored().Allocations)).toEqual(fixed.map(() => 1));
    expect(stored().Allocations).toHaveLength(30);
  });

  it("refuses an unknown onRecordFailure before any request", async () => {
    const before = emulator.inspect().requests.total;
    const error = await rejected(submitAllocations(...inTwo(client, input(rows(2), { onRecordFailure: "ignore" }))), InvalidConfigurationError);
    expect(error.message).toBe('Invalid Configuration of submitAllocations: onRecordFailure must be "stop" or "skip", got "ignore"');
    expect(emulator.inspect().requests.total).toBe(before);
  });
});

describe("issue 19 item 4: results per input index", () => {
  it("returns the allocation id of every committed row (CREATEs read back, UPDATEs as given), joinable to the caller's labels, which every failure and conflict carries", async () => {
    const list = rows(12, "ids");
    const labels = list.map((_r, i) => `crm-${1000 + i}`);
    const first = await submitAllocations(...inTwo(client, input(list, { chunkSize: 5, labels })));
    expect(first.allocationIds).toHaveLength(12);
    for (const [i, id] of first.allocationIds.entries()) {
      expect(stored().Allocations.find((a) => a.RevenueAttributionAllocationId === id)?.EntityIdentifier).toBe(list[i]!.EntityIdentifier);
    }
    // Already applied: the ids come from the reconciliation, nothing is sent.
    const again = await submitAllocations(...inTwo(client, input(list, { chunkSize: 5, labels })));
    expect(again.allocationIds).toEqual(first.allocationIds);

    // An UPDATE next month of what was created: by id, from the result; a bad row fails with its label.
    const next = [updateOf(storedOf(list[0]!), "33"), { ...updateOf({ ...list[1]!, RevenueAttributionAllocationId: "alloc-doesnotexist9" }, "5") }, ...rows(1, "ids-new")];
    const loose = looseClient();
    const failed = await rejected(submitAllocations(...inTwo(loose, input(next, { labels: ["a", "b", "c"] }))), AllocationsSubmissionError);
    expect(failed.failed).toEqual([expect.objectContaining({ index: 1, label: "b", ErrorCode: "RESOURCE_NOT_FOUND" })]);
    expect(failed.message).toContain('RevenueShareAllocations[1] (label "b") RESOURCE_NOT_FOUND');
    const skipped = await submitAllocations(...inTwo(loose, input(next, { labels: ["a", "b", "c"], onRecordFailure: "skip" })));
    expect(skipped.allocationIds[0]).toBe(first.allocationIds[0]);
    expect(skipped.allocationIds[1]).toBeUndefined();
    expect(stored().Allocations.find((a) => a.RevenueAttributionAllocationId === skipped.allocationIds[2])?.EntityIdentifier).toBe("ids-new-0000");

    // A conflict carries the label too.
    const changed = list.map((r, i) => (i === 4 ? { ...r, RevenueSharePercent: "99" } : r));
    const conflict = await rejected(submitAllocations(...inTwo(client, input(changed, { chunkSize: 5, labels }))), AllocationsConflictError);
    // (Row 0 conflicts too: the UPDATE above set it to 33.)
    expect(conflict.conflicts.map((c) => [c.index, c.label])).toEqual([[0, "crm-1000"], [4, "crm-1004"]]);
    expect(conflict.message).toContain('RevenueShareAllocations[4] (label "crm-1004")');
    const plan = await planAllocations(...inTwo(client, input(changed, { chunkSize: 5, labels })));
    expect(plan.conflicts.map((c) => c.label)).toEqual(["crm-1000", "crm-1004"]);
    expect(plan.allocationIds[1]).toBe(first.allocationIds[1]);
    expect(plan.allocationIds[0]).toBeUndefined(); // in conflict, so not applied
  });

  it("refuses labels that do not match the rows, naming the field", async () => {
    const error = await rejected(submitAllocations(...inTwo(client, input(rows(2), { labels: ["only one"] }))), ClientValidationError);
    expect(error.FieldList).toEqual([expect.objectContaining({ Name: "labels" })]);
    const long = await rejected(planAllocations(...inTwo(client, input(rows(2), { labels: ["ok", "x".repeat(300)] }))), ClientValidationError);
    expect(long.FieldList).toEqual([expect.objectContaining({ Name: "labels[1]" })]);
  });
});

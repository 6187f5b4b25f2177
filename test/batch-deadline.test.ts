/**
 * The `deadline` of submitAllocations, with fake timers: the waiter's sleeps
 * and the emulator's clock are faked (signatures are not checked, since the
 * signing clock is faked too). Tasks run until the test ends them: each one
 * `TASK_MS` of fake time after it started.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import { submitAllocations } from "../src/batch/index.js";
import type { Emulator } from "../src/testing/index.js";
import { useFakeClockSuite } from "./helpers/batch-suite.js";
import { rows } from "./helpers/batch-rows.js";
import { inTwo } from "./helpers/two-arguments.js";

let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
let attribution: string;
const START = "StartRevenueAttributionAllocationsTask";
const poll = { minDelayMs: 1000, maxDelayMs: 1000 };
/** Every task ends TASK_MS of fake time after it started. */
const TASK_MS = 100_000;
const suite = useFakeClockSuite({ attribution: "deadline", taskMs: TASK_MS });
const { run, stored } = suite;
beforeEach(() => ({ emulator, client, attribution } = suite));

describe("submitAllocations with a deadline", () => {
  it("does not start a task it cannot see finish, and resolves with finished: false; the next call finishes", async () => {
    const input = { Catalog: "AWS", RevenueAttributionIdentifier: attribution, RevenueShareAllocations: rows(300), chunkSize: 100 } as const;
    const deadline = new Date(Date.now() + 250_000);
    const result = await run(submitAllocations({ client, ...poll, deadline, taskDurationEstimateMs: 60_000 }, input));
    // Tasks take 100 s: two fit before the deadline, a third (expected to take as long) does not.
    expect(result).toMatchObject({
      finished: false,
      committed: [{ first: 0, last: 199 }],
      notApplied: [{ first: 200, last: 299 }],
      inDoubt: [],
      tasksRemaining: 1,
      revision: "3",
    });
    expect(result.pendingTaskId).toBeUndefined();
    expect(Date.now()).toBeLessThanOrEqual(deadline.getTime());
    expect(stored().Tasks.map((t) => t.Status)).toEqual(["COMPLETE", "COMPLETE"]);
    expect(stored().Allocations).toHaveLength(200);

    const next = await run(submitAllocations({ client, ...poll, deadline: () => 600_000 }, input));
    expect(next).toMatchObject({ finished: true, alreadyApplied: [{ first: 0, last: 199 }], committed: [{ first: 0, last: 299 }], tasksRemaining: 0 });
    expect(next.tasks).toHaveLength(1);
    expect(stored().Allocations).toHaveLength(300);
  });

  it("ends a wait at the deadline with the task left running; the next call waits for it instead of starting it again", async () => {
    const input = { Catalog: "AWS", RevenueAttributionIdentifier: attribution, RevenueShareAllocations: rows(100) } as const;
    const endsAt = Date.now() + 50_000;
    const result = await run(submitAllocations({ client, ...poll, deadline: () => endsAt - Date.now(), taskDurationEstimateMs: 10_000 }, input));
    expect(result).toMatchObject({ finished: false, committed: [], inDoubt: [{ first: 0, last: 99 }], notApplied: [], tasksRemaining: 1 });
    expect(result.pendingTaskId).toBe(stored().Tasks[0]!.TaskId);
    expect(Date.now()).toBeLessThanOrEqual(endsAt);
    expect(stored().Tasks.map((t) => t.Status)).toEqual(["IN_PROGRESS"]);

    const next = await run(submitAllocations({ client, ...poll }, input));
    expect(next).toMatchObject({ finished: true, alreadyApplied: [{ first: 0, last: 99 }], tasks: [] });
    expect(emulator.inspect().requests.byOperation[START]).toBe(1);
    expect(stored().Allocations).toHaveLength(100);
  });

  it("starts nothing when the deadline is too close for any task", async () => {
    const input = { Catalog: "AWS", RevenueAttributionIdentifier: attribution, RevenueShareAllocations: rows(10) } as const;
    const result = await run(submitAllocations({ client, ...poll, deadline: () => 5_000, taskDurationEstimateMs: 10_000 }, input));
    expect(result).toMatchObject({ finished: false, notApplied: [{ first: 0, last: 9 }], tasksRemaining: 1, tasks: [] });
    expect(result.reason).toMatch(/^the next task is expected to take 10\.0 s \(taskDurationEstimateMs\), more than the \d+\.\d s left before the deadline/);
    expect(emulator.inspect().requests.byOperation[START]).toBeUndefined();
  });
});

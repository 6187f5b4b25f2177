/**
 * Deadlines that make progress: the run time of the next task is learned
 * from the attribution's latest task (or this call's), a call with too
 * little time starts nothing and says why, and with nothing known the first
 * task is started and timed. Fake timers drive the waiter, the deadline and
 * the emulator's clock; tasks end TASK_MS of fake time after they started.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import { submitAllocations } from "../src/batch/index.js";
import type { Emulator } from "../src/testing/index.js";
import { useFakeClockSuite } from "./helpers/batch-suite.js";
import { rows } from "./helpers/batch-rows.js";
import { inTwo } from "./helpers/two-arguments.js";

const TASK_MS = 10_000;
const START = "StartRevenueAttributionAllocationsTask";
let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
let attribution: string;
/**
 * Every task ends TASK_MS of fake time after it started (from `run`, not by the emulator's timers: `drive` jumps
 * to any pending fake timer, also while a request is in flight).
 */
const suite = useFakeClockSuite({ attribution: "deadline", taskMs: TASK_MS });
const { run } = suite;
beforeEach(() => ({ emulator, client, attribution } = suite));

const starts = () => emulator.inspect().requests.byOperation[START] ?? 0;
const input = (prefix: string, extra: Record<string, unknown> = {}) => ({
  Catalog: "AWS" as const,
  RevenueAttributionIdentifier: attribution,
  RevenueShareAllocations: rows(10, prefix),
  ...extra,
});
const leftFromNow = (ms: number) => {
  const endsAt = Date.now() + ms;
  return () => endsAt - Date.now();
};

describe("submitAllocations with a deadline learns how long a task takes", () => {
  it("from the attribution's latest task: with too little time it starts nothing and says why; with enough it runs", async () => {
    await run(submitAllocations(...inTwo(client, input("first")))); // one task of 10 s: the attribution's latest
    const before = starts();
    const short = await run(submitAllocations(...inTwo(client, input("second", { deadline: leftFromNow(12_000) }))));
    expect(short).toMatchObject({ finished: false, committed: [], inDoubt: [], notApplied: [{ first: 0, last: 9 }], tasksRemaining: 1 });
    // The harness ends a task at the first poll step after its 10 s, so it "took" 10..15 s; the estimate adds the
    // waiter's delay in noticing it.
    expect(short.reason).toMatch(/^the next task is expected to take \d+\.\d s \(task raatask-[a-z0-9]{13} took 1\d\.\d s\), more than the 1\d\.\d s left before the deadline/);
    expect(starts()).toBe(before);
    const enough = await run(submitAllocations(...inTwo(client, input("second", { deadline: leftFromNow(60_000) }))));
    expect(enough).toMatchObject({ finished: true, committed: [{ first: 0, last: 9 }] });
    expect(enough.reason).toBeUndefined();
  });

  it("with nothing known (a fresh attribution, no estimate) it starts the first task and times it; at the deadline the task is left for the next call", async () => {
    const result = await run(submitAllocations(...inTwo(client, input("fresh", { deadline: leftFromNow(5_000) }))));
    expect(result).toMatchObject({ finished: false, inDoubt: [{ first: 0, last: 9 }], tasksRemaining: 1 });
    expect(result.pendingTaskId).toMatch(/^raatask-/);
    expect(result.reason).toBe(`the deadline came while task ${result.pendingTaskId} (this call's) was IN_PROGRESS; the next call waits for it`);
    // Ample time for the next call: the waiter's jittered delays decide when it notices the task's end (with 15 s
    // left, an unlucky draw noticed it after the deadline), and what is tested is that it waits, not how fast.
    const next = await run(submitAllocations(...inTwo(client, input("fresh", { deadline: leftFromNow(60_000) }))));
    expect(next).toMatchObject({ finished: true, committed: [{ first: 0, last: 9 }] });
    expect(starts()).toBe(1);
  });

  it("from a task left running by an earlier call: the call waits for it, then estimates the next task by it", async () => {
    const twoTasks = (deadline: () => number) => input("waited", { RevenueShareAllocations: rows(20, "waited"), chunkSize: 10, deadline });
    const first = await run(submitAllocations(...inTwo(client, twoTasks(leftFromNow(5_000)))));
    expect(first).toMatchObject({ finished: false, inDoubt: [{ first: 0, last: 9 }], notApplied: [{ first: 10, last: 19 }] });
    // The wait ends with that task (10..15 s of run time); the next task then does not fit in what is left.
    const second = await run(submitAllocations(...inTwo(client, twoTasks(leftFromNow(18_000)))));
    expect(second).toMatchObject({ finished: false, alreadyApplied: [{ first: 0, last: 9 }], notApplied: [{ first: 10, last: 19 }], tasksRemaining: 1 });
    expect(second.reason).toMatch(new RegExp(`^the next task is expected to take \\d+\\.\\d s \\(task ${first.pendingTaskId} took 1\\d\\.\\d s\\)`));
    expect(starts()).toBe(1);
  });

  it("a stated taskDurationEstimateMs is used while nothing was timed", async () => {
    const result = await run(submitAllocations(...inTwo(client, input("stated", { deadline: leftFromNow(5_000), taskDurationEstimateMs: 20_000 }))));
    expect(result).toMatchObject({ finished: false, notApplied: [{ first: 0, last: 9 }] });
    expect(result.reason).toMatch(/expected to take 20\.0 s \(taskDurationEstimateMs\)/);
    expect(starts()).toBe(0);
  });
});

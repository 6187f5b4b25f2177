/**
 * Resuming, planning, repeated UPDATEs, conflicts and JSON-safe errors of the
 * batch helper, against the local emulator over real HTTP (real timers).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../src/testing/index.js";
import {
  ClientValidationError,
  NetworkError,
  NodeHttpHandler,
  PartnerCentralRevenueMeasurementClient,
  StartRevenueAttributionAllocationsTaskCommand,
  UpdateRevenueAttributionCommand,
  validateRevenueShareAllocations,
  waitUntilAllocationsTaskComplete,
  type RevenueShareAllocation,
} from "../src/index.js";
import {
  AllocationsConflictError,
  AllocationsSubmissionError,
  planAllocations,
  submitAllocations,
} from "../src/batch/index.js";
import { encodeCbor } from "../src/protocol/cbor.js";
import { OWN_HTTP_HANDLER } from "../src/transport/types.js";
import { rows, storedCounts, updateOf } from "./helpers/batch-rows.js";
import { useAttributionSuite } from "./helpers/batch-suite.js";
import { FAST_POLL, FAST_WAIT as fast } from "./helpers/emulator-suite.js";
import { inTwo } from "./helpers/two-arguments.js";

const suite = useAttributionSuite({ attribution: "resume", taskDurationMs: 5 });
let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
let attribution: string;
const WRITES = ["StartRevenueAttributionAllocationsTask", "UpdateRevenueAttribution", "CreateRevenueAttribution", "TagResource", "UntagResource"];

beforeEach(() => {
  ({ emulator, client, attribution } = suite);
});

const stored = () => suite.stored();
const writes = () => WRITES.reduce((n, op) => n + (emulator.inspect().requests.byOperation[op] ?? 0), 0);
const input = (list: RevenueShareAllocation[], extra: Record<string, unknown> = {}) => ({
  Catalog: "AWS" as const,
  RevenueAttributionIdentifier: attribution,
  RevenueShareAllocations: list,
  ...fast,
  ...extra,
});

describe("planAllocations", () => {
  it("says per index what a submission would do, and writes nothing", async () => {
    const list = rows(600);
    const before = writes();
    const fresh = await planAllocations(...inTwo(client, input(list)));
    expect(fresh).toMatchObject({ revision: "1", toCreate: [{ first: 0, last: 599 }], alreadyApplied: [], toUpdate: [], taskCount: 3, conflicts: [] });
    expect(fresh.actions.every((a) => a === "create")).toBe(true);

    await submitAllocations(...inTwo(client, input(list.slice(0, 250))));
    const [a, b] = stored().Allocations;
    const mixed = [...list, updateOf(a!, "33"), updateOf(b!, b!.RevenueSharePercent)];
    const writesBefore = writes();
    const tasksBefore = stored().Tasks.length;
    const plan = await planAllocations(...inTwo(client, input(mixed)));
    expect(plan).toMatchObject({
      revision: "2",
      alreadyApplied: [{ first: 0, last: 249 }, { first: 601, last: 601 }],
      toCreate: [{ first: 250, last: 599 }],
      toUpdate: [{ first: 600, last: 600 }],
      taskCount: 2,
      conflicts: [],
    });
    expect(plan.actions[600]).toBe("update");
    // Zero writes, counted on the emulator; the state is unchanged.
    expect(writes()).toBe(writesBefore);
    expect(stored().Tasks).toHaveLength(tasksBefore);
    expect(stored().Allocations).toHaveLength(250);
    expect(writesBefore - before).toBe(1); // the one start of the 250 submitted above

    // The plan is what the submission then does.
    const result = await submitAllocations(...inTwo(client, input(mixed)));
    expect(result.tasks).toHaveLength(plan.taskCount);
    expect(result.alreadyApplied).toEqual(plan.alreadyApplied);
  });

  it("validates before reading", async () => {
    const before = emulator.inspect().requests.total;
    const error = await planAllocations(...inTwo(client, input([{ ...rows(1)[0]!, EffectiveFrom: "2031-01-02" }]))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect((error as ClientValidationError).FieldList[0]!.Name).toBe("RevenueShareAllocations[0].EffectiveFrom");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "ClientValidationError",
      operation: "planAllocations",
      FieldList: [{ Name: "RevenueShareAllocations[0].EffectiveFrom", Code: expect.any(String) }],
    });
    expect(emulator.inspect().requests.total).toBe(before);
  });
});

describe("submitAllocations resumes by calling it again", () => {
  it("resolves with nothing left to do, sending nothing", async () => {
    const list = rows(30);
    await submitAllocations(...inTwo(client, input(list, { chunkSize: 10 })));
    const before = writes();
    const again = await submitAllocations(...inTwo(client, input(list, { chunkSize: 10 })));
    expect(again).toMatchObject({ finished: true, revision: "4", tasks: [], tasksRemaining: 0, committed: [{ first: 0, last: 29 }], alreadyApplied: [{ first: 0, last: 29 }] });
    expect(writes()).toBe(before);
    // Still so after another writer moved the attribution on: everything is applied, so nothing conflicts.
    await client.send(new UpdateRevenueAttributionCommand({ Catalog: "AWS", Identifier: attribution, Revision: "4", Description: "later" }));
    const later = await submitAllocations(...inTwo(client, input(list, { chunkSize: 10 })));
    expect(later).toMatchObject({ finished: true, revision: "5", tasks: [], alreadyApplied: [{ first: 0, last: 29 }] });
    expect(writes()).toBe(before + 1);
  });

  it("sends two UPDATEs of one allocation to different tasks, in input order", async () => {
    await submitAllocations(...inTwo(client, input(rows(2))));
    const [a] = stored().Allocations;
    const list = [updateOf(a!, "20"), ...rows(3, "extra"), updateOf(a!, "30"), updateOf(a!, "40")];
    const result = await submitAllocations(...inTwo(client, input(list)));
    expect(result.tasks.map((t) => t.TotalRevenueAttributionAllocationRecords)).toEqual([4, 1, 1]);
    expect(stored().Allocations.find((x) => x.RevenueAttributionAllocationId === a!.RevenueAttributionAllocationId)!.RevenueSharePercent).toBe("40");
    // Calling again: the last UPDATE holds, so the earlier ones count as applied too.
    const again = await submitAllocations(...inTwo(client, input(list)));
    expect(again.tasks).toEqual([]);
    expect(again.alreadyApplied).toEqual([{ first: 0, last: 5 }]);
  });

  it("waits for its own task left running by an earlier call and reports it FAILED by input index, without starting it again", async () => {
    const list = rows(5);
    list[3] = { ...list[3]!, Action: "UPDATE", RevenueAttributionAllocationId: "alloc-doesnotexist1" };
    emulator.setTaskDurationMs(Infinity);
    // The unknown id is caught before the network with local validation on: off, the service's task judges it.
    const { endpoint, region, credentials } = emulator;
    const unchecked = new PartnerCentralRevenueMeasurementClient({ endpoint, region, credentials, validation: false });
    const controller = new AbortController();
    const first = await submitAllocations(...inTwo(unchecked, input(list, { abortSignal: controller.signal, onPoll: () => controller.abort() }))).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(AllocationsSubmissionError);
    expect((first as AllocationsSubmissionError).inDoubt).toEqual([{ first: 0, last: 4 }]);
    const polls = emulator.inspect().requests.byOperation.GetRevenueAttributionAllocationsTask!;
    const again = submitAllocations(...inTwo(unchecked, input(list))).catch((e: unknown) => e);
    while (emulator.inspect().requests.byOperation.GetRevenueAttributionAllocationsTask! < polls + 2) await new Promise((r) => setTimeout(r, 2));
    emulator.finishTasks();
    emulator.setTaskDurationMs(5);
    const error = (await again) as AllocationsSubmissionError;
    expect(error).toBeInstanceOf(AllocationsSubmissionError);
    expect(error.failed).toEqual([expect.objectContaining({ index: 3, ErrorCode: "RESOURCE_NOT_FOUND" })]);
    expect(error.notApplied).toEqual([{ first: 0, last: 2 }, { first: 4, last: 4 }]);
    expect(emulator.inspect().requests.byOperation.StartRevenueAttributionAllocationsTask).toBe(1);
    unchecked.destroy();
  });

  it("a start refused only on its retry (its first attempt timed out after it was applied) is in doubt, not 'not applied'", async () => {
    // Attempt 1 of the start reaches the emulator and is applied, but its answer is lost (a timeout); attempt 2 is
    // refused with a 409. Only the last attempt's error is known, so the chunk may be applied: it must be in doubt.
    const real = new NodeHttpHandler();
    let startAttempts = 0;
    const handler = {
      [OWN_HTTP_HANDLER]: true as const,
      async handle(request: Parameters<NodeHttpHandler["handle"]>[0], options: Parameters<NodeHttpHandler["handle"]>[1]) {
        if (!request.url.pathname.endsWith("/StartRevenueAttributionAllocationsTask")) return real.handle(request, options);
        startAttempts++;
        if (startAttempts === 1) {
          await real.handle(request, options);
          throw new NetworkError("timed out waiting for the response", { code: "TimeoutError" });
        }
        const body = encodeCbor({ __type: "ConflictException", Message: "Revision mismatch", Reason: "REVISION_MISMATCH" });
        return { statusCode: 409, headers: { "content-type": "application/cbor", "smithy-protocol": "rpc-v2-cbor" }, body };
      },
      destroy: () => real.destroy(),
    };
    const { endpoint, region, credentials } = emulator;
    const flaky = new PartnerCentralRevenueMeasurementClient({ endpoint, region, credentials, requestHandler: handler });
    const list = rows(10);
    const error = (await submitAllocations(...inTwo(flaky, input(list))).catch((e: unknown) => e)) as AllocationsSubmissionError;
    flaky.destroy();
    expect(startAttempts).toBe(2);
    expect(error).toBeInstanceOf(AllocationsSubmissionError);
    expect(error.inDoubt).toEqual([{ first: 0, last: 9 }]);
    expect(error.notApplied).toEqual([]);
    // The identical call settles it: the first attempt's task was applied, so nothing is sent twice.
    const again = await submitAllocations(...inTwo(client, input(list)));
    expect(again).toMatchObject({ finished: true, tasks: [], alreadyApplied: [{ first: 0, last: 9 }] });
    expect(stored().Allocations).toHaveLength(10);
  });

  it("with a base revision, stops with AllocationsConflictError when another writer changed an allocation between two runs", async () => {
    await submitAllocations(...inTwo(client, input(rows(1, "theirs")))); // revision 2: someone's allocation
    const list = rows(300);
    const extra = { chunkSize: 100, RevenueAttributionRevision: "2" };
    const crash = new Error("crashed after the first task");
    const first = await submitAllocations(...inTwo(client, input(list, { ...extra, onProgress: () => { throw crash; } }))).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(AllocationsSubmissionError);
    expect((first as AllocationsSubmissionError).committed).toEqual([{ first: 0, last: 99 }]);
    expect((first as AllocationsSubmissionError).cause).toBe(crash);
    // Another writer changes an allocation this submission does not write: the attribution moves to revision 4.
    const theirs = stored().Allocations.find((a) => a.EntityIdentifier.startsWith("theirs"))!;
    const started = await client.send(
      new StartRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: attribution, RevenueAttributionRevision: "3", RevenueShareAllocations: [updateOf(theirs, "66")] }),
    );
    await waitUntilAllocationsTaskComplete({ client, ...FAST_POLL }, { Catalog: "AWS", RevenueAttributionIdentifier: attribution, TaskId: started.TaskId });
    const before = writes();
    const error = await submitAllocations(...inTwo(client, input(list, extra))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllocationsConflictError);
    const conflict = error as AllocationsConflictError;
    expect(conflict.revision).toBe("4");
    expect(conflict.baseRevision).toBe("2");
    expect(conflict.conflicts).toEqual([
      {
        RevenueAttributionAllocationId: theirs.RevenueAttributionAllocationId,
        reason: expect.stringContaining(`changed since base revision 2 from ${theirs.RevenueSharePercent}% ACTIVE to 66% ACTIVE, not by this submission`),
        advice: expect.stringContaining('call again with RevenueAttributionRevision "4"'),
      },
    ]);
    expect(writes()).toBe(before);
    expect(stored().Allocations).toHaveLength(101);
    const json = JSON.parse(JSON.stringify(conflict)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: "AllocationsConflictError", revision: "4", baseRevision: "2", conflicts: [{ reason: expect.any(String) }], conflictCount: 1 });
    expect(json.message).toBe(conflict.message);

    // The advice, followed: the current revision as the base applies the rest once.
    const result = await submitAllocations(...inTwo(client, input(list, { ...extra, RevenueAttributionRevision: "4" })));
    expect(result.alreadyApplied).toEqual([{ first: 0, last: 99 }]);
    expect(storedCounts(list, stored().Allocations)).toEqual(list.map(() => 1));
  });

  it("names an allocation another writer changed under a CREATE, masking the account id", async () => {
    const list = rows(20);
    await submitAllocations(...inTwo(client, input(list.slice(0, 10))));
    // Another writer changes row 4's percent with its own task.
    const row4 = stored().Allocations.find((a) => a.EntityIdentifier === list[4]!.EntityIdentifier)!;
    const started = await client.send(
      new StartRevenueAttributionAllocationsTaskCommand({
        Catalog: "AWS",
        RevenueAttributionIdentifier: attribution,
        RevenueAttributionRevision: "2",
        RevenueShareAllocations: [updateOf(row4, "77")],
      }),
    );
    await waitUntilAllocationsTaskComplete({ client, ...FAST_POLL }, { Catalog: "AWS", RevenueAttributionIdentifier: attribution, TaskId: started.TaskId });
    const error = await submitAllocations(...inTwo(client, input(list))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllocationsConflictError);
    const conflict = error as AllocationsConflictError;
    expect(conflict.conflicts).toEqual([
      {
        index: 4,
        RevenueAttributionAllocationId: row4.RevenueAttributionAllocationId,
        reason: expect.stringContaining(`RevenueSharePercent 77 (row: ${list[4]!.RevenueSharePercent})`),
        advice: expect.stringContaining("remove row 4"),
      },
    ]);
    expect(conflict.message).toContain(`RevenueShareAllocations[4]: a CREATE of an allocation the attribution already holds: allocation ${row4.RevenueAttributionAllocationId}`);
    expect(conflict.message).toContain("********0004");
    expect(JSON.stringify(conflict)).not.toMatch(/\d{12}/);
    expect(stored().Allocations).toHaveLength(10);
  });
});

describe("validateRevenueShareAllocations (a submission's rows)", () => {
  it("accepts repeated UPDATEs of one allocation and refuses the same CREATE twice", () => {
    const [a, b] = rows(2);
    const update = { ...a!, Action: "UPDATE" as const, RevenueAttributionAllocationId: "alloc-aaaaaaaaaaaaa" };
    expect(validateRevenueShareAllocations([update, { ...update, RevenueSharePercent: "20" }])).toEqual([]);
    expect(validateRevenueShareAllocations([a!, b!, { ...a!, RevenueSharePercent: "20" }])).toEqual([
      { Name: "RevenueShareAllocations[2]", Code: "DUPLICATE_VALUE", Message: expect.stringContaining("RevenueShareAllocations[0]") },
    ]);
  });
});

describe("errors survive JSON logs", () => {
  it("keeps name, message, index ranges, failed records and the cause's name and message", () => {
    const cause = new NetworkError("socket hang up", { code: "ECONNRESET" });
    const error = new AllocationsSubmissionError({
      committed: [{ first: 0, last: 249 }],
      alreadyApplied: [],
      failed: [{ index: 417, TaskId: "raatask-aaaaaaaaaaaaa", ErrorCode: "INVALID_VALUE", ErrorMessage: "bad for 123456789012" }],
      inDoubt: [{ first: 250, last: 416 }],
      notApplied: [{ first: 418, last: 599 }],
      recordsTotal: 600,
      revision: "2",
      tasks: [],
      cause,
    });
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(json).toMatchObject({
      name: "AllocationsSubmissionError",
      message: error.message,
      committed: [{ first: 0, last: 249 }],
      failed: [{ index: 417, ErrorCode: "INVALID_VALUE" }],
      inDoubt: [{ first: 250, last: 416 }],
      notApplied: [{ first: 418, last: 599 }],
      revision: "2",
      cause: { name: "NetworkError", message: "socket hang up" },
    });
    expect(JSON.stringify(error)).not.toContain("123456789012");
    expect(error.message).toContain("RevenueShareAllocations[417] INVALID_VALUE");
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { allocationsChunkClientToken } from "../src/batch/resume.js";
import {
  AbortError,
  ClientValidationError,
  ConflictException,
  NetworkError,
  WaiterTimeoutError,
  AllocationsTaskSupersededError,
  type PartnerCentralRevenueMeasurementClient,
  type RevenueShareAllocation,
} from "../src/index.js";
import {
  AllocationsSubmissionError,
  submitAllocations,
  type SubmitAllocationsProgress,
} from "../src/batch/index.js";
import {
  ARN,
  ATTRIBUTION,
  FAKE_TIMERS,
  ScriptedAllocationsService,
  allocation,
  drive,
  makeClient,
  operationOf,
} from "./helpers/allocations-script.js";
import { errorResponse, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";
import { resetCaptureServer } from "./helpers/local-client.js";

let server: CaptureServer;
let client: PartnerCentralRevenueMeasurementClient;
let service: ScriptedAllocationsService;

beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

beforeEach(() => {
  vi.useFakeTimers(FAKE_TIMERS);
  resetCaptureServer(server);
  service = new ScriptedAllocationsService({ revision: 7, pollsPerTask: 2 });
  server.fallback = service.handle;
  client = makeClient(server.endpoint, { maxAttempts: 1 });
});
afterEach(() => {
  client.destroy();
  vi.useRealTimers();
});

const items = (n: number): RevenueShareAllocation[] => Array.from({ length: n }, (_, i) => allocation(i) as unknown as RevenueShareAllocation);
const base = { Catalog: "AWS", RevenueAttributionIdentifier: ATTRIBUTION } as const;
const startBodies = () => service.starts as Array<{ RevenueAttributionRevision: string; ClientToken: string; RevenueShareAllocations: RevenueShareAllocation[] }>;

async function submitError(promise: Promise<unknown>): Promise<AllocationsSubmissionError> {
  const error = await drive(promise).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AllocationsSubmissionError);
  return error as AllocationsSubmissionError;
}

describe("submitAllocations", () => {
  it("reads the attribution, then splits 600 changes into 250/250/100, chaining the revision of each COMPLETE task", async () => {
    const progress: SubmitAllocationsProgress[] = [];
    const result = await drive(
      submitAllocations({ client, onProgress: (p) => progress.push(p) }, { ...base, RevenueShareAllocations: items(600) }),
    );
    const ops = server.requests.map(operationOf);
    // The latest task, the revision, the latest task again (so both belong together), then the allocations at that revision.
    expect(ops.slice(0, 4)).toEqual([
      "GetRevenueAttributionAllocationsTask",
      "GetRevenueAttribution",
      "GetRevenueAttributionAllocationsTask",
      "ListRevenueAttributionAllocations",
    ]);
    expect(server.requests[1]!.body).toEqual({ Catalog: "AWS", Identifier: ATTRIBUTION });
    expect(server.requests[3]!.body).toMatchObject({ RevenueAttributionRevision: "7", MaxResults: 500 });
    const starts = startBodies();
    expect(starts.map((s) => s.RevenueShareAllocations.length)).toEqual([250, 250, 100]);
    expect(starts.map((s) => s.RevenueAttributionRevision)).toEqual(["7", "8", "9"]);
    expect(starts.map((s) => s.RevenueShareAllocations[0]!.EntityIdentifier)).toEqual(["offer-00000", "offer-00250", "offer-00500"]);
    expect(starts[2]!.RevenueShareAllocations[99]!.EntityIdentifier).toBe("offer-00599");
    // Every task carries the submission's marker: id, chunk, chunk count, base revision.
    const markers = starts.map((s) => (s as unknown as { Description: string }).Description);
    expect(markers[0]).toMatch(/^\[prm-batch:[0-9a-f]{16}:1\/3:7\]$/);
    expect(markers.map((m) => m.slice(28))).toEqual(["1/3:7]", "2/3:7]", "3/3:7]"]);
    expect(result).toMatchObject({
      finished: true,
      revision: "10",
      committed: [{ first: 0, last: 599 }],
      alreadyApplied: [],
      failed: [],
      inDoubt: [],
      notApplied: [],
      tasksRemaining: 0,
    });
    expect(result.tasks.map((t) => [t.TaskId, t.Status, t.RevenueAttributionLatestRevision])).toEqual([
      ["raatask-0000000000001", "COMPLETE", "8"],
      ["raatask-0000000000002", "COMPLETE", "9"],
      ["raatask-0000000000003", "COMPLETE", "10"],
    ]);
    expect(progress.map((p) => [p.chunkIndex, p.chunkCount, p.recordsCommitted, p.recordsTotal, p.task.TaskId])).toEqual([
      [0, 3, 250, 600, "raatask-0000000000001"],
      [1, 3, 500, 600, "raatask-0000000000002"],
      [2, 3, 600, 600, "raatask-0000000000003"],
    ]);
    // Every start happens only after the previous task was seen COMPLETE.
    expect(ops.filter((o) => o === "GetRevenueAttributionAllocationsTask")).toHaveLength(2 + 9);
    expect(ops.indexOf("StartRevenueAttributionAllocationsTask", 5)).toBe(8);
    for (const token of starts.map((s) => s.ClientToken)) expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(starts.map((s) => s.ClientToken)).size).toBe(3);
  });

  it("derives each start's ClientToken from the submission, chunk, revision and previous task, not from a re-read", async () => {
    await drive(submitAllocations({ client }, { ...base, RevenueShareAllocations: items(5), chunkSize: 2 }));
    const first = startBodies().map((s) => s.ClientToken);
    expect(startBodies().map((s) => s.RevenueShareAllocations.length)).toEqual([2, 2, 1]);

    service = new ScriptedAllocationsService({ revision: 7 });
    server.fallback = service.handle;
    // Same content with keys in another order, the attribution by ARN: the same submission, the same tokens.
    const reordered = items(5).map((it) => Object.fromEntries(Object.entries(it).reverse()) as unknown as RevenueShareAllocation);
    await drive(submitAllocations({ client }, { ...base, RevenueAttributionIdentifier: ARN, RevenueShareAllocations: reordered, chunkSize: 2 }));
    expect(startBodies().map((s) => s.ClientToken)).toEqual(first);

    const marker = (startBodies()[0] as unknown as { Description: string }).Description;
    const submissionId = /prm-batch:([0-9a-f]{16})/.exec(marker)![1]!;
    const parts = { submissionId, chunkIndex: 0, revision: "7" };
    const token = await allocationsChunkClientToken(parts);
    expect(token).toBe(first[0]);
    expect(await allocationsChunkClientToken({ ...parts, previousTaskId: "raatask-0000000000001" })).not.toBe(token);
    expect(await allocationsChunkClientToken({ ...parts, chunkIndex: 1 })).not.toBe(token);
    expect(await allocationsChunkClientToken({ ...parts, revision: "8" })).not.toBe(token);
    // The token's recipe is fixed: a submission started by an earlier version resumes with the same tokens.
    const recipe = `{"chunkIndex":0,"previousTaskId":null,"revision":"7","submissionId":"${submissionId}","v":2}`;
    const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(recipe));
    expect(token).toBe(Buffer.from(digest).toString("hex"));

    // Other content is another submission: other tokens.
    service = new ScriptedAllocationsService({ revision: 7 });
    server.fallback = service.handle;
    await drive(submitAllocations({ client }, { ...base, RevenueShareAllocations: items(6).slice(1), chunkSize: 2 }));
    expect(startBodies()[0]!.ClientToken).not.toBe(first[0]);
  });

  it("rejects an invalid item 599 (and every other problem) before any request", async () => {
    const list = items(600);
    list[599] = { ...list[599]!, EffectiveUntil: "2031-07-30" };
    list[3] = { ...list[3]!, Action: "UPDATE" };
    list[7] = { ...list[6]! };
    const error = await submitAllocations({ client }, {
      ...base,
      RevenueAttributionRevision: "0",
      RevenueShareAllocations: list,
      chunkSize: 251,
      Description: "x".repeat(961),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    const names = (error as ClientValidationError).FieldList.map((f) => f.Name);
    expect(names.sort()).toEqual(
      [
        "RevenueAttributionRevision",
        "chunkSize",
        "Description",
        "RevenueShareAllocations[3].RevenueAttributionAllocationId",
        "RevenueShareAllocations[7]",
        "RevenueShareAllocations[599].EffectiveUntil",
      ].sort(),
    );
    const byName = new Map((error as ClientValidationError).FieldList.map((f) => [f.Name, f]));
    expect(byName.get("RevenueShareAllocations[7]")).toMatchObject({ Code: "DUPLICATE_VALUE", Message: expect.stringContaining("[6]") });
    expect(byName.get("Description")!.Message).toContain("at most 960");
    expect(server.requests).toHaveLength(0);
  });

  it("rejects an empty list", async () => {
    const error = await submitAllocations({ client }, { ...base, RevenueShareAllocations: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("reads the attribution again after each REVISION_MISMATCH start, and stops with it as cause when it keeps coming (bounded)", async () => {
    // (A single refusal followed by success is tested against the emulator, which stores what tasks apply: batch-content.test.ts.)
    service = new ScriptedAllocationsService({ revision: 7, pollsPerTask: 2 });
    server.fallback = service.handle;
    service.onStart = (_body, index) =>
      index >= 1 ? errorResponse("ConflictException", 409, { Message: "Revision 8 is stale", Reason: "REVISION_MISMATCH" }) : undefined;
    const error = await submitError(submitAllocations({ client }, { ...base, RevenueShareAllocations: items(600) }));
    // (This script stores nothing, so each re-read finds no row applied: the report says so.)
    expect(error).toMatchObject({ inDoubt: [], failed: [], notApplied: [{ first: 0, last: 599 }], recordsTotal: 600, revision: "8" });
    expect(error.tasks.map((t) => t.TaskId)).toEqual(["raatask-0000000000001"]);
    expect(error.cause).toBeInstanceOf(ConflictException);
    expect((error.cause as ConflictException).Reason).toBe("REVISION_MISMATCH");
    expect(error.message).toMatch(/^submitAllocations stopped: ConflictException \(REVISION_MISMATCH\): Revision 8 is stale\. /);
    expect(startBodies().length).toBeLessThanOrEqual(21); // bounded: one round per refusal
  });

  it("reports the task whose wait timed out as in doubt, with its task id", async () => {
    service.pollsPerTask = 1_000_000;
    const error = await submitError(submitAllocations({ client, maxWaitMs: 30_000 }, { ...base, RevenueShareAllocations: items(300) }));
    expect(error.cause).toBeInstanceOf(WaiterTimeoutError);
    expect(error).toMatchObject({
      committed: [],
      inDoubt: [{ first: 0, last: 249 }],
      notApplied: [{ first: 250, last: 299 }],
      taskId: "raatask-0000000000001",
      revision: "7",
    });
    expect(error.message).toContain("Outcome unknown: RevenueShareAllocations[0..249] (250).");
  });

  it("reports a start lost on the network as in doubt, an abort mid-wait likewise, and a superseded task too", async () => {
    service.onStart = (_b, index) => (index === 0 ? { drop: true } : undefined);
    const dropped = await submitError(submitAllocations({ client }, { ...base, RevenueShareAllocations: items(10) }));
    expect(dropped.cause).toBeInstanceOf(NetworkError);
    expect(dropped.inDoubt).toEqual([{ first: 0, last: 9 }]);
    expect(dropped.notApplied).toEqual([]);

    service = new ScriptedAllocationsService({ revision: 7, pollsPerTask: 5 });
    server.fallback = service.handle;
    const controller = new AbortController();
    const aborted = await submitError(
      submitAllocations({ client, abortSignal: controller.signal, onPoll: (_t, attempt) => attempt === 2 && controller.abort() }, {
        ...base,
        RevenueShareAllocations: items(10),
      }),
    );
    expect(aborted.cause).toBeInstanceOf(AbortError);
    expect(aborted.taskId).toBe("raatask-0000000000001");
    expect(aborted.inDoubt).toEqual([{ first: 0, last: 9 }]);

    service = new ScriptedAllocationsService({ revision: 7, pollsPerTask: 5 });
    server.fallback = service.handle;
    // Superseded once: the call reads again, waits for the other task, reconciles (nothing of it stored) and finishes.
    service = new ScriptedAllocationsService({ revision: 7, pollsPerTask: 5 });
    server.fallback = service.handle;
    const other = () => ({ TaskId: `raatask-other${String(service.tasks.length).padStart(8, "0")}`, revisionAtStart: 7, records: 1, polls: 0, status: "IN_PROGRESS" });
    let pushed = 0;
    const once = await drive(
      submitAllocations({ client, onPoll: (_t, attempt) => attempt === 1 && pushed++ === 0 && service.tasks.push(other()) }, { ...base, RevenueShareAllocations: items(3) }),
    );
    expect(once).toMatchObject({ finished: true, committed: [{ first: 0, last: 2 }] });
    expect(startBodies()).toHaveLength(2);

    // Superseded on every wait: it stops after a bounded number of rounds. The last read came after the other task
    // ended (so after ours had), and found none of the rows stored: not applied, not in doubt.
    service = new ScriptedAllocationsService({ revision: 7, pollsPerTask: 5 });
    server.fallback = service.handle;
    const superseded = await submitError(
      submitAllocations({ client, onPoll: (t, attempt) => attempt === 1 && !t.TaskId.startsWith("raatask-other") && service.tasks.push(other()) }, {
        ...base,
        RevenueShareAllocations: items(3),
      }),
    );
    expect(superseded.cause).toBeInstanceOf(AllocationsTaskSupersededError);
    expect(superseded).toMatchObject({ inDoubt: [], notApplied: [{ first: 0, last: 2 }] });
    expect(startBodies().length).toBeLessThanOrEqual(21);
  });

  it("masks account ids that a service error message echoes", async () => {
    service.onStart = () =>
      errorResponse("ValidationException", 400, { Message: "Account 123456789012 is not eligible", Reason: "BUSINESS_VALIDATION_FAILED" });
    const error = await submitError(submitAllocations({ client }, { ...base, RevenueShareAllocations: items(1) }));
    expect(error.message).toContain("Account ********9012 is not eligible");
    expect(error.message).not.toContain("123456789012");
    expect(JSON.stringify(error)).not.toContain("123456789012");
    expect(error.notApplied).toEqual([{ first: 0, last: 0 }]);
  });
});

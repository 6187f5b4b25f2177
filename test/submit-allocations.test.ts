import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  AllocationsSubmissionError,
  AllocationsTaskFailedError,
  ClientValidationError,
  ConflictException,
  NetworkError,
  WaiterTimeoutError,
  allocationsChunkClientToken,
  submitAllocations,
  type PartnerCentralRevenueMeasurementClient,
  type RevenueShareAllocation,
  type SubmitAllocationsProgress,
} from "../src/index.js";
import {
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
  it("splits 600 changes into 250/250/100, chaining the revision of each COMPLETE task", async () => {
    const progress: SubmitAllocationsProgress[] = [];
    const result = await drive(
      submitAllocations(client, { ...base, RevenueShareAllocations: items(600), onProgress: (p) => progress.push(p) }),
    );
    expect(operationOf(server.requests[0]!)).toBe("GetRevenueAttribution");
    expect(server.requests[0]!.body).toEqual({ Catalog: "AWS", Identifier: ATTRIBUTION });
    const starts = startBodies();
    expect(starts.map((s) => s.RevenueShareAllocations.length)).toEqual([250, 250, 100]);
    expect(starts.map((s) => s.RevenueAttributionRevision)).toEqual(["7", "8", "9"]);
    expect(starts.map((s) => s.RevenueShareAllocations[0]!.EntityIdentifier)).toEqual(["offer-00000", "offer-00250", "offer-00500"]);
    expect(starts[2]!.RevenueShareAllocations[99]!.EntityIdentifier).toBe("offer-00599");
    expect(result.revision).toBe("10");
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
    const ops = server.requests.map(operationOf);
    expect(ops.filter((o) => o === "GetRevenueAttributionAllocationsTask")).toHaveLength(9);
    expect(ops.indexOf("StartRevenueAttributionAllocationsTask", 2)).toBe(5);
    for (const token of starts.map((s) => s.ClientToken)) expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(starts.map((s) => s.ClientToken)).size).toBe(3);
  });

  it("derives each chunk's ClientToken deterministically from attribution, revision, index and content", async () => {
    await drive(submitAllocations(client, { ...base, RevenueAttributionRevision: "7", RevenueShareAllocations: items(5), chunkSize: 2 }));
    const first = startBodies().map((s) => s.ClientToken);
    expect(server.requests.map(operationOf)).not.toContain("GetRevenueAttribution");
    expect(startBodies().map((s) => s.RevenueShareAllocations.length)).toEqual([2, 2, 1]);

    service = new ScriptedAllocationsService({ revision: 7 });
    server.fallback = service.handle;
    // Same content with keys in another order: same tokens.
    const reordered = items(5).map((it) => Object.fromEntries(Object.entries(it).reverse()) as unknown as RevenueShareAllocation);
    await drive(submitAllocations(client, { ...base, RevenueAttributionRevision: "7", RevenueShareAllocations: reordered, chunkSize: 2 }));
    expect(startBodies().map((s) => s.ClientToken)).toEqual(first);

    const parts = { ...base, startingRevision: "7", chunkIndex: 0, chunkRevision: "7", items: items(2) };
    const token = await allocationsChunkClientToken(parts);
    expect(token).toBe(first[0]);
    expect(await allocationsChunkClientToken({ ...parts, chunkIndex: 1 })).not.toBe(token);
    expect(await allocationsChunkClientToken({ ...parts, startingRevision: "8", chunkRevision: "8" })).not.toBe(token);
    expect(await allocationsChunkClientToken({ ...parts, RevenueAttributionIdentifier: "ra-zzzzzzzzzzzzz" })).not.toBe(token);
    expect(await allocationsChunkClientToken({ ...parts, items: items(3).slice(1) })).not.toBe(token);
  });

  it("rejects an invalid item 599 (and every other problem) before any request", async () => {
    const list = items(600);
    list[599] = { ...list[599]!, EffectiveUntil: "2026-07-30" };
    list[3] = { ...list[3]!, Action: "UPDATE" };
    const error = await submitAllocations(client, {
      ...base,
      RevenueAttributionRevision: "0",
      RevenueShareAllocations: list,
      chunkSize: 251,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    const names = (error as ClientValidationError).FieldList.map((f) => f.Name);
    expect(names).toEqual(
      expect.arrayContaining([
        "RevenueAttributionRevision",
        "chunkSize",
        "RevenueShareAllocations[3].RevenueAttributionAllocationId",
        "RevenueShareAllocations[599].EffectiveUntil",
      ]),
    );
    expect(names).toHaveLength(4);
    expect(server.requests).toHaveLength(0);
  });

  it("rejects an empty list", async () => {
    const error = await submitAllocations(client, { ...base, RevenueShareAllocations: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("reports REVISION_MISMATCH on the second chunk with chunk 1 committed and chunks 2-3 not", async () => {
    service.onStart = (_body, index) =>
      index === 1
        ? errorResponse("ConflictException", 409, { Message: "Revision 8 is stale", Reason: "REVISION_MISMATCH" })
        : undefined;
    const error = await submitError(submitAllocations(client, { ...base, RevenueShareAllocations: items(600) }));
    expect(error.committed).toEqual([{ chunkIndex: 0, firstIndex: 0, lastIndex: 249, taskId: "raatask-0000000000001" }]);
    expect(error.inDoubt).toBeUndefined();
    expect(error.notCommitted).toEqual([
      { chunkIndex: 1, firstIndex: 250, lastIndex: 499 },
      { chunkIndex: 2, firstIndex: 500, lastIndex: 599 },
    ]);
    expect(error.recordsCommitted).toBe(250);
    expect(error.recordsTotal).toBe(600);
    expect(error.revision).toBe("8");
    expect(error.tasks.map((t) => t.TaskId)).toEqual(["raatask-0000000000001"]);
    expect(error.cause).toBeInstanceOf(ConflictException);
    expect((error.cause as ConflictException).Reason).toBe("REVISION_MISMATCH");
    expect(error.message).toBe(
      "submitAllocations stopped at chunk 2 of 3: ConflictException (REVISION_MISMATCH): Revision 8 is stale. " +
        "Committed: chunk 1 of 3 (RevenueShareAllocations[0..249]), revision 8. " +
        "Not committed: chunks 2-3 of 3 (RevenueShareAllocations[250..599]).",
    );
    expect(startBodies()).toHaveLength(2);
  });

  it("reports a FAILED chunk as not committed, with the task failure as cause", async () => {
    service.failTask = {
      index: 1,
      details: [
        {
          EntityType: "OFFER",
          EntityId: "offer-00260",
          CustomerAwsAccountId: "100000000260",
          EffectiveFrom: "2026-07-01",
          EffectiveUntil: "2026-07-31",
          Action: "CREATE",
          ErrorCode: "ALLOCATION_CAP_EXCEEDED",
          ErrorMessage: "Cap exceeded for 100000000260",
        },
      ],
    };
    const error = await submitError(submitAllocations(client, { ...base, RevenueShareAllocations: items(600) }));
    expect(error.cause).toBeInstanceOf(AllocationsTaskFailedError);
    expect(error.committed.map((r) => r.chunkIndex)).toEqual([0]);
    expect(error.inDoubt).toBeUndefined();
    expect(error.notCommitted).toEqual([
      { chunkIndex: 1, firstIndex: 250, lastIndex: 499, taskId: "raatask-0000000000002" },
      { chunkIndex: 2, firstIndex: 500, lastIndex: 599 },
    ]);
    expect(error.message).toContain("1 of 250 records failed: ALLOCATION_CAP_EXCEEDED ×1");
    expect(error.message).not.toContain("100000000260");
  });

  it("reports the chunk whose wait timed out as in doubt, with its task id", async () => {
    service.pollsPerTask = 1_000_000;
    const error = await submitError(
      submitAllocations(client, { ...base, RevenueAttributionRevision: "7", RevenueShareAllocations: items(300), maxWaitTime: 30 }),
    );
    expect(error.cause).toBeInstanceOf(WaiterTimeoutError);
    expect(error.committed).toEqual([]);
    expect(error.inDoubt).toEqual({ chunkIndex: 0, firstIndex: 0, lastIndex: 249, taskId: "raatask-0000000000001" });
    expect(error.notCommitted).toEqual([{ chunkIndex: 1, firstIndex: 250, lastIndex: 299 }]);
    expect(error.revision).toBe("7");
    expect(error.message).toContain("Outcome unknown: chunk 1 of 2 (RevenueShareAllocations[0..249]), task raatask-0000000000001.");
  });

  it("reports a start lost on the network as in doubt, and an abort mid-wait likewise", async () => {
    service.onStart = (_b, index) => (index === 0 ? { drop: true } : undefined);
    const dropped = await submitError(submitAllocations(client, { ...base, RevenueAttributionRevision: "7", RevenueShareAllocations: items(10) }));
    expect(dropped.cause).toBeInstanceOf(NetworkError);
    expect(dropped.inDoubt).toEqual({ chunkIndex: 0, firstIndex: 0, lastIndex: 9 });

    service = new ScriptedAllocationsService({ revision: 7, pollsPerTask: 5 });
    server.fallback = service.handle;
    const controller = new AbortController();
    const aborted = await drive(
      submitAllocations(client, {
        ...base,
        RevenueAttributionRevision: "7",
        RevenueShareAllocations: items(10),
        abortSignal: controller.signal,
        onPoll: (_t, attempt) => attempt === 2 && controller.abort(),
      }),
    ).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(AllocationsSubmissionError);
    expect((aborted as AllocationsSubmissionError).cause).toBeInstanceOf(AbortError);
    expect((aborted as AllocationsSubmissionError).inDoubt?.taskId).toBe("raatask-0000000000001");
  });

  it("masks account ids that a service error message echoes", async () => {
    service.onStart = () =>
      errorResponse("ValidationException", 400, { Message: "Account 123456789012 is not eligible", Reason: "BUSINESS_VALIDATION_FAILED" });
    const error = await submitError(submitAllocations(client, { ...base, RevenueAttributionRevision: "7", RevenueShareAllocations: items(1) }));
    expect(error.message).toContain("Account ********9012 is not eligible");
    expect(error.message).not.toContain("123456789012");
    expect(error.notCommitted.map((r) => r.chunkIndex)).toEqual([0]);
  });
});

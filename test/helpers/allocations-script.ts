/**
 * Helpers for the waiter and batch tests: driving fake timers while real HTTP
 * runs over loopback, task bodies, and a small scripted allocations service
 * for the capture server's `fallback`.
 */
import { vi } from "vitest";
import { PartnerCentralRevenueMeasurementClient } from "../../src/index.js";
import { cborResponse, errorResponse, type CapturedRequest, type ScriptedResponse } from "./capture-server.js";
import { TEST_CREDENTIALS } from "./local-client.js";

export const ATTRIBUTION = "ra-abcdefgh12345";
export const ARN = `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/revenue-attribution/${ATTRIBUTION}`;
export const OP = "/service/PartnerCentralRevenueMeasurement/operation/";

/** Fake only what the waiter sleeps on; I/O, setImmediate and microtasks stay real. */
export const FAKE_TIMERS: { toFake: Array<"setTimeout" | "clearTimeout" | "Date"> } = {
  toFake: ["setTimeout", "clearTimeout", "Date"],
};

export function makeClient(endpoint: string, extra: { maxAttempts?: number } = {}): PartnerCentralRevenueMeasurementClient {
  return new PartnerCentralRevenueMeasurementClient({
    endpoint,
    region: "us-east-1",
    credentials: TEST_CREDENTIALS,
    // Time is driven by fake timers here: a per-attempt timeout timer would be jumped to while loopback HTTP is in flight.
    requestTimeoutMs: 0,
    ...extra,
  });
}

/**
 * Settles `promise` while fake timers are installed: whenever a fake timer is
 * pending (the waiter or the client is sleeping) it jumps to it; otherwise it
 * yields a real macrotask so loopback HTTP can progress. `beforeStep` may act
 * (e.g. abort) before each step; it sees whether a timer is pending.
 */
export async function drive<T>(promise: Promise<T>, beforeStep?: (timerPending: boolean) => void): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let steps = 0; !settled; steps++) {
    if (steps > 200_000) throw new Error("drive: promise did not settle");
    const pending = vi.getTimerCount() > 0;
    beforeStep?.(pending);
    if (settled) break;
    if (pending && vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return promise;
}

/** A GetRevenueAttributionAllocationsTask answer body. */
export function taskBody(
  TaskId: string,
  Status: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    TaskId,
    Status,
    Catalog: "AWS",
    RevenueAttributionArn: ARN,
    StartedAt: new Date(Date.UTC(2026, 0, 1)),
    TotalRevenueAttributionAllocationRecords: 250,
    ...(Status === "IN_PROGRESS" ? {} : { EndedAt: new Date(Date.UTC(2026, 0, 1, 0, 5)) }),
    ...extra,
  };
}

export function operationOf(req: CapturedRequest): string {
  return req.path.startsWith(OP) ? req.path.slice(OP.length) : req.path;
}

/** A valid batch item; `i` makes each one distinct. */
export function allocation(i: number): Record<string, string> {
  return {
    Action: "CREATE",
    EntityType: "OFFER",
    EntityIdentifier: `offer-${String(i).padStart(5, "0")}`,
    CustomerAwsAccountId: String(100000000000 + i),
    // A future month and a small percent: 600 of them in one attribution stay within the emulator's
    // rules (a new entry starts in the current month or later; 100 % per attribution and month).
    RevenueSharePercent: "0.15",
    EffectiveFrom: "2031-07-01",
    EffectiveUntil: "2031-07-31",
  };
}

/**
 * A scripted allocations service: tracks the attribution's revision and its
 * latest task. A started task stays IN_PROGRESS for `pollsPerTask` polls, then
 * completes with revision + 1. `onStart` may replace the answer to a start.
 */
export class ScriptedAllocationsService {
  revision: number;
  pollsPerTask: number;
  tasks: Array<{ TaskId: string; revisionAtStart: number; records: number; polls: number; status: string; revision?: string }> = [];
  starts: Array<Record<string, unknown>> = [];
  onStart?: (body: Record<string, unknown>, index: number) => ScriptedResponse | undefined;
  /** 0-based index of a task that ends FAILED instead of COMPLETE, with these details. */
  failTask?: { index: number; details: Array<Record<string, unknown>> };

  constructor(init: { revision?: number; pollsPerTask?: number } = {}) {
    this.revision = init.revision ?? 7;
    this.pollsPerTask = init.pollsPerTask ?? 2;
  }

  handle = (req: CapturedRequest): ScriptedResponse => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    switch (operationOf(req)) {
      case "GetRevenueAttribution":
        return cborResponse({
          Arn: ARN,
          Id: ATTRIBUTION,
          Catalog: "AWS",
          TenancyModel: "MULTI_TENANT",
          Revision: String(this.revision),
          LatestRevision: String(this.revision),
        });
      case "ListRevenueAttributionAllocations":
        return cborResponse({ RevenueAttributionAllocationSummaries: [] }); // this script stores nothing
      case "StartRevenueAttributionAllocationsTask": {
        this.starts.push(body);
        const scripted = this.onStart?.(body, this.starts.length - 1);
        if (scripted) return scripted;
        if (body.RevenueAttributionRevision !== String(this.revision)) {
          return errorResponse("ConflictException", 409, {
            Message: `Revision ${String(body.RevenueAttributionRevision)} is not the latest revision`,
            Reason: "REVISION_MISMATCH",
          });
        }
        const records = (body.RevenueShareAllocations as unknown[]).length;
        const TaskId = `raatask-${String(this.tasks.length + 1).padStart(13, "0")}`;
        this.tasks.push({ TaskId, revisionAtStart: this.revision, records, polls: 0, status: "IN_PROGRESS" });
        return cborResponse({
          TaskId,
          Status: "IN_PROGRESS",
          Catalog: "AWS",
          RevenueAttributionArn: ARN,
          StartedAt: new Date(),
          TotalRevenueAttributionAllocationRecords: records,
        });
      }
      case "GetRevenueAttributionAllocationsTask": {
        const task = this.tasks[this.tasks.length - 1];
        if (!task) return errorResponse("ResourceNotFoundException", 404, { Message: "No task", Reason: "RESOURCE_NOT_FOUND" });
        task.polls++;
        if (task.status === "IN_PROGRESS" && task.polls > this.pollsPerTask && this.failTask?.index === this.tasks.length - 1) {
          task.status = "FAILED";
          return cborResponse(
            taskBody(task.TaskId, "FAILED", { TotalRevenueAttributionAllocationRecords: task.records, ErrorDetailList: this.failTask.details }),
          );
        }
        if (task.status === "IN_PROGRESS" && task.polls > this.pollsPerTask) {
          task.status = "COMPLETE";
          this.revision++;
          task.revision = String(this.revision);
        }
        return cborResponse(
          taskBody(task.TaskId, task.status, {
            TotalRevenueAttributionAllocationRecords: task.records,
            ...(task.revision ? { RevenueAttributionLatestRevision: task.revision } : {}),
          }),
        );
      }
      default:
        return errorResponse("ValidationException", 400, { Message: "unexpected operation" });
    }
  };
}

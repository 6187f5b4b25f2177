/**
 * Outcomes of the allocations task waiter other than success. Members that
 * can hold customer account ids (tasks, error details) are non-enumerable, so
 * that logging the error object does not print them; they remain readable.
 */
import type { MetadataBearer } from "../command.js";
import type { GetRevenueAttributionAllocationsTaskOutput } from "../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import type { RevenueAttributionAllocationErrorDetail } from "../models.js";
import { PartnerCentralRevenueMeasurementError } from "../errors.js";

/** A task as observed by one poll. */
export type ObservedAllocationsTask = GetRevenueAttributionAllocationsTaskOutput & Partial<MetadataBearer>;

/** Defines a readable, non-enumerable own property (kept out of `console.log` output). */
export function defineHidden(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: false, writable: false, configurable: true });
}

/** The task ended FAILED. `ErrorDetailList` names each failed record. */
export class AllocationsTaskFailedError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "AllocationsTaskFailedError";
  /** The task id. */
  readonly TaskId: string;
  /** Failed records per `ErrorCode`, e.g. `{ IMMUTABLE_ALLOCATION: 2, INVALID_VALUE: 1 }`. */
  readonly failureCounts: Record<string, number>;
  /** The FAILED task as last observed (non-enumerable: it holds account ids). */
  declare readonly task: ObservedAllocationsTask;
  /** One entry per failed record (non-enumerable: it holds account ids). */
  declare readonly ErrorDetailList: RevenueAttributionAllocationErrorDetail[];

  constructor(task: ObservedAllocationsTask) {
    const details = Array.isArray(task.ErrorDetailList) ? task.ErrorDetailList : [];
    const counts: Record<string, number> = {};
    for (const d of details) {
      const code = typeof d?.ErrorCode === "string" ? d.ErrorCode : "UNKNOWN";
      counts[code] = (counts[code] ?? 0) + 1;
    }
    const total = task.TotalRevenueAttributionAllocationRecords;
    const ofTotal = typeof total === "number" ? ` of ${total}` : "";
    const summary = details.length
      ? `${details.length}${ofTotal} record${details.length === 1 && !ofTotal ? "" : "s"} failed: ` +
        Object.entries(counts)
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([code, n]) => `${code} ×${n}`)
          .join(", ")
      : `no error details were returned${ofTotal ? ` (${total} records)` : ""}`;
    super(`Allocations task ${task.TaskId} FAILED: ${summary}`);
    this.TaskId = task.TaskId;
    this.failureCounts = counts;
    defineHidden(this, "task", task);
    defineHidden(this, "ErrorDetailList", details);
  }
}

/**
 * The attribution's latest task is no longer ours: another task was started
 * after it. Our task's outcome was not observed, so it is not reported as a success.
 */
export class AllocationsTaskSupersededError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "AllocationsTaskSupersededError";
  /** The task we were waiting for. */
  readonly expectedTaskId: string;
  /** The task id the service reported instead. */
  readonly observedTaskId: string;
  /** The task the service reported (non-enumerable: it may hold account ids). */
  declare readonly observedTask: ObservedAllocationsTask;

  constructor(expectedTaskId: string, observed: ObservedAllocationsTask) {
    super(
      `Allocations task ${expectedTaskId} was superseded: the attribution's latest task is ${observed.TaskId} ` +
        `(${observed.Status}); the outcome of ${expectedTaskId} was not observed`,
    );
    this.expectedTaskId = expectedTaskId;
    this.observedTaskId = observed.TaskId;
    defineHidden(this, "observedTask", observed);
  }
}

/** The task did not reach COMPLETE or FAILED within `maxWaitMs`. */
export class WaiterTimeoutError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "WaiterTimeoutError";
  /** The task we were waiting for. */
  readonly TaskId: string;
  /** The configured limit, in milliseconds. */
  readonly maxWaitMs: number;
  /** Polls made (including failed ones). */
  readonly attempts: number;
  /** The last task observed, if any poll succeeded (non-enumerable). */
  declare readonly lastTask: ObservedAllocationsTask | undefined;
  /** The last retryable error seen while polling, if the last poll failed. */
  readonly lastError?: Error;

  constructor(init: { TaskId: string; maxWaitMs: number; attempts: number; lastTask?: ObservedAllocationsTask; lastError?: Error }) {
    const last = init.lastError
      ? `last poll failed with ${init.lastError.name}`
      : init.lastTask
        ? `last status ${init.lastTask.Status}`
        : "no poll answered";
    super(
      `Allocations task ${init.TaskId} did not finish within ${init.maxWaitMs} ms ` +
        `(${init.attempts} poll${init.attempts === 1 ? "" : "s"}; ${last})`,
    );
    this.TaskId = init.TaskId;
    this.maxWaitMs = init.maxWaitMs;
    this.attempts = init.attempts;
    this.lastError = init.lastError;
    defineHidden(this, "lastTask", init.lastTask);
  }
}

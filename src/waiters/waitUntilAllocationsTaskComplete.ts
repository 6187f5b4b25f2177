/**
 * Waiter for an allocations task: polls GetRevenueAttributionAllocationsTask
 * with exponential backoff and jitter until our task is COMPLETE or FAILED,
 * another task supersedes it, the deadline passes, or the caller aborts.
 */
import { lazyObject } from "../validation/lazy.js";
import type { PartnerCentralRevenueMeasurementClient } from "../client.js";
import type { MetadataBearer } from "../command.js";
import {
  GetRevenueAttributionAllocationsTaskCommand,
  type GetRevenueAttributionAllocationsTaskOutput,
} from "../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import { AbortError, ClientValidationError } from "../errors.js";
import type { CatalogName } from "../models.js";
import { isRetryableError, sleep } from "../transport/retry.js";
import { collectIssues } from "../validation/core.js";
import {
  CatalogName as CatalogNameSchema,
  RevenueAttributionAllocationTaskId,
  RevenueAttributionIdentifier,
} from "../validation/shapes.js";
import {
  AllocationsTaskFailedError,
  AllocationsTaskSupersededError,
  WaiterTimeoutError,
  type ObservedAllocationsTask,
} from "./errors.js";

/** Timing and control options shared by the waiter and `submitAllocations`. Times are in seconds. */
export interface AllocationsTaskWaiterOptions {
  /** Longest total wait, in seconds; default 900. No sleep or poll runs past it. */
  maxWaitTime?: number;
  /** Shortest delay between polls, in seconds; default 2. */
  minDelay?: number;
  /** Longest delay between polls, in seconds; default 30. */
  maxDelay?: number;
  /** Stops the wait at once (also during a sleep) with `AbortError`. */
  abortSignal?: AbortSignal;
  /**
   * Called after every answered poll with the task the service reported and
   * the 1-based poll number (failed polls count but are not reported).
   */
  onPoll?: (task: ObservedAllocationsTask, attempt: number) => void;
}

/** Configuration of {@link waitUntilAllocationsTaskComplete}. */
export interface AllocationsTaskWaiterConfiguration extends AllocationsTaskWaiterOptions {
  /** The client that sends the polls (its own retries apply to each poll). */
  client: PartnerCentralRevenueMeasurementClient;
}

/** Which task to wait for. */
export interface AllocationsTaskWaiterInput {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  RevenueAttributionIdentifier: string;
  /** The `TaskId` returned by StartRevenueAttributionAllocationsTask. */
  TaskId: string;
}

/** Default waiter timing, in seconds. */
export const ALLOCATIONS_TASK_WAITER_DEFAULTS = { maxWaitTime: 900, minDelay: 2, maxDelay: 30 } as const;

const MAX_TIMER_MS = 2_147_483_647;

const InputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifier,
  TaskId: RevenueAttributionAllocationTaskId,
});

/**
 * Delay before poll `attempt + 1`, in milliseconds: a random value between
 * `minDelay` and `minDelay × 2^(attempt-1)`, capped at `maxDelay` (the AWS SDK
 * waiters' formula).
 */
export function waiterDelayMs(attempt: number, minDelay: number, maxDelay: number, random = Math.random): number {
  const ceiling = Math.min(maxDelay, minDelay * 2 ** Math.min(attempt - 1, 60));
  return Math.round((minDelay + random() * (ceiling - minDelay)) * 1000);
}

function checkTiming(maxWaitTime: number, minDelay: number, maxDelay: number): void {
  const positive = (v: number): boolean => typeof v === "number" && Number.isFinite(v) && v > 0;
  if (!positive(maxWaitTime)) throw new RangeError(`maxWaitTime must be a positive number of seconds, got ${maxWaitTime}`);
  if (!positive(minDelay)) throw new RangeError(`minDelay must be a positive number of seconds, got ${minDelay}`);
  if (!positive(maxDelay) || maxDelay < minDelay) {
    throw new RangeError(`maxDelay must be a number of seconds of at least minDelay (${minDelay}), got ${maxDelay}`);
  }
}

/** Aborts when any of the given signals aborts; `dispose` removes the listeners. */
function combineSignals(signals: Array<AbortSignal | undefined>): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  const onAbort = (event: Event): void => controller.abort((event.target as AbortSignal).reason);
  for (const s of present) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener("abort", onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    dispose: () => present.forEach((s) => s.removeEventListener("abort", onAbort)),
  };
}

/**
 * Waits until the allocations task `TaskId` of an attribution is COMPLETE and
 * resolves with it (`RevenueAttributionLatestRevision` is the revision for the
 * next batch).
 *
 * The first poll is immediate; then delays grow exponentially with jitter
 * between `minDelay` and `maxDelay`. Throttling, 5xx and network failures that
 * outlast the client's own retries do not end the wait; other service errors
 * (ResourceNotFound, AccessDenied, …) are thrown at once.
 *
 * Rejects with {@link AllocationsTaskFailedError} (FAILED),
 * {@link AllocationsTaskSupersededError} (the attribution's latest task is
 * another one), {@link WaiterTimeoutError} (deadline) or `AbortError`.
 */
export async function waitUntilAllocationsTaskComplete(
  config: AllocationsTaskWaiterConfiguration,
  input: AllocationsTaskWaiterInput,
): Promise<GetRevenueAttributionAllocationsTaskOutput & MetadataBearer> {
  const { client, abortSignal, onPoll } = config;
  const maxWaitTime = config.maxWaitTime ?? ALLOCATIONS_TASK_WAITER_DEFAULTS.maxWaitTime;
  const minDelay = config.minDelay ?? ALLOCATIONS_TASK_WAITER_DEFAULTS.minDelay;
  const maxDelay = config.maxDelay ?? Math.max(ALLOCATIONS_TASK_WAITER_DEFAULTS.maxDelay, minDelay);
  checkTiming(maxWaitTime, minDelay, maxDelay);
  if (client.config.validation) {
    const problems = collectIssues(InputSchema, undefined, input, { now: Date.now() });
    if (problems.length) throw new ClientValidationError("waitUntilAllocationsTaskComplete", problems);
  }
  if (abortSignal?.aborted) throw new AbortError(undefined, { cause: abortSignal.reason });

  const { Catalog, RevenueAttributionIdentifier, TaskId } = input;
  const deadline = Date.now() + maxWaitTime * 1000;
  // Bounds a poll in flight at the deadline; sleeps are clamped to the deadline below.
  // (Timers cannot exceed 2^31-1 ms; beyond that, only the clamped sleeps enforce the deadline.)
  const deadlineSignal = maxWaitTime * 1000 <= MAX_TIMER_MS ? AbortSignal.timeout(maxWaitTime * 1000) : undefined;
  const combined = combineSignals([abortSignal, deadlineSignal]);
  let attempts = 0;
  let lastTask: ObservedAllocationsTask | undefined;
  let lastError: Error | undefined;
  const timeout = (): WaiterTimeoutError =>
    new WaiterTimeoutError({ TaskId, maxWaitTime, attempts, lastTask, lastError });
  const stopped = (e: unknown): Error => {
    if (abortSignal?.aborted) return e instanceof AbortError ? e : new AbortError(undefined, { cause: abortSignal.reason });
    if (deadlineSignal?.aborted) return timeout();
    return e as Error;
  };

  try {
    for (;;) {
      attempts++;
      let task: (GetRevenueAttributionAllocationsTaskOutput & MetadataBearer) | undefined;
      try {
        task = await client.send(new GetRevenueAttributionAllocationsTaskCommand({ Catalog, RevenueAttributionIdentifier }), {
          abortSignal: combined.signal,
        });
      } catch (e) {
        if (e instanceof AbortError || combined.signal.aborted) throw stopped(e);
        if (!isRetryableError(e)) throw e;
        lastError = e as Error; // throttling, 5xx, network: keep waiting
      }
      if (task) {
        lastTask = task;
        lastError = undefined;
        onPoll?.(task, attempts);
        if (task.TaskId !== TaskId) throw new AllocationsTaskSupersededError(TaskId, task);
        if (task.Status === "COMPLETE") return task;
        if (task.Status === "FAILED") throw new AllocationsTaskFailedError(task);
        // IN_PROGRESS, or a status this SDK does not know yet: keep waiting.
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw timeout();
      try {
        await sleep(Math.min(waiterDelayMs(attempts, minDelay, maxDelay), remaining), combined.signal);
      } catch (e) {
        throw stopped(e);
      }
      if (Date.now() >= deadline) throw timeout();
    }
  } finally {
    combined.dispose();
  }
}

/**
 * Any number of allocation changes in one call, resumable: calling again with
 * the same arguments after a crash, a timeout or a fixed failure applies only
 * what is left. See the README's "Resuming and deadlines" and "Architecture".
 */
import type { PartnerCentralRevenueMeasurementClient } from "../client.js";
import type { GetRevenueAttributionAllocationsTaskOutput } from "../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import { StartRevenueAttributionAllocationsTaskCommand } from "../commands/StartRevenueAttributionAllocationsTaskCommand.js";
import {
  AbortError,
  ClientValidationError,
  PartnerCentralRevenueMeasurementProtocolError,
  PartnerCentralRevenueMeasurementServiceException,
  type ValidationExceptionField,
} from "../errors.js";
import {
  AllocationsTaskFailedError,
  AllocationsTaskSupersededError,
  WaiterTimeoutError,
} from "../waiters/errors.js";
import {
  ALLOCATIONS_TASK_WAITER_DEFAULTS,
  waitUntilAllocationsTaskComplete,
  type AllocationsTaskWaiterOptions,
} from "../waiters/waitUntilAllocationsTaskComplete.js";
import { AllocationsSubmissionError, type AllocationsReport } from "./errors.js";
import {
  assertNoConflicts,
  checkRulesBeforeStart,
  ownMarker,
  prepareSubmission,
  readSnapshot,
  withoutMetadata,
  reconcileSubmission,
  type AllocationsSubmissionInput,
  type Reconciliation,
} from "./plan.js";
import { toRanges } from "./ranges.js";
import { mapFailures, type FailedAllocation } from "./reconcile.js";
import { allocationsChunkClientToken, describeWithMarker } from "./resume.js";

/** Progress after each task this call saw COMPLETE. */
export interface SubmitAllocationsProgress {
  /** 0-based chunk of the submission the task carried. */
  chunkIndex: number;
  /** Chunks of the submission. */
  chunkCount: number;
  /** Changes committed so far (including those already applied when the call began). */
  recordsCommitted: number;
  /** Changes in the submission. */
  recordsTotal: number;
  /** The COMPLETE task. */
  task: GetRevenueAttributionAllocationsTaskOutput;
}

/**
 * When to stop: a time (`Date` or epoch milliseconds), or a function that
 * returns the milliseconds left, such as Lambda's `context.getRemainingTimeInMillis`.
 */
export type SubmitAllocationsDeadline = Date | number | (() => number);

/** Input of {@link submitAllocations}. Waiter options apply to each task's wait. */
export interface SubmitAllocationsInput extends AllocationsSubmissionInput, AllocationsTaskWaiterOptions {
  /** Called after each task this call saw COMPLETE. */
  onProgress?: (progress: SubmitAllocationsProgress) => void;
  /**
   * Stop cleanly before this: no task is started unless it is expected to
   * finish (with a 1 s margin) in time, and a wait ends at it. The call then
   * resolves with `finished: false`; call again (e.g. in the next invocation)
   * to continue.
   */
  deadline?: SubmitAllocationsDeadline;
  /**
   * Expected run time of one task, in seconds, until this call has timed one
   * (then the longest it saw is used); default 60. Only used with `deadline`.
   */
  taskDurationEstimate?: number;
}

/** Result of {@link submitAllocations}: where every input index stands. */
export interface SubmitAllocationsOutput extends AllocationsReport {
  /** True when every change is committed; false when the deadline stopped the call: call again. */
  finished: boolean;
  /** The attribution's revision after the last COMPLETE task (or as read, when nothing was left). */
  revision: string;
  /** The COMPLETE tasks this call saw, in order. */
  tasks: GetRevenueAttributionAllocationsTaskOutput[];
  /**
   * Tasks the submission still needs (0 when finished), including
   * `pendingTaskId`'s; undefined when the deadline came before the attribution was reconciled.
   */
  tasksRemaining: number | undefined;
  /** A task left IN_PROGRESS at the deadline; the next call waits for it. */
  pendingTaskId?: string;
}

/** Room kept before the deadline for returning. */
const DEADLINE_MARGIN_MS = 1_000;
const DEFAULT_TASK_DURATION_ESTIMATE = 60;

type IndexStatus = "unknown" | "alreadyApplied" | "committed" | "failed" | "inDoubt" | "notApplied";

function checkOptions(input: SubmitAllocationsInput): ValidationExceptionField[] {
  const problems: ValidationExceptionField[] = [];
  const { deadline, taskDurationEstimate } = input;
  if (deadline !== undefined && typeof deadline !== "function" && !Number.isFinite(Number(deadline))) {
    problems.push({ Name: "deadline", Code: "INVALID_VALUE", Message: "must be a Date, epoch milliseconds or a function" });
  }
  if (taskDurationEstimate !== undefined && !(Number.isFinite(taskDurationEstimate) && taskDurationEstimate > 0)) {
    problems.push({ Name: "taskDurationEstimate", Code: "INVALID_VALUE", Message: "must be a positive number of seconds" });
  }
  return problems;
}

/** Milliseconds left before the deadline (Infinity without one). */
function remainingMsOf(deadline: SubmitAllocationsDeadline | undefined): () => number {
  if (deadline === undefined) return () => Infinity;
  if (typeof deadline === "function") return () => Number(deadline());
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return () => at - Date.now();
}

/** True when the error proves the start request was not applied. */
function startCertainlyRejected(error: unknown): boolean {
  if (error instanceof ClientValidationError) return true;
  if (error instanceof PartnerCentralRevenueMeasurementProtocolError) return false;
  if (error instanceof PartnerCentralRevenueMeasurementServiceException) {
    // A 4xx answer refused this attempt; after a retry, an earlier attempt (a timeout, a 5xx) may still have been
    // applied, so only a refusal of the first and only attempt proves nothing was.
    return error.$fault === "client" && (error.$metadata?.attempts ?? 1) === 1;
  }
  return false; // network failure, abort, 5xx: it may have reached the service
}

/**
 * Submits any number of allocation changes to a revenue attribution, exactly
 * once each, and can be resumed by calling it again with the same arguments.
 *
 * 1. Validates everything before any request; all problems are reported at
 *    once as `ClientValidationError`, by absolute index
 *    (`RevenueShareAllocations[599].EffectiveUntil`).
 * 2. Reads the attribution: its revision and latest task. A task still
 *    IN_PROGRESS (say, of a run that was killed) is waited for, never duplicated.
 * 3. Reconciles the changes with the attribution's allocations: changes
 *    already applied are skipped (see the README's "Architecture").
 * 4. Starts the chunks' tasks in input order (at most `chunkSize` changes
 *    each; two UPDATEs of one allocation go to different tasks), waiting for
 *    each and chaining the revision it returns. Each task's `Description`
 *    ends with the submission's marker, and its `ClientToken` is derived from
 *    the submission, so a later call recognises and does not repeat it.
 *
 * ```ts
 * const result = await submitAllocations(client, {
 *   Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567", RevenueShareAllocations: rows,
 *   deadline: () => context.getRemainingTimeInMillis(),
 * });
 * if (!result.finished) return { again: true }; // the next invocation, same arguments, continues
 * ```
 *
 * Resolves with `finished: true` and the final revision once every change is
 * committed (also when nothing was left to do), or `finished: false` when the
 * `deadline` stopped it.
 *
 * @throws ClientValidationError when the input breaks a rule (before any request), or a business rule the
 *   stored allocations let it check (before any start; see `planAllocations`).
 * @throws AllocationsConflictError when the attribution contradicts the submission (another writer); nothing is sent.
 * @throws AllocationsSubmissionError when anything else stops it: its report says which input indexes are
 *   committed, failed (a FAILED task's records, with the service's codes), in doubt and not applied; `cause`
 *   holds the underlying error (`AllocationsTaskFailedError`, a `ConflictException`, `WaiterTimeoutError`,
 *   `AbortError`, `NetworkError`, …). Calling again with the same arguments continues.
 */
export async function submitAllocations(
  client: PartnerCentralRevenueMeasurementClient,
  input: SubmitAllocationsInput,
): Promise<SubmitAllocationsOutput> {
  const s = await prepareSubmission(client, input, "submitAllocations", checkOptions(input));
  const { Catalog, RevenueAttributionIdentifier, abortSignal, onProgress } = input;
  const items = s.items;
  const remainingMs = remainingMsOf(input.deadline);
  const maxWaitTime = input.maxWaitTime ?? ALLOCATIONS_TASK_WAITER_DEFAULTS.maxWaitTime;
  const status: IndexStatus[] = items.map(() => "unknown");
  const failed: FailedAllocation[] = [];
  const tasks: GetRevenueAttributionAllocationsTaskOutput[] = [];
  let revision: string | undefined;
  let taskId: string | undefined; // the task whose outcome is pending

  const set = (indexes: readonly number[], to: IndexStatus) => indexes.forEach((i) => (status[i] = to));
  const where = (...of: IndexStatus[]) => toRanges(status.flatMap((st, i) => (of.includes(st) ? [i] : [])));
  const report = (): AllocationsReport => ({
    committed: where("alreadyApplied", "committed"),
    alreadyApplied: where("alreadyApplied"),
    failed: [...failed],
    inDoubt: where("inDoubt", "unknown"),
    notApplied: where("notApplied"),
  });
  const stop = (cause: unknown) =>
    new AllocationsSubmissionError({ ...report(), recordsTotal: items.length, revision, taskId, tasks: [...tasks], cause });
  const result = (finished: boolean, tasksRemaining: number | undefined): SubmitAllocationsOutput => ({
    finished,
    ...report(),
    revision: revision!,
    tasks,
    tasksRemaining,
    pendingTaskId: taskId,
  });
  const recordFailure = (error: AllocationsTaskFailedError, indexes: readonly number[]) => {
    const mapped = mapFailures(items, indexes, error.TaskId, error.ErrorDetailList);
    set(indexes, "notApplied");
    set(mapped.map((f) => f.index), "failed");
    failed.push(...mapped);
  };

  /** Waits for a task within the deadline; `undefined` when the deadline came first. */
  const waitFor = async (TaskId: string): Promise<GetRevenueAttributionAllocationsTaskOutput | undefined> => {
    const budget = (remainingMs() - DEADLINE_MARGIN_MS) / 1000;
    if (budget <= 0) return undefined;
    const byDeadline = budget < maxWaitTime;
    try {
      const task = await waitUntilAllocationsTaskComplete(
        {
          client,
          maxWaitTime: byDeadline ? budget : maxWaitTime,
          minDelay: input.minDelay,
          maxDelay: input.maxDelay,
          abortSignal,
          onPoll: input.onPoll,
        },
        { Catalog, RevenueAttributionIdentifier, TaskId },
      );
      return withoutMetadata(task);
    } catch (e) {
      if (e instanceof WaiterTimeoutError && byDeadline) return undefined;
      throw e;
    }
  };

  // 1. Read the attribution; let a task still running (ours from a killed run, or another writer's) end first.
  let reconciliation: Reconciliation;
  let previousTaskId: string | undefined; // the attribution's latest task before the next start
  let failedBefore: { error: AllocationsTaskFailedError; chunkIndex: number } | undefined;
  try {
    let snapshot = await readSnapshot(client, s, abortSignal);
    revision = snapshot.revision;
    while (snapshot.latestTask?.Status === "IN_PROGRESS") {
      const running = snapshot.latestTask;
      taskId = running.TaskId;
      try {
        if (!(await waitFor(running.TaskId))) return result(false, undefined);
      } catch (e) {
        // Ended FAILED (ours is reported below), or superseded by a later task (read again).
        if (e instanceof AllocationsTaskFailedError) {
          const marker = ownMarker(s, running);
          if (marker) failedBefore = { error: e, chunkIndex: marker.chunkIndex };
        } else if (!(e instanceof AllocationsTaskSupersededError)) throw e;
      }
      taskId = undefined;
      snapshot = await readSnapshot(client, s, abortSignal);
      revision = snapshot.revision;
    }
    const latest = snapshot.latestTask;
    previousTaskId = latest?.TaskId;
    reconciliation = await reconcileSubmission(client, s, revision, latest, abortSignal);
  } catch (e) {
    throw stop(e);
  }
  assertNoConflicts(reconciliation);
  checkRulesBeforeStart(client, "submitAllocations", s, reconciliation);
  s.items.forEach((_item, i) => (status[i] = reconciliation.applied[i] ? "alreadyApplied" : "notApplied"));
  const remaining = reconciliation.remaining;
  const failedTask = failedBefore && remaining.find((t) => t.chunkIndex === failedBefore.chunkIndex);
  if (failedBefore && failedTask) {
    // A task of this submission that this call waited for FAILED: report it rather than repeat it at once.
    recordFailure(failedBefore.error, failedTask.indexes);
    throw stop(failedBefore.error);
  }

  // 2. Run what is left, one task at a time, in order.
  let longestTaskMs: number | undefined;
  for (const [n, pending] of remaining.entries()) {
    const expectedMs = longestTaskMs ?? (input.taskDurationEstimate ?? DEFAULT_TASK_DURATION_ESTIMATE) * 1000;
    if (remainingMs() < expectedMs + DEADLINE_MARGIN_MS) return result(false, remaining.length - n);
    if (abortSignal?.aborted) throw stop(new AbortError(undefined, { cause: abortSignal.reason }));
    const ClientToken = await allocationsChunkClientToken({
      submissionId: s.submissionId,
      chunkIndex: pending.chunkIndex,
      revision: revision!,
      previousTaskId,
    });
    const Description = describeWithMarker(input.Description, {
      submissionId: s.submissionId,
      chunkIndex: pending.chunkIndex,
      chunkCount: s.chunks.length,
      baseRevision: reconciliation.baseRevision,
    });
    set(pending.indexes, "inDoubt");
    const startedAt = Date.now();
    try {
      const started = await client.send(
        new StartRevenueAttributionAllocationsTaskCommand({
          Catalog,
          RevenueAttributionIdentifier,
          RevenueAttributionRevision: revision!,
          RevenueShareAllocations: pending.indexes.map((i) => items[i]!),
          ClientToken,
          Description,
        }),
        { abortSignal },
      );
      taskId = started.TaskId;
    } catch (e) {
      if (startCertainlyRejected(e)) set(pending.indexes, "notApplied");
      throw stop(e);
    }

    let task: GetRevenueAttributionAllocationsTaskOutput | undefined;
    try {
      task = await waitFor(taskId);
    } catch (e) {
      if (e instanceof AllocationsTaskFailedError) recordFailure(e, pending.indexes); // otherwise the task stays in doubt
      throw stop(e);
    }
    if (!task) return result(false, remaining.length - n);
    longestTaskMs = Math.max(longestTaskMs ?? 0, Date.now() - startedAt);
    set(pending.indexes, "committed");
    tasks.push(task);
    previousTaskId = taskId;
    taskId = undefined;
    if (typeof task.RevenueAttributionLatestRevision !== "string") {
      revision = undefined;
      throw stop(new Error(`Task ${task.TaskId} is COMPLETE without RevenueAttributionLatestRevision`));
    }
    revision = task.RevenueAttributionLatestRevision;
    try {
      onProgress?.({
        chunkIndex: pending.chunkIndex,
        chunkCount: s.chunks.length,
        recordsCommitted: status.filter((st) => st === "committed" || st === "alreadyApplied").length,
        recordsTotal: items.length,
        task,
      });
    } catch (e) {
      throw stop(e);
    }
  }
  return result(true, 0);
}

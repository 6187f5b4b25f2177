/**
 * Any number of allocation changes in one call, resumable: calling again with
 * the same arguments after a crash, a timeout or a fixed failure applies only
 * what is left. See the README's "Resuming and deadlines" and "Architecture".
 */
import type { PartnerCentralRevenueMeasurementClient } from "../client.js";
import type { GetRevenueAttributionAllocationsTaskOutput } from "../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import {
  StartRevenueAttributionAllocationsTaskCommand,
  type StartRevenueAttributionAllocationsTaskOutput,
} from "../commands/StartRevenueAttributionAllocationsTaskCommand.js";
import { sleep } from "../transport/retry.js";
import { pacersOf, throttledStartDelayMs } from "./pacing.js";
import {
  AbortError,
  ClientValidationError,
  ThrottlingException,
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
  checkWaiterOptions,
  waitUntilAllocationsTaskComplete,
  type AllocationsTaskWaiterOptions,
} from "../waiters/waitUntilAllocationsTaskComplete.js";
import { AllocationsSubmissionError, type AllocationsReport } from "./errors.js";
import {
  assertNoConflicts,
  checkRulesBeforeStart,
  ownMarker,
  prepareSubmission,
  readLatestTask,
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
   * Stop cleanly before this: a task is started only when it is expected to
   * finish (with a 1 s margin) in time, and a wait ends at it. The call then
   * resolves with `finished: false` and a `reason`; call again (e.g. in the
   * next invocation) to continue.
   */
  deadline?: SubmitAllocationsDeadline;
  /**
   * Expected run time of one task, in seconds, used with `deadline` until a
   * task was timed: the longest this call saw, else the attribution's latest
   * task (its `EndedAt − StartedAt`, plus the waiter's delay in noticing it).
   * Without one, the first task is started and timed.
   */
  taskDurationEstimate?: number;
  /**
   * Starts per second, shared by every call on this client; default 1, the
   * published quota of StartRevenueAttributionAllocationsTask per account.
   * Raise it only with the account's quota (Service Quotas).
   */
  startsPerSecond?: number;
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
  /** Why the call stopped before finishing (with `finished: false`), e.g. the next task's expected run time and the time left. */
  reason?: string;
}

/** Room kept before the deadline for returning. */
const DEADLINE_MARGIN_MS = 1_000;

/**
 * Wall time to expect for a task the service ran in `serviceMs`: the waiter
 * notices the end up to one delay later, and its delay grows to about 0.7 ×
 * the time waited so far (at most `maxDelay`).
 */
export function expectedTaskMs(serviceMs: number, maxDelaySeconds: number): number {
  return serviceMs + Math.min(maxDelaySeconds * 1000, serviceMs * 0.7);
}

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
  const { startsPerSecond } = input;
  if (startsPerSecond !== undefined && !(Number.isFinite(startsPerSecond) && startsPerSecond > 0)) {
    problems.push({ Name: "startsPerSecond", Code: "INVALID_VALUE", Message: "must be a positive number" });
  }
  problems.push(...checkWaiterOptions(input)); // before any request: a bad value found after a start would leave it in doubt
  return problems;
}

/** Milliseconds left before the deadline (Infinity without one). */
function remainingMsOf(deadline: SubmitAllocationsDeadline | undefined): () => number {
  if (deadline === undefined) return () => Infinity;
  if (typeof deadline === "function") return () => Number(deadline());
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return () => at - Date.now();
}

/** How long the service ran a task (`EndedAt − StartedAt`), when it ended and says so. */
function serviceTimeMs(task: GetRevenueAttributionAllocationsTaskOutput | undefined): number | undefined {
  const started = task?.StartedAt?.getTime();
  const ended = task?.EndedAt?.getTime();
  return started !== undefined && ended !== undefined && ended >= started ? ended - started : undefined;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/**
 * Sends a start when the client's start pacer allows (`intervalMs` after
 * the previous start of any call on the client). A start throttled after the client's own retries is sent again,
 * unchanged (same `ClientToken`), after {@link throttledStartDelayMs}, while
 * `budgetMs()` leaves room for the delay; then it resolves with the last
 * `ThrottlingException` instead of throwing it. Other errors are thrown.
 */
async function sendStartPaced(
  client: PartnerCentralRevenueMeasurementClient,
  command: StartRevenueAttributionAllocationsTaskCommand,
  intervalMs: number,
  budgetMs: () => number,
  abortSignal: AbortSignal | undefined,
): Promise<{ output: StartRevenueAttributionAllocationsTaskOutput } | { throttled: ThrottlingException }> {
  const pacer = pacersOf(client).starts;
  for (let throttles = 1; ; throttles++) {
    await pacer.take(abortSignal, intervalMs);
    try {
      return { output: await client.send(command, { abortSignal }) };
    } catch (e) {
      if (!(e instanceof ThrottlingException)) throw e;
      const delay = throttledStartDelayMs(throttles);
      pacer.holdOff(delay); // the account's quota is used up elsewhere: this client's other calls wait too
      if (delay > budgetMs()) return { throttled: e };
      await sleep(delay, abortSignal);
    }
  }
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
  const result = (finished: boolean, tasksRemaining: number | undefined, reason?: string): SubmitAllocationsOutput => ({
    finished,
    ...report(),
    revision: revision!,
    tasks,
    tasksRemaining,
    pendingTaskId: taskId,
    ...(reason ? { reason } : {}),
  });
  const runningAtDeadline = (id: string, who: string) =>
    `the deadline came while task ${id} (${who}) was IN_PROGRESS; the next call waits for it`;
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
  let latestEnded: GetRevenueAttributionAllocationsTaskOutput | undefined; // the attribution's latest task, ended: its run time is the estimate
  try {
    let snapshot = await readSnapshot(client, s, abortSignal);
    revision = snapshot.revision;
    while (snapshot.latestTask?.Status === "IN_PROGRESS") {
      const running = snapshot.latestTask;
      taskId = running.TaskId;
      try {
        if (!(await waitFor(running.TaskId))) {
          return result(false, undefined, runningAtDeadline(running.TaskId, ownMarker(s, running) ? "this submission's, started earlier" : "another writer's"));
        }
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
    latestEnded = latest;
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
  const maxDelay = input.maxDelay ?? ALLOCATIONS_TASK_WAITER_DEFAULTS.maxDelay;
  let longestTaskMs: number | undefined;
  const latestServiceMs = serviceTimeMs(latestEnded);
  for (const [n, pending] of remaining.entries()) {
    const { expectedMs, source } =
      longestTaskMs !== undefined
        ? { expectedMs: longestTaskMs, source: "the longest task of this call" }
        : latestServiceMs !== undefined
          ? { expectedMs: expectedTaskMs(latestServiceMs, maxDelay), source: `task ${latestEnded!.TaskId} took ${seconds(latestServiceMs)} s` }
          : input.taskDurationEstimate !== undefined
            ? { expectedMs: input.taskDurationEstimate * 1000, source: "taskDurationEstimate" }
            : { expectedMs: 0, source: "" }; // nothing known yet: this task is the measurement
    const left = remainingMs() - DEADLINE_MARGIN_MS;
    if (left <= 0 || left < expectedMs) {
      return result(
        false,
        remaining.length - n,
        `the next task is expected to take ${seconds(expectedMs)} s (${source}), more than the ${seconds(Math.max(0, left))} s ` +
          `left before the deadline (less a ${DEADLINE_MARGIN_MS / 1000} s margin)`,
      );
    }
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
    const command = new StartRevenueAttributionAllocationsTaskCommand({
      Catalog,
      RevenueAttributionIdentifier,
      RevenueAttributionRevision: revision!,
      RevenueShareAllocations: pending.indexes.map((i) => items[i]!),
      ClientToken,
      Description,
    });
    // Throttling is waited out while the task could still finish before the deadline, and for at most maxWaitTime.
    const throttledUntil = Date.now() + maxWaitTime * 1000;
    const budgetMs = () => Math.min(remainingMs() - DEADLINE_MARGIN_MS - expectedMs, throttledUntil - Date.now());
    let startedTaskId: string;
    try {
      const started = await sendStartPaced(client, command, 1000 / (input.startsPerSecond ?? 1), budgetMs, abortSignal);
      if ("throttled" in started) {
        // Only 429s came back: unless a start of ours shows up as the latest task, nothing was applied.
        const latestAfter = startCertainlyRejected(started.throttled)
          ? undefined
          : await readLatestTask(client, s, abortSignal).then((t) => t?.TaskId ?? null, () => undefined); // unread: stays in doubt
        if (startCertainlyRejected(started.throttled) || (latestAfter !== undefined && latestAfter === (previousTaskId ?? null))) {
          set(pending.indexes, "notApplied");
        }
        if (remainingMs() - DEADLINE_MARGIN_MS - expectedMs < throttledUntil - Date.now()) {
          return result(false, remaining.length - n, `the start of task ${n + 1} of ${remaining.length} was throttled (429) until the deadline left no time to run it`);
        }
        throw started.throttled;
      }
      startedTaskId = taskId = started.output.TaskId;
    } catch (e) {
      if (startCertainlyRejected(e)) set(pending.indexes, "notApplied");
      throw stop(e);
    }

    let task: GetRevenueAttributionAllocationsTaskOutput | undefined;
    try {
      task = await waitFor(startedTaskId);
    } catch (e) {
      if (e instanceof AllocationsTaskFailedError) recordFailure(e, pending.indexes); // otherwise the task stays in doubt
      throw stop(e);
    }
    if (!task) return result(false, remaining.length - n, runningAtDeadline(startedTaskId, "this call's"));
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

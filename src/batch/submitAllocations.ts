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
  AbortError,
  ClientValidationError,
  ConflictException,
  PartnerCentralRevenueMeasurementError,
  PartnerCentralRevenueMeasurementProtocolError,
  PartnerCentralRevenueMeasurementServiceException,
  ThrottlingException,
  type ValidationExceptionField,
  AllocationsTaskFailedError,
  AllocationsTaskSupersededError,
  WaiterTimeoutError,
  ALLOCATIONS_TASK_WAITER_DEFAULTS,
  waitUntilAllocationsTaskComplete,
  type AllocationsTaskWaiterOptions,
} from "../index.js";
import { sleep } from "../transport/retry.js";
import { checkWaiterOptions, WAITER_OPTION_NAMES } from "../waiters/waitUntilAllocationsTaskComplete.js";
import {
  assertConfiguration,
  configurationShapeProblems,
  misplacedOptionProblems,
  positiveMsProblem,
  type ConfigurationProblem,
} from "../options.js";
import { AllocationsSubmissionError, type AllocationsReport } from "./errors.js";
import {
  allocationIdsAt,
  assertNoConflicts,
  checkRulesBeforeStart,
  DeadlineReached,
  failsAgain,
  ownMarker,
  prepareSubmission,
  readLatestTask,
  readSnapshot,
  withoutMetadata,
  reconcileSubmission,
  type AllocationsSubmissionInput,
  type AttributionSnapshot,
  type Reconciliation,
} from "./plan.js";
import { pacersOf, throttledStartDelayMs } from "./pacing.js";
import { toRanges } from "./ranges.js";
import { mapFailures, pendingTasks, withLabels, type FailedAllocation } from "./reconcile.js";
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
 * When to stop: a `Date`, or a function that returns the milliseconds left,
 * such as Lambda's `context.getRemainingTimeInMillis`. A bare number is
 * refused: epoch milliseconds and a duration look alike.
 */
export type SubmitAllocationsDeadline = Date | (() => number);

/**
 * Configuration of {@link submitAllocations}: the client and how the call
 * behaves. The waiter options apply to each task's wait; times are in
 * milliseconds.
 */
export interface SubmitAllocationsConfiguration extends AllocationsTaskWaiterOptions {
  /** The client that sends every request. */
  client: PartnerCentralRevenueMeasurementClient;
  /**
   * Called after each task this call saw COMPLETE; a returned promise is
   * awaited before the next task. When it throws or rejects, the call stops
   * with `AllocationsSubmissionError` whose `cause` is that error (the task it
   * reported stays committed; calling again continues).
   */
  onProgress?: (progress: SubmitAllocationsProgress) => unknown;
  /**
   * Stop cleanly before this: a task is started only when it is expected to
   * finish (with a 1 s margin) in time, every read and wait checks it, and the
   * call then resolves with `finished: false` and a `reason`; call again (e.g.
   * in the next invocation) to continue. A `Date` in the past, or a function
   * returning a non-finite number, is refused before any request.
   */
  deadline?: SubmitAllocationsDeadline;
  /**
   * What a task that FAILED on some records does to the rest (the service's tasks are all-or-nothing):
   * - `"stop"` (default): the call stops with `AllocationsSubmissionError` naming the failed rows;
   * - `"skip"`: the task's other rows are sent again without the failed ones and the submission goes on;
   *   the call resolves with `finished: true` and the failed rows (service codes and messages, by input index)
   *   in `failed`. Calling again with the same list tries the failed rows once more.
   */
  onRecordFailure?: "stop" | "skip";
  /**
   * Expected run time of one task, in milliseconds, used with `deadline` until a
   * task was timed: the longest this call saw, else the attribution's latest
   * task (its `EndedAt − StartedAt`, plus the waiter's delay in noticing it).
   * Without one, the first task is started and timed.
   */
  taskDurationEstimateMs?: number;
  /**
   * Starts per second, shared by every call on this client; default 1, the
   * published quota of StartRevenueAttributionAllocationsTask per account.
   * Raise it only with the account's quota (Service Quotas).
   */
  startsPerSecond?: number;
}

/**
 * Input of {@link submitAllocations}: the service data, which identifies the
 * submission (calling again with the same input resumes it).
 */
export type SubmitAllocationsInput = AllocationsSubmissionInput;

/** Result of {@link submitAllocations}: where every input index stands. */
export interface SubmitAllocationsOutput extends AllocationsReport {
  /**
   * True when nothing is left to send: every change is committed, or (with `onRecordFailure: "skip"`) committed
   * or in `failed`. False when the deadline stopped the call: call again.
   */
  finished: boolean;
  /** The attribution's revision after the last COMPLETE task (or as read, when nothing was left). */
  revision: string;
  /** The COMPLETE tasks this call started, in order. */
  tasks: GetRevenueAttributionAllocationsTaskOutput[];
  /**
   * Tasks the submission still needs (0 when finished), including
   * `pendingTaskId`'s; undefined when the deadline came before the attribution was reconciled.
   */
  tasksRemaining: number | undefined;
  /** A task left IN_PROGRESS at the deadline; the next call waits for it. */
  pendingTaskId?: string;
  /**
   * Why the call stopped when `finished` is false: the next task's expected run time and the time left, a task
   * still running at the deadline, the deadline coming during a read, or starts throttled until the deadline.
   */
  reason?: string;
  /**
   * Per input index (join it with your `labels`): the allocation id of each committed row, the one a CREATE
   * produced or an UPDATE's. Undefined for rows not committed, and for CREATEs this call committed when the
   * deadline came before it could read them back (calling again, which then sends nothing, fills them).
   */
  allocationIds: (string | undefined)[];
}

/** Room kept before the deadline for returning. */
const DEADLINE_MARGIN_MS = 1_000;

/**
 * Wall time to expect for a task the service ran in `serviceMs`: the waiter
 * notices the end up to one delay later, and its delay grows to about 0.7 ×
 * the time waited so far (at most `maxDelayMs`).
 */
export function expectedTaskMs(serviceMs: number, maxDelayMs: number): number {
  return serviceMs + Math.min(maxDelayMs, serviceMs * 0.7);
}
/**
 * Rounds of "read, settle, reconcile" one call makes at most. A round ends
 * when a twin or another writer moved the attribution under this call; each
 * such round follows someone's progress, so a few suffice in practice.
 */
const MAX_ROUNDS = 20;

type IndexStatus = "unknown" | "alreadyApplied" | "committed" | "failed" | "inDoubt" | "notApplied";

/** Every name a configuration of submitAllocations may hold. */
const CONFIGURATION_NAMES: ReadonlySet<string> = new Set<keyof SubmitAllocationsConfiguration>([
  "client",
  ...WAITER_OPTION_NAMES,
  "onProgress",
  "deadline",
  "onRecordFailure",
  "taskDurationEstimateMs",
  "startsPerSecond",
]);

const CALL_SHAPE = "submitAllocations({ client, deadline, onProgress, ... }, { Catalog, RevenueAttributionIdentifier, RevenueShareAllocations, ... })";

/** The problems of a configuration (all of them), before any request. */
function configurationProblems(config: SubmitAllocationsConfiguration, input: unknown): ConfigurationProblem[] {
  const shapeProblems = configurationShapeProblems(config, CONFIGURATION_NAMES, CALL_SHAPE);
  if (shapeProblems.length) return shapeProblems;
  const now = config.client.config.clock.now();
  const problems: ConfigurationProblem[] = [];
  const { deadline, taskDurationEstimateMs, startsPerSecond, onRecordFailure, onProgress } = config;
  const refuse = (rule: string) => problems.push({ option: "deadline", rule });
  if (deadline === undefined) {
    // no deadline
  } else if (deadline instanceof Date) {
    const at = deadline.getTime();
    if (!Number.isFinite(at)) refuse("is an invalid Date");
    else if (at <= now) refuse(`is in the past (${deadline.toISOString()}); give a future Date or a function returning the milliseconds left`);
  } else if (typeof deadline === "function") {
    let left: unknown;
    try {
      left = deadline();
    } catch (e) {
      left = `an error (${e instanceof Error ? e.message : String(e)})`;
    }
    if (typeof left !== "number" || !Number.isFinite(left)) {
      refuse(`returned ${String(left)}; it must return the milliseconds left as a finite number`);
    }
  } else {
    refuse(
      typeof deadline === "number"
        ? "must be a Date or a function returning the milliseconds left, not a number (epoch milliseconds and a duration look alike): use new Date(epochMs) or () => msLeft"
        : "must be a Date or a function returning the milliseconds left",
    );
  }
  if (onRecordFailure !== undefined && onRecordFailure !== "stop" && onRecordFailure !== "skip") {
    problems.push({ option: "onRecordFailure", rule: `must be "stop" or "skip", got ${JSON.stringify(onRecordFailure)}` });
  }
  if (onProgress !== undefined && typeof onProgress !== "function") problems.push({ option: "onProgress", rule: "must be a function" });
  const estimate = positiveMsProblem("taskDurationEstimateMs", taskDurationEstimateMs);
  if (estimate) problems.push(estimate);
  if (startsPerSecond !== undefined && !(typeof startsPerSecond === "number" && Number.isFinite(startsPerSecond) && startsPerSecond > 0)) {
    problems.push({ option: "startsPerSecond", rule: `must be a positive number, got ${String(startsPerSecond)}` });
  }
  problems.push(...checkWaiterOptions(config)); // before any request: a bad value found after a start would leave it in doubt
  problems.push(...misplacedOptionProblems(input, CONFIGURATION_NAMES, "submitAllocations"));
  return problems;
}

/** Milliseconds left before the deadline (Infinity without one; 0 when the function stops returning a finite number). */
function remainingMsOf(deadline: SubmitAllocationsDeadline | undefined, now: () => number): () => number {
  if (deadline === undefined) return () => Infinity;
  if (typeof deadline === "function") {
    return () => {
      const left = Number(deadline());
      return Number.isFinite(left) ? left : 0;
    };
  }
  const at = deadline.getTime();
  return () => at - now();
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

/** A start refused because the attribution moved (a twin or another writer started first): read it again. */
function attributionMoved(error: unknown): boolean {
  return error instanceof ConflictException && (error.Reason === "REVISION_MISMATCH" || error.Reason === "CONCURRENT_MODIFICATION");
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === "function";

/**
 * Submits any number of allocation changes to a revenue attribution, exactly
 * once each, and can be resumed by calling it again with the same arguments.
 *
 * 1. Validates everything before any request; all problems are reported at
 *    once as `ClientValidationError`, by absolute index
 *    (`RevenueShareAllocations[599].EffectiveUntil`).
 * 2. Reads the attribution: its revision and latest task. A task still
 *    IN_PROGRESS (say, of a run that was killed, or of a concurrent identical
 *    call) is waited for, never duplicated.
 * 3. Reconciles the changes with the attribution's allocations by content:
 *    changes already applied are skipped; a stored allocation that
 *    contradicts a change is a conflict (see docs/batch-resume.md). The latest
 *    task of this same submission FAILED on rows that would fail again: it
 *    stops with that failure rather than repeat it.
 * 4. Starts the chunks' tasks in input order (at most `chunkSize` changes
 *    each; two UPDATEs of one allocation go to different tasks), waiting for
 *    each and chaining the revision it returns. Each task's `Description`
 *    ends with the submission's marker, and its `ClientToken` is derived from
 *    the submission, so a later or concurrent call recognises and does not
 *    repeat it. When another task takes the attribution's lead meanwhile, it
 *    reads and reconciles again. Starts are paced per client
 *    (`startsPerSecond`) and a throttled start is sent again, unchanged,
 *    after a jittered backoff while the deadline and `maxWaitMs` allow.
 *
 * ```ts
 * const result = await submitAllocations(
 *   { client, deadline: () => context.getRemainingTimeInMillis() },
 *   { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567", RevenueShareAllocations: rows },
 * );
 * if (!result.finished) return { again: true }; // the next invocation, same arguments, continues
 * ```
 *
 * Resolves with `finished: true` and the final revision once every change is
 * committed (also when nothing was left to do), or `finished: false` when the
 * `deadline` stopped it.
 *
 * @throws InvalidConfigurationError when an option is bad, unknown, renamed (the old seconds-based names) or
 *   put in the input, or a client is passed first (the old call shape); before any request.
 * @throws ClientValidationError when the input breaks a rule (before any request), or a business rule the
 *   stored allocations let it check (before any start; see `planAllocations`).
 * @throws AllocationsConflictError when the attribution contradicts the submission before this call started a
 *   task; nothing is sent. Each conflict names the input index, the values that differ and what to do. (Found only
 *   after this call's tasks, it is the `cause` of an AllocationsSubmissionError reporting what is committed.)
 * @throws AllocationsSubmissionError when anything else stops it: its report says which input indexes are
 *   committed, failed (a FAILED task's records, with the service's codes), in doubt and not applied; `cause`
 *   holds the underlying error (`AllocationsTaskFailedError`, a `ConflictException`, `WaiterTimeoutError`,
 *   `AbortError`, `NetworkError`, a `ThrottlingException` that outlasted `maxWaitMs`, or what
 *   `onProgress`/`onPoll` threw); its message says how to continue.
 */
export async function submitAllocations(
  config: SubmitAllocationsConfiguration,
  input: SubmitAllocationsInput,
): Promise<SubmitAllocationsOutput> {
  assertConfiguration("submitAllocations", configurationProblems(config, input));
  const { client, onProgress } = config;
  const clock = client.config.clock;
  const s = await prepareSubmission(client, input, "submitAllocations");
  const { Catalog, RevenueAttributionIdentifier } = input;
  const items = s.items;
  const remainingMs = remainingMsOf(config.deadline, () => clock.now());
  const maxWaitMs = config.maxWaitMs ?? ALLOCATIONS_TASK_WAITER_DEFAULTS.maxWaitMs;
  const status: IndexStatus[] = items.map(() => "unknown");
  const failed = new Map<number, FailedAllocation>(); // by input index: the latest failure of each row
  const allocationIds: (string | undefined)[] = items.map((item) => (item.Action === "UPDATE" ? item.RevenueAttributionAllocationId : undefined));
  const tasks: GetRevenueAttributionAllocationsTaskOutput[] = [];
  let revision: string | undefined;
  let taskId: string | undefined; // the task whose outcome is pending
  let tasksRemaining: number | undefined;
  let startedAny = false;

  // A rejected onPoll promise ends the wait it came from (through this signal) and the call with it as cause.
  const callbackAbort = new AbortController(); // also carries the caller's abortSignal
  let callbackFailure: { error: unknown } | undefined;
  const callbackFailed = (error: unknown) => {
    callbackFailure ??= { error };
    callbackAbort.abort(error);
  };
  // The caller's abort reaches every request and wait through the same signal (removed when the call ends).
  const forwardAbort = () => callbackAbort.abort(config.abortSignal!.reason);
  if (config.abortSignal?.aborted) forwardAbort();
  else config.abortSignal?.addEventListener("abort", forwardAbort, { once: true });
  const abortSignal = callbackAbort.signal;
  const userOnPoll = config.onPoll;
  const onPoll: AllocationsTaskWaiterOptions["onPoll"] = userOnPoll
    ? (task, attempt) => {
        let returned: unknown;
        try {
          returned = userOnPoll(task, attempt);
        } catch (e) {
          callbackFailed(e);
          throw e;
        }
        if (isPromiseLike(returned)) returned.then(undefined, callbackFailed);
      }
    : undefined;

  const set = (indexes: readonly number[], to: IndexStatus) => indexes.forEach((i) => (status[i] = to));
  const where = (...of: IndexStatus[]) => toRanges(status.flatMap((st, i) => (of.includes(st) ? [i] : [])));
  const report = (): AllocationsReport => ({
    committed: where("alreadyApplied", "committed"),
    alreadyApplied: where("alreadyApplied"),
    failed: [...failed.values()].sort((a, b) => a.index - b.index),
    inDoubt: where("inDoubt", "unknown"),
    notApplied: where("notApplied"),
  });
  const stop = (cause: unknown) =>
    new AllocationsSubmissionError({
      ...report(),
      recordsTotal: items.length,
      revision,
      taskId,
      tasks: [...tasks],
      cause: callbackFailure && (cause instanceof AbortError || cause === callbackFailure.error) ? callbackFailure.error : cause,
    });
  const isCommitted = (i: number) => status[i] === "committed" || status[i] === "alreadyApplied";
  const result = (finished: boolean, reason?: string): SubmitAllocationsOutput => ({
    finished,
    ...(reason !== undefined ? { reason } : {}),
    ...report(),
    revision: revision!,
    tasks,
    tasksRemaining,
    pendingTaskId: taskId,
    allocationIds: allocationIds.map((id, i) => (isCommitted(i) ? id : undefined)),
  });
  /** Reads back the ids of the CREATEs this call committed (one listing at the final revision), within the deadline. */
  const readCreatedIds = async () => {
    if (!items.some((_item, i) => isCommitted(i) && allocationIds[i] === undefined)) return;
    try {
      const found = await allocationIdsAt(client, s, revision!, reads);
      found.forEach((id, i) => (allocationIds[i] ??= id));
    } catch (e) {
      if (!(e instanceof DeadlineReached)) throw stop(e);
    }
  };
  /** Marks rows failed, keeping one (the latest) failure per row. */
  const recordFailed = (mapped: readonly FailedAllocation[]) => {
    for (const f of withLabels(mapped, input.labels)) {
      failed.set(f.index, f);
      status[f.index] = "failed";
    }
  };
  const skipFailures = config.onRecordFailure === "skip";
  const runningAtDeadline = (id: string, who: string) =>
    `the deadline came while task ${id} (${who}) was IN_PROGRESS; the next call waits for it`;
  /**
   * After a start that got only 429s: true when nothing of it was applied, because the refusal proves it or
   * the attribution's latest task is still the one before the start. A failed read proves nothing (in doubt).
   */
  const throttledStartNotApplied = async (throttled: ThrottlingException, previousTaskId: string | undefined) => {
    if (startCertainlyRejected(throttled)) return true;
    try {
      return (await readLatestTask(client, s, { abortSignal }))?.TaskId === previousTaskId;
    } catch {
      return false;
    }
  };
  /** Statuses from a reconciliation: applied rows are committed (by this call's or a twin's tasks) or were already applied. */
  const adopt = (r: Reconciliation) => {
    r.applied.forEach((isApplied, i) => {
      if (isApplied) failed.delete(i); // a row that failed earlier and is applied since (by someone else)
      if (isApplied) {
        status[i] = status[i] === "committed" || startedAny ? "committed" : "alreadyApplied";
        allocationIds[i] ??= r.allocationIds[i];
      }
      else if (status[i] !== "failed") status[i] = "notApplied";
    });
    tasksRemaining = r.remaining.length;
  };
  const checkTime = () => {
    const leftMs = remainingMs();
    if (leftMs < DEADLINE_MARGIN_MS) {
      throw new DeadlineReached(
        `the deadline came while reading the attribution (${Math.max(0, Math.round(leftMs))} ms left; ${DEADLINE_MARGIN_MS} ms are kept for returning)`,
      );
    }
  };
  const reads = { abortSignal, checkTime };
  const checkCallbacks = () => {
    if (callbackFailure) throw stop(callbackFailure.error);
  };

  /** Waits for a task within the deadline; `undefined` when the deadline came first. */
  const waitFor = async (TaskId: string): Promise<GetRevenueAttributionAllocationsTaskOutput | undefined> => {
    const budgetMs = remainingMs() - DEADLINE_MARGIN_MS;
    if (budgetMs <= 0) return undefined;
    const byDeadline = budgetMs < maxWaitMs;
    try {
      const task = await waitUntilAllocationsTaskComplete(
        { client, maxWaitMs: byDeadline ? budgetMs : maxWaitMs, minDelayMs: config.minDelayMs, maxDelayMs: config.maxDelayMs, abortSignal, onPoll },
        { Catalog, RevenueAttributionIdentifier, TaskId },
      );
      return withoutMetadata(task);
    } catch (e) {
      if (e instanceof WaiterTimeoutError && byDeadline) return undefined;
      throw e;
    }
  };

  const maxDelayMs = config.maxDelayMs ?? ALLOCATIONS_TASK_WAITER_DEFAULTS.maxDelayMs;
  let longestTaskMs: number | undefined;
  let movedBy: unknown; // why the last round ended early (a superseded wait, a refused start)
  try {
    rounds: for (let round = 1; ; round++) {
      if (round > MAX_ROUNDS) throw stop(movedBy);
      // 1. Read the attribution; a task still running (ours from a killed run, a twin's, another writer's) ends first.
      let snapshot: AttributionSnapshot;
      try {
        snapshot = await readSnapshot(client, s, reads);
        revision = snapshot.revision;
        const running = snapshot.latestTask;
        if (running?.Status === "IN_PROGRESS") {
          // Where every row stands while it runs, for a report if the wait ends early.
          adopt(await reconcileSubmission(client, s, snapshot.revision, running, reads));
          const marker = ownMarker(s, running);
          const chunk = marker && s.chunks[marker.chunkIndex];
          if (chunk) set(pendingTasks([chunk], status.map((st) => st === "alreadyApplied" || st === "committed"))[0]?.indexes ?? [], "inDoubt");
          taskId = running.TaskId;
          try {
            if (!(await waitFor(running.TaskId))) {
              return result(false, runningAtDeadline(running.TaskId, marker ? "this submission's, started earlier" : "another writer's"));
            }
          } catch (e) {
            // FAILED (the next read names its rows), or superseded by a later task: read again.
            if (!(e instanceof AllocationsTaskFailedError) && !(e instanceof AllocationsTaskSupersededError)) throw e;
          }
          taskId = undefined;
          checkCallbacks();
          continue rounds;
        }
      } catch (e) {
        if (e instanceof DeadlineReached || e instanceof AllocationsSubmissionError) throw e;
        throw stop(e);
      }
      let r: Reconciliation;
      try {
        r = await reconcileSubmission(client, s, snapshot.revision, snapshot.latestTask, reads);
      } catch (e) {
        if (e instanceof DeadlineReached) throw e;
        throw stop(e);
      }
      try {
        assertNoConflicts(r);
        checkRulesBeforeStart(client, "submitAllocations", s, r);
      } catch (e) {
        // A conflict or a broken rule found only now (another writer changed the attribution since this call's
        // first round): this call has committed tasks, so the error must say which rows those are, not only
        // which rows conflict or break the rule (the cause, an AllocationsConflictError or ClientValidationError).
        if (!startedAny) throw e;
        adopt(r);
        throw stop(e);
      }
      adopt(r);
      const failure = r.lastTaskFailure;
      if (failsAgain(failure) && snapshot.latestTask) {
        // This submission's last task FAILED on rows it still holds unchanged: report it rather than repeat it
        // (with "skip", leave those rows out and go on).
        recordFailed(failure!.failed);
        if (!skipFailures) throw stop(new AllocationsTaskFailedError(snapshot.latestTask));
      }
      let previousTaskId = snapshot.latestTask?.TaskId; // the attribution's latest task before the next start
      const latestEnded = snapshot.latestTask; // ended (a running one was waited for above): its run time is an estimate
      const latestServiceMs = serviceTimeMs(latestEnded);

      // 2. Run what is left, one task at a time, in order (rows this call saw fail are left out with "skip").
      const queue = r.remaining
        .map((t) => ({ ...t, indexes: t.indexes.filter((i) => status[i] !== "failed") }))
        .filter((t) => t.indexes.length > 0);
      tasksRemaining = queue.length;
      while (queue.length) {
        const pending = queue.shift()!;
        tasksRemaining = queue.length + 1;
        const { expectedMs, source } =
          longestTaskMs !== undefined
            ? { expectedMs: longestTaskMs, source: "the longest task of this call" }
            : latestServiceMs !== undefined
              ? { expectedMs: expectedTaskMs(latestServiceMs, maxDelayMs), source: `task ${latestEnded!.TaskId} took ${seconds(latestServiceMs)} s` }
              : config.taskDurationEstimateMs !== undefined
                ? { expectedMs: config.taskDurationEstimateMs, source: "taskDurationEstimateMs" }
                : { expectedMs: 0, source: "" }; // nothing known yet: this task is the measurement
        const leftMs = remainingMs() - DEADLINE_MARGIN_MS;
        if (leftMs <= 0 || leftMs < expectedMs) {
          return result(
            false,
            `the next task is expected to take ${seconds(expectedMs)} s (${source}), more than the ${seconds(Math.max(0, leftMs))} s ` +
              `left before the deadline (less a ${DEADLINE_MARGIN_MS / 1000} s margin)`,
          );
        }
        checkCallbacks();
        if (config.abortSignal?.aborted) throw stop(new AbortError(undefined, { cause: config.abortSignal.reason }));
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
          baseRevision: r.baseRevision,
        });
        set(pending.indexes, "inDoubt");
        const startedAt = clock.now();
        const command = new StartRevenueAttributionAllocationsTaskCommand({
          Catalog,
          RevenueAttributionIdentifier,
          RevenueAttributionRevision: revision!,
          RevenueShareAllocations: pending.indexes.map((i) => items[i]!),
          ClientToken,
          Description,
        });
        // Throttling is waited out while the task could still finish before the deadline, and for at most maxWaitMs.
        const throttledUntil = clock.now() + maxWaitMs;
        const budgetMs = () => Math.min(remainingMs() - DEADLINE_MARGIN_MS - expectedMs, throttledUntil - clock.now());
        try {
          const started = await sendStartPaced(client, command, 1000 / (config.startsPerSecond ?? 1), budgetMs, abortSignal);
          if ("throttled" in started) {
            if (await throttledStartNotApplied(started.throttled, previousTaskId)) set(pending.indexes, "notApplied");
            if (remainingMs() - DEADLINE_MARGIN_MS - expectedMs < throttledUntil - clock.now()) {
              return result(
                false,
                `the start of chunk ${pending.chunkIndex + 1} of ${s.chunks.length} was throttled (429) until the deadline left no time to run it`,
              );
            }
            throw started.throttled; // throttled for maxWaitMs
          }
          taskId = started.output.TaskId;
          startedAny = true;
        } catch (e) {
          if (startCertainlyRejected(e)) {
            set(pending.indexes, "notApplied");
            if (attributionMoved(e)) {
              movedBy = e;
              continue rounds; // a twin or another writer went first: reconcile again
            }
          }
          throw stop(e);
        }

        let task: GetRevenueAttributionAllocationsTaskOutput | undefined;
        try {
          task = await waitFor(taskId);
        } catch (e) {
          if (e instanceof AllocationsTaskSupersededError) {
            // A later task leads: a twin's continuation or another writer's. Read again; the content tells.
            movedBy = e;
            taskId = undefined;
            checkCallbacks();
            continue rounds;
          }
          if (e instanceof AllocationsTaskFailedError) {
            const mapped = mapFailures(items, pending.indexes, e.TaskId, e.ErrorDetailList);
            set(pending.indexes, "notApplied");
            recordFailed(mapped);
            const rest = pending.indexes.filter((i) => status[i] !== "failed");
            if (skipFailures && mapped.length > 0) {
              // The task applied nothing: send its other rows again, without the failed ones.
              previousTaskId = e.TaskId;
              taskId = undefined;
              if (rest.length) queue.unshift({ chunkIndex: pending.chunkIndex, indexes: rest });
              continue;
            }
          }
          throw stop(e); // otherwise the task stays in doubt
        }
        if (!task) return result(false, runningAtDeadline(taskId, "this call's"));
        longestTaskMs = Math.max(longestTaskMs ?? 0, clock.now() - startedAt);
        set(pending.indexes, "committed");
        tasks.push(task);
        previousTaskId = taskId;
        taskId = undefined;
        tasksRemaining = queue.length;
        if (typeof task.RevenueAttributionLatestRevision !== "string") {
          revision = undefined;
          throw stop(new PartnerCentralRevenueMeasurementError(`Task ${task.TaskId} is COMPLETE without RevenueAttributionLatestRevision`));
        }
        revision = task.RevenueAttributionLatestRevision;
        checkCallbacks();
        try {
          await onProgress?.({
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
      tasksRemaining = 0;
      await readCreatedIds();
      return result(true);
    }
  } catch (e) {
    if (e instanceof DeadlineReached) return result(false, e.message);
    throw e;
  } finally {
    config.abortSignal?.removeEventListener("abort", forwardAbort);
  }
}

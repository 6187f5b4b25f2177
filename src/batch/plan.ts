/**
 * Reading an attribution for a submission and deciding what is left to do:
 * shared by `planAllocations` (which stops there) and `submitAllocations`.
 */
import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import type { PartnerCentralRevenueMeasurementClient } from "../client.js";
import {
  GetRevenueAttributionAllocationsTaskCommand,
  type GetRevenueAttributionAllocationsTaskOutput,
  GetRevenueAttributionCommand,
  ClientValidationError,
  PartnerCentralRevenueMeasurementError,
  ResourceNotFoundException,
  type ValidationExceptionField,
  paginateListRevenueAttributionAllocations,
  validateRevenueShareAllocations,
} from "../index.js";
import type { CatalogName, RevenueAttributionAllocationSummary, RevenueShareAllocation } from "../models.js";
import { collectIssues } from "../validation/core.js";
import {
  CatalogName as CatalogNameSchema,
  Description as DescriptionSchema,
  RevenueAttributionIdentifier as RevenueAttributionIdentifierSchema,
  RevisionToken,
} from "../validation/shapes.js";
import { AllocationsConflictError, TRANSIENT_RECORD_ERRORS } from "./errors.js";
import { toRanges, type IndexRange } from "./ranges.js";
import { assertBusinessRules } from "./rules.js";
import {
  chunksOf,
  mapFailures,
  pendingTasks,
  reconcile,
  type AllocationConflict,
  type Chunk,
  type FailedAllocation,
  type PendingTask,
  withLabels,
} from "./reconcile.js";
import { assertConfiguration, configurationShapeProblems, misplacedOptionProblems } from "../options.js";
import { MARKER_MAX_LENGTH, parseMarker, submissionIdOf, type SubmissionMarker } from "./resume.js";

/** Most changes one StartRevenueAttributionAllocationsTask accepts. */
export const MAX_ALLOCATIONS_PER_TASK = 250;

/** What identifies a submission: the same members make the same submission, so calling again resumes it. */
export interface AllocationsSubmissionInput {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  RevenueAttributionIdentifier: string;
  /**
   * The revision the changes were prepared against (optional). When given, a
   * call applies the rest only if every allocation that changed since then
   * was written by this submission (metadata edits do not count), and throws
   * `AllocationsConflictError` otherwise.
   */
  RevenueAttributionRevision?: string;
  /** Any number (at least one) of changes, applied in this order. */
  RevenueShareAllocations: readonly RevenueShareAllocation[];
  /** Sent with every task, followed by the submission's marker; at most 960 characters. */
  Description?: string;
  /** Changes per task, 1..250; default 250. */
  chunkSize?: number;
  /**
   * Your own id or label per row (same length as `RevenueShareAllocations`, at most 256 characters each), carried
   * as `label` into every failure and conflict. Not part of what identifies the submission.
   */
  labels?: readonly (string | undefined)[];
}

/** A validated submission with its chunks and id. */
export interface Submission {
  input: AllocationsSubmissionInput;
  items: readonly RevenueShareAllocation[];
  chunks: Chunk[];
  submissionId: string;
}

const MAX_DESCRIPTION = 1024 - MARKER_MAX_LENGTH;
const MAX_LABEL = 256;

const TopLevelSchema = lazyObject({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifierSchema,
  RevenueAttributionRevision: () => z.optional(RevisionToken()),
  Description: () => z.optional(DescriptionSchema()),
});

function validate(input: AllocationsSubmissionInput, all: boolean): ValidationExceptionField[] {
  if (typeof input !== "object" || input === null) {
    return [{ Name: "input", Code: "INVALID_VALUE", Message: "must be an object: { Catalog, RevenueAttributionIdentifier, RevenueShareAllocations }" }];
  }
  const problems: ValidationExceptionField[] = [];
  const { chunkSize, Description } = input;
  if (chunkSize !== undefined && (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_ALLOCATIONS_PER_TASK)) {
    problems.push({ Name: "chunkSize", Code: "INVALID_VALUE", Message: `must be a whole number from 1 to ${MAX_ALLOCATIONS_PER_TASK}` });
  }
  if (typeof Description === "string" && Description.length > MAX_DESCRIPTION) {
    problems.push({
      Name: "Description",
      Code: "INVALID_STRING_LENGTH",
      Message: `must be at most ${MAX_DESCRIPTION} characters (the tasks append a resume marker)`,
    });
  }
  const items = input.RevenueShareAllocations as unknown;
  if (!Array.isArray(items)) {
    problems.push({ Name: "RevenueShareAllocations", Code: "INVALID_VALUE", Message: "must be an array" });
  } else if (items.length === 0) {
    problems.push({ Name: "RevenueShareAllocations", Code: "TOO_MANY_VALUES", Message: "must hold at least 1 item" });
  }
  const labels = input.labels as unknown;
  if (labels !== undefined) {
    if (!Array.isArray(labels) || (Array.isArray(items) && labels.length !== items.length)) {
      problems.push({ Name: "labels", Code: "INVALID_VALUE", Message: "must be an array with one entry per item of RevenueShareAllocations" });
    } else {
      labels.forEach((label: unknown, i) => {
        if (label !== undefined && (typeof label !== "string" || label.length > MAX_LABEL)) {
          problems.push({ Name: `labels[${i}]`, Code: "INVALID_VALUE", Message: `must be a string of at most ${MAX_LABEL} characters, or undefined` });
        }
      });
    }
  }
  if (!all) return problems;
  problems.unshift(...collectIssues(TopLevelSchema, undefined, input, { now: Date.now() }));
  if (Array.isArray(items)) problems.push(...validateRevenueShareAllocations(items));
  return problems;
}

/**
 * Validates a submission (all problems at once, before any request) and
 * derives its chunks and id. Throws `ClientValidationError`.
 */
export async function prepareSubmission(
  client: PartnerCentralRevenueMeasurementClient,
  input: AllocationsSubmissionInput,
  operation: string,
): Promise<Submission> {
  const problems = validate(input, client.config.validation);
  if (problems.length) throw new ClientValidationError(operation, problems);
  const items = input.RevenueShareAllocations;
  const chunkSize = input.chunkSize ?? MAX_ALLOCATIONS_PER_TASK;
  const submissionId = await submissionIdOf({
    Catalog: input.Catalog,
    RevenueAttributionIdentifier: input.RevenueAttributionIdentifier,
    RevenueAttributionRevision: input.RevenueAttributionRevision,
    Description: input.Description,
    chunkSize,
    items,
  });
  return { input, items, chunks: chunksOf(items, chunkSize), submissionId };
}

/** How a read of the attribution is bounded: the caller's abort signal, and a check of the deadline before each request. */
export interface ReadOptions {
  abortSignal?: AbortSignal;
  /** Called before each request of a read; throws {@link DeadlineReached} when the deadline is too close. */
  checkTime?: () => void;
}

/** Internal: the deadline came during a read (submitAllocations then returns `finished: false`). */
export class DeadlineReached extends PartnerCentralRevenueMeasurementError {
  override readonly name = "DeadlineReached";
}

/** Reads the attribution's latest revision. */
export async function readRevision(
  client: PartnerCentralRevenueMeasurementClient,
  s: Submission,
  { abortSignal, checkTime }: ReadOptions = {},
): Promise<string> {
  const { Catalog, RevenueAttributionIdentifier: Identifier } = s.input;
  checkTime?.();
  const attribution = await client.send(new GetRevenueAttributionCommand({ Catalog, Identifier }), { abortSignal });
  const revision = attribution.LatestRevision ?? attribution.Revision;
  if (revision === undefined) {
    throw new PartnerCentralRevenueMeasurementError("GetRevenueAttribution returned no LatestRevision");
  }
  return revision;
}

/** A task as observed, without the response metadata of the poll that saw it. */
export function withoutMetadata(task: GetRevenueAttributionAllocationsTaskOutput & { $metadata?: unknown }): GetRevenueAttributionAllocationsTaskOutput {
  const { $metadata: _m, ...rest } = task;
  return rest;
}

/** Reads the attribution's latest allocations task; undefined when it has none (or no such attribution: `readRevision` tells). */
export async function readLatestTask(
  client: PartnerCentralRevenueMeasurementClient,
  s: Submission,
  { abortSignal, checkTime }: ReadOptions = {},
): Promise<GetRevenueAttributionAllocationsTaskOutput | undefined> {
  const { Catalog, RevenueAttributionIdentifier } = s.input;
  checkTime?.();
  try {
    return withoutMetadata(
      await client.send(new GetRevenueAttributionAllocationsTaskCommand({ Catalog, RevenueAttributionIdentifier }), { abortSignal }),
    );
  } catch (e) {
    if (e instanceof ResourceNotFoundException) return undefined;
    throw e;
  }
}

/** The attribution's revision with its latest task, read so that they belong together. */
export interface AttributionSnapshot {
  revision: string;
  latestTask: GetRevenueAttributionAllocationsTaskOutput | undefined;
}

/**
 * Reads the latest task, the revision, then the latest task again, until both
 * task reads agree (same task, same status): then no task started or ended
 * in between, so the revision is the one that task left. (A start still on
 * its way from a killed run can land at any moment.)
 */
export async function readSnapshot(
  client: PartnerCentralRevenueMeasurementClient,
  s: Submission,
  options: ReadOptions = {},
): Promise<AttributionSnapshot> {
  let before = await readLatestTask(client, s, options);
  for (let reads = 1; reads <= SNAPSHOT_READS; reads++) {
    const revision = await readRevision(client, s, options);
    const after = await readLatestTask(client, s, options);
    if (after?.TaskId === before?.TaskId && after?.Status === before?.Status) return { revision, latestTask: after };
    before = after;
  }
  throw new PartnerCentralRevenueMeasurementError(`The attribution's latest task changed during ${SNAPSHOT_READS} reads`);
}

const SNAPSHOT_READS = 10;

async function allocationsAt(
  client: PartnerCentralRevenueMeasurementClient,
  s: Submission,
  revision: string,
  { abortSignal, checkTime }: ReadOptions,
): Promise<RevenueAttributionAllocationSummary[]> {
  const { Catalog, RevenueAttributionIdentifier } = s.input;
  const out: RevenueAttributionAllocationSummary[] = [];
  checkTime?.();
  const pages = paginateListRevenueAttributionAllocations(
    { client, pageSize: 500, abortSignal },
    { Catalog, RevenueAttributionIdentifier, RevenueAttributionRevision: revision },
  );
  for await (const page of pages) {
    out.push(...(page.RevenueAttributionAllocationSummaries ?? []));
    checkTime?.(); // before the next page's request
  }
  return out;
}

/** The marker of `task` when it belongs to this submission. */
export function ownMarker(s: Submission, task: GetRevenueAttributionAllocationsTaskOutput | undefined): SubmissionMarker | undefined {
  const marker = parseMarker(task?.Description);
  return marker?.submissionId === s.submissionId ? marker : undefined;
}

/** The attribution's latest task FAILED: the input rows it named, found by content. */
export interface LastTaskFailure {
  /** The FAILED task. */
  TaskId: string;
  /**
   * True when the task was this submission's (same arguments, so the same
   * rows): unless the codes are transient (`INTERNAL_ERROR`,
   * `CONCURRENT_MODIFICATION`), the list as given fails again on `failed`.
   */
  sameSubmission: boolean;
  /** Not-applied rows of this list with the natural key (CREATE) or allocation id (UPDATE) of a failed record. */
  failed: FailedAllocation[];
}

/** True when the rows would fail again as they are (every code is one that does not go away by itself). */
export function failsAgain(failure: LastTaskFailure | undefined): boolean {
  return !!failure && failure.sameSubmission && failure.failed.length > 0 && failure.failed.every((f) => !TRANSIENT_RECORD_ERRORS.has(f.ErrorCode));
}

/** What is left of a submission, as read from the attribution. */
export interface Reconciliation {
  /** The attribution's revision the reconciliation read. */
  revision: string;
  /** The revision the submission's tasks start from: the given one, the one in the latest task's marker, or `revision`. */
  baseRevision: string;
  /** Every allocation the attribution holds at `revision`. */
  allocations: RevenueAttributionAllocationSummary[];
  /** Per input index: the attribution already reflects the change. */
  applied: boolean[];
  /** The tasks still to run, in order. */
  remaining: PendingTask[];
  conflicts: AllocationConflict[];
  /** When the attribution's latest task FAILED: the rows of this list it named. */
  lastTaskFailure?: LastTaskFailure;
  /** Per input index: the stored allocation an applied CREATE is, or an UPDATE's id. */
  allocationIds: (string | undefined)[];
}

/**
 * Decides what is left, by content: the changes are compared with the
 * allocations at `revision` and, when the submission has a base revision
 * (given, or found in its own latest task's marker), with those at the base
 * (see {@link reconcile}). Only allocations are compared, so revision bumps
 * of attribution metadata never conflict.
 */
export async function reconcileSubmission(
  client: PartnerCentralRevenueMeasurementClient,
  s: Submission,
  revision: string,
  latestTask: GetRevenueAttributionAllocationsTaskOutput | undefined,
  options: ReadOptions = {},
): Promise<Reconciliation> {
  const marker = ownMarker(s, latestTask);
  const given = s.input.RevenueAttributionRevision;
  const baseRevision = given ?? marker?.baseRevision ?? revision;
  const now = await allocationsAt(client, s, revision, options);
  const base = baseRevision === revision ? undefined : await allocationsAt(client, s, baseRevision, options);
  const { applied, conflicts, allocationIds } = reconcile(s.items, { now, base, baseRevision, revision, strictBase: given !== undefined });
  const labels = s.input.labels;
  let lastTaskFailure: LastTaskFailure | undefined;
  if (latestTask?.Status === "FAILED") {
    const open = s.items.flatMap((_item, i) => (applied[i] ? [] : [i]));
    lastTaskFailure = {
      TaskId: latestTask.TaskId,
      sameSubmission: marker !== undefined,
      failed: withLabels(mapFailures(s.items, open, latestTask.TaskId, latestTask.ErrorDetailList ?? []), labels),
    };
  }
  const remaining = pendingTasks(s.chunks, applied);
  return {
    revision,
    baseRevision,
    allocations: now,
    applied,
    remaining,
    // With nothing left to send, nothing can be applied on top of another writer's changes: no conflict.
    conflicts: remaining.length ? withLabels(conflicts, labels) : [],
    ...(lastTaskFailure ? { lastTaskFailure } : {}),
    allocationIds,
  };
}

/**
 * Throws `ClientValidationError` when the tasks still to run break a business
 * rule the stored allocations let us check (see `rules.ts`); skipped with the
 * client's `validation: false`, which leaves every judgement to the service.
 */
export function checkRulesBeforeStart(client: PartnerCentralRevenueMeasurementClient, operation: string, s: Submission, r: Reconciliation): void {
  if (!client.config.validation) return;
  assertBusinessRules(operation, {
    items: s.items,
    stored: r.allocations,
    tasks: r.remaining.map((t) => t.indexes),
    now: client.config.clock.now(),
  });
}

/** Per input index, the allocation id of each applied row as stored at `revision` (CREATE by content, UPDATE by its id). */
export async function allocationIdsAt(
  client: PartnerCentralRevenueMeasurementClient,
  s: Submission,
  revision: string,
  options: ReadOptions = {},
): Promise<(string | undefined)[]> {
  const { applied, allocationIds } = reconcile(s.items, await allocationsAt(client, s, revision, options));
  return allocationIds.map((id, i) => (applied[i] ? id : undefined));
}

/** Throws {@link AllocationsConflictError} when the reconciliation found conflicts. */
export function assertNoConflicts(r: Reconciliation): void {
  if (r.conflicts.length) {
    throw new AllocationsConflictError({ conflicts: r.conflicts, revision: r.revision, baseRevision: r.baseRevision });
  }
}

/** What one change of a plan would do. */
export type PlannedChangeAction = "alreadyApplied" | "create" | "update";

/** Result of {@link planAllocations}. */
export interface AllocationsPlan {
  /** The attribution's latest revision when it was read. */
  revision: string;
  /** The revision the submission's tasks start from (see `RevenueAttributionRevision`). */
  baseRevision: string;
  /** Per input index (same order as `RevenueShareAllocations`): what the change would do. */
  actions: PlannedChangeAction[];
  /** Indexes already applied. */
  alreadyApplied: IndexRange[];
  /** Indexes that would create an allocation. */
  toCreate: IndexRange[];
  /** Indexes that would update an allocation. */
  toUpdate: IndexRange[];
  /** Tasks `submitAllocations` would start. */
  taskCount: number;
  /** Conflicts `submitAllocations` would stop at (with `AllocationsConflictError`) before any write. */
  conflicts: AllocationConflict[];
  /** Per input index: the allocation id of an already applied row (an UPDATE's id for every UPDATE). */
  allocationIds: (string | undefined)[];
  /** The attribution's latest task when it was IN_PROGRESS (its outcome is not in the plan yet); `ownTask` when it is this submission's. */
  taskInProgress?: { TaskId: string; ownTask: boolean };
  /**
   * When the attribution's latest task FAILED: the rows of this list it named
   * (by natural key or allocation id), and whether it was this submission's.
   */
  lastTaskFailure?: LastTaskFailure;
  /**
   * True when the list as given would fail again: the last task of this same
   * submission FAILED on `lastTaskFailure.failed`, with codes that do not go
   * away by themselves. Fix or remove those rows first; `submitAllocations`
   * refuses to repeat it.
   */
  wouldFailAgain: boolean;
}

/** Configuration of {@link planAllocations}: the client, and an abort signal for its reads. */
export interface PlanAllocationsConfiguration {
  /** The client that sends the reads. */
  client: PartnerCentralRevenueMeasurementClient;
  /** Stops the reads with `AbortError`. */
  abortSignal?: AbortSignal;
}

/** Input of {@link planAllocations}: the same as `submitAllocations`' (the same input makes the same submission). */
export type PlanAllocationsInput = AllocationsSubmissionInput;

const PLAN_CONFIGURATION_NAMES: ReadonlySet<string> = new Set<keyof PlanAllocationsConfiguration>(["client", "abortSignal"]);

/**
 * Options of `submitAllocations` a caller may hand to `planAllocations` with
 * the same configuration object: accepted and unused, since a plan neither
 * waits nor writes.
 */
const SUBMIT_ONLY_NAMES = [
  "maxWaitMs",
  "minDelayMs",
  "maxDelayMs",
  "onPoll",
  "onProgress",
  "deadline",
  "onRecordFailure",
  "taskDurationEstimateMs",
  "startsPerSecond",
];

/**
 * Says what `submitAllocations` would do with the same input, without writing
 * anything: validates the input, reads the attribution (its revision, latest
 * task and allocations: read-only operations only) and reports per input
 * index whether the change is already applied, would create or would update
 * an allocation, how many tasks it would take, any conflict (with the row,
 * the differing values and advice), and whether the list as given would fail
 * again (`wouldFailAgain`: the last task of this same submission FAILED on
 * rows it still holds).
 *
 * ```ts
 * const plan = await planAllocations({ client }, { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567", RevenueShareAllocations: rows });
 * console.log(`${plan.taskCount} tasks; already applied: ${JSON.stringify(plan.alreadyApplied)}`);
 * ```
 *
 * @throws InvalidConfigurationError when the configuration is not `{ client, abortSignal? }` (a client passed
 *   first, an unknown option, an option put in the input); before any request.
 * @throws ClientValidationError when the input breaks a rule (before any request), or, after the reads, when
 *   the changes break a business rule the stored allocations let it check (the cap per month, overlaps, unknown
 *   UPDATE ids, the edit window; see docs/batch-rules.md), each named by input index with the numbers.
 * @throws PartnerCentralRevenueMeasurementServiceException (e.g. `ResourceNotFoundException`) or `NetworkError` when a read fails.
 */
export async function planAllocations(config: PlanAllocationsConfiguration, input: PlanAllocationsInput): Promise<AllocationsPlan> {
  const operation = "planAllocations";
  const shape = "planAllocations({ client }, { Catalog, RevenueAttributionIdentifier, RevenueShareAllocations, ... })";
  const known = new Set([...PLAN_CONFIGURATION_NAMES, ...SUBMIT_ONLY_NAMES]);
  const shapeProblems = configurationShapeProblems(config, known, shape);
  assertConfiguration(operation, shapeProblems.length ? shapeProblems : misplacedOptionProblems(input, known, operation));
  const { client, abortSignal } = config;
  const s = await prepareSubmission(client, input, operation);
  const { revision, latestTask } = await readSnapshot(client, s, { abortSignal });
  const r = await reconcileSubmission(client, s, revision, latestTask, { abortSignal });
  checkRulesBeforeStart(client, "planAllocations", s, r);
  const actions: PlannedChangeAction[] = s.items.map((item, i) =>
    r.applied[i] ? "alreadyApplied" : item.Action === "UPDATE" ? "update" : "create",
  );
  const where = (action: PlannedChangeAction) => toRanges(actions.flatMap((a, i) => (a === action ? [i] : [])));
  return {
    revision,
    baseRevision: r.baseRevision,
    actions,
    alreadyApplied: where("alreadyApplied"),
    toCreate: where("create"),
    toUpdate: where("update"),
    taskCount: r.remaining.length,
    conflicts: r.conflicts,
    allocationIds: r.allocationIds,
    ...(latestTask?.Status === "IN_PROGRESS"
      ? { taskInProgress: { TaskId: latestTask.TaskId, ownTask: ownMarker(s, latestTask) !== undefined } }
      : {}),
    ...(r.lastTaskFailure ? { lastTaskFailure: r.lastTaskFailure } : {}),
    wouldFailAgain: failsAgain(r.lastTaskFailure),
  };
}

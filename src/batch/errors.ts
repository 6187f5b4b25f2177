/**
 * The errors the batch path (`submitAllocations`, `planAllocations`) throws
 * after validation. Every member that matters is plain enumerable data, so
 * `JSON.stringify(error)` keeps it; no message or member holds a full
 * customer account id.
 */
import type { GetRevenueAttributionAllocationsTaskOutput } from "../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import { maskAccountIds, PartnerCentralRevenueMeasurementError } from "../errors.js";
import { describeIndexRanges, type IndexRange } from "./ranges.js";
import type { AllocationConflict, FailedAllocation } from "./reconcile.js";

/**
 * Where every input index of a submission stands. The four lists are
 * disjoint and together cover every index of `RevenueShareAllocations`.
 */
export interface AllocationsReport {
  /** Applied: by a task this call saw COMPLETE, or already applied when it read the attribution. */
  committed: IndexRange[];
  /** The part of `committed` that was already applied when this call read the attribution (earlier runs, or the same values written by someone). */
  alreadyApplied: IndexRange[];
  /** Changes a FAILED task named, with the service's code and message. Not applied. */
  failed: FailedAllocation[];
  /** Outcome unknown: a start that may have reached the service, or a task whose end was not seen. Calling again settles them. */
  inDoubt: IndexRange[];
  /** Not applied and nothing outstanding: never sent, or in a task that FAILED or a start the service refused. Calling again sends them. */
  notApplied: IndexRange[];
}

/** JSON of a batch error with every 12-digit run masked, the cause's members included (a service message may echo an account id). */
function redactedJSON(json: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(maskAccountIds(JSON.stringify(json))) as Record<string, unknown>;
}

/** The report's lines, for messages. */
export function describeReport(report: AllocationsReport): string {
  const failed = report.failed.slice(0, 5).map((f) => `RevenueShareAllocations[${f.index}] ${f.ErrorCode}: ${f.ErrorMessage}`);
  return [
    `Committed: ${describeIndexRanges(report.committed)}.`,
    ...(report.failed.length ? [`Failed (${report.failed.length}): ${failed.join("; ")}${report.failed.length > 5 ? "; …" : ""}.`] : []),
    ...(report.inDoubt.length ? [`Outcome unknown: ${describeIndexRanges(report.inDoubt)}.`] : []),
    `Not applied: ${describeIndexRanges(report.notApplied)}.`,
  ].join(" ");
}

/** `ConflictException (REVISION_MISMATCH): …`: the cause's name, its `Reason` when it has one, and its message. */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const reason = (cause as { Reason?: unknown }).Reason;
  return `${cause.name}${typeof reason === "string" ? ` (${reason})` : ""}: ${cause.message}`;
}

/**
 * `submitAllocations` stopped before every change was committed. The report
 * members (`committed`, `failed`, `inDoubt`, `notApplied`) say where each
 * input index stands; `cause` is the underlying error (e.g.
 * `AllocationsTaskFailedError`, a `ConflictException`, `NetworkError`,
 * `AbortError`). To continue, fix the cause if it needs fixing and call
 * `submitAllocations` again with the same arguments: it applies only what is
 * left. Thrown by `submitAllocations` only.
 *
 * ```ts
 * try {
 *   await submitAllocations(client, input);
 * } catch (e) {
 *   if (e instanceof AllocationsSubmissionError) {
 *     for (const f of e.failed) console.error(`row ${f.index}: ${f.ErrorCode} ${f.ErrorMessage}`);
 *     console.error(JSON.stringify(e)); // ranges and cause survive JSON logs, account ids masked
 *   }
 *   throw e;
 * }
 * ```
 */
export class AllocationsSubmissionError extends PartnerCentralRevenueMeasurementError implements AllocationsReport {
  override readonly name = "AllocationsSubmissionError";
  declare readonly committed: IndexRange[];
  declare readonly alreadyApplied: IndexRange[];
  declare readonly failed: FailedAllocation[];
  declare readonly inDoubt: IndexRange[];
  declare readonly notApplied: IndexRange[];
  /** Changes in the submission. */
  declare readonly recordsTotal: number;
  /** The attribution's revision when it stopped, if known. */
  declare readonly revision?: string;
  /** The task this call was waiting for when it stopped, if any. */
  declare readonly taskId?: string;
  /** The COMPLETE tasks this call saw, in order. */
  declare readonly tasks: GetRevenueAttributionAllocationsTaskOutput[];

  constructor(init: AllocationsReport & {
    recordsTotal: number;
    revision?: string;
    taskId?: string;
    tasks: GetRevenueAttributionAllocationsTaskOutput[];
    cause: unknown;
  }) {
    super(
      maskAccountIds(
        `submitAllocations stopped: ${describeCause(init.cause)}. ${describeReport(init)}` +
          (init.revision ? ` Revision ${init.revision}.` : "") +
          " Call submitAllocations again with the same arguments to continue.",
      ),
      { cause: init.cause },
    );
    const { cause: _cause, ...members } = init;
    Object.assign(this, members); // plain enumerable data: JSON keeps it
  }

  /** Name, message, the report, revision, tasks and the cause (name, message, members), account ids masked. */
  override toJSON(): Record<string, unknown> {
    return redactedJSON(super.toJSON());
  }
}

/**
 * The attribution contradicts the submission: another writer changed it
 * between this submission's tasks, or holds other values for a change it
 * would make. Thrown by `submitAllocations` before any write of the call, so
 * nothing is applied twice; `planAllocations` lists the same `conflicts`
 * without throwing. To apply the rest on top of the other writer's changes,
 * review them, then call again with `RevenueAttributionRevision` set to `revision`.
 *
 * ```ts
 * try {
 *   await submitAllocations(client, input);
 * } catch (e) {
 *   if (!(e instanceof AllocationsConflictError)) throw e;
 *   for (const c of e.conflicts) console.warn(c.index ?? "-", c.reason); // review, then:
 *   await submitAllocations(client, { ...input, RevenueAttributionRevision: e.revision });
 * }
 * ```
 */
export class AllocationsConflictError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "AllocationsConflictError";
  /** Every conflict found (account ids masked). */
  declare readonly conflicts: AllocationConflict[];
  /** The attribution's current revision. */
  declare readonly revision: string;
  /** The revision the submission was reconciled against, when known. */
  declare readonly baseRevision?: string;

  constructor(init: { conflicts: AllocationConflict[]; revision: string; baseRevision?: string }) {
    const shown = init.conflicts
      .slice(0, 5)
      .map((c) => (c.index === undefined ? c.reason : `RevenueShareAllocations[${c.index}]: ${c.reason}`));
    const more = init.conflicts.length > 5 ? "; …" : "";
    super(
      `The revenue attribution (revision ${init.revision}) conflicts with this submission: ${shown.join("; ")}${more}. Nothing was sent.`,
    );
    Object.assign(this, init); // plain enumerable data: JSON keeps it
  }

  /** Name, message, conflicts and revisions, account ids masked. */
  override toJSON(): Record<string, unknown> {
    return redactedJSON(super.toJSON());
  }
}

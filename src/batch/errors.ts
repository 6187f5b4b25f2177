/**
 * The errors the batch path (`submitAllocations`, `planAllocations`) throws
 * after validation. Their members keep everything (for code); their message,
 * `toJSON()` and `util.inspect` output are bounded (the first items, ranges
 * and totals: a few KB whatever the submission's size, so one log event
 * holds them) and hold no full account id.
 */
import { inspect } from "node:util";
import type { GetRevenueAttributionAllocationsTaskOutput } from "../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import { maskAccountIds } from "../errors.js";
import { ClientValidationError, PartnerCentralRevenueMeasurementError } from "../index.js";
import { countOf, describeIndexRanges, type IndexRange } from "./ranges.js";
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

/** How many items of a list the JSON and inspect forms keep (the total is kept beside them). */
const SHOWN_ITEMS = 10;
/** How many conflicts the JSON and inspect forms keep (each carries a reason and an advice). */
const SHOWN_CONFLICTS = 5;
/** Longest cause message kept in a batch error's message and JSON. */
const CAUSE_TEXT_MAX = 600;
/** Longest JSON of a cause kept as is; a longer one is cut to its name and message. */
const CAUSE_JSON_MAX = 1_500;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);

/** JSON of a batch error with every 12-digit run masked, the cause's members included (a service message may echo an account id). */
function redactedJSON(json: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(maskAccountIds(JSON.stringify(json))) as Record<string, unknown>;
}

/** The cause's JSON, cut to its name and message when it is long (a FAILED task's 250 error details, say). */
function boundedCause(json: unknown, cause: unknown): unknown {
  if (json === undefined || JSON.stringify(json).length <= CAUSE_JSON_MAX) return json;
  const error = cause instanceof Error ? cause : undefined;
  return { name: error?.name ?? "Error", message: cut(error?.message ?? String(cause), CAUSE_TEXT_MAX), truncated: true };
}

/** The first ranges, with the count of indexes they all cover. */
const rangesJSON = (ranges: readonly IndexRange[]) => ({
  ranges: ranges.slice(0, SHOWN_ITEMS),
  ...(ranges.length > SHOWN_ITEMS ? { rangeCount: ranges.length } : {}),
  count: countOf(ranges),
});

/** ` (label "…")` for messages, when the row has one. */
const labelText = (label: string | undefined) => (label === undefined ? "" : ` (label ${JSON.stringify(cut(label, 60))})`);

/** Error codes of a FAILED task's records that may pass when tried again unchanged. */
export const TRANSIENT_RECORD_ERRORS: ReadonlySet<string> = new Set(["INTERNAL_ERROR", "CONCURRENT_MODIFICATION"]);

/** The report's lines, for messages. */
export function describeReport(report: AllocationsReport): string {
  const failed = report.failed
    .slice(0, 5)
    .map((f) => `RevenueShareAllocations[${f.index}]${labelText(f.label)} ${f.ErrorCode}: ${cut(f.ErrorMessage, 200)}`);
  return [
    `Committed: ${describeIndexRanges(report.committed)}.`,
    ...(report.failed.length ? [`Failed (${report.failed.length}): ${failed.join("; ")}${report.failed.length > 5 ? "; …" : ""}.`] : []),
    ...(report.inDoubt.length ? [`Outcome unknown: ${describeIndexRanges(report.inDoubt)}.`] : []),
    `Not applied: ${describeIndexRanges(report.notApplied)}.`,
  ].join(" ");
}

/** `ConflictException (REVISION_MISMATCH): …`: the cause's name, its `Reason` when it has one, and its message. */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return cut(String(cause), CAUSE_TEXT_MAX);
  const reason = (cause as { Reason?: unknown }).Reason;
  return `${cause.name}${typeof reason === "string" ? ` (${reason})` : ""}: ${cut(cause.message, CAUSE_TEXT_MAX)}`;
}

/**
 * What to do next, true for the report: rows that failed for a lasting reason, or that break a business rule on
 * what the attribution now holds (a `ClientValidationError` cause), or that conflict with it (an
 * `AllocationsConflictError` cause), must be fixed first.
 */
function adviceFor(report: AllocationsReport, cause: unknown): string {
  if (cause instanceof AllocationsConflictError) {
    return (
      " Resolve the conflicts the cause names (each has its row, the stored values and advice), then call " +
      "submitAllocations again: the rows already applied are recognised by content and not sent again."
    );
  }
  if (cause instanceof ClientValidationError) {
    return (
      " Fix or remove the rows the cause names (its FieldList: they break a business rule on what the attribution now " +
      "holds), then call submitAllocations with the corrected list: the rows already applied are recognised by " +
      "content and not sent again."
    );
  }
  const lasting = report.failed.filter((f) => !TRANSIENT_RECORD_ERRORS.has(f.ErrorCode));
  if (lasting.length) {
    const rows = describeIndexRanges(lasting.map((f) => ({ first: f.index, last: f.index })));
    return (
      ` Fix or remove ${rows} (the service's reasons are in failed), then call submitAllocations with the corrected ` +
      "list: the rows already applied are recognised by content and not sent again. The list as given fails again."
    );
  }
  return " Call submitAllocations again with the same arguments to continue.";
}

/**
 * Makes `console.log(error)` / `util.inspect(error)` show the error's (masked) stack and its bounded JSON members
 * instead of every member in full. Defined per instance, in the constructor, rather than as a computed class member:
 * a class with a computed key cannot be dropped by bundlers, and handlers that never use the batch helpers would
 * carry them.
 */
function useBoundedInspect(error: Error & { toJSON(): Record<string, unknown> }): void {
  Object.defineProperty(error, inspect.custom, {
    value: (_depth: number, options: object) => {
      const { name: _n, message: _m, ...members } = error.toJSON();
      return `${maskAccountIds(error.stack ?? `${error.name}: ${error.message}`)} ${inspect(members, { ...options, depth: 4 })}`;
    },
    enumerable: false,
  });
}

/**
 * `submitAllocations` stopped before every change was committed. The report
 * members (`committed`, `failed`, `inDoubt`, `notApplied`) say where each
 * input index stands; `cause` is the underlying error (e.g.
 * `AllocationsTaskFailedError`, a `ConflictException`, `NetworkError`,
 * `AbortError`, or what `onProgress`/`onPoll` threw). The message says how
 * to continue: call again with the same arguments, or, when rows failed for
 * a lasting reason, fix or remove them first. Thrown by `submitAllocations` only.
 *
 * ```ts
 * try {
 *   await submitAllocations({ client }, input);
 * } catch (e) {
 *   if (e instanceof AllocationsSubmissionError) {
 *     for (const f of e.failed) console.error(`row ${f.index}: ${f.ErrorCode} ${f.ErrorMessage}`);
 *     console.error(JSON.stringify(e)); // bounded, ranges and cause kept, account ids masked
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
  /** The COMPLETE tasks this call started, in order. */
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
          adviceFor(init, init.cause),
      ),
      { cause: init.cause },
    );
    const { cause: _cause, ...members } = init;
    Object.assign(this, members); // plain enumerable data for code; toJSON bounds what logs get
    useBoundedInspect(this);
  }

  /**
   * Name, message, the report as the first ranges and failures with totals,
   * the first tasks with their count, revision and the (bounded) cause,
   * account ids masked: a few KB whatever the submission's size.
   */
  override toJSON(): Record<string, unknown> {
    const full = super.toJSON();
    return redactedJSON({
      name: this.name,
      message: this.message,
      recordsTotal: this.recordsTotal,
      ...(this.revision !== undefined ? { revision: this.revision } : {}),
      ...(this.taskId !== undefined ? { taskId: this.taskId } : {}),
      committed: this.committed.slice(0, SHOWN_ITEMS),
      alreadyApplied: this.alreadyApplied.slice(0, SHOWN_ITEMS),
      failed: this.failed.slice(0, SHOWN_ITEMS).map((f) => ({ ...f, ErrorMessage: cut(f.ErrorMessage, 200) })),
      inDoubt: this.inDoubt.slice(0, SHOWN_ITEMS),
      notApplied: this.notApplied.slice(0, SHOWN_ITEMS),
      counts: {
        committed: rangesJSON(this.committed).count,
        alreadyApplied: rangesJSON(this.alreadyApplied).count,
        inDoubt: rangesJSON(this.inDoubt).count,
        notApplied: rangesJSON(this.notApplied).count,
      },
      failedCount: this.failed.length,
      tasks: this.tasks.slice(-3).map(({ TaskId, Status, RevenueAttributionLatestRevision, TotalRevenueAttributionAllocationRecords }) => ({
        TaskId,
        Status,
        RevenueAttributionLatestRevision,
        TotalRevenueAttributionAllocationRecords,
      })),
      taskCount: this.tasks.length,
      ...(full.cause !== undefined ? { cause: boundedCause(full.cause, this.cause) } : {}),
    });
  }
}

/**
 * The attribution contradicts the submission: a stored allocation holds
 * other values than a change writes (another writer, or an edited list), or,
 * with a base revision, an allocation changed since then not by this
 * submission. Thrown by `submitAllocations` before any write of the call, so
 * nothing is applied twice; `planAllocations` lists the same `conflicts`
 * without throwing. Each conflict names the input index (when it is about a
 * row), the values that differ and its `advice`, a recovery that works:
 * remove the row, turn a CREATE into an UPDATE of the stored allocation, or
 * call again with `RevenueAttributionRevision` set to `revision`.
 *
 * ```ts
 * try {
 *   await submitAllocations({ client }, input);
 * } catch (e) {
 *   if (!(e instanceof AllocationsConflictError)) throw e;
 *   for (const c of e.conflicts) console.warn(c.index ?? "-", c.reason, "->", c.advice);
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
      .slice(0, 3)
      .map((c) => `${c.index === undefined ? "" : `RevenueShareAllocations[${c.index}]${labelText(c.label)}: `}${cut(c.reason, 400)} (${cut(c.advice, 300)})`);
    const more = init.conflicts.length > shown.length ? `; and ${init.conflicts.length - shown.length} more` : "";
    const count = init.conflicts.length === 1 ? "1 conflict" : `${init.conflicts.length} conflicts`;
    super(
      maskAccountIds(
        `The revenue attribution (revision ${init.revision}) contradicts this submission, ${count}: ${shown.join("; ")}${more}. No task was started after they were found.`,
      ),
    );
    Object.assign(this, init); // plain enumerable data for code; toJSON bounds what logs get
    useBoundedInspect(this);
  }

  /** Name, message, the first conflicts with their count, and revisions, account ids masked. */
  override toJSON(): Record<string, unknown> {
    return redactedJSON({
      name: this.name,
      message: this.message,
      revision: this.revision,
      ...(this.baseRevision !== undefined ? { baseRevision: this.baseRevision } : {}),
      conflicts: this.conflicts.slice(0, SHOWN_CONFLICTS).map((c) => ({ ...c, reason: cut(c.reason, 400), advice: cut(c.advice, 300) })),
      conflictCount: this.conflicts.length,
    });
  }
}

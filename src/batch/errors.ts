/**
 * The error `submitAllocations` rejects with once it has sent anything: it
 * states which chunks (and which record indexes) were committed, which were
 * not, and which one has an unknown outcome.
 */
import type { GetRevenueAttributionAllocationsTaskOutput } from "../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import { PartnerCentralRevenueMeasurementError, PartnerCentralRevenueMeasurementServiceException } from "../errors.js";

/** One chunk of a submission: its 0-based index and the absolute indexes of its records (inclusive). */
export interface AllocationsChunkRange {
  /** 0-based chunk index. */
  chunkIndex: number;
  /** Index in `RevenueShareAllocations` of the chunk's first record. */
  firstIndex: number;
  /** Index in `RevenueShareAllocations` of the chunk's last record. */
  lastIndex: number;
  /** The chunk's task, when it was started. */
  taskId?: string;
}

/** Masks every run of exactly 12 digits (account ids) in a text from elsewhere. */
export function redactAccountIds(text: string): string {
  return text.replace(/(?<!\d)\d{8}(\d{4})(?!\d)/g, "********$1");
}

function describeRanges(ranges: AllocationsChunkRange[], chunkCount: number): string {
  if (!ranges.length) return "none";
  const first = ranges[0]!;
  const last = ranges[ranges.length - 1]!;
  const chunks =
    ranges.length === 1 ? `chunk ${first.chunkIndex + 1}` : `chunks ${first.chunkIndex + 1}-${last.chunkIndex + 1}`;
  return `${chunks} of ${chunkCount} (RevenueShareAllocations[${first.firstIndex}..${last.lastIndex}])`;
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return redactAccountIds(String(cause));
  const reason = (cause as { Reason?: unknown }).Reason;
  const head = cause instanceof PartnerCentralRevenueMeasurementServiceException || typeof reason === "string"
    ? `${cause.name}${typeof reason === "string" ? ` (${reason})` : ""}`
    : cause.name;
  return `${head}: ${redactAccountIds(cause.message)}`;
}

/**
 * `submitAllocations` stopped before every chunk was committed. Nothing is
 * silently lost: `committed`, `inDoubt` and `notCommitted` together cover every
 * chunk, in order. `cause` is the underlying error.
 *
 * To continue: if `inDoubt` has a `taskId`, wait for that task again; then
 * submit the records of the remaining chunks starting from `revision`.
 */
export class AllocationsSubmissionError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "AllocationsSubmissionError";
  /** Chunks whose task is COMPLETE, in order (always a prefix of the submission). */
  readonly committed: AllocationsChunkRange[];
  /**
   * The chunk whose outcome is unknown: its start may have reached the service
   * (network failure, 5xx, abort), or its task was started but the wait ended
   * without COMPLETE or FAILED (deadline, abort, superseded, polling error).
   */
  readonly inDoubt?: AllocationsChunkRange;
  /** Chunks that were certainly not applied: a FAILED or rejected chunk, and every chunk after the stop. */
  readonly notCommitted: AllocationsChunkRange[];
  /** Total chunks of the submission. */
  readonly chunkCount: number;
  /** Records in committed chunks. */
  readonly recordsCommitted: number;
  /** Records in the submission. */
  readonly recordsTotal: number;
  /**
   * The attribution's revision after the last committed chunk (the starting
   * revision when none was committed); undefined when it is not known.
   */
  readonly revision?: string;
  /** The COMPLETE tasks of the committed chunks. */
  readonly tasks: GetRevenueAttributionAllocationsTaskOutput[];

  constructor(init: {
    committed: AllocationsChunkRange[];
    inDoubt?: AllocationsChunkRange;
    notCommitted: AllocationsChunkRange[];
    chunkCount: number;
    recordsTotal: number;
    revision?: string;
    tasks: GetRevenueAttributionAllocationsTaskOutput[];
    cause: unknown;
  }) {
    const stoppedAt = init.inDoubt ?? init.notCommitted[0];
    const where = stoppedAt ? `at chunk ${stoppedAt.chunkIndex + 1} of ${init.chunkCount}` : "after the last chunk";
    const parts = [
      `submitAllocations stopped ${where}: ${describeCause(init.cause)}.`,
      `Committed: ${describeRanges(init.committed, init.chunkCount)}` +
        (init.committed.length && init.revision ? `, revision ${init.revision}.` : "."),
    ];
    if (init.inDoubt) {
      parts.push(
        `Outcome unknown: ${describeRanges([init.inDoubt], init.chunkCount)}` +
          (init.inDoubt.taskId ? `, task ${init.inDoubt.taskId}.` : "."),
      );
    }
    parts.push(`Not committed: ${describeRanges(init.notCommitted, init.chunkCount)}.`);
    super(parts.join(" "), { cause: init.cause });
    this.committed = init.committed;
    this.inDoubt = init.inDoubt;
    this.notCommitted = init.notCommitted;
    this.chunkCount = init.chunkCount;
    this.recordsTotal = init.recordsTotal;
    this.recordsCommitted = init.committed.reduce((n, r) => n + r.lastIndex - r.firstIndex + 1, 0);
    this.revision = init.revision;
    this.tasks = init.tasks;
  }
}

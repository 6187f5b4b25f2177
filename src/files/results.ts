/** Per-row results of applying a changes file, and the results file. */
import type { RevenueShareAllocation } from "../index.js";
import type { AllocationsReport } from "../batch/index.js";
import { writeRecords, type AllocationFileDestination } from "./write.js";
import type { AllocationFileFormat } from "./read.js";

/**
 * What happened to one row:
 * - `applied`: committed by a task of this run;
 * - `already applied`: the attribution held it before this run (an earlier run, or the same values);
 * - `failed`: the service refused it (`ErrorCode`, `ErrorMessage`); fix the row and run again;
 * - `not applied`: not sent, or sent in a task that failed because of other rows; running again sends it;
 * - `in doubt`: sent, but the run stopped before the outcome was seen; running again settles it (never twice).
 */
export type AllocationOutcome = "applied" | "already applied" | "failed" | "not applied" | "in doubt";

/** The result of one row of a changes file. */
export interface AllocationRowResult {
  /** The row's file line. */
  line: number;
  /** `CREATE` or `UPDATE`. */
  Action: string;
  /** The allocation the row created or updated, when known. */
  RevenueAttributionAllocationId?: string;
  outcome: AllocationOutcome;
  /** The service's error code, for `failed` rows. */
  ErrorCode?: string;
  /** The service's message (account ids masked), for `failed` rows; what to do, for `in doubt` rows. */
  ErrorMessage?: string;
}

/** The columns of a results file, in order. */
export const RESULT_COLUMNS = ["Line", "Action", "RevenueAttributionAllocationId", "Outcome", "ErrorCode", "ErrorMessage"] as const;

/** Every row's result from a batch report (from `submitAllocations`' output or its `AllocationsSubmissionError`). */
export function resultsOf(
  rows: readonly RevenueShareAllocation[],
  lines: readonly number[],
  report: AllocationsReport,
): AllocationRowResult[] {
  const results: AllocationRowResult[] = rows.map((row, i) => ({
    line: lines[i] ?? i,
    Action: row.Action,
    ...(row.Action === "UPDATE" && row.RevenueAttributionAllocationId ? { RevenueAttributionAllocationId: row.RevenueAttributionAllocationId } : {}),
    outcome: "not applied",
  }));
  const mark = (ranges: AllocationsReport["committed"], outcome: AllocationOutcome, extra: Partial<AllocationRowResult> = {}) => {
    for (const { first, last } of ranges) for (let i = first; i <= last; i++) Object.assign(results[i]!, { outcome, ...extra });
  };
  mark(report.committed, "applied");
  mark(report.alreadyApplied, "already applied");
  mark(report.inDoubt, "in doubt", { ErrorMessage: "the run stopped before this row's outcome was seen; run again to settle it" });
  for (const f of report.failed) Object.assign(results[f.index]!, { outcome: "failed", ErrorCode: f.ErrorCode, ErrorMessage: f.ErrorMessage });
  return results;
}

/** How many rows have each outcome. */
export function countOutcomes(results: readonly AllocationRowResult[]): Record<AllocationOutcome, number> {
  const counts: Record<AllocationOutcome, number> = { applied: 0, "already applied": 0, failed: 0, "not applied": 0, "in doubt": 0 };
  for (const r of results) counts[r.outcome]++;
  return counts;
}

/**
 * Writes a results file: one record per row with `Line`, `Action`,
 * `RevenueAttributionAllocationId`, `Outcome`, `ErrorCode`, `ErrorMessage`,
 * as CSV (with a header) or JSON Lines. Resolves with the number of records.
 *
 * ```ts
 * const outcome = await applyAllocationsFile({ client }, { ...target, changes });
 * await writeAllocationResults("results.csv", outcome.results);
 * ```
 *
 * @throws AllocationsFileError when the destination cannot be written.
 */
export function writeAllocationResults(
  destination: AllocationFileDestination,
  results: Iterable<AllocationRowResult>,
  options: { format?: AllocationFileFormat } = {},
): Promise<number> {
  const format = options.format ?? (typeof destination === "string" && /\.(jsonl|ndjson)$/i.test(destination) ? "jsonl" : "csv");
  const records = (function* () {
    for (const r of results) {
      yield {
        Line: r.line,
        Action: r.Action,
        RevenueAttributionAllocationId: r.RevenueAttributionAllocationId,
        Outcome: r.outcome,
        ErrorCode: r.ErrorCode,
        ErrorMessage: r.ErrorMessage,
      };
    }
  })();
  return writeRecords(destination, format, RESULT_COLUMNS, records);
}
